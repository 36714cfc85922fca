"""The answer for one person on one date: a verdict per state, each with its reasons and structured evidence,
and what views need beside it (the person's warrants and trips, the changes of regime, counts, wording).

Tiers and scores come from the evaluation; the short reasons are gathered per rule in one pass; the full
evidence (facts with their sources) is assembled only when a verdict is explained.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from haven.dates import latest
from haven.engine import told as tell
from haven.engine.combine import Evaluation
from haven.engine.evidence import (
    AFTER,
    SOURCE_FIELDS,
    UNVERIFIED,
    Evidence,
    Finding,
    Statement,
)
from haven.engine.model import Event, Model
from haven.engine.names import Names
from haven.engine.profile import Profile, Trip, Warrant
from haven.engine.rulebook import Rule, Told
from haven.engine.rulebook.declare import first_and_more
from haven.engine.spans import DISPUTED, EVERY_COUNTRY, active
from haven.engine.status import Status, status_on
from haven.errors import NoResult, UnknownCountry
from haven.vocabulary import TIERS

if TYPE_CHECKING:
    import pandas as pd

    from haven.knowledge.coverage import Coverage

# the reason given where no rule fired: the verdict is the default, and the reader is told so rather than left blank
NOTHING_ON_RECORD = "no duty to arrest, and no tie, measure or statement on record"
CSV_COLUMNS = ["iso3", "country", "tier", "obliged_to_arrest", "arrest_risk", "visit_likelihood", "reasons"]


@dataclass(frozen=True)
class Verdict:
    iso3: str
    country: str
    tier: str
    obliged_to_arrest: bool | str  # True, False, or "disputed" where authoritative sources conflict
    arrest_risk: float
    visit_likelihood: float
    reasons: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = field(default=(), repr=False)
    readings: tuple[Reading, ...] = field(default=(), repr=False)  # both readings, where the duty is disputed


@dataclass(frozen=True)
class Reading:
    """The verdict under one reading of a disputed duty: if the disputed fact holds, or if it does not."""

    reading: str
    obliged_to_arrest: bool
    tier: str
    arrest_risk: float


def reason(rule: Rule, items: list[tuple[dict, str, str]]) -> str:
    """A short reason from the live facts of one rule for one state, in the rule's own words."""
    return (rule.words.reason or first_and_more)(items)


