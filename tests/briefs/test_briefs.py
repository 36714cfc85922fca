import os
import re
from datetime import date
from pathlib import Path

import pytest

from haven.briefs import build_brief, build_event_brief, render_html, render_markdown
from haven.briefs.model import AFTER, Brief, Citations, Paragraph, Section
from haven.briefs.render import md_escape
from haven.engine import Statement
from tests.briefs.fixture import SCRIPT_TITLE, brief_world
from tests.extras import needs_pango

GOLDEN = Path(__file__).parent / "golden"
CASES = [("wanted", date(2024, 6, 24)), ("wanted", date(2025, 1, 15)), ("quiet", date(2024, 6, 24)), ("quiet", date(2025, 1, 15))]
CITE = re.compile(r"(?<!\\)\[(\d+)\]")
ODDS = re.compile(r"\((about [a-z -]+|less than one chance in a hundred|near certainty)\)")
LIKELY = re.compile(r"\b(very unlikely|unlikely|about as likely as not|very likely|likely)\b")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return brief_world().load(tmp_path_factory.mktemp("brief-kb"))


def _body_and_sources(text: str) -> tuple[str, dict[int, str]]:
    body, _, tail = text.partition("\n## Sources\n")
    listed = {int(m.group(1)): m.group(2) for m in re.finditer(r"^(\d+)\. .*<(\S+)>$", tail, flags=re.MULTILINE)}
    return body, listed


def _stable(text: str) -> str:
    """The footer's data and method versions, haven's odds (which follow the fitted weights, tested with the
    engine) and the method appendix (the rulebook's explanations, tested below) are placeholders in the goldens:
    the goldens pin the facts told, their words, order and citations."""
    text = re.sub(r"(## Appendix: how haven decides\n).*?(?=\n## )", r"\1\n(generated from the rulebook)\n", text, flags=re.DOTALL)
    text = re.sub(r"data version [0-9a-f]+", "data version DATA", text)
    text = re.sub(r"method [\w.+-]+, as of", "method METHOD, as of", text)
    lines = []
    for line in text.splitlines():
        if "reckoning" in line or line.startswith("Verdict:"):
            line = LIKELY.sub("LIKELY", ODDS.sub("(ODDS)", re.sub(r" each\)", ")", line)))
        lines.append(line)
    return "\n".join(lines) + "\n"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path.name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("person,on", CASES, ids=[f"{p}-{d.isoformat()}" for p, d in CASES])
def test_golden(kb, person, on):
    """Regenerate with UPDATE_GOLDEN=1 after an intended change, and read the diff before committing it."""
    _golden(f"{person}-{on.isoformat()}.md", _stable(render_markdown(build_brief(kb, person, on))))


def test_golden_appendix_and_event(kb):
    _golden("wanted-2025-01-15-appendix.md", _stable(render_markdown(build_brief(kb, "wanted", date(2025, 1, 15), appendix=True))))
    _golden("wanted-bloc-2023.md", _stable(render_markdown(build_event_brief(kb, "wanted", "bloc-2023", date(2023, 8, 1), route=False))))


def _briefs(kb):
    for person, on in CASES:
        yield build_brief(kb, person, on)
        yield build_brief(kb, person, on, appendix=True)
    yield build_event_brief(kb, "wanted", "bloc-2023", date(2023, 8, 1), appendix=True, route=False)


def test_every_claim_is_cited_and_every_citation_resolves(kb):
    for brief in _briefs(kb):
        numbers = {s.number for s in brief.sources}
        for sentence in brief.sentences():
            if sentence.claim:
                assert sentence.cites, f"uncited claim: {sentence.text}"
            assert set(sentence.cites) <= numbers
        body, listed = _body_and_sources(render_markdown(brief))
        cited = {int(n) for n in CITE.findall(body)}
        assert cited == set(listed) == numbers  # nothing cited that is not listed, nothing listed that is not cited
        assert sorted(listed) == list(range(1, len(listed) + 1))
        assert len(set(listed.values())) == len(listed)  # one number per URL
        for sentence in brief.sentences():  # each claim is printed with its citation marks
            if sentence.claim:
                marks = "".join(f"[{n}]" for n in sentence.cites)
                assert md_escape(sentence.text.rstrip(".?!")) + " " + marks in body, sentence.text


