"""A person's compiled model: every rule's spans, computed once and reused for any date or series of dates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from haven.engine.rules import RULES, Rule, Subject, lists_contain
from haven.engine.spans import Packed, pack
from haven.knowledge import KnowledgeBase
from haven.persons import Person

BROKEN_BY_REGIME_CHANGE = ("tie", "leniency")


@dataclass(frozen=True)
class Model:
    subject: Subject
    spans: dict[str, pd.DataFrame]  # rule name -> spans
    rules: tuple[Rule, ...]
    countries: tuple[str, ...]  # the states assessed, in matrix column order
    packed: dict[str, Packed]
    columns: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # rule -> (iso3, label, certainty) per span

    def parts(self) -> dict:
        """Everything but the subject (which holds the knowledge base): what may be cached on disk."""
        return {"spans": self.spans, "countries": self.countries, "packed": self.packed, "columns": self.columns}

    @classmethod
    def from_parts(cls, subject: Subject, parts: dict) -> "Model":
        return cls(subject, parts["spans"], tuple(RULES), parts["countries"], parts["packed"], parts["columns"])


def end_ties_at_regime_change(spans: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """A change of regime that breaks with the person's state ends the ties the old regime made."""
    if spans.empty or changes.empty:
        return spans
    spans = spans.copy()
    for change in changes.itertuples(index=False):
        day = np.datetime64(change.held_from, "D")
        older = (spans["iso3"] == change.country) & (spans["begin"] < day) & (spans["until"] > day)
        spans.loc[older, "until"] = day
    return spans


def compile_model(kb: KnowledgeBase, person: Person) -> Model:
    subject = Subject(kb, person)
    changes = kb.table("government_changes")
    changes = changes[lists_contain(changes["breaks_with"], person.home) & changes["held_from"].notna()]
    spans = {}
    for rule in RULES:
        produced = rule.func(subject)
        if rule.axis in BROKEN_BY_REGIME_CHANGE:
            produced = end_ties_at_regime_change(produced, changes)
        spans[rule.name] = produced
    countries = tuple(kb.countries.states())
    packed = {name: pack(frame, countries) for name, frame in spans.items()}
    columns = {name: tuple(frame[c].to_numpy(dtype=object) for c in ("iso3", "label", "certainty")) for name, frame in spans.items()}
    return Model(subject, spans, tuple(RULES), countries, packed, columns)
