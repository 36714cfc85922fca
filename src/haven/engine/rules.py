"""The method as a table of small named rules.

Each rule turns the knowledge base into spans for one person: which countries it applies to, from when,
until when, with what value, because of which facts. Its docstring is its one-line explanation; the numbers it
uses live in `weights`. How the rules combine into tiers and scores is in `verdicts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np
import pandas as pd

from haven.engine import weights as W
from haven.engine.spans import EVERY_COUNTRY, from_facts, intersect, make_spans
from haven.knowledge import KnowledgeBase
from haven.persons import Person
from haven.vocabulary import VISITED_KINDS

FULL_ROLES = ("member", "party")
BORDERS_SOURCE = "natural-earth"  # the sources row behind the bundled boundaries


@dataclass(frozen=True)
class Subject:
    """Whom the rules are about."""

    kb: KnowledgeBase
    person: Person

    @property
    def home(self) -> str:
        return self.person.home


@dataclass(frozen=True)
class Rule:
    name: str
    axis: str  # duty, hostility, tie, leniency, firmness
    func: Callable[[Subject], pd.DataFrame]
    how: str = "sum"  # how spans active on the same day combine: sum or max
    cap: float | None = None

    @property
    def explanation(self) -> str:
        return (self.func.__doc__ or "").strip().splitlines()[0]


RULES: list[Rule] = []


def rule(axis: str, how: str = "sum", cap: float | None = None):
    def register(func: Callable[[Subject], pd.DataFrame]) -> Callable[[Subject], pd.DataFrame]:
        RULES.append(Rule(func.__name__, axis, func, how, cap))
        return func

    return register


# --- helpers -------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _organisations(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(kb.table("organisations")["id"])


@lru_cache(maxsize=8)
def _full_members(kb: KnowledgeBase) -> pd.DataFrame:
    members = kb.table("memberships")
    return members[members["role"].isin(FULL_ROLES)][["organisation", "iso3", "held_from", "held_until"]]


def through_blocs(kb: KnowledgeBase, rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows whose `column` names a state keep it as `iso3`; rows naming a bloc (EU, AU) become one row per
    member state, held only while that state was a member."""
    is_bloc = rows[column].isin(_organisations(kb))
    direct = rows[~is_bloc].assign(iso3=rows.loc[~is_bloc, column])
    if not is_bloc.any():
        return direct
    blocs = rows[is_bloc]
    keys = pd.DataFrame({"row": blocs.index, "organisation": blocs[column].to_numpy(),
                         "held_from": blocs["held_from"].to_numpy(), "held_until": blocs["held_until"].to_numpy()})
    pairs = intersect(keys, _full_members(kb), on="organisation")
    if pairs.empty:
        return direct
    until = pairs["until"].where(pairs["until"] < np.datetime64("9999-12-31"), pd.NaT)
    expanded = rows.loc[pairs["row"]].assign(iso3=pairs["iso3"].to_numpy(), held_from=pairs["begin"].to_numpy(),
                                             held_until=pd.to_datetime(until).to_numpy())
    return pd.concat([direct, expanded], ignore_index=True)


def _for_person(frame: pd.DataFrame, person: Person, column: str = "person", general: bool = False) -> pd.DataFrame:
    mask = frame[column] == person.id
    if general:
        mask |= frame[column] == ""
    return frame[mask]


def _other_party(parties: pd.Series, home: str) -> pd.DataFrame:
    """Explode 'A;B;C' party lists into one row per party other than `home`."""
    listed = parties.str.split(";").explode().str.strip()
    return listed[listed != home]


def lists_contain(series: pd.Series, code: str) -> pd.Series:
    """Boolean mask: which 'A;B;C' cells list `code`."""
    return series.map(lambda cell: code in [part.strip() for part in cell.split(";")]).astype(bool)


def _days_after(column: pd.Series, days: int) -> pd.Series:
    return pd.to_datetime(column) + pd.Timedelta(days=days)


# --- duty to arrest ------------------------------------------------------------------------------------------

@rule("duty")
def icc_warrant(s: Subject) -> pd.DataFrame:
    """An ICC arrest warrant for the person is in force and has been made public."""
    rows = s.kb.table("warrants")
    rows = rows[(rows["person"] == s.person.id) & (rows["issuer"] == "ICC") & (rows["kind"] == "warrant")]
    return from_facts(rows, EVERY_COUNTRY, 1.0, "ICC arrest warrant issued " + rows["start"], "warrants")


