"""`haven data stats`: the share of rows per kind resting on at least one primary source, the primary types
being those the descriptor marks."""

import json

from haven.knowledge.schema import BUNDLED_DATA
from haven.knowledge.stats import PRIMARY, stats_by_kind
from tests.knowledge.test_knownfrom import with_sources


def test_primary_types_are_the_ones_marked_in_the_descriptor():
    descriptor = json.loads((BUNDLED_DATA / "datapackage.json").read_text(encoding="utf-8"))
    [spec] = [f for f in descriptor["resources"][0]["schema"]["fields"] if f["name"] == "source_type"]
    assert PRIMARY == set(spec["x-primary"]) and PRIMARY <= set(spec["constraints"]["enum"])
    assert {"press", "reference", "ngo"}.isdisjoint(PRIMARY)


def test_a_row_counts_as_primary_when_any_of_its_sources_is(world, tmp_path):
    with_sources(world, wire="2023-02-01")
    world.add("stances", country="MNG", person="wanted", kind="invitation", summary="s", start="2023-03", source="wire")
    world.add("stances", country="ZAF", person="wanted", kind="invitation", summary="s", start="2023-03",
              source="wire;src-test")  # src-test is a court
    world.add("stances", country="HUN", person="wanted", kind="invitation", summary="s", start="2023-03",
              source="src-press")
    rows = stats_by_kind(world.load(tmp_path)).set_index("kind")
    assert (rows.loc["stances", "rows"], rows.loc["stances", "primary"]) == (3, 1)
    assert rows.loc["stances", "primary_share"] == 0.333
    assert "event_outcomes" in rows.index and rows.loc["all", "rows"] == 4  # with the office every test world has
