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