@rule("duty", how="max")
def icc_state_party(s: Subject) -> pd.DataFrame:
    """The state is a party to the Rome Statute: in force for it, any withdrawal not yet effective."""
    rows = s.kb.table("memberships")
    rows = rows[(rows["organisation"] == "ICC") & (rows["role"] == "party")]
    return from_facts(rows, rows["iso3"], 1.0, "ICC state party since " + rows["start"], "memberships")


@rule("duty", how="max")
def icc_declaration(s: Subject) -> pd.DataFrame:
    """The state accepted the ICC's jurisdiction by an Article 12(3) declaration, with a duty to cooperate."""
    rows = s.kb.table("memberships")
    rows = rows[(rows["organisation"] == "ICC") & (rows["role"] == "declaration")]
    return from_facts(rows, rows["iso3"], 1.0, "accepted ICC jurisdiction on " + rows["start"], "memberships")


@rule("duty", how="max")
def national_warrant(s: Subject) -> pd.DataFrame:
    """A court of the state itself has issued a warrant for the person's arrest."""
    rows = s.kb.table("warrants")
    rows = rows[(rows["person"] == s.person.id) & (rows["kind"] == "warrant") & (rows["issuer"] != "ICC")]
    return from_facts(rows, rows["issuer"], 1.0, "own court's arrest warrant of " + rows["start"], "warrants")


# --- hostility -----------------------------------------------------------------------------------------------

def _sanctions_on_person(s: Subject, measure: str, label: str) -> pd.DataFrame:
    rows = s.kb.table("sanctions")
    rows = through_blocs(s.kb, rows[(rows["target_person"] == s.person.id) & (rows["measure"] == measure)], "imposer")
    who = rows["imposer"].where(rows["imposer"] == rows["iso3"], rows["imposer"] + " ")
    who = who.where(rows["imposer"] != rows["iso3"], "")
    return from_facts(rows, rows["iso3"], 1.0, who + label + " since " + rows["start"], "sanctions")


@rule("hostility", how="max")
def entry_ban(s: Subject) -> pd.DataFrame:
    """The state, or a bloc it belongs to, bans the person's entry."""
    return _sanctions_on_person(s, "travel-ban", "entry ban on the person")


@rule("hostility", how="max")
def asset_freeze(s: Subject) -> pd.DataFrame:
    """The state, or a bloc it belongs to, has frozen the person's assets."""
    return _sanctions_on_person(s, "asset-freeze", "asset freeze on the person")


@rule("hostility", how="max")
def state_sanctions(s: Subject) -> pd.DataFrame:
    """The state, or a bloc it belongs to, imposes sanctions on the person's state."""
    rows = s.kb.table("sanctions")
    rows = through_blocs(s.kb, rows[rows["target_state"] == s.home], "imposer")
    label = rows["imposer"] + " sanctions on " + s.home + " since " + rows["start"]
    return from_facts(rows, rows["iso3"], 1.0, label, "sanctions")


@rule("hostility", how="max")
def airspace_closed(s: Subject) -> pd.DataFrame:
    """The state's airspace is closed to aircraft of the person's state."""
    rows = s.kb.table("airspace")
    rows = rows[(rows["aircraft_of"] == s.home) & rows["scope"].isin(["all", "civil", "state-aircraft"]) & (rows["person"] == "")]
    rows = through_blocs(s.kb, rows, "closer")
    label = "airspace closed to " + s.home + " aircraft (" + rows["scope"] + ") since " + rows["start"]
    return from_facts(rows, rows["iso3"], 1.0, label, "airspace")


@rule("hostility", how="max")
def flight_refused(s: Subject) -> pd.DataFrame:
    """The state refused passage to a flight carrying the person (remembered for two years)."""
    rows = _for_person(s.kb.table("airspace"), s.person)
    rows = through_blocs(s.kb, rows, "closer")
    until = _days_after(rows["held_from"], W.REFUSAL_DAYS) if not rows.empty else None
    return from_facts(rows, rows["iso3"], 1.0, "refused the person's flight on " + rows["start"], "airspace", until=until)


def _hostilities(s: Subject, kind: str, label: str) -> pd.DataFrame:
    rows = s.kb.table("hostilities")
    rows = rows[(rows["kind"] == kind) & lists_contain(rows["parties"], s.home)]
    other = _other_party(rows["parties"], s.home)
    rows = rows.loc[other.index].assign(other=other.values).reset_index(drop=True)
    return from_facts(rows, rows["other"], 1.0, label + " since " + rows["start"], "hostilities")


