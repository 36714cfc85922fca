"""What the record says, for those who score the engine against it (the backtest): the persons with event outcomes
and the crowd forecasts. Views never read fact tables; they ask here."""

from __future__ import annotations

from haven.knowledge import KnowledgeBase
from haven.knowledge.schema import tables


def persons_with_outcomes(kb: KnowledgeBase) -> set[str]:
    """Ids of the persons with at least one recorded event outcome."""
    return set(kb.table("event_outcomes")["person"])


def crowd_record(kb: KnowledgeBase) -> tuple[dict[str, dict], list[dict]]:
    """The crowd questions by id, and every recorded crowd forecast; both empty where the tables are not declared."""
    if "crowd_questions" not in tables() or "crowd_forecasts" not in tables():
        return {}, []
    questions = {r["id"]: r for r in kb.table("crowd_questions").to_dict("records")}
    return questions, kb.table("crowd_forecasts").to_dict("records")
