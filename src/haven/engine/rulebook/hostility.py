"""Hostility and bans: measures against the person or the person's state, and what shuts a state to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haven import words as w
from haven.engine import weights as W
from haven.engine.evidence import Evidence, Statement, cited
from haven.engine.rulebook.declare import (
    BAN,
    HOSTILITY,
    Detail,
    Effect,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.rulebook.reading import (
    days_after,
    for_person,
    lists_contain,
    other_parties,
    through_blocs,
)
from haven.engine.spans import details, from_facts

if TYPE_CHECKING:
    import pandas as pd

HOSTILE = W.RISK_NOT_OBLIGED["hostile"]
AIRCRAFT = {"all": "all aircraft from {home}", "civil": "civil aircraft from {home}", "state-aircraft": "{home}'s state aircraft"}


def _grouped(told: Told, key: str, sentence) -> list[Statement]:
    """One sentence per imposing state or bloc (a state applying its bloc's measure says so), from the earliest
    of its facts, citing them all: 'The United States has imposed sanctions on Russia since 15 April 2021.'"""
    groups: dict[str, list[Evidence]] = {}
    for item in told.finding.counted_evidence():
        groups.setdefault(str(item.detail.get(key) or told.iso3), []).append(item)
    out = []
    for who, items in groups.items():
        subject = told.country
        if who != told.iso3:  # a bloc's measure, applied by its member
            subject += f", as a member of {w.the(told.names.country(who))},"
        out.append(Statement(w.sentence(sentence(subject, items[0].detail)), cited(*items)))
    return out


def _said(key: str, sentence):
    return lambda told: _grouped(told, key, lambda subject, d: sentence(subject, d, told))


def _sanctions_on_person(s: Subject, measure: str) -> pd.DataFrame:
    rows = s.kb.table("sanctions")
    rows = through_blocs(s.kb, rows[(rows["target_person"] == s.person.id) & (rows["measure"] == measure)], "imposer")
    return from_facts(rows, rows["iso3"], 1.0, details(rows, "imposer", "iso3", "measure", "programme", "start", "end"),
                      "sanctions")


def _on_person(what: str):
    def label(d: Detail) -> str:
        who = f"{d['imposer']} " if d["imposer"] != d["iso3"] else ""
        return f"{who}{what} on the person since {d['start']}"

    return label


@rule(BAN, Words(label=_on_person("entry ban"), statements=_said(
          "imposer", lambda who, d, t: f"{who} has barred {t.person} from entering {w.since(d['start'])}")),
      effect=Effect(risk_not_obliged=W.RISK_NOT_OBLIGED["entry_ban"], closes_airspace=True), how="max")
def entry_ban(s: Subject) -> pd.DataFrame:
    """The state, or a bloc it belongs to, bans the person's entry."""
    return _sanctions_on_person(s, "travel-ban")


@rule(HOSTILITY, Words(label=_on_person("asset freeze"), statements=_said(
          "imposer", lambda who, d, t: f"{who} has frozen {w.possessive(t.person)} assets {w.since(d['start'])}")),
      effect=Effect(risk_not_obliged=HOSTILE), how="max")
def asset_freeze(s: Subject) -> pd.DataFrame:
    """The state, or a bloc it belongs to, has frozen the person's assets."""
    return _sanctions_on_person(s, "asset-freeze")


@rule(HOSTILITY, Words(label=lambda d: f"{d['imposer']} sanctions on {d['target_state']} since {d['start']}",
                       statements=_said("imposer", lambda who, d, t: f"{who} has imposed sanctions on {t.home} "
                                                                     f"{w.since(d['start'])}")),
      effect=Effect(risk_not_obliged=HOSTILE), how="max")
def state_sanctions(s: Subject) -> pd.DataFrame:
    """The state, or a bloc it belongs to, imposes sanctions on the person's state."""
    rows = s.kb.table("sanctions")
    rows = through_blocs(s.kb, rows[rows["target_state"] == s.home], "imposer")
    return from_facts(rows, rows["iso3"], 1.0, details(rows, "imposer", "target_state", "measure", "programme", "start", "end"),
                      "sanctions")


@rule(HOSTILITY, Words(label=lambda d: f"airspace closed to {d['aircraft_of']} aircraft ({d['scope']}) since {d['start']}",
                       statements=_said("closer", lambda who, d, t: f"{who} has closed its airspace to "
                                        f"{AIRCRAFT.get(d['scope'], 'aircraft from {home}').format(home=t.home)} "
                                        f"{w.since(d['start'])}")),
      effect=Effect(risk_not_obliged=HOSTILE, closes_airspace=True), how="max")
def airspace_closed(s: Subject) -> pd.DataFrame:
    """The state's airspace is closed to aircraft of the person's state."""
    rows = s.kb.table("airspace")
    rows = rows[(rows["aircraft_of"] == s.home) & rows["scope"].isin(["all", "civil", "state-aircraft"]) & (rows["person"] == "")]
    rows = through_blocs(s.kb, rows, "closer")
    return from_facts(rows, rows["iso3"], 1.0, details(rows, "closer", "aircraft_of", "scope", "start", "end"), "airspace")


@rule(HOSTILITY, Words(label=lambda d: f"refused the person's flight on {d['start']}", statements=_said(
          "closer", lambda who, d, t: f"{who} refused passage to a flight carrying {t.person} {w.on_day(d['start'])}")),
      effect=Effect(risk_not_obliged=HOSTILE, closes_airspace=True), how="max", weight=f"for {W.REFUSAL_DAYS} days")
def flight_refused(s: Subject) -> pd.DataFrame:
    """The state refused passage to a flight carrying the person (remembered for two years)."""
    rows = for_person(s.kb.table("airspace"), s.person)
    rows = through_blocs(s.kb, rows, "closer")
    until = days_after(rows["held_from"], W.REFUSAL_DAYS) if not rows.empty else None
    return from_facts(rows, rows["iso3"], 1.0, details(rows, "closer", "scope", "start"), "airspace", until=until)


def _hostilities(s: Subject, kind: str) -> pd.DataFrame:
    rows = s.kb.table("hostilities")
    rows = other_parties(rows[(rows["kind"] == kind) & lists_contain(rows["parties"], s.home)], "parties", s.home)
    return from_facts(rows, rows["other"], 1.0, details(rows, "parties", "kind", "start", "end", home=s.home), "hostilities")


@rule(BAN, Words(label=lambda d: f"at war with {d['home']} since {d['start']}", statements=_said(
          "", lambda who, d, t: f"{who} has been at war with {t.home} {w.since(d['start'])}")),
      effect=Effect(risk_not_obliged=HOSTILE, closes_airspace=True), how="max")
def at_war(s: Subject) -> pd.DataFrame:
    """The state is at war with the person's state."""
    return _hostilities(s, "war")


@rule(BAN, Words(label=lambda d: f"no diplomatic relations with {d['home']} since {d['start']}", statements=_said(
          "", lambda who, d, t: f"{who} has had no diplomatic relations with {t.home} {w.since(d['start'])}")),
      effect=Effect(risk_not_obliged=HOSTILE, closes_airspace=True), how="max")
def no_relations(s: Subject) -> pd.DataFrame:
    """The state has no diplomatic relations with the person's state."""
    return _hostilities(s, "no-relations")


NOT_RECOGNISED = ("does-not-recognise-state", "does-not-recognise-government")


def _recognition_label(d: Detail) -> str:
    what = "state" if d["kind"] == "does-not-recognise-state" else "government"
    government = f" ({d['government']})" if d.get("government") else ""
    return f"{d['recogniser']} does not recognise the {what} of {d['recognised']}{government} since {d['start']}"


def _recognition_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        what = "state" if d["kind"] == "does-not-recognise-state" else "government"
        government = f" ({d['government']})" if d.get("government") else ""
        text = (f"{told.names.country(d['recogniser'])} has not recognised the {what} of "
                f"{told.names.country(d['recognised'])}{government} {w.since(d['start'])}")
        out.append(Statement(w.sentence(text), cited(item)))
    return out


@rule(BAN, Words(label=_recognition_label, statements=_recognition_statements),
      effect=Effect(risk_not_obliged=HOSTILE, closes_airspace=True), how="max")
def not_recognised(s: Subject) -> pd.DataFrame:
    """The state does not recognise the person's state or its government, or the person's state does not recognise it: no relations."""
    rows = s.kb.table("recognitions")
    rows = rows[rows["kind"].isin(NOT_RECOGNISED) & ((rows["recogniser"] == s.home) | (rows["recognised"] == s.home))]
    other = rows["recognised"].where(rows["recogniser"] == s.home, rows["recogniser"])
    return from_facts(rows, other, 1.0, details(rows, "recogniser", "recognised", "kind", "government", "start", "end"),
                      "recognitions")
