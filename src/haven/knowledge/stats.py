"""Counts of facts, for `haven data stats`."""

from __future__ import annotations

import pandas as pd

from haven.knowledge.schema import FACT_KINDS
from haven.knowledge.store import KnowledgeBase

PRIMARY = frozenset({"depositary", "court", "government", "un"})
PERSON_COLUMNS = ("person", "target_person")


def _primary_share(kb: KnowledgeBase, frame: pd.DataFrame) -> float:
    if frame.empty:
        return 0.0
    kinds = kb.table("sources").set_index("id")["publisher_type"]

    def primary(source_ids: str) -> bool:
        return any(kinds.get(s.strip()) in PRIMARY for s in source_ids.split(";"))

    return round(frame["source"].map(primary).mean(), 3)


def fact_stats(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per fact kind: total rows, rows per person, share with a primary source."""
    persons = list(kb.table("persons")["id"])
    records = []
    for kind in FACT_KINDS:
        frame = kb.table(kind)
        record = {"kind": kind, "rows": len(frame), "primary_share": _primary_share(kb, frame)}
        column = next((c for c in PERSON_COLUMNS if c in frame.columns), None)
        for person in persons:
            record[person] = int((frame[column] == person).sum()) if column else None
        records.append(record)
    frame = pd.DataFrame(records)
    total = {"kind": "all", "rows": int(frame["rows"].sum())}
    weights = frame["rows"].where(frame["rows"] > 0, 0)
    total["primary_share"] = round(float((frame["primary_share"] * weights).sum() / max(weights.sum(), 1)), 3)
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
