"""Issue 17.1: every output says how current its facts are, and asking past that warns once and marks the answer.

The small knowledge base's sources are all published on 2023-01-01, so its facts are current to that day: a
question about 2022-06-01 is answered plainly, one about 2024-06-24 is stale."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

FRESH, STALE = "2022-06-01", "2024-06-24"
COVERED = "2023-01-01"
WARNING = "warning: stale answer"

COMMANDS = {
    "assess": ("assess", "wanted", "--on", "{day}", "-f", "csv"),
    "explain": ("explain", "wanted", "MNG", "--on", "{day}"),
    "map": ("map", "wanted", "--on", "{day}", "--width", "400", "-o", "{tmp}/m.svg"),
    "timeline": ("timeline", "wanted", "--from", "2022-01-01", "--to", "{day}"),
    "atlas": ("atlas", "wanted", "--dates", "2022-01-01,{day}", "--width", "400", "-o", "{tmp}/a.svg"),
    "brief": ("brief", "wanted", "--on", "{day}"),
    "reach": ("reach", "wanted", "--on", "{day}", "-f", "csv", "--grid-km", "1000"),
    "route": ("route", "wanted", "MNG", "--on", "{day}", "--grid-km", "1000"),
}


def _args(command: str, day: str, tmp) -> list[str]:
    return [a.format(day=day, tmp=tmp) for a in COMMANDS[command]]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_warns_once_past_the_coverage_and_never_before(haven, tmp_path, command):
    code, _, err = haven(*_args(command, STALE, tmp_path))
    assert code == 0, err
    warnings = [line for line in err.splitlines() if line.startswith(WARNING)]
    assert len(warnings) == 1 and f"current to {COVERED}" in warnings[0] and STALE in warnings[0]
    code, _, err = haven(*_args(command, FRESH, tmp_path))
    assert code == 0 and WARNING not in err


def test_json_answers_carry_the_coverage_and_say_when_they_are_stale(haven):
    for day, stale in ((FRESH, False), (STALE, True)):
        _, out, _ = haven("assess", "wanted", "--on", day, "-f", "json")
        assert json.loads(out)["coverage"] == {"date": COVERED, "limited_by": "person", "stale": stale,
                                               "parts": {"person": COVERED, "icc_membership": COVERED}}
        _, out, _ = haven("explain", "wanted", "MNG", "--on", day, "-f", "json")
        assert json.loads(out)["coverage"]["stale"] is stale
        _, out, _ = haven("route", "wanted", "MNG", "--on", day, "--grid-km", "1000", "-f", "json")
        assert json.loads(out)["coverage"]["stale"] is stale


def test_geojson_and_parquet_hold_the_coverage_inside_the_file(haven, tmp_path):
    haven("assess", "wanted", "--on", STALE, "-o", tmp_path / "a.geojson")
    collection = json.loads((tmp_path / "a.geojson").read_text())
    assert collection["haven:coverage"]["date"] == COVERED and collection["haven:coverage"]["stale"] is True
    haven("assess", "wanted", "--on", STALE, "-o", tmp_path / "a.parquet")
    meta = json.loads(pq.read_table(tmp_path / "a.parquet").schema.metadata[b"haven"])
    assert meta["coverage"]["date"] == COVERED and meta["coverage"]["stale"] is True
    haven("route", "wanted", "MNG", "--on", STALE, "--grid-km", "1000", "-o", tmp_path / "r.geojson")
    assert json.loads((tmp_path / "r.geojson").read_text())["haven:coverage"]["stale"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.geojson", "a.parquet", "r.geojson"]  # no sidecars


@pytest.mark.parametrize("args, name", [
    (("assess", "wanted", "--on", STALE), "a.csv"),
    (("explain", "wanted", "MNG", "--on", STALE), "e.csv"),
    (("timeline", "wanted", "--from", "2022-01-01", "--to", STALE), "t.csv"),
    (("reach", "wanted", "--on", STALE, "--grid-km", "1000"), "r.csv"),
    (("reach", "wanted", "--on", STALE, "--grid-km", "1000"), "r.json"),
    (("visits", "wanted", "--to", STALE), "v.csv"),
])
def test_a_table_file_gets_its_metadata_beside_it(haven, tmp_path, args, name):
    code, _, err = haven(*args, "-o", tmp_path / name)
    assert code == 0, err
    meta = json.loads((tmp_path / f"{name}.meta.json").read_text())
    assert meta["file"] == name and meta["format"] == name.rsplit(".", 1)[1] and meta["person"] == "wanted"
    assert meta["coverage"]["date"] == COVERED and meta["coverage"]["stale"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == [name, f"{name}.meta.json"]
    first_line = (tmp_path / name).read_text().splitlines()[0]
    assert not first_line.startswith("#")  # the file itself stays plain CSV or JSON


def test_a_table_on_standard_output_has_no_sidecar_and_stays_plain(haven, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = haven("assess", "wanted", "--on", STALE, "-f", "csv")
    assert code == 0 and out.startswith("iso3,country,tier,")
    assert list(tmp_path.iterdir()) == []


def test_the_map_timeline_and_atlas_credits_say_how_current_the_facts_are(haven, tmp_path):
    haven("map", "wanted", "--on", FRESH, "--width", "400", "-o", tmp_path / "fresh.svg")
    assert f"Facts current to {COVERED}." in (tmp_path / "fresh.svg").read_text()
    assert "whatever happened" not in (tmp_path / "fresh.svg").read_text()
    for args in (("map", "wanted", "--on", STALE), ("timeline", "wanted", "--from", "2022-01-01", "--to", STALE),
                 ("atlas", "wanted", "--dates", f"2022-01-01,{STALE}")):
        target = tmp_path / f"{args[0]}.svg"
        code, _, err = haven(*args, "--width", "400", "-o", target)
        assert code == 0, err
        text = target.read_text()
        assert f"Facts current to {COVERED}." in text and f"Drawn for {STALE}, 540 days later" in text, args[0]


def test_explain_text_ends_with_the_coverage(haven):
    _, out, _ = haven("explain", "wanted", "MNG", "--on", STALE)
    assert out.rstrip().splitlines()[-1].endswith(f"facts current to {COVERED}; {STALE} is later, and whatever "
                                                  "happened since is not in the data")
