"""No look-ahead: a score as of D must not change when everything that began after D is taken away or added."""

from __future__ import annotations

import csv
import shutil
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.dates import latest
from haven.engine import evaluate_series
from haven.knowledge import load
from haven.knowledge.schema import BUNDLED_DATA, tables
from tests.factory import World

D = date(2024, 1, 1)
DATES = np.array(["2023-03-17", "2023-07-01", "2023-10-15", "2024-01-01"], dtype="datetime64[D]")
REFERENCE_TABLES = ("sources", "persons", "countries", "organisations")
MATRICES = ("visit_likelihood", "arrest_risk", "tier", "obliged", "ties")


def began_after(row: dict, day: date) -> bool:
    """A row that says nothing about the time up to `day`: it started (and, for a treaty, was signed; for an
    event, was announced, and its host made public) later. An event announced by `day`, or whose host state was
    public by then, is known then, however much later it begins."""
    starts = [row.get(k, "") for k in ("start", "signed", "announced", "public") if row.get(k, "")]
    return bool(starts) and all(latest(s) > day for s in starts)


def drop_future(world: World, day: date) -> World:
    kept = World(base=False)
    for name, rows in world.rows.items():
        kept.rows[name] = [dict(r) for r in rows if name in REFERENCE_TABLES or not began_after(r, day)]
    return kept


def scores(kb, person="wanted", dates=DATES):
    e = evaluate_series(person, dates, kb)
    return {**{name: np.asarray(getattr(e, name)) for name in MATRICES}, **{f"feature {k}": v for k, v in e.features.items()}}


def assert_same(left: dict, right: dict) -> None:
    assert set(left) == set(right)
    for name in left:
        np.testing.assert_array_equal(left[name], right[name], err_msg=name)


