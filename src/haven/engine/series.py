"""Verdicts for many dates at once (timelines, the backtest, route planning): matrices of dates x states, and
what a view may ask of them, so no view reads the rule matrices or the fact tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from haven.engine.combine import CLOSED, Evaluation
from haven.engine.model import Model
from haven.engine.names import Names
from haven.engine.profile import Profile
from haven.engine.status import DECEASED, no_travel_from, status_on
from haven.vocabulary import TIERS


def count_tiers(tiers: np.ndarray) -> np.ndarray:
    """Matrix (dates x tiers) from tier numbers (dates x states): how many states sit in each tier on each date."""
    tiers = np.asarray(tiers, dtype=int)
    return np.stack([(tiers == i).sum(axis=1) for i in range(len(TIERS))], axis=1)


@dataclass(frozen=True)
class Milestone:
    """A dated event a timeline may annotate: a fact beginning or ending, in its rule's words."""

    day: date
    label: str
    kind: str  # warrant, icc, stance, government, treaty (the rule's declared milestone kind)
    fact: str


class Series:
    """Tiers, obligation, arrest risk, visit likelihood and the visit features, per date (rows) and state (columns)."""

    def __init__(self, model: Model, evaluation: Evaluation, profile: Profile, method_version: str):
        self._model = model
        self._evaluation = evaluation
        self.profile = profile
        self.method_version = method_version
        self.data_version = model.subject.kb.version
        self.person = model.subject.person
        self.dates: np.ndarray = evaluation.grid.dates
        self.countries: tuple[str, ...] = evaluation.grid.countries
        self.tier: np.ndarray = evaluation.tier  # index into TIERS
        self.obliged: np.ndarray = evaluation.obliged  # settled: True only where the duty is not disputed
        self.disputed: np.ndarray = (evaluation.disputed if evaluation.disputed is not None
                                     else np.zeros_like(evaluation.obliged))
        self.arrest_risk: np.ndarray = evaluation.arrest_risk
        self.visit_likelihood: np.ndarray = evaluation.visit_likelihood
        self.ties: np.ndarray = evaluation.ties
        self.features: dict[str, np.ndarray] = evaluation.features

    @property
    def closed(self) -> np.ndarray:
        return self.tier == CLOSED

    def travelling(self) -> np.ndarray:
        """Per date: False from the day the person is in custody or dead, when there is no travel to assess."""
        stop = no_travel_from(self.profile)
        if stop is None:
            return np.ones(len(self.dates), dtype=bool)
        return np.asarray(self.dates, dtype="datetime64[D]") < np.datetime64(stop, "D")

    def tier_counts(self) -> np.ndarray:
        """Matrix (dates x tiers): how many states sit in each tier on each date (none while the person is in
        custody or dead: a count of open states would read as freedom to travel)."""
        return count_tiers(self.tier) * self.travelling()[:, None]

    def airspace_closed_by(self) -> dict[str, np.ndarray]:
        """Per rule that declares it shuts airspace: where it fires (dates x states)."""
        return {rule.name: self._evaluation.rules[rule.name] > 0 for rule in self._model.rules if rule.effect.closes_airspace}

    def milestones(self, start: date, end: date) -> list[Milestone]:
        """Facts that began or ended in [start, end], as a timeline words them, each on the day it counted."""
        from haven.engine.rulebook import by_name

        names = Names(self._model.subject.kb)
        out = []
        for m in self._model.milestones:
            if not start <= m.day <= end:
                continue
            words = by_name(m.rule).words
            label = words.headline(m.detail, m.begins, names) if words.headline else None
            if label:
                out.append(Milestone(m.day, label, words.milestone or m.rule, m.fact))
        stop = no_travel_from(self.profile)
        if stop is not None and start <= stop <= end:  # from here on the counts are empty: say why
            status = status_on(self.profile, stop)
            label = "Died" if status.status == DECEASED else status.words().split(" since ")[0].capitalize()
            out.append(Milestone(stop, label, "warrant", status.fact))
        return sorted(out, key=lambda e: (e.day, e.label))