def test_judgements_are_never_told_as_facts(kb):
    """haven's own sentences (counts, odds, tier moves) carry no citation; its numbers are words, not scores."""
    brief = build_brief(kb, "wanted", date(2025, 1, 15), appendix=True)
    judged = [s.text for s in brief.sentences() if not s.claim]
    assert any("by haven's reckoning" in t for t in judged)
    assert all(not s.cites for s in brief.sentences() if not s.claim)
    text = render_markdown(brief).lower()
    for raw in ("tie strength", "likelihood of", "arrest risk", "visit_likelihood", "expected to arrest with"):
        assert raw not in text
    assert not re.search(r"\b0\.\d+\b", text)


def test_duplicate_urls_share_one_number(kb):
    brief = build_brief(kb, "wanted", date(2024, 6, 24))
    warrant_urls = [s for s in brief.sources if s.url == "https://example.org/icc/warrant"]
    assert len(warrant_urls) == 1
    assert brief.lede[0].sentences[0].cites == (warrant_urls[0].number,)


def test_same_inputs_same_bytes(kb, tmp_path):
    other = brief_world().load(tmp_path / "again")
    for person, on in CASES:
        first, second = build_brief(kb, person, on, appendix=True), build_brief(other, person, on, appendix=True)
        assert render_markdown(first).encode() == render_markdown(second).encode()
        assert render_html(first).encode() == render_html(second).encode()


def test_html_escapes_source_titles(kb):
    html = render_html(build_brief(kb, "wanted", date(2024, 6, 24)))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in html
    assert re.search(r'<a class="cite" href="#source-(\d+)">\[\1\]</a>', html)
    md = render_markdown(build_brief(kb, "wanted", date(2024, 6, 24)))
    assert md_escape(SCRIPT_TITLE) in md and "<script>" not in md


def _section(brief: Brief, key: str) -> Section:
    return next(s for s in (*brief.sections, *brief.appendix) if s.key == key)


def _text(section: Section) -> str:
    return " ".join(s.text for s in section.sentences())


def test_allies_closest_first_with_their_strongest_ties(kb):
    brief = build_brief(kb, "wanted", date(2024, 6, 24))
    allies = _section(brief, "allies")
    assert [p.lead for p in allies.paragraphs if p.lead] == ["Belarus", "North Korea", "Syria"]
    korea = " ".join(s.text for s in allies.paragraphs[2].sentences)
    assert "signed the Treaty on Comprehensive Partnership (Test), a mutual-defence treaty, on 19 June 2024" in korea
    assert "munitions" in korea
    assert "A/RES/ES-99/1" not in render_markdown(brief)  # the article names no resolution; the appendix does, once


def test_appendix_tells_every_fact_and_names_each_resolution_once(kb):
    brief = build_brief(kb, "wanted", date(2024, 6, 24), appendix=True)
    states = _text(_section(brief, "appendix-states"))
    assert "60% of Belarus's foreign trade in 2022" in states
    votes = _section(brief, "appendix-votes")
    table = votes.tables[0]
    assert table.columns == ("State", "R1")
    assert {row[0]: row[1] for row in table.rows} == {"Belarus": "no", "North Korea": "no", "Syria": "no"}
    md = render_markdown(brief)
    assert md.count("A/RES/ES-99/1") == 1 and "“Aggression against Testland”" in md
    assert "## Appendix: how haven decides" in md
    assert "## Appendix" not in render_markdown(build_brief(kb, "wanted", date(2024, 6, 24)))


def test_method_appendix_explains_every_rule(kb):
    from haven.engine.method import method_rows

    md = render_markdown(build_brief(kb, "wanted", date(2024, 6, 24), appendix=True))
    method = md.partition("## Appendix: how haven decides")[2].partition("\n## Sources")[0]
    for row in method_rows():
        if row["axis"] in ("duty", "ban", "hostility", "tie", "leniency", "firmness", "context") and row["explanation"]:
            assert md_escape(row["explanation"].rstrip(".")) in method, row["step"]
    assert "Closed: obliged and expected to arrest" in method