class Assessment:
    """Verdicts for every state: iterate them, index them by country, `.explain(country)` one."""

    def __init__(self, model: Model, evaluation: Evaluation, on: date, profile: Profile, method_version: str):
        self.model = model
        self.on = on
        self.person = model.subject.person
        self.kb = model.subject.kb
        self.profile = profile
        self.method_version = method_version
        self.data_version = self.kb.version
        self.evaluation = evaluation
        self.countries = evaluation.grid.countries
        self.names = Names(self.kb)
        self._position = evaluation.grid.index
        self._live = self._live_spans()
        self._reasons = self._gather_reasons()
        self.verdicts: dict[str, Verdict] = {iso3: self._verdict(iso3) for iso3 in self.countries}

    # --- verdicts and reasons --------------------------------------------------------------------------------

    def _live_spans(self) -> dict[str, np.ndarray]:
        """Per rule, positions of the spans active on the date (zero-valued ones kept: unverified facts, yes votes)."""
        day = self.evaluation.grid.dates[:1]
        live = {}
        for rule in self.model.rules:
            packed = self.model.packed[rule.name]
            if packed.size == 0:
                continue
            rows = np.flatnonzero(active(packed, day)[0])
            if rows.size:
                live[rule.name] = rows
        return live

    def _bound(self) -> np.ndarray:
        """Where the state is obliged to arrest, or its duty to is disputed."""
        e = self.evaluation
        return e.obliged[0] | (e.disputed[0] if e.disputed is not None else False)

    def _gather_reasons(self) -> dict[str, list[str]]:
        reasons: dict[str, list[str]] = {iso3: [] for iso3 in self.countries}
        obliged = self._bound()
        for rule in self.model.rules:
            rows = self._live.get(rule.name)
            if rows is None or not rule.effect.in_reasons:
                continue
            fired = self.evaluation.rules[rule.name][0] != 0
            packed = self.model.packed[rule.name]
            items: dict[str, list[tuple[dict, str, str]]] = {}
            for i in rows:
                items.setdefault(packed.iso3[i], []).append((packed.detail[i], packed.label[i], packed.certainty[i]))
            for iso3, found in items.items():
                targets = self.countries if iso3 == EVERY_COUNTRY else (iso3,) if iso3 in self._position else ()
                text = reason(rule, found)
                for target in targets:
                    i = self._position[target]
                    if fired[i] and (not rule.effect.only_when_obliged or obliged[i]):
                        reasons[target].append(text)
        return reasons

    def _verdict(self, iso3: str, findings: tuple[Finding, ...] = (), readings: tuple[Reading, ...] = ()) -> Verdict:
        e, i = self.evaluation, self._position[iso3]
        tier = TIERS[int(e.tier[0, i])]
        return Verdict(
            iso3=iso3,
            country=self.kb.countries.name(iso3),
            tier=tier,
            obliged_to_arrest=DISPUTED if e.is_disputed(0, i) else bool(e.obliged[0, i]),
            arrest_risk=round(float(e.arrest_risk[0, i]), 3),
            visit_likelihood=round(float(e.visit_likelihood[0, i]), 3),
            reasons=("home state",) if tier == "home" else tuple(self._reasons[iso3]) or (NOTHING_ON_RECORD,),
            findings=findings,
            readings=readings,
        )

    def readings(self, iso3: str) -> tuple[Reading, ...]:
        """Where the duty is disputed: the verdict if the disputed fact holds, and if it does not."""
        e, i = self.evaluation, self._position[iso3]
        if not e.is_disputed(0, i) or e.readings is None:
            return ()
        return tuple(Reading(name, bool(r.obliged[0, i]), TIERS[int(r.tier[0, i])], round(float(r.arrest_risk[0, i]), 3))
                     for name, r in zip(("if the disputed fact holds", "if it does not"), e.readings, strict=False))

    def ties(self, iso3: str) -> float:
        """Tie strength of a state to the person's state (the sum of the tie rules)."""
        return float(self.evaluation.ties[0, self._position[self.code(iso3)]])

    # --- evidence --------------------------------------------------------------------------------------------

    def findings(self, iso3: str) -> tuple[Finding, ...]:
        """Every rule that fired for a state (or rests only on unverified facts), with its evidence."""
        i = self._position[iso3]
        obliged = bool(self._bound()[i])
        found = []
        for rule in self.model.rules:
            rows = self._live.get(rule.name)
            if rows is None:
                continue
            packed = self.model.packed[rule.name]
            mine = [r for r in rows if packed.iso3[r] in (iso3, EVERY_COUNTRY)]
            value = float(self.evaluation.rules[rule.name][0, i])
            doubtful = any(packed.certainty[r] == UNVERIFIED for r in mine)
            if not mine or (value == 0 and not doubtful):
                continue
            if rule.effect.only_when_obliged and not obliged:
                continue
            items = [(packed.detail[r], packed.label[r], packed.certainty[r]) for r in mine]
            found.append(Finding(rule.name, rule.axis, rule.explanation, round(value, 3), reason(rule, items),
                                 self._evidence(packed, mine)))
        return tuple(found)

    def _evidence(self, packed, rows: list[int]) -> tuple[Evidence, ...]:
        items, seen = [], set()
        for r in rows:
            if packed.fact[r] in seen:
                continue
            seen.add(packed.fact[r])
            timely, later = self.split_sources(packed.source[r])
            items.append(Evidence(packed.fact[r], packed.table[r], packed.label[r], packed.when[r] or "", packed.certainty[r],
                                  timely, dict(packed.detail[r]), later, self.kb.note(packed.table[r], packed.fact[r])))
        return tuple(items)

    def split_sources(self, source_ids: str) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
        """The sources behind a fact, with the fields a citation needs: those published by the date, and those
        published after it (which may describe the fact but were not known on the date). A source with no
        publication date on record counts as published by the date."""
        timely: list[dict] = []
        later: list[dict] = []
        for source in self.kb.sources_of(source_ids or ""):
            published = latest(source.get("published") or None)
            (later if published and published > self.on else timely).append({k: source[k] for k in SOURCE_FIELDS})
        return tuple(timely), tuple(later)

    def sources(self, source_ids: str) -> tuple[dict, ...]:
        """What a sentence about a fact cites: its sources published by the date, else its later ones, marked."""
        timely, later = self.split_sources(source_ids)
        return timely or tuple({**s, AFTER: True} for s in later)

    # --- words -------------------------------------------------------------------------------------------------

    def told(self, finding: Finding, iso3: str) -> Told:
        return Told(finding, iso3, self.names, self.person.name, self.names.country(self.person.home), self.person.id, self.on)

    def statements(self, finding: Finding, iso3: str) -> list[Statement]:
        """The sentences for one finding about one state, in its rule's words (empty for a rule told elsewhere)."""
        from haven.engine.rulebook import by_name

        words = by_name(finding.rule).words
        if words.statements is None:
            from haven.engine.rulebook.reading import as_labels

            return as_labels(self.told(finding, iso3))
        return words.statements(self.told(finding, iso3))

    def gist(self, finding: Finding, iso3: str) -> list[Statement]:
        """One short sentence for a finding, for an article: the rule's declared `gist`; else, where its rule words
        each fact apart, the newest fact's sentence; else its first sentence (empty for a rule told elsewhere)."""
        from haven.engine.rulebook import by_name

        words = by_name(finding.rule).words
        if words.gist is not None:
            return words.gist(self.told(finding, iso3))
        told = self.statements(finding, iso3)
        if len(told) > 1 and len(told) == len(finding.counted_evidence()):
            return told[-1:]
        return told[:1]

    # --- the person ---------------------------------------------------------------------------------------------

    @property
    def warrants(self) -> tuple[Warrant, ...]:
        """The person's warrants and applications in force and public on the date."""
        return self.profile.warrants_held(self.on)

    @property
    def first_public_warrant(self) -> date | None:
        return self.profile.first_public_warrant()

    @cached_property
    def status(self) -> Status:
        """The person's status on the date (at large, in custody, deceased, ...); see `haven.engine.status`."""
        return status_on(self.profile, self.on)

    @property
    def status_since(self) -> date | None:
        return self.status.since

    @property
    def no_travel(self) -> bool:
        """In custody or dead on the date: views say so in words instead of showing where the person can travel."""
        return self.status.no_travel

    def trips(self, since: date | None = None) -> tuple[Trip, ...]:
        """The person's trips (and trips not made) begun since `since` and known on the date, oldest first."""
        return self.profile.trips_known(self.on, since)

    def regime_changes(self, since: date | None = None) -> tuple[Event, ...]:
        """Changes of government known on the date that broke with the person's state."""
        return tuple(e for e in self.model.events if e.day <= self.on and (since is None or e.day >= since))

    def warrant_statement(self, record: Warrant, nth: int = 1) -> Statement:
        """The warrant in a sentence; `nth` > 1 for the issuer's second (third, ...) warrant for the person."""
        return tell.warrant(record, self.person.name, self.on, self.names, self.sources, nth)

    def trip_statement(self, record: Trip) -> Statement:
        return tell.trip(record, self.names, self.sources)

    def event_statements(self, event: Event) -> list[Statement]:
        from haven.engine.rulebook import by_name

        timely, later = self.split_sources(event.source)
        evidence = Evidence(event.fact, event.table, "", event.when, event.certainty, timely, event.detail, later,
                            self.kb.note(event.table, event.fact))
        finding = Finding(event.modifier, "modifier", "", 0.0, "", (evidence,))
        words = by_name(event.modifier).words
        return words.statements(self.told(finding, event.country)) if words.statements else []

    # --- access ------------------------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Verdict]:
        """Every state's verdict; none for a person in custody or dead (there is no travel to assess)."""
        return iter(() if self.no_travel else self.verdicts.values())

    def __len__(self) -> int:
        return 0 if self.no_travel else len(self.verdicts)

    def __getitem__(self, country: str) -> Verdict:
        iso3 = self.code(country)
        self._travelling()
        return self.verdicts[iso3]

    def _travelling(self) -> None:
        """NoResult when the person is in custody or dead: no state has a verdict to give or explain."""
        if self.no_travel:
            raise NoResult(f"{self.person.name} on {self.on.isoformat()}: {self.status.words()}, "
                           "so there is no travel to assess")

    def code(self, country: str) -> str:
        """The assessed state for a code or name; a territory answers to its sovereign."""
        iso3 = self.kb.countries.sovereign_of(self.kb.countries.resolve(country))
        if iso3 not in self.verdicts:
            raise UnknownCountry(f"{country!r} is not a state haven assesses")
        return iso3

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(TIERS, 0)
        for verdict in self:
            counts[verdict.tier] += 1
        return counts

    def explain(self, country: str) -> Explanation:
        iso3 = self.code(country)
        self._travelling()
        verdict = self._verdict(iso3, self.findings(iso3), self.readings(iso3))
        return Explanation(self.person.id, self.on.isoformat(), verdict, self.method_version, self.data_version,
                           self.coverage.as_dict(self.on))

    def meta(self) -> dict[str, Any]:
        return {"person": self.person.id, "name": self.person.name, "on": self.on.isoformat(),
                "method_version": self.method_version, "data_version": self.data_version,
                "status": self.status.status, "status_since": self.status_since.isoformat() if self.status_since else None,
                "status_text": self.status.words(), "coverage": self.coverage.as_dict(self.on)}

    @cached_property
    def coverage(self) -> Coverage:
        """How current the facts that matter for this person are (haven.knowledge.coverage)."""
        from haven.knowledge.coverage import coverage_for

        return coverage_for(self.kb, self.person.id)

    @cached_property
    def frame(self) -> pd.DataFrame:
        from haven.engine.serialise import assessment_frame

        return assessment_frame(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per state with the columns of `haven assess --format csv`."""
        return self.frame.copy()


@dataclass(frozen=True)
class Explanation:
    person: str
    on: str
    verdict: Verdict
    method_version: str
    data_version: str
    coverage: dict[str, Any] | None = None  # how current the facts are, and whether `on` lies past that

    def as_dict(self) -> dict:
        from haven.engine.serialise import explanation_dict

        return explanation_dict(self)

    def to_text(self) -> str:
        from haven.engine.serialise import explanation_text

        return explanation_text(self)