def rich_world() -> World:
    """Facts on every axis, some before D and some after it."""
    w = World()
    for org, kind in (("CSTO", "military-alliance"), ("BRICS", "forum")):
        w.add("organisations", id=org, name=org, kind=kind, arrest_duty="false", start="2000-01-01")
    w.add("warrants", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    for iso3, start in (("DEU", "2002-07-01"), ("FRA", "2002-07-01"), ("MNG", "2002-11-01"), ("ZAF", "2000-11-27"),
                        ("TJK", "2002-07-01"), ("BRA", "2002-09-01"), ("HUN", "2002-07-01"), ("UKR", "2025-01-01")):
        w.add("memberships", organisation="ICC", iso3=iso3, role="party", start=start)
    w.add("memberships", organisation="CSTO", iso3="RUS", role="member", start="2002-10-07")
    w.add("memberships", organisation="CSTO", iso3="BLR", role="member", start="2002-10-07")
    w.add("memberships", organisation="CSTO", iso3="TJK", role="member", start="2002-10-07")
    w.add("memberships", organisation="BRICS", iso3="RUS", role="member", start="2009-06-16")
    w.add("memberships", organisation="BRICS", iso3="IND", role="member", start="2024-06-01")
    w.add("visits", person="wanted", country="CHN", kind="visit", start="2023-03-20", end="2023-03-22")
    w.add("visits", person="wanted", country="BLR", kind="summit", start="2023-05-01")
    w.add("visits", person="wanted", country="MNG", kind="visit", start="2023-12-31", end="2024-01-03")
    w.add("visits", person="wanted", country="MNG", kind="visit", start="2024-09-02", end="2024-09-03")
    w.add("visits", person="wanted", country="TJK", kind="summit", start="2024-02")
    w.add("visits", person="wanted", country="ZAF", kind="avoided", start="2023-08-22")
    w.add("visits", person="wanted", country="HKG", kind="visit", start="2024-05-01")
    w.add("stances", country="ZAF", person="wanted", kind="invitation", summary="invited", start="2023-01-10")
    w.add("stances", country="MNG", person="wanted", kind="invitation", summary="invited", start="2024-06-01")
    w.add("stances", country="HUN", person="", kind="will-not-arrest", summary="would not arrest", start="2024-03-01")
    w.add("stances", country="MNG", kind="icc-non-compliance-finding", summary="finding", start="2024-10-24")
    w.add("sanctions", imposer="USA", target_state="RUS", measure="other", start="2022-02-24")
    w.add("sanctions", imposer="EU", target_person="wanted", measure="asset-freeze", start="2024-02-25")
    w.add("airspace", closer="FRA", aircraft_of="RUS", scope="all", start="2024-02-27")
    w.add("treaties", kind="strategic-partnership", title="Pact", parties="RUS;PRK", signed="2024-06-19", start="2024-12-04")
    w.add("treaties", kind="friendship-treaty", title="Old pact", parties="RUS;CHN", signed="2001-07-16", start="2002-02-28")
    w.add("military_presence", state="RUS", host="TJK", kind="base", site="201st", start="2004-10-16")
    w.add("military_presence", state="PRK", host="RUS", kind="deployed-forces", site="Kursk", start="2024-10")
    w.add("support", supplier="IND", recipient="RUS", what="dual-use-goods", start="2024-03")
    w.add("trade", reporter="RUS", partner="CHN", start="2022", share=0.3)
    w.add("trade", reporter="RUS", partner="IND", start="2024", share=0.2)
    w.add("un_resolutions", id="A/RES/ES-11/1", title="R1", start="2023-02-23", concerns="RUS", yes_means="against")
    w.add("un_resolutions", id="A/RES/ES-11/2", title="R2", start="2024-02-24", concerns="RUS", yes_means="against")
    w.add("un_votes", resolution="A/RES/ES-11/1", iso3="IND", vote="A", start="2023-02-23")
    w.add("un_votes", resolution="A/RES/ES-11/2", iso3="IND", vote="N", start="2024-02-24")
    w.add("hostilities", parties="RUS;UKR", kind="war", start="2022-02-24")
    w.add("government_changes", country="SYR", kind="collapse", summary="fell", breaks_with="RUS", start="2024-12-08")
    w.add("warrants", person="wanted", issuer="UKR", kind="warrant", start="2024-05-01")
    return w


def test_removing_everything_after_d_leaves_scores_on_and_before_d_unchanged(tmp_path):
    world = rich_world()
    before = scores(world.load(tmp_path / "full"))
    after = scores(drop_future(world, D).load(tmp_path / "cut"))
    assert_same(before, after)


def test_the_cut_world_really_lost_facts_and_the_future_differs(tmp_path):
    world = rich_world()
    cut = drop_future(world, D)
    assert len(cut.rows["visits"]) < len(world.rows["visits"])
    later = np.array(["2025-01-01"], dtype="datetime64[D]")
    full_kb, cut_kb = world.load(tmp_path / "full"), cut.load(tmp_path / "cut")
    assert not np.array_equal(scores(full_kb, dates=later)["visit_likelihood"], scores(cut_kb, dates=later)["visit_likelihood"])


STATES = ("DEU", "FRA", "MNG", "PRK", "CHN", "BLR", "ZAF", "UKR", "USA", "TJK", "HUN", "IND", "SYR", "BRA", "HKG")
later_day = st.integers(min_value=1, max_value=3000).map(lambda n: (D + timedelta(days=n)).isoformat())


@st.composite
def future_fact(draw):
    """One random fact of any kind that begins after D (its public date, if any, later still)."""
    start = draw(later_day)
    state = draw(st.sampled_from(STATES))
    kind = draw(st.sampled_from(["visit", "membership", "stance", "sanction", "airspace", "treaty", "presence",
                                 "support", "trade", "warrant", "hostility", "government", "vote"]))
    if kind == "visit":
        return "visits", dict(person="wanted", country=state,
                              kind=draw(st.sampled_from(["visit", "summit", "transit", "avoided", "virtual"])), start=start)
    if kind == "membership":
        org, role = draw(st.sampled_from([("ICC", "party"), ("ICC", "declaration"), ("CSTO", "member"), ("BRICS", "partner"),
                                          ("CSTO", "suspended")]))
        return "memberships", dict(organisation=org, iso3=state, role=role, start=start)
    if kind == "stance":
        stance = draw(st.sampled_from(["will-arrest", "will-not-arrest", "invitation", "immunity-claim", "icc-non-compliance-finding",
                                       "domestic-court-order"]))
        return "stances", dict(country=state, person=draw(st.sampled_from(["wanted", ""])), kind=stance, summary="s", start=start)
    if kind == "sanction":
        target = draw(st.sampled_from([dict(target_person="wanted"), dict(target_state="RUS")]))
        return "sanctions", dict(imposer=draw(st.sampled_from([*STATES[:-1], "EU"])),
                                 measure=draw(st.sampled_from(["asset-freeze", "travel-ban", "other"])), start=start, **target)
    if kind == "airspace":
        return "airspace", dict(closer=state, aircraft_of="RUS", scope=draw(st.sampled_from(["all", "civil", "state-aircraft"])),
                                start=start)
    if kind == "treaty":
        return "treaties", dict(kind=draw(st.sampled_from(["defence-treaty", "strategic-partnership", "joint-statement"])), title="T",
                                parties=f"RUS;{state}", signed=start, start=(date.fromisoformat(start) + timedelta(days=30)).isoformat())
    if kind == "presence":
        return "military_presence", dict(state="RUS", host=state, kind="base", site="x", start=start)
    if kind == "support":
        return "support", dict(supplier=state, recipient="RUS", what="drones", start=start)
    if kind == "trade":
        return "trade", dict(reporter="RUS", partner=state, start=start[:4] if int(start[:4]) > D.year else start, share=0.4)
    if kind == "warrant":
        return "warrants", dict(person="wanted", issuer=draw(st.sampled_from(["ICC", state])), kind="warrant", start=start)
    if kind == "hostility":
        return "hostilities", dict(parties=f"RUS;{state}", kind=draw(st.sampled_from(["war", "no-relations"])), start=start)
    if kind == "government":
        return "government_changes", dict(country=state, kind="coup", summary="c", breaks_with="RUS", start=start)
    return "un_votes", dict(resolution="A/RES/ES-11/2", iso3=state, vote=draw(st.sampled_from(["Y", "N", "A", "X"])), start=start)


def _key(table: str, row: dict) -> tuple:
    spec = tables()[table]
    columns = spec.no_overlap or spec.unique
    if table == "visits":
        columns = (*columns, "start")
    return tuple(row.get(c, "") for c in columns)


def _collides(world: World, table: str, values: dict) -> bool:
    spec = tables()[table]
    if not (spec.no_overlap or spec.unique):
        return False
    return any(_key(table, row) == _key(table, values) for row in world.rows[table])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facts=st.lists(future_fact(), min_size=1, max_size=8))
