"""What a gravity model of state visits knows: how far the state's capital lies from the person's, and how
large the state is. They make a visit more or less likely, nothing else. (How much the person travels, the
traveller's own mass, is the feature `travel_activity` that `recent_visits` declares: its trips summed over the
states.)"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from haven.engine import weights as W
from haven.engine.rulebook.declare import CONTEXT, Effect, Subject, Words, rule
from haven.engine.rulebook.reading import untold
from haven.engine.spans import make_spans
from haven.lazy import lazy

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy("pandas")

GRAVITY_SOURCE = "natural-earth"  # the sources row behind the bundled geography
ALWAYS = "1900-01-01"


def _static(s: Subject, value, detail) -> pd.DataFrame:
    from haven.geo.gravity import places

    table = places()
    home = table.get(s.home)
    rows = []
    for iso3, place in sorted(table.items()):
        found = value(home, place)
        if found is None or iso3 == s.home:
            continue
        rows.append({"iso3": iso3, "begin": ALWAYS, "until": None, "value": found, "fact": f"gravity-{iso3}".lower(),
                     "table": "gravity", "source": GRAVITY_SOURCE, "when": "", "certainty": "confirmed",
                     "detail": detail(home, place, found)})
    return make_spans(rows)


def _km(home, place) -> float | None:
    from haven.geo.gravity import distance_km

    return None if home is None else distance_km(home, place)


@rule(CONTEXT, Words(label=lambda d: f"capital {d['km']:,} km from {d['from']}", statements=untold),
      effect=Effect(feature="distance", feature_per=1.0, in_reasons=False), how="max",
      weight=f"log10 of the great-circle km between capitals (at least {W.MIN_DISTANCE_KM:g})")
def distance(s: Subject) -> pd.DataFrame:
    """How far the state's capital lies from the person's capital."""
    def value(home, place) -> float | None:
        km = _km(home, place)
        return None if km is None else math.log10(max(km, W.MIN_DISTANCE_KM))

    return _static(s, value, lambda home, place, _: {"km": round(_km(home, place) or 0), "from": home.capital, "to": place.capital})


@rule(CONTEXT, Words(label=lambda d: f"GDP about {d['gdp_busd']:,} billion US dollars ({d['year']})", statements=untold),
      effect=Effect(feature="host_size", feature_per=1.0, in_reasons=False), how="max",
      weight="log10 of GDP in millions of US dollars")
def host_size(s: Subject) -> pd.DataFrame:
    """How large the state's economy is: larger states draw more visits."""
    return _static(s, lambda _, place: math.log10(place.gdp_musd) if place.gdp_musd else None,
                   lambda _, place, __: {"gdp_busd": round((place.gdp_musd or 0) / 1000), "year": place.gdp_year})
