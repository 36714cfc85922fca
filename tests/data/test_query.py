"""Facts as of a date, filtered the way a reader asks: the list behind every count the engine makes."""

import csv
import io
from datetime import date

import pytest

from haven.errors import HavenError
from haven.knowledge.query import facts, parse_where
from tests.cli.test_commands import run


def test_icc_parties_on_a_day_come_with_their_sources(kb):
    parties = facts(kb, "memberships", date(2024, 2, 1), {"organisation": "ICC", "role": "party"}, counted=True)
    assert len(parties) == 124
    assert "ARM" in set(parties["iso3"]) and "UKR" not in set(parties["iso3"])
    assert parties["source_url"].str.startswith("http").all()


def test_country_names_and_listed_values_match(kb):
    by_name = facts(kb, "visits", None, {"person": "putin", "country": "Mongolia"})
    by_code = facts(kb, "visits", None, {"person": "putin", "country": "MNG"})
    assert len(by_name) == len(by_code) >= 1
    treaty = facts(kb, "treaties", date(2025, 1, 1), {"parties": "North Korea"})
    assert any("RUS" in parties.split(";") for parties in treaty["parties"])


def test_held_facts_exclude_ended_ones_that_ever_keeps(kb):
    day = date(2024, 9, 2)
    held = facts(kb, "visits", day, {"person": "putin"})
    ever = facts(kb, "visits", day, {"person": "putin"}, ever=True)
    assert list(held["country"]) == ["MNG"]
    assert set(held["id"]) < set(ever["id"])
    assert (ever["start"] <= "2024-09-02").all()


def test_bad_kind_column_or_filter_is_one_clear_error(kb):
    with pytest.raises(HavenError, match="unknown fact kind"):
        facts(kb, "persons")
    with pytest.raises(HavenError, match="no column 'bogus'"):
        facts(kb, "visits", where={"bogus": "1"})
    with pytest.raises(HavenError, match="COLUMN=VALUE"):
        parse_where(["organisation"])


def test_cli_lists_facts_as_csv_and_rejects_bad_input(tmp_path):
    from haven.knowledge.schema import BUNDLED_DATA

    result = run(BUNDLED_DATA, "data", "facts", "warrants", "--on", "2023-03-17", "-w", "person=putin", "-f", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["issuer"] for r in rows] == ["ICC"] and rows[0]["source_url"].startswith("http")
    bad = run(BUNDLED_DATA, "data", "facts", "visits", "-w", "bogus=1")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
