"""Issue 14.4: an import merges by key, says what it changes, keeps what it is not told to remove, writes all or
nothing, and never writes into the installed package."""

import csv
import os
import shutil

import pytest

from haven.errors import DataError
from haven.importers import commit, unga
from haven.importers.batch import Batch
from haven.importers.merge import plan
from haven.importers.tablefiles import read_table, render
from haven.knowledge.schema import BUNDLED_DATA, tables
from haven.knowledge.validate import validate
from tests.extras import needs_ftm
from tests.importers.conftest import FIXTURES, context_of, fingerprint, snap
from tests.importers.test_unvotes_unga import unga_file

VOTES, CALLS = str(FIXTURES / "votes.csv"), str(FIXTURES / "roll_calls.csv")
UNVOTES = ("import", "unvotes", VOTES, CALLS, "--match", "israel", "--concerns", "ISR")


def rows_by_table(directory):
    out = {}
    for name, table in tables().items():
        with (directory / table.path).open(encoding="utf-8", newline="") as handle:
            out[name] = {tuple(r[k] for k in table.primary_key): r for r in csv.DictReader(handle)}
    return out


def test_a_small_file_keeps_every_row_of_the_bundled_data(haven, bundled_copy):
    before = rows_by_table(bundled_copy)
    result = haven(*UNVOTES, "--data-dir", str(bundled_copy))
    assert result.code == 0, result.err
    after = rows_by_table(bundled_copy)
    for name, rows in before.items():
        assert set(rows) <= set(after[name]), f"{name} lost rows"
    assert len(after["un_votes"]) == len(before["un_votes"])  # 345 votes on these resolutions are still there
    changed = [k for k, r in before["un_votes"].items() if after["un_votes"][k] != r]
    assert len(changed) <= 7  # only votes the file itself gives can change
    assert "kept (--allow-removals removes them)" in result.out and "un_votes: 0 added" in result.out
    assert validate(bundled_copy) == []


def test_untouched_rows_keep_their_bytes(haven, bundled_copy):
    original = (BUNDLED_DATA / "sanctions.csv").read_bytes()
    haven(*UNVOTES, "--data-dir", str(bundled_copy))
    assert (bundled_copy / "sanctions.csv").read_bytes() == original
    old_lines = (BUNDLED_DATA / "un_votes.csv").read_text(encoding="utf-8").splitlines()
    new_lines = (bundled_copy / "un_votes.csv").read_text(encoding="utf-8").splitlines()
    assert len(old_lines) == len(new_lines) and sum(a != b for a, b in zip(old_lines, new_lines, strict=True)) <= 7


def test_removals_need_to_be_asked_for(haven, bundled_copy):
    kept = haven(*UNVOTES, "--data-dir", str(bundled_copy), "--dry-run")
    count = int(kept.out.split("; ")[1].split(" row(s)")[0]) if "row(s) this input" in kept.out else 0
    assert count > 300
    result = haven(*UNVOTES, "--data-dir", str(bundled_copy), "--allow-removals")
    assert result.code == 0, result.err
    votes = rows_by_table(bundled_copy)["un_votes"]
    on_these = [r for r in votes.values() if r["resolution"] in ("A/RES/73/99", "A/RES/74/87")]
    assert len(on_these) == 7  # exactly what the file lists on its two resolutions
    assert len(votes) == len(rows_by_table(BUNDLED_DATA)["un_votes"]) - count


def test_dry_run_prints_the_diff_and_writes_nothing(haven, bundled_copy):
    before = fingerprint(bundled_copy)
    result = haven(*UNVOTES, "--data-dir", str(bundled_copy), "--dry-run")
    assert result.code == 0, result.err
    assert "~ un_votes unga-73-99-chn: vote: Y -> A" in result.out and "dry run: nothing written" in result.out
    assert fingerprint(bundled_copy) == before


def test_refuses_to_write_into_the_installed_package(haven):
    before = fingerprint(BUNDLED_DATA)
    result = haven(*UNVOTES)
    assert result.code == 2
    assert result.err.strip().count("\n") == 0 and "installed package" in result.err and "--data-dir" in result.err
    assert fingerprint(BUNDLED_DATA) == before


