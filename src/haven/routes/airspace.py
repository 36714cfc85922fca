"""Each state's airspace for a person on a date: closed, exposed or free, from the engine's verdicts (the
rules that declare they shut a state's airspace, and the arrest risk of the states obliged to arrest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from haven.engine import series
from haven.knowledge import KnowledgeBase
from haven.persons import Person
from haven.vocabulary import TIERS

FREE, EXPOSED, CLOSED = "free", "exposed", "closed"
STATUSES = (FREE, EXPOSED, CLOSED)
EXPOSED_RISK = 0.5  # an obliged state not known to refuse (arrest risk at or above this) exposes a forced landing


@dataclass(frozen=True)
class Airspaces:
    """Per state: status, tier and the reasons (rule names) behind a closure, for one person on one date."""

    person: Person
    on: date
    status: dict[str, str]  # iso3 of every state -> free / exposed / closed
    tier: dict[str, str]
    reasons: dict[str, tuple[str, ...]]
    arrest_risk: dict[str, float]

    def of(self, iso3: str, kb: KnowledgeBase) -> str:
        """Status of any airspace code: a territory takes its sovereign's; an area with no state is free."""
        return self.status.get(sovereign(iso3, kb), FREE)

    def tier_of(self, iso3: str, kb: KnowledgeBase) -> str | None:
        return self.tier.get(sovereign(iso3, kb))


def sovereign(code: str, kb: KnowledgeBase) -> str:
    if code and code in kb.countries:
        return kb.countries.sovereign_of(code)
    return code


def airspaces(person: Person, on: date, kb: KnowledgeBase) -> Airspaces:
    # the function haven.engine.series, which mypy takes for the submodule of that name inside this import cycle
    result = series(person, np.array([np.datetime64(on, "D")]), kb)  # type: ignore[operator]
    countries = result.countries
    fired = {name: matrix[0] for name, matrix in result.airspace_closed_by().items()}
    closed = np.logical_or.reduce(list(fired.values())) if fired else np.zeros(len(countries), dtype=bool)
    risk = result.arrest_risk[0]
    exposed = (result.obliged[0] | result.disputed[0]) & (risk >= EXPOSED_RISK) & ~closed
    status, tier, reasons, arrest = {}, {}, {}, {}
    for position, iso3 in enumerate(countries):
        status[iso3] = CLOSED if closed[position] else EXPOSED if exposed[position] else FREE
        tier[iso3] = TIERS[int(result.tier[0, position])]
        why = tuple(name for name, where in fired.items() if where[position])
        if status[iso3] == EXPOSED:
            why = ("obliged_to_arrest",)
        reasons[iso3] = why
        arrest[iso3] = float(risk[position])
    home = person.home
    if home in status:
        status[home], reasons[home] = FREE, ()
    return Airspaces(person, on, status, tier, reasons, arrest)
