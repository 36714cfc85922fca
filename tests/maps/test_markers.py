"""Trip markers stand at the city visited (airports data), or at the capital when the place is unknown."""

from datetime import date

import pandas as pd
import pytest

from haven.geo.boundaries import area_at
from haven.maps.markers import MARKER_COLUMNS, fold, locate, trip_markers
from haven.persons import find_person
from haven.trips import trips


def table_for(world, tmp_path, visits):
    for i, (country, place) in enumerate(visits):
        world.add("visits", person="wanted", country=country, kind="visit", place=place, start=f"2024-0{1 + i % 9}-1{i % 10}")
    kb = world.load(tmp_path / "kb")
    return trip_markers(trips(kb, find_person(kb, "wanted")), kb), kb


def test_the_marker_table_has_its_columns_and_a_row_per_place(world, tmp_path):
    table, _ = table_for(world, tmp_path, [("CHN", "Beijing"), ("CHN", "Tianjin; Beijing"), ("MNG", "Ulaanbaatar")])
    assert list(table.columns) == MARKER_COLUMNS
    rows = table.set_index("place")
    assert rows.loc["Beijing", "trips"] == 2 and rows.loc["Tianjin", "trips"] == 1
    assert rows.loc["Beijing", "first"] == "2024-01-10" and rows.loc["Beijing", "last"] == "2024-02-11"


def test_china_s_marker_is_in_beijing_not_in_the_middle_of_the_country(world, tmp_path):
    table, _ = table_for(world, tmp_path, [("CHN", "Beijing")])
    row = table.iloc[0]
    assert abs(row["lon"] - 116.4) < 0.5 and abs(row["lat"] - 40.0) < 0.3  # Beijing Capital airport (PEK)
    assert row["how"] == "capital city" and "PEK" in row["source"]


def test_a_city_is_found_by_its_airport_and_stays_in_the_country_visited(world, tmp_path):
    table, _ = table_for(world, tmp_path, [("RUS", "Vladivostok"), ("CHN", "Harbin"), ("USA", "Anchorage (Joint Base)")])
    for row in table.itertuples():
        assert row.how == "city"
        area = area_at(row.lon, row.lat)
        assert area is not None and area.iso3 == row.iso3, row.place
    assert set(table["source"].str.extract(r"airport (\w+)")[0]) == {"VVO", "HRB", "ANC"}


@pytest.mark.parametrize("place, country, code", [
    ("Johannesburg (Sandton)", "ZAF", "JNB"),  # the text before brackets
    ("Janadriyah (near Riyadh)", "SAU", "RUH"),  # the place in brackets, 'near' dropped
    ("Boao, Hainan", "CHN", "BAR"),  # in the airport's name, in the region given
    ("St Petersburg", "RUS", "LED"),  # St. = Saint
    ("Marrakesh", "MAR", "RAK"),  # a transliteration
    ("Hong Kong", "CHN", "HKG"),  # a territory of the state visited
])
def test_places_written_in_many_ways_are_found(kb, place, country, code):
    countries = (country, "HKG") if country == "CHN" else (country,)
    found = locate(place, countries, kb)
    assert found is not None and code in found.source


def test_a_region_after_a_comma_must_match(kb):
    assert locate("Fremont, Nebraska", ("USA",), kb) is not None
    found = locate("Fremont, California", ("USA",), kb)
    assert found is None or "Nebraska" not in found.source


def test_the_capital_wins_over_another_airport_of_its_city(world, tmp_path):
    world.add("countries", iso3="CYP", name="Cyprus", kind="state", un_member_since="1960")
    table, _ = table_for(world, tmp_path, [("CYP", "Nicosia")])
    assert "LCA" in table.iloc[0]["source"]  # Larnaca, not Ercan in the north


def test_an_unknown_place_falls_back_to_the_capital_and_says_so(world, tmp_path):
    table, _ = table_for(world, tmp_path, [("MNG", "Khan Khentii camp"), ("DEU", "")])
    rows = table.set_index("iso3")
    assert rows.loc["MNG", "how"] == "capital" and rows.loc["MNG", "place"] == "Ulaanbaatar"
    assert "'Khan Khentii camp' not in the airports data" in rows.loc["MNG", "source"]
    assert rows.loc["DEU", "how"] == "capital" and "no place given" in rows.loc["DEU", "source"]


def test_one_unknown_place_of_a_multi_city_trip_is_dropped_not_sent_to_the_capital(world, tmp_path):
    table, _ = table_for(world, tmp_path, [("USA", "Fremont, California; New York")])
    assert list(table["place"]) == ["New York"]


def test_trips_not_made_and_unverified_trips_get_no_marker(world, tmp_path):
    world.add("visits", person="wanted", country="IND", kind="avoided", place="Johannesburg", start="2024-03-01")
    world.add("visits", person="wanted", country="BRA", kind="visit", place="Rio de Janeiro", start="2024-03-02",
              certainty="unverified")
    table, _ = table_for(world, tmp_path, [("MNG", "Ulaanbaatar")])
    assert list(table["iso3"]) == ["MNG"]


def test_fold():
    assert fold("St. Petersburg") == fold("Saint-Petersburg") == "saint petersburg"
    assert fold("Oświęcim") == "oswiecim"


def test_no_trips_give_an_empty_table(kb):
    empty = trips(kb, find_person(kb, "wanted"), date(2030, 1, 1), date(2030, 2, 1))
    assert trip_markers(empty, kb).empty and isinstance(trip_markers(empty, kb), pd.DataFrame)
