"""The output registry: formats declared once, chosen from -f or the file's extension, written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from haven.errors import OutputError, UsageError
from haven.outputs import (
    FORMATS,
    Format,
    atomic_write,
    by_extension,
    choose,
    emit_table,
    register,
    write_many,
)

FRAME = pd.DataFrame({"iso3": ["MNG", "FRA"], "tier": ["risky", "closed"], "arrest_risk": [0.2, 0.9]})


def test_every_format_is_declared_once_with_its_extensions():
    assert set(FORMATS) >= {"table", "csv", "json", "geojson", "parquet", "md", "html", "text", "png", "svg", "pdf"}
    extensions = [ext for f in FORMATS.values() for ext in f.extensions]
    assert len(extensions) == len(set(extensions))
    assert by_extension("x.JSON").name == "json" and by_extension("map.geojson").name == "geojson"
    assert by_extension("brief.markdown").name == "md" and by_extension("x.unknown") is None


def test_a_format_or_extension_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="already registered"):
        register(Format("csv", (".tsv",), "again"))
    with pytest.raises(ValueError, match="already belongs to 'json'"):
        register(Format("json2", (".json",), "again"))
    assert "json2" not in FORMATS


@pytest.mark.parametrize("requested, output, accepted, expected", [
    (None, None, ("table", "csv"), "table"),
    (None, "x.csv", ("table", "csv", "json"), "csv"),
    (None, "x.JSON", ("table", "csv", "json"), "json"),
    ("CSV", "x.data", ("table", "csv"), "csv"),  # -f decides when the extension names no format
    ("json", None, ("table", "json"), "json"),
    (None, "r.geojson", ("text", "json", "geojson"), "geojson"),
    (None, None, ("text", "json"), "text"),
])
def test_the_format_follows_the_option_then_the_extension_then_the_default(tmp_path, requested, output, accepted, expected):
    assert choose(requested, tmp_path / output if output else None, accepted) == expected


@pytest.mark.parametrize("requested, output, accepted, message", [
    ("xml", None, ("table", "csv"), "unknown format 'xml': accepted formats: table, csv"),
    ("pdf", None, ("md", "html"), "cannot write 'pdf'"),
    ("csv", "x.json", ("table", "csv", "json"), "contradicts"),
    (None, "x.pdf", ("md", "html"), "not pdf"),
    (None, "x", ("table", "csv"), "cannot tell the format"),
    ("table", "x.csv", ("table", "csv"), "prints to the terminal"),
    ("png", None, ("png",), "needs an output file"),
])
def test_usage_errors(tmp_path, requested, output, accepted, message):
    with pytest.raises(UsageError, match=message):
        choose(requested, tmp_path / output if output else None, accepted)


def test_a_failed_write_leaves_nothing_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def half_then_fail(temp):
        temp.write_text("half a fi")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_then_fail)
    assert target.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]

    def os_failure(temp):
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="no space left on device"):
        atomic_write(target, os_failure)
    assert target.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_missing_folder_is_not_created(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        emit_table(FRAME, "csv", tmp_path / "new" / "x.csv")
    assert not (tmp_path / "new").exists()


def test_files_that_belong_together_appear_together(tmp_path):
    (tmp_path / "b.txt").mkdir()  # the second rename must fail: the first file must not be left alone
    with pytest.raises(OutputError):
        write_many({tmp_path / "a.txt": "a", tmp_path / "b.txt": "b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]
    written = write_many({tmp_path / "c.txt": "c", tmp_path / "d.bin": b"\x00"})
    assert [p.name for p in written] == ["c.txt", "d.bin"] and (tmp_path / "d.bin").read_bytes() == b"\x00"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "c.txt", "d.bin"]


def test_table_writers(tmp_path):
    emit_table(FRAME, "csv", tmp_path / "t.csv")
    emit_table(FRAME, "json", tmp_path / "t.json")
    emit_table(FRAME, "parquet", tmp_path / "t.parquet", meta={"person": "wanted"})
    emit_table(FRAME, "geojson", tmp_path / "t.geojson", meta={"person": "wanted"})
    assert list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text())))[1]["tier"] == "closed"
    assert json.loads((tmp_path / "t.json").read_text())[0] == {"iso3": "MNG", "tier": "risky", "arrest_risk": 0.2}
    table = pq.read_table(tmp_path / "t.parquet")
    assert json.loads(table.schema.metadata[b"haven"]) == {"person": "wanted"} and table.num_rows == 2
    collection = json.loads((tmp_path / "t.geojson").read_text())
    tiers = {f["properties"]["iso3"]: f["properties"].get("tier") for f in collection["features"]}
    assert collection["haven:person"] == "wanted" and tiers["MNG"] == "risky" and tiers.get("DEU") is None


def test_the_extension_picks_the_format_of_a_command(haven, tmp_path):
    for name in ("a.json", "a.csv", "a.parquet", "a.geojson"):
        code, _, err = haven("assess", "wanted", "--on", "2024-06-24", "-o", tmp_path / name)
        assert code == 0, err
    assert json.loads((tmp_path / "a.json").read_text())["person"] == "wanted"
    assert (tmp_path / "a.csv").read_text().startswith("iso3,country,tier,")
    assert pq.read_table(tmp_path / "a.parquet").num_rows > 5
    assert json.loads((tmp_path / "a.geojson").read_text())["type"] == "FeatureCollection"
    code, _, _ = haven("explain", "wanted", "MNG", "--on", "2024-06-24", "-o", tmp_path / "e.json")
    assert code == 0 and json.loads((tmp_path / "e.json").read_text())["country"]
    code, _, _ = haven("brief", "wanted", "--on", "2024-06-24", "-o", tmp_path / "b.html")
    assert code == 0 and (tmp_path / "b.html").read_text().startswith("<!DOCTYPE html>")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_route_to_a_geojson_file_writes_geojson(haven, tmp_path):
    target = tmp_path / "r.geojson"
    code, _, err = haven("route", "wanted", "MNG", "--on", "2024-06-24", "--grid-km", "80", "-o", target)
    assert code == 0, err
    assert json.loads(target.read_text())["type"] == "FeatureCollection"


def test_a_pipe_or_device_is_written_in_place_and_a_link_keeps_pointing(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    emit_table(FRAME, "csv", fifo)
    reader.join(timeout=30)
    assert received == [FRAME.to_csv(index=False, lineterminator="\n").encode()] and fifo.is_fifo()
    real, link = tmp_path / "real.csv", tmp_path / "link.csv"
    real.write_text("old\n")
    link.symlink_to(real)
    emit_table(FRAME, "csv", link)
    assert link.is_symlink() and real.read_text().startswith("iso3,tier")
    with pytest.raises(OutputError, match="no space left on device"):
        emit_table(FRAME, "csv", Path("/dev/full"))
    assert Path("/dev/full").is_char_device()
