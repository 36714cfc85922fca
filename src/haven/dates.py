"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) and the cautious way haven reads them.

A partial date is a range of days. Beginnings are read at the last day they could be and ends at the first,
so that an "as of D" answer never rests on something that might not yet have happened on D.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from haven.errors import BadDate
from haven.words import missing

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # fromisoformat alone also takes 20240624 and 2024-W26-1

# The as-of dates a user may ask about, the same for the CLI, the Python API and the web API (and its schema).
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
DATE_RANGE = f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"


def date_range(text: str) -> tuple[date, date]:
    """First and last day a partial date can mean; raises ValueError if it is not one."""
    match = PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    if month_text is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(month_text)
    if day_text is None:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    exact = date(year, month, int(day_text))
    return exact, exact


def latest(text: str | None) -> date | None:
    return date_range(text)[1] if text else None


def parse_day(value: str | date | None, *, default: date | None = None) -> date:
    """A full date given by a user (CLI, API, Python call) within EARLIEST..LATEST; 'today' and None fall back
    to `default`. A date object passes through the same range check. A blank string is refused: an empty
    `--on ""` is most often an unset shell variable, and answering for today instead would be a silent guess."""
    if isinstance(value, date):
        return in_range(value)
    if isinstance(value, str) and not value.strip():
        raise BadDate("empty date: give one as YYYY-MM-DD, e.g. 2024-06-24")
    if value is None or value == "today":
        if default is None:
            raise BadDate("a date is required (YYYY-MM-DD)")
        return in_range(default)
    if not isinstance(value, str) or not ISO_DAY.match(value.strip()):
        raise BadDate(f"bad date {value!r}: use YYYY-MM-DD, e.g. 2024-06-24")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise BadDate(f"bad date {value!r}: use YYYY-MM-DD, e.g. 2024-06-24") from None
    return in_range(day)


def in_range(day: date) -> date:
    """`day` itself, or BadDate when it lies outside the dates haven answers for."""
    if not EARLIEST <= day <= LATEST:
        raise BadDate(f"date {day.isoformat()} is out of range: use a date from {DATE_RANGE}")
    return day


def parse_period(text: str) -> timedelta:
    """'90d', '12w', '365d', '1y', 'month' -> a step length; months and years are approximate in days."""
    match = re.fullmatch(r"(\d*)\s*(d|w|m|y|day|week|month|year)s?", text.strip().lower())
    if not match:
        raise BadDate(f"bad period {text!r}: use e.g. 30d, 12w, 1m, 1y")
    count = int(match.group(1) or 1)
    if count < 1:
        raise BadDate(f"bad period {text!r}: it must be at least one day, e.g. 1d")
    unit = match.group(2)[0]
    days = count * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
    if days > (LATEST - EARLIEST).days:
        raise BadDate(f"bad period {text!r}: longer than the dates haven answers for ({DATE_RANGE})")
    return timedelta(days=days)


def day_of(value) -> date | None:
    """A table cell as a date: None for an empty cell (None, NaN, NaT), a timestamp's day, a date as it is."""
    if missing(value):
        return None
    return value.date() if hasattr(value, "date") else value
