"""The brief as a news article: who can still host the person and why, where the person went, the states bound
to arrest that may not, what changed, what is next. Facts are told in the rulebook's words (every one cited);
the sentences written here are haven's own judgements and counts, in plain words, never raw scores."""

from __future__ import annotations

from datetime import date

from haven import words as w
from haven.briefs import picks as P
from haven.briefs.appendix import appendix
from haven.briefs.model import Brief, Citations, Paragraph, Section
from haven.briefs.plain import (
    bound,
    chance,
    count,
    disputed,
    likely,
    number,
    opening_count,
    short_name,
    tier_phrase,
)
from haven.engine import (
    Assessment,
    Statement,
    assess,
    event_statement,
    events_ahead,
    outcome_statement,
    outcomes,
)
from haven.knowledge import KnowledgeBase
from haven.persons import Person

ALLIES_TOLD = 5  # allies with a paragraph of their own; the others are named
FACTS_PER_ALLY = 2
WAVERING_TOLD = 5
FACTS_PER_WAVERING = 2
CHANGES_TOLD = 5
LIKELIEST = 4  # allies named with the odds of a visit
NEXT_DAYS = 183  # how far ahead "what is next" looks
NEXT_TOLD = 4


def fresh(statements: tuple[Statement, ...], told: set[str], most: int) -> list[Statement]:
    """The first `most` statements not told yet (a bloc's stance is told for its first member only); `told`
    gains them."""
    chosen = [s for s in statements if s.text not in told][:most]
    told.update(s.text for s in chosen)
    return chosen


def coverage_notes(a: Assessment) -> tuple[str, ...]:
    """The header lines on how current the facts are: "Facts current to 1 June 2026", and a warning when the
    brief's date lies past that (the knowledge base's coverage of the person, as the assessment reports it)."""
    coverage = getattr(a, "coverage", None)  # reported by assessments once the knowledge work has landed
    day = getattr(coverage, "day", None)
    if day is None:
        return ()
    notes = [f"Facts current to {w.day(day)}."]
    if a.on > day:
        notes.append(f"Warning: this brief is dated {(a.on - day).days} days after the facts it rests on were last "
                     f"brought up to date; whatever happened since is not in it.")
    return tuple(notes)


def judged(text: str) -> Statement:
    """A sentence of haven's own judgement: no citation, never a fact."""
    return Statement(w.sentence(text), (), claim=False)


