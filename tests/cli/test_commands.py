"""The command line as a user meets it: formats, files, and one clear line for bad input."""

import csv
import io
import json
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from tests.engine.conftest import wanted_world
from tests.factory import STATES as NAMED_STATES

STATES = len(NAMED_STATES) + 1  # the fixture's named states plus Denmark; territories are not rows


@pytest.fixture
def kb_dir(tmp_path):
    world = wanted_world.__wrapped__()
    world.add("sanctions", imposer="USA", target_person="wanted", measure="asset-freeze", start="2022-02-25")
    world.add("visits", id="v-mng", person="wanted", country="MNG", kind="visit", start="2024-09-02", end="2024-09-03")
    world.add("visits", id="v-zaf", person="wanted", country="ZAF", kind="avoided", start="2023-08-22", end="2023-08-24")
    return world.write(tmp_path / "kb")


def run(kb_dir, *args):
    env = {**os.environ, "HAVEN_DATA_DIR": str(kb_dir)}
    return subprocess.run([sys.executable, "-m", "haven", *args], capture_output=True, text=True, env=env, timeout=120)


def test_assess_csv_has_exact_columns_and_one_row_per_state(kb_dir):
    result = run(kb_dir, "assess", "wanted", "--on", "2024-06-24", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["iso3", "country", "tier", "obliged_to_arrest", "arrest_risk", "visit_likelihood", "reasons"]
    assert len(rows) == len({r["iso3"] for r in rows}) == STATES
    assert {r["tier"] for r in rows} <= {"home", "ally", "open", "risky", "closed"}


def test_assess_writes_json_geojson_and_parquet(kb_dir, tmp_path):
    for fmt in ("json", "geojson", "parquet"):
        target = tmp_path / f"out.{fmt}"
        result = run(kb_dir, "assess", "Q1", "--on", "2024-06-24", "-f", fmt, "-o", str(target))
        assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["person"] == "wanted" and data["method_version"] and data["data_version"]
    features = json.loads((tmp_path / "out.geojson").read_text())["features"]
    tiers = {f["properties"]["iso3"]: f["properties"].get("tier") for f in features}
    assert tiers["FRA"] == "closed" and tiers["RUS"] == "home"
    table = pq.read_table(tmp_path / "out.parquet")
    assert b"haven" in table.schema.metadata and table.num_rows == STATES


def test_explain_lists_rules_facts_dates_and_urls(kb_dir):
    result = run(kb_dir, "explain", "wanted", "Mongolia", "--on", "2024-12-01")
    assert result.returncode == 0, result.stderr
    assert "Mongolia (MNG) for wanted on 2024-12-01: risky" in result.stdout
    assert "hosted_under_warrant" in result.stdout and "https://example.org/test" in result.stdout
    as_json = json.loads(run(kb_dir, "explain", "wanted", "MN", "--on", "2024-12-01", "-f", "json").stdout)
    assert as_json["tier"] == "risky" and as_json["findings"][0]["evidence"][0]["sources"][0]["url"]


def test_explain_the_home_state_says_it_is_his_own(kb_dir):
    result = run(kb_dir, "explain", "wanted", "RUS", "--on", "2024-12-01")
    assert result.returncode == 0, result.stderr
    assert "Russia (RUS) for wanted on 2024-12-01: home" in result.stdout
    assert "Russia is wanted's own state" in result.stdout and "no rule fired" not in result.stdout


def test_visits_filters_by_date(kb_dir):
    result = run(kb_dir, "visits", "wanted", "--from", "2024-01-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["iso3"], r["kind"]) for r in rows] == [("MNG", "visit")]


def test_method_prints_rules_and_version(kb_dir):
    result = run(kb_dir, "method", "--format", "csv")
    assert "icc_state_party" in result.stdout and "visit_likelihood" in result.stdout


def test_persons_csv(kb_dir):
    rows = list(csv.DictReader(io.StringIO(run(kb_dir, "persons", "--format", "csv").stdout)))
    assert [(r["id"], r["qid"], r["home"]) for r in rows] == [("wanted", "Q1", "RUS")]


@pytest.mark.parametrize("args, message", [
    (("assess", "nobody"), "error: unknown person 'nobody'"),
    (("assess", "wanted", "--on", "2024-02-30"), "error: bad date '2024-02-30'"),
    (("explain", "wanted", "Atlantis"), "error: unknown country 'Atlantis'"),
    (("assess", "wanted", "-f", "xml"), "error: unknown format 'xml'"),
])
def test_bad_input_is_one_line_and_exit_2(kb_dir, args, message):
    result = run(kb_dir, *args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_refused_writes_leave_no_file(kb_dir, tmp_path):
    result = run(kb_dir, "assess", "wanted", "-f", "parquet")  # binary, no -o: refused before any work
    assert result.returncode == 2 and "needs an output file" in result.stderr
    result = run(kb_dir, "assess", "wanted", "-o", str(tmp_path / "missing" / "out.geojson"))
    assert result.returncode == 1 and "the folder" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb"]


def test_data_check_reports_problems_and_exit_1(kb_dir):
    (kb_dir / "warrants.csv").write_text((kb_dir / "warrants.csv").read_text().replace("wanted", "ghost"))
    result = run(kb_dir, "data", "check", "--data-dir", str(kb_dir))
    assert result.returncode == 1
    assert "warrants.csv:2: person: unknown person 'ghost' (not in persons.csv)" in result.stdout.splitlines()


def test_version():
    result = subprocess.run([sys.executable, "-m", "haven", "--version"], capture_output=True, text=True)
    assert result.stdout.startswith("haven ")
