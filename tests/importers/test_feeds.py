"""News feeds and depositary notifications become candidates for a curator, never facts written unreviewed."""

import pytest

from haven.errors import DataError
from haven.importers import feeds, icc, kremlin, untc
from tests.importers.conftest import context_of, fingerprint, fixture, snap


@pytest.fixture
def world_dir(tracked_world, tmp_path):
    tracked_world.add("visits", id="v-tjk", person="wanted", country="TJK", kind="visit", start="2024-10-08")
    return tracked_world.write(tmp_path / "kb")


def rows(batch, table):
    return {c.row["id"]: c for c in batch.candidates if c.table == table}


def test_icc_feed_proposes_a_warrant_and_a_finding_with_the_release_as_source(world_dir):
    batch = icc.parse([fixture("icc_feed.xml")], context_of(world_dir))
    assert not batch.rows  # candidates only, nothing for the tables
    warrant = rows(batch, "warrants")["warrant-icc-wanted"]
    assert (warrant.row["kind"], warrant.row["start"], warrant.row["case"]) == ("warrant", "2023-03-17", "Situation in Ukraine")
    assert warrant.sources[0]["source_type"] == "court" and warrant.sources[0]["published"] == "2023-03-17"
    findings = rows(batch, "stances")
    assert list(findings) == ["icc-finding-mng-wanted-2024"]  # not Ukraine (the situation), not Russia (home)
    finding = findings["icc-finding-mng-wanted-2024"].row
    assert (finding["country"], finding["by"], finding["start"]) == ("MNG", "ICC Pre-Trial Chamber II", "2024-10-24")
    assert batch.skipped == {"releases on other matters": 1, "releases naming none of haven's persons": 1}
    assert any("two militia commanders" in note for note in batch.notes)


def test_icc_feed_does_not_propose_what_is_held(tracked_world, tmp_path):
    tracked_world.add("warrants", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    tracked_world.add("stances", country="MNG", person="wanted", kind="icc-non-compliance-finding",
                      summary="Held already.", start="2024-10-24")
    batch = icc.parse([fixture("icc_feed.xml")], context_of(tracked_world.write(tmp_path / "kb")))
    assert not batch.candidates
    assert batch.skipped["warrants already held"] == 1 and batch.skipped["findings already held"] == 1


def test_kremlin_feed_proposes_foreign_trips_only(world_dir):
    batch = kremlin.parse([fixture("kremlin_trips.xml")], context_of(world_dir), person="wanted")
    trips = rows(batch, "visits")
    assert set(trips) == {"visit-wanted-2024-09-mng", "visit-wanted-2024-11-zaf"}
    assert trips["visit-wanted-2024-09-mng"].row["start"] == "2024-09-02"  # the day in Moscow, not in UTC
    assert trips["visit-wanted-2024-11-zaf"].row["kind"] == "summit"
    assert trips["visit-wanted-2024-09-mng"].sources[0]["source_type"] == "government"
    assert batch.skipped == {"trips within Russia or naming no state": 1, "trips already held": 1}


def test_untc_list_proposes_accessions_and_withdrawals(world_dir):
    batch = untc.parse([fixture("untc_cns.html")], context_of(world_dir))
    joining = rows(batch, "memberships")["icc-mng"]
    assert (joining.row["deposited"], joining.row["start"], joining.update) == ("2025-03-14", "2025-06-01", False)
    leaving = rows(batch, "memberships")["icc-hun"]
    assert leaving.update and leaving.row["exit_notified"] == "2025-06-02" and leaving.row["end"] == "2026-06-02"
    assert leaving.sources[0]["source_type"] == "depositary"
    assert joining.sources[0]["url"] == "https://treaties.un.org/doc/Publication/CN/2025/CN.901.2025-Eng.pdf"
    assert batch.read == 3  # the amendment (XVIII-10.b) is another treaty
    assert batch.skipped == {"notifications of other kinds (declarations, amendments, corrections)": 1}


def test_untc_revocation_needs_a_withdrawal_held(world_dir, tracked_world, tmp_path):
    batch = untc.parse([fixture("untc_revocation.csv")], context_of(world_dir))
    assert not batch.candidates and "revokes a withdrawal the knowledge base does not hold" in batch.notes[0]
    tracked_world.rows["memberships"][0].update(exit_notified="2025-06-02", end="2026-06-02")
    batch = untc.parse([fixture("untc_revocation.csv")], context_of(tracked_world.write(tmp_path / "kb2")))
    change = batch.candidates[0]
    assert change.update and change.row == {"id": "icc-hun", "exit_revoked": "2026-05-29", "end": "",
                                             "source": "src-test;untc-cn-905-2026"}


@pytest.mark.parametrize("deposit, in_force", [("2024-10-25", "2025-01-01"), ("2023-11-14", "2024-02-01"),
                                               ("2024-11-02", "2025-02-01"), ("2024-11-01", "2025-01-01")])
def test_rome_statute_entry_into_force(deposit, in_force):
    from datetime import date

    assert untc.in_force(date.fromisoformat(deposit)).isoformat() == in_force


@pytest.mark.parametrize("text, message", [
    ("<html><body>no feed</body></html>", "not an RSS 2.0 or Atom feed"),
    ("<rss version='2.0'><channel><title>t</title></channel></rss>", "the feed has no items"),
    ("<rss version='2.0'><channel><item><title>t</title><link>http://x</link></item></channel></rss>", "item 1 has no pubDate"),
    ("<rss version='2.0'><channel><item><title>t</title><link>http://x</link><pubDate>yesterday</pubDate></item></channel></rss>",
     "is not an RFC 822 date"),
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss><channel><item>&b;</item></channel></rss>',
     "not a well-formed feed"),
    ("not xml at all", "not a well-formed feed"),
])
def test_feeds_stop_on_input_they_do_not_understand(text, message):
    with pytest.raises(DataError, match=message):
        feeds.read(text, "feed.xml")


def test_untc_refuses_an_unknown_state_and_an_ambiguous_date(world_dir):
    context = context_of(world_dir)
    unknown = "reference,date,title\nC.N.1.2025.TREATIES-XVIII.10,2025-01-02,ROME STATUTE: ATLANTIS: ACCESSION\n"
    with pytest.raises(DataError, match="'ATLANTIS' is not a state"):
        untc.parse([snap(unknown, "cns.csv")], context)
    ambiguous = "<table><tr><td>C.N.1.2025.TREATIES-XVIII.10</td><td>02/06/2025</td><td>X: MONGOLIA: ACCESSION</td></tr></table>"
    with pytest.raises(DataError, match="ambiguous date"):
        untc.parse([snap(ambiguous, "cns.html")], context)


def test_candidate_imports_write_only_the_queue_and_the_snapshot(haven, world_dir):
    before = fingerprint(world_dir)
    result = haven("import", "icc-feed", str(fixture("icc_feed.xml").location), "--data-dir", str(world_dir))
    assert result.code == 0, result.err
    assert "candidates: 2 new for review, 0 already queued" in result.out
    changed = {k for k, v in fingerprint(world_dir).items() if before.get(k) != v}
    assert {k.split("/")[0] for k in changed} == {"candidates", "snapshots"}
    again = haven("import", "icc-feed", str(fixture("icc_feed.xml").location), "--data-dir", str(world_dir))
    assert "candidates: 0 new for review, 2 already queued" in again.out
