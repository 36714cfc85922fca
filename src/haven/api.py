"""The Python API people call: names and strings in, the engine's answers out."""

from __future__ import annotations

from datetime import date

from haven.dates import parse_day
from haven.engine import Assessment
from haven.engine import assess as engine_assess
from haven.knowledge import KnowledgeBase, load


def assess(person: str, on: str | date | None = None, kb: KnowledgeBase | None = None) -> Assessment:
    """`haven.assess("putin", on="2024-06-24")`: every state's verdict; `on` defaults to today."""
    kb = kb or load()
    return engine_assess(person, parse_day(on, default=date.today()), kb)
