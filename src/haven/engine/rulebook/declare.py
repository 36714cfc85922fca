"""How a rule is declared: once, as data (name, axis, effect, weight, explanation) plus a small pure function
that turns facts into spans with structured particulars, and the words that tell those particulars.

The combination of rules into verdicts (`haven.engine.combine`) reads only what is declared here: a rule's
axis and effect, never its name. So a new rule is one declaration (and its tests), and its effect on tiers,
arrest risk and visit likelihood follows from what it declares.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from haven.engine.evidence import Finding, Statement
    from haven.engine.names import Names
    from haven.knowledge import KnowledgeBase
    from haven.persons import Person

Detail = Mapping[str, Any]

# Axes: what a rule is about.
DUTY = "duty"  # whether the state must arrest the person
HOSTILITY = "hostility"  # measures against the person or the person's state that make a visit unwelcome
BAN = "ban"  # what shuts the state to the person: an entry ban, war, no relations
TIE = "tie"  # what binds the state to the person's state; summed into tie strength
LENIENCY = "leniency"  # what makes an obliged state less likely to arrest
FIRMNESS = "firmness"  # what makes an obliged state more likely to arrest
CONTEXT = "context"  # what makes a trip likely without binding the states together
AXES: dict[str, str] = {
    DUTY: "whether the state must arrest the person",
    BAN: "shuts the state to the person (closed, whatever else holds)",
    HOSTILITY: "a measure against the person or the person's state (at least risky)",
    TIE: "binds the state to the person's state (summed into tie strength)",
    LENIENCY: "lowers an obliged state's arrest risk",
    FIRMNESS: "raises an obliged state's arrest risk",
    CONTEXT: "makes a visit more or less likely, nothing else",
}

# Roles a duty rule plays in `obliged_to_arrest`.
WARRANT = "warrant"  # a court's warrant for the person is in force and public
BOUND = "bound"  # the state must carry out that court's warrants
OWN_WARRANT = "own-warrant"  # the state's own court wants the person: obliged on its own
RELEASED = "released"  # a ruling releases the state from the duty


@dataclass(frozen=True)
class Subject:
    """Whom the rules are about, and the context inputs a caller declared (see `haven.engine.context`)."""

    kb: KnowledgeBase
    person: Person
    inputs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def home(self) -> str:
        return self.person.home


@dataclass(frozen=True)
class Effect:
    """What a firing rule does to a verdict; everything defaults to nothing."""

    duty: str | None = None  # its role in obliged_to_arrest (WARRANT, BOUND, OWN_WARRANT, RELEASED)
    risk: float = 0.0  # added to an obliged state's arrest risk
    risk_not_obliged: float | None = None  # the least arrest risk of a state not obliged
    feature: str | None = None  # the visit_likelihood feature it provides
    feature_per: float | None = None  # the feature is the rule's value divided by this; None: 1 when it fires
    total_feature: str | None = None  # a person-level feature too: log(1 + the feature summed over every state)
    visit_log_odds: Mapping[float, float] | None = None  # fixed log-odds added to visit_likelihood, by span value
    closes_airspace: bool = False  # the state's airspace is shut to the person's aircraft
    only_when_obliged: bool = False  # shown as a reason only where the state is obliged (the warrant itself)
    in_reasons: bool = True  # False: a background feature (distance, size), explained but not listed as a reason
    tier_cap_obliged: str | None = None  # while it fires, an obliged state's tier is at most this
    tier_cap_free: str | None = None  # while it fires, a state not obliged is at most this
    overrides: str | None = None  # cancels, where it fires, the facts resting on these grounds (detail "grounds")
    gateway: bool = False  # where it fires, the state is no safer than the safest state entered to reach it


@dataclass(frozen=True)
class Told:
    """What the words for one finding may use: the finding, the state, names, the person and the date."""

    finding: Finding
    iso3: str
    names: Names
    person: str  # the person's name
    home: str  # the person's state, as it runs in a sentence
    person_id: str
    on: date

    @property
    def country(self) -> str:
        return self.names.country(self.iso3)


Label = Callable[[Detail], str]
Reason = Callable[[Sequence[tuple[Detail, str, str]]], str]  # (detail, label, certainty) of the live facts
Statements = Callable[[Told], "list[Statement]"]
Headline = Callable[[Detail, bool, "Names"], "str | None"]  # (detail, begins?, names)


@dataclass(frozen=True)
class Words:
    """How a rule's evidence is told: one fact (`label`), a reason from several (`reason`), sentences for a
    brief (`statements`), one short sentence for an article where `statements` would be too long (`gist`), and
    a headline for a timeline when a fact begins or ends (`headline`)."""

    label: Label
    reason: Reason | None = None
    statements: Statements | None = None
    gist: Statements | None = None
    headline: Headline | None = None
    milestone: str | None = None  # the kind of timeline event (warrant, icc, stance, government, treaty)


@dataclass(frozen=True)
class Rule:
    name: str
    axis: str
    facts: Callable[[Subject], pd.DataFrame]
    explanation: str
    words: Words
    effect: Effect = Effect()
    how: str = "sum"  # how spans active on the same day combine: sum or max
    cap: float | None = None
    weight: str = "fires or not"  # the numbers it uses, in words, for `haven method`
    needs: str | None = None  # a context input the caller must declare; the rule is left out without it


@dataclass(frozen=True)
class Modifier:
    """A fact that changes other rules' spans rather than adding its own: a change of regime that ends the old
    regime's ties, an ICC ruling that cancels an immunity claim. Declared like a rule."""

    name: str
    explanation: str
    events: Callable[[Subject], pd.DataFrame]  # one row per event: country, day, fact, detail, source, when
    apply: Callable[[str, Rule, pd.DataFrame, pd.DataFrame], pd.DataFrame]  # (rule name, rule, spans, events)
    words: Words
    acts_on: tuple[str, ...] = ()  # the axes whose spans it changes


@dataclass(frozen=True)
class Dispute:
    """How a verdict is reached where authoritative sources conflict on a fact of one axis (certainty
    `disputed`): the verdict is worked out under both readings (the fact holds; it does not) and combined."""

    name: str
    axis: str
    explanation: str
    tier_floor: str  # the combined tier is at least this
    closed_only_if_both: bool  # closed only where both readings are closed
    risk: str = "mean"  # how the two arrest risks combine


def rule(axis: str, words: Words, *, effect: Effect = Effect(), how: str = "sum", cap: float | None = None,
         weight: str = "fires or not", needs: str | None = None) -> Callable[[Callable[[Subject], pd.DataFrame]], Rule]:
    """Declare a rule from its function: the name is the function's, the explanation its docstring's first line."""
    def declare(func: Callable[[Subject], pd.DataFrame]) -> Rule:
        explanation = (func.__doc__ or "").strip().splitlines()[0]
        return Rule(func.__name__, axis, func, explanation, words, effect, how, cap, weight, needs)

    return declare


def first_and_more(items: Sequence[tuple[Detail, str, str]]) -> str:
    """The default reason: the first counted fact's words, and how many more there are."""
    marked = [label + (" (disputed)" if certainty == "disputed" else "") for _, label, certainty in items]
    labels = [m for m, (_, _, certainty) in zip(marked, items, strict=True) if certainty != "unverified"] or marked
    return labels[0] + (f" (+{len(labels) - 1} more)" if len(labels) > 1 else "")
