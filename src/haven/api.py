"""The Python API people call: names and strings in, the engine's answers out."""

from __future__ import annotations

from datetime import date

import pandas as pd

from haven.dates import parse_day
from haven.engine import Assessment
from haven.engine import assess as engine_assess
from haven.knowledge import KnowledgeBase, load
from haven.knowledge.query import facts as query_facts


def assess(person: str, on: str | date | None = None, kb: KnowledgeBase | None = None) -> Assessment:
    """`haven.assess("putin", on="2024-06-24")`: every state's verdict; `on` defaults to today."""
    kb = kb or load()
    return engine_assess(person, parse_day(on, default=date.today()), kb)


def facts(kind: str, on: str | date | None = None, *, ever: bool = False, counted: bool = False,
          kb: KnowledgeBase | None = None, **where: str) -> pd.DataFrame:
    """`haven.facts("memberships", on="2024-02-01", organisation="ICC", role="party")`: the fact rows that held
    that day (all rows without `on`), each with its first source's publisher and URL."""
    kb = kb or load()
    return query_facts(kb, kind, parse_day(on) if on is not None else None, where, ever=ever, counted=counted)
