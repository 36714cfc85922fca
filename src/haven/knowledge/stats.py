"""Counts of facts, for `haven data stats`: per kind with the share resting on primary sources, and per person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haven.knowledge.schema import FACT_KINDS, person_columns, primary_source_types
from haven.knowledge.store import KnowledgeBase
from haven.lazy import lazy

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy("pandas")

PRIMARY = primary_source_types()
PERSON_COLUMNS = person_columns()


def source_types(kb: KnowledgeBase) -> dict[str, int]:
    """How many sources of each type (court, government, press ...) the knowledge base cites."""
    counts: dict[str, int] = {}
    for row in kb.records("sources"):
        counts[row["source_type"]] = counts.get(row["source_type"], 0) + 1
    return counts


def _is_primary(kb: KnowledgeBase):
    kinds = dict(zip(kb.table("sources")["id"], kb.table("sources")["source_type"], strict=True))
    return lambda source_ids: any(kinds.get(s.strip()) in PRIMARY for s in source_ids.split(";"))


def stats_by_kind(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per fact kind: rows, rows with a primary source (depositary, court, government, intergovernmental body, UN), the share."""
    primary = _is_primary(kb)
    records = []
    for kind in FACT_KINDS:
        frame = kb.table(kind)
        with_primary = int(frame["source"].map(primary).sum()) if not frame.empty else 0
        records.append({"kind": kind, "rows": len(frame), "primary": with_primary})
    frame = pd.DataFrame(records)
    frame.loc[len(frame)] = {"kind": "all", "rows": frame["rows"].sum(), "primary": frame["primary"].sum()}
    frame["primary_share"] = (frame["primary"] / frame["rows"].where(frame["rows"] > 0)).round(3).fillna(0.0)
    return frame


def stats_by_person(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per person: how many facts of each person-specific kind name them."""
    kinds = [k for k in FACT_KINDS if any(c in kb.table(k).columns for c in PERSON_COLUMNS)]
    records = []
    for person in kb.table("persons")["id"]:
        record = {"person": person}
        for kind in kinds:
            frame = kb.table(kind)
            column = next(c for c in PERSON_COLUMNS if c in frame.columns)
            record[kind] = int((frame[column] == person).sum())
        record["total"] = sum(record[k] for k in kinds)
        records.append(record)
    return pd.DataFrame(records)
