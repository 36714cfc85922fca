"""Small wording helpers shared by every place that writes English: dates, lists, counts, kinds of facts."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date
from typing import Any

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def day(value) -> str:
    """'2024-06-19' -> '19 June 2024'; '2022-08' -> 'August 2022'; '2004' -> '2004'; a date -> the same."""
    if missing(value):
        return ""
    if isinstance(value, date):
        value = value.strftime("%Y-%m-%d")
    match = _PARTIAL.match(str(value).strip())
    if not match:
        return str(value)
    year, month, dd = match.groups()
    if month is None:
        return year
    name = calendar.month_name[int(month)]
    return f"{name} {year}" if dd is None else f"{int(dd)} {name} {year}"


def missing(value: Any) -> bool:
    """None, a float NaN, or pandas' NaT: no value, without importing pandas."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NaTType"


def since(value) -> str:
    """'since 19 June 2024' or 'since 2004' (a bare year reads better with 'in')."""
    text = day(value)
    return f"since {text}" if text else ""


def join(items: list[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def num(n: int) -> str:
    """Small numbers in words ('five'), larger ones in figures ('123')."""
    return NUMBER_WORDS[n] if 0 < n < len(NUMBER_WORDS) else str(n)


def count(n: int, noun: str, plural: str | None = None) -> str:
    word = NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)
    return f"{word} {noun if n == 1 else (plural or noun + 's')}"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{count(n, 'time').split(' ')[0]} times")


PLURAL_NAMES = ("States", "Islands", "Philippines", "Netherlands", "Emirates", "Bahamas", "Maldives", "Seychelles", "Comoros")


def possessive(name: str) -> str:
    """'Belarus' -> "Belarus's"; 'United States' -> "United States'"."""
    return name + ("'" if name.endswith(PLURAL_NAMES) else "'s")


def on_day(value) -> str:
    """'on 19 June 2024' for a day, 'in June 2024' or 'in 2004' for a month or a year."""
    text = day(value)
    return f"on {text}" if text[:1].isdigit() and not text.isdigit() else f"in {text}" if text else ""


def span(start, end) -> str:
    """'19 June 2024', '12-13 October 2023', '30 May to 2 June 2024', '30 December 2023 to 2 January 2024'."""
    first, last = day(start), day(end)
    if not last or last == first:
        return first
    a, b = first.split(" "), last.split(" ")
    if len(a) == 3 and len(b) == 3:
        if a[1:] == b[1:]:
            return f"{a[0]}–{b[0]} {a[1]} {a[2]}"
        if a[2] == b[2]:
            return f"{a[0]} {a[1]} to {last}"
    return f"{first} to {last}"


def dates(start, end="") -> str:
    """A span with its preposition, as it runs after a verb: 'on 15 August 2025', 'on 22–24 August 2023',
    'from 31 August to 1 September 2025', 'in November 2024', 'in 2026'."""
    text = span(start, end)
    if not text:
        return ""
    if " to " in text and text[:1].isdigit():
        return f"from {text}"
    return f"on {text}" if text[:1].isdigit() and not text.isdigit() else f"in {text}"


_THE_STATES = ("United Arab Emirates", "Central African Republic", "Republic of the Congo", "Comoros", "Dominican Republic",
               "United Kingdom", "Maldives", "Marshall Islands", "Netherlands", "Philippines", "Solomon Islands",
               "Seychelles", "United States")


def country(name: str) -> str:
    """A state's name as it runs in a sentence: 'the Philippines', 'the United States', 'Belarus', 'the Gambia'
    (its listed name 'The Gambia' keeps a capital only where a sentence starts with it)."""
    if name.startswith("The "):
        return "the " + name[4:]
    return f"the {name}" if name in _THE_STATES else name


def place(city: str, country_name: str) -> str:
    """'Lima, Peru', 'San Francisco, United States': a city and its state as a dateline gives them (no article);
    'Beijing and Harbin, China' for 'Beijing; Harbin'; the state alone ('the Philippines') when no city is named
    or the city bears the state's name (Djibouti, Singapore)."""
    state = country_name[4:] if country_name.lower().startswith("the ") else country_name
    city = join([part.strip() for part in str(city or "").split(";")])
    if not city or city == state:
        return country_name
    return f"{city}, {state}"


def the(name: str) -> str:
    """Add 'the' to a name that needs it: 'the Shanghai Cooperation Organisation', 'the Treaty on ...', 'the G20
    leaders' summit'; not 'BRICS' or "Putin's visit"."""
    name = str(name).strip()
    first = name.split(" ", 1)[0]
    if not name or first.lower() == "the" or " " not in name or first.endswith(("'s", "’s")):
        return name
    return "the " + name


# Who took a stance, when the name is an institution's rather than a person's: it takes 'the' in a sentence.
_INSTITUTION_OPENERS = frozenset({
    "Government", "Ministry", "High", "Supreme", "Court", "Federal", "Official", "Hashemite", "African", "Arab",
    "Spokeswoman", "Spokesman", "Swiss", "South", "Taliban", "Presidency", "Office", "Council", "Cabinet",
    "Constitutional", "National", "Foreign", "European", "League", "Assembly", "Parliament",
})


def actor(by: str) -> str:
    """Who acted, as a sentence names them: 'the Government of Hungary', "the ICC's Pre-Trial Chamber II",
    'the African Union Assembly'; a person ('President Donald Trump', 'Viktor Orbán, ...') as given."""
    by = str(by or "").strip()
    first = by.split(" ", 1)[0]
    if first == "ICC" and " " in by:
        return "the ICC's " + by.split(" ", 1)[1]
    if first in _INSTITUTION_OPENERS:
        rest = by.split(" ", 1)
        return "the " + (rest[0].lower() if rest[0] in ("Official", "Spokeswoman", "Spokesman") else rest[0]) + (
            " " + rest[1] if len(rest) > 1 else "")
    return by


# Capitalised common words that open some descriptions in the data; lowered when the text runs on in a sentence.
_COMMON_OPENERS = frozenset({
    "artillery", "licensed", "use", "machine", "up", "air", "bombs", "foreign", "peacekeeping", "navy", "naval",
    "operational", "rotating", "missiles", "drones", "weapons", "troops", "military", "about",
})


def run_on(text: str) -> str:
    """Lower the first letter of a description that starts with a common word ('Artillery shells' -> 'artillery shells')."""
    text = str(text).strip()
    first = text.split(" ", 1)[0].strip(",;:")
    if first.lower() in _COMMON_OPENERS and first[:1].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def sentence(text: str) -> str:
    """Capitalise the first letter and end with one full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


TREATY_KINDS = {
    "defence-treaty": "defence treaty",
    "strategic-partnership": "strategic partnership",
    "friendship-treaty": "friendship treaty",
    "basing-agreement": "basing agreement",
    "military-cooperation": "military cooperation agreement",
    "joint-statement": "joint statement",
}
PRESENCE_KINDS = {
    "base": "a military base",
    "facility": "a military facility",
    "deployed-forces": "deployed forces",
    "peacekeepers": "peacekeepers",
    "paramilitary": "paramilitary forces",
    "weapons": "weapons",
}
SUPPORT_WHAT = {
    "drones": "drones",
    "munitions": "munitions",
    "missiles": "missiles",
    "troops": "troops",
    "dual-use-goods": "dual-use goods",
    "territory": "the use of its territory",
    "production-licence": "a production licence",
    "weapons": "weapons",
    "fuel": "fuel",
    "financing": "military financing",
}
VOTE_WORDS = {"N": "voted against", "A": "abstained on", "X": "did not vote on", "Y": "voted for"}
TRIP_KINDS = {"visit": "visit", "summit": "summit", "transit": "stopover"}
ROLE_WORDS = {
    "member": "a member", "party": "a party", "observer": "an observer", "partner": "a partner",
    "dialogue-partner": "a dialogue partner", "associate": "an associate", "participant": "a participant",
    "invited": "an invited state", "suspended": "a suspended member",
}
CHANGE_KINDS = {
    "collapse": "collapsed", "coup": "was overthrown in a coup", "revolution": "fell in a revolution",
    "election": "changed after an election", "capture": "lost its leader, who was captured",
    "transition": "changed in a transition",
}
