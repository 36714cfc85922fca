"""How an obliged state is likely to act: stances, invitations, its record. Each moves the arrest risk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haven import words as w
from haven.engine import weights as W
from haven.engine.evidence import Evidence, Statement, cited
from haven.engine.rulebook.declare import (
    FIRMNESS,
    LENIENCY,
    Detail,
    Effect,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.rulebook.duty import icc_warrant
from haven.engine.rulebook.reading import days_after, for_person, through_blocs
from haven.engine.spans import details, from_facts, make_spans
from haven.lazy import lazy
from haven.vocabulary import VISITED_KINDS

if TYPE_CHECKING:
    import pandas as pd

    from haven.engine.names import Names
else:
    pd = lazy("pandas")

STANCE_COLUMNS = ("kind", "country", "person", "by", "event", "start", "end")
GROUNDS = {"immunity-claim": "immunity"}  # what a later ruling may cancel (see icc_ruling_widens)
STANCE_HEADLINES = {"will-not-arrest": "{} will not arrest", "will-arrest": "{} would arrest",
                    "invitation": "Invitation from {}", "immunity-claim": "{} claims immunity",
                    "icc-non-compliance-finding": "ICC: {} failed to arrest", "domestic-court-order": "Court order in {}",
                    "safe-passage": "{} pledges safe passage", "icc-ruling-widens": "ICC ruling widens the duty ({})",
                    "icc-ruling-narrows": "ICC ruling narrows the duty ({})"}


def stances(s: Subject, kinds: tuple[str, ...], days: int | None = None, general: bool = True) -> pd.DataFrame:
    """Spans for the person's stances of `kinds` (and general ones), a bloc's spread to its members; a stance
    without an end lasts `days` when given."""
    rows = s.kb.table("stances")
    rows = for_person(rows[rows["kind"].isin(kinds)], s.person, general=general)
    rows = through_blocs(s.kb, rows, "country")
    until = None
    if days is not None and not rows.empty:
        until = rows["held_until"].where(rows["held_until"].notna(), days_after(rows["held_from"], days))
    grounds: pd.Series | list = rows["kind"].map(GROUNDS) if not rows.empty else []
    return from_facts(rows, rows["iso3"], 1.0, details(rows, *STANCE_COLUMNS, grounds=grounds), "stances", until=until)


def said(words: str):
    """The label of a stance: who took it, what it was, when."""
    def label(d: Detail) -> str:
        return f"{d['by'] or d['country']} {words} ({d['start']})"

    return label


def stance_headline(d: Detail, begins: bool, names: Names) -> str | None:
    if not begins:
        return None
    return STANCE_HEADLINES.get(d["kind"], "Statement by {}").format(names.raw(d["country"]) if d["country"] else "all parties")


def _stance(item: Evidence, told: Told) -> Statement:
    d = item.detail
    by = w.actor(d["by"]) or f"the government of {told.country}"
    if "," in by and not by.endswith(")"):
        by += ","
    when = w.on_day(d["start"])  # "on 9 September 2023", "in December 2024"
    who = told.person if d["person"] == told.person_id else "leaders wanted by the ICC"
    kind = d["kind"]
    place = told.names.country(d["country"]) if d["country"] else told.country
    if d["country"] and told.names.organisation(d["country"]) != d["country"]:  # a bloc's stance
        place = f"the member states of {w.the(place)}"
    if kind == "will-not-arrest":
        text = f"{when}, {by} indicated that {who} would not be arrested in {place}"
    elif kind == "immunity-claim":
        text = f"{when}, {by} argued that {who} enjoyed immunity from arrest"
    elif kind == "invitation":
        text = f"{when}, {by} invited {told.person}" + (f" to {place}" if d["country"] else "")
    elif kind == "will-arrest":
        text = f"{when}, {by} said {place} would arrest {who}"
    elif kind == "domestic-court-order":
        text = f"{when}, {by} ordered that {who} be arrested"
    elif kind == "icc-non-compliance-finding":
        target = told.names.person(d["person"]) if d["person"] else "a person wanted by the Court"
        text = f"{when}, {by} put on record that {place} had failed to arrest {target}"
    elif kind == "safe-passage":
        text = f"{when}, {by} pledged that {told.person} could come to {place} without being arrested"
    else:
        text = f"{when}, {by} took a stance ({kind})"
    return Statement(w.sentence(text), cited(item))


def stance_statements(told: Told) -> list[Statement]:
    return [_stance(item, told) for item in told.finding.counted_evidence()]


STANCE_WORDS = Words(label=said("declined to arrest or claimed immunity"), statements=stance_statements,
                     headline=stance_headline, milestone="stance")


@rule(LENIENCY, STANCE_WORDS, effect=Effect(risk=W.RISK["will_not_arrest"]), how="max",
      weight=f"arrest risk {W.RISK['will_not_arrest']:+}")
def will_not_arrest(s: Subject) -> pd.DataFrame:
    """The state (or its bloc) said it would not arrest the person, or claimed immunity for them."""
    return stances(s, ("will-not-arrest", "immunity-claim"))


@rule(LENIENCY, Words(label=said("invited the person"), statements=stance_statements, headline=stance_headline,
                      milestone="stance"),
      effect=Effect(risk=W.RISK["invitation"], feature="invitation"), how="max",
      weight=f"arrest risk {W.RISK['invitation']:+}")
def invitation(s: Subject) -> pd.DataFrame:
    """The state invited the person (an invitation counts for a year)."""
    return stances(s, ("invitation",), days=W.INVITATION_DAYS, general=False)


def _finding_label(d: Detail) -> str:
    return f"ICC non-compliance finding of {d['start']} ({d['person'] or 'a suspect'})"


@rule(LENIENCY, Words(label=_finding_label, statements=stance_statements, headline=stance_headline, milestone="stance"),
      effect=Effect(risk=W.RISK["non_compliance_record"]), how="max", weight=f"arrest risk {W.RISK['non_compliance_record']:+}")
def non_compliance_record(s: Subject) -> pd.DataFrame:
    """The ICC found that the state failed to arrest someone it was obliged to arrest."""
    rows = s.kb.table("stances")
    findings = rows[rows["kind"] == "icc-non-compliance-finding"]
    return from_facts(findings, findings["country"], 1.0, details(findings, *STANCE_COLUMNS), "stances",
                      until=pd.Series(pd.NaT, index=findings.index))


def _hosted(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        city = w.join([p.strip() for p in str(item.detail.get("place") or "").split(";")])
        place = f" in {city}" if city and city != told.country else ""
        text = (f"{told.country} received {told.person}{place} {w.on_day(item.detail['start'])} while the ICC warrant "
                f"was in force, and made no arrest")
        out.append(Statement(w.sentence(text), cited(item)))
    return out


@rule(LENIENCY, Words(label=lambda d: f"hosted the person under warrant on {d['start']}", statements=_hosted),
      effect=Effect(risk=W.RISK["hosted_under_warrant"]), how="max", weight=f"arrest risk {W.RISK['hosted_under_warrant']:+}")
def hosted_under_warrant(s: Subject) -> pd.DataFrame:
    """The state, obliged to arrest the person, hosted them and let them leave."""
    visits = for_person(s.kb.table("visits"), s.person)
    visits = visits[visits["kind"].isin(VISITED_KINDS) & visits["start_on"].notna()]
    warrants = icc_warrant.facts(s)
    parties = s.kb.table("memberships")
    parties = parties[(parties["organisation"] == "ICC") & (parties["role"] == "party")][["iso3", "held_from", "held_until"]]
    if visits.empty or warrants.empty:
        return make_spans([])
    day = visits["start_on"].to_numpy(dtype="datetime64[D]")
    wanted = ((warrants["begin"].to_numpy()[None, :] <= day[:, None]) & (day[:, None] < warrants["until"].to_numpy()[None, :])).any(axis=1)
    pairs = visits[wanted].reset_index(drop=True).merge(parties.rename(columns={"iso3": "country"}), on="country", suffixes=("", "_party"))
    bound = (pairs["held_from_party"] <= pairs["start_on"]) & (pairs["held_until_party"].isna()
                                                               | (pairs["start_on"] < pairs["held_until_party"]))
    frame = pairs[bound].drop_duplicates("id")
    return from_facts(frame, frame["country"], 1.0, details(frame, "country", "kind", "place", "start", "end"), "visits",
                      begin=frame["held_until"], until=pd.Series(pd.NaT, index=frame.index))


@rule(FIRMNESS, Words(label=said("said or ordered it would arrest"), statements=stance_statements, headline=stance_headline,
                      milestone="stance"),
      effect=Effect(risk=W.RISK["will_arrest"]), how="max", weight=f"arrest risk {W.RISK['will_arrest']:+}")
def will_arrest(s: Subject) -> pd.DataFrame:
    """The state said it would arrest the person, or its courts ordered the arrest."""
    return stances(s, ("will-arrest", "domestic-court-order"))



def _event_ends(s: Subject, rows: pd.DataFrame) -> pd.Series:
    """For stances scoped to an event: the day after the event's last day (events end inclusive)."""
    events = s.kb.table("events")
    last = dict(zip(events["id"], events["held_until"], strict=True))
    return rows["event"].map(lambda e: last.get(e, pd.NaT) if e else pd.NaT)


@rule(LENIENCY, Words(label=said("pledged safe passage"), statements=stance_statements, headline=stance_headline,
                      milestone="stance"),
      effect=Effect(risk=W.RISK["safe_passage"], tier_cap_obliged="risky", tier_cap_free="open"), how="max",
      weight=f"arrest risk {W.RISK['safe_passage']:+} while it lasts (its end, else its event's last day, "
             f"else {W.SAFE_PASSAGE_DAYS} days)")
def safe_passage(s: Subject) -> pd.DataFrame:
    """The state pledged not to arrest the person for an event or a period; while it lasts, the state is at most risky."""
    rows = s.kb.table("stances")
    rows = through_blocs(s.kb, for_person(rows[rows["kind"] == "safe-passage"], s.person, general=True), "country")
    if rows.empty:
        return make_spans([])
    until = rows["held_until"].where(rows["held_until"].notna(), _event_ends(s, rows))
    until = until.where(until.notna(), days_after(rows["held_from"], W.SAFE_PASSAGE_DAYS))
    return from_facts(rows, rows["iso3"], 1.0, details(rows, *STANCE_COLUMNS), "stances", until=until)