@rule("hostility", how="max")
def at_war(s: Subject) -> pd.DataFrame:
    """The state is at war with the person's state."""
    return _hostilities(s, "war", "at war with " + s.home)


@rule("hostility", how="max")
def no_relations(s: Subject) -> pd.DataFrame:
    """The state has no diplomatic relations with the person's state."""
    return _hostilities(s, "no-relations", "no diplomatic relations with " + s.home)


# --- ties ----------------------------------------------------------------------------------------------------

@rule("tie")
def shared_alliance(s: Subject) -> pd.DataFrame:
    """The state belongs with the person's state to an alliance, union or bloc (observers count for less)."""
    rows = s.kb.table("memberships")
    rows = rows[rows["organisation"].isin(list(W.ALLIANCE))]
    roles = (*FULL_ROLES, *W.LESSER_ROLES)
    home = rows[(rows["iso3"] == s.home) & rows["role"].isin(roles)]
    others = rows[(rows["iso3"] != s.home) & rows["role"].isin((*roles, "suspended"))]
    pairs = intersect(home, others, on="organisation")
    if pairs.empty:
        return make_spans([])
    weight = pairs["organisation"].map(W.ALLIANCE)
    lesser = pairs["role_l"].isin(W.LESSER_ROLES) | pairs["role_r"].isin(W.LESSER_ROLES)
    suspended = pairs["role_r"] == "suspended"
    value = weight * np.where(lesser, W.LESSER_ROLE, 1.0) * np.where(suspended, -1.0, 1.0)
    label = np.where(suspended, pairs["organisation"] + " membership suspended",
                     pairs["organisation"] + " " + pairs["role_r"].where(~lesser, "partner or observer"))
    label = pd.Series(label).where(suspended | lesser, pairs["organisation"] + " fellow member")
    value = np.where(pairs["certainty_r"] == "unverified", 0.0, value)
    # together since the later of the two joinings
    since = pairs["start_r"].where(pairs["held_from_r"] >= pairs["held_from_l"], pairs["start_l"])
    return make_spans(pd.DataFrame({
        "iso3": pairs["iso3_r"], "begin": pairs["begin"], "until": pairs["until"], "value": value,
        "fact": pairs["id_r"], "table": "memberships", "source": pairs["source_r"], "when": since,
        "label": label + " since " + since, "certainty": pairs["certainty_r"],
    }))


@rule("tie")
def treaty_ties(s: Subject) -> pd.DataFrame:
    """A treaty or joint declaration binds the state to the person's state (signed-only counts for half)."""
    rows = s.kb.table("treaties")
    rows = rows[lists_contain(rows["parties"], s.home)]
    if rows.empty:
        return make_spans([])
    other = _other_party(rows["parties"], s.home)
    rows = rows.loc[other.index].assign(other=other.values).reset_index(drop=True)
    value = rows["kind"].map(W.TREATY) + np.where(rows["mutual_defence"].fillna(False).astype(bool), W.MUTUAL_DEFENCE_BONUS, 0.0)
    in_force = from_facts(rows, rows["other"], value, rows["title"] + " in force since " + rows["start"], "treaties")
    signed = rows[rows["signed"] != ""]
    signed_from = pd.concat([signed["signed_on"], signed["disclosed"]], axis=1).max(axis=1) if not signed.empty else None
    until = signed["held_from"].where(signed["held_from"].notna(), signed["held_until"]) if not signed.empty else None
    pending = from_facts(signed, signed["other"], value.loc[signed.index] * W.SIGNED_NOT_IN_FORCE,
                         signed["title"] + " signed " + signed["signed"], "treaties", until=until, begin=signed_from)
    return make_spans(pd.concat([in_force, pending], ignore_index=True))


def _two_way(s: Subject, table: str, giver: str, taker: str, weight: float, labels) -> pd.DataFrame:
    """Spans for facts between the person's state and another, whichever way they run (giver -> taker).
    `labels(rows, home_gives)` words each fact from the other state's side."""
    rows = s.kb.table(table)
    gives, receives = rows[rows[giver] == s.home], rows[rows[taker] == s.home]
    return make_spans(pd.concat([
        from_facts(gives, gives[taker], weight, labels(gives, True), table),
        from_facts(receives, receives[giver], weight, labels(receives, False), table),
    ], ignore_index=True))


