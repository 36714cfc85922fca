"""Importers turn published vote files into fact rows, refuse what they do not understand, and write all or nothing."""

import csv
import io
import random
from datetime import date
from pathlib import Path

import pytest

from haven.errors import DataError
from haven.importers import unga, unvotes
from haven.importers.fetch import read_text
from haven.importers.writer import replace_rows
from haven.knowledge import load

FIXTURES = Path(__file__).parent / "fixtures"
ACCESSED = date(2026, 11, 24)


def unga_file(states: int = 160, russia_vote: str = "N") -> str:
    """A long-format UN Digital Library vote file: two resolutions, `states` voters each."""
    rng = random.Random(7)
    codes = ["RUS", "PRK", "CHN", "DEU", "MNG"] + [f"X{i:02d}" for i in range(states - 5)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["resolution", "date", "undl_record", "title", "ms_code", "vote"])
    for symbol, day, record in (("A/RES/ES-11/1", "2022-03-02", "3959039"), ("A/RES/ES-11/4", "2022-10-12", "3990400")):
        for code in codes:
            vote = {"RUS": russia_vote, "PRK": "N", "CHN": "A", "DEU": "Y", "MNG": "A"}.get(code) or rng.choice("YNAX")
            writer.writerow([symbol, day, record, "Aggression against Ukraine", code, "" if vote == "X" else vote])
    return buffer.getvalue()


def test_unga_file_becomes_resolutions_votes_and_undl_sources():
    rows = unga.parse(unga_file(), "RUS", ACCESSED)
    first = rows["un_resolutions"][0]
    assert (first["id"], first["start"], first["concerns"], first["yes_means"]) == ("A/RES/ES-11/1", "2022-03-02", "RUS", "against")
    assert rows["sources"][0]["url"] == "https://digitallibrary.un.org/record/3959039"
    assert rows["sources"][0]["source_type"] == "un"
    votes = {(v["resolution"], v["iso3"]): v["vote"] for v in rows["un_votes"]}
    assert votes[("A/RES/ES-11/4", "PRK")] == "N" and votes[("A/RES/ES-11/1", "CHN")] == "A"
    assert len(rows["un_votes"]) == 320 and all(v["source"] == "undl-3959039" for v in rows["un_votes"][:160])


@pytest.mark.parametrize("text, message", [
    ("resolution,date\nA/RES/1,2020-01-01\n", "lacks columns"),
    (unga_file(states=40), "40 voting states"),
    (unga_file(russia_vote="A"), "RUS did not vote yes or no"),
    (unga_file().replace(",CHN,A", ",CHN,Maybe", 1), "unknown vote code 'Maybe'"),
])
def test_unga_importer_refuses_what_it_does_not_understand(text, message):
    with pytest.raises(DataError, match=message):
        unga.parse(text, "RUS", ACCESSED)


def test_unvotes_takes_whole_resolutions_matching_the_pattern():
    rows, skipped = unvotes.parse(read_text(FIXTURES / "votes.csv"), read_text(FIXTURES / "roll_calls.csv"), "israel", "ISR", ACCESSED)
    assert [r["id"] for r in rows["un_resolutions"]] == ["A/RES/73/99", "A/RES/74/87"]  # the amendment and the unrelated vote left out
    assert rows["un_resolutions"][0]["yes_means"] == "against"
    votes = {(v["resolution"], v["iso3"]): v["vote"] for v in rows["un_votes"]}
    assert votes == {("A/RES/73/99", "ISR"): "N", ("A/RES/73/99", "USA"): "N", ("A/RES/73/99", "FRA"): "Y",
                     ("A/RES/73/99", "CHN"): "A", ("A/RES/74/87", "ISR"): "N", ("A/RES/74/87", "USA"): "N",
                     ("A/RES/74/87", "FRA"): "A"}
    assert skipped == {"concerned state abstained or absent": 0, "duplicate symbol": 0}


def test_import_into_a_knowledge_base_is_validated_and_repeatable(world, tmp_path):
    world.add("countries", iso3="ISR", name="Israel", kind="state", un_member_since="1949-05-11")
    directory = world.write(tmp_path / "kb")
    rows, _ = unvotes.parse(read_text(FIXTURES / "votes.csv"), read_text(FIXTURES / "roll_calls.csv"), "israel", "ISR", ACCESSED)
    replace_rows(directory, rows, unga.owns(rows))
    replace_rows(directory, rows, unga.owns(rows))  # a second run replaces, never duplicates
    kb = load(directory, use_cache=False)
    assert len(kb.table("un_votes")) == 7 and len(kb.table("un_resolutions")) == 2


def test_a_refused_import_leaves_the_knowledge_base_untouched(world, tmp_path):
    directory = world.write(tmp_path / "kb")
    before = {p.name: p.read_bytes() for p in directory.iterdir()}
    rows = unga.parse(unga_file(), "RUS", ACCESSED)  # codes X00.. are not countries: validation must refuse
    with pytest.raises(DataError, match="import refused"):
        replace_rows(directory, rows, unga.owns(rows))
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == before


def test_download_failure_is_one_clear_error():
    with pytest.raises(DataError, match=r"^cannot download http://127\.0\.0\.1:9/votes\.csv"):
        read_text("http://127.0.0.1:9/votes.csv")


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_text(tmp_path / "absent.csv")
