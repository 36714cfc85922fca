"""The explainer newsrooms write before a summit: "Could X be arrested at Y?" The event, the host's duty to
arrest and its record, pledges of safe passage, the route there, haven's odds, and what the person did at
past events of the same kind. Facts in the engine's words, cited; judgements marked as haven's own."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from haven import words as w
from haven.briefs.appendix import appendix
from haven.briefs.article import coverage_notes, editor, judged, merged
from haven.briefs.model import Brief, Citations, Paragraph, Section
from haven.briefs.picks import pick
from haven.briefs.plain import bound, chance, disputed, likely, short_name, title_on
from haven.engine import (
    Assessment,
    Event,
    Finding,
    Statement,
    assess,
    event,
    event_statement,
    events_known,
    outcome_statement,
    outcomes,
)
from haven.knowledge import KnowledgeBase
from haven.persons import Person

PAST_TOLD = 6  # past events of the same organiser or host
SAFE_PASSAGE = "safe-passage"


def _stance_kind(finding: Finding) -> set[str]:
    return {str(e.detail.get("kind", "")) for e in finding.evidence}


class Explainer:
    def __init__(self, kb: KnowledgeBase, person: Person, event_id: str, on: date, route: bool = True):
        self.kb, self.person, self.on, self.route = kb, person, on, route
        self.event: Event = event(kb, person, event_id, on)
        self.a: Assessment = assess(person, on, kb)
        self.cites = Citations(on, editor(person.name))
        self.short = short_name(person.name)
        self.host = self.a.names.country(self.event.host)
        self.outcomes = outcomes(kb, person, on)

    def build(self, with_appendix: bool = False) -> Brief:
        e = self.event
        where = e.city.split(" (")[0].split(";")[0] if e.city else self.host
        title = re.sub(r"\s*\([^)]*\)$", "", e.title)  # "(Putin-Trump)": a headline has no room for asides
        headline = f"Could {self.person.name} be arrested at {w.the(title)} in {where}?"
        if self.a.no_travel:
            status = [event_statement(e, self.on, self.a.names, self.a.sources),
                      Statement(self.a.status.sentence(self.person.name), self.a.sources(self.a.status.source))]
            return self._brief("status", headline, (self.cites.paragraph(status),), ())
        lede = self.lede(self.a[e.host])  # first, so that its sources are numbered first
        sections = [s for s in (self.host_section(), self.pledges_section(), self.route_section(),
                                self.odds_section(), self.past_section()) if s is not None]
        extra: tuple[Section, ...] = ()
        if with_appendix:
            host = [] if e.host == self.person.home else [pick(self.a, e.host, ("tie",), 0)]
            extra = appendix(self.a, self.cites, host, [], self.short)
        return self._brief("event", headline, lede, tuple(sections), extra)

    def _brief(self, kind: str, headline: str, lede: tuple[Paragraph, ...], sections: tuple[Section, ...],
               extra: tuple[Section, ...] = ()) -> Brief:
        return Brief(kind, self.person.id, self.person.name, title_on(self.person.title, self.on), self.on, self.on,
                     headline, lede, sections,
                     tuple(self.cites.sources), extra, {"event": self.event.fact}, self.kb.version, self.a.method_version,
                     coverage_notes(self.a))

    def lede(self, verdict) -> tuple[Paragraph, ...]:
        e = self.event
        claims: list[Statement] = [event_statement(e, self.on, self.a.names, self.a.sources)]
        issued = [r for r in self.a.warrants if r.kind == "warrant"]
        claims.extend(self.a.warrant_statement(r) for r in issued)
        if disputed(verdict):
            claims.append(judged(f"Whether {self.host} must arrest {self.short} is disputed; haven counts it as at "
                                 f"least risky"))
        elif bound(verdict):
            but = "yet" if verdict.arrest_risk < 0.35 else "and"  # "yet" only where the odds run against the duty
            claims.append(judged(f"{self.host} is bound to arrest {self.short} on arrival, {but} an arrest there is "
                                 f"{likely(verdict.arrest_risk)}, by haven's reckoning ({chance(verdict.arrest_risk)})"))
        elif e.host == self.person.home:
            claims.append(judged(f"The event is in {self.short}'s own country"))
        else:
            claims.append(judged(f"{self.host} has no duty to arrest {self.short}"))
        known = self.outcomes.get(e.fact)
        if known is not None:
            claims.append(outcome_statement(e, known, self.short, self.a.names, self.a.sources, self.on, named=False))
        return (self.cites.paragraph(claims),)

    def host_section(self) -> Section | None:
        e = self.event
        if e.host == self.person.home:
            return None
        verdict = self.a.explain(e.host).verdict
        axes = ("duty", "leniency", "firmness", "ban", "hostility")
        claims = [s for f in verdict.findings if f.axis in axes and SAFE_PASSAGE not in _stance_kind(f)
                  for s in self.a.statements(f, e.host)]
        if not bound(verdict):
            claims.extend(pick(self.a, e.host, ("tie",), 3).gist)
        if not claims:
            claims = [judged(f"Nothing on record binds {self.host} to arrest {self.short} or ties it closely to "
                             f"{self.a.names.country(self.person.home)}")]
        heading = f"{self.host}: the duty to arrest and the record" if bound(verdict) else f"{self.host}: no duty to arrest"
        return Section("host", heading[:1].upper() + heading[1:], (self.cites.paragraph(merged(claims)),))

    def pledges_section(self) -> Section | None:
        verdict = self.a.explain(self.event.host).verdict
        claims = []
        for f in verdict.findings:
            pledged = tuple(x for x in f.evidence if x.detail.get("kind") == SAFE_PASSAGE)
            if pledged:
                claims.extend(self.a.statements(replace(f, evidence=pledged), self.event.host))
        if not claims:
            return None
        return Section("pledges", "Pledges of safe passage", (self.cites.paragraph(claims),))

    def route_section(self) -> Section | None:
        """The flight from the home capital, planned around closed airspace by the routes view."""
        from haven.routes import UnknownPlace, capital, plan_route, resolve

        e = self.event
        if e.host == self.person.home or not self.route:
            return None
        try:
            destination = resolve(e.city.split(" (")[0], self.kb) if e.city else capital(e.host, self.kb)
            if self.kb.countries.sovereign_of(destination.iso3) != e.host:
                destination = capital(e.host, self.kb)
            origin = capital(self.person.home, self.kb)
        except UnknownPlace:
            return None
        route = plan_route(self.kb, self.person, origin, destination, self.on)
        if not route.found:
            text = (f"By haven's routing, no flight from {origin.city_label()} to {destination.city_label()} keeps out "
                    f"of closed airspace")
            return Section("route", "Getting there", (self.cites.paragraph([judged(text)]),))
        detour = round(100 * route.detour_km / route.great_circle_km) if route.great_circle_km else 0
        longer = f"{detour}% longer than the direct line" if detour >= 1 else "about as short as the direct line"
        text = (f"By haven's routing, a flight from {origin.city_label()} to {destination.city_label()} can keep out of closed "
                f"airspace: about {round(route.distance_km, -2):,.0f} km, {longer}")
        claims = [judged(text)]
        exposed = [c for c in route.exposed if c.code]
        if exposed:
            names = list(dict.fromkeys(c.name for c in exposed))
            claims.append(judged(f"It still crosses about {round(route.exposed_km, -1):,.0f} km over states bound to "
                                 f"arrest {self.short} or hostile: {w.join(names)}"))
        if route.fuel_stop is not None:
            claims.append(judged(f"The aircraft would need a fuel stop, at {route.fuel_stop.city_label()}"))
        return Section("route", "Getting there", (self.cites.paragraph(claims),))

    def odds_section(self) -> Section:
        v = self.a[self.event.host]
        text = (f"On what was known on {w.day(self.on)}, haven rates a visit by {self.short} to {self.host} within a "
                f"year {likely(v.visit_likelihood)} ({chance(v.visit_likelihood)})")
        return Section("odds", f"Will {self.short} go?", (self.cites.paragraph([judged(text)]),))

    def past_section(self) -> Section | None:
        e = self.event
        same = [x for x in events_known(self.kb, self.person, self.on) if x.fact != e.fact and x.fact in self.outcomes
                and (x.organiser == e.organiser or x.host == e.host) and x.start_last <= self.on]
        if not same:
            return None
        told = [outcome_statement(x, self.outcomes[x.fact], self.short, self.a.names, self.a.sources, self.on) for x in same[-PAST_TOLD:]]
        return Section("past", "At past events", items=self.cites.all(told))


def build_event_brief(kb: KnowledgeBase, person: str | Person, event_id: str, on: date, appendix: bool = False,
                      route: bool = True) -> Brief:
    """The explainer before (or after) event `event_id`, as known on `on` (`route`: plan the flight there)."""
    from haven.persons import find_person

    who = person if isinstance(person, Person) else find_person(kb, person)
    return Explainer(kb, who, event_id, on, route).build(appendix)
