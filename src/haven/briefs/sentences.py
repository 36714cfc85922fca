"""One finding (a rule that fired, with its evidence) or one fact row -> plain sentences with their sources.

Every sentence is assembled here from fields of the knowledge base (names, titles, dates, shares, kinds);
nothing is copied from any article. A `Claim` carries the sources it rests on; the selection layer numbers
them. Unverified facts are shown by the engine but never counted, so they are not told as facts here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

import numpy as np
import pandas as pd

from haven.briefs import words as w
from haven.engine.assessment import Evidence, Finding
from haven.engine.spans import UNVERIFIED
from haven.knowledge import KnowledgeBase
from haven.persons import Person

SOURCE_FIELDS = ("id", "url", "publisher", "title", "published")


@dataclass(frozen=True)
class Claim:
    """A sentence and the documents it rests on (dicts with id, url, publisher, title, published)."""

    text: str
    sources: tuple[dict, ...] = ()
    claim: bool = True  # False for haven's own judgements and for statements that nothing is on record


class Facts:
    """Rows of the knowledge base by id, and names, for one person on one date."""

    def __init__(self, kb: KnowledgeBase, person: Person, on: date):
        self.kb = kb
        self.person = person
        self.on = on
        self._indexed: dict[str, pd.DataFrame] = {}

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def home(self) -> str:
        return self.country(self.person.home)

    def country(self, code: str) -> str:
        if code in set(self.kb.table("organisations")["id"]):
            return self.organisation(code)
        try:
            return w.country(self.kb.countries.name(code))
        except Exception:  # an unknown code is shown as it is rather than failing a whole brief
            return code

    def organisation(self, code: str) -> str:
        rows = self.row("organisations", code)
        return rows["name"] if rows else code

    def row(self, table: str, fact_id: str) -> dict | None:
        if table not in self._indexed:
            frame = self.kb.table(table)
            self._indexed[table] = frame.drop_duplicates("id").set_index("id", drop=False)
        frame = self._indexed[table]
        if fact_id not in frame.index:
            return None
        return {k: ("" if _missing(v) else v) for k, v in frame.loc[fact_id].to_dict().items()}

    def person_name(self, person_id: str) -> str:
        persons = self.kb.table("persons")
        match = persons[persons["id"] == person_id]
        return str(match["name"].iloc[0]) if not match.empty else person_id

    def sources(self, source_ids: str) -> tuple[dict, ...]:
        return tuple({k: s[k] for k in SOURCE_FIELDS} for s in self.kb.sources_of(source_ids or ""))

    def holds(self, row: dict) -> bool:
        """Whether a fact row held on the brief's date (started, public and not ended)."""
        day = np.datetime64(self.on, "D")
        begin, until = row.get("held_from"), row.get("held_until")
        if begin == "" or begin is None:
            return False
        return np.datetime64(begin, "D") <= day and (until in ("", None) or day < np.datetime64(until, "D"))


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _counted(finding: Finding) -> list[Evidence]:
    items = [e for e in finding.evidence if e.certainty != UNVERIFIED]
    return sorted(items, key=lambda e: (e.when or "", e.fact))


def _counted_rows(finding: Finding, f: "Facts"):
    """The counted evidence of a finding with each fact's knowledge-base row (facts without a row skipped)."""
    for item in _counted(finding):
        row = f.row(item.table, item.fact)
        if row is not None:
            yield item, row


def _sources(*items: Evidence) -> tuple[dict, ...]:
    return tuple(s for item in items for s in item.sources)


# --- ties ----------------------------------------------------------------------------------------------------