def test_trips_not_made_are_told_once(kb):
    brief = build_brief(kb, "wanted", date(2024, 6, 24))
    not_made = _section(brief, "trips").subsections[0]
    assert len(not_made.items) == 1
    assert "joined by video link instead of travelling to Johannesburg" in not_made.items[0].text
    assert len(not_made.items[0].cites) == 2  # the sources of both records


def test_fallen_government_ends_old_ties(kb):
    before = build_brief(kb, "wanted", date(2024, 6, 24))
    after = build_brief(kb, "wanted", date(2025, 1, 15))
    assert "government of Syria" not in render_markdown(before)
    text = _text(_section(after, "changes"))
    assert "On 8 December 2024, the government of Syria collapsed" in text
    assert "no longer counts the ties" in text
    assert "Syria" not in [p.lead for p in _section(after, "allies").paragraphs]


def test_what_changed_tells_the_move_and_the_fact_behind_it(kb):
    text = _text(_section(build_brief(kb, "wanted", date(2024, 6, 24)), "changes"))
    assert "On 31 August 2023, haven's verdict on North Korea changed to “ally”, from “open”" in text
    assert "On 18 July 2023, haven's verdict on South Africa changed to “bound to arrest, but may not”" in text


def test_states_that_may_not_arrest_tell_stances_and_records(kb):
    brief = build_brief(kb, "wanted", date(2025, 1, 15))
    wavering = _section(brief, "wavering")
    mongolia = next(p for p in wavering.paragraphs if p.lead == "Mongolia")
    text = " ".join(s.text for s in mongolia.sentences)
    assert "put on record that Mongolia had failed to arrest Person" in text  # the short name after the first mention
    assert "An arrest there is" in text and "by haven's reckoning (about" in text


def test_since_limits_the_trips(kb):
    brief = build_brief(kb, "wanted", date(2024, 6, 24), since=date(2024, 5, 20))
    trips = _section(brief, "trips")
    assert [t.text.split(":")[0] for t in trips.items] == ["23–24 May 2024", "19 June 2024"]
    assert not trips.subsections  # the summit stayed away from was before --since


def test_person_without_warrant_or_allies_is_told_plainly(kb):
    text = render_markdown(build_brief(kb, "quiet", date(2024, 6, 24)))
    assert "No arrest warrant for Quiet Person was in force and public on 24 June 2024" in text
    assert "has no ally" in text
    assert "No trip abroad by Person between 24 June 2023 and 24 June 2024 is on record" in text


def test_event_explainer(kb):
    brief = build_event_brief(kb, "wanted", "bloc-2023", date(2023, 8, 1), route=False)
    assert brief.headline == "Could Wanted Person be arrested at the 15th Test Bloc summit in Johannesburg?"
    lede = " ".join(s.text for s in brief.lede[0].sentences)
    assert "is to be held in Johannesburg (Sandton), South Africa, on 22–24 August 2023" in lede
    assert "South Africa is bound to arrest" in lede
    assert "was to take part by video link" in lede  # the outcome known on the date, told before the event
    host = _text(_section(brief, "host"))
    assert "party to the Rome Statute since 1 July 2002" in host and "would not be arrested in South Africa" in host
    assert "Person took part in the 14th Test Bloc summit in China on 23 June 2022 by video link" in _text(_section(brief, "past"))
    before = build_event_brief(kb, "wanted", "bloc-2023", date(2023, 7, 1), route=False)
    assert "video" not in " ".join(s.text for s in before.lede[0].sentences)  # not known yet on 1 July


def test_event_not_public_yet_is_refused(kb):
    from haven.engine import UnknownEvent

    with pytest.raises(UnknownEvent, match="not public on 2023-01-01"):
        build_event_brief(kb, "wanted", "bloc-2023", date(2023, 1, 1))
    with pytest.raises(UnknownEvent, match="unknown event 'nope'"):
        build_event_brief(kb, "wanted", "nope", date(2023, 8, 1))