def test_adding_random_facts_after_d_changes_nothing_on_or_before_d(tmp_path_factory, facts):
    base = rich_world()
    baseline = scores(base.load(tmp_path_factory.mktemp("base")))
    world = rich_world()
    for table, values in facts:
        if _collides(world, table, values):
            continue  # the schema forbids two open-ended facts with the same key
        world.add(table, **values)
    assert_same(baseline, scores(world.load(tmp_path_factory.mktemp("more"))))


@pytest.mark.parametrize("person, day", [
    ("putin", date(2024, 1, 1)), ("netanyahu", date(2025, 3, 1)), ("al-bashir", date(2021, 6, 1)),
    ("al-bashir", date(2015, 1, 1)),
])
def test_bundled_data_cut_at_d_gives_the_same_scores(tmp_path, person, day):
    """The real knowledge base, with every fact that began after D deleted, scores D exactly as the full one."""
    directory = tmp_path / "kb"
    shutil.copytree(BUNDLED_DATA, directory)
    kept: dict[str, tuple[list[str], list[dict]]] = {}
    for name, table in tables().items():
        if name in REFERENCE_TABLES:
            continue
        with (directory / table.path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            kept[name] = (list(reader.fieldnames or []), [r for r in reader if not began_after(r, day)])
    # An outcome has no start of its own: it goes with the event (and trip) it points to.
    events = {r["id"] for r in kept["events"][1]}
    trips = {r["id"] for r in kept["visits"][1]}
    fields, outcomes = kept["event_outcomes"]
    kept["event_outcomes"] = (fields, [r for r in outcomes if r["event"] in events and r["visit"] in trips | {""}])
    # A stance made before D about a later event keeps its date; only its pointer to the removed event goes.
    fields, stances = kept["stances"]
    kept["stances"] = (fields, [{**r, "event": r["event"] if r["event"] in events else ""} for r in stances])
    # Crowd questions (reference data the engine never reads) go with their event, snapshots with their question.
    fields, questions = kept["crowd_questions"]
    kept["crowd_questions"] = (fields, [r for r in questions if r["event"] in events | {""}])
    asked = {r["id"] for r in kept["crowd_questions"][1]}
    fields, snapshots = kept["crowd_forecasts"]
    kept["crowd_forecasts"] = (fields, [r for r in snapshots if r["question"] in asked])
    for name, (fields, rows) in kept.items():
        with (directory / tables()[name].path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    dates = np.arange(np.datetime64(day, "D") - np.timedelta64(720, "D"), np.datetime64(day, "D") + 1, np.timedelta64(90, "D"))
    full = scores(load(), person, dates)
    cut_kb = load(directory, use_cache=False)
    assert len(cut_kb.table("visits")) < len(load().table("visits"))
    assert_same(full, scores(cut_kb, person, dates))
