"""The appendix, written only on request (`--appendix`): every fact behind each ally and each state that may
not arrest, one vote table (each resolution named once, in its legend), and how haven decides."""

from __future__ import annotations

from haven import words as w
from haven.briefs.model import Citations, Section, Table
from haven.briefs.picks import Pick
from haven.briefs.plain import chance, likely, tier_phrase
from haven.engine import Assessment, Evidence, Statement
from haven.vocabulary import TIER_MEANINGS

VOTE_CELLS = {"Y": "yes", "N": "no", "A": "abstained", "X": "absent"}
AXIS_HEADINGS = {
    "duty": "Whether a state must arrest",
    "ban": "What shuts a state",
    "hostility": "What makes a state hostile",
    "tie": "What makes a state an ally",
    "leniency": "What makes an arrest less likely",
    "firmness": "What makes an arrest more likely",
    "context": "What makes a visit more or less likely",
}


def _judged(text: str) -> Statement:
    return Statement(w.sentence(text), (), claim=False)


def _verdict_line(p: Pick, short: str) -> Statement:
    v = p.verdict
    text = f"Verdict: {tier_phrase(v.tier, v.obliged_to_arrest)}"
    if v.obliged_to_arrest is True:
        text += f"; an arrest is {likely(v.arrest_risk)} ({chance(v.arrest_risk)})"
    text += f"; a visit by {short} within a year is {likely(v.visit_likelihood)} ({chance(v.visit_likelihood)})"
    return _judged(text)


def states(picks: list[Pick], cites: Citations, short: str) -> Section:
    subsections = []
    for p in picks:
        items = cites.all(list(p.details))
        if p.votes:
            items += cites.all([_judged("Its votes at the UN are in the table of votes")])
        subsections.append(Section(f"state-{p.iso3.lower()}", p.country, (cites.paragraph([_verdict_line(p, short)]),),
                                   items))
    return Section("appendix-states", "Appendix: state by state", subsections=tuple(subsections))


def votes(picks: list[Pick], cites: Citations, home: str) -> Section | None:
    """One row per state, one column per resolution; the legend names each resolution once, with its sources."""
    voted = [p for p in picks if p.votes]
    if not voted:
        return None
    resolutions: dict[str, list[Evidence]] = {}
    for p in voted:
        for item in p.votes:
            resolutions.setdefault(item.detail["resolution"], []).append(item)
    order = sorted(resolutions, key=lambda r: (str(resolutions[r][0].detail["adopted"]), r))
    keys = {r: f"R{i}" for i, r in enumerate(order, 1)}
    rows = []
    for p in voted:
        cast = {item.detail["resolution"]: VOTE_CELLS.get(item.detail["vote"], item.detail["vote"]) for item in p.votes}
        rows.append((p.country, *(cast.get(r, "–") for r in order)))
    legend = []
    for r in order:
        d = resolutions[r][0].detail
        title = f", “{d['title']}”" if d.get("title") else ""
        against = f"; a yes was a vote against {home}" if d.get("yes_means") == "against" else ""
        sources = tuple({s["url"]: s for item in resolutions[r] for s in item.sources}.values())
        legend.append(Statement(f"{keys[r]}: General Assembly resolution {r}{title}, adopted {w.on_day(d['adopted'])}{against}.",
                                sources))
    table = Table(("State", *(keys[r] for r in order)), tuple(rows), cites.all(legend))
    intro = cites.paragraph([_judged("How each state in this brief voted on the resolutions about "
                                     f"{home} that haven still counts")])
    return Section("appendix-votes", "Appendix: votes at the UN", (intro,), tables=(table,))


def method(cites: Citations) -> Section:
    from haven.engine.method import method_rows

    tiers = [_judged(f"{t.capitalize()}: {meaning}") for t, meaning in TIER_MEANINGS.items() if t != "home"]
    rows = method_rows()
    subsections = []
    for axis, heading in AXIS_HEADINGS.items():
        told = [_judged(r["explanation"]) for r in rows if r["axis"] == axis and r["explanation"]]
        if told:
            subsections.append(Section(f"method-{axis}", heading, items=cites.all(told)))
    intro = [_judged("Every state is placed in one of five tiers, from the facts public on the date, by rules declared "
                     "once and applied to every person alike"),
             _judged("The chances (of a visit within a year, of an arrest on arrival) are haven's own estimates, "
                     "fitted on past trips; the brief gives them as odds, such as one chance in ten"),
             _judged("The command haven method lists every rule with its weight")]
    return Section("appendix-method", "Appendix: how haven decides", (cites.paragraph(intro),), cites.all(tiers),
                   subsections=tuple(subsections))


def appendix(a: Assessment, cites: Citations, allies: list[Pick], wavering: list[Pick], short: str) -> tuple[Section, ...]:
    picks = [*allies, *wavering]
    home = a.names.country(a.person.home)
    sections = [states(picks, cites, short), votes(picks, cites, home), method(cites)]
    return tuple(s for s in sections if s is not None)

