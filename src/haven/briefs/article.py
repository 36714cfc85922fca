"""The brief as a news article: who can still host the person and why, where the person went, the states bound
to arrest that may not, what changed, what is next. Facts are told in the rulebook's words (every one cited);
the sentences written here are haven's own judgements and counts, in plain words, never raw scores."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from haven import words as w
from haven.briefs import picks as P
from haven.briefs.appendix import appendix
from haven.briefs.model import Brief, Citations, Paragraph, Section
from haven.briefs.plain import (
    Shortener,
    bound,
    chance,
    count,
    disputed,
    likely,
    number,
    opening_count,
    prose,
    short_name,
    tier_phrase,
    title_on,
)
from haven.briefs.readability import words
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
FEW_ALLIES = 3
ROOM = 800  # an article shorter than this (in words, before its last sections) also tells the states shut to the person
SHUT_TOLD = 3
HOSTILE_NAMED = 6
LIKELY_ENOUGH = 0.1  # an ally is named among the likeliest destinations only from this chance of a visit
NAMED_REST = 6  # more states than this that may not arrest are counted, and three of them named


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
    if a.on <= day:
        return (f"Written from the facts public by {w.day(a.on)}; haven's knowledge base is current to {w.day(day)}.",)
    notes = [f"Facts current to {w.day(day)}."]
    if a.on > day:
        notes.append(f"Warning: this brief is dated {(a.on - day).days} days after the facts it rests on were last "
                     f"brought up to date; whatever happened since is not in it.")
    return tuple(notes)


def judged(text: str) -> Statement:
    """A sentence of haven's own judgement: no citation, never a fact."""
    return Statement(w.sentence(text), (), claim=False)


def editor(name: str):
    """The copy-editing every sentence of a brief gets: the data's shorthand in words, the short name after the first."""
    shorten = Shortener(name, short_name(name))

    def edit(text: str) -> str:
        text = shorten(prose(text))
        return text[:1].upper() + text[1:]  # 'Al-Bashir went ...' where the short name opens a sentence

    return edit


_OPENING = re.compile(r"^(On|In) ([^,]+), ")
_SAME = {"On": "The same day", "In": "The same month"}


def merged(statements: list[Statement]) -> list[Statement]:
    """Facts told one after another that open alike ('On 22 November 2024, Viktor Orbán, Prime Minister of
    Hungary, ...' twice): the second says 'The same day, Orbán also ...'."""
    out: list[Statement] = []
    for s in statements:
        prev = out[-1].text if out else ""
        m, p = _OPENING.match(s.text), _OPENING.match(prev)
        if m and p and m.group(0) == p.group(0):
            common = prev[:next((i for i, (a, b) in enumerate(zip(prev, s.text, strict=False)) if a != b), min(len(prev), len(s.text)))]
            common = common[:common.rfind(" ") + 1]
            actor = common[len(m.group(0)):].strip().rstrip(",")
            who = re.sub(r"\s*\([^)]*\)", "", actor.split(", ")[0]) if actor else ""
            who = short_name(who) if who and not who.startswith("the ") and " of " not in who else who
            when = _SAME["In"] if m.group(1) == "In" and not m.group(2)[:1].isdigit() else _SAME[m.group(1)]
            if re.fullmatch(r"\d{4}", m.group(2)):
                when = "The same year"
            rest = s.text[len(common):] if actor else s.text[len(m.group(0)):]
            text = f"{when}, {who} also {rest}" if who else f"{when}, {rest}"
            s = Statement(text, s.sources, s.claim)
        out.append(s)
    return out


