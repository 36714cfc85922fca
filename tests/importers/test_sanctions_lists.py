"""OpenSanctions entity files and the OFAC SDN list become sanctions rows: the measures kept apart, dated, and
reconciled with what curators already hold."""

import csv
import io
from pathlib import Path

import pytest

from haven.errors import DataError
from haven.importers import ofac, opensanctions
from haven.importers.merge import plan
from tests.extras import needs_ftm
from tests.importers.conftest import context_of, fixture, snap

SAMPLES = Path("/work/shared/data/opensanctions-samples")
OFAC_SAMPLES = Path("/work/shared/data/ofac-sdn")


def by_key(rows):
    return {(r["imposer"], r["target_person"] or r["target_state"], r["measure"]): r for r in rows}


@pytest.fixture
def tracked(tracked_world, tmp_path):
    return context_of(tracked_world.write(tmp_path / "kb"))


@needs_ftm
def test_opensanctions_listings_become_sanctions_by_authority_and_measure(tracked):
    batch = opensanctions.parse([fixture("opensanctions.ftm.jsonl")], tracked)
    rows = by_key(batch.rows["sanctions"])
    assert set(rows) == {("EU", "wanted", "asset-freeze"), ("EU", "wanted", "travel-ban"), ("GBR", "wanted", "asset-freeze"),
                         ("GBR", "wanted", "travel-ban"), ("UKR", "second", "asset-freeze"), ("EU", "RUS", "asset-freeze")}
    freeze = rows[("EU", "wanted", "asset-freeze")]
    assert (freeze["start"], freeze["certainty"], freeze["source"]) == ("2022-02-25", "confirmed", "opensanctions-eu-fsf")
    assert freeze["public_reason"] and "RUS [EU-RUS]" in freeze["programme"]
    ban = rows[("EU", "wanted", "travel-ban")]
    assert (ban["start"], ban["certainty"]) == ("2026-01-26", "reported") and "upper bound" in ban["note"]
    assert rows[("UKR", "second", "asset-freeze")]["end"] == "2024-10-30"
    assert rows[("EU", "RUS", "asset-freeze")]["target_state"] == "RUS"
    assert batch.skipped["listings on fr_tresor_gels_avoir (not a list haven reads as a sanction)"] == 1
    assert batch.skipped["listings of entities haven does not track"] == 1  # the French namesake is vetoed
    assert batch.skipped["Address entities not used"] == 1


@needs_ftm
def test_opensanctions_fills_a_missing_qid_and_never_overwrites_one(tracked):
    batch = opensanctions.parse([fixture("opensanctions.ftm.jsonl")], tracked)
    persons = {p["id"]: p for p in batch.rows["persons"]}
    assert set(persons) == {"second"}
    assert persons["second"]["qid"] == "Q4242424242" and persons["second"]["source"].endswith("opensanctions-ua-nsdc-sanctions")
    merged = plan(tracked.tables, batch)
    assert merged.diffs["persons"].changed[0][1]["qid"] == "Q4242424242"
    assert {s["id"] for s in batch.rows["sources"]} >= {"opensanctions-eu-fsf", "opensanctions-ua-nsdc-sanctions"}


@needs_ftm
def test_opensanctions_leaves_curated_facts_alone_and_says_when_dates_disagree(tracked_world, tmp_path):
    tracked_world.add("sanctions", id="sanction-eu-wanted-asset-freeze", imposer="EU", target_person="wanted",
                      measure="asset-freeze", start="2022-02-20", note="Curated.")
    context = context_of(tracked_world.write(tmp_path / "kb"))
    batch = opensanctions.parse([fixture("opensanctions.ftm.jsonl")], context)
    assert ("EU", "wanted", "asset-freeze") not in by_key(batch.rows["sanctions"])
    assert batch.skipped["already held in sanctions"] == 1
    assert any("sanction-eu-wanted-asset-freeze: held start 2022-02-20, the list gives 2022-02-25" in n for n in batch.notes)


