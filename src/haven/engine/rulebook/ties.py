"""Ties: what binds a state to the person's state. Their values are summed into tie strength."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from haven import words as w
from haven.engine import weights as W
from haven.engine.evidence import Evidence, Statement, cited
from haven.engine.rulebook.declare import (
    TIE,
    Detail,
    Effect,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.rulebook.reading import (
    FULL_ROLES,
    days_after,
    for_person,
    lists_contain,
    other_parties,
)
from haven.engine.spans import details, from_facts, intersect, make_spans
from haven.lazy import lazy
from haven.vocabulary import VISITED_KINDS

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy("pandas")


# --- alliances ---------------------------------------------------------------------------------------------------

def _alliance_label(d: Detail) -> str:
    if d["role"] == "suspended":
        return f"{d['organisation']} membership suspended since {d['since']}"
    if d["role"] in W.LESSER_ROLES or d["home_role"] in W.LESSER_ROLES:
        return f"{d['organisation']} partner or observer since {d['since']}"
    return f"{d['organisation']} fellow member since {d['since']}"


def _alliance_statements(told: Told) -> list[Statement]:
    full: list[tuple[str, Evidence]] = []
    lesser: list[tuple[str, Evidence]] = []
    suspended: list[tuple[str, Evidence]] = []
    for item in told.finding.counted_evidence():
        org = told.names.organisation(item.detail["organisation"])
        role = item.detail["role"]
        if role == "suspended":
            suspended.append((w.the(org), item))
        elif role in FULL_ROLES:
            full.append((f"{w.the(org)} ({w.since(item.when)})" if item.when else w.the(org), item))
        else:
            lesser.append((f"{w.ROLE_WORDS.get(role, role)} of {w.the(org)}", item))
    out = []
    if full:
        out.append(Statement(w.sentence(f"{told.country} and {told.home} belong together to " + w.join([t for t, _ in full])),
                             cited(*(i for _, i in full))))
    if lesser:
        out.append(Statement(w.sentence(f"{told.country} is " + w.join([t for t, _ in lesser]) + f", to which {told.home} belongs"),
                             cited(*(i for _, i in lesser))))
    if suspended:
        out.append(Statement(w.sentence(f"{w.possessive(told.country)} membership of " + w.join([t for t, _ in suspended])
                                        + " is suspended"), cited(*(i for _, i in suspended))))
    return out


@rule(TIE, Words(label=_alliance_label, statements=_alliance_statements),
      weight=", ".join(f"{k} {v}" for k, v in W.ALLIANCE.items()) + f"; lesser roles x{W.LESSER_ROLE}")
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
    value = np.where(pairs["certainty_r"] == "unverified", 0.0, value)
    # together since the later of the two joinings
    since = pairs["start_r"].where(pairs["held_from_r"] >= pairs["held_from_l"], pairs["start_l"])
    detail = details(pairs, organisation=pairs["organisation"], role=pairs["role_r"], home_role=pairs["role_l"], since=since)
    return make_spans(pd.DataFrame({
        "iso3": pairs["iso3_r"], "begin": pairs["begin"], "until": pairs["until"], "value": value,
        "fact": pairs["id_r"], "table": "memberships", "source": pairs["source_r"], "when": since,
        "certainty": pairs["certainty_r"], "detail": pd.Series(detail, index=pairs.index, dtype=object),
    }))


# --- treaties ----------------------------------------------------------------------------------------------------

def _treaty_label(d: Detail) -> str:
    if d["stage"] == "in-force":
        return f"{d['title']} in force since {d['start']}"
    return f"{d['title']} signed {d['signed']}"


_PARTIES_SUFFIX = re.compile(r"\s*\((?:[A-Z][\w' ]*-)+[A-Z][\w' ]*\)$")  # "(Russia-Belarus)": the sentence names both


def _treaty_title(title: str, kind: str) -> str:
    """The treaty's title as a sentence runs it, with its kind after it unless the title already says it:
    'the Treaty on Security Guarantees within the Union State, a mutual-defence treaty', but 'the Joint
    Statement on ...' (not '..., a joint statement')."""
    title = _PARTIES_SUFFIX.sub("", str(title))
    words = set(re.findall(r"[a-z]+", title.lower()))
    said = set(re.findall(r"[a-z]+", kind.lower()))
    if said <= words or (kind.split()[-1] in words and "mutual" not in said):
        return w.the(title)
    return f"{w.the(title)}, {'an' if kind[0] in 'aeiou' else 'a'} {kind},"


