"""Refresh runs the configured importers and queues proposals; review accepts or rejects them, writing the
accepted rows with their sources, all or nothing."""

import json

import pytest

from haven.importers import candidates as queue
from haven.knowledge import load
from haven.knowledge.schema import BUNDLED_DATA
from tests.importers.conftest import FIXTURES, fingerprint


@pytest.fixture
def kb(tracked_world, tmp_path):
    tracked_world.add("visits", id="v-tjk", person="wanted", country="TJK", kind="visit", start="2024-10-08")
    directory = tracked_world.write(tmp_path / "kb")
    (directory / "feeds.toml").write_text(
        f'[icc-feed]\nurls = ["{FIXTURES / "icc_feed.xml"}"]\n'
        f'[kremlin-trips]\nurls = ["{FIXTURES / "kremlin_trips.xml"}"]\noptions = {{ person = "wanted" }}\n'
        f'[untc-rome]\nurls = ["{FIXTURES / "untc_cns.html"}"]\n'
        '[opensanctions]\nenabled = false\n[ofac-sdn]\nenabled = false\n', encoding="utf-8")
    return directory


def pending(directory):
    return {e.row["id"]: e for e in queue.load(directory) if e.status == queue.PENDING}


def test_refresh_queues_feed_items_for_review(haven, kb):
    result = haven("data", "refresh", "--data-dir", str(kb))
    assert result.code == 0, result.err
    assert set(pending(kb)) == {"warrant-icc-wanted", "icc-finding-mng-wanted-2024", "visit-wanted-2024-09-mng",
                                "visit-wanted-2024-11-zaf", "icc-mng", "icc-hun"}
    assert "6 candidate(s) wait for review" in result.out


def test_refresh_offline_fails_one_line_per_source_and_writes_nothing(haven, tracked_world, tmp_path):
    directory = tracked_world.write(tmp_path / "kb")
    (directory / "feeds.toml").write_text('[untc-rome]\nenabled = false\n[opensanctions]\n'
                                          'urls = ["http://127.0.0.1:9/entities.ftm.json"]\n', encoding="utf-8")
    before = fingerprint(directory)
    result = haven("data", "refresh", "--data-dir", str(directory))
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 4  # opensanctions, ofac-sdn, icc-feed, kremlin-trips
    assert all(": cannot download http" in line for line in lines)
    assert fingerprint(directory) == before


def test_refresh_without_a_data_dir_refuses(haven):
    result = haven("data", "refresh")
    assert result.code == 2 and "installed package" in result.err


def test_feeds_toml_with_an_unknown_importer_is_an_error(haven, kb):
    (kb / "feeds.toml").write_text("[telepathy]\nurls = []\n", encoding="utf-8")
    result = haven("data", "refresh", "--data-dir", str(kb))
    assert result.code == 2 and "[telepathy] is not an importer" in result.err


def test_accepting_writes_the_row_and_its_source_and_the_map_can_use_it(haven, kb):
    haven("data", "refresh", "--data-dir", str(kb))
    finding = pending(kb)["icc-finding-mng-wanted-2024"]
    result = haven("data", "review", "--data-dir", str(kb), "--accept", finding.id)
    assert result.code == 0, result.err
    knowledge = load(kb, use_cache=False)
    stance = knowledge.table("stances").set_index("id").loc["icc-finding-mng-wanted-2024"]
    assert stance["country"] == "MNG" and knowledge.source(stance["source"])["publisher"] == "International Criminal Court"
    decided = {e.id: e for e in queue.load(kb)}[finding.id]
    assert decided.status == "accepted" and decided.applied["country"] == "MNG"
    again = haven("data", "review", "--data-dir", str(kb), "--accept", finding.id)
    assert again.code == 2 and "already accepted" in again.err


