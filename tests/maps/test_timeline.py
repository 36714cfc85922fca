from datetime import date

import pytest

from haven.errors import BadDate
from haven.maps.timeline import (
    COLUMNS,
    candidate_events,
    daily_counts,
    date_grid,
    default_window,
    effective_events,
    group_events,
    parse_every,
    render_timeline,
    tier_counts,
)
from haven.persons import find_person


def test_monthly_grid_keeps_the_day_and_ends_on_the_last_date():
    days = date_grid(date(2024, 1, 31), date(2024, 5, 15), "month")
    assert days == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 15)]


@pytest.mark.parametrize("text, expected", [("month", ("months", 1)), ("3m", ("months", 3)), ("1y", ("months", 12)),
                                            ("30d", ("days", 30)), ("1w", ("days", 7)), ("2 weeks", ("days", 14))])
def test_steps(text, expected):
    assert parse_every(text) == expected


@pytest.mark.parametrize("text", ["fortnight", "", "0d", "-1m"])
def test_bad_steps_are_refused(text):
    with pytest.raises(BadDate):
        parse_every(text)


def test_from_after_to_is_refused():
    with pytest.raises(BadDate):
        date_grid(date(2025, 1, 1), date(2024, 1, 1))


def test_every_row_counts_every_assessed_state(kb):
    person = find_person(kb, "wanted")
    frame = tier_counts(person, date_grid(date(2022, 1, 1), date(2025, 12, 31), "month"), kb)
    assert list(frame.columns) == COLUMNS == ["date", "home", "ally", "open", "risky", "closed"]
    assert (frame[COLUMNS[1:]].sum(axis=1) == len(kb.countries.states())).all()
    assert frame.iloc[0]["closed"] == 0 and frame.iloc[-1]["closed"] == 3  # DEU, DNK, UKR; Hungary has left


def test_default_window_starts_at_the_first_warrant(kb):
    person = find_person(kb, "wanted")
    assert default_window(person, kb, None, date(2025, 1, 1)) == (date(2023, 3, 17), date(2025, 1, 1))


def test_default_window_without_a_warrant_is_five_years(world, tmp_path):
    kb = world.load(tmp_path / "kb")
    person = find_person(kb, "wanted")
    assert default_window(person, kb, None, date(2025, 1, 1)) == (date(2020, 1, 1), date(2025, 1, 1))


def test_only_events_that_moved_the_counts_are_kept(kb):
    person = find_person(kb, "wanted")
    start, end = date(2023, 1, 1), date(2025, 12, 31)
    events = candidate_events(person, kb, start, end)
    labels = {e.label for e in events}
    assert {"ICC warrant", "Ukraine joins ICC", "Treaty with North Korea in force", "Hungary leaves ICC"} <= labels
    assert "Coup in Syria" not in labels  # a coup that does not break with the person's state changes nothing
    kept = {e.label: delta for e, delta in effective_events(person, kb, date_grid(start, end), events)}
    assert kept["ICC warrant"] == {"open": -3, "closed": 3}  # Germany, Denmark, Hungary
    assert kept["Ukraine joins ICC"] == {"open": -1, "closed": 1}
    assert kept["Treaty with North Korea in force"] == {"ally": 1, "open": -1}
    assert kept["Hungary leaves ICC"] == {"open": 1, "closed": -1}


def test_close_icc_events_share_one_label(kb):
    person = find_person(kb, "wanted")
    start, end = date(2023, 1, 1), date(2025, 12, 31)
    kept = effective_events(person, kb, date_grid(start, end), candidate_events(person, kb, start, end))
    marks = {m.label: m for m in group_events(kept, min_gap_days=400)}
    assert "Ukraine joins ICC" in marks  # one join: named
    wide = {m.label for m in group_events(kept, min_gap_days=10_000)}
    assert "Ukraine joins ICC" in wide and "Hungary leaves ICC" in wide  # joins and leaves never merge


def test_a_stance_that_moved_the_counts_is_annotated(world, tmp_path):
    world.add("warrants", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    world.add("memberships", organisation="ICC", iso3="HUN", role="party", start="2002-07-01")
    world.add("stances", country="HUN", person="wanted", kind="will-not-arrest", by="Government",
              summary="Will not arrest.", start="2024-10-01")
    kb = world.load(tmp_path / "kb")
    person = find_person(kb, "wanted")
    start, end = date(2023, 1, 1), date(2025, 6, 30)
    kept = {e.label: d for e, d in effective_events(person, kb, date_grid(start, end),
                                                    candidate_events(person, kb, start, end))}
    assert kept["Hungary will not arrest"] == {"risky": 1, "closed": -1}


def test_the_chart_counts_step_on_the_day_of_each_event(kb):
    person = find_person(kb, "wanted")
    daily = daily_counts(person, date(2023, 1, 1), date(2025, 12, 31), kb)
    assert list(daily.columns) == COLUMNS
    rows = daily.set_index("date")
    # the warrant (17 March 2023), Ukraine joining the ICC (15 June 2024), the treaty (4 December 2024) and
    # Hungary leaving (2 June 2025) each move the counts on their own day, not on the 1st of a month
    assert {"2023-03-17", "2024-06-15", "2024-12-04", "2025-06-02"} <= set(rows.index)
    assert rows.loc["2024-06-15", "closed"] == daily.iloc[daily.index[daily["date"] == "2024-06-15"][0] - 1]["closed"] + 1
    assert daily.iloc[0]["date"] == "2023-01-01" and daily.iloc[-1]["date"] == "2025-12-31"
    monthly = tier_counts(person, date_grid(date(2023, 1, 1), date(2025, 12, 31), "month"), kb).set_index("date")
    for day, row in monthly.iterrows():  # the same counts as the grid wherever both have a row
        before = daily[daily["date"] <= day].iloc[-1]
        assert list(before[COLUMNS[1:]]) == list(row[COLUMNS[1:]]), day


def test_daily_counts_over_decades_are_chunked_and_complete(kb):
    person = find_person(kb, "wanted")
    daily = daily_counts(person, date(1990, 1, 1), date(2025, 12, 31), kb)
    assert (daily[COLUMNS[1:]].sum(axis=1) == len(kb.countries.states())).all()
    assert daily["date"].is_monotonic_increasing and daily["date"].is_unique


def test_the_chart_is_drawn_day_by_day_whatever_the_step(kb, tmp_path):
    person = find_person(kb, "wanted")
    out = tmp_path / "t.svg"
    frame = render_timeline(person, kb, date(2023, 1, 1), date(2025, 12, 31), "3m", out)
    assert "2024-06-15" in set(frame["date"])
    assert "day by day" in out.read_text(encoding="utf-8")