@rule("tie", how="max")
def troops_and_bases(s: Subject) -> pd.DataFrame:
    """Forces of the person's state are stationed in the state, or the state's forces in the person's state."""
    def labels(rows: pd.DataFrame, home_gives: bool) -> pd.Series:
        if home_gives:
            return "hosts " + s.home + " " + rows["kind"] + " (" + rows["site"] + ") since " + rows["start"]
        return "has " + rows["kind"] + " in " + s.home + " since " + rows["start"]

    return _two_way(s, "military_presence", "state", "host", W.TIES["troops_and_bases"], labels)


@rule("tie", how="max")
def arms_supplies(s: Subject) -> pd.DataFrame:
    """The state supplies the person's state with weapons, troops or war goods, or receives them from it."""
    def labels(rows: pd.DataFrame, home_gives: bool) -> pd.Series:
        verb, link = ("receives ", " from ") if home_gives else ("supplies ", " to ")
        return verb + rows["what"] + link + s.home + " since " + rows["start"]

    return _two_way(s, "support", "supplier", "recipient", W.TIES["arms_supplies"], labels)


@rule("tie")
def un_vote_alignment(s: Subject) -> pd.DataFrame:
    """The state voted with the person's state on the last five UN General Assembly resolutions about it (ten years at most)."""
    resolutions = s.kb.table("un_resolutions")
    resolutions = resolutions[resolutions["concerns"] == s.home]
    if resolutions.empty:
        return make_spans([])
    memory = 5  # each vote counts until five newer resolutions on the same state have been voted
    # "Newer" means adopted on a later day: same-day resolutions never supersede one another, and a vote's
    # expiry depends only on later resolutions, whatever the order of the rows.
    days = np.sort(resolutions["held_from"].to_numpy(dtype="datetime64[D]"))
    fifth_later = np.searchsorted(days, resolutions["held_from"].to_numpy(dtype="datetime64[D]"), side="right") + memory - 1
    superseded = pd.Series([days[i] if i < len(days) else pd.NaT for i in fifth_later], index=resolutions.index,
                           dtype="datetime64[ns]")
    forgotten = resolutions["held_from"] + pd.Timedelta(days=W.VOTE_MEMORY_DAYS)
    expiry = dict(zip(resolutions["id"], superseded.where(superseded < forgotten, forgotten)))
    flip = dict(zip(resolutions["id"], resolutions["yes_means"] == "for"))
    votes = s.kb.table("un_votes")
    votes = votes[votes["resolution"].isin(expiry) & (votes["iso3"] != s.home)]
    vote = votes["vote"].where(~votes["resolution"].map(flip), votes["vote"].replace({"Y": "N", "N": "Y"}))
    score = (vote.map(W.VOTE_SCORE) - W.VOTE_FLOOR) / (1 - W.VOTE_FLOOR)
    value = score.clip(lower=0) * W.TIES["un_vote_alignment"] / memory
    words = vote.map({"N": "voted no on ", "A": "abstained on ", "X": "did not vote on ", "Y": "voted yes on "})
    label = words + votes["resolution"] + " (" + votes["start"] + ")"
    return from_facts(votes, votes["iso3"], value, label, "un_votes", until=votes["resolution"].map(expiry))


@rule("tie", how="max")
def trade_dependence(s: Subject) -> pd.DataFrame:
    """The state is a major trading partner of the person's state, or depends on it for its own trade."""
    rows = s.kb.table("trade")
    rows = rows[((rows["reporter"] == s.home) | (rows["partner"] == s.home)) & (rows["share"] >= W.TRADE_MAJOR_SHARE)]
    other = rows["partner"].where(rows["reporter"] == s.home, rows["reporter"])
    label = rows["partner"] + " had " + (rows["share"] * 100).round().astype(int).astype(str) + "% of " + rows["reporter"] + "'s trade in " + rows["start"]
    label = label.where(rows["rank"] != 1, label + " (largest partner)")
    until = _days_after(rows["held_from"], W.TRADE_MEMORY_DAYS) if not rows.empty else None
    return from_facts(rows, other, W.TIES["trade_dependence"], label, "trade", until=until)


@rule("tie", cap=W.TIES["recent_visits"] * W.RECENT_VISITS_CAP)
def recent_visits(s: Subject) -> pd.DataFrame:
    """The person travelled to the state in the last two years."""
    rows = _for_person(s.kb.table("visits"), s.person)
    rows = rows[rows["kind"].isin(VISITED_KINDS)]
    until = _days_after(rows["start_on"], W.RECENT_VISITS_DAYS) if not rows.empty else None
    return from_facts(rows, rows["country"], W.TIES["recent_visits"], rows["kind"] + " on " + rows["start"], "visits", until=until)


