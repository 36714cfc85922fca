"""The events views read (`engine.events`) come from the person's calendar: the state takes part by the one rule
(`Event.expected_on`, lesser roles and suspensions included, memberships as known on the day), an event at home
is news anyway, and nothing public after the day is told."""

from datetime import date

import pytest

from haven.engine import UnknownEvent, event, events_ahead, events_known, outcomes
from haven.engine.calendar import calendar_of
from haven.persons import find_person
from tests.factory import World

ON = date(2024, 6, 24)
DAYS = 183


def _world() -> World:
    world = World()
    world.add("sources", id="src-late", url="https://example.org/late", publisher="Test Wire", source_type="press",
              title="Late report", published="2024-04-01", accessed="2026-11-24")
    for org, kind in (("SCO", "regional-organisation"), ("OBS", "regional-organisation"), ("BLOC", "forum"),
                      ("FAR", "forum"), ("NEW", "forum")):
        world.add("organisations", id=org, name=f"{org} (test)", kind=kind, arrest_duty="false", start="2001-06-15")
    world.add("memberships", organisation="SCO", iso3="RUS", role="member", start="2001-06-15")
    world.add("memberships", organisation="OBS", iso3="RUS", role="observer", start="2005-01-01")
    world.add("memberships", organisation="BLOC", iso3="RUS", role="member", start="2006-01-01")
    world.add("memberships", organisation="BLOC", iso3="RUS", role="suspended", start="2024-05-01")
    world.add("memberships", organisation="NEW", iso3="RUS", role="member", start="2024-01-01", public="2024-07-15")
    add = world.add
    add("events", id="obs-summit", kind="summit", organiser="OBS", title="OBS summit", host="IND", city="New Delhi",
        start="2024-09-10", announced="2024-03-01")
    add("events", id="bloc-summit", kind="summit", organiser="BLOC", title="Bloc summit", host="CHN", city="Beijing",
        start="2024-10-01", announced="2024-03-01")
    add("events", id="new-summit", kind="summit", organiser="NEW", title="New forum", host="BRA", city="Brasília",
        start="2024-11-01", announced="2024-03-01")
    add("events", id="far-at-home", kind="forum", organiser="FAR", title="Far forum", host="RUS", city="Kazan",
        start="2024-10-20", announced="2024-03-01")
    add("events", id="far-abroad", kind="forum", organiser="FAR", title="Far forum abroad", host="IND", city="Mumbai",
        start="2024-10-21", announced="2024-03-01")
    add("events", id="sco-ministers-home", kind="council", organiser="SCO", title="SCO ministers", host="RUS",
        city="Moscow", start="2024-09-01", announced="2024-03-01", level="ministers")
    add("events", id="sco-late-source", kind="summit", organiser="SCO", title="SCO summit", host="CHN", city="Tianjin",
        start="2024-08-01", announced="2024-03-01", source="src-late")
    add("events", id="sco-month", kind="summit", organiser="SCO", title="SCO summit of the month", host="CHN",
        city="Qingdao", start="2024-05", announced="2024-01-10")
    add("event_outcomes", event="sco-month", person="wanted", outcome="video")
    add("event_outcomes", event="obs-summit", person="wanted", outcome="declined", public="2024-08-01")
    return world


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return _world().load(tmp_path_factory.mktemp("events-kb"))


@pytest.fixture(scope="module")
def wanted(kb):
    return find_person(kb, "wanted")


def _ahead(kb, wanted, on=ON) -> list[str]:
    return [e.fact for e in events_ahead(kb, wanted, on, DAYS)]


def test_an_observer_role_counts(kb, wanted):
    assert "obs-summit" in _ahead(kb, wanted)
    assert next(e for e in calendar_of(kb, wanted) if e.fact == "obs-summit").why == "observer"


def test_a_suspended_state_s_event_is_left_out(kb, wanted):
    assert "bloc-summit" not in _ahead(kb, wanted)
    assert "bloc-summit" in _ahead(kb, wanted, date(2024, 4, 15))  # before the suspension began


