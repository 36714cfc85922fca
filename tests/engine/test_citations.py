"""Citations respect the date: evidence cites only sources published by the as-of date; later ones are kept
apart, labelled, and a brief cites them only where nothing published by then tells the fact."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.briefs import build_brief, render_markdown
from haven.dates import latest
from haven.engine import assess
from haven.engine.serialise import explanation_dict, explanation_text
from tests.engine.conftest import wanted_world as make_world

ON = date(2024, 6, 24)


def _world():
    world = make_world.__wrapped__()
    world.add("sources", id="src-later", url="https://example.org/later", publisher="Later Wire", source_type="press",
              title="Looking back", published="2025-02-01", accessed="2026-11-24")
    world.add("sources", id="src-only-later", url="https://example.org/only-later", publisher="Later Review",
              source_type="press", title="An old pact, retold", published="2025-06", accessed="2026-11-24")
    world.add("treaties", id="pact", kind="defence-treaty", title="Old Pact", parties="RUS;PRK", signed="2001",
              start="2001-07-01", mutual_defence="true", source="src-only-later",
              public_reason="Signed and published by both governments on the day; only a later review is cited")
    world.add("military_presence", id="base", state="RUS", host="PRK", kind="base", start="2010",
              source="src-test;src-later")
    return world


def test_evidence_cites_sources_published_by_the_date_and_keeps_later_ones_apart(tmp_path):
    kb = _world().load(tmp_path)
    explanation = assess("wanted", ON, kb).explain("PRK")
    evidence = {e.fact: e for f in explanation.verdict.findings for e in f.evidence}
    assert [s["id"] for s in evidence["base"].sources] == ["src-test"]
    assert [s["id"] for s in evidence["base"].later_sources] == ["src-later"]
    assert evidence["pact"].sources == () and [s["id"] for s in evidence["pact"].later_sources] == ["src-only-later"]
    assert "published after 2024-06-24" in explanation_text(explanation)
    data = explanation_dict(explanation)
    assert all(s["published"] <= "2024-06-24" for f in data["findings"] for e in f["evidence"] for s in e["sources"])
    # a year later, both are on time
    later = {e.fact: e for f in assess("wanted", date(2025, 7, 1), kb).explain("PRK").verdict.findings for e in f.evidence}
    assert later["pact"].later_sources == () and len(later["base"].sources) == 2


def test_a_brief_lists_a_later_source_under_its_own_heading_only_when_it_must(tmp_path):
    kb = _world().load(tmp_path)
    brief = build_brief(kb, "wanted", ON)
    assert [s.url for s in brief.later_sources] == ["https://example.org/only-later"]
    assert "https://example.org/later" not in {s.url for s in brief.sources}  # the base has a timely source
    text = render_markdown(brief)
    timely, _, later = text.partition("### Published after 24 June 2024")
    assert "only-later" not in timely.split("## Sources")[1] and "only-later" in later


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=-800, max_value=800))
def test_no_cited_source_was_published_after_the_date(tmp_path_factory, offset):
    on = ON + timedelta(days=offset)
    kb = _world().load(tmp_path_factory.mktemp("kb"))
    result = assess("wanted", on, kb)
    for iso3 in ("PRK", "FRA", "MNG"):
        for finding in result.explain(iso3).verdict.findings:
            for item in finding.evidence:
                assert all(not s["published"] or latest(s["published"]) <= on for s in item.sources)
                assert all(latest(s["published"]) > on for s in item.later_sources)
    brief = build_brief(kb, "wanted", on)
    assert all(not s.published or latest(s.published) <= on for s in brief.timely_sources)
    assert all(latest(s.published) > on for s in brief.later_sources)
