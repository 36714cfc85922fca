"""The backtest's data set: one row per (person, as-of date, state), with the label, the features of
`visit_likelihood` and the score of every method that needs no fitting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from haven.backtest.baselines import icc_rule, prior_visits
from haven.backtest.grid import (
    DEFAULT_EVERY,
    DEFAULT_HORIZON,
    Window,
    as_of_dates,
    window,
)
from haven.backtest.labels import counted_trips, visited
from haven.engine import Series, series, visit_feature_names
from haven.knowledge import KnowledgeBase
from haven.persons import Person

FEATURES: tuple[str, ...] = visit_feature_names()  # declared by the rulebook and the engine's combination


def features(result: Series) -> dict[str, np.ndarray]:
    """The inputs of `visit_likelihood` for every cell of a series."""
    return {name: result.features[name] for name in FEATURES}


@dataclass
class PersonSamples:
    window: Window
    dates: np.ndarray
    frame: pd.DataFrame  # rows of (date, iso3)


def person_samples(kb: KnowledgeBase, person: Person, *, today: date, every: timedelta = DEFAULT_EVERY,
                   horizon: timedelta = DEFAULT_HORIZON, start: date | None = None, end: date | None = None) -> PersonSamples:
    w = window(kb, person, today=today, horizon=horizon, start=start, end=end)
    dates = as_of_dates(w, every)
    if len(dates) == 0:
        return PersonSamples(w, dates, pd.DataFrame())
    result = series(person, dates, kb)
    countries = result.countries
    trips = counted_trips(kb, person)
    label = visited(trips, dates, countries, horizon)
    columns = {
        "label": label.astype(int),
        **features(result),
        "current": result.visit_likelihood,
        "icc-rule": icc_rule(result),
        "prior-visits": prior_visits(trips, dates, countries),
        "tier": result.tier,
    }
    n_dates, n_states = label.shape
    frame = pd.DataFrame({
        "person": person.id,
        "date": np.repeat(dates, n_states),
        "iso3": np.tile(np.array(countries, dtype=object), n_dates),
        **{name: np.asarray(values).reshape(-1) for name, values in columns.items()},
    })
    home = frame["iso3"] == person.home
    return PersonSamples(w, dates, frame[~home].reset_index(drop=True))


def build_samples(kb: KnowledgeBase, persons: list[Person], *, today: date, every: timedelta = DEFAULT_EVERY,
                  horizon: timedelta = DEFAULT_HORIZON, start: date | None = None, end: date | None = None,
                  progress: Callable[[Person], None] | None = None) -> tuple[pd.DataFrame, dict[str, Window]]:
    """Samples of every person, pooled, and each person's window."""
    frames, windows = [], {}
    for person in persons:
        result = person_samples(kb, person, today=today, every=every, horizon=horizon, start=start, end=end)
        windows[person.id] = result.window
        if not result.frame.empty:
            frames.append(result.frame)
        if progress is not None:
            progress(person)
    if not frames:
        return pd.DataFrame(columns=["person", "date", "iso3", "label", *FEATURES, "current", "icc-rule", "prior-visits", "tier"]), windows
    return pd.concat(frames, ignore_index=True), windows