def test_haven_data_dir_is_a_destination(haven, bundled_copy):
    result = haven(*UNVOTES, env={"HAVEN_DATA_DIR": str(bundled_copy)})
    assert result.code == 0, result.err
    assert f"written to {bundled_copy}" in result.out


def test_a_folder_that_is_no_knowledge_base_is_refused(haven, tmp_path):
    result = haven(*UNVOTES, "--data-dir", str(tmp_path))
    assert result.code == 2 and "haven data init" in result.err


OFFLINE = "http://127.0.0.1:9/source"


@pytest.mark.parametrize("args", [
    ("ofac-sdn", OFFLINE), pytest.param(("opensanctions", OFFLINE), marks=needs_ftm), ("unga-votes", OFFLINE), ("icc-feed", OFFLINE),
    ("kremlin-trips", OFFLINE), ("untc-rome", OFFLINE),
    ("unvotes", OFFLINE, CALLS, "--match", "israel", "--concerns", "ISR"),
])
def test_offline_source_is_one_line_exit_1_and_nothing_written(haven, bundled_copy, args):
    before = fingerprint(bundled_copy)
    result = haven("import", *args, "--data-dir", str(bundled_copy))
    assert result.code == 1
    assert result.err.strip().count("\n") == 0 and f"cannot download {OFFLINE}" in result.err
    assert fingerprint(bundled_copy) == before


def test_an_import_that_would_not_validate_is_refused_whole(world, tmp_path):
    directory = world.write(tmp_path / "kb")
    before = fingerprint(directory)
    context = context_of(directory)
    batch = unga.parse([snap(unga_file())], context, concerns="RUS")  # codes X00.. are not countries
    files = commit.table_texts(context.tables, plan(context.tables, batch).tables)
    with pytest.raises(DataError, match="import refused"):
        commit.check(directory, files)
    assert fingerprint(directory) == before


def test_a_failure_halfway_through_restores_every_file(world, tmp_path, monkeypatch):
    directory = world.write(tmp_path / "kb")
    before = fingerprint(directory)
    files = {"persons.csv": b"broken\n", "sources.csv": b"broken\n", "snapshots/x/new.bin": b"new"}
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(commit.os, "replace", flaky)
    with pytest.raises(DataError, match="nothing was changed"):
        commit.write(directory, files)
    monkeypatch.setattr(commit.os, "replace", real)
    after = fingerprint(directory)
    assert after == before, "files differ after a failed write"


def test_empty_imported_values_never_blank_a_field_and_sources_are_never_rewritten(world, tmp_path):
    world.add("sanctions", id="s-1", imposer="EU", target_person="wanted", measure="asset-freeze", start="2022-02-25",
              note="Curator's note.")
    context = context_of(world.write(tmp_path / "kb"))
    batch = Batch("test", rows={
        "sanctions": [{"id": "s-1", "imposer": "EU", "target_person": "wanted", "measure": "asset-freeze",
                       "start": "2022-02-25", "source": "src-test", "certainty": "confirmed", "note": ""}],
        "sources": [{"id": "src-test", "url": "https://example.org/other", "publisher": "Other", "source_type": "press",
                     "title": "Other", "accessed": "2026-12-01"}],
    })
    merged = plan(context.tables, batch)
    assert merged.tables["sanctions"][0]["note"] == "Curator's note."
    assert not merged.writes and merged.diffs["sources"].unchanged == 1


def test_two_rows_with_one_key_in_an_import_are_refused(world, tmp_path):
    context = context_of(world.write(tmp_path / "kb"))
    row = {"id": "s-1", "imposer": "EU", "target_person": "wanted", "measure": "asset-freeze", "start": "2022",
           "source": "src-test", "certainty": "confirmed"}
    with pytest.raises(DataError, match="two sanctions rows with the key s-1"):
        plan(context.tables, Batch("test", rows={"sanctions": [row, dict(row)]}))


def test_rendering_keeps_hand_quoting_of_rows_it_does_not_change(world, tmp_path):
    directory = world.write(tmp_path / "kb")
    path = directory / "persons.csv"
    text = path.read_text(encoding="utf-8").replace("Wanted Person", '"Wanted Person"')
    path.write_text(text, encoding="utf-8")
    table = read_table(directory, "persons")
    assert render(table, table.rows) == text


