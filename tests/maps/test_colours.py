from dataclasses import replace
from datetime import date

from haven.engine import assess
from haven.geo.boundaries import area_at
from haven.maps.colours import (
    DISPUTED,
    DISPUTED_COLOUR,
    DUTY_DISPUTED_LABEL,
    NO_DATA,
    area_colours,
    duty_disputed,
    state_of,
    tier_counts_text,
)
from haven.maps.figure import style
from haven.maps.layers import Scene
from haven.maps.world import default_layers, world_figure
from haven.vocabulary import NO_DATA_COLOUR, TIER_COLOURS


def table(kb, on=date(2024, 7, 1)):
    frame = area_colours(assess("wanted", on, kb))
    return frame.set_index("code")


def test_a_state_party_is_closed_and_the_home_state_is_home(kb):
    colours = table(kb)
    assert colours.loc["DEU", "tier"] == "closed"
    assert colours.loc["DEU", "colour"] == TIER_COLOURS["closed"]
    assert colours.loc["RUS", "colour"] == TIER_COLOURS["home"]
    assert colours.loc["MNG", "colour"] == TIER_COLOURS["open"]


def test_joining_the_icc_turns_a_state_closed_on_the_day_it_takes_effect(kb):
    assert table(kb, date(2024, 6, 14)).loc["UKR", "tier"] == "open"
    assert table(kb, date(2024, 6, 15)).loc["UKR", "tier"] == "closed"


def test_territories_take_their_sovereigns_colour(kb):
    colours = table(kb)
    assert colours.loc["GRL", "state"] == "DNK"
    assert colours.loc["GRL", "colour"] == colours.loc["DNK", "colour"] == TIER_COLOURS["closed"]
    assert colours.loc["HKG", "colour"] == colours.loc["CHN", "colour"]


def test_disputed_areas_are_neutral_and_unassessed_states_are_no_data(kb):
    colours = table(kb)
    for code in ("KAS", "SOL", "CYN"):  # Siachen (no state), Somaliland, Northern Cyprus
        assert colours.loc[code, "kind"] == DISPUTED
        assert colours.loc[code, "colour"] == DISPUTED_COLOUR
    assert colours.loc["AUS", "kind"] == NO_DATA  # the fixture world does not know Australia
    assert colours.loc["AUS", "colour"] == NO_DATA_COLOUR


def test_antarctica_is_left_off(kb):
    assert "ATA" not in table(kb).index


def test_a_territory_no_state_answers_for_is_unassigned(world, tmp_path):
    world.add("countries", iso3="ESH", name="Western Sahara", kind="territory")
    kb = world.load(tmp_path / "kb")
    assert state_of("ESH", False, kb) == ""
    assert state_of("GRL", False, kb) == "DNK"
    assert state_of("CYP", True, kb) == ""


def test_simferopol_lies_in_ukraine_and_is_drawn_with_it(kb):
    area = area_at(34.10, 44.95)
    assert area is not None and area.iso3 == "UKR"
    colours = table(kb, date(2024, 6, 15))
    assert colours.loc[area.code, "state"] == "UKR"
    assert colours.loc[area.code, "colour"] == TIER_COLOURS["closed"]


def test_counts_text_names_each_tier_once_in_order():
    text = tier_counts_text({"home": 1, "ally": 1, "open": 12, "risky": 0, "closed": 3})
    assert text == "1 home · 1 ally · 12 open · 3 closed"


def with_disputed_duty(assessment, *codes):
    """The assessment as the engine gives it once a duty fact is disputed (obliged_to_arrest = "disputed")."""
    for code in codes:
        assessment.verdicts[code] = replace(assessment.verdicts[code], obliged_to_arrest="disputed")
    return assessment


def test_a_state_whose_duty_is_disputed_is_hatched_in_its_tier_colour(kb):
    assessment = with_disputed_duty(assess("wanted", date(2024, 7, 1), kb), "HUN")
    colours = area_colours(assessment).set_index("code")
    assert colours.loc["HUN", "hatched"] and colours.loc["HUN", "duty"] == "disputed"
    assert colours.loc["HUN", "colour"] == TIER_COLOURS[colours.loc["HUN", "tier"]]  # still its tier's colour
    assert not colours.loc["DEU", "hatched"] and colours.loc["DEU", "duty"] is True  # settled duties stay bool
    assert not colours.loc["KAS", "hatched"] and colours.loc["KAS", "duty"] is None


def test_the_legend_names_disputed_duty_only_when_a_state_has_it(kb):
    plain = assess("wanted", date(2024, 7, 1), kb)
    disputed = with_disputed_duty(assess("wanted", date(2024, 7, 1), kb), "HUN")
    with style():
        assert DUTY_DISPUTED_LABEL not in legend(plain)
        assert DUTY_DISPUTED_LABEL in legend(disputed)


def test_a_small_state_with_disputed_duty_has_a_hatched_dot(kb):
    assessment = with_disputed_duty(assess("wanted", date(2024, 7, 1), kb), "MCO")
    dots = Scene.of(assessment).dots.set_index("iso3")
    assert duty_disputed(dots.loc["MCO", "duty"])
    with style():
        assert DUTY_DISPUTED_LABEL in legend(assessment)


def test_duty_disputed_reads_bools_and_the_string():
    assert duty_disputed("disputed") and duty_disputed("Disputed")
    assert not duty_disputed(True) and not duty_disputed(False) and not duty_disputed(None)


def legend(assessment) -> list[str]:
    fig = world_figure(assessment, default_layers(assessment))
    return [t.get_text() for t in fig.legends[0].get_texts()]
