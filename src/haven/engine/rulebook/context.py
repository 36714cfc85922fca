"""Context: what makes a trip more or less likely without binding the states together or changing the tier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haven import words as w
from haven.engine.evidence import Statement, cited
from haven.engine.rulebook.declare import (
    CONTEXT,
    Effect,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.rulebook.reading import BORDERS_SOURCE
from haven.engine.spans import make_spans

if TYPE_CHECKING:
    import pandas as pd


def _border(told: Told) -> list[Statement]:
    items = told.finding.counted_evidence()
    if not items:
        return []
    return [Statement(w.sentence(f"{told.country} shares a land border with {told.home}"), cited(*items))]


@rule(CONTEXT, Words(label=lambda d: f"shares a land border with {d['home']}", statements=_border),
      effect=Effect(feature="neighbour"), how="max")
def neighbour(s: Subject) -> pd.DataFrame:
    """The state shares a land border with the person's state."""
    from haven.geo.borders import land_borders

    others = sorted(b for a, b in land_borders() if a == s.home)
    return make_spans([{"iso3": iso3, "begin": "1900-01-01", "until": None, "value": 1.0, "fact": f"border-{s.home}-{iso3}".lower(),
                        "table": "boundaries", "source": BORDERS_SOURCE, "when": "", "certainty": "confirmed",
                        "detail": {"home": s.home, "other": iso3}} for iso3 in others])


def _through(told: Told) -> list[Statement]:
    items = told.finding.counted_evidence()
    if not items:
        return []
    names = items[0].detail["names"]
    return [Statement(w.sentence(f"{told.country} can be reached only through {names}, whose duty and risks a visit "
                                 "meets on the way"), cited(*items))]


@rule(CONTEXT, Words(label=lambda d: f"reached only through {d['names']}", statements=_through),
      effect=Effect(gateway=True), how="max")
def entered_through(s: Subject) -> pd.DataFrame:
    """The state can be reached only by entering another (an enclave with no airport and no coast)."""
    rows = s.kb.table("countries")
    rows = rows[rows["entered_through"] != ""]
    spans = []
    for iso3, through, source in zip(rows["iso3"], rows["entered_through"], rows["source"], strict=True):
        gates = [g for g in str(through).split(";") if g]
        names = " or ".join(s.kb.countries.name(g) for g in gates)
        spans.append({"iso3": iso3, "begin": "1900-01-01", "until": None, "value": 1.0,
                      "fact": f"entered-through-{iso3}".lower(), "table": "countries", "source": source, "when": "",
                      "certainty": "confirmed", "detail": {"through": gates, "names": names}})
    return make_spans(spans)