def _treaty_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        kind = w.TREATY_KINDS.get(d["kind"], d["kind"])
        if d.get("mutual_defence") is True:
            kind = "mutual-defence treaty" if d["kind"] == "defence-treaty" else f"{kind} with a mutual-defence clause"
        title = _treaty_title(d["title"], kind)
        if d["stage"] == "in-force":
            text = f"{told.country} and {told.home} have been bound {w.since(d['start'])} by {title.rstrip(',')}"
        elif d.get("start") and d.get("signed"):
            text = (f"{told.country} and {told.home} signed {title} {w.on_day(d['signed'])}; "
                    f"it was not yet in force on {w.day(told.on)}")
        else:
            text = f"{told.country} and {told.home} signed {title} {w.on_day(d['signed'])}"
        out.append(Statement(w.sentence(text), cited(item)))
    return out


def _treaty_headline(d: Detail, begins: bool, names) -> str | None:
    if d["stage"] != "in-force":
        return None
    others = [names.raw(p) for p in d["parties"].split(";") if p and p != d["home"]]
    who = others[0] if len(others) == 1 else f"{len(others)} states"
    return f"Treaty with {who} {'in force' if begins else 'ends'}"


@rule(TIE, Words(label=_treaty_label, statements=_treaty_statements, headline=_treaty_headline, milestone="treaty"),
      weight=", ".join(f"{k} {v}" for k, v in W.TREATY.items())
      + f"; mutual defence +{W.MUTUAL_DEFENCE_BONUS}; signed only x{W.SIGNED_NOT_IN_FORCE}")
def treaty_ties(s: Subject) -> pd.DataFrame:
    """A treaty or joint declaration binds the state to the person's state (signed-only counts for half)."""
    rows = s.kb.table("treaties")
    rows = rows[lists_contain(rows["parties"], s.home)]
    if rows.empty:
        return make_spans([])
    rows = other_parties(rows, "parties", s.home)
    value = rows["kind"].map(W.TREATY) + np.where(rows["mutual_defence"].fillna(False).astype(bool), W.MUTUAL_DEFENCE_BONUS, 0.0)
    columns = ("title", "kind", "parties", "signed", "start", "end", "mutual_defence")
    in_force = from_facts(rows, rows["other"], value, details(rows, *columns, stage="in-force", home=s.home), "treaties")
    signed = rows[rows["signed"] != ""]
    signed_from = pd.concat([signed["signed_on"], signed["disclosed"]], axis=1).max(axis=1) if not signed.empty else None
    until = signed["held_from"].where(signed["held_from"].notna(), signed["held_until"]) if not signed.empty else None
    pending = from_facts(signed, signed["other"], value.loc[signed.index] * W.SIGNED_NOT_IN_FORCE,
                         details(signed, *columns, stage="signed", home=s.home), "treaties", until=until, begin=signed_from)
    return make_spans(pd.concat([in_force, pending], ignore_index=True))


# --- forces and arms ---------------------------------------------------------------------------------------------

def _two_way(s: Subject, table: str, giver: str, taker: str, weight: float, columns: tuple[str, ...]) -> pd.DataFrame:
    """Spans for facts between the person's state and another, whichever way they run (giver -> taker)."""
    rows = s.kb.table(table)
    gives, receives = rows[rows[giver] == s.home], rows[rows[taker] == s.home]
    return make_spans(pd.concat([
        from_facts(gives, gives[taker], weight, details(gives, *columns, home=s.home), table),
        from_facts(receives, receives[giver], weight, details(receives, *columns, home=s.home), table),
    ], ignore_index=True))


def _presence_label(d: Detail) -> str:
    if d["state"] == d["home"]:
        return f"hosts {d['home']} {d['kind']} ({d['site']}) since {d['start']}"
    return f"has {d['kind']} in {d['home']} since {d['start']}"


def _presence_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        kind = w.PRESENCE_KINDS.get(d["kind"], d["kind"])
        verb = "has had" if d["kind"] != "weapons" else "has kept"
        site = f": {w.run_on(d['site'])}" if d.get("site") else ""
        if d["host"] == told.iso3:
            text = f"{told.names.country(d['state'])} {verb} {kind} in {told.country} {w.since(d['start'])}{site}"
        else:
            text = f"{told.country} {verb} {kind} in {told.names.country(d['host'])} {w.since(d['start'])}{site}"
        out.append(Statement(w.sentence(text), cited(item)))
    return out