def test_the_snapshot_of_every_input_is_kept_and_a_replay_adds_none(haven, bundled_copy):
    haven(*UNVOTES, "--data-dir", str(bundled_copy))
    index = (bundled_copy / "snapshots" / "index.csv").read_text().splitlines()
    assert len(index) == 3 and index[1].startswith(f"unvotes,{VOTES},")
    stored = bundled_copy / index[1].split(",")[-1]
    assert stored.read_bytes() == (FIXTURES / "votes.csv").read_bytes()
    copy_of_votes = bundled_copy.parent / "elsewhere.csv"
    shutil.copyfile(stored, copy_of_votes)
    result = haven("import", "unvotes", str(copy_of_votes), CALLS, "--match", "israel", "--concerns", "ISR",
                   "--data-dir", str(bundled_copy))
    assert result.code == 0, result.err
    assert len((bundled_copy / "snapshots" / "index.csv").read_text().splitlines()) == 3


def test_snapshots_lists_and_verifies_checksums(haven, bundled_copy):
    haven(*UNVOTES, "--data-dir", str(bundled_copy))
    listed = haven("data", "snapshots", "--data-dir", str(bundled_copy), "-f", "csv")
    assert listed.code == 0 and listed.out.count("unvotes,") == 2
    assert haven("data", "snapshots", "--data-dir", str(bundled_copy), "--verify").code == 0
    stored = next((bundled_copy / "snapshots" / "unvotes").iterdir())
    stored.write_bytes(b"tampered")
    result = haven("data", "snapshots", "--data-dir", str(bundled_copy), "--verify")
    assert result.code == 1 and "does not match its SHA-256" in result.out


@needs_ftm
def test_two_imports_at_once_keep_each_others_rows(tracked_world, tmp_path):
    import threading

    from haven.importers.pipeline import run
    from haven.importers.registry import IMPORTERS

    directory = tracked_world.write(tmp_path / "kb")
    jobs = [(IMPORTERS["opensanctions"], [str(FIXTURES / "opensanctions.ftm.jsonl")], {}),
            (IMPORTERS["icc-feed"], [str(FIXTURES / "icc_feed.xml")], {}),
            (IMPORTERS["kremlin-trips"], [str(FIXTURES / "kremlin_trips.xml")], {"person": "wanted"})]
    start, errors = threading.Barrier(len(jobs)), []

    def work(importer, locations, options):
        start.wait()
        try:
            run(importer, locations, directory, options=options)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    index = (directory / "snapshots" / "index.csv").read_text().splitlines()
    assert sorted(line.split(",")[0] for line in index[1:]) == ["icc-feed", "kremlin-trips", "opensanctions"]
    queued = (directory / "candidates" / "queue.jsonl").read_text().splitlines()
    assert len(queued) == 5 and len(rows_by_table(directory)["sanctions"]) == 6


def test_an_import_reseals_the_tables_it_writes(haven, bundled_copy):
    import hashlib
    import json

    descriptor = bundled_copy / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    for resource in data["resources"]:
        content = (bundled_copy / resource["path"]).read_bytes()
        rows = sum(1 for r in csv.reader(content.decode("utf-8").splitlines()) if r) - 1
        resource.update({"bytes": len(content), "hash": f"sha256:{hashlib.sha256(content).hexdigest()}", "x-rows": rows})
    descriptor.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    before = {r["name"]: r["hash"] for r in data["resources"]}
    result = haven(*UNVOTES, "--data-dir", str(bundled_copy))
    assert result.code == 0, result.err
    after = {r["name"]: r for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]}
    votes = (bundled_copy / "un_votes.csv").read_bytes()
    assert before["un_votes"] != after["un_votes"]["hash"] == f"sha256:{hashlib.sha256(votes).hexdigest()}"
    assert after["un_votes"]["x-rows"] == len(rows_by_table(bundled_copy)["un_votes"])
    assert after["un_votes"]["bytes"] == len(votes)
    assert after["sanctions"]["hash"] == before["sanctions"]
