"""Numbers and judgements in words a reader understands: "about one chance in ten", "unlikely to arrest him",
"Putin" after "Vladimir Putin". haven's scores are shown this way in briefs, never as raw figures."""

from __future__ import annotations

import math
import re

from haven import words as w

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# "one chance in N": the N a reader can picture, nearest to 1/p on a log scale
_ODDS = (3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100)


def cardinal(n: int) -> str:
    """0-99 in words ('fourteen', 'twenty-one'); larger numbers in figures."""
    if 0 <= n < 20:
        return _ONES[n]
    if 20 <= n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    return f"{n:,}"


def number(n: int) -> str:
    """A count inside a sentence: words up to ten, figures above (newsroom style)."""
    return _ONES[n] if 0 <= n <= 10 else f"{n:,}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'one state', 'three states', '125 states', 'no state'."""
    if n == 0:
        return f"no {noun}"
    return f"{number(n)} {noun if n == 1 else (plural or noun + 's')}"


def opening_count(n: int, noun: str, plural: str | None = None) -> str:
    """A count that opens a sentence, never in figures: 'Fourteen states', '125 states' becomes 'A total of 125 states'."""
    if n == 0:
        return f"No {noun}"
    text = f"{cardinal(n)} {noun if n == 1 else (plural or noun + 's')}"
    return w.sentence(text).rstrip(".") if n < 100 else f"A total of {n:,} {plural or noun + 's'}"


def chance(p: float) -> str:
    """A probability as odds a reader can picture: 'about one chance in ten', 'about seven chances in ten'."""
    if p <= 0:
        return "no chance on record"
    if p < 0.01:
        return "less than one chance in a hundred"
    if p >= 0.95:
        return "near certainty"
    if p >= 0.35:
        tenths = min(9, int(p * 10 + 0.5))
        return f"about {cardinal(tenths)} chances in ten" if tenths != 5 else "about an even chance"
    n = min(_ODDS, key=lambda k: abs(math.log(k) + math.log(p)))
    return f"about one chance in {cardinal(n)}" if n < 100 else "about one chance in a hundred"


def likely(p: float) -> str:
    """A probability as a judgement: 'very unlikely', 'unlikely', 'about as likely as not', 'likely', 'very likely'."""
    if p < 0.1:
        return "very unlikely"
    if p < 0.35:
        return "unlikely"
    if p < 0.65:
        return "about as likely as not"
    if p < 0.9:
        return "likely"
    return "very likely"


def short_name(name: str) -> str:
    """The name a news story uses after the first mention: the family name of a two-word name ('Putin',
    'al-Bashir'); longer names (Burmese, Arabic, Pashto) stay whole, as no rule picks their short form safely."""
    parts = name.split()
    return parts[-1] if len(parts) == 2 else name


TIER_PHRASES = {
    "ally": "ally",
    "open": "open",
    "risky-obliged": "bound to arrest, but may not",
    "closed-obliged": "bound to arrest",
    "risky": "hostile",
    "closed": "closed",
    "home": "home",
}


DISPUTED = "disputed"  # obliged_to_arrest where authoritative sources conflict on the duty


def bound(verdict) -> bool:
    """Settled: the state must arrest (a disputed duty is not settled either way)."""
    return verdict.obliged_to_arrest is True


def disputed(verdict) -> bool:
    return verdict.obliged_to_arrest == DISPUTED


def tier_phrase(tier: str, obliged: bool | str) -> str:
    """How a brief names a tier: 'ally', 'bound to arrest, but may not', 'hostile', 'duty to arrest disputed'."""
    if obliged == DISPUTED:
        return "duty to arrest disputed"
    key = f"{tier}-obliged" if obliged is True and tier in ("risky", "closed") else tier
    return TIER_PHRASES[key]


