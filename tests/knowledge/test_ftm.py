"""`haven export ftm`: persons, warrants, sanctions, memberships, trips and offices as FollowTheMoney entities that
the followthemoney library loads back, each with its sources."""

import json
from datetime import date

import pytest

model = pytest.importorskip("followthemoney", reason="followthemoney is missing: pip install -e '.[ftm]' (needs "
                            "libicu-dev, pkg-config and g++ to build PyICU)").model

from haven.knowledge import load
from haven.knowledge.ftm import check, ftm_entities, write_lines
from tests.knowledge.test_knownfrom import with_sources


def build(world):
    with_sources(world, icc="2023-03-17", eu="2022-02-25", ofac="2022-02-26", untc="2024-01-10", trip="2024-09-03",
                 kyiv="2024-05-02", late="2025-06-01")
    world.add("persons", id="gone", qid="Q5", name="Gone Person", home="SYR", died="2026-02-03", source="icc")
    world.add("warrants", id="w-icc", person="wanted", issuer="ICC", kind="warrant", case="Situation in Ukraine",
              charges="Unlawful deportation of children", start="2023-03-17", source="icc")
    world.add("warrants", id="w-ukr", person="wanted", issuer="UKR", kind="warrant", case="Criminal case 1",
              charges="Aggression", start="2024-05-01", source="kyiv")
    world.add("warrants", id="w-gone", person="gone", issuer="ICC", kind="warrant", case="Situation in Syria",
              charges="Murder", start="2023-03-17", end="2026-02-03", end_reason="death", source="icc")
    world.add("warrants", id="app", person="gone", issuer="ICC", kind="application", case="Situation in Syria",
              charges="Persecution", start="2023-03-17", source="icc")
    world.add("sanctions", id="eu-freeze", imposer="EU", target_person="wanted", measure="asset-freeze",
              programme="Regulation 269/2014", start="2022-02-25", source="eu")
    world.add("sanctions", id="us-freeze", imposer="USA", target_person="wanted", measure="asset-freeze",
              programme="EO 14024", start="2022-02-25", source="ofac")
    world.add("sanctions", id="us-ban", imposer="USA", target_person="wanted", measure="travel-ban",
              programme="Proclamation", start="2022-02-25", source="ofac")
    world.add("sanctions", id="on-state", imposer="USA", target_state="RUS", measure="other", start="2022-02-24",
              source="ofac")
    world.add("memberships", id="icc-mng", organisation="ICC", iso3="MNG", role="party", signed="2000-12-29",
              deposited="2002-04-11", start="2002-07-01", source="untc")
    world.add("memberships", id="icc-ukr-decl", organisation="ICC", iso3="UKR", role="declaration",
              start="2014-02-21", end="2025-01-01", source="untc")
    world.add("visits", id="trip-mng", person="wanted", country="MNG", kind="visit", place="Ulaanbaatar",
              start="2024-09-02", end="2024-09-03", source="trip")
    world.add("visits", id="not-made", person="wanted", country="ZAF", kind="avoided", start="2023-08-22",
              source="trip")
    world.add("visits", id="doubtful", person="wanted", country="BRA", kind="visit", start="2024-11-18",
              source="late", certainty="unverified")
    return world


@pytest.fixture
def entities(world, tmp_path):
    found, left_out = ftm_entities(build(world).load(tmp_path), today=date(2026, 12, 1))
    assert left_out == 0
    return {e.id: e for e in found}


def test_every_entity_validates_and_has_a_source(entities):
    for entity in entities.values():
        check(entity)
        assert entity.get("sourceUrl"), entity.id
    references = {v for e in entities.values() for prop, values in e.properties.items()
                  if e.schema.get(prop).type.name == "entity" for v in values}
    assert references <= set(entities)


def test_an_icc_warrant_is_a_sanction_on_the_person_and_a_court_case(entities):
    warrant = entities["haven-warrant-w-icc"]
    assert warrant.schema.name == "Sanction"
    assert warrant.get("entity") == ["haven-person-wanted"]
    assert warrant.get("authority") == ["International Criminal Court"]
    assert warrant.get("provisions") == ["Arrest warrant"]
    assert warrant.get("startDate") == ["2023-03-17"] and warrant.get("status") == ["outstanding"]
    assert warrant.get("sourceUrl") == ["https://example.org/icc"]
    party = entities["haven-party-w-icc"]
    assert party.get("case") == ["haven-case-icc-situation-in-ukraine"]
    assert entities["haven-case-icc-situation-in-ukraine"].get("court") == ["International Criminal Court"]
    national = entities["haven-warrant-w-ukr"]
    assert national.get("authority") == ["Ukraine"] and national.get("country") == ["ua"]