@rule(TIE, Words(label=_presence_label, statements=_presence_statements), how="max", weight=str(W.TIES["troops_and_bases"]))
def troops_and_bases(s: Subject) -> pd.DataFrame:
    """Forces of the person's state are stationed in the state, or the state's forces in the person's state."""
    return _two_way(s, "military_presence", "state", "host", W.TIES["troops_and_bases"], ("state", "host", "kind", "site", "start"))


def _supply_label(d: Detail) -> str:
    if d["supplier"] == d["home"]:
        return f"receives {d['what']} from {d['home']} since {d['start']}"
    return f"supplies {d['what']} to {d['home']} since {d['start']}"


def _supply_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        giver, taker = told.names.country(d["supplier"]), told.names.country(d["recipient"])
        when = w.since(d["start"])
        if d["what"] == "territory":
            text = f"{giver} has let {taker} use its territory {when}"
        elif d["what"] == "production-licence":
            text = f"{giver} has licensed {taker} to produce its weapons {when}"
        else:
            text = f"{giver} has supplied {taker} with {w.SUPPORT_WHAT.get(d['what'], d['what'])} {when}"
        text += f": {w.run_on(d['detail'])}" if d.get("detail") else ""
        out.append(Statement(w.sentence(text), cited(item)))
    return out


@rule(TIE, Words(label=_supply_label, statements=_supply_statements), how="max", weight=str(W.TIES["arms_supplies"]))
def arms_supplies(s: Subject) -> pd.DataFrame:
    """The state supplies the person's state with weapons, troops or war goods, or receives them from it."""
    return _two_way(s, "support", "supplier", "recipient", W.TIES["arms_supplies"],
                    ("supplier", "recipient", "what", "detail", "start", "end"))


# --- votes at the UN ---------------------------------------------------------------------------------------------

VOTE_MEMORY = 5  # each vote counts until five newer resolutions on the same state have been voted
ALIGNED_WORDS = {"N": "voted no on ", "A": "abstained on ", "X": "did not vote on ", "Y": "voted yes on "}


def _votes_reason(items: Sequence[tuple[Detail, str, str]]) -> str:
    """How the state voted on the resolutions still remembered (unverified votes included in the count)."""
    aligned = [d["aligned"] for d, _, _ in items]
    counts = {"no": aligned.count("N"), "abstentions": aligned.count("A"), "absences": aligned.count("X")}
    parts = [f"{n} {word}" for word, n in counts.items() if n]
    home = items[0][0]["concerns"] if items else ""
    return f"{', '.join(parts) or 'no votes'} in the last {len(items)} UN votes condemning {home}"


def _votes_statements(told: Told) -> list[Statement]:
    groups: dict[str, list[Evidence]] = {}
    for item in told.finding.counted_evidence():
        groups.setdefault(item.detail["vote"], []).append(item)
    if not groups:
        return []
    total = sum(len(v) for v in groups.values())
    critical = all(i.detail["yes_means"] == "against" for items in groups.values() for i in items)
    about = f"critical of {told.home}" if critical else f"about {told.home}"
    out = []
    first = True
    for code in ("N", "A", "X", "Y"):
        items = groups.get(code)
        if not items:
            continue
        listed = w.join([f"{i.detail['resolution']}" + (f" on “{i.detail['title']}”" if i.detail["title"] else "")
                         + f" ({w.day(i.detail['adopted'])})"
                         for i in sorted(items, key=lambda i: (i.detail["adopted"], i.detail["resolution"]))])
        if first:
            resolutions = f"General Assembly resolution {about}"
            if len(items) == total and total > 1:
                scope = f"all {w.count(total, 'of the latest', 'of the latest')} {resolutions.replace('resolution', 'resolutions', 1)}"
            else:
                scope = w.count(len(items), resolutions, resolutions.replace("resolution", "resolutions", 1))
            text = f"At the UN, {told.country} {w.VOTE_WORDS[code]} {scope}: {listed}"
            first = False
        else:
            text = f"It {w.VOTE_WORDS[code]} {w.count(len(items), 'other', 'others')}: {listed}"
        out.append(Statement(w.sentence(text), cited(*items)))
    return out


