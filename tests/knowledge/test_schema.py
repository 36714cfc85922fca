"""Every vocabulary about the tables comes from datapackage.json: checked against the descriptor itself."""

import json

from haven.api import facts
from haven.knowledge import schema
from haven.knowledge.query import facts as query_facts
from haven.vocabulary import NOT_VISITED_KINDS, VISITED_KINDS


def _descriptor() -> dict:
    return json.loads((schema.BUNDLED_DATA / schema.DESCRIPTOR).read_text(encoding="utf-8"))


def test_fact_kinds_are_the_tables_that_say_when_their_rows_become_known():
    declared = [r["name"] for r in _descriptor()["resources"] if "x-knownFrom" in r["schema"]]
    assert schema.FACT_KINDS == tuple(declared)
    assert {"events", "event_outcomes", "recognitions"} <= set(schema.FACT_KINDS)
    assert not {"sources", "persons", "countries"} & set(schema.FACT_KINDS)


def test_country_columns_are_the_columns_declared_with_a_country_format():
    found = {f["name"] for r in _descriptor()["resources"] for f in r["schema"]["fields"]
             if f.get("format") in ("iso3", "iso3-list", "iso3-or-organisation")}
    assert schema.country_columns() == found
    assert {"breaks_with", "parties", "recogniser", "recognised", "host"} <= schema.country_columns()


def test_primary_source_types_and_trip_kinds_are_declared_lists():
    assert schema.primary_source_types() == {"depositary", "court", "government", "intergovernmental", "un"}
    assert set(VISITED_KINDS) | set(NOT_VISITED_KINDS) == set(schema.enum("visits", "kind"))
    assert not set(VISITED_KINDS) & set(NOT_VISITED_KINDS)


def test_every_fact_table_declares_its_start_and_each_end_is_read_cautiously():
    for name in schema.FACT_KINDS:
        table = schema.tables()[name]
        if "start" in table.columns:
            assert table.field("start").role == schema.START, name
    assert schema.END_FIELDS == {"end"}


def test_a_country_name_finds_the_rows_its_code_finds_in_every_country_column(world, tmp_path):
    world.add("government_changes", id="gc", country="SYR", kind="collapse", summary="Fell.", start="2024-12-08",
              breaks_with="RUS;CHN")
    world.add("hostilities", id="h", parties="RUS;UKR", kind="war", start="2022-02-24")
    kb = world.load(tmp_path / "kb")
    for kind, column in (("government_changes", "breaks_with"), ("hostilities", "parties"), ("government_changes", "country")):
        by_code = query_facts(kb, kind, where={column: "RUS" if column != "country" else "SYR"})
        by_name = query_facts(kb, kind, where={column: "Russia" if column != "country" else "Syria"})
        assert not by_code.empty and by_name["id"].tolist() == by_code["id"].tolist()


def test_the_bundled_government_changes_that_break_with_russia_are_found_by_name():
    assert facts("government_changes", breaks_with="Russia")["id"].tolist() == \
        facts("government_changes", breaks_with="RUS")["id"].tolist() != []