@needs_ftm
def test_a_second_run_changes_nothing(tracked_world, tmp_path, haven):
    directory = tracked_world.write(tmp_path / "kb")
    first = haven("import", "opensanctions", str(fixture("opensanctions.ftm.jsonl").location), "--data-dir", str(directory))
    assert first.code == 0, first.err
    assert "sanctions: 6 added" in first.out and "persons: 0 added, 1 changed" in first.out
    second = haven("import", "opensanctions", str(fixture("opensanctions.ftm.jsonl").location), "--data-dir", str(directory))
    assert "sanctions: 0 added, 0 changed, 0 removed (6 unchanged)" in second.out
    check = haven("data", "check", "--data-dir", str(directory))
    assert check.code == 0, check.out


@pytest.mark.parametrize("line, message", [
    ("not json", "not JSON"),
    ('{"id": "x", "schema": "Spaceship", "properties": {}}', "unknown FtM schema 'Spaceship'"),
    ('{"id": "x", "schema": "Person", "properties": {"warpSpeed": ["9"]}}', "Person has no property 'warpSpeed'"),
    ('{"id": "x", "schema": "Person", "properties": {"name": "not a list"}}', "name must be a list of strings"),
    ('[1, 2]', "not an FtM entity"),
])
@needs_ftm
def test_opensanctions_stops_on_input_it_does_not_understand(tracked, line, message):
    with pytest.raises(DataError, match=message):
        opensanctions.parse([snap(line + "\n", "bad.jsonl")], tracked)


@needs_ftm
@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared OpenSanctions samples are not on this machine")
def test_the_real_opensanctions_samples_parse_and_change_nothing(haven):
    files = [str(SAMPLES / "yente_zala_cluster.ftm.jsonl"), str(SAMPLES / "yente_t1_eu_fsf_sample.ftm.jsonl")]
    result = haven("import", "opensanctions", *files, "--dry-run")
    assert result.code == 0, result.err
    assert "read 98 record(s)" in result.out and "41 listings of entities haven does not track" in result.out
    assert "sanctions: 0 added" in result.out and "dry run: nothing written" in result.out


def sdn_file(extra: list[list[str]] = (), filler: int = ofac.MIN_ENTRIES) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for number in range(1, filler + 1):
        writer.writerow([str(number), f"COMPANY {number}", "-0- ", "TEST", "-0- "] + ["-0- "] * 6 + ["-0- "])
    for row in extra:
        writer.writerow(row)
    return buffer.getvalue() + "\x1a"


PERSON_ROW = ["90001", "PERSON, Wanted", "individual", "RUSSIA-EO14024", "President", "-0- ", "-0- ", "-0- ", "-0- ",
              "-0- ", "-0- ", "DOB 1952; nationality Russia; Gender Male."]
NAMESAKE = ["90002", "PERSON, Wanted", "individual", "SDGT", "-0- ", "-0- ", "-0- ", "-0- ", "-0- ", "-0- ", "-0- ",
            "nationality France."]
SECOND = ["90003", "SECOND, Person", "individual", "RUSSIA-EO14024", "-0- ", "-0- ", "-0- ", "-0- ", "-0- ", "-0- ",
          "-0- ", "a.k.a. 'PERSON, Second'."]
HISTORY = "\n".join([",".join(ofac.HISTORY_HEADER), "1,COMPANY 1,-0-,TEST,-0-,2021-08-18,2024-05-03",
                     "90001,\"PERSON, Wanted\",individual,RUSSIA-EO14024,President,2022-02-26,2024-05-03",
                     "90004,\"PERSON, Second\",individual,RUSSIA-EO14024,-0-,2022-03-02,2023-06-30"]) + "\n"


