"""Hostile text at the parsers every command and endpoint shares: any string gives a value or one of haven's own
errors (one line, exit code 2), never another exception, and an error line stays one readable line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.cli.app import readable
from haven.dates import EARLIEST, LATEST, parse_day, parse_period
from haven.errors import BadDate, UnknownCountry, UnknownPerson
from haven.persons import find_person
from tests.maps.conftest import wanted_world

# text a careless or hostile user types: anything, or date-like strings with the odd character changed
HOSTILE = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"\A[0-9+\-]{0,6}-[0-9]{1,3}-[0-9]{1,3}(T[0-9:]{0,8})?\Z"),
    st.sampled_from(["", " ", "\x00", "today", "0000-01-01", "99999-01-01", "2024-02-30", "2024-06-24T00:00",
                     "\uff12\uff10\uff12\uff14-01-01", "2024-06-24\x00", "\u200bputin", "put\u0456n", "PRK", "Q7747"]),
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    from haven.knowledge import load

    return load(wanted_world().write(tmp_path_factory.mktemp("fuzz") / "kb"), use_cache=False)


@FAST
@given(text=HOSTILE)
def test_a_date_is_in_range_or_bad_date(text):
    try:
        day = parse_day(text, default=date(2024, 6, 24))
    except BadDate as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert EARLIEST <= day <= LATEST
        assert text in ("today",) or day.isoformat() == text.strip()


@FAST
@given(text=HOSTILE)
def test_a_period_is_positive_or_bad_date(text):
    try:
        step = parse_period(text)
    except BadDate:
        return
    assert 1 <= step.days <= (LATEST - EARLIEST).days


@FAST
@given(text=HOSTILE)
def test_a_person_is_found_or_unknown(kb, text):
    try:
        person = find_person(kb, text)
    except UnknownPerson as exc:
        assert str(exc)
    else:
        assert person.id == "wanted" and text.strip()


@FAST
@given(text=HOSTILE)
def test_a_country_is_resolved_or_unknown(kb, text):
    try:
        iso3 = kb.countries.resolve(text)
    except UnknownCountry as exc:
        assert str(exc)
    else:
        assert len(iso3) == 3 and iso3.isupper()


@FAST
@given(text=st.text(max_size=600))
def test_an_error_line_is_one_printable_bounded_line(text):
    line = readable(f"unknown person {text!r}: known persons are x")
    assert "\n" not in line and line.isprintable()
    assert max(map(len, line.split()), default=0) <= 200  # an echoed input over 200 characters is cut in the middle
