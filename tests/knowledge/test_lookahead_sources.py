"""No look-ahead through publication: a source published after the as-of date must not change any answer on or
before that date, whether it is the only source of a fact that began earlier or one more source of a known fact."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.knowledge.declarations import fact_tables
from tests.backtest.test_lookahead import D, _collides, assert_same, rich_world, scores
from tests.factory import World

STATES = ("DEU", "FRA", "MNG", "PRK", "CHN", "BLR", "ZAF", "UKR", "USA", "TJK", "HUN", "IND", "SYR", "BRA", "HKG")
earlier_day = st.integers(min_value=0, max_value=3000).map(lambda n: D - timedelta(days=n))
later_day = st.integers(min_value=1, max_value=1500).map(lambda n: D + timedelta(days=n))


@st.composite
def fact_published_late(draw):
    """An announcement-like fact that began on or before D, whose only source came out after D."""
    start = draw(earlier_day).isoformat()
    state = draw(st.sampled_from(STATES))
    kind = draw(st.sampled_from(["stance", "sanction", "airspace", "treaty", "presence", "support", "trade", "warrant",
                                 "avoided"]))
    if kind == "stance":
        return "stances", {"country": state, "person": draw(st.sampled_from(["wanted", ""])), "summary": "s", "start": start,
                               "kind": draw(st.sampled_from(["will-arrest", "will-not-arrest", "invitation",
                                                          "immunity-claim", "icc-non-compliance-finding"]))}
    if kind == "sanction":
        target = draw(st.sampled_from([{"target_person": "wanted"}, {"target_state": "RUS"}]))
        return "sanctions", dict(imposer=draw(st.sampled_from([*STATES[:-1], "EU"])), start=start,
                                 measure=draw(st.sampled_from(["asset-freeze", "travel-ban", "other"])), **target)
    if kind == "airspace":
        return "airspace", {"closer": state, "aircraft_of": "RUS", "scope": draw(st.sampled_from(["all", "civil"])),
                                "start": start}
    if kind == "treaty":
        in_force = (date.fromisoformat(start) + timedelta(days=draw(st.integers(0, 400)))).isoformat()
        return "treaties", {"kind": draw(st.sampled_from(["defence-treaty", "strategic-partnership"])), "title": "T",
                                "parties": f"RUS;{state}", "signed": start, "start": in_force}
    if kind == "presence":
        return "military_presence", {"state": "RUS", "host": state, "kind": "base", "site": "x", "start": start}
    if kind == "support":
        return "support", {"supplier": state, "recipient": "RUS", "what": "drones", "start": start}
    if kind == "trade":
        return "trade", {"reporter": "RUS", "partner": state, "start": start[:4], "share": 0.4}
    if kind == "warrant":
        return "warrants", {"person": "wanted", "issuer": state, "kind": "warrant", "start": start}
    return "visits", {"person": "wanted", "country": state, "kind": draw(st.sampled_from(["avoided", "virtual"])),
                          "start": start}


def add_late_source(world: World, published: date) -> str:
    source_id = f"late-{len(world.rows['sources'])}"
    world.add("sources", id=source_id, url=f"https://example.org/{source_id}", publisher="Later Wire",
              source_type="press", title="A later report", published=published.isoformat(), accessed="2026-11-24")
    return source_id


def answers(kb):
    """Every answer on or before D: the engine's scores and, per fact kind, what a reader could know on D."""
    known = {kind: sorted(kb.known(kind, D)["id"]) + sorted(kb.held(kind, D)["id"]) for kind in fact_tables()}
    return scores(kb), known


def assert_same_answers(left, right):
    assert_same(left[0], right[0])
    assert left[1] == right[1]


SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(found=st.lists(st.tuples(fact_published_late(), later_day), min_size=1, max_size=6))
def test_facts_first_reported_after_d_change_nothing_on_or_before_d(tmp_path_factory, found):
    baseline = answers(rich_world().load(tmp_path_factory.mktemp("base")))
    world = rich_world()
    for (table, values), published in found:
        if _collides(world, table, values):
            continue  # the schema forbids two open-ended facts with the same key
        world.add(table, source=add_late_source(world, published), **values)
    assert_same_answers(baseline, answers(world.load(tmp_path_factory.mktemp("more"))))


@SLOW
@given(data=st.data())
def test_one_more_source_published_after_d_changes_nothing_on_or_before_d(tmp_path_factory, data):
    baseline = answers(rich_world().load(tmp_path_factory.mktemp("base")))
    world = rich_world()
    rows = [(table, row) for table in fact_tables() for row in world.rows[table]]
    chosen = data.draw(st.lists(st.sampled_from(rows), min_size=1, max_size=10, unique_by=lambda tr: id(tr[1])))
    for _, row in chosen:
        row["source"] = f"{row['source']};{add_late_source(world, data.draw(later_day))}"
    assert_same_answers(baseline, answers(world.load(tmp_path_factory.mktemp("more"))))


def with_invitation(published: date) -> World:
    world = rich_world()
    world.add("stances", id="found", country="CHN", person="wanted", kind="invitation", summary="invited",
              start=(D - timedelta(days=200)).isoformat(), source=add_late_source(world, published))
    return world


def test_the_same_fact_reported_by_d_does_count(tmp_path):
    """The properties above are not vacuous: with its source dated D, the invitation changes the answers on D."""
    on_d = answers(with_invitation(D).load(tmp_path / "on"))
    after_d = answers(with_invitation(D + timedelta(days=1)).load(tmp_path / "after"))
    baseline = answers(rich_world().load(tmp_path / "base"))
    assert "found" in on_d[1]["stances"] and "found" not in after_d[1]["stances"]
    assert not np.array_equal(on_d[0]["visit_likelihood"], baseline[0]["visit_likelihood"])
    assert_same_answers(after_d, baseline)
