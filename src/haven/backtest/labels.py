"""What really happened: for each as-of date and state, did the person go there within the horizon?

A trip counts when its kind is a visit, summit or transit (`VISITED_KINDS`); trips avoided or attended only
by video count as not made. Trips marked `unverified` are left out, as the engine leaves them out: doubt is
shown, never counted. A trip to a territory counts for its sovereign state (Hong Kong for China).
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd

from haven.engine.spans import UNVERIFIED
from haven.knowledge import KnowledgeBase
from haven.persons import Person
from haven.vocabulary import VISITED_KINDS


def counted_trips(kb: KnowledgeBase, person: Person, *, include_unverified: bool = False) -> pd.DataFrame:
    """The person's trips made, with `iso3` (the sovereign state), `start_on` and `held_from` (when public)."""
    rows = kb.table("visits")
    rows = rows[(rows["person"] == person.id) & rows["kind"].isin(VISITED_KINDS) & rows["start_on"].notna()]
    if not include_unverified:
        rows = rows[rows["certainty"] != UNVERIFIED]
    iso3 = rows["country"].map(kb.countries.sovereign_of)
    return pd.DataFrame({
        "id": rows["id"], "iso3": iso3, "kind": rows["kind"],
        "start_on": rows["start_on"].values.astype("datetime64[D]"),
        "held_from": rows["held_from"].values.astype("datetime64[D]"),
    }).reset_index(drop=True)


def _count_between(trips: pd.DataFrame, column: str, dates: np.ndarray, countries: tuple[str, ...],
                   after: np.ndarray, until: np.ndarray) -> np.ndarray:
    """Matrix (dates x countries): number of trips with after < trips[column] <= until, per country."""
    out = np.zeros((len(dates), len(countries)))
    index = {c: i for i, c in enumerate(countries)}
    for iso3, group in trips.groupby("iso3"):
        if iso3 not in index:
            continue
        days = group[column].values.astype("datetime64[D]")
        inside = (days[None, :] > after[:, None]) & (days[None, :] <= until[:, None])
        out[:, index[iso3]] = inside.sum(axis=1)
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
        if iso3 not in index:
            continue
        began = group["start_on"].values.astype("datetime64[D]")[None, :]
        public = group["held_from"].values.astype("datetime64[D]")[None, :]
        inside = (began > since[:, None]) & (began <= dates[:, None]) & (public <= dates[:, None])
        out[:, index[iso3]] = inside.sum(axis=1)
    return out