class Article:
    def __init__(self, kb: KnowledgeBase, person: Person, on: date, since: date):
        self.kb, self.person, self.on, self.since = kb, person, on, since
        self.a: Assessment = assess(person, on, kb)
        self.cites = Citations(on)
        self.name = person.name
        self.short = short_name(person.name)
        self.home = self.a.names.country(person.home)

    def country(self, iso3: str) -> str:
        return self.a.names.country(iso3)

    def countries(self, codes) -> str:
        return w.join([self.country(c) for c in codes])

    # --- the brief ----------------------------------------------------------------------------------------------

    def build(self, with_appendix: bool = False) -> Brief:
        if self.a.no_travel:
            return self.status_brief()
        states = [v for v in self.a if v.tier != "home"]
        obliged = [v for v in states if bound(v)]
        contested = P.contested(self.a)
        allies = P.allies(self.a, FACTS_PER_ALLY + 1)  # one spare, should a fact have been told already
        wavering = P.wavering(self.a, FACTS_PER_WAVERING + 1)
        trips = P.trips(self.a, self.since)
        headline = (f"Where {self.name} can still travel: {opening_count(len(allies), 'friendly state').lower()}, "
                    f"{number(len(obliged))} bound to arrest")
        if not obliged:
            headline = f"Where {self.name} can still travel: {count(len(allies), 'friendly state')}, none bound to arrest"
        lede = self.lede(states, obliged, allies, wavering, contested, trips)
        sections = [self.allies_section(allies), self.trips_section(trips)]
        if obliged:
            sections.append(self.wavering_section(wavering))
        if contested:
            sections.append(self.contested_section(contested))
        told = {s.text for p in lede for s in p.sentences} | {s.text for x in sections for s in x.sentences()}
        changed = self.changes_section(told)
        if changed is not None:
            sections.append(changed)
        ahead = self.next_section()
        if ahead is not None:
            sections.append(ahead)
        extra = appendix(self.a, self.cites, allies, wavering, self.short) if with_appendix else ()
        return Brief("article", self.person.id, self.name, self.person.title, self.on, self.since, headline, lede,
                     tuple(s for s in sections if s is not None), tuple(self.cites.sources), extra,
                     {"obliged": len(obliged), **self.a.counts()}, self.kb.version, self.a.method_version,
                     coverage_notes(self.a))

    def status_brief(self) -> Brief:
        """A person in custody or dead: the status in words, the warrant behind it, and no travel story."""
        status = self.a.status
        behind = [r for r in self.a.profile.warrants if r.fact == status.fact]
        claims = [self.a.warrant_statement(r) for r in behind]
        claims.append(Statement(status.sentence(self.name), self.a.sources(status.source)))
        return Brief("status", self.person.id, self.name, self.person.title, self.on, self.since,
                     f"{self.name} on {w.day(self.on)}: no travel to assess", (self.cites.paragraph(claims),), (),
                     tuple(self.cites.sources), (), {"status": status.status}, self.kb.version, self.a.method_version)

    # --- lede ---------------------------------------------------------------------------------------------------

    def lede(self, states, obliged, allies, wavering, contested, trips: P.Trips) -> tuple[Paragraph, ...]:
        held = sorted(self.a.warrants, key=lambda r: (r.start, r.fact))
        issued = [r for r in held if r.kind == "warrant"]
        warrant_sources = tuple(s for r in issued for s in self.a.sources(r.source))
        first: list[Statement] = [self.a.warrant_statement(r) for r in issued]
        if obliged:
            first.append(Statement(w.sentence(
                f"As of {w.day(self.on)}, {number(len(obliged))} of the {len(states)} other states are bound to arrest "
                f"{self.short} on their territory"), warrant_sources))
        elif issued:
            first.append(Statement(w.sentence(f"As of {w.day(self.on)}, no state is bound to carry it out"), warrant_sources))
        else:
            first.append(judged(f"No arrest warrant for {self.name} was in force and public on {w.day(self.on)}, "
                                f"so no state is bound to arrest {self.short}"))
        first.extend(self.a.warrant_statement(r) for r in held if r.kind == "application")
        if trips.made:
            first.append(Statement(w.sentence(
                f"Since {w.day(self.since)}, {self.short} has made {count(len(trips.made), 'trip')} abroad, to "
                f"{count(len(trips.countries), 'country', 'countries')}: {self.countries(trips.countries)}"), trips.sources))
        second: list[Statement] = []
        if allies:
            named = [p.iso3 for p in allies[:3]]
            second.append(judged(
                f"By haven's count, {count(len(allies), 'state')} {'is an ally' if len(allies) == 1 else 'are allies'}, "
                f"free of any duty to arrest {self.short} and close to {self.home}; the closest "
                f"{'is' if len(named) == 1 else 'are'} {self.countries(named)}"))
        else:
            second.append(judged(f"By haven's count, {self.short} has no ally: no state free of a duty to arrest "
                                 f"{self.short} is close enough to {self.home} to count as one"))
        if wavering:
            second.append(judged(
                f"Of the states bound to arrest, {number(len(wavering))} may not, because of what "
                f"{'it has' if len(wavering) == 1 else 'they have'} said or done or how close "
                f"{'it is' if len(wavering) == 1 else 'they are'} to {self.home}"))
        hostile = [v for v in states if not v.obliged_to_arrest and v.tier in ("risky", "closed")]
        if contested:
            second.append(judged(f"Whether {self.countries(p.iso3 for p in contested)} must arrest {self.short} is "
                                 f"disputed: authoritative sources disagree"))
        if hostile:
            second.append(judged(f"{opening_count(len(hostile), 'more state')} with no duty to arrest "
                                 f"{'is' if len(hostile) == 1 else 'are'} shut or hostile to {self.short}: "
                                 f"an entry ban, sanctions, closed airspace or war"))
        return (self.cites.paragraph(first), self.cites.paragraph(second))

    # --- sections -----------------------------------------------------------------------------------------------

    def allies_section(self, allies: list[P.Pick]) -> Section:
        heading = f"Who would host {self.short}"
        if not allies:
            return Section("allies", heading, (self.cites.paragraph([judged(
                f"On {w.day(self.on)}, haven finds no state that is free of a duty to arrest {self.short} and close "
                f"enough to {self.home} to count as an ally")]),))
        paragraphs = [self.cites.paragraph([judged(
            f"Allies are ranked by how closely they are bound to {self.home}: alliances and treaties, troops and "
            f"bases, arms, trade, votes at the UN and visits")])]
        told: set[str] = set()
        for p in allies[:ALLIES_TOLD]:
            paragraphs.append(self.cites.paragraph(fresh(p.gist, told, FACTS_PER_ALLY), lead=p.country))
        closing = []
        rest = allies[ALLIES_TOLD:]
        if rest:
            closing.append(judged(
                f"{opening_count(len(rest), 'other state')} also {'counts' if len(rest) == 1 else 'count'} as "
                f"{'an ally' if len(rest) == 1 else 'allies'}: {self.countries(p.iso3 for p in rest)}"))
        closing.append(self.likeliest(allies))
        paragraphs.append(self.cites.paragraph(closing))
        return Section("allies", heading, tuple(paragraphs))

    def likeliest(self, allies: list[P.Pick]) -> Statement:
        """The allies a visit within a year is likeliest to, with haven's odds, as one judgement."""
        top = sorted(allies, key=lambda p: (-p.verdict.visit_likelihood, p.country))[:LIKELIEST]
        groups: dict[str, list[str]] = {}
        for p in top:
            groups.setdefault(chance(p.verdict.visit_likelihood), []).append(self.country(p.iso3))
        told = [f"{w.join(names)} ({odds}{' each' if len(names) > 1 else ''})" for odds, names in groups.items()]
        return judged(f"By haven's reckoning, {self.short} is likeliest to visit {w.join(told, 'then')} within a year")

    def trips_section(self, trips: P.Trips) -> Section:
        heading = f"Where {self.short} has been"
        period = f"between {w.day(self.since)} and {w.day(self.on)}"
        paragraphs = () if trips.made else (self.cites.paragraph([judged(f"No trip abroad by {self.short} {period} is on record")]),)
        sub: tuple[Section, ...] = ()
        if trips.not_made:
            sub = (Section("trips-not-made", "Trips not made", items=self.cites.all(list(trips.not_made))),)
        return Section("trips", heading, paragraphs, self.cites.all(list(trips.made)), subsections=sub)

    def wavering_section(self, wavering: list[P.Pick]) -> Section:
        heading = "Bound to arrest, but may not"
        if not wavering:
            return Section("wavering", heading, (self.cites.paragraph([judged(
                f"Every state bound to arrest {self.short} is expected to: none has a record, a stance, an invitation "
                f"or ties that point the other way")]),))
        paragraphs = [self.cites.paragraph([judged(
            f"These states must arrest {self.short} but have failed to arrest before, have said they would not, have "
            f"invited {self.short}, or are close to {self.home}. The least likely to act come first")])]
        told: set[str] = set()
        for p in wavering[:WAVERING_TOLD]:
            claims = [*fresh(p.gist, told, FACTS_PER_WAVERING), judged(f"an arrest there is {likely(p.verdict.arrest_risk)}, by haven's reckoning "
                                      f"({chance(p.verdict.arrest_risk)})")]
            paragraphs.append(self.cites.paragraph(claims, lead=p.country))
        rest = wavering[WAVERING_TOLD:]
        if rest:
            paragraphs.append(self.cites.paragraph([judged(
                f"The same holds, to a lesser degree, for {self.countries(p.iso3 for p in rest)}")]))
        return Section("wavering", heading, tuple(paragraphs))

    def contested_section(self, contested: list[P.Pick]) -> Section:
        """States whose duty to arrest is disputed: every fact on the duty, each side with its sources."""
        paragraphs = [self.cites.paragraph([judged(
            f"Authoritative sources disagree on whether these states must arrest {self.short}. haven shows each as at "
            f"least risky and tells what each side holds")])]
        for p in contested:
            paragraphs.append(self.cites.paragraph(list(p.gist), lead=p.country))
        return Section("disputed", "Duty to arrest disputed", tuple(paragraphs))

    def changes_section(self, told: set[str]) -> Section | None:
        """Verdicts that moved since `since`, each with the facts that moved it; a fact already told above (the
        warrant, say) is not told again."""
        found = P.changes(self.kb, self.person, self.a, self.since, CHANGES_TOLD)
        regimes = sorted(self.a.regime_changes(self.since), key=lambda e: (e.when, e.fact))
        if not found and not regimes:
            return None
        paragraphs = []
        for change in found:
            after = tier_phrase(*change.after)
            names = self.countries(change.states)
            if len(change.states) > 4:
                names = f"{number(len(change.states))} states, among them {self.countries(change.states[:3])},"
            text = f"On {w.day(change.day)}, haven's verdict on {names} changed to “{after}”"
            if len(change.before) == 1:
                text += f", from “{tier_phrase(*change.before[0])}”"
            causes = [c for c in change.causes if c.text not in told]
            told.update(c.text for c in causes)
            if any(r.held_from == change.day for r in self.a.warrants):
                text += ", the day the warrant took effect"
            elif change.causes and not causes:
                text += ", for a reason told above"
            paragraphs.append(self.cites.paragraph([judged(text), *causes]))
        for event in regimes:
            paragraphs.append(self.cites.paragraph(self.a.event_statements(event)))
        return Section("changes", f"What changed since {w.day(self.since)}", tuple(paragraphs))


    def next_section(self) -> Section | None:
        """The events ahead that concern the person, known on the date: where, whether the host must arrest, and
        what the person is known to plan."""
        ahead = events_ahead(self.kb, self.person.id, self.person.home, self.on, NEXT_DAYS)[:NEXT_TOLD]
        if not ahead:
            return None
        planned = outcomes(self.kb, self.person.id, self.on)
        paragraphs = []
        for e in ahead:
            claims = [event_statement(e, self.on, self.a.names, self.a.sources)]
            if e.host != self.person.home:
                v = self.a[e.host]
                if disputed(v):
                    claims.append(judged(f"Whether {self.country(e.host)} must arrest {self.short} is disputed"))
                elif bound(v):
                    claims.append(judged(f"{self.country(e.host)} is bound to arrest {self.short}; an arrest there is "
                                         f"{likely(v.arrest_risk)}, by haven's reckoning ({chance(v.arrest_risk)})"))
                else:
                    claims.append(judged(f"{self.country(e.host)} has no duty to arrest {self.short}"))
            if e.id in planned:
                claims.append(outcome_statement(e, planned[e.id], self.short, self.a.names, self.a.sources, self.on))
            paragraphs.append(self.cites.paragraph(claims))
        return Section("next", "What is next", tuple(paragraphs))


def build_article(kb: KnowledgeBase, person: Person, on: date, since: date, with_appendix: bool = False) -> Brief:
    return Article(kb, person, on, since).build(with_appendix)
