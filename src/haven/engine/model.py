"""A person's compiled model: every rule's spans as arrays, computed once and reused for any date or series.

Compiling reads the knowledge base through the rulebook; the result is plain arrays and dicts (no pandas), so
a model read back from the cache answers without importing pandas at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from haven.engine.rulebook import MODIFIERS, RULEBOOK, Modifier, Rule, Subject
from haven.engine.spans import Packed, make_spans, pack

if TYPE_CHECKING:
    import pandas as pd

    from haven.knowledge import KnowledgeBase
    from haven.persons import Person


@dataclass(frozen=True)
class Event:
    """A modifier's event (a change of regime): where, from when, which fact, and its particulars."""

    modifier: str
    country: str
    day: date
    fact: str
    table: str
    source: str
    when: str
    certainty: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class Milestone:
    """A fact beginning or ending on a day, before any modifier shortened it: what a timeline may annotate."""

    day: date
    rule: str
    fact: str
    begins: bool
    detail: dict[str, Any]


@dataclass(frozen=True)
class Model:
    subject: Subject
    rules: tuple[Rule, ...]
    countries: tuple[str, ...]  # the states assessed, in matrix column order
    packed: dict[str, Packed]
    events: tuple[Event, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    inputs: tuple = field(default=())  # keys of the context inputs compiled in

    def parts(self) -> dict:
        """Everything but the subject (which holds the knowledge base): what the cache keeps."""
        return {"rules": tuple(r.name for r in self.rules), "countries": self.countries, "packed": self.packed,
                "events": self.events, "milestones": self.milestones}

    @classmethod
    def from_parts(cls, subject: Subject, parts: dict) -> Model:
        declared = {r.name: r for r in RULEBOOK}
        return cls(subject, tuple(declared[n] for n in parts["rules"]), parts["countries"], parts["packed"],
                   parts["events"], parts["milestones"])


def _day(value: Any) -> date:
    return np.datetime64(value, "D").astype(date)


def _events(modifier: Modifier, subject: Subject) -> tuple[Event, ...]:
    rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in modifier.events(subject).to_dict("records")]
    return tuple(Event(modifier.name, r["country"], _day(r["day"]), r["fact"], r["table"], r["source"], r["when"],
                       r["certainty"], dict(r["detail"])) for r in rows)


def _milestones(rule: Rule, spans: pd.DataFrame) -> Iterable[Milestone]:
    if rule.words.headline is None or spans.empty:
        return ()
    far = np.datetime64("9999-12-31", "D")
    seen: set[tuple] = set()
    out: list[Milestone] = []
    for fact, begin, until, detail in zip(spans["fact"], spans["begin"], spans["until"], spans["detail"], strict=True):
        for day, begins in ((begin, True), (until, False)):
            day = np.datetime64(day, "D")
            if day == far or (fact, day, begins) in seen:
                continue
            seen.add((fact, day, begins))
            out.append(Milestone(_day(day), rule.name, fact, begins, dict(detail)))
    return out


def compile_rules(subject: Subject, rules: Iterable[Rule], countries: tuple[str, ...],
                  modifiers: dict[Modifier, pd.DataFrame]) -> tuple[dict[str, Packed], list[Milestone]]:
    packed: dict[str, Packed] = {}
    milestones: list[Milestone] = []
    for rule in rules:
        spans = rule.facts(subject)
        milestones.extend(_milestones(rule, spans))
        for modifier, events in modifiers.items():
            if rule.axis in modifier.acts_on:
                spans = modifier.apply(rule.name, rule, spans, events)
        packed[rule.name] = pack(spans, countries, [rule.words.label(d) for d in spans["detail"]])
    return packed, milestones


def compile_model(kb: KnowledgeBase, person: Person, rulebook: tuple[Rule, ...] = RULEBOOK) -> Model:
    """Every rule of `rulebook` that needs no context input, compiled for `person` against the knowledge base's states."""
    subject = Subject(kb, person)
    countries = tuple(kb.countries.states())
    modifiers = {m: m.events(subject) for m in MODIFIERS}
    events = tuple(e for m in MODIFIERS for e in _events(m, subject))
    rules = tuple(r for r in rulebook if r.needs is None)
    packed, milestones = compile_rules(subject, rules, countries, modifiers)
    milestones.extend(Milestone(e.day, e.modifier, e.fact, True, e.detail) for e in events)
    ordered = tuple(sorted(milestones, key=lambda m: (m.day, m.rule, m.fact, m.begins)))
    return Model(subject, rules, countries, packed, events, ordered)


def with_inputs(model: Model, inputs: Iterable[Any]) -> Model:
    """The model plus the rules that read the given context inputs (each input has a `name`)."""
    given = {i.name: i for i in inputs}
    if not given:
        return model
    subject = replace(model.subject, inputs={**model.subject.inputs, **given})
    extra = tuple(r for r in RULEBOOK if r.needs in given)
    packed, _ = compile_rules(subject, extra, model.countries, {})
    return replace(model, subject=subject, rules=(*model.rules, *extra), packed={**model.packed, **packed},
                   inputs=tuple(i.key() for i in given.values()))


__all__ = ["Event", "Milestone", "Model", "compile_model", "make_spans", "with_inputs"]
