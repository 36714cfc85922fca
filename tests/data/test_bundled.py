"""The bundled knowledge base validates, and a dozen well-known facts hold on their dates."""

from datetime import date

import pytest

from haven.knowledge.audit import review_problems
from haven.knowledge.integrity import integrity_problems
from haven.knowledge.schema import BUNDLED_DATA
from haven.knowledge.validate import read_all, validate


def test_bundled_data_is_valid():
    assert [str(p) for p in validate(BUNDLED_DATA)] == []


def test_bundled_tables_match_their_seal():
    """Row counts and hashes in datapackage.json: after a deliberate edit, run `haven data seal`."""
    raw, _ = read_all(BUNDLED_DATA)
    assert [str(p) for p in integrity_problems(BUNDLED_DATA, raw)] == []
    assert set(raw) <= {name for name, _ in _sealed()}


def _sealed():
    import json

    descriptor = json.loads((BUNDLED_DATA / "datapackage.json").read_text(encoding="utf-8"))
    return [(r["name"], r) for r in descriptor["resources"] if {"bytes", "hash", "x-rows"} <= r.keys()]


def test_bundled_rows_have_no_late_sources_or_authoring_notes():
    raw, _ = read_all(BUNDLED_DATA)
    assert [str(p) for p in review_problems(raw)] == []


@pytest.mark.parametrize("day, parties", [("2002-07-01", 66), ("2023-03-17", 123), ("2024-02-01", 124), ("2025-01-01", 125)])
def test_icc_states_parties_match_the_depositary_count(kb, day, parties):
    held = kb.held("memberships", date.fromisoformat(day))
    assert len(held[(held["organisation"] == "ICC") & (held["role"] == "party")]) == parties


def icc_parties(kb, day):
    held = kb.held("memberships", date.fromisoformat(day))
    return set(held[(held["organisation"] == "ICC") & (held["role"] == "party")]["iso3"])


def test_withdrawals_and_accessions_take_effect_on_their_dates(kb):
    assert "BDI" in icc_parties(kb, "2017-10-26") and "BDI" not in icc_parties(kb, "2017-10-27")
    assert "PHL" in icc_parties(kb, "2019-03-16") and "PHL" not in icc_parties(kb, "2019-03-17")
    assert "ARM" not in icc_parties(kb, "2024-01-31") and "ARM" in icc_parties(kb, "2024-02-01")
    assert "UKR" not in icc_parties(kb, "2024-12-31") and "UKR" in icc_parties(kb, "2025-01-01")
    assert "GRC" not in icc_parties(kb, "2002-07-01") and "GRC" in icc_parties(kb, "2002-08-01")
    assert "MYS" not in icc_parties(kb, "2019-06-01")


def row(kb, table, **match):
    frame = kb.table(table)
    for column, value in match.items():
        frame = frame[frame[column] == value]
    assert len(frame) >= 1, f"no {table} row with {match}"
    return frame.iloc[0]


def test_icc_warrants_on_their_dates(kb):
    assert row(kb, "warrants", person="putin", issuer="ICC", kind="warrant")["start"] == "2023-03-17"
    assert sorted(kb.table("warrants").query("person == 'al-bashir' and issuer == 'ICC'")["start"]) == ["2009-03-04", "2010-07-12"]
    assert row(kb, "warrants", person="netanyahu", issuer="ICC")["start"] == "2024-11-21"
    assert row(kb, "warrants", person="min-aung-hlaing")["kind"] == "application"


def test_eu_froze_putins_assets_without_an_entry_ban(kb):
    eu = kb.table("sanctions").query("imposer == 'EU' and target_person == 'putin'")
    assert set(eu["measure"]) == {"asset-freeze"}
    assert eu.iloc[0]["start"] == "2022-02-25"


def test_russia_dprk_treaty_signed_and_in_force(kb):
    treaty = kb.table("treaties")
    treaty = treaty[treaty["parties"].str.contains("PRK") & (treaty["signed"] == "2024-06-19")].iloc[0]
    assert treaty["start"] == "2024-12-04" and bool(treaty["mutual_defence"])


def test_un_votes_on_aggression_against_ukraine(kb):
    votes = kb.table("un_votes").query("resolution == 'A/RES/ES-11/1'").set_index("iso3")["vote"]
    assert (votes["PRK"], votes["BLR"], votes["SYR"], votes["CHN"], votes["USA"]) == ("N", "N", "N", "A", "Y")
    assert (votes == "Y").sum() == 141


def test_putin_visited_mongolia_under_warrant(kb):
    visit = row(kb, "visits", person="putin", country="MNG", kind="visit")
    assert visit["start"].startswith("2024-09")
    assert row(kb, "stances", country="MNG", kind="icc-non-compliance-finding")["start"] == "2024-10-24"


def test_syrian_government_fell_on_2024_12_08(kb):
    change = row(kb, "government_changes", country="SYR")
    assert change["start"] == "2024-12-08" and "RUS" in change["breaks_with"].split(";")


def test_memberships_in_alliances(kb):
    assert row(kb, "memberships", organisation="NATO", iso3="FIN")["start"] == "2023-04-04"
    assert row(kb, "memberships", organisation="NATO", iso3="SWE")["start"] == "2024-03-07"
    assert not kb.held("memberships", date(2024, 6, 24)).query("organisation == 'CSTO' and iso3 == 'BLR'").empty