def test_accepting_with_corrections_and_an_update_candidate(haven, kb):
    haven("data", "refresh", "--data-dir", str(kb))
    trip = pending(kb)["visit-wanted-2024-09-mng"]
    result = haven("data", "review", "--data-dir", str(kb), "--accept", trip.id, "--set", "end=2024-09-03",
                   "--set", "place=Ulaanbaatar", "--set", "certainty=confirmed")
    assert result.code == 0, result.err
    visit = load(kb, use_cache=False).table("visits").set_index("id").loc["visit-wanted-2024-09-mng"]
    assert (visit["end"], visit["place"], visit["certainty"]) == ("2024-09-03", "Ulaanbaatar", "confirmed")
    leaving = pending(kb)["icc-hun"]
    assert haven("data", "review", "--data-dir", str(kb), "--accept", leaving.id).code == 0
    hungary = load(kb, use_cache=False).table("memberships").set_index("id").loc["icc-hun"]
    assert hungary["exit_notified"] == "2025-06-02" and str(hungary["start"]) == "2002-07-01"
    assert haven("data", "review", "--data-dir", str(kb), "--accept", pending(kb)["icc-mng"].id).code == 0
    knowledge = load(kb, use_cache=False)
    mongolia = knowledge.table("memberships").set_index("id").loc["icc-mng"]
    assert (mongolia["deposited"], mongolia["start"]) == ("2025-03-14", "2025-06-01")
    assert knowledge.source(mongolia["source"])["source_type"] == "depositary"


def test_a_bad_correction_is_refused_and_nothing_changes(haven, kb):
    haven("data", "refresh", "--data-dir", str(kb))
    trip = pending(kb)["visit-wanted-2024-09-mng"]
    before = fingerprint(kb)
    bad_column = haven("data", "review", "--data-dir", str(kb), "--accept", trip.id, "--set", "colour=red")
    assert bad_column.code == 2 and "visits has no such column" in bad_column.err
    bad_value = haven("data", "review", "--data-dir", str(kb), "--accept", trip.id, "--set", "country=XXX")
    assert bad_value.code == 1 and "import refused" in bad_value.err
    assert fingerprint(kb) == before


def test_rejected_candidates_stay_rejected(haven, kb):
    haven("data", "refresh", "--data-dir", str(kb))
    warrant = pending(kb)["warrant-icc-wanted"]
    result = haven("data", "review", "--data-dir", str(kb), "--reject", warrant.id, "--reason", "test release")
    assert result.code == 0 and f"rejected {warrant.id}" in result.out
    haven("data", "refresh", "--data-dir", str(kb))
    assert "warrant-icc-wanted" not in pending(kb)
    listed = haven("data", "review", "--data-dir", str(kb), "--list", "--all", "-f", "json")
    status = {row["id"]: row["status"] for row in json.loads(listed.out)}
    assert status[warrant.id] == "rejected" and list(status.values()).count("pending") == 5


def test_interactive_review_accepts_rejects_and_stops(haven, kb, monkeypatch):
    haven("data", "refresh", "--data-dir", str(kb))
    answers = iter(["a", "r", "", "q"])
    monkeypatch.setattr("typer.prompt", lambda *args, **kwargs: next(answers))
    result = haven("data", "review", "--data-dir", str(kb))
    assert result.code == 0, result.err
    statuses = [e.status for e in queue.load(kb)]
    assert statuses[:2] == ["accepted", "rejected"] and set(statuses[2:]) == {"pending"}
    assert "source" in result.out and "International Criminal Court" in result.out


def test_init_copies_the_bundled_data_and_refuses_a_full_folder(haven, tmp_path):
    target = tmp_path / "mine"
    result = haven("data", "init", str(target))
    assert result.code == 0, result.err
    assert (target / "persons.csv").read_bytes() == (BUNDLED_DATA / "persons.csv").read_bytes()
    # the copy is exactly as sound as the bundled data (its seal included): the same report, whatever rows
    # the curators still have to fix
    copy, bundled = haven("data", "check", "--data-dir", str(target)), haven("data", "check")
    assert (copy.code, copy.out) == (bundled.code, bundled.out)
    assert "(file)" not in copy.out
    again = haven("data", "init", str(target))
    assert again.code == 2 and "not empty" in again.err
