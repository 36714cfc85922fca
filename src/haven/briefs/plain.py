"""Numbers and judgements in words a reader understands: "about one chance in ten", "unlikely to arrest him",
"Putin" after "Vladimir Putin". haven's scores are shown this way in briefs, never as raw figures."""

from __future__ import annotations

import math

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
        return f"about {cardinal(tenths)} chances in ten" if tenths != 5 else "about even chances"
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
