"""The rulebook: every rule and modifier of the method, each declared once, in the order they are shown.

To add a rule, declare it with `@rule(axis, Words(...), effect=Effect(...))` in the module of its axis (or a new
module listed in AXIS_MODULES): it joins the rulebook where it is declared, and `haven method`, docs/method.md,
explanations, briefs and the backtest pick it up from the declaration.
"""

from __future__ import annotations

from types import ModuleType

from haven.engine.rulebook import (
    conduct,
    context,
    disputes,
    duty,
    events,
    gravity,
    hostility,
    inputs,
    regime,
    rulings,
    ties,
)
from haven.engine.rulebook.declare import (
    AXES,
    Dispute,
    Effect,
    Modifier,
    Rule,
    Subject,
    Told,
    Words,
    rule,
)

AXIS_MODULES: tuple[ModuleType, ...] = (duty, hostility, ties, context, events, gravity, conduct, rulings, inputs)
MODIFIER_MODULES: tuple[ModuleType, ...] = (regime,)


def _declared(module: ModuleType, kind: type) -> list:
    """The rules (or modifiers) a module declares itself, in the order it declares them."""
    found = []
    for value in vars(module).values():
        origin = value.facts if isinstance(value, Rule) else value.events if isinstance(value, Modifier) else None
        if isinstance(value, kind) and origin is not None and origin.__module__ == module.__name__:
            found.append(value)
    return found


RULEBOOK: tuple[Rule, ...] = tuple(r for m in AXIS_MODULES for r in _declared(m, Rule))
MODIFIERS: tuple[Modifier, ...] = tuple(x for m in MODIFIER_MODULES for x in _declared(m, Modifier))
DISPUTES: tuple[Dispute, ...] = tuple(v for v in vars(disputes).values() if isinstance(v, Dispute))


def rules(*, axis: str | None = None) -> tuple[Rule, ...]:
    """The declared rules, optionally only those of one axis."""
    return tuple(r for r in RULEBOOK if axis is None or r.axis == axis)


def by_name(name: str) -> Rule | Modifier:
    declared: tuple[Rule | Modifier, ...] = (*RULEBOOK, *MODIFIERS)
    for item in declared:
        if item.name == name:
            return item
    raise KeyError(name)


__all__ = ["AXES", "DISPUTES", "MODIFIERS", "RULEBOOK", "Dispute", "Effect", "Modifier", "Rule", "Subject", "Told", "Words", "by_name",
           "rule", "rules"]