def test_sources_published_after_the_date_are_listed_apart():
    cites = Citations()
    early = {"url": "https://example.org/a", "publisher": "A", "title": "Early", "published": "2024-01-01"}
    late = {"url": "https://example.org/b", "publisher": "B", "title": "Late", "published": "2025-01-01", AFTER: True}
    lede = (Paragraph((cites.cite(Statement("A fact.", (early,))), cites.cite(Statement("Another fact.", (late,))))),)
    brief = Brief("article", "p", "P", "", date(2024, 6, 24), date(2023, 6, 24), "Headline", lede, (), tuple(cites.sources))
    md = render_markdown(brief)
    sources, _, later = md.partition("### Published after 24 June 2024")
    assert "1. A, “Early”" in sources and "Late" not in sources
    assert "2. B, “Late”" in later
    html = render_html(brief)
    assert html.index('id="published-after"') < html.index('id="source-2"')
    assert html.index('id="source-1"') < html.index('id="published-after"')


def test_a_source_marked_later_on_an_earlier_day_is_timely_for_the_brief():
    # the engine marks sources relative to the day it assessed (a verdict's change); the brief's date decides
    cites = Citations(date(2024, 6, 24))
    marked = {"url": "https://example.org/m", "publisher": "M", "title": "Marked", "published": "2024-03-02", AFTER: True}
    later = {"url": "https://example.org/l", "publisher": "L", "title": "Later", "published": "2024-06", AFTER: True}
    cites.cite(Statement("A fact told for its day.", (marked,)))
    cites.cite(Statement("A fact only told later.", (later,)))
    assert [s.published_after for s in cites.sources] == [False, True]  # a month counts by its last day
    both = Citations(date(2024, 6, 24))
    sentence = both.cite(Statement("A fact also told later.", (later, marked)))
    assert sentence.cites == (1,) and [s.title for s in both.sources] == ["Marked"]  # the later one is not needed


