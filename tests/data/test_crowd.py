"""Crowd forecasts: every snapshot falls inside its question's window, and the validator rejects broken rows."""

import csv
import shutil

import pytest

from haven.dates import date_range
from haven.knowledge.schema import BUNDLED_DATA
from haven.knowledge.validate import validate


def rows(name):
    with (BUNDLED_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_snapshot_is_dated_inside_its_questions_window():
    questions = {q["id"]: q for q in rows("crowd_questions.csv")}
    for snapshot in rows("crowd_forecasts.csv"):
        question = questions[snapshot["question"]]
        first, last = date_range(snapshot["on"])
        assert last <= date_range(question["closes"])[1], snapshot["id"]
        if question["opened"]:
            assert first >= date_range(question["opened"])[0], snapshot["id"]


def test_a_resolution_comes_with_its_date_and_never_before_the_question_opened():
    for question in rows("crowd_questions.csv"):
        assert bool(question["resolution"]) == bool(question["resolved"]), question["id"]
        if question["resolved"] and question["opened"]:
            assert date_range(question["resolved"])[1] >= date_range(question["opened"])[0], question["id"]


def test_visit_and_meeting_questions_name_a_country():
    for question in rows("crowd_questions.csv"):
        if question["asks"] in ("visit", "meeting-in-country"):
            assert question["country"], question["id"]


def _broken_copy(tmp_path, table, column, value):
    directory = tmp_path / "kb"
    shutil.copytree(BUNDLED_DATA, directory)
    path = directory / table
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, data = reader.fieldnames, list(reader)
    data[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    return [str(p) for p in validate(directory)]


@pytest.mark.parametrize("table, column, value, message", [
    ("crowd_forecasts.csv", "question", "no-such-question", "is not an id in crowd_questions.csv"),
    ("crowd_forecasts.csv", "probability", "1.2", "above the maximum"),
    ("crowd_forecasts.csv", "measure", "odds", "is not one of"),
    ("crowd_forecasts.csv", "source", "nowhere", "unknown source id"),
    ("crowd_questions.csv", "person", "nobody", "unknown person"),
    ("crowd_questions.csv", "platform", "betfair", "is not one of"),
    ("crowd_questions.csv", "country", "XXX", "ISO 3166-1"),
])
def test_the_validator_rejects_a_broken_crowd_row(tmp_path, table, column, value, message):
    problems = _broken_copy(tmp_path, table, column, value)
    assert any(table in p and column in p and message in p for p in problems), problems
