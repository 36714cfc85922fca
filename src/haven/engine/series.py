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
from haven.vocabulary import TIERS


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

    def tier_counts(self) -> np.ndarray:
        """Matrix (dates x tiers): how many states sit in each tier on each date."""
        tiers = np.asarray(self.tier, dtype=int)
        return np.stack([(tiers == i).sum(axis=1) for i in range(len(TIERS))], axis=1)

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
        return sorted(out, key=lambda e: (e.day, e.label))
