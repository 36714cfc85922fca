"""A person's status is derived from the warrants and the persons table, dated, and takes the travel map away
only while the person is in custody or dead."""

from datetime import date

import pytest

from haven.engine import assess, person_status
from haven.engine.serialise import assessment_csv, assessment_dict
from haven.engine.status import AT_LARGE, DECEASED, IN_CUSTODY, NO_PUBLIC_WARRANT, WITHDRAWN


def _world(world, **warrant):
    world.add("memberships", id="icc-fra", organisation="ICC", iso3="FRA", role="party", start="2002-07-01")
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-02-22", public="2023-03-17",
              **warrant)
    return world


@pytest.mark.parametrize("warrant, on, expected, since", [
    ({}, date(2023, 3, 16), NO_PUBLIC_WARRANT, None),
    ({}, date(2023, 3, 17), AT_LARGE, date(2023, 3, 17)),
    ({"end": "2025-03-12", "end_reason": "executed"}, date(2025, 3, 11), AT_LARGE, date(2023, 3, 17)),
    ({"end": "2025-03-12", "end_reason": "executed"}, date(2025, 3, 12), IN_CUSTODY, date(2025, 3, 12)),
    ({"end": "2026-02-03", "end_reason": "death"}, date(2026, 2, 3), DECEASED, date(2026, 2, 3)),
    ({"end": "2024-05-01", "end_reason": "withdrawn"}, date(2024, 6, 1), WITHDRAWN, date(2024, 5, 1)),
])
def test_status_follows_the_warrant(world, tmp_path, warrant, on, expected, since):
    kb = _world(world, **warrant).load(tmp_path)
    status = person_status(kb, "wanted", on)
    assert (status.status, status.since) == (expected, since)


def test_a_recorded_death_makes_the_person_deceased_from_that_day(world, tmp_path):
    world.rows["persons"][0]["died"] = "2025-07"  # a month: counted from its last day, never earlier
    kb = _world(world).load(tmp_path)
    assert person_status(kb, "wanted", date(2025, 7, 30)).status == AT_LARGE
    assert person_status(kb, "wanted", date(2025, 7, 31)).status == DECEASED


def test_in_custody_there_are_no_country_rows_and_the_status_says_why(world, tmp_path):
    kb = _world(world, end="2025-03-12", end_reason="executed").load(tmp_path)
    before, after = assess("wanted", date(2025, 1, 1), kb), assess("wanted", date(2025, 3, 13), kb)
    assert not before.no_travel and len(assessment_dict(before)["countries"]) == len(before)
    data = assessment_dict(after)
    assert data["countries"] == [] and data["status"] == IN_CUSTODY and data["status_since"] == "2025-03-12"
    assert data["status_text"] == "in ICC custody since 2025-03-12"
    assert assessment_csv(after).splitlines() == ["iso3,country,tier,obliged_to_arrest,arrest_risk,visit_likelihood,reasons"]


def test_the_cli_exits_0_without_rows_and_says_why_on_stderr(world, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from haven.cli import common
    from haven.cli.app import app

    directory = _world(world, end="2025-03-12", end_reason="executed").write(tmp_path / "kb")
    monkeypatch.setenv("HAVEN_DATA_DIR", str(directory))
    monkeypatch.setattr(common, "_loaded", {})
    result = CliRunner().invoke(app, ["assess", "wanted", "--on", "2025-03-13", "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines() == ["iso3,country,tier,obliged_to_arrest,arrest_risk,visit_likelihood,reasons"]
    assert "in ICC custody since 2025-03-12" in result.stderr
    persons = CliRunner().invoke(app, ["persons", "--on", "2025-03-13", "-f", "csv"])
    header, *rows = persons.stdout.strip().splitlines()
    assert header.endswith("status,status_since") and rows[0].endswith("in-custody,2025-03-12")


def test_bundled_duterte_and_saif_gaddafi():
    from haven.knowledge import load

    kb = load()
    assert not assess("duterte", date(2025, 1, 1), kb).no_travel
    custody = assess("duterte", date(2025, 3, 13), kb)
    assert custody.no_travel and custody.status.words() == "in ICC custody since 2025-03-12"
    assert not assess("saif-gaddafi", date(2026, 2, 2), kb).no_travel
    assert assess("saif-gaddafi", date(2026, 2, 3), kb).status.status == DECEASED
    held = assess("al-bashir", date(2020, 1, 1), kb).status  # held at home on Sudan's own warrant, named in words
    assert held.words() == "in custody in Sudan since 2019-04-11"
    assert held.sentence("Omar al-Bashir") == ("Omar al-Bashir has been in custody in Sudan since 11 April 2019, "
                                               "so there is no travel to assess.")


def test_the_brief_says_it_in_words(world, tmp_path):
    from haven.briefs import build_brief, render_markdown

    kb = _world(world, end="2025-03-12", end_reason="executed").load(tmp_path)
    text = render_markdown(build_brief(kb, "wanted", date(2025, 3, 13)))
    assert "no travel to assess" in text and "in the custody of the International Criminal Court since 12 March 2025" in text
    assert "## Allies" not in text
