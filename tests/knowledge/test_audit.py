"""`haven data check` beyond the schema: late sources, uninvited outcomes, authoring notes, damaged files and their
seal."""

import csv
import shutil

import pytest

from haven.errors import DataError
from haven.knowledge.audit import audit
from haven.knowledge.integrity import seal
from haven.knowledge.schema import BUNDLED_DATA
from haven.knowledge.validate import validate
from tests.knowledge.test_knownfrom import with_sources


def lines(directory):
    return [str(p) for p in audit(directory)]


def test_late_sources_are_reported_once_per_fact_with_the_earliest_source(world, tmp_path):
    with_sources(world, late="2024-08-30", soon="2023-11-10", undated="")
    world.add("stances", id="late", country="MNG", person="wanted", kind="invitation", summary="s", start="2023-10-17",
              source="late")
    world.add("stances", id="soon", country="MNG", person="wanted", kind="invitation", summary="s", start="2023-10-17",
              source="soon")  # 24 days: within a month
    world.add("stances", id="reason", country="ZAF", person="wanted", kind="invitation", summary="s",
              start="2023-01-10", source="late", public_reason="read out at a press conference that day")
    world.add("stances", id="dateless", country="HUN", person="wanted", kind="will-not-arrest", summary="s",
              start="2024-03-01", source="undated")
    world.add("sanctions", id="public", imposer="EU", target_person="wanted", measure="asset-freeze",
              start="2022-02-25", public="2022-02-28", source="late")
    world.add("memberships", id="m", organisation="ICC", iso3="MNG", role="party", start="2002-11-01", source="late")
    found = lines(world.write(tmp_path))
    assert [line.split(": ")[0] for line in found] == ["sanctions.csv:2", "stances.csv:2", "stances.csv:5"]
    assert found[0].startswith("sanctions.csv:2: source: every source post-dates public 2022-02-28 by more than 30 days")
    assert "public 2022-02-28 stands unsupported" in found[0]
    assert ("the earliest, late, was published 2024-08-30 (318 days later), so it counts from 2024-08-30"
            in found[1])
    assert "no source has a published date" in found[2]


def test_an_outcome_needs_the_persons_state_to_belong_to_the_organiser_or_be_invited(world, tmp_path):
    for organisation in ("BLOC", "UN"):
        world.add("organisations", id=organisation, name=organisation, kind="political-union", arrest_duty="false",
                  start="1945-10-24")
    world.add("memberships", id="bloc-rus", organisation="BLOC", iso3="RUS", role="observer", start="2001-06-15")
    world.add("events", id="forum", kind="forum", organiser="MNG", title="Forum", host="MNG", start="2025-12-12")
    world.add("events", id="asked", kind="forum", organiser="MNG", title="Forum", host="MNG", start="2024-10-11",
              invited="CHN;RUS")
    world.add("events", id="bloc", kind="summit", organiser="BLOC", title="Summit", host="CHN", start="2024-07-03")
    world.add("events", id="named", kind="council", organiser="USA", title="Council", host="USA", start="2026-02-19",
              invited_persons="wanted")
    world.add("events", id="home", kind="forum", organiser="RUS", title="Forum", host="RUS", start="2025-09-25")
    world.add("events", id="assembly", kind="assembly", organiser="UN", title="Assembly", host="USA", start="2025-09-23")
    for event in ("forum", "asked", "bloc", "named", "home", "assembly"):
        world.add("event_outcomes", id=f"{event}-wanted", event=event, person="wanted", outcome="in-person")
    found = lines(world.write(tmp_path))
    assert found == ["event_outcomes.csv:2: event: wanted's state RUS is not a member of MNG and not in the invited "
                     "of forum: list it there (the outcome shows it was asked)"]


