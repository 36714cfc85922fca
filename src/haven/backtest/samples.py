"""The backtest's data set: one row per (person, as-of date, state), with the label, the features of
`visit_likelihood` and the score of every method that needs no fitting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

import numpy as np
import pandas as pd

from haven.backtest.baselines import icc_rule, prior_visits
from haven.backtest.grid import DEFAULT_EVERY, DEFAULT_HORIZON, Window, as_of_dates, window
from haven.backtest.labels import counted_trips, visited
from haven.engine import evaluate_series
from haven.engine.verdicts import CLOSED, Evaluation, _on, visit_features
from haven.knowledge import KnowledgeBase
from haven.persons import Person

FEATURES: tuple[str, ...] = ("recent_visits", "ties", "invitation", "neighbour", "obliged", "arrest_risk", "hostile", "closed")
HOSTILE_RULES = ("asset_freeze", "state_sanctions", "airspace_closed", "flight_refused")


def features(evaluation: Evaluation) -> dict[str, np.ndarray]:
    """The inputs of `visit_likelihood` (verdicts.visit_features) for every cell of an evaluation."""
    m = evaluation.rules
    hostile = _on(m, *HOSTILE_RULES)  # visit_features takes hostility without bans, wars and broken relations
    values = visit_features(m, evaluation.obliged, hostile, evaluation.ties, evaluation.arrest_risk, evaluation.tier)
    missing = set(values) ^ set(FEATURES)
    if missing:
        raise RuntimeError(f"visit_features changed: {sorted(missing)}; update haven.backtest.samples.FEATURES")
    return values


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
    evaluation = evaluate_series(person, dates, kb)
    countries = evaluation.grid.countries
    trips = counted_trips(kb, person)
    label = visited(trips, dates, countries, horizon)
    columns = {
        "label": label.astype(int),
        **features(evaluation),
        "current": evaluation.visit_likelihood,
        "icc-rule": icc_rule(evaluation),
        "prior-visits": prior_visits(trips, dates, countries),
        "tier": evaluation.tier,
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
