"""How current the facts are, per kind and per person, and when a question reaches past them."""

import json
from datetime import date

from haven.knowledge.coverage import by_kind, by_person, coverage_for, stale_warning
from tests.knowledge.test_knownfrom import with_sources


def small_world(world):
    with_sources(world, tripreport="2024-09-03", iccpage="2025-01", warrantpage="2023-03-17", old="2019")
    world.add("warrants", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17", source="warrantpage")
    world.add("visits", person="wanted", country="MNG", kind="visit", start="2024-09-02", end="2024-09-03",
              source="tripreport")
    world.add("memberships", organisation="ICC", iso3="MNG", role="party", start="2002-11-01", source="iccpage")
    world.add("persons", id="quiet", qid="Q3", name="Quiet One", home="SYR")
    world.add("warrants", person="quiet", issuer="ICC", kind="warrant", start="2018-12", source="old")
    return world


def test_coverage_per_kind_names_newest_fact_source_and_upkeep(world, tmp_path):
    kb = small_world(world).load(tmp_path)
    rows = by_kind(kb).set_index("kind")
    assert rows.loc["visits", "newest_fact"] == "2024-09-02"
    assert rows.loc["visits", "newest_source"] == "2024-09-03"
    assert rows.loc["warrants", "newest_fact"] == "2023-03-17"
    assert rows.loc["warrants", "newest_source"] == "2023-03-17"  # the 2019 source is older
    assert rows.loc["un_votes", "maintained"] == "haven import unga-votes; haven import unvotes"
    assert rows.loc["stances", "maintained"] == "hand" and rows.loc["stances", "rows"] == 0


def test_coverage_per_person_is_the_older_of_their_record_and_the_icc_membership(world, tmp_path):
    kb = small_world(world).load(tmp_path)
    rows = by_person(kb).set_index("person")
    assert rows.loc["wanted", "facts"] == 3  # the warrant, the visit and the office every test world gives him
    assert rows.loc["wanted", "covered_to"] == "2024-09-03"
    assert rows.loc["wanted", "limited_by"] == "person"
    assert rows.loc["quiet", "covered_to"] == "2019-01-01"  # a source dated only '2019' vouches for its first day
    wanted = coverage_for(kb, "wanted")
    assert wanted.parts == {"person": date(2024, 9, 3), "icc_membership": date(2025, 1, 1)}


def test_a_date_past_the_coverage_is_stale_and_gets_one_warning_line(world, tmp_path):
    cover = coverage_for(small_world(world).load(tmp_path), "wanted")
    assert not cover.is_stale(date(2024, 9, 3))
    assert cover.is_stale(date(2024, 9, 4))
    assert stale_warning(cover, date(2024, 9, 3)) is None
    warning = stale_warning(cover, date(2024, 12, 2), "Wanted Person")
    assert warning == ("warning: stale answer: the facts that matter for Wanted Person are current to 2024-09-03 "
                       "(the newest source on Wanted Person); 2024-12-02 is 90 days later, and whatever happened "
                       "since is not in the data")
    assert "\n" not in warning
    assert cover.as_dict(date(2024, 12, 2))["stale"] is True


def test_assess_warns_on_stderr_and_states_coverage_in_json(world, tmp_path, monkeypatch, capsys):
    from typer.testing import CliRunner

    from haven.cli import common
    from haven.cli.app import app

    directory = small_world(world).write(tmp_path / "kb")
    monkeypatch.setenv("HAVEN_DATA_DIR", str(directory))
    monkeypatch.setattr(common, "_loaded", {})
    runner = CliRunner()
    late = runner.invoke(app, ["assess", "wanted", "--on", "2025-06-01", "-f", "json"])
    assert late.exit_code == 0, late.output
    assert late.stderr.count("warning: stale answer") == 1
    meta = json.loads(late.stdout)
    assert meta["coverage"] == {"date": "2024-09-03", "limited_by": "person",
                                "parts": {"person": "2024-09-03", "icc_membership": "2025-01-01"}, "stale": True}
    early = runner.invoke(app, ["assess", "wanted", "--on", "2024-06-01", "-f", "csv"])
    assert early.exit_code == 0 and "stale" not in early.stderr


def test_data_coverage_command_lists_kinds_and_persons(world, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from haven.cli import common
    from haven.cli.app import app

    directory = small_world(world).write(tmp_path / "kb")
    monkeypatch.setattr(common, "_loaded", {})
    runner = CliRunner()
    kinds = runner.invoke(app, ["data", "coverage", "--data-dir", str(directory), "-f", "json"])
    assert kinds.exit_code == 0, kinds.output
    visits = next(r for r in json.loads(kinds.stdout) if r["kind"] == "visits")
    assert visits == {"kind": "visits", "rows": 1, "newest_fact": "2024-09-02", "newest_source": "2024-09-03",
                      "maintained": "hand"}
    persons = runner.invoke(app, ["data", "coverage", "--by", "person", "--data-dir", str(directory), "-f", "csv"])
    assert persons.stdout.splitlines()[0] == "person,facts,newest_fact,newest_source,covered_to,limited_by"
    assert "wanted,3,2024-09-02,2024-09-03,2024-09-03,person" in persons.stdout
    wrong = runner.invoke(app, ["data", "coverage", "--by", "colour", "--data-dir", str(directory)])
    assert wrong.exit_code != 0


def test_the_api_answer_carries_the_coverage(world, tmp_path):
    from fastapi.testclient import TestClient

    from haven.web.app import create_app
    from haven.web.settings import Settings

    directory = small_world(world).write(tmp_path / "kb")
    app = create_app(Settings(data_dir=directory, today=date(2025, 6, 1), first_date=date(2020, 1, 1)))
    with TestClient(app) as client:
        late = client.get("/api/assess", params={"person": "wanted", "on": "2025-06-01"}).json()
        early = client.get("/api/assess", params={"person": "wanted", "on": "2024-06-01"}).json()
    assert late["coverage"] == {"date": "2024-09-03", "limited_by": "person",
                                "parts": {"person": "2024-09-03", "icc_membership": "2025-01-01"}, "stale": True}
    assert early["coverage"]["stale"] is False