def test_an_application_is_no_warrant_and_a_dead_mans_warrant_has_lapsed(entities):
    assert "haven-warrant-app" not in entities
    assert entities["haven-party-app"].get("role") == ["suspect, subject of a prosecutor's application for an arrest warrant"]
    lapsed = entities["haven-warrant-w-gone"]
    assert lapsed.get("endDate") == ["2026-02-03"] and lapsed.get("status") == ["lapsed: the person died"]
    assert entities["haven-person-gone"].get("deathDate") == ["2026-02-03"]
    assert "wanted" not in entities["haven-person-gone"].get("topics")
    assert set(entities["haven-person-wanted"].get("topics")) == {"wanted", "sanction"}


def test_asset_freezes_and_travel_bans_stay_apart(entities):
    sanctions = {i: e for i, e in entities.items() if i.startswith("haven-sanction-")}
    assert set(sanctions) == {"haven-sanction-eu-freeze", "haven-sanction-us-freeze", "haven-sanction-us-ban"}
    assert sanctions["haven-sanction-us-freeze"].get("provisions") == ["Asset freeze"]
    assert sanctions["haven-sanction-us-ban"].get("provisions") == ["Travel ban (entry and transit)"]
    assert sanctions["haven-sanction-eu-freeze"].get("authority") == ["European Union"]
    assert sanctions["haven-sanction-eu-freeze"].get("listingDate") == ["2022-02-25"]


def test_icc_membership_and_trips(entities):
    party = entities["haven-membership-icc-mng"]
    assert party.get("member") == ["haven-state-mng"] and party.get("organization") == ["haven-org-icc"]
    assert party.get("role") == ["State Party to the Rome Statute"]
    assert "signed 2000-12-29; instrument deposited 2002-04-11" in party.get("summary")[0]
    assert entities["haven-membership-icc-ukr-decl"].get("endDate") == ["2025-01-01"]
    assert entities["haven-state-mng"].get("country") == ["mn"]
    trip = entities["haven-trip-trip-mng"]
    assert trip.schema.name == "Event" and trip.get("involved") == ["haven-person-wanted"]
    assert trip.get("startDate") == ["2024-09-02"] and trip.get("endDate") == ["2024-09-03"]
    assert "haven-trip-not-made" not in entities and "haven-trip-doubtful" not in entities


def test_a_leaders_office_is_an_occupancy_of_a_position(entities):
    occupancy = entities["haven-occupancy-wanted-president"]
    assert occupancy.get("holder") == ["haven-person-wanted"] and occupancy.get("status") == ["current"]
    assert occupancy.get("startDate") == ["2000-05-07"] and occupancy.get("endDate") == []
    post = entities[occupancy.get("post")[0]]
    assert post.schema.name == "Position" and post.get("name") == ["Head of state of Russia"]
    assert post.get("country") == ["ru"] and post.get("sourceUrl")


def test_sources_are_documents_linked_to_the_facts(entities):
    document = entities["haven-source-icc"]
    assert document.schema.name == "Article" and document.get("publishedAt") == ["2023-03-17"]
    links = [e for e in entities.values() if e.schema.name == "Documentation" and e.get("document") == [document.id]]
    assert {"haven-warrant-w-icc", "haven-person-gone"} <= {link.get("entity")[0] for link in links}


def test_as_of_a_date_only_facts_and_sources_public_by_then(world, tmp_path):
    found, left_out = ftm_entities(build(world).load(tmp_path), on=date(2024, 1, 1))
    ids = {e.id for e in found}
    assert "haven-warrant-w-icc" in ids and "haven-warrant-w-ukr" not in ids and "haven-trip-trip-mng" not in ids
    assert "haven-membership-icc-mng" not in ids  # its only source came out in 2024
    assert left_out == 2  # both memberships
    assert "haven-state-mng" not in ids
    assert all(p <= "2024-01-01" for e in found if e.schema.is_a("Document") for p in e.get("publishedAt"))
    gone = next(e for e in found if e.id == "haven-warrant-w-gone")
    assert gone.get("endDate") == [] and gone.get("status") == ["outstanding"]


def test_the_written_file_loads_back_with_followthemoney(world, tmp_path):
    import io

    found, _ = ftm_entities(build(world).load(tmp_path / "kb"))
    out = io.StringIO()
    assert write_lines(found, out) == len(found)
    loaded = [model.get_proxy(json.loads(line), cleaned=False) for line in out.getvalue().splitlines()]
    assert [e.to_dict() for e in loaded] == [e.to_dict() for e in found]
    for entity in loaded:
        check(entity)


def test_cli_writes_the_bundled_export_and_every_entity_has_a_source(tmp_path):
    from typer.testing import CliRunner

    from haven.cli.app import app

    target = tmp_path / "haven.ftm.json"
    result = CliRunner().invoke(app, ["export", "ftm", "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert result.stderr.startswith(f"{len(lines)} FtM entities from data ")
    loaded = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    assert all(e.get("sourceUrl") for e in loaded)
    kb = load()
    warrants = [e for e in loaded if e.id.startswith("haven-warrant-")]
    assert len(warrants) == len(kb.table("warrants").query("kind == 'warrant' and certainty != 'unverified'"))
    putin = next(e for e in loaded if e.id == "haven-person-putin")
    assert putin.get("wikidataId") == ["Q7747"]
