from datetime import date

from haven.engine import METHOD_VERSION, assess
from haven.geo.boundaries import attribution
from haven.maps.atlas import atlas_figure, columns_for
from haven.maps.colours import DISPUTED_LABEL, NO_DATA_LABEL, TIER_LABELS
from haven.maps.figure import style, wrap
from haven.maps.world import default_layers, world_figure
from haven.persons import find_person


def texts(fig) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    for legend in fig.legends:
        found.extend(t.get_text() for t in legend.get_texts())
    return found


def test_map_title_subtitle_legend_and_credit(kb):
    assessment = assess("wanted", date(2024, 7, 1), kb)
    with style():
        fig = world_figure(assessment, default_layers(assessment, visits_since=date(2024, 1, 1)))
    words = texts(fig)
    assert "Where Wanted Person can travel, 1 July 2024" in words  # whom and when, even when the map is cropped
    subtitle = next(t for t in words if t.startswith("How each of the 17 states"))
    assert "1 home · 12 open · 4 closed" in subtitle
    legend = fig.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[:3] == [TIER_LABELS["home"], TIER_LABELS["open"], TIER_LABELS["closed"]]  # only tiers in use
    assert DISPUTED_LABEL in labels and NO_DATA_LABEL in labels
    assert any(label.startswith("City visited, 1 Jan 2024 – 1 Jul 2024") for label in labels)
    credit = " ".join(t for t in words if not t.startswith(("Where", "How")))
    assert kb.version in credit and METHOD_VERSION in credit
    assert "Made with Natural Earth" in credit and attribution().split()[0] in credit


def test_atlas_has_one_title_one_legend_and_a_heading_per_map(kb):
    person = find_person(kb, "wanted")
    assessments = [assess(person, day, kb) for day in (date(2023, 1, 1), date(2024, 7, 1), date(2025, 7, 1))]
    with style():
        fig = atlas_figure(person, assessments)
    words = texts(fig)
    assert words.count("Where Wanted Person could travel, 2023–2025") == 1
    assert len(fig.legends) == 1
    assert {"1 January 2023", "1 July 2024", "1 July 2025"} <= set(words)
    assert len(fig.axes) == 3


def test_a_long_title_is_set_smaller_to_fit_the_page():
    from haven.maps.figure import FIGURE_WIDTH, text_width
    from haven.maps.world import MARGIN, TITLE_SIZE, title_size

    with style():
        short = "Where Wanted Person can travel, 1 July 2024"
        long = "Where Benjamin Netanyahu can travel: The Americas, 20 September 2025 and then some more words"
        assert title_size(short) == TITLE_SIZE
        assert title_size(long) < TITLE_SIZE
        assert text_width(long, title_size(long), "bold") <= FIGURE_WIDTH - 2 * MARGIN or title_size(long) == 13


def test_timeline_title_names_the_person_and_the_years(kb):
    from haven.maps.timeline import timeline_title

    person = find_person(kb, "wanted")
    assert timeline_title(person, date(2009, 3, 4), date(2019, 4, 11)) == "Where Wanted Person could travel, 2009–2019"
    assert timeline_title(person, date(2024, 1, 1), date(2024, 6, 1)) == "Where Wanted Person could travel, 2024"


def test_atlas_grid_is_two_or_three_wide():
    assert [columns_for(n) for n in (1, 2, 3, 4, 5, 6, 9)] == [1, 2, 3, 2, 3, 3, 3]


def test_long_credit_lines_are_wrapped_to_the_width():
    with style():
        lines = wrap("word " * 200, 6.8, 9.0)
    assert len(lines) > 3 and all(len(line) < 260 for line in lines)