class Article:
    def __init__(self, kb: KnowledgeBase, person: Person, on: date, since: date):
        self.kb, self.person, self.on, self.since = kb, person, on, since
        self.a: Assessment = assess(person, on, kb)
        self.cites = Citations(on, editor(person.name))
        self.name = person.name
        self.short = short_name(person.name)
        self.home = self.a.names.country(person.home)

    def country(self, iso3: str) -> str:
        return self.a.names.country(iso3)

    def key(self, text: str) -> str:
        """A sentence as the brief prints it (shorthand in words, short name), to tell whether it was told."""
        text = prose(text).replace(self.name, self.short)
        return text[:1].upper() + text[1:]

    def countries(self, codes) -> str:
        return w.join([self.country(c) for c in codes])

    # --- the brief ----------------------------------------------------------------------------------------------

    def build(self, with_appendix: bool = False) -> Brief:
        if self.a.no_travel:
            return self.status_brief()
        states = [v for v in self.a if v.tier != "home"]
        obliged = [v for v in states if bound(v)]
        self.hostile = [v for v in states if not v.obliged_to_arrest and v.tier in ("risky", "closed")]
        contested = P.contested(self.a)
        allies = P.allies(self.a, FACTS_PER_ALLY + 2)  # spares, should a fact have been told already
        wavering = P.wavering(self.a, FACTS_PER_WAVERING + 1)
        trips = P.trips(self.a, self.since)
        headline = (f"Where {self.name} can still travel: {count(len(allies), 'friendly state')}, "
                    f"{number(len(obliged))} bound to arrest")
        if not obliged:
            headline = f"Where {self.name} can still travel: {count(len(allies), 'friendly state')}, none bound to arrest"
        if not any(r.kind == "warrant" for r in self.a.warrants):
            headline = f"Where {self.name} can travel: no arrest warrant in force on {w.day(self.on)}"
        lede = self.lede(states, obliged, allies, wavering, contested, trips)
        sections = [self.allies_section(allies), self.trips_section(trips)]
        if obliged:
            sections.append(self.wavering_section(wavering))
        if contested:
            sections.append(self.contested_section(contested))
        told = {self.key(s.text) for p in lede for s in p.sentences} | {self.key(s.text) for x in sections for s in x.sentences()}
        if self.hostile and sum(len(words(s.text)) for s in [*(x for p in lede for x in p.sentences),
                                                              *(x for sec in sections for x in sec.sentences())]) < ROOM:
            sections.append(self.shut_section())
        changed = self.changes_section(told)
        if changed is not None:
            sections.append(changed)
        ahead = self.next_section()
        if ahead is not None:
            sections.append(ahead)
        extra = appendix(self.a, self.cites, allies, wavering, self.short) if with_appendix else ()
        return Brief("article", self.person.id, self.name, title_on(self.person.title, self.on), self.on, self.since, headline, lede,
                     tuple(s for s in sections if s is not None), tuple(self.cites.sources), extra,
                     {"obliged": len(obliged), **self.a.counts()}, self.kb.version, self.a.method_version,
                     coverage_notes(self.a))

    def status_brief(self) -> Brief:
        """A person in custody or dead: the status in words, the warrant behind it, and no travel story."""
        status = self.a.status
        behind = [r for r in self.a.profile.warrants if r.fact == status.fact]
        claims = [self.a.warrant_statement(r) for r in behind]
        claims.append(Statement(status.sentence(self.name), self.a.sources(status.source)))
        return Brief("status", self.person.id, self.name, title_on(self.person.title, self.on), self.on, self.since,
                     f"{self.name} on {w.day(self.on)}: no travel to assess", (self.cites.paragraph(claims),), (),
                     tuple(self.cites.sources), (), {"status": status.status}, self.kb.version, self.a.method_version,
                     coverage_notes(self.a))

    # --- lede ---------------------------------------------------------------------------------------------------

    def lede(self, states, obliged, allies, wavering, contested, trips: P.Trips) -> tuple[Paragraph, ...]:
        held = sorted(self.a.warrants, key=lambda r: (r.start, r.fact))
        issued = [r for r in held if r.kind == "warrant"]
        nth: Counter[str] = Counter()
        first: list[Statement] = []
        for r in issued:
            nth[r.issuer] += 1
            first.append(self.a.warrant_statement(r, nth[r.issuer]))
        first.extend(self.a.warrant_statement(r) for r in held if r.kind == "application")
        if obliged:
            first.append(self.bound_statement(states, obliged, any(r.issuer == "ICC" for r in issued)))
        elif issued:
            first.append(judged(f"As of {w.day(self.on)}, no state is bound to carry it out"))
        else:
            first.append(judged(f"No arrest warrant for {self.name} was in force and public on {w.day(self.on)}, "
                                f"so no state is bound to arrest {self.short}"))
        if trips.made:
            first.append(Statement(w.sentence(
                f"Since {w.day(self.since)}, {self.short} has made {count(len(trips.made), 'trip')} abroad, to "
                f"{count(len(trips.countries), 'country', 'countries')}: {self.countries(trips.countries)}"), trips.sources))
            first.extend(self.unarrested(trips))
        second: list[Statement] = []
        if allies:
            named = [p.iso3 for p in allies[:3]]
            closest = f"it is {self.countries(named)}" if len(allies) == 1 else f"the closest are {self.countries(named)}"
            second.append(judged(
                f"By haven's count, {count(len(allies), 'state')} {'is an ally' if len(allies) == 1 else 'are allies'}, "
                f"free of any duty to arrest {self.short} and close to {self.home}; {closest}"))
        else:
            second.append(judged(f"By haven's count, {self.short} has no ally: no state free of a duty to arrest "
                                 f"{self.short} is close enough to {self.home} to count as one"))
        if wavering:
            second.append(judged(
                f"Of the states bound to arrest, {number(len(wavering))} may not, because of what "
                f"{'it has' if len(wavering) == 1 else 'they have'} said or done or how close "
                f"{'it is' if len(wavering) == 1 else 'they are'} to {self.home}"))
        hostile = self.hostile
        if contested:
            second.append(judged(f"Whether {self.countries(p.iso3 for p in contested)} must arrest {self.short} is "
                                 f"disputed: authoritative sources disagree"))
        if hostile:
            shut = P.shut(self.a, hostile)
            names = self.countries(p.iso3 for p in shut)
            if len(shut) > HOSTILE_NAMED:
                names = f"among them {self.countries(p.iso3 for p in shut[:3])}"
            means = w.join(sorted({m for p in shut for m in p.means}, key=P.MEANS.index), "or")
            second.append(judged(f"{opening_count(len(hostile), 'more state')} with no duty to arrest "
                                 f"{'is' if len(hostile) == 1 else 'are'} shut or hostile to {self.short}, through "
                                 f"{means}: {names}"))
        return (self.cites.paragraph(first), self.cites.paragraph(second))

    def bound_statement(self, states, obliged, icc: bool) -> Statement:
        """How many states must arrest the person, and what binds them: the Rome Statute, a declaration accepting
        the court's jurisdiction, a warrant of their own courts; cited to the documents most of them rest on."""
        groups: dict[str, list[str]] = {"party": [], "declaration": [], "own": [], "other": []}
        sources: dict[str, Counter] = {k: Counter() for k in groups}
        documents: dict[str, dict] = {}
        for v in obliged:
            facts = [e for f in self.a.explain(v.iso3).verdict.findings if f.axis == "duty" and f.counted
                     for e in f.evidence if e.counted]
            role = {str(e.detail.get("role")) for e in facts if e.table == "memberships"}
            own = any(e.table == "warrants" and e.detail.get("issuer") == v.iso3 for e in facts)
            kind = ("party" if icc and "party" in role else "declaration" if icc and "declaration" in role
                    else "own" if own else "other")
            groups[kind].append(v.iso3)
            for e in facts:
                if (kind == "own") == (e.table == "warrants") and e.table in ("memberships", "warrants"):
                    for src in e.sources:
                        sources[kind][src["url"]] += 1
                        documents[src["url"]] = src
        parts = []
        if groups["party"]:
            n = len(groups["party"])
            parts.append("the one party to the Rome Statute, which set up the court" if n == 1 else
                         f"the {number(n)} parties to the Rome Statute, which set up the court")
        for kind, says in (("declaration", "accepted its jurisdiction"), ("own", "courts issued a warrant of their own")):
            found = groups[kind]
            if not found:
                continue
            named = self.countries(found) if len(found) <= 3 else count(len(found), "state")
            parts.append(f"{named}, {'which' if kind == 'declaration' else 'whose'} {says}")
        if groups["other"]:
            parts.append(count(len(groups["other"]), "other state"))
        n = len(obliged)
        text = (f"As of {w.day(self.on)}, {number(n)} of the {len(states)} other states {'is' if n == 1 else 'are'} "
                f"bound to arrest {self.short} on {'its' if n == 1 else 'their'} territory")
        if groups["party"] and len(parts) == 1:
            text += ", all of them as parties to the Rome Statute, the treaty that set up the court"
        else:
            text += f": {', '.join(parts[:-1])}, and {parts[-1]}" if len(parts) > 1 else f": {parts[0]}"
        cited = [documents[url] for kind in groups for url, _ in sources[kind].most_common(1 if kind == "party" else 3)]
        return Statement(w.sentence(text), tuple(cited))

    def unarrested(self, trips: P.Trips) -> list[Statement]:
        """States bound to arrest the person that received them in the period and made no arrest."""
        found, facts = [], []
        for iso3 in trips.countries:
            hosted = [e for f in self.a.explain(iso3).verdict.findings if f.axis == "leniency" and f.counted
                      for e in f.evidence if e.counted and e.table == "visits" and str(e.when)[:10] >= self.since.isoformat()]
            if hosted:
                found.append(iso3)
                facts.extend(hosted)
        if not found:
            return []
        text = (f"{self.countries(found)} {'was' if len(found) == 1 else 'were'} bound to arrest {self.short} during "
                f"the visit{'s' if len(facts) > 1 else ''} and made no arrest")
        return [Statement(w.sentence(text), tuple({s["url"]: s for e in facts for s in e.sources}.values()))]

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
        most = FACTS_PER_ALLY + 1 if len(allies) <= FEW_ALLIES else FACTS_PER_ALLY  # few allies: room to say more
        for p in allies[:ALLIES_TOLD]:
            paragraphs.append(self.cites.paragraph(fresh(p.gist, told, most), lead=p.country))
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
        top = [p for p in top if p.verdict.visit_likelihood >= LIKELY_ENOUGH]
        if not top:
            to = self.country(allies[0].iso3) if len(allies) == 1 else "any of them"
            return judged(f"By haven's reckoning, a visit by {self.short} to {to} within a year is unlikely")
        groups: dict[str, list[str]] = {}
        for p in top:
            groups.setdefault(chance(p.verdict.visit_likelihood), []).append(self.country(p.iso3))
        told = [f"{w.join(names)} ({odds}{' each' if len(names) > 1 else ''})" for odds, names in groups.items()]
        return judged(f"By haven's reckoning, {self.short} is likeliest to visit {', then '.join(told)} within a year")

    def trips_section(self, trips: P.Trips) -> Section:
        heading = f"Where {self.short} has been"
        period = f"between {w.day(self.since)} and {w.day(self.on)}"
        paragraphs = () if trips.made else (self.cites.paragraph([judged(f"No trip abroad by {self.short} {period} is on record")]),)
        made = self.cites.all(list(trips.made))  # numbered before the trips not made, which follow them
        sub: tuple[Section, ...] = ()
        if trips.not_made:
            sub = (Section("trips-not-made", "Trips not made", items=self.cites.all(list(trips.not_made))),)
        return Section("trips", heading, paragraphs, made, subsections=sub)

    def wavering_section(self, wavering: list[P.Pick]) -> Section:
        heading = "Bound to arrest, but may not"
        if not wavering:
            obliged = [v for v in self.a if bound(v)]
            if len(obliged) == 1:
                text = (f"{self.country(obliged[0].iso3)}, the one state bound to arrest {self.short}, is expected to: "
                        f"it has no record, stance, invitation or ties that point the other way")
            else:
                text = (f"Every state bound to arrest {self.short} is expected to: none has a record, a stance, an "
                        f"invitation or ties that point the other way")
            return Section("wavering", heading, (self.cites.paragraph([judged(text)]),))
        if len(wavering) == 1:
            intro = (f"This state must arrest {self.short} but has failed to arrest before, has said it would not, has "
                     f"invited {self.short}, or is close to {self.home}")
        else:
            intro = (f"These states must arrest {self.short} but have failed to arrest before, have said they would "
                     f"not, have invited {self.short}, or are close to {self.home}. The least likely to act come first")
        paragraphs = [self.cites.paragraph([judged(intro)])]
        told: set[str] = set()
        first_told: dict[str, str] = {}
        shown = wavering[:WAVERING_TOLD]
        odds = [chance(p.verdict.arrest_risk) for p in shown]
        for i, p in enumerate(shown):
            facts = fresh(p.gist, told, FACTS_PER_WAVERING)
            for s in p.gist[:1]:
                first_told.setdefault(s.text, p.country)
            claims = merged(facts)
            if i == 0 or odds[i] != odds[i - 1]:  # the odds once for a run of states that share them
                same = [q.iso3 for q, o in zip(shown[i + 1:], odds[i + 1:], strict=False) if o == odds[i]]
                same = same[:next((k for k, o in enumerate(odds[i + 1:]) if o != odds[i]), len(same))]
                also = f", as it is in {self.countries(same)}" if same else ""
                claims.append(judged(f"an arrest there is {likely(p.verdict.arrest_risk)}, by haven's reckoning "
                                     f"({odds[i]}){also}"))
            paragraphs.append(self.cites.paragraph(claims, lead=p.country))
        rest = wavering[WAVERING_TOLD:]
        if rest:
            paragraphs.append(self.cites.paragraph([self.rest_statement(rest, first_told)]))
        return Section("wavering", heading, tuple(paragraphs))

    def rest_statement(self, rest: list[P.Pick], first_told: dict[str, str]) -> Statement:
        """The other states that may not arrest: named when few, else counted, with the reason most share."""
        if len(rest) <= NAMED_REST:
            return judged(f"{self.countries(p.iso3 for p in rest)} may not arrest {self.short} either, though an "
                          f"arrest there is likelier")
        shared = Counter(p.gist[0].text for p in rest if p.gist).most_common(1)
        reason = ""
        if shared and shared[0][1] * 2 >= len(rest) and shared[0][0] in first_told:
            reason = f", most of them for the reason given for {first_told[shared[0][0]]}"
        return judged(f"{opening_count(len(rest), 'more state')} may not arrest {self.short} either, among them "
                      f"{self.countries(p.iso3 for p in rest[:3])}{reason}; an arrest there is likelier")

    def shut_section(self) -> Section:
        """A short article's room for the states shut to the person: the first few, a fact each."""
        shut = P.shut(self.a, self.hostile)
        text = (f"{opening_count(len(shut), 'state')} {'has' if len(shut) == 1 else 'have'} no duty to arrest "
                f"{self.short} yet would not welcome a visit")
        if len(shut) > SHUT_TOLD:
            text += f", among them these {number(SHUT_TOLD)}"
        paragraphs = [self.cites.paragraph([judged(text)])]
        for p in shut[:SHUT_TOLD]:
            if p.gist:
                paragraphs.append(self.cites.paragraph(list(p.gist), lead=p.verdict.country))
        return Section("shut", f"Shut to {self.short}", tuple(paragraphs))

    def contested_section(self, contested: list[P.Pick]) -> Section:
        """States whose duty to arrest is disputed: every fact on the duty, each side with its sources."""
        paragraphs = [self.cites.paragraph([judged(
            f"Authoritative sources disagree on whether {'this state' if len(contested) == 1 else 'these states'} "
            f"must arrest {self.short}. haven shows {'it' if len(contested) == 1 else 'each'} as at least risky and "
            f"cites both sides")])]
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
        dated: list[tuple[date, int, list[Statement]]] = []
        fell = {(e.day, e.country) for e in regimes}
        for event in regimes:  # a change of government comes before the verdicts it moved
            dated.append((event.day, len(dated), self.a.event_statements(event)))
        for change in found:
            after = tier_phrase(*change.after)
            names = self.countries(change.states)
            if len(change.states) > 5:
                names = f"{number(len(change.states))} states, among them {self.countries(change.states[:3])},"
            text = f"On {w.day(change.day)}, haven's verdict on {names} changed{' again' if change.again else ''} to “{after}”"
            if len(change.before) == 1:
                text += f", from “{tier_phrase(*change.before[0])}”"
            causes = [c for c in change.causes if self.key(c.text) not in told]
            lost = [c for c in change.lost if self.key(c.text) not in told]
            weakened = change.after[0] != "ally" and all(b[0] == "ally" for b in change.before)
            if any(r.held_from == change.day for r in self.a.warrants):
                text += ", the day the warrant took effect"
            elif weakened and all((change.day, c) in fell for c in change.states):
                text += ", as a result"
                causes = []
            elif weakened:  # a tie stopped counting, or counts for less: what began that day is beside the point
                text += f", as its ties to {self.home} counted for less" if len(change.states) == 1 else \
                    f", as their ties to {self.home} counted for less"
                causes = []
            elif change.causes and not causes:
                text += ", for a reason told above"
            elif not change.causes and change.lost:
                text += ", as haven stopped counting an earlier fact" + ("" if lost else ", told above")
                causes = lost
            told.update(self.key(c.text) for c in causes)
            dated.append((change.day, len(dated), [judged(text), *causes]))
        paragraphs = [self.cites.paragraph(claims) for _, _, claims in sorted(dated, key=lambda d: (d[0], d[1]))]
        return Section("changes", f"What changed since {w.day(self.since)}", tuple(paragraphs))


    def next_section(self) -> Section | None:
        """The events ahead that concern the person, known on the date: where, whether the host must arrest, and
        what the person is known to plan."""
        ahead = events_ahead(self.kb, self.person, self.on, NEXT_DAYS)[:NEXT_TOLD]
        if not ahead:
            return None
        planned = outcomes(self.kb, self.person, self.on)
        paragraphs = []
        hosts: set[str] = set()
        for e in ahead:
            claims = [event_statement(e, self.on, self.a.names, self.a.sources)]
            if e.host != self.person.home and e.host not in hosts:  # a host's duty is told once
                hosts.add(e.host)
                v = self.a[e.host]
                if disputed(v):
                    claims.append(judged(f"Whether {self.country(e.host)} must arrest {self.short} is disputed"))
                elif bound(v):
                    claims.append(judged(f"{self.country(e.host)} is bound to arrest {self.short}; an arrest there is "
                                         f"{likely(v.arrest_risk)}, by haven's reckoning ({chance(v.arrest_risk)})"))
                else:
                    claims.append(judged(f"{self.country(e.host)} has no duty to arrest {self.short}"))
            if e.fact in planned:
                claims.append(outcome_statement(e, planned[e.fact], self.short, self.a.names, self.a.sources, self.on,
                                                named=False))
            paragraphs.append(self.cites.paragraph(claims))
        return Section("next", "What is next", tuple(paragraphs))


def build_article(kb: KnowledgeBase, person: Person, on: date, since: date, with_appendix: bool = False) -> Brief:
    return Article(kb, person, on, since).build(with_appendix)