def test_ofac_designations_are_asset_freezes_dated_by_the_history(tracked):
    batch = ofac.parse([snap(sdn_file([PERSON_ROW, NAMESAKE, SECOND]), "sdn.csv"), snap(HISTORY, "history.csv")], tracked)
    rows = {r["target_person"]: r for r in batch.rows["sanctions"]}
    assert set(rows) == {"wanted", "second"}
    assert (rows["wanted"]["start"], rows["wanted"]["measure"], rows["wanted"]["certainty"]) == ("2022-02-26", "asset-freeze", "reported")
    assert "entry 90001" in rows["wanted"]["programme"] and rows["wanted"]["public_reason"]
    assert rows["second"]["end"] == ""  # listed today as 90003, whatever the history says of 90004
    assert {s["id"] for s in batch.rows["sources"]} == {"ofac-sdn-csv", "ofac-sdn-history"}


def test_ofac_entry_lifted_within_the_history_ends_the_day_after_it_was_last_seen(tracked):
    batch = ofac.parse([snap(sdn_file([PERSON_ROW]), "sdn.csv"), snap(HISTORY, "history.csv")], tracked)
    second = next(r for r in batch.rows["sanctions"] if r["target_person"] == "second")
    assert (second["start"], second["end"]) == ("2022-03-02", "2023-07-01") and "removed" in second["note"]


def test_ofac_without_history_dates_from_the_list_day(tracked):
    batch = ofac.parse([snap(sdn_file([PERSON_ROW]), "sdn.csv")], tracked, list_date="2024-05-03")
    row = batch.rows["sanctions"][0]
    assert (row["start"], row["certainty"]) == ("2024-05-03", "reported") and "may be much earlier" in row["note"]


@pytest.mark.parametrize("text, message", [
    (sdn_file(filler=100), "has 100 entries"),
    (sdn_file([["1", "SHORT ROW"]]), "2 cells, expected 12"),
    (sdn_file([["x1"] + ["-0-"] * 11]), "not a whole number"),
    (sdn_file([["5", "N", "spaceship"] + ["-0-"] * 9]), "unknown SDN type 'spaceship'"),
])
def test_ofac_stops_on_a_list_it_does_not_understand(tracked, text, message):
    with pytest.raises(DataError, match=message):
        ofac.parse([snap(text, "sdn.csv")], tracked)


def test_ofac_history_with_another_layout_is_refused(tracked):
    with pytest.raises(DataError, match="header must be"):
        ofac.parse([snap(sdn_file(), "sdn.csv"), snap("a,b\n1,2\n", "history.csv")], tracked)


@pytest.mark.skipif(not OFAC_SAMPLES.is_dir(), reason="the shared OFAC copies are not on this machine")
def test_the_real_sdn_list_adds_only_what_curators_lack(haven):
    result = haven("import", "ofac-sdn", str(OFAC_SAMPLES / "sdn_2024-05-03.csv.gz"),
                   "--history", str(OFAC_SAMPLES / "sdn_first_seen_2021-08_to_2024-05.csv.gz"),
                   "--list-date", "2024-05-03", "--dry-run")
    assert result.code == 0, result.err
    assert "read 14965 record(s)" in result.out and "4 already held in sanctions" in result.out
    assert "+ sanctions ofac-usa-kony-asset-freeze" in result.out
    assert "+ sanctions ofac-usa-saif-gaddafi-asset-freeze" in result.out


@needs_ftm
def test_a_bare_target_is_listed_only_when_one_list_dates_it(tracked):
    one = ('{"id": "NK-w", "schema": "Person", "properties": {"name": ["Wanted PERSON"], "nationality": ["ru"], '
           '"topics": ["sanction"], "createdAt": ["2022-02-25"]}, "datasets": ["eu_fsf"], "first_seen": "2023-01-01"}\n')
    batch = opensanctions.parse([snap(one, "t1.jsonl")], tracked)
    row = batch.rows["sanctions"][0]
    assert (row["imposer"], row["measure"], row["start"], row["certainty"]) == ("EU", "asset-freeze", "2022-02-25", "confirmed")
    several = one.replace('["eu_fsf"]', '["eu_fsf", "gb_hmt_sanctions"]')
    batch = opensanctions.parse([snap(several, "t2.jsonl")], tracked)
    assert "sanctions" not in batch.rows
    assert batch.skipped["targets on several lists without Sanction entities (no date per list)"] == 1