def shared_alliance(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    full, lesser, suspended = [], [], []
    for item, row in _counted_rows(finding, f):
        org = f.organisation(row["organisation"])
        if row["role"] == "suspended":
            suspended.append((w.the(org), item))
        elif row["role"] in ("member", "party"):
            full.append((f"{w.the(org)} ({w.since(item.when)})" if item.when else w.the(org), item))
        else:
            lesser.append((f"{w.ROLE_WORDS.get(row['role'], row['role'])} of {w.the(org)}", item))
    claims = []
    country = f.country(iso3)
    if full:
        claims.append(Claim(w.sentence(f"{country} and {f.home} belong together to " + w.join([t for t, _ in full])),
                            _sources(*(i for _, i in full))))
    if lesser:
        claims.append(Claim(w.sentence(f"{country} is " + w.join([t for t, _ in lesser]) + f", to which {f.home} belongs"),
                            _sources(*(i for _, i in lesser))))
    if suspended:
        claims.append(Claim(w.sentence(f"{possessive(country)} membership of " + w.join([t for t, _ in suspended]) + " is suspended"),
                            _sources(*(i for _, i in suspended))))
    return claims


def possessive(name: str) -> str:
    return w.possessive(name)


def treaty_ties(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    claims = []
    country = f.country(iso3)
    for item, row in _counted_rows(finding, f):
        kind = w.TREATY_KINDS.get(row["kind"], row["kind"])
        if row.get("mutual_defence") is True:
            kind = "mutual-defence treaty" if row["kind"] == "defence-treaty" else f"{kind} with a mutual-defence clause"
        title = f"{w.the(row['title'])}, {'an' if kind[0] in 'aeiou' else 'a'} {kind}"
        if f.holds(row):
            text = f"{country} and {f.home} have been bound {w.since(row['start'])} by {title}"
        elif row["start"] and row["signed"]:
            text = f"{country} and {f.home} signed {title}, {w.on_day(row['signed'])}; it was not yet in force on {w.day(f.on)}"
        else:
            text = f"{country} and {f.home} signed {title}, {w.on_day(row['signed'])}"
        claims.append(Claim(w.sentence(text), item.sources))
    return claims


def troops_and_bases(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    claims = []
    country = f.country(iso3)
    for item, row in _counted_rows(finding, f):
        kind = w.PRESENCE_KINDS.get(row["kind"], row["kind"])
        verb = "has had" if row["kind"] != "weapons" else "has kept"
        site = f": {w.run_on(row['site'])}" if row.get("site") else ""
        if row["host"] == iso3:
            text = f"{f.country(row['state'])} {verb} {kind} in {country} {w.since(row['start'])}{site}"
        else:
            text = f"{country} {verb} {kind} in {f.country(row['host'])} {w.since(row['start'])}{site}"
        claims.append(Claim(w.sentence(text), item.sources))
    return claims


def arms_supplies(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    claims = []
    for item, row in _counted_rows(finding, f):
        giver, taker = f.country(row["supplier"]), f.country(row["recipient"])
        detail = f": {w.run_on(row['detail'])}" if row.get("detail") else ""
        when = w.since(row["start"])
        if row["what"] == "territory":
            text = f"{giver} has let {taker} use its territory {when}"
        elif row["what"] == "production-licence":
            text = f"{giver} has licensed {taker} to produce its weapons {when}"
        else:
            text = f"{giver} has supplied {taker} with {w.SUPPORT_WHAT.get(row['what'], row['what'])} {when}"
        if row.get("end") and not f.holds(row):
            text += f" (until {w.day(row['end'])})"
        text += detail
        claims.append(Claim(w.sentence(text), item.sources))
    return claims


def un_vote_alignment(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    groups: dict[str, list[tuple[dict, dict, Evidence]]] = {}
    for item, vote in _counted_rows(finding, f):
        resolution = f.row("un_resolutions", vote["resolution"]) or {"id": vote["resolution"], "title": "", "start": vote["start"], "yes_means": "against"}
        groups.setdefault(vote["vote"], []).append((vote, resolution, item))
    if not groups:
        return []
    total = sum(len(v) for v in groups.values())
    critical = all(r["yes_means"] == "against" for items in groups.values() for _, r, _ in items)
    about = f"critical of {f.home}" if critical else f"about {f.home}"
    country = f.country(iso3)
    claims = []
    first = True
    for code in ("N", "A", "X", "Y"):
        items = groups.get(code)
        if not items:
            continue
        listed = w.join([f"{r['id']}" + (f" on “{r['title']}”" if r["title"] else "") + f" ({w.day(r['start'])})"
                         for _, r, _ in sorted(items, key=lambda t: (t[1]["start"], t[1]["id"]))])
        if first:
            resolutions = f"General Assembly resolution {about}"
            if len(items) == total and total > 1:
                scope = f"all {w.count(total, 'of the latest', 'of the latest')} {resolutions.replace('resolution', 'resolutions', 1)}"
            else:
                scope = w.count(len(items), resolutions, resolutions.replace("resolution", "resolutions", 1))
            text = f"At the UN, {country} {w.VOTE_WORDS[code]} {scope}: {listed}"
            first = False
        else:
            text = f"It {w.VOTE_WORDS[code]} {w.count(len(items), 'other', 'others')}: {listed}"
        claims.append(Claim(w.sentence(text), _sources(*(i for _, _, i in items))))
    return claims


def trade_dependence(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    claims = []
    for item, row in _counted_rows(finding, f):
        text = (f"{f.country(row['partner'])} accounted for {w.percent(float(row['share']))} of "
                f"{w.possessive(f.country(row['reporter']))} foreign trade in {w.day(row['start'])}")
        if str(row.get("rank", "")).strip() in ("1", "1.0"):
            text += ", more than any other partner"
        claims.append(Claim(w.sentence(text), item.sources))
    return claims


def recent_visits(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    trips = [(row, item) for item, row in _counted_rows(finding, f)]
    if not trips:
        return []
    listed = w.join([w.day(r["start"]) + (f" ({r['place']})" if r.get("place") else "") for r, _ in trips])
    text = f"{f.name} went to {f.country(iso3)} {w.times(len(trips))} in the two years up to {w.day(f.on)}: {listed}"
    return [Claim(w.sentence(text), _sources(*(i for _, i in trips)))]


def neighbour(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    items = _counted(finding)
    if not items:
        return []
    return [Claim(w.sentence(f"{f.country(iso3)} shares a land border with {f.home}"), _sources(*items))]


# --- duty, leniency, firmness ----------------------------------------------------------------------------------

def icc_state_party(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    items = _counted(finding)
    if not items:
        return []
    row = f.row(items[0].table, items[0].fact) or {"start": items[0].when}
    text = f"{f.country(iso3)} has been a party to the Rome Statute {w.since(row['start'])}, which binds it to carry out the ICC's warrant"
    return [Claim(w.sentence(text), _sources(*items))]


def icc_declaration(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    items = _counted(finding)
    if not items:
        return []
    text = f"{f.country(iso3)} accepted the ICC's jurisdiction by a declaration of {w.day(items[0].when)}, with a duty to cooperate"
    return [Claim(w.sentence(text), _sources(*items))]


def national_warrant(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    items = _counted(finding)
    return [Claim(w.sentence(f"A court of {f.country(iso3)} issued its own warrant for the arrest of {f.name} on {w.day(i.when)}"), i.sources)
            for i in items]


def _stance(item: Evidence, iso3: str, f: Facts) -> Claim | None:
    row = f.row(item.table, item.fact)
    if row is None:
        return None
    by = row["by"] or f"the government of {f.country(iso3)}"
    if "," in by and not by.endswith(")"):
        by += ","
    when = w.day(row["start"])
    about_person = row["person"] == f.person.id
    who = f.name if about_person else "leaders wanted by the ICC"
    kind = row["kind"]
    place = f.country(row["country"]) if row["country"] else f.country(iso3)
    if kind == "will-not-arrest":
        text = f"On {when}, {by} indicated that {who} would not be arrested in {place}"
    elif kind == "immunity-claim":
        text = f"On {when}, {by} argued that {who} enjoyed immunity from arrest"
    elif kind == "invitation":
        text = f"On {when}, {by} invited {f.name}" + (f" to {place}" if row["country"] else "")
    elif kind == "will-arrest":
        text = f"On {when}, {by} said {place} would arrest {who}"
    elif kind == "domestic-court-order":
        text = f"On {when}, {by} ordered that {who} be arrested"
    elif kind == "icc-non-compliance-finding":
        target = f.person_name(row["person"]) if row["person"] else "a person wanted by the Court"
        text = f"On {when}, {by} put on record that {place} had failed to arrest {target}"
    else:
        text = f"On {when}, {by} took a stance ({kind})"
    return Claim(w.sentence(text), item.sources)


def _stances(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    claims = []
    for item in _counted(finding):
        if item.table == "visits":
            row = f.row("visits", item.fact)
            if row is None:
                continue
            place = f" ({row['place']})" if row.get("place") else ""
            text = (f"{f.country(iso3)} received {f.name}{place} on {w.day(row['start'])} while the ICC warrant was in force, "
                    f"and made no arrest")
            claims.append(Claim(w.sentence(text), item.sources))
            continue
        claim = _stance(item, iso3, f)
        if claim is not None:
            claims.append(claim)
    return claims


BUILDERS: dict[str, Callable[[Finding, str, Facts], list[Claim]]] = {
    "shared_alliance": shared_alliance,
    "treaty_ties": treaty_ties,
    "troops_and_bases": troops_and_bases,
    "arms_supplies": arms_supplies,
    "un_vote_alignment": un_vote_alignment,
    "trade_dependence": trade_dependence,
    "recent_visits": recent_visits,
    "neighbour": neighbour,
    "icc_state_party": icc_state_party,
    "icc_declaration": icc_declaration,
    "national_warrant": national_warrant,
    "will_not_arrest": _stances,
    "invitation": _stances,
    "non_compliance_record": _stances,
    "hosted_under_warrant": _stances,
    "will_arrest": _stances,
}
NOT_TOLD = ("icc_warrant",)  # the warrant is told once, in the lede


def _from_labels(finding: Finding, iso3: str, f: Facts) -> list[Claim]:
    """A rule this module has no words for yet: its evidence labels, as the engine wrote them."""
    return [Claim(w.sentence(f"{f.country(iso3)}: {item.label}"), item.sources) for item in _counted(finding)]


def claims_for(finding: Finding, iso3: str, facts: Facts) -> list[Claim]:
    """The sentences for one finding about one state (empty for rules a brief does not tell, like the warrant)."""
    if finding.rule in NOT_TOLD:
        return []
    return BUILDERS.get(finding.rule, _from_labels)(finding, iso3, facts)


# --- facts told outside findings -------------------------------------------------------------------------------

def trip(row: dict, f: Facts) -> Claim:
    """One trip (or trip not made) of the person, from its visits row."""
    when = w.span(row["start"], row.get("end"))
    country = f.country(row["country"])
    place = f"{row['place']}, {country}" if row.get("place") else country
    event = f" {w.sentence(row['event'])}" if row.get("event") else ""
    doubt = {"reported": " (reported)", "unverified": " (unverified)"}.get(row.get("certainty", ""), "")
    if row["kind"] == "avoided":
        text = f"{when}: stayed away from {place}{doubt}.{event}"
    elif row["kind"] == "virtual":
        text = f"{when}: joined by video link instead of travelling to {place}{doubt}.{event}"
    else:
        kind = {"visit": "visit to", "summit": "summit in", "transit": "stopover in"}.get(row["kind"], row["kind"] + " in")
        text = f"{when}: {kind} {place}{doubt}.{event}"
    return Claim(w.sentence(text), f.sources(row["source"]))


def warrant(row: dict, f: Facts) -> Claim:
    issuer = "The International Criminal Court" if row["issuer"] == "ICC" else f"A court of {f.country(row['issuer'])}"
    when = w.day(row["public"] or row["start"]) if row.get("public") else w.day(row["start"])
    charges = f", for {row['charges'][0].lower() + row['charges'][1:]}" if row.get("charges") else ""
    if row["kind"] == "application":
        text = f"An application for an ICC arrest warrant for {f.name} was filed on {when}{charges}; judges had not yet issued it on {w.day(f.on)}"
    else:
        text = f"{issuer} issued a warrant for the arrest of {f.name} on {when}{charges}"
    return Claim(w.sentence(text), f.sources(row["source"]))


def government_change(row: dict, f: Facts) -> list[Claim]:
    country = f.country(row["country"])
    verb = w.CHANGE_KINDS.get(row["kind"], "changed")
    text = f"On {w.day(row['start'])}, the government of {country} {verb}"
    claims = [Claim(w.sentence(text), f.sources(row["source"]))]
    if row.get("summary"):
        claims.append(Claim(w.sentence(row["summary"]), f.sources(row["source"])))
    claims.append(Claim(w.sentence(f"The new authorities broke with {f.home}, so haven no longer counts the ties "
                                   f"{country} had formed with {f.home} before {w.day(row['start'])}"), (), claim=False))
    return claims