def test_a_membership_counts_from_the_day_it_was_public(kb, wanted):
    assert "new-summit" not in _ahead(kb, wanted)  # held since January, public only on 15 July
    assert "new-summit" in _ahead(kb, wanted, date(2024, 7, 15))


def test_an_event_at_home_is_told_without_a_role_but_not_a_ministers_meeting(kb, wanted):
    ahead = _ahead(kb, wanted)
    assert "far-at-home" in ahead and "far-abroad" not in ahead
    assert "sco-ministers-home" not in ahead


def test_an_event_counts_once_a_source_of_its_announcement_was_out(kb, wanted):
    late = next(e for e in calendar_of(kb, wanted) if e.fact == "sco-late-source")
    assert late.known == date(2024, 4, 1)  # announced on 1 March, the only source published on 1 April
    assert "sco-late-source" not in _ahead(kb, wanted, date(2024, 3, 15))
    assert "sco-late-source" in _ahead(kb, wanted, date(2024, 4, 1))
    with pytest.raises(UnknownEvent, match="not public on 2024-03-15"):
        event(kb, wanted, "sco-late-source", date(2024, 3, 15))
    assert "sco-late-source" not in {e.fact for e in events_known(kb, wanted, date(2024, 3, 15))}


def test_an_outcome_counts_from_its_row_s_known_from_day(kb, wanted):
    # an event dated only by its month: the outcome is not known before the month is out
    assert "sco-month" not in outcomes(kb, wanted, date(2024, 5, 15))
    assert outcomes(kb, wanted, date(2024, 5, 31))["sco-month"].outcome == "video"
    assert "obs-summit" not in outcomes(kb, wanted, ON)
    assert outcomes(kb, wanted, date(2024, 8, 1))["obs-summit"].outcome == "declined"


def test_the_events_ahead_are_in_order_and_within_the_window(kb, wanted):
    ahead = events_ahead(kb, wanted, ON, DAYS)
    assert [e.first_day for e in ahead] == sorted(e.first_day for e in ahead)
    assert all(ON < e.start_last <= date(2024, 12, 24) for e in ahead)
    assert _ahead(kb, wanted) == ["sco-late-source", "obs-summit", "far-at-home"]


def test_every_un_member_takes_part_in_the_general_assembly_from_its_admission(tmp_path):
    world = _world()
    world.add("organisations", id="UN", name="United Nations", kind="regional-organisation", arrest_duty="false",
              start="1945-10-24")
    world.add("events", id="unga", kind="assembly", organiser="UN", title="General debate", host="USA", city="New York",
              start="2024-09-24", announced="2024-03-01")
    kb = world.load(tmp_path / "member")
    assert next(e for e in calendar_of(kb, find_person(kb, "wanted")) if e.fact == "unga").expected_on(ON)
    for row in world.rows["countries"]:
        if row["iso3"] == "RUS":
            row["un_member_since"] = ""
    kb = world.load(tmp_path / "not-member")
    assert not next(e for e in calendar_of(kb, find_person(kb, "wanted")) if e.fact == "unga").expected_on(ON)


def test_a_dialogue_partner_takes_part_only_where_invited(tmp_path):
    """ASEAN's own summits are not its dialogue partners' to attend; the East Asia Summit, which invites them, is."""
    world = _world()
    world.add("organisations", id="ASEAN", name="ASEAN (test)", kind="regional-organisation", arrest_duty="false",
              start="1967-08-08")
    world.add("memberships", organisation="ASEAN", iso3="RUS", role="dialogue-partner", start="1996-07-01")
    world.add("events", id="asean-own", kind="summit", organiser="ASEAN", title="ASEAN summit", host="IND",
              city="New Delhi", start="2024-09-05", announced="2024-03-01")
    world.add("events", id="asean-eas", kind="summit", organiser="ASEAN", title="East Asia Summit", host="IND",
              city="New Delhi", start="2024-09-07", announced="2024-03-01", invited="RUS;USA")
    kb = world.load(tmp_path / "asean")
    ahead = [e.fact for e in events_ahead(kb, find_person(kb, "wanted"), ON, DAYS)]
    assert "asean-eas" in ahead and "asean-own" not in ahead


