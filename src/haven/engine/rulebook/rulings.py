"""ICC rulings that widen or narrow the duty to arrest: a ruling that rejects immunity claims cancels them for
the states it concerns; a ruling that narrows the duty releases the state concerned from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haven import words as w
from haven.engine.evidence import Statement, cited
from haven.engine.rulebook.conduct import STANCE_COLUMNS, stance_headline, stances
from haven.engine.rulebook.declare import (
    DUTY,
    FIRMNESS,
    RELEASED,
    Detail,
    Effect,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.rulebook.reading import for_person
from haven.engine.spans import EVERY_COUNTRY, details, from_facts

if TYPE_CHECKING:
    import pandas as pd


def _ruling_label(d: Detail) -> str:
    return f"{d['by'] or 'ICC'} ruling of {d['start']} on the duty to arrest"


def _ruling_statements(told: Told, summary: bool = True) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        by = w.actor(d["by"]) or "the International Criminal Court"
        scope = told.names.country(d["country"]) if d["country"] else "states parties"
        how = "widened" if d["kind"] == "icc-ruling-widens" else "narrowed"
        text = f"{w.on_day(d['start'])}, {by} {how} the duty of {scope} to arrest"
        if summary and d.get("summary"):
            text += f": {d['summary']}"
        elif d["kind"] == "icc-ruling-widens":
            text += ", rejecting claims of immunity"
        out.append(Statement(w.sentence(text), cited(item)))
    return out


def _ruling_gist(told: Told) -> list[Statement]:
    """The newest ruling in one sentence, its holding left to the full statement (an article has no room)."""
    return _ruling_statements(told, summary=False)[-1:]


def rulings(s: Subject, kind: str, only: set[str] | None = None) -> pd.DataFrame:
    """ICC rulings of `kind` about the person (or about every suspect), for the state concerned or, with no
    state named, for every state (or, given `only`, for those of its states)."""
    rows = s.kb.table("stances")
    rows = for_person(rows[rows["kind"] == kind], s.person, general=True)
    if only is not None:
        targets = rows["country"].map(lambda c: sorted(only) if c == "" else [c] if c in only else [])
        rows = rows.assign(target=targets).explode("target").dropna(subset=["target"]).reset_index(drop=True)
        return from_facts(rows, rows["target"], 1.0, details(rows, *STANCE_COLUMNS, "summary"), "stances")
    iso3 = rows["country"].where(rows["country"] != "", EVERY_COUNTRY)
    return from_facts(rows, iso3, 1.0, details(rows, *STANCE_COLUMNS, "summary"), "stances")


RULING_WORDS = Words(label=_ruling_label, statements=_ruling_statements, gist=_ruling_gist, headline=stance_headline,
                     milestone="stance")


@rule(DUTY, RULING_WORDS, effect=Effect(duty=RELEASED), how="max")
def icc_ruling_narrows(s: Subject) -> pd.DataFrame:
    """An ICC ruling narrowed the duty: the state concerned (or every state, if none is named) need not arrest the person."""
    return rulings(s, "icc-ruling-narrows")


@rule(FIRMNESS, RULING_WORDS,
      effect=Effect(overrides="immunity", only_when_obliged=True), how="max")
def icc_ruling_widens(s: Subject) -> pd.DataFrame:
    """An ICC ruling widened the duty (rejecting claims of immunity): from then on an immunity claim excuses no state party."""
    claims = stances(s, ("immunity-claim",))
    return rulings(s, "icc-ruling-widens", only=set(claims["iso3"]))
