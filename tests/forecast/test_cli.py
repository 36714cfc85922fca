"""`haven forecast`, `haven events` and `haven venue` from the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest


def test_forecast_json_has_the_probability_and_its_reasons(haven):
    code, out, err = haven("forecast", "wanted", "IND", "--on", "2024-06-24", "--by", "2024-12-31", "-f", "json")
    assert code == 0, err
    answer = json.loads(out)
    assert 0 < answer["probability"] < 1 and answer["country"] == "IND"
    assert [e["id"] for e in answer["events"]] == ["sco-ind-2024"]
    assert {r["kind"] for r in answer["reasons"]} >= {"venue", "event", "background"}
    assert answer["method_version"].startswith("haven-rules-") and answer["data_version"]


def test_forecast_table_and_event(haven):
    code, out, err = haven("forecast", "wanted", "--event", "sco-ind-2024", "--on", "2024-06-24")
    assert code == 0, err
    assert "attends sco-ind-2024" in out and "SCO summit" in out


def test_forecast_usage_errors_are_one_line(haven):
    for args, words in ((("forecast", "wanted", "IND", "--on", "2024-06-24"), "--by"),
                        (("forecast", "wanted", "RUS", "--on", "2024-06-24", "--by", "2024-12-31"), "own state"),
                        (("forecast", "wanted", "IND", "--on", "2024-06-24", "--by", "2024-06-01"), "after"),
                        (("forecast", "wanted", "--event", "nope", "--on", "2024-06-24"), "unknown event"),
                        (("forecast", "wanted", "IND", "--on", "2024-06-24", "--by", "31/12/2024"), "bad date")):
        code, out, err = haven(*args)
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err, (args, err)


def test_batch_answers_every_row_in_order(haven, tmp_path):
    questions = tmp_path / "q.csv"
    questions.write_text("id,person,country,on,by,event\n"
                         "a,wanted,IND,2024-06-24,2024-12-31,\n"
                         "b,wanted,CHN,2024-06-24,2024-07-31,\n"
                         "c,nobody,CHN,2024-06-24,2024-07-31,\n"
                         "d,wanted,,2024-06-24,,sco-ind-2024\n", encoding="utf-8")
    out_file = tmp_path / "answers.csv"
    code, out, err = haven("forecast", "--questions", questions, "-o", out_file)
    assert code == 2 and "1 of 4" in err
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert rows[0]["probability"] and rows[2]["probability"] == "" and "unknown person" in rows[2]["error"]
    assert rows[3]["event"] == "sco-ind-2024" and float(rows[3]["probability"]) > 0
    assert rows[0]["method_version"].startswith("haven-rules-")


def test_batch_file_problems(haven, tmp_path):
    code, _, err = haven("forecast", "--questions", tmp_path / "missing.csv")
    assert code == 2 and "no questions file" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("id,who\n1,x\n", encoding="utf-8")
    code, _, err = haven("forecast", "--questions", bad)
    assert code == 2 and "missing column" in err


HEADER = "id,person,country,on,by\n"
ROW = "a,wanted,IND,2024-06-24,2024-12-31\n"


@pytest.mark.parametrize("content, message", [
    (b"", "missing column(s) id, person, country, on, by"),
    (HEADER.encode(), "holds no questions"),
    ((HEADER + ROW + ROW).encode(), "question id(s) a appear more than once"),
    (b"id,person,person,country,on,by\na,wanted,x,IND,2024-06-24,2024-12-31\n", "column(s) person appear more than once"),
    ((HEADER + "a,wanted,IND,2024-06-24,2024-12-31,oops\n").encode(), "line 2: 6 fields but the header names 5"),
    ((HEADER + 'a,"wanted,IND,2024-06-24,2024-12-31\n').encode(), "line 2: not a valid CSV file"),
    ((HEADER + "a," + "x" * 20_000 + ",IND,2024-06-24,2024-12-31\n").encode(), "line 2: a field of 20,000 characters"),
    ((HEADER + ROW).encode() + "b,P\u00e9tain,IND,2024-06-24,2024-12-31\n".encode("latin-1"),
     "is not UTF-8 text: line 3, byte 0xe9 ('\u00e9' in latin-1/cp1252?)"),
    ((HEADER + ROW).encode("utf-16"), "is UTF-16 text: save it as UTF-8"),
])
def test_a_malformed_questions_file_is_one_line_exit_2(haven, tmp_path, content, message):
    questions = tmp_path / "q.csv"
    questions.write_bytes(content)
    code, _, err = haven("forecast", "--questions", questions, "-o", tmp_path / "answers.csv")
    assert code == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "answers.csv").exists()


def test_a_questions_file_with_a_bom_and_extra_columns_is_read(haven, tmp_path):
    questions = tmp_path / "q.csv"
    questions.write_text("\ufeffid,person,country,on,by,note\n\na,wanted,IND,2024-06-24,2024-12-31,mine\n", encoding="utf-8")
    code, out, _ = haven("forecast", "--questions", questions, "-f", "csv")
    assert code == 0 and [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["a"]


def test_a_too_large_questions_file_or_a_folder_is_refused_before_reading(haven, tmp_path, monkeypatch):
    monkeypatch.setattr("haven.forecasts.MAX_QUESTIONS_BYTES", 100)
    questions = tmp_path / "q.csv"
    questions.write_text(HEADER + ROW * 5, encoding="utf-8")
    code, _, err = haven("forecast", "--questions", questions)
    assert code == 2 and "bytes: a questions file may be at most 100; split it" in err
    code, _, err = haven("forecast", "--questions", tmp_path)
    assert code == 2 and "is a folder, not a questions file" in err
    monkeypatch.setattr("haven.forecasts.MAX_QUESTIONS_BYTES", 10_000)
    monkeypatch.setattr("haven.forecasts.MAX_QUESTIONS", 3)
    code, _, err = haven("forecast", "--questions", questions)
    assert code == 2 and "has more than 3 rows: split it" in err


def test_the_answers_may_not_replace_the_questions(haven, tmp_path):
    questions = tmp_path / "q.csv"
    questions.write_text(HEADER + ROW, encoding="utf-8")
    code, _, err = haven("forecast", "--questions", questions, "-o", questions)
    assert code == 2 and "is the input file" in err
    assert questions.read_text(encoding="utf-8") == HEADER + ROW


def test_events_lists_what_was_public_with_the_venue(haven):
    code, out, err = haven("events", "wanted", "--from", "2024-07-01", "--to", "2024-12-31", "--on", "2024-06-24", "-f", "json")
    assert code == 0, err
    listed = {e["id"]: e for e in json.loads(out)}
    assert set(listed) == {"sco-ind-2024", "csto-blr-2024"}
    assert listed["sco-ind-2024"]["tier"] and listed["sco-ind-2024"]["obliged_to_arrest"] is False
    code, out, _ = haven("events", "wanted", "--from", "2024-07-01", "--to", "2024-12-31", "--on", "2024-04-01", "-f", "csv")
    assert code == 0 and "sco-ind-2024" in out and "csto-blr-2024" not in out  # announced on 2024-05-01
    code, out, _ = haven("events", "wanted", "--from", "2024-07-01", "--to", "2024-12-31", "--on", "2024-06-24",
                         "--scope", "all", "-f", "csv")
    assert "g7-fra-2024" in out


def test_venue_answers_for_every_person(haven):
    code, out, err = haven("venue", "IND", "--on", "2024-06-24", "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows[0]["person"] == "wanted" and rows[0]["could_come"] is True and rows[0]["visit_probability"] > 0
    assert rows[0]["events"][0]["id"] == "sco-ind-2024"


def test_batch_csv_on_stdout_is_only_the_answers(haven, tmp_path):
    questions = tmp_path / "q.csv"
    questions.write_text("id,person,country,on,by\na,wanted,IND,2024-06-24,2024-12-31\n", encoding="utf-8")
    code, out, err = haven("forecast", "--questions", questions, "-f", "csv")
    assert code == 0, err
    assert out.startswith("id,probability,") and len(list(csv.DictReader(io.StringIO(out)))) == 1


def test_forecast_and_events_say_how_current_the_facts_are(haven, calendar_kb, tmp_path):
    from datetime import date

    from haven.knowledge import load
    from haven.knowledge.coverage import coverage_for

    coverage = coverage_for(load(calendar_kb, use_cache=False), "wanted")
    code, out, err = haven("forecast", "wanted", "IND", "--on", "2024-06-24", "--by", "2024-12-31", "-f", "json")
    assert code == 0 and json.loads(out)["coverage"] == coverage.as_dict(date(2024, 6, 24))
    late = (coverage.day.replace(year=coverage.day.year + 3)).isoformat()
    code, out, err = haven("forecast", "wanted", "IND", "--on", late, "--by", f"{late[:4]}-12-31", "-f", "json")
    assert code == 0 and json.loads(out)["coverage"]["stale"] is True
    assert err.count("warning: stale answer:") == 1
    target = tmp_path / "events.csv"
    code, out, err = haven("events", "wanted", "--on", late, "-o", target)
    assert code == 0 and err.count("warning: stale answer:") == 1
    meta = json.loads((tmp_path / "events.csv.meta.json").read_text())
    assert meta["coverage"] == coverage.as_dict(date.fromisoformat(late)) and meta["person"] == "wanted"
    code, out, err = haven("events", "wanted", "--from", "2024-07-01", "--to", "2024-12-31", "--on", "2024-06-24")
    assert f"facts current to {coverage.day.isoformat()}" in out
    assert err.count("warning: stale answer:") == coverage.is_stale(date(2024, 6, 24))


def test_venue_says_how_current_each_person_is(haven, calendar_kb, tmp_path):
    from datetime import date

    from haven.knowledge import load
    from haven.knowledge.coverage import coverage_for

    coverage = coverage_for(load(calendar_kb, use_cache=False), "wanted")
    before = coverage.day.isoformat()
    code, out, err = haven("venue", "IND", "--on", before, "-f", "json")
    assert code == 0 and json.loads(out)[0]["coverage"] == coverage.as_dict(coverage.day) and "stale" not in err
    late = coverage.day.replace(year=coverage.day.year + 3)
    target = tmp_path / "venue.csv"
    code, out, err = haven("venue", "IND", "--on", late.isoformat(), "-o", target)
    assert code == 0 and err.count("warning: stale answer:") == 1 and "Wanted Person" in err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["facts_current_to"] == before
    meta = json.loads((tmp_path / "venue.csv.meta.json").read_text())
    assert meta["coverage"]["wanted"] == coverage.as_dict(date.fromisoformat(late.isoformat())) and meta["country"] == "IND"