def _run_cli(monkeypatch, capsys, directory, *args):
    import importlib

    cli = importlib.import_module("haven.cli.app")
    common = importlib.import_module("haven.cli.common")

    monkeypatch.setenv("HAVEN_DATA_DIR", str(directory))
    monkeypatch.setattr(common, "_loaded", {})
    monkeypatch.setattr("sys.argv", ["haven", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    return exit_info.value.code, capsys.readouterr()


def test_cli_unknown_person_or_event_exits_2(tmp_path, monkeypatch, capsys):
    directory = brief_world().write(tmp_path / "kb")
    code, out = _run_cli(monkeypatch, capsys, directory, "brief", "nobody", "--on", "2024-06-24")
    assert code == 2
    assert "unknown person 'nobody'" in out.err
    code, out = _run_cli(monkeypatch, capsys, directory, "brief", "wanted", "--event", "nope", "--on", "2024-06-24")
    assert code == 2 and "unknown event 'nope'" in out.err and "Traceback" not in out.err


def test_cli_writes_markdown_and_html(tmp_path, monkeypatch, capsys):
    directory = brief_world().write(tmp_path / "kb")
    code, out = _run_cli(monkeypatch, capsys, directory, "brief", "wanted", "--on", "2024-06-24")
    assert code == 0 and out.out.startswith("# Where Wanted Person can still travel")
    code, _ = _run_cli(monkeypatch, capsys, directory, "brief", "wanted", "--on", "2024-06-24", "-o", str(tmp_path / "b.html"))
    assert code == 0 and (tmp_path / "b.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, out = _run_cli(monkeypatch, capsys, directory, "brief", "wanted", "--on", "2024-06-24", "--since", "2024-07-01")
    assert code == 2 and "after --on" in out.err
    code, out = _run_cli(monkeypatch, capsys, directory, "brief", "wanted", "--on", "2024-06-24", "-f", "pdf")
    assert code == 2 and "needs an output file" in out.err


@needs_pango
def test_cli_writes_pdf(tmp_path, monkeypatch, capsys):
    from haven.outputs.documents import pdf

    directory = brief_world().write(tmp_path / "kb")
    folder = tmp_path / "out"
    folder.mkdir()
    code, _ = _run_cli(monkeypatch, capsys, directory, "brief", "wanted", "--on", "2024-06-24", "-o", str(folder / "b.html"))
    html = (folder / "b.html").read_text(encoding="utf-8")
    assert code == 0 and html.startswith("<!DOCTYPE html>")
    for name in ("b.pdf", "again.pdf"):
        code, _ = _run_cli(monkeypatch, capsys, directory, "brief", "wanted", "--on", "2024-06-24", "-o", str(folder / name))
        assert code == 0
    typeset = (folder / "b.pdf").read_bytes()
    assert typeset.startswith(b"%PDF-") and typeset == (folder / "again.pdf").read_bytes()  # deterministic
    assert typeset == pdf(html, {"title": "Where Wanted Person can still travel: three friendly states, seven bound to arrest"})


def test_what_is_next_tells_the_events_ahead(kb):
    brief = build_brief(kb, "wanted", date(2023, 8, 1))
    text = _text(_section(brief, "next"))
    assert "The 15th Test Bloc summit is to be held in Johannesburg (Sandton), South Africa, on 22–24 August 2023" in text
    assert "South Africa is bound to arrest Person" in text
    assert "was to take part by video link" in text  # announced on 19 July 2023
    early = build_brief(kb, "wanted", date(2023, 3, 1))  # the venue was made public on 2 March 2023
    assert "next" not in [s.key for s in early.sections]
    assert "next" not in [s.key for s in build_brief(kb, "wanted", date(2024, 6, 24)).sections]


def test_what_is_next_follows_the_calendar_s_rule_of_taking_part(tmp_path):
    world = brief_world()
    world.add("organisations", id="OBS", name="Observed Forum", kind="forum", arrest_duty="false", start="2006-01-01")
    world.add("memberships", organisation="OBS", iso3="RUS", role="observer", start="2006-01-01")
    world.add("memberships", organisation="BLOC", iso3="RUS", role="suspended", start="2024-05-01")
    world.add("events", id="obs-2024", kind="summit", organiser="OBS", title="Observed Forum summit", host="MNG",
              city="Ulaanbaatar", start="2024-09-10", announced="2024-03-01")
    world.add("events", id="bloc-2024", kind="summit", organiser="BLOC", title="16th Test Bloc summit", host="BRA",
              city="Brasília", start="2024-10-22", announced="2024-03-01")
    world.add("events", id="forum-home", kind="forum", organiser="OBS2", title="Home Forum", host="RUS", city="Kazan",
              start="2024-10-01", announced="2024-03-01")
    world.add("organisations", id="OBS2", name="Home Forum", kind="forum", arrest_duty="false", start="2006-01-01")
    text = _text(_section(build_brief(world.load(tmp_path), "wanted", date(2024, 6, 24)), "next"))
    assert "The Observed Forum summit is to be held in Ulaanbaatar, Mongolia" in text  # an observer takes part
    assert "The Home Forum is to be held in Kazan, Russia" in text  # at home, whoever organises it
    assert "16th Test Bloc summit" not in text  # suspended from the bloc


def test_what_is_next_says_when_a_meeting_will_be_held_only_online(tmp_path):
    world = brief_world()
    world.add("organisations", id="OBS", name="Observed Forum", kind="forum", arrest_duty="false", start="2006-01-01")
    world.add("memberships", organisation="OBS", iso3="RUS", role="member", start="2006-01-01")
    world.add("events", id="obs-2024", kind="summit", organiser="OBS", title="Observed Forum summit", host="MNG",
              city="Ulaanbaatar", start="2024-09-10", announced="2024-03-01", online="2024-07-01")
    kb = world.load(tmp_path)
    before = _text(_section(build_brief(kb, "wanted", date(2024, 6, 24)), "next"))
    after = _text(_section(build_brief(kb, "wanted", date(2024, 7, 2)), "next"))
    assert "The Observed Forum summit is to be held in Ulaanbaatar, Mongolia" in before
    assert "The Observed Forum summit is to meet only by videoconference, hosted by Mongolia" in after


def test_header_says_how_current_the_facts_are(kb):
    from types import SimpleNamespace

    from haven.briefs.article import coverage_notes
    from haven.engine import assess

    a = assess("wanted", date(2024, 6, 24), kb)
    a.__dict__["coverage"] = SimpleNamespace(day=date(2024, 1, 31))  # as the knowledge base reports it
    assert coverage_notes(a) == ("Facts current to 31 January 2024.",
                                 ("Warning: this brief is dated 145 days after the facts it rests on were last brought "
                                 "up to date; whatever happened since is not in it."))
    a.__dict__["coverage"] = SimpleNamespace(day=date(2024, 6, 30))  # a brief dated before: only facts public by then
    assert coverage_notes(a) == ("Written from the facts public by 24 June 2024; haven's knowledge base is current to "
                                 "30 June 2024.",)
