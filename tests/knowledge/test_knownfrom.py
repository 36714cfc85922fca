"""A fact counts from the day it became known: `public`, else its start, else (announcement-like facts) the
earliest publication among its sources."""

from datetime import date

import pytest

from haven.knowledge.declarations import fact_tables, known_from, primary_source_types


def with_sources(world, **published):
    """Add one press source per keyword: id=published date ('' for an undated source)."""
    for source_id, day in published.items():
        world.add("sources", id=source_id.replace("_", "-"), url=f"https://example.org/{source_id}", publisher="Wire",
                  source_type="press", title=source_id, published=day, accessed="2026-11-24")


def held_ids(kb, table, day):
    return list(kb.held(table, date.fromisoformat(day))["id"])


def test_every_fact_table_declares_how_it_becomes_known():
    declared = known_from()
    assert declared["stances"].default == "announcement"
    assert declared["memberships"].default == "start"
    assert declared["visits"].rule("avoided") == "announcement" and declared["visits"].rule("visit") == "start"
    assert {"warrants", "sanctions", "treaties", "visits", "events", "event_outcomes"} <= set(fact_tables())
    assert "sources" not in fact_tables() and "persons" not in fact_tables()


def test_primary_source_types_come_from_the_descriptor():
    assert primary_source_types() == {"depositary", "court", "government", "intergovernmental", "un"}


def test_an_invitation_reported_only_later_counts_from_the_report(world, tmp_path):
    with_sources(world, later="2024-08-30")
    world.add("stances", id="invite", country="MNG", person="wanted", kind="invitation", summary="s",
              start="2023-10-17", source="later")
    kb = world.load(tmp_path)
    assert held_ids(kb, "stances", "2024-06-24") == []
    assert held_ids(kb, "stances", "2024-08-30") == ["invite"]
    assert kb.table("stances").iloc[0]["disclosed"].date() == date(2024, 8, 30)


def test_the_earliest_dated_source_counts_and_undated_ones_are_no_evidence(world, tmp_path):
    with_sources(world, undated="", early="2023-10-20", late="2024-08-30")
    world.add("stances", id="invite", country="MNG", person="wanted", kind="invitation", summary="s",
              start="2023-10-17", source="late;undated;early")
    kb = world.load(tmp_path)
    assert held_ids(kb, "stances", "2023-10-19") == []
    assert held_ids(kb, "stances", "2023-10-20") == ["invite"]


def test_a_partial_publication_date_counts_from_its_last_day(world, tmp_path):
    with_sources(world, month="2024-08")
    world.add("sanctions", id="s", imposer="EU", target_person="wanted", measure="asset-freeze", start="2024-06-10",
              source="month")
    kb = world.load(tmp_path)
    assert held_ids(kb, "sanctions", "2024-08-30") == []
    assert held_ids(kb, "sanctions", "2024-08-31") == ["s"]


@pytest.mark.parametrize("extra, first_day", [
    ({"public": "2023-11-02"}, "2023-11-02"),  # the curator's public date always wins
    ({"public_reason": "announced by the Kremlin the same day"}, "2023-10-17"),
])
def test_public_or_a_reason_overrides_the_sources(world, tmp_path, extra, first_day):
    with_sources(world, later="2024-08-30")
    world.add("stances", id="invite", country="MNG", person="wanted", kind="invitation", summary="s",
              start="2023-10-17", source="later", **extra)
    kb = world.load(tmp_path)
    day = date.fromisoformat(first_day)
    assert kb.held("stances", day.replace(day=day.day - 1)).empty
    assert held_ids(kb, "stances", first_day) == ["invite"]


def test_facts_observable_as_they_happen_count_from_their_start(world, tmp_path):
    with_sources(world, later="2024-08-30")
    world.add("memberships", id="m", organisation="ICC", iso3="MNG", role="party", start="2002-11-01", source="later")
    world.add("visits", id="trip", person="wanted", country="MNG", kind="visit", start="2024-01-05", source="later")
    world.add("visits", id="stayed-away", person="wanted", country="ZAF", kind="avoided", start="2024-02-05",
              source="later")
    kb = world.load(tmp_path)
    assert held_ids(kb, "memberships", "2003-01-01") == ["m"]
    assert list(kb.known("visits", date(2024, 3, 1))["id"]) == ["trip"]  # the trip not made is known only later
    assert list(kb.known("visits", date(2024, 8, 30))["id"]) == ["trip", "stayed-away"]


def test_a_treaty_signed_before_its_report_counts_as_signed_from_the_report(world, tmp_path):
    with_sources(world, report="2024-09-01")
    world.add("treaties", id="t", kind="strategic-partnership", title="Pact", parties="RUS;PRK", signed="2024-06-19",
              start="2024-12-04", source="report")
    row = world.load(tmp_path).table("treaties").iloc[0]
    assert row["disclosed"].date() == date(2024, 9, 1)
    assert row["held_from"].date() == date(2024, 12, 4)


def test_an_event_outcome_counts_from_its_event_or_its_report(world, tmp_path):
    with_sources(world, before="2023-07-19", after="2023-09-30")
    world.add("events", id="summit", kind="summit", organiser="ZAF", title="Summit", host="ZAF", start="2023-08-22",
              end="2023-08-24")
    world.add("event_outcomes", id="declined", event="summit", person="wanted", outcome="declined", source="before")
    world.add("event_outcomes", id="video", event="summit", person="other-one", outcome="video", source="after")
    world.add("persons", id="other-one", qid="Q9", name="Other", home="RUS")
    kb = world.load(tmp_path)
    disclosed = dict(zip(kb.table("event_outcomes")["id"], kb.table("event_outcomes")["disclosed"].dt.date, strict=True))
    assert disclosed == {"declined": date(2023, 8, 22), "video": date(2023, 9, 30)}
    assert held_ids(kb, "event_outcomes", "2023-08-22") == ["declined"]