def test_a_leaders_meeting_concerns_the_person_only_while_he_leads_his_state_or_where_it_names_him(tmp_path):
    world = _world()
    world.add("persons", id="general", qid="Q7", name="A General", home="RUS")
    world.add("persons", id="former", qid="Q8", name="A Former President", home="RUS")
    world.add("offices", id="former-president", person="former", country="RUS", office="head-of-state",
              start="2012-05-07", end="2024-09-15")
    world.add("events", id="named-talks", kind="peace-talks", organiser="CHN", title="Talks", host="CHN", city="Beijing",
              start="2024-10-05", announced="2024-03-01", invited="RUS", invited_persons="general")
    kb = world.load(tmp_path)
    later = date(2024, 9, 20)  # his term ended on 15 September: the talks of October are no longer his
    for person, on, expected in (("wanted", ON, {"obs-summit", "named-talks"}), ("general", ON, {"named-talks"}),
                                 ("former", ON, {"obs-summit", "named-talks"}), ("former", later, {"obs-summit"})):
        calendar = {e.fact: e for e in calendar_of(kb, find_person(kb, person))}
        assert {f for f in ("obs-summit", "named-talks") if calendar[f].expected_on(on)} == expected, (person, on)


def test_a_leader_back_in_office_has_his_summits_again(tmp_path):
    """Out of office in 2021-2022 and back since: a summit public since 2020 counts for him again in 2025."""
    from haven.engine import assess

    world = _world()
    world.add("persons", id="twice", qid="Q9", name="Twice Leader", home="RUS")
    world.add("offices", id="twice-1", person="twice", country="RUS", office="head-of-government", start="2009-03-31",
              end="2021-06-13")
    world.add("offices", id="twice-2", person="twice", country="RUS", office="head-of-government", start="2022-12-29")
    world.add("sources", id="src-2020", url="https://example.org/2020", publisher="Test Wire", source_type="press",
              title="Early report", published="2020-01-10", accessed="2026-11-24")
    world.add("events", id="sco-2025", kind="summit", organiser="SCO", title="SCO summit", host="CHN", city="Tianjin",
              start="2025-08-31", announced="2020-01-10", source="src-2020")
    kb = world.load(tmp_path)
    summit = next(e for e in calendar_of(kb, find_person(kb, "twice")) if e.fact == "sco-2025")
    assert summit.part_spans() == [(date(2020, 1, 10), date(2021, 6, 13)), (date(2022, 12, 29), None)]
    findings = assess("twice", date(2025, 6, 1), kb).explain("CHN").verdict.findings
    assert "event_scheduled" in [f.rule for f in findings]


def test_the_organisation_s_members_come_from_the_one_reader(kb):
    """The forecasts' club of an event (its other members) is read by the calendar's reader: full members only,
    a suspended one left out, a membership counted once public, the UN's members from countries.csv."""
    from haven.engine.calendar import members

    assert members(kb, "SCO", date(2024, 9, 1), ON) == ["RUS"]
    assert members(kb, "OBS", date(2024, 9, 1), ON) == []  # an observer is no full member
    assert members(kb, "BLOC", date(2024, 4, 15), date(2024, 4, 15)) == ["RUS"]
    assert members(kb, "BLOC", date(2024, 10, 1), ON) == []  # suspended from May
    assert members(kb, "NEW", date(2024, 11, 1), ON) == []  # public only on 15 July
    assert members(kb, "NEW", date(2024, 11, 1), date(2024, 7, 15)) == ["RUS"]
    assert members(kb, "RUS", date(2024, 9, 1), ON) == []  # an organiser that is a state has no members
    assert {"RUS", "DNK"} <= set(members(kb, "UN", date(2024, 9, 1), ON))