# --- context: what makes a trip likely without binding the states together -------------------------------------

@rule("context", how="max")
def neighbour(s: Subject) -> pd.DataFrame:
    """The state shares a land border with the person's state."""
    from haven.geo.borders import land_borders

    others = sorted(b for a, b in land_borders() if a == s.home)
    return make_spans([{"iso3": iso3, "begin": "1900-01-01", "until": None, "value": 1.0, "fact": f"border-{s.home}-{iso3}".lower(),
                        "table": "boundaries", "source": BORDERS_SOURCE, "when": "", "label": f"shares a land border with {s.home}",
                        "certainty": "confirmed"} for iso3 in others])


# --- how an obliged state is likely to act --------------------------------------------------------------------

def _stances(s: Subject, kinds: tuple[str, ...], label: str, days: int | None = None, general: bool = True) -> pd.DataFrame:
    rows = s.kb.table("stances")
    rows = _for_person(rows[rows["kind"].isin(kinds)], s.person, general=general)
    rows = through_blocs(s.kb, rows, "country")
    until = None
    if days is not None and not rows.empty:
        until = rows["held_until"].where(rows["held_until"].notna(), _days_after(rows["held_from"], days))
    text = rows["by"].where(rows["by"] != "", rows["country"]) + " " + label + " (" + rows["start"] + ")"
    return from_facts(rows, rows["iso3"], 1.0, text, "stances", until=until)


@rule("leniency", how="max")
def will_not_arrest(s: Subject) -> pd.DataFrame:
    """The state (or its bloc) said it would not arrest the person, or claimed immunity for them."""
    return _stances(s, ("will-not-arrest", "immunity-claim"), "declined to arrest or claimed immunity")


@rule("leniency", how="max")
def invitation(s: Subject) -> pd.DataFrame:
    """The state invited the person (an invitation counts for a year)."""
    return _stances(s, ("invitation",), "invited the person", days=W.INVITATION_DAYS, general=False)


@rule("leniency", how="max")
def non_compliance_record(s: Subject) -> pd.DataFrame:
    """The ICC found that the state failed to arrest someone it was obliged to arrest."""
    rows = s.kb.table("stances")
    findings = rows[rows["kind"] == "icc-non-compliance-finding"]
    label = "ICC non-compliance finding of " + findings["start"] + " (" + findings["person"].where(findings["person"] != "", "a suspect") + ")"
    return from_facts(findings, findings["country"], 1.0, label, "stances", until=pd.Series(pd.NaT, index=findings.index))


@rule("leniency", how="max")
def hosted_under_warrant(s: Subject) -> pd.DataFrame:
    """The state, obliged to arrest the person, hosted them and let them leave."""
    visits = _for_person(s.kb.table("visits"), s.person)
    visits = visits[visits["kind"].isin(VISITED_KINDS) & visits["start_on"].notna()]
    warrants = icc_warrant(s)
    parties = s.kb.table("memberships")
    parties = parties[(parties["organisation"] == "ICC") & (parties["role"] == "party")][["iso3", "held_from", "held_until"]]
    if visits.empty or warrants.empty:
        return make_spans([])
    day = visits["start_on"].to_numpy(dtype="datetime64[D]")
    wanted = ((warrants["begin"].to_numpy()[None, :] <= day[:, None]) & (day[:, None] < warrants["until"].to_numpy()[None, :])).any(axis=1)
    pairs = visits[wanted].reset_index(drop=True).merge(parties.rename(columns={"iso3": "country"}), on="country", suffixes=("", "_party"))
    bound = (pairs["held_from_party"] <= pairs["start_on"]) & (pairs["held_until_party"].isna() | (pairs["start_on"] < pairs["held_until_party"]))
    frame = pairs[bound].drop_duplicates("id")
    return from_facts(frame, frame["country"], 1.0, "hosted the person under warrant on " + frame["start"], "visits",
                      begin=frame["held_until"], until=pd.Series(pd.NaT, index=frame.index))


@rule("firmness", how="max")
def will_arrest(s: Subject) -> pd.DataFrame:
    """The state said it would arrest the person, or its courts ordered the arrest."""
    return _stances(s, ("will-arrest", "domestic-court-order"), "said or ordered it would arrest")