# --- prose: the data's shorthand as an article writes it ------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH = "|".join(_MONTHS)
_ABBREVIATED = {m[:3]: m for m in _MONTHS} | {"Sept": "September"}
_ISO_RANGE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})/(\d{2})\b")  # 2016-07-17/18
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ISO_MONTH = re.compile(r"(?<![\w-])(\d{4})-(\d{2})(?![\w-])")
_SHORT_MONTH = re.compile(r"(?<=\d )(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?|"
                          r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?(?= \d{4})")
_DATE = rf"(?:\d{{1,2}} )?(?:{_MONTH})(?: \d{{4}})?"
_DATE_RANGE = re.compile(rf"({_DATE}) ?- ?((?:\d{{1,2}} )?(?:{_MONTH}) \d{{4}})")
_SHORTHAND = {"incl.": "including", "approx.": "about", "arts.": "articles", "art.": "article"}
_SHORTHAND_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _SHORTHAND) + r")(?=\s)")
# words that may open a description after a colon; lowered there ("...: Fighter jets" -> "...: fighter jets")
_OPENERS = frozenset({"a", "an", "the", "arms", "fighter", "free", "small-arms", "artillery", "air", "drones",
                      "weapons", "troops", "military", "missiles", "munitions", "machine", "navy", "naval", "about",
                      "up", "use", "licensed", "operational", "rotating", "bombs", "foreign", "peacekeeping"})
_AFTER_COLON = re.compile(r"(?<=: )([A-Z][a-z-]*)\b")


def _month_name(month: str) -> str | None:
    return _MONTHS[int(month) - 1] if 1 <= int(month) <= 12 else None


def _iso_range(m: re.Match) -> str:
    name = _month_name(m[2])
    return f"{int(m[3])}–{int(m[4])} {name} {m[1]}" if name else m[0]


def _iso_day(m: re.Match) -> str:
    name = _month_name(m[2])
    return f"{int(m[3])} {name} {m[1]}" if name and 1 <= int(m[3]) <= 31 else m[0]


def _iso_month(m: re.Match) -> str:
    name = _month_name(m[2])
    return f"{name} {m[1]}" if name else m[0]


def prose(text: str) -> str:
    """The data's shorthand in words: ISO dates ('2024-07-24' -> '24 July 2024'), short months ('Oct 2023'),
    ranges ('Oct 2023 - May 2024' -> 'October 2023 to May 2024'), 'incl.', and a capital after a colon where
    a common word opens a description. Names and figures are left as they are."""
    text = _ISO_RANGE.sub(_iso_range, text)
    text = _ISO_DAY.sub(_iso_day, text)
    text = _ISO_MONTH.sub(_iso_month, text)
    text = _SHORT_MONTH.sub(lambda m: _ABBREVIATED[m[1] or m[2]], text)
    text = _DATE_RANGE.sub(r"\1 to \2", text)
    text = _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m[1]], text)
    return _AFTER_COLON.sub(lambda m: m[1].lower() if m[1].lower() in _OPENERS else m[1], text)


class Shortener:
    """Uses the person's full name once, then the short one ('Vladimir Putin', then 'Putin'), as a story does."""

    def __init__(self, name: str, short: str):
        self.name, self.short, self.used = name, short, False

    def __call__(self, text: str) -> str:
        if self.name == self.short or self.name not in text:
            return text
        if not self.used:
            self.used = True
            head, sep, tail = text.partition(self.name)
            return head + sep + tail.replace(self.name, self.short)
        return text.replace(self.name, self.short)


_RANGE_TITLE = re.compile(r"^(.*?),? \(?(\d{4})\s*[-–]\s*(\d{4})\)?$")


def title_on(title: str, on) -> str:
    """The person's title as it read on the date: 'President of Sudan 1989-2019' is 'President of Sudan since
    1989' in 2015 (a later end would leak the future) and 'former President of Sudan (1989–2019)' in 2020."""
    title = str(title or "").strip()
    if title.startswith("Former "):
        title = "former " + title[7:]
    m = _RANGE_TITLE.match(title)
    if not m:
        return title
    office, first, last = m[1], int(m[2]), int(m[3])
    if on.year < first:
        return ""
    if on.year < last:
        return f"{office} since {first}"
    if on.year == last:
        return office
    return f"former {office} ({first}–{last})"
