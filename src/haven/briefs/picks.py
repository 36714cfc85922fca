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
    before: tuple[tuple[str, bool], ...]  # the tiers they left (tier, obliged), most common first
    after: tuple[str, bool]  # tier, obliged
    causes: tuple[Statement, ...]


def _facts(a: Assessment, iso3: str) -> dict[str, tuple[Finding, Evidence]]:
    return {e.fact: (f, e) for f in a.explain(iso3).verdict.findings for e in f.evidence if e.counted}


def _causes(kb: KnowledgeBase, person: Person, day: date, iso3: str) -> tuple[Statement, ...]:
    """The sentences for the facts that began to count for the state on `day` (the warrant, if it did)."""
    now, before = assess(person, day, kb), assess(person, day - timedelta(days=1), kb)
    old = _facts(before, iso3)
    new_facts = {k: v for k, v in _facts(now, iso3).items() if k not in old}
    out: list[Statement] = [now.warrant_statement(r) for r in now.warrants if r.held_from == day and r.kind == "warrant"]
    findings: dict[str, tuple[Finding, list[Evidence]]] = {}
    for finding, item in new_facts.values():
        findings.setdefault(finding.rule, (finding, []))[1].append(item)
    for finding, items in findings.values():
        if len(now.statements(finding, iso3)) == len(finding.counted_evidence()):  # one sentence per fact: the new ones
            out.extend(now.gist(replace(finding, evidence=tuple(items)), iso3))
        else:  # the rule sums its facts up ("went there three times"): told whole
            out.extend(now.gist(finding, iso3))
    return tuple(out)


def changes(kb: KnowledgeBase, person: Person, a: Assessment, since: date, most: int) -> list[Change]:
    """How verdicts moved between `since` and the assessment's date. For each state whose tier differs at the
    two ends, its first and its last move count (moves undone in between are left out); moves on the same
    day to the same tier are told together. The `most` largest groups (then the latest) are kept."""
    days = np.arange(np.datetime64(since, "D"), np.datetime64(a.on, "D") + 1)
    if len(days) < 2:
        return []
    s = series(person, days, kb)
    moves: dict[tuple, list[tuple[str, tuple[int, bool]]]] = {}
    for j, iso3 in enumerate(s.countries):
        state = [(int(t), bool(o) and TIERS[int(t)] in ("risky", "closed")) for t, o in zip(s.tier[:, j], s.obliged[:, j], strict=True)]
        if state[0] == state[-1] or TIERS[state[-1][0]] == "home":
            continue
        steps = [i for i in range(1, len(state)) if state[i] != state[i - 1]]
        for i in dict.fromkeys((steps[0], steps[-1])):
            moves.setdefault((days[i].astype(date), state[i]), []).append((iso3, state[i - 1]))
    ranked = sorted(moves.items(), key=lambda kv: (-len(kv[1]), -kv[0][0].toordinal()))[:most]
    out = []
    for (day, after), moved in sorted(ranked, key=lambda kv: (kv[0][0], -len(kv[1]))):
        states = tuple(sorted((c for c, _ in moved), key=lambda c: (-round(a.ties(c), 6), a.verdicts[c].country, c)))
        left = [b for _, b in moved]
        before = tuple(sorted(set(left), key=lambda b: (-left.count(b), b)))
        out.append(Change(day, states, tuple((TIERS[t], o) for t, o in before), (TIERS[after[0]], after[1]),
                          _causes(kb, person, day, states[0])))
    return out