@pytest.mark.parametrize("note, flagged", [
    ("PROPOSED REPLACEMENT for invitation-mng-putin-2024 (which starts later)", "PROPOSED"),
    ("TODO: find the decree", "TODO"),
    ("The lead's brief gives 26 March 2013", "The lead's"),
    ("Updated by the alliances curator (s2): start moved", "by the alliances curator"),
    ("Replaces the undated row al-bashir-2009-03-eth", "Replaces the undated row"),
    ("Start corrected from the 1948 placeholder", "placeholder"),
    ("Seen in a note of /work/shared/data/relations (compiled 2026-11-24)", "/work/shared/data/relations"),
    ("See https://example.org/home/article/1 for the text", None),
    ("Formed after the election, replacing the caretaker government.", None),
    ("Superseded by the Appeals Chamber judgment of 6 May 2019.", None),
    ("Todo Todos is a town; the XXXth summit", None),
])
def test_authoring_notes_fail_the_check_and_reader_notes_do_not(world, tmp_path, note, flagged):
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17", note=note)
    found = lines(world.write(tmp_path))
    if flagged is None:
        assert found == []
    else:
        assert found == [(f"warrants.csv:2: note: authoring note left in a shipped row ({_kind(found[0])}: "
                          f"{flagged!r}); rewrite it for readers or remove it")]


def _kind(line: str) -> str:
    return line.split("(", 1)[1].split(":", 1)[0]


def test_a_byte_order_mark_gives_one_message_naming_it(world, tmp_path):
    directory = world.write(tmp_path)
    path = directory / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert lines(directory) == ["sources.csv:1: (file): starts with a UTF-8 byte-order mark; save without BOM"]


def test_latin1_bytes_give_one_message_with_line_and_byte(world, tmp_path):
    world.add("persons", id="other", qid="Q2", name="Désiré", home="SYR")
    directory = world.write(tmp_path)
    path = directory / "persons.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert lines(directory) == [("persons.csv:3: (file): not UTF-8 at line 3, byte 0xe9 ('é' in latin-1/cp1252?); "
                                 "save the file as UTF-8")]


@pytest.fixture
def sealed_copy(tmp_path):
    directory = shutil.copytree(BUNDLED_DATA, tmp_path / "kb")
    seal(directory)
    return directory


def integrity(directory):
    return [line for line in lines(directory) if ": (file): " in line]


def test_a_table_cut_to_half_its_rows_fails_the_check(sealed_copy):
    assert integrity(sealed_copy) == []
    path = sealed_copy / "sanctions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *body[: len(body) // 2]])
    assert validate(sealed_copy) == []  # what is left is well-formed: only the seal can tell
    missing = len(body) - len(body) // 2
    assert integrity(sealed_copy) == [
        (f"sanctions.csv:0: (file): {missing} of the {len(body)} rows declared in datapackage.json are missing "
         f"({len(body) // 2} found); if the edit was deliberate, run 'haven data seal'")]


def test_an_edit_without_a_seal_is_reported_and_sealing_accepts_it(sealed_copy):
    path = sealed_copy / "warrants.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-03-17", "2023-03-18", 1), encoding="utf-8")
    assert integrity(sealed_copy) == [
        ("warrants.csv:0: (file): content differs from the sha256 hash declared in datapackage.json (same number of "
         "rows, edited since sealed); if the edit was deliberate, run 'haven data seal'")]
    seals = seal(sealed_copy)
    assert integrity(sealed_copy) == []
    assert seals["warrants"].hash.startswith("sha256:") and seals["warrants"].rows > 10


def test_sealing_refuses_broken_data_and_leaves_the_descriptor_alone(sealed_copy):
    descriptor = (sealed_copy / "datapackage.json").read_bytes()
    path = sealed_copy / "warrants.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-03-17", "2023-03-32", 1), encoding="utf-8")
    with pytest.raises(DataError, match="not sealed: warrants.csv"):
        seal(sealed_copy)
    assert (sealed_copy / "datapackage.json").read_bytes() == descriptor


def test_a_directory_without_a_descriptor_is_sealed_from_the_bundled_one(world, tmp_path):
    directory = world.write(tmp_path)
    assert not (directory / "datapackage.json").exists()
    seal(directory)
    assert integrity(directory) == []
    (directory / "warrants.csv").write_text("", encoding="utf-8")
    assert any(line.startswith("warrants.csv:") for line in lines(directory))
