"""Duty to arrest: a warrant in force and public, and what binds a state to carry it out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haven import words as w
from haven.engine import weights as W
from haven.engine.evidence import Statement, cited
from haven.engine.rulebook.declare import (
    BOUND,
    DUTY,
    OWN_WARRANT,
    WARRANT,
    Detail,
    Effect,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.rulebook.reading import untold
from haven.engine.spans import DISPUTED, EVERY_COUNTRY, details, from_facts

if TYPE_CHECKING:
    import pandas as pd

    from haven.engine.names import Names

WARRANT_COLUMNS = ("issuer", "kind", "case", "situation", "charges", "start", "public", "end", "end_reason")


def _warrant_headline(d: Detail, begins: bool, names: Names) -> str:
    what = "warrant" if d["kind"] == "warrant" else "warrant sought"
    if begins:
        public_later = bool(d.get("public")) and d.get("public") != d.get("start")
        return f"{d['issuer']} {what}" + (" made public" if public_later else "")
    reason = f" ({d['end_reason']})" if d.get("end_reason") else ""
    return f"{d['issuer']} {what} ends{reason}"


def person_warrants(s: Subject, issuer_is_icc: bool) -> pd.DataFrame:
    rows = s.kb.table("warrants")
    icc = rows["issuer"] == "ICC"
    return rows[(rows["person"] == s.person.id) & (rows["kind"] == "warrant") & (icc if issuer_is_icc else ~icc)]


@rule(DUTY, Words(label=lambda d: f"ICC arrest warrant issued {d['start']}", statements=untold,
                  headline=_warrant_headline, milestone="warrant"),
      effect=Effect(duty=WARRANT, only_when_obliged=True))
def icc_warrant(s: Subject) -> pd.DataFrame:
    """An ICC arrest warrant for the person is in force and has been made public."""
    rows = person_warrants(s, issuer_is_icc=True)
    return from_facts(rows, EVERY_COUNTRY, 1.0, details(rows, *WARRANT_COLUMNS), "warrants")


def _icc_membership(s: Subject, role: str) -> pd.DataFrame:
    rows = s.kb.table("memberships")
    rows = rows[(rows["organisation"] == "ICC") & (rows["role"] == role)]
    return from_facts(rows, rows["iso3"], 1.0, details(rows, "iso3", "role", "start", "end", "certainty"), "memberships")


def _joins(d: Detail, begins: bool, names: Names) -> str:
    if d.get("certainty") == DISPUTED:  # a disputed continuation begins where the settled membership ends
        return f"{w.possessive(names.raw(d['iso3']))} ICC exit {'disputed' if begins else 'settled'}"
    joins = "accepts ICC jurisdiction" if d["role"] == "declaration" else "joins ICC"
    return f"{names.raw(d['iso3'])} {joins if begins else 'leaves ICC'}"


def _party(told: Told) -> list[Statement]:
    items = told.finding.counted_evidence()
    settled = [i for i in items if i.certainty != DISPUTED]
    disputed = [i for i in items if i.certainty == DISPUTED]
    out = []
    if settled:
        start = settled[0].detail.get("start") or settled[0].when
        text = (f"{told.country} has been a party to the Rome Statute {w.since(start)}, which binds it to carry out "
                f"the ICC's warrant")
        out.append(Statement(w.sentence(text), cited(*settled)))
    for item in disputed:
        text = (f"From {w.day(item.detail.get('start') or item.when)}, whether {told.country} is still bound by the Rome "
                f"Statute is disputed: authoritative sources disagree, so haven shows its duty to arrest as disputed")
        out.append(Statement(w.sentence(text), cited(item)))
    return out


def _party_label(d: Detail) -> str:
    """A disputed continuation starts where the settled membership ends: 'since' that day would read as joining."""
    if d.get("certainty") == DISPUTED:
        return f"ICC state party after {d['start']}"
    return f"ICC state party since {d['start']}"


@rule(DUTY, Words(label=_party_label, statements=_party, headline=_joins,
                  milestone="icc"),
      effect=Effect(duty=BOUND), how="max")
def icc_state_party(s: Subject) -> pd.DataFrame:
    """The state is a party to the Rome Statute: in force for it, any withdrawal not yet effective."""
    return _icc_membership(s, "party")


def _declared(told: Told) -> list[Statement]:
    items = told.finding.counted_evidence()
    if not items:
        return []
    text = (f"{told.country} accepted the ICC's jurisdiction by a declaration of {w.day(items[0].when)}, "
            f"with a duty to cooperate")
    return [Statement(w.sentence(text), cited(*items))]


@rule(DUTY, Words(label=lambda d: f"accepted ICC jurisdiction on {d['start']}", statements=_declared, headline=_joins,
                  milestone="icc"),
      effect=Effect(duty=BOUND), how="max")
def icc_declaration(s: Subject) -> pd.DataFrame:
    """The state accepted the ICC's jurisdiction over the situation of the person's warrant (Art. 12(3) declaration)."""
    situations = {code.strip() for cell in person_warrants(s, issuer_is_icc=True)["situation"] for code in cell.split(";")}
    spans = _icc_membership(s, "declaration")
    return spans[spans["iso3"].isin(situations)].reset_index(drop=True)


def _own_warrant(told: Told) -> list[Statement]:
    return [Statement(w.sentence(f"A court in {told.country} issued its own warrant for the arrest of {told.person} "
                                 f"{w.on_day(i.when)}"), cited(i)) for i in told.finding.counted_evidence()]


@rule(DUTY, Words(label=lambda d: f"own court's arrest warrant of {d['start']}", statements=_own_warrant,
                  headline=_warrant_headline, milestone="warrant"),
      effect=Effect(duty=OWN_WARRANT, risk_not_obliged=W.RISK_NOT_OBLIGED["national_warrant"]), how="max")
def national_warrant(s: Subject) -> pd.DataFrame:
    """A court of the state itself has issued a warrant for the person's arrest."""
    rows = person_warrants(s, issuer_is_icc=False)
    return from_facts(rows, rows["issuer"], 1.0, details(rows, *WARRANT_COLUMNS), "warrants")
