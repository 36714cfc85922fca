"""The rulebook: every rule and modifier of the method, each declared once, in the order they are shown.

To add a rule, declare it with `@rule(axis, Words(...), effect=Effect(...))` in the module of its axis and list
it here; `haven method`, docs/method.md, explanations, briefs and the backtest pick it up from the declaration.
"""

from __future__ import annotations

from haven.engine.rulebook.conduct import (
    hosted_under_warrant,
    invitation,
    non_compliance_record,
    will_arrest,
    will_not_arrest,
)
from haven.engine.rulebook.context import airspace_access, neighbour
from haven.engine.rulebook.declare import (
    AXES,
    Effect,
    Modifier,
    Rule,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.rulebook.duty import (
    icc_declaration,
    icc_state_party,
    icc_warrant,
    national_warrant,
)
from haven.engine.rulebook.hostility import (
    airspace_closed,
    asset_freeze,
    at_war,
    entry_ban,
    flight_refused,
    no_relations,
    state_sanctions,
)
from haven.engine.rulebook.regime import regime_change
from haven.engine.rulebook.ties import (
    arms_supplies,
    recent_visits,
    shared_alliance,
    trade_dependence,
    treaty_ties,
    troops_and_bases,
    un_vote_alignment,
)

RULEBOOK: tuple[Rule, ...] = (
    icc_warrant, icc_state_party, icc_declaration, national_warrant,
    entry_ban, asset_freeze, state_sanctions, airspace_closed, flight_refused, at_war, no_relations,
    shared_alliance, treaty_ties, troops_and_bases, arms_supplies, un_vote_alignment, trade_dependence, recent_visits,
    neighbour,
    will_not_arrest, invitation, non_compliance_record, hosted_under_warrant, will_arrest,
    airspace_access,
)
MODIFIERS: tuple[Modifier, ...] = (regime_change,)


def rules(*, axis: str | None = None) -> tuple[Rule, ...]:
    """The declared rules, optionally only those of one axis."""
    return tuple(r for r in RULEBOOK if axis is None or r.axis == axis)


def by_name(name: str) -> Rule | Modifier:
    declared: tuple[Rule | Modifier, ...] = (*RULEBOOK, *MODIFIERS)
    for item in declared:
        if item.name == name:
            return item
    raise KeyError(name)


__all__ = ["AXES", "MODIFIERS", "RULEBOOK", "Effect", "Modifier", "Rule", "Subject", "Told", "Words", "by_name", "rule", "rules"]