def _votes_gist(told: Told) -> list[Statement]:
    """The votes in one sentence, resolutions unnamed (an article names them once, in a legend)."""
    items = told.finding.counted_evidence()
    if not items:
        return []
    counts = {code: sum(1 for i in items if i.detail["vote"] == code) for code in ("N", "A", "X", "Y")}
    critical = all(i.detail["yes_means"] == "against" for i in items)
    about = f"critical of {told.home}" if critical else f"about {told.home}"
    total = len(items)
    if total == 1:
        code = items[0].detail["vote"]
        text = f"At the UN, {told.country} {w.VOTE_WORDS[code]} the latest General Assembly resolution {about}"
    elif max(counts.values()) == total:
        code = next(c for c, n in counts.items() if n)
        text = (f"At the UN, {told.country} {w.VOTE_WORDS[code]} all {w.num(total)} of the latest "
                f"General Assembly resolutions {about}")
    else:
        parts = [f"{w.VOTE_WORDS[c]} {w.num(n)}" for c, n in counts.items() if n]
        text = (f"Of the latest {w.num(total)} General Assembly resolutions {about}, {told.country} "
                f"{w.join(parts)}")
    return [Statement(w.sentence(text), tuple(src for item in items for src in item.sources))]


@rule(TIE, Words(label=lambda d: ALIGNED_WORDS[d["aligned"]] + f"{d['resolution']} ({d['start']})",
                 reason=_votes_reason, statements=_votes_statements, gist=_votes_gist),
      weight=f"{W.TIES['un_vote_alignment']} x alignment over the last {VOTE_MEMORY} votes "
             f"(no 1, abstain 0.5, absent 0.35, yes 0)")
def un_vote_alignment(s: Subject) -> pd.DataFrame:
    """The state voted with the person's state on the last five UN General Assembly resolutions about it (ten years at most)."""
    resolutions = s.kb.table("un_resolutions")
    resolutions = resolutions[resolutions["concerns"] == s.home]
    if resolutions.empty:
        return make_spans([])
    # "Newer" means adopted on a later day: same-day resolutions never supersede one another, and a vote's
    # expiry depends only on later resolutions, whatever the order of the rows.
    days = np.sort(resolutions["held_from"].to_numpy(dtype="datetime64[D]"))
    fifth_later = np.searchsorted(days, resolutions["held_from"].to_numpy(dtype="datetime64[D]"), side="right") + VOTE_MEMORY - 1
    superseded = pd.Series([days[i] if i < len(days) else pd.NaT for i in fifth_later], index=resolutions.index,
                           dtype="datetime64[ns]")
    forgotten = resolutions["held_from"] + pd.Timedelta(days=W.VOTE_MEMORY_DAYS)
    expiry = dict(zip(resolutions["id"], superseded.where(superseded < forgotten, forgotten), strict=True))
    about = resolutions.set_index("id")
    votes = s.kb.table("un_votes")
    votes = votes[votes["resolution"].isin(expiry) & (votes["iso3"] != s.home)]
    flip = votes["resolution"].map(about["yes_means"]) == "for"
    aligned = votes["vote"].where(~flip, votes["vote"].replace({"Y": "N", "N": "Y"}))
    score = (aligned.map(W.VOTE_SCORE) - W.VOTE_FLOOR) / (1 - W.VOTE_FLOOR)
    value = score.clip(lower=0) * W.TIES["un_vote_alignment"] / VOTE_MEMORY
    detail = details(votes, "resolution", "vote", "start", aligned=aligned, concerns=s.home,
                     title=votes["resolution"].map(about["title"]), adopted=votes["resolution"].map(about["start"]),
                     yes_means=votes["resolution"].map(about["yes_means"]))
    return from_facts(votes, votes["iso3"], value, detail, "un_votes", until=votes["resolution"].map(expiry))


# --- trade and trips ---------------------------------------------------------------------------------------------

def _trade_label(d: Detail) -> str:
    label = f"{d['partner']} had {round(d['share'] * 100)}% of {d['reporter']}'s trade in {d['start']}"
    return label + (" (largest partner)" if d.get("rank") == 1 else "")


def _trade_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        text = (f"{told.names.country(d['partner'])} accounted for {w.percent(float(d['share']))} of "
                f"{w.possessive(told.names.country(d['reporter']))} foreign trade in {w.day(d['start'])}")
        if d.get("rank") == 1:
            text += ", more than any other partner"
        out.append(Statement(w.sentence(text), cited(item)))
    return out


