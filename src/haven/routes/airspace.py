"""Each state's airspace for a person on a date: closed, exposed or free, from the engine's rule matrices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from haven.engine import evaluate_series
from haven.knowledge import KnowledgeBase
from haven.persons import Person
from haven.vocabulary import TIERS

FREE, EXPOSED, CLOSED = "free", "exposed", "closed"
STATUSES = (FREE, EXPOSED, CLOSED)
# Rules that close a state's airspace to the person's aircraft: closures aimed at aircraft of the person's
# state, refusals of the person's own flight, and bans on the person's entry or the states' hostility.
CLOSING_RULES = ("airspace_closed", "flight_refused", "entry_ban", "at_war", "no_relations")
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
    evaluation = evaluate_series(person, np.array([np.datetime64(on, "D")]), kb)
    countries = evaluation.grid.countries
    fired = {name: evaluation.rules[name][0] > 0 for name in CLOSING_RULES}
    closed = np.logical_or.reduce(list(fired.values()))
    risk = evaluation.arrest_risk[0]
    exposed = evaluation.obliged[0] & (risk >= EXPOSED_RISK) & ~closed
    status, tier, reasons, arrest = {}, {}, {}, {}
    for position, iso3 in enumerate(countries):
        status[iso3] = CLOSED if closed[position] else EXPOSED if exposed[position] else FREE
        tier[iso3] = TIERS[int(evaluation.tier[0, position])]
        why = tuple(name for name in CLOSING_RULES if fired[name][position])
        if status[iso3] == EXPOSED:
            why = ("obliged_to_arrest",)
        reasons[iso3] = why
        arrest[iso3] = float(risk[position])
    home = person.home
    if home in status:
        status[home], reasons[home] = FREE, ()
    return Airspaces(person, on, status, tier, reasons, arrest)
