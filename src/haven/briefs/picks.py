"""Which facts a brief tells, chosen from the engine's results (`Assessment`, `Series`): the allies and the
few facts that make each one, the states bound to arrest that may not, the trips, and the verdicts that
changed. Words come from the rulebook (`Assessment.gist`, `.statements`); this module only chooses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from haven.engine import (
    Assessment,
    Evidence,
    Finding,
    Statement,
    Verdict,
    assess,
    series,
)
from haven.knowledge import KnowledgeBase
from haven.persons import Person
from haven.vocabulary import TIERS

DISPUTED = "disputed"  # obliged_to_arrest where authoritative sources conflict on the duty
VOTES_TABLE = "un_votes"  # facts told in the appendix's vote table, not country by country
GIST_AXES = {"ally": ("tie",), "wavering": ("leniency", "firmness")}
TOLD_AXES = ("duty", "leniency", "firmness", "tie", "hostility", "ban", "context")


@dataclass(frozen=True)
class Pick:
    """One state as a brief tells it: its verdict, a few sentences for the article, every sentence for the
    appendix (votes apart: they go to the vote table)."""

    iso3: str
    verdict: Verdict
    gist: tuple[Statement, ...]
    details: tuple[Statement, ...]
    votes: tuple[Evidence, ...]

    @property
    def country(self) -> str:
        return self.verdict.country


def _votes(finding: Finding) -> bool:
    return any(e.table == VOTES_TABLE for e in finding.evidence)


def _ordered(findings: tuple[Finding, ...], axes: tuple[str, ...]) -> list[Finding]:
    """Findings of `axes` by the weight the engine gave them (a stable sort keeps the rulebook's order within)."""
    return sorted((f for f in findings if f.axis in axes and f.counted), key=lambda f: (axes.index(f.axis), -f.value))


def pick(a: Assessment, iso3: str, axes: tuple[str, ...], most: int) -> Pick:
    """The state's verdict with its `most` weightiest findings of `axes`, one short sentence each."""
    verdict = a.explain(iso3).verdict
    gist: list[Statement] = []
    for finding in _ordered(verdict.findings, axes):
        told = a.gist(finding, iso3)
        if told:
            gist.extend(told)
        if len(gist) >= most:
            break
    details = [s for f in _ordered(verdict.findings, TOLD_AXES) if not _votes(f) for s in a.statements(f, iso3)]
    votes = tuple(e for f in verdict.findings if _votes(f) for e in f.counted_evidence())
    return Pick(iso3, verdict, tuple(gist[:most]), tuple(details), votes)


def contested(a: Assessment) -> list[Pick]:
    """States whose duty to arrest is disputed (authoritative sources conflict), with every fact on the duty."""
    codes = sorted((v.iso3 for v in a if v.obliged_to_arrest == "disputed"), key=lambda c: (a.verdicts[c].country, c))
    return [pick(a, c, ("duty",), 4) for c in codes]


def allies(a: Assessment, most: int) -> list[Pick]:
    """Allies, closest first (by the engine's tie strength, then name), each with its `most` strongest ties."""
    codes = [v.iso3 for v in a if v.tier == "ally"]
    codes.sort(key=lambda c: (-round(a.ties(c), 6), a.verdicts[c].country, c))
    return [pick(a, c, GIST_AXES["ally"], most) for c in codes]


def wavering(a: Assessment, most: int) -> list[Pick]:
    """States bound to arrest whose record, stance or ties make an arrest less likely, least likely first."""
    found = [v for v in a if v.obliged_to_arrest is True and v.tier == "risky"]
    found.sort(key=lambda v: (v.arrest_risk, v.country, v.iso3))
    out = []
    for v in found:
        chosen = pick(a, v.iso3, GIST_AXES["wavering"], most)
        if not chosen.gist:  # nothing said or done: its ties are the reason
            chosen = replace(chosen, gist=pick(a, v.iso3, GIST_AXES["ally"], 1).gist)
        out.append(chosen)
    return out


# --- states shut to the person ------------------------------------------------------------------------------------

MEANS = ("an entry ban", "an asset freeze", "sanctions", "closed airspace", "a refused flight", "war",
         "the absence of diplomatic relations", "non-recognition")


@dataclass(frozen=True)
class Shut:
    """A state with no duty to arrest that is shut or hostile to the person: how (`means`), and its facts."""

    iso3: str
    verdict: Verdict
    means: tuple[str, ...]
    gist: tuple[Statement, ...]
    own: bool  # the state's own measure, not only its bloc's


def _means(e: Evidence) -> str | None:
    d = e.detail
    if e.table == "sanctions":
        return {"travel-ban": "an entry ban", "asset-freeze": "an asset freeze"}.get(str(d.get("measure")), "sanctions") \
            if not d.get("target_state") else "sanctions"
    if e.table == "airspace":
        return "a refused flight" if d.get("scope") not in ("all", "civil", "state-aircraft") else "closed airspace"
    if e.table == "hostilities":
        return "war" if d.get("kind") == "war" else "the absence of diplomatic relations"
    if e.table == "recognitions":
        return "non-recognition"
    return None


def shut(a: Assessment, verdicts: list[Verdict]) -> list[Shut]:
    """The states shut or hostile to the person, those acting on their own first (a bloc's members after), closed
    before risky, then by name; each with the means and its first ban or hostility fact."""
    out = []
    for v in verdicts:
        findings = _ordered(a.explain(v.iso3).verdict.findings, ("ban", "hostility"))
        facts = [e for f in findings for e in f.counted_evidence()]
        means = tuple(dict.fromkeys(m for m in map(_means, facts) if m))
        own = any(str(e.detail.get("imposer") or e.detail.get("closer") or v.iso3) == v.iso3 for e in facts)
        gist = tuple(s for f in findings[:1] for s in a.gist(f, v.iso3)[:1])
        out.append(Shut(v.iso3, v, means, gist, own))
    return sorted(out, key=lambda p: (not p.own, p.verdict.tier != "closed", p.verdict.country, p.iso3))


# --- trips --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Trips:
    made: tuple[Statement, ...]
    not_made: tuple[Statement, ...]
    countries: tuple[str, ...]  # the states visited, in order of the first visit
    sources: tuple[dict, ...]  # one per trip made, for the count in the lede


def trips(a: Assessment, since: date) -> Trips:
    """Trips made and not made since `since`. A summit stayed away from and joined by video is one trip not
    made, told as joined by video, citing the sources of both records."""
    records = a.trips(since)
    made = [t for t in records if t.made]
    by_event: dict[tuple[str, str], list] = {}
    for t in records:
        if not t.made:
            by_event.setdefault((t.state, t.start), []).append(t)
    not_made = []
    for group in by_event.values():
        told = [a.trip_statement(t) for t in sorted(group, key=lambda t: (t.kind != "virtual", t.fact))]
        sources = tuple({s["url"]: s for c in told for s in c.sources}.values())
        not_made.append(Statement(told[0].text, sources))
    countries = tuple(dict.fromkeys(t.state for t in made))
    return Trips(tuple(a.trip_statement(t) for t in made), tuple(not_made), countries,
                 tuple(a.sources(t.source)[0] for t in made if a.sources(t.source)))


# --- what changed -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """States whose verdict moved to the same tier on the same day, and what the facts say about why."""

    day: date
    states: tuple[str, ...]  # ISO3, closest to the person's state first
    before: tuple[tuple[str, bool | str], ...]  # the tiers they left (tier, obliged), most common first
    after: tuple[str, bool | str]  # tier, obliged (True, False or "disputed")
    causes: tuple[Statement, ...]
    lost: tuple[Statement, ...] = ()  # facts that stopped counting that day (an invitation's year ran out)
    again: bool = False  # the states had held this verdict earlier in the period


def _facts(a: Assessment, iso3: str) -> dict[str, tuple[Finding, Evidence]]:
    return {e.fact: (f, e) for f in a.explain(iso3).verdict.findings for e in f.evidence if e.counted}


def _told(a: Assessment, iso3: str, facts: dict[str, tuple[Finding, Evidence]]) -> list[Statement]:
    """The sentences for some of a state's facts, in their rules' short words."""
    out: list[Statement] = []
    findings: dict[str, tuple[Finding, list[Evidence]]] = {}
    for finding, item in facts.values():
        findings.setdefault(finding.rule, (finding, []))[1].append(item)
    for finding, items in findings.values():
        if len(a.statements(finding, iso3)) == len(finding.counted_evidence()):  # one sentence per fact: these
            out.extend(a.gist(replace(finding, evidence=tuple(items)), iso3))
        else:  # the rule sums its facts up ("went there three times"): told whole
            out.extend(a.gist(finding, iso3))
    return out


def _causes(kb: KnowledgeBase, person: Person, day: date, iso3: str) -> tuple[tuple[Statement, ...], tuple[Statement, ...]]:
    """The sentences for the facts that began to count for the state on `day` (the warrant, if it did), and for
    those that stopped counting that day."""
    now, before = assess(person, day, kb), assess(person, day - timedelta(days=1), kb)
    old, new = _facts(before, iso3), _facts(now, iso3)
    out: list[Statement] = [now.warrant_statement(r) for r in now.warrants if r.held_from == day and r.kind == "warrant"]
    out += _told(now, iso3, {k: v for k, v in new.items() if k not in old})
    lost = _told(before, iso3, {k: v for k, v in old.items() if k not in new})
    return tuple(out), tuple(lost)


def changes(kb: KnowledgeBase, person: Person, a: Assessment, since: date, most: int) -> list[Change]:
    """How verdicts moved between `since` and the assessment's date. For each state whose verdict differs at the
    two ends, its last move counts (the one that brought it where it is; `again` when it had held that verdict
    before in the period); moves on the same day to the same verdict are told together. The `most` largest
    groups (then the latest) are kept."""
    days = np.arange(np.datetime64(since, "D"), np.datetime64(a.on, "D") + 1)
    if len(days) < 2:
        return []
    s = series(person, days, kb)
    moves: dict[tuple, list[tuple[str, tuple[int, bool | str], bool]]] = {}
    for j, iso3 in enumerate(s.countries):
        state = [(int(t), DISPUTED if d else bool(o) and TIERS[int(t)] in ("risky", "closed"))
                 for t, o, d in zip(s.tier[:, j], s.obliged[:, j], s.disputed[:, j], strict=True)]
        if state[0] == state[-1] or TIERS[state[-1][0]] == "home":
            continue
        steps = [i for i in range(1, len(state)) if state[i] != state[i - 1]]
        i = steps[-1]
        again = any(state[k] == state[i] for k in steps[:-1])
        moves.setdefault((days[i].astype(date), state[i]), []).append((iso3, state[i - 1], again))
    ranked = sorted(moves.items(), key=lambda kv: (-len(kv[1]), -kv[0][0].toordinal()))[:most]
    out = []
    for (day, after), moved in sorted(ranked, key=lambda kv: (kv[0][0], -len(kv[1]))):
        states = tuple(sorted((c for c, _, _ in moved), key=lambda c: (-round(a.ties(c), 6), a.verdicts[c].country, c)))
        left = [b for _, b, _ in moved]
        before = tuple(sorted(set(left), key=lambda b: (-left.count(b), str(b))))
        causes, lost = _causes(kb, person, day, states[0])
        out.append(Change(day, states, tuple((TIERS[t], o) for t, o in before), (TIERS[after[0]], after[1]),
                          causes, lost, all(again for _, _, again in moved)))
    return out