@rule(TIE, Words(label=_trade_label, statements=_trade_statements), how="max",
      weight=f"{W.TIES['trade_dependence']} when either side's share >= {W.TRADE_MAJOR_SHARE}")
def trade_dependence(s: Subject) -> pd.DataFrame:
    """The state is a major trading partner of the person's state, or depends on it for its own trade."""
    rows = s.kb.table("trade")
    rows = rows[((rows["reporter"] == s.home) | (rows["partner"] == s.home)) & (rows["share"] >= W.TRADE_MAJOR_SHARE)]
    other = rows["partner"].where(rows["reporter"] == s.home, rows["reporter"])
    until = days_after(rows["held_from"], W.TRADE_MEMORY_DAYS) if not rows.empty else None
    return from_facts(rows, other, W.TIES["trade_dependence"], details(rows, "reporter", "partner", "share", "rank", "start"),
                      "trade", until=until)


def _where(item: Evidence) -> str:
    return w.join([p.strip() for p in str(item.detail.get("place") or "").split(";")])


def _visits_statements(told: Told) -> list[Statement]:
    items = told.finding.counted_evidence()
    if not items:
        return []
    listed = w.join([w.day(i.detail["start"]) + (f" ({_where(i)})" if _where(i) else "") for i in items])
    text = f"{told.person} went to {told.country} {w.times(len(items))} in the two years up to {w.day(told.on)}: {listed}"
    return [Statement(w.sentence(text), cited(*items))]


def _visits_gist(told: Told) -> list[Statement]:
    """The trips in one sentence: how many, and the latest (the full list is the statement's)."""
    items = told.finding.counted_evidence()
    if not items:
        return []
    last = items[-1]
    where = f"to {_where(last)} " if _where(last) and _where(last) != told.country else ""
    if len(items) == 1:
        text = f"{told.person} went to {told.country} {w.on_day(last.detail['start'])}" + (
            f", visiting {where.strip()[3:]}" if where else "")
    else:
        text = (f"{told.person} went to {told.country} {w.times(len(items))} in the two years up to {w.day(told.on)}, "
                f"most recently {where}{w.on_day(last.detail['start'])}")
    return [Statement(w.sentence(text), cited(*items))]


@rule(TIE, Words(label=lambda d: f"{d['kind']} on {d['start']}", statements=_visits_statements, gist=_visits_gist),
      effect=Effect(feature="recent_visits", feature_per=W.TIES["recent_visits"], total_feature="travel_activity"),
      cap=W.TIES["recent_visits"] * W.RECENT_VISITS_CAP,
      weight=f"{W.TIES['recent_visits']} per trip in {W.RECENT_VISITS_DAYS} days, at most {W.RECENT_VISITS_CAP}; "
             f"the trips summed over the states give the person's `travel_activity`, log(1 + n)")
def recent_visits(s: Subject) -> pd.DataFrame:
    """The person travelled to the state in the last two years."""
    rows = for_person(s.kb.table("visits"), s.person)
    rows = rows[rows["kind"].isin(VISITED_KINDS)]
    until = days_after(rows["start_on"], W.RECENT_VISITS_DAYS) if not rows.empty else None
    return from_facts(rows, rows["country"], W.TIES["recent_visits"], details(rows, "kind", "start", "end", "place"),
                      "visits", until=until)


def _recognised_label(d: Detail) -> str:
    government = f" ({d['government']})" if d.get("government") else ""
    return f"{d['recogniser']} recognised the government of {d['recognised']}{government} on {d['start']}"


def _recognised_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        government = f", {d['government']}," if d.get("government") else ""
        text = f"{told.home} recognised the government{government} of {told.country} {w.on_day(d['start'])}"
        out.append(Statement(w.sentence(text), cited(item)))
    return out


@rule(TIE, Words(label=_recognised_label, statements=_recognised_statements), how="max",
      weight=str(W.TIES["recognised_government"]))
def recognised_government(s: Subject) -> pd.DataFrame:
    """The person's state recognises the government in power in the state (a new one included)."""
    rows = s.kb.table("recognitions")
    rows = rows[(rows["kind"] == "recognises-government") & (rows["recogniser"] == s.home)]
    return from_facts(rows, rows["recognised"], W.TIES["recognised_government"],
                      details(rows, "recogniser", "recognised", "government", "start", "end"), "recognitions")
