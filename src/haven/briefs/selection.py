"""Which facts a brief tells and in what order: a `Brief` of sections, sentences and numbered citations.

This module decides; `sentences` words; the templates lay out. Everything is sorted, so the same knowledge
base, person and dates always give the same brief, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from haven import words as w
from haven.engine import Assessment, Finding, Statement, assess
from haven.engine.evidence import AFTER
from haven.errors import BadDate
from haven.knowledge import KnowledgeBase
from haven.persons import Person, find_person

Claim = Statement
AXIS_ORDER = {"duty": 0, "leniency": 1, "firmness": 2, "tie": 3, "hostility": 4, "ban": 5}
TOP_ALLIES_IN_LEDE = 6


@dataclass(frozen=True)
class Source:
    number: int
    url: str
    publisher: str
    title: str
    published: str
    published_after: bool = False  # published after the brief's date: listed apart, under its own heading


@dataclass(frozen=True)
class Sentence:
    text: str
    cites: tuple[int, ...] = ()
    claim: bool = True


@dataclass(frozen=True)
class Entry:
    """One state within a section: a heading, haven's own scores, and the reasons, one sentence each."""

    iso3: str
    heading: str
    summary: tuple[Sentence, ...]
    reasons: tuple[Sentence, ...]


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    intro: tuple[Sentence, ...] = ()
    items: tuple[Sentence, ...] = ()  # a bulleted list
    entries: tuple[Entry, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Brief:
    person: str
    name: str
    title: str
    on: date
    since: date
    headline: str
    lede: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    counts: dict = field(default_factory=dict)
    data_version: str = ""
    method_version: str = ""

    @property
    def timely_sources(self) -> tuple[Source, ...]:
        """The sources published by the brief's date."""
        return tuple(s for s in self.sources if not s.published_after)

    @property
    def later_sources(self) -> tuple[Source, ...]:
        """Sources published after the brief's date, cited only where nothing published by then tells the fact."""
        return tuple(s for s in self.sources if s.published_after)

    def sentences(self):
        """Every sentence in document order (lede, sections, entries)."""
        yield from self.lede
        for section in self.sections:
            yield from _section_sentences(section)


def _section_sentences(section: Section):
    yield from section.intro
    yield from section.items
    for entry in section.entries:
        yield from entry.summary
        yield from entry.reasons
    for sub in section.subsections:
        yield from _section_sentences(sub)


class Citations:
    """Numbers sources in order of first use; one number per URL."""

    def __init__(self):
        self._numbers: dict[str, int] = {}
        self.sources: list[Source] = []

    def number(self, source: dict) -> int:
        key = str(source.get("url") or source.get("id"))
        if key not in self._numbers:
            self._numbers[key] = len(self.sources) + 1
            self.sources.append(Source(self._numbers[key], str(source.get("url") or ""), str(source.get("publisher") or ""),
                                       str(source.get("title") or ""), str(source.get("published") or ""),
                                       bool(source.get(AFTER))))
        return self._numbers[key]

    def cite(self, claim: Claim) -> Sentence:
        numbers = tuple(sorted({self.number(s) for s in claim.sources}))
        return Sentence(claim.text, numbers, claim.claim)

    def all(self, claims: list[Claim]) -> tuple[Sentence, ...]:
        return tuple(self.cite(c) for c in claims)


def default_since(on: date) -> date:
    """One year before `on` (28 February for 29 February)."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


def _findings_order(finding: Finding) -> tuple:
    return (AXIS_ORDER.get(finding.axis, 9), -finding.value)  # a stable sort keeps the rulebook's order within


def _tie_order(finding: Finding) -> tuple:
    return (-finding.value,)


class _Words:
    """The names a brief's own sentences use, from the assessment."""

    def __init__(self, assessment: Assessment):
        self.names = assessment.names
        self.name = assessment.person.name
        self.home = assessment.names.country(assessment.person.home)

    def country(self, code: str) -> str:
        return self.names.country(code)


class _Builder:
    def __init__(self, kb: KnowledgeBase, person: Person, on: date, since: date):
        self.kb, self.person, self.on, self.since = kb, person, on, since
        self.cites = Citations()
        self.assessment: Assessment = assess(person, on, kb)
        self.facts = _Words(self.assessment)
        self.ties = {iso3: self.assessment.ties(iso3) for iso3 in self.assessment.countries}
        self.verdicts = self.assessment.verdicts

    # --- facts about the person ------------------------------------------------------------------------------

    def warrants(self) -> tuple[list[Statement], list[Statement], tuple[dict, ...]]:
        held = sorted(self.assessment.warrants, key=lambda r: (r.start, r.fact))
        issued = [r for r in held if r.kind == "warrant"]
        sources = tuple(s for r in issued for s in self.assessment.sources(r.source))
        return ([self.assessment.warrant_statement(r) for r in issued],
                [self.assessment.warrant_statement(r) for r in held if r.kind == "application"], sources)

    # --- sections --------------------------------------------------------------------------------------------

    def tiers(self, tier: str) -> list[str]:
        return [iso3 for iso3, v in self.verdicts.items() if v.tier == tier]

    def no_travel(self) -> Brief:
        """The brief for a person in custody or dead: the status, the warrant behind it, and nothing about travel."""
        f, status = self.facts, self.assessment.status
        on_text = w.day(self.on)
        headline = f"{f.name} on {on_text}: no travel to assess"
        behind = [r for r in self.assessment.profile.warrants if r.fact == status.fact]
        lede = [self.assessment.warrant_statement(r) for r in behind]
        lede.append(Claim(status.sentence(f.name), self.assessment.sources(status.source)))
        return Brief(self.person.id, f.name, self.person.title, self.on, self.since, headline, self.cites.all(lede), (),
                     tuple(self.cites.sources), {"status": status.status}, self.kb.version, self.assessment.method_version)

    def build(self) -> Brief:
        if self.assessment.no_travel:
            return self.no_travel()
        f = self.facts
        name, home = f.name, f.home
        states = [v for v in self.verdicts.values() if v.tier != "home"]
        obliged = [v for v in states if v.obliged_to_arrest is True]
        disputed = [v for v in states if v.obliged_to_arrest == "disputed"]
        allies = sorted(self.tiers("ally"), key=lambda c: (-round(self.ties[c], 6), self.verdicts[c].country, c))
        open_ = self.tiers("open")
        risky_obliged = sorted((v for v in obliged if v.tier == "risky"), key=lambda v: (v.arrest_risk, v.country, v.iso3))
        closed_obliged = [v for v in obliged if v.tier == "closed"]
        hostile = [v for v in states if not v.obliged_to_arrest and v.tier in ("risky", "closed")]
        warrants, applications, warrant_sources = self.warrants()
        trips = self.assessment.trips(self.since)
        made = [t for t in trips if t.made]
        not_made = [t for t in trips if not t.made]
        on_text = w.day(self.on)

        # headline and lede
        allies_phrase = w.count(len(allies), "ally", "allies") if allies else "no ally"
        bound_phrase = f"{w.num(len(obliged))} {'state' if len(obliged) == 1 else 'states'} bound to arrest" if obliged else "no state bound to arrest"
        headline = f"Where {name} can still travel on {on_text}: {allies_phrase}, {bound_phrase}"

        lede: list[Claim] = list(warrants)
        if obliged:
            lede.append(Claim(w.sentence(f"As of {on_text}, {w.num(len(obliged))} of the {len(states)} other states haven assesses "
                                         f"are bound to arrest {name} on their territory"), warrant_sources))
        elif warrants:
            lede.append(Claim(w.sentence(f"As of {on_text}, no state haven assesses is bound to arrest {name} under it"),
                              warrant_sources))
        else:
            lede.append(Claim(w.sentence(f"No arrest warrant for {name} was in force and public on {on_text}, "
                                         f"so no state is bound to arrest {name}"), claim=False))
        lede.extend(applications)
        if allies:
            top = [f.country(c) for c in allies[:TOP_ALLIES_IN_LEDE]]
            more = f", and {len(allies) - len(top)} more" if len(allies) > len(top) else ""
            lede.append(Claim(w.sentence(
                f"By haven's count there {'is' if len(allies) == 1 else 'are'} {allies_phrase}: "
                f"{'a state' if len(allies) == 1 else 'states'} with no duty to arrest {name} and close ties to {home}, "
                f"{'namely' if len(allies) == 1 else 'the closest being'} {w.join(top)}{more}"), claim=False))
        else:
            lede.append(Claim(w.sentence(f"By haven's count, {name} has no ally: no state free of a duty to arrest {name} has ties to "
                                         f"{home} strong enough to count as one"), claim=False))
        lede.append(Claim(w.sentence(f"{w.num(len(open_))} {'state is' if len(open_) == 1 else 'states are'} open, with no duty to arrest, "
                                     f"no hostile measures and no close ties"), claim=False))
        if obliged:
            lede.append(Claim(w.sentence(
                f"Of the states bound to arrest, {w.num(len(risky_obliged)) if risky_obliged else 'none'} {'has' if len(risky_obliged) == 1 else 'have'} a record, "
                f"a stance or ties that make an arrest less likely, and {w.num(len(closed_obliged)) if closed_obliged else 'none'} "
                f"{'is' if len(closed_obliged) == 1 else 'are'} expected to carry it out"), claim=False))
        if disputed:
            names = w.join([v.country for v in disputed])
            lede.append(Claim(w.sentence(
                f"For {names}, whether there is a duty to arrest {name} is disputed; haven counts "
                f"{'it' if len(disputed) == 1 else 'them'} as at least risky"), claim=False))
        if hostile:
            lede.append(Claim(w.sentence(
                f"{w.num(len(hostile))} more {'state' if len(hostile) == 1 else 'states'} without a duty to arrest "
                f"{'is' if len(hostile) == 1 else 'are'} hostile to {home} or {name}: sanctions, closed airspace, "
                f"an entry ban or war"), claim=False))
        if made:
            countries = list(dict.fromkeys(f.country(t.country) for t in made))
            lede.append(Claim(w.sentence(
                f"Since {w.day(self.since)}, {name} has made {w.count(len(made), 'trip')} abroad, to "
                f"{w.count(len(countries), 'country', 'countries')}: {w.join(countries)}"),
                tuple(self.assessment.sources(t.source)[0] for t in made if t.source)))
        lede_sentences = self.cites.all(lede)

        sections = [self.trips_section(made, not_made), self.allies_section(allies),
                    self.risky_section(obliged, risky_obliged)]
        if disputed:
            sections.append(self.disputed_section(disputed))
        changes = sorted(self.assessment.regime_changes(), key=lambda e: (e.when, e.fact))
        if changes:
            sections.append(Section("changes", "Changes of government",
                                    intro=self.cites.all([c for e in changes for c in self.assessment.event_statements(e)])))
        counts = {"obliged": len(obliged), "disputed": len(disputed), **{t: n for t, n in self.assessment.counts().items()}}
        return Brief(self.person.id, name, self.person.title, self.on, self.since, headline, lede_sentences,
                     tuple(sections), tuple(self.cites.sources), counts, self.kb.version, self.assessment.method_version)

    def trips_section(self, made: list, not_made: list) -> Section:
        f = self.facts
        period = f"between {w.day(self.since)} and {w.day(self.on)}"
        intro = [] if made else [Claim(w.sentence(f"No trip abroad by {f.name} {period} is on record"), claim=False)]
        items = self.cites.all([self.assessment.trip_statement(t) for t in made])
        sub: tuple[Section, ...] = ()
        if not_made:
            sub = (Section("trips-avoided", "Trips not made",
                           items=self.cites.all([self.assessment.trip_statement(t) for t in not_made])),)
        return Section("trips", f"Trips since {w.day(self.since)}", intro=self.cites.all(intro), items=items, subsections=sub)

    def _entry(self, iso3: str, summary: Claim, order) -> Entry:
        verdict = self.assessment.explain(iso3).verdict
        claims = [c for finding in sorted(verdict.findings, key=order) for c in self.assessment.statements(finding, iso3)]
        return Entry(iso3, verdict.country, self.cites.all([summary]), self.cites.all(claims))

    def allies_section(self, allies: list[str]) -> Section:
        f = self.facts
        if not allies:
            return Section("allies", "Allies", intro=self.cites.all([Claim(w.sentence(
                f"On {w.day(self.on)} haven finds no state that is free of a duty to arrest {f.name} and bound to "
                f"{f.home} by ties strong enough to make it an ally"), claim=False)]))
        intro = Claim(w.sentence(f"Allies are listed by the strength of their ties to {f.home}, as haven weighs them; "
                                 f"each reason below is a fact on record on {w.day(self.on)}"), claim=False)
        entries = []
        for iso3 in allies:
            v = self.verdicts[iso3]
            summary = Claim(f"Tie strength {self.ties[iso3]:.2f}; likelihood of a visit within a year {v.visit_likelihood:.0%}.",
                            claim=False)
            entries.append(self._entry(iso3, summary, lambda fd: (fd.axis != "tie", *_tie_order(fd))))
        return Section("allies", "Allies", intro=self.cites.all([intro]), entries=tuple(entries))

    def disputed_section(self, disputed) -> Section:
        f = self.facts
        intro = Claim(w.sentence(f"Authoritative sources disagree on whether these states must arrest {f.name}; haven "
                                 f"works the verdict out both ways and shows the state as at least risky"), claim=False)
        entries = []
        for v in disputed:
            verdict = self.assessment.explain(v.iso3).verdict
            claims = [c for finding in sorted(verdict.findings, key=_findings_order)
                      for c in self.assessment.statements(finding, v.iso3)]
            entries.append(Entry(v.iso3, verdict.country, self.cites.all([_disputed_summary(verdict)]), self.cites.all(claims)))
        return Section("disputed", "Duty to arrest disputed", intro=self.cites.all([intro]), entries=tuple(entries))

    def risky_section(self, obliged, risky) -> Section:
        f = self.facts
        heading = "Bound to arrest, but may not"
        if not obliged:
            text = f"No state is bound to arrest {f.name} on {w.day(self.on)}, so none is listed here"
            return Section("risky", heading, intro=self.cites.all([Claim(w.sentence(text), claim=False)]))
        if not risky:
            text = (f"Every state bound to arrest {f.name} is expected to do so: none has a record of non-compliance, "
                    f"a stance, an invitation or ties that point the other way")
            return Section("risky", heading, intro=self.cites.all([Claim(w.sentence(text), claim=False)]))
        intro = Claim(w.sentence(f"These states must arrest {f.name} but have failed to arrest before, have said they "
                                 f"would not, have invited {f.name}, or are close to {f.home}; least likely to arrest first"),
                      claim=False)
        entries = []
        for v in risky:
            summary = Claim(f"Expected to arrest with a likelihood of {v.arrest_risk:.0%} (haven's estimate).", claim=False)
            entries.append(self._entry(v.iso3, summary, _findings_order))
        return Section("risky", heading, intro=self.cites.all([intro]), entries=tuple(entries))


def _disputed_summary(verdict) -> Claim:
    ways = "; ".join(f"{r.reading}, {'bound' if r.obliged_to_arrest else 'not bound'} to arrest and {r.tier} "
                     f"(arrest risk {r.arrest_risk:.0%})" for r in verdict.readings)
    return Claim(w.sentence(f"Duty to arrest disputed: {ways}"), claim=False)


def build_brief(kb: KnowledgeBase, person: str | Person, on: date, since: date | None = None) -> Brief:
    """The brief for `person` as of `on`, telling trips made since `since` (default: a year before `on`)."""
    who = person if isinstance(person, Person) else find_person(kb, person)
    since = since or default_since(on)
    if since > on:
        raise BadDate(f"--since {since.isoformat()} is after --on {on.isoformat()}")
    return _Builder(kb, who, on, since).build()
