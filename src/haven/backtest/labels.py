"""What really happened: for each as-of date and state, did the person go there within the horizon?

A trip counts when its kind is a visit, summit or transit (`VISITED_KINDS`); trips avoided or attended only
by video count as not made. Trips marked `unverified` are left out, as the engine leaves them out: doubt is
shown, never counted. A trip to a territory counts for its sovereign state (Hong Kong for China).
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from haven.engine import profile_of
from haven.knowledge import KnowledgeBase
from haven.persons import Person


def counted_trips(kb: KnowledgeBase, person: Person, *, include_unverified: bool = False) -> pd.DataFrame:
    """The person's trips made, with `iso3` (the sovereign state), `start_on` and `held_from` (when public)."""
    trips = [t for t in profile_of(kb, person).trips
             if t.made and t.start_on is not None and (include_unverified or t.counted)]
    return pd.DataFrame({
        "id": [t.fact for t in trips], "iso3": [t.state for t in trips], "kind": [t.kind for t in trips],
        "start_on": np.array([t.start_on for t in trips], dtype="datetime64[D]"),
        "held_from": np.array([t.known_from for t in trips], dtype="datetime64[D]"),
    })


def _count_between(trips: pd.DataFrame, column: str, dates: np.ndarray, countries: tuple[str, ...],
                   after: np.ndarray, until: np.ndarray) -> np.ndarray:
    """Matrix (dates x countries): number of trips with after < trips[column] <= until, per country."""
    out = np.zeros((len(dates), len(countries)))
    index = {c: i for i, c in enumerate(countries)}
    for iso3, group in trips.groupby("iso3"):
        if str(iso3) not in index:
            continue
        days = np.asarray(group[column], dtype="datetime64[D]")
        inside = (days[None, :] > after[:, None]) & (days[None, :] <= until[:, None])
        out[:, index[str(iso3)]] = inside.sum(axis=1)
    return out


def visited(trips: pd.DataFrame, dates: np.ndarray, countries: tuple[str, ...], horizon: timedelta) -> np.ndarray:
    """Boolean matrix (dates x countries): a trip began in (D, D + horizon]."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    h = np.timedelta64(horizon.days, "D")
    return _count_between(trips, "start_on", dates, countries, dates, dates + h) > 0


def visits_before(trips: pd.DataFrame, dates: np.ndarray, countries: tuple[str, ...], days: int = 730) -> np.ndarray:
    """Matrix (dates x countries): trips begun in the `days` before D (D included) and public by D."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    out = np.zeros((len(dates), len(countries)))
    index = {c: i for i, c in enumerate(countries)}
    since = dates - np.timedelta64(days, "D")
    for iso3, group in trips.groupby("iso3"):
        if str(iso3) not in index:
            continue
        began = np.asarray(group["start_on"], dtype="datetime64[D]")[None, :]
        public = np.asarray(group["held_from"], dtype="datetime64[D]")[None, :]
        inside = (began > since[:, None]) & (began <= dates[:, None]) & (public <= dates[:, None])
        out[:, index[str(iso3)]] = inside.sum(axis=1)
    return out
