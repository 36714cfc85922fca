"""The UN vote importers read published vote files strictly and produce rows a merge can take."""

import csv
import io
import random

import pytest

from haven.errors import DataError, HavenError
from haven.importers import unga, unvotes
from haven.importers.merge import plan
from haven.knowledge.schema import BUNDLED_DATA
from tests.importers.conftest import context_of, fixture, snap


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


@pytest.fixture
def world_context(world, tmp_path):
    world.add("countries", iso3="ISR", name="Israel", kind="state", un_member_since="1949-05-11")
    return context_of(world.write(tmp_path / "kb"))


def test_unga_file_becomes_resolutions_votes_and_undl_sources(world_context):
    batch = unga.parse([snap(unga_file())], world_context, concerns="RUS")
    first = batch.rows["un_resolutions"][0]
    assert (first["id"], first["start"], first["concerns"], first["yes_means"]) == ("A/RES/ES-11/1", "2022-03-02", "RUS", "against")
    assert batch.rows["sources"][0]["url"] == "https://digitallibrary.un.org/record/3959039"
    assert batch.rows["sources"][0]["accessed"] == "2026-11-24"  # the day the file was read, not the day run
    votes = {(v["resolution"], v["iso3"]): v["vote"] for v in batch.rows["un_votes"]}
    assert votes[("A/RES/ES-11/4", "PRK")] == "N" and votes[("A/RES/ES-11/1", "CHN")] == "A"
    assert len(batch.rows["un_votes"]) == 320 and batch.read == 320


@pytest.mark.parametrize("text, message", [
    ("resolution,date\nA/RES/1,2020-01-01\n", "lacks columns"),
    (unga_file(states=40), "40 voting states"),
    (unga_file(russia_vote="A"), "RUS did not vote yes or no"),
    (unga_file().replace(",CHN,A", ",CHN,Maybe", 1), "unknown vote code 'Maybe'"),
])
def test_unga_importer_refuses_what_it_does_not_understand(world_context, text, message):
    with pytest.raises(DataError, match=message):
        unga.parse([snap(text)], world_context, concerns="RUS")


def test_unknown_concerned_state_is_a_usage_error(world_context):
    with pytest.raises(HavenError, match="--concerns 'Atlantis'"):
        unga.parse([snap(unga_file())], world_context, concerns="Atlantis")


def test_unvotes_takes_whole_resolutions_matching_the_pattern(world_context):
    batch = unvotes.parse([fixture("votes.csv"), fixture("roll_calls.csv")], world_context, match="israel", concerns="ISR")
    assert [r["id"] for r in batch.rows["un_resolutions"]] == ["A/RES/73/99", "A/RES/74/87"]
    assert batch.rows["un_resolutions"][0]["yes_means"] == "against"
    votes = {(v["resolution"], v["iso3"]): v["vote"] for v in batch.rows["un_votes"]}
    assert votes == {("A/RES/73/99", "ISR"): "N", ("A/RES/73/99", "USA"): "N", ("A/RES/73/99", "FRA"): "Y",
                     ("A/RES/73/99", "CHN"): "A", ("A/RES/74/87", "ISR"): "N", ("A/RES/74/87", "USA"): "N",
                     ("A/RES/74/87", "FRA"): "A"}


def test_tallies_count_the_votes_held_after_the_merge_not_the_small_file():
    context = context_of(BUNDLED_DATA)
    before = {r["id"]: r for r in context.rows("un_resolutions")}
    batch = unvotes.parse([fixture("votes.csv"), fixture("roll_calls.csv")], context, match="israel", concerns="ISR")
    merged = {r["id"]: r for r in plan(context.tables, batch).tables["un_resolutions"]}
    held = [v for v in plan(context.tables, batch).tables["un_votes"] if v["resolution"] == "A/RES/74/87"]
    assert int(merged["A/RES/74/87"]["yes"]) == sum(v["vote"] == "Y" for v in held) == int(before["A/RES/74/87"]["yes"])
    assert int(merged["A/RES/74/87"]["yes"]) > 50  # a 3-vote file does not become the tally


def test_unvotes_refuses_a_bad_pattern_and_a_missing_file(world_context):
    with pytest.raises(HavenError, match="not a regular expression"):
        unvotes.parse([fixture("votes.csv"), fixture("roll_calls.csv")], world_context, match="(", concerns="ISR")
    with pytest.raises(HavenError, match="reads two files"):
        unvotes.parse([fixture("votes.csv")], world_context, match="israel", concerns="ISR")