def test_russian_forces_abroad_and_support_received(kb):
    assert not kb.held("military_presence", date(2024, 6, 24)).query("state == 'RUS' and host == 'TJK'").empty
    suppliers = set(kb.held("support", date(2024, 6, 24)).query("recipient == 'RUS'")["supplier"])
    assert {"IRN", "PRK", "BLR"} <= suppliers


def test_eu_airspace_closed_to_russian_aircraft(kb):
    held = kb.held("airspace", date(2022, 3, 1))
    assert not held.query("closer == 'DEU' and aircraft_of == 'RUS'").empty


def test_every_fact_row_points_to_a_source_with_a_url(kb):
    sources = set(kb.table("sources")["id"])
    for table in ("memberships", "warrants", "sanctions", "airspace", "treaties", "visits", "stances", "un_votes"):
        for ids in kb.table(table)["source"]:
            assert all(s in sources for s in ids.split(";")), (table, ids)
    assert kb.table("sources")["url"].str.match(r"^https?://").all()


def test_core_persons_have_home_states_and_qids(kb):
    persons = kb.table("persons").set_index("id")
    for slug, home in [("putin", "RUS"), ("al-bashir", "SDN"), ("netanyahu", "ISR"), ("gallant", "ISR"), ("duterte", "PHL"),
                       ("lvova-belova", "RUS")]:
        assert persons.loc[slug, "home"] == home
    for slug, qid in [("putin", "Q7747"), ("netanyahu", "Q43723"), ("duterte", "Q457786"), ("al-bashir", "Q57265")]:
        assert persons.loc[slug, "qid"] == qid


def test_hungary_notified_its_icc_withdrawal_and_stays_bound_until_it_takes_effect(kb):
    hungary = row(kb, "memberships", id="icc-hun")
    assert (hungary["exit_notified"], hungary["end"]) == ("2025-06-02", "2026-06-02")
    assert "HUN" in icc_parties(kb, "2026-06-01")


def test_min_aung_hlaing_is_banned_from_the_eu_and_has_only_an_application(kb):
    assert row(kb, "sanctions", imposer="EU", target_person="min-aung-hlaing", measure="travel-ban")["start"] == "2021-03-22"
    assert row(kb, "warrants", person="min-aung-hlaing")["kind"] == "application"


def test_un_votes_on_gaza_ceasefire(kb):
    votes = kb.table("un_votes").query("resolution == 'A/RES/ES-10/22'").set_index("iso3")["vote"]
    assert (votes["USA"], votes["ISR"], votes["CHN"], votes["RUS"]) == ("N", "N", "Y", "Y")
    assert (votes == "Y").sum() == 153


def test_putins_trips_of_late_2025(kb):
    assert row(kb, "visits", id="putin-2025-12-04-ind")["end"] == "2025-12-05"
    assert row(kb, "visits", person="putin", country="USA", kind="visit")["start"] == "2025-08-15"
    assert not kb.table("visits").query("person == 'putin' and country == 'ZAF' and kind == 'avoided' and start >= '2025'").empty


def test_every_recorded_outcome_is_in_the_persons_calendar(kb):
    """An outcome says the person's state was asked: the calendar relates the event to it (the state invited, a
    member or the organiser; a ministers' meeting concerns only the persons it names), so it counts in forecasts
    and attendance records, as the Ashgabat forum of December 2025 must."""
    from haven.engine import forecaster
    from haven.engine.calendar import calendar_of
    from haven.persons import all_persons

    for person in all_persons(kb):
        outside = [e.fact for e in calendar_of(kb, person) if e.outcome is not None and not e.why and e.level != "ministers"]
        assert outside == [], person.id
    answer = forecaster(kb, "putin").forecasts([("TKM", date(2025, 11, 1), date(2025, 12, 31))])[0]
    assert "ashgabat-forum-2025-12" in [chance.event.fact for chance in answer.events]
    assert answer.probability > 0.5


def test_leaders_summits_concern_a_person_only_while_he_leads_his_state(kb):
    """A general, a commissioner or a former minister is not his state's leader: the SCO summit of Tianjin gives
    Gerasimov, Lvova-Belova and Gallant no chance of a trip; Netanyahu's out-of-office years and Putin's years as
    prime minister leave their leaders' summits out."""
    from haven.engine import forecaster
    from haven.engine.calendar import calendar_of
    from haven.persons import find_person

    for person in ("gerasimov", "lvova-belova"):
        answer = forecaster(kb, person).forecasts([("CHN", date(2025, 6, 1), date(2025, 9, 30))])[0]
        assert answer.events == () and answer.probability == answer.background < 0.1, person
    gallant = forecaster(kb, "gallant").forecasts([("USA", date(2025, 6, 1), date(2025, 12, 31))])[0]
    assert "unga-80-2025" not in [chance.event.fact for chance in gallant.events]
    netanyahu = {e.fact: e for e in calendar_of(kb, find_person(kb, "netanyahu"))}
    assert not netanyahu["unga-76-2021"].takes_part and netanyahu["unga-2019-09-new-york"].takes_part
    putin = {e.fact: e for e in calendar_of(kb, find_person(kb, "putin"))}
    assert not putin["unga-2011-09-new-york"].takes_part and putin["unga-2015-09-new-york"].takes_part
