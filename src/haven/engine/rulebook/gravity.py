"""What a gravity model of state visits knows: how far the state's capital lies from the person's, how large
the state is, and how much the person travels. They make a visit more or less likely, nothing else."""

from __future__ import annotations

import math
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from haven.engine import weights as W
from haven.engine.rulebook.declare import CONTEXT, Effect, Subject, Words, rule
from haven.engine.rulebook.reading import for_person, untold
from haven.engine.spans import EVERY_COUNTRY, make_spans
from haven.lazy import lazy
from haven.vocabulary import VISITED_KINDS

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


@rule(CONTEXT, Words(label=lambda d: f"{d['trips']} trips abroad on record in the previous {W.ACTIVITY_DAYS} days",
                     statements=untold),
      effect=Effect(feature="travel_activity", feature_per=1.0, in_reasons=False), how="max",
      weight=f"log(1 + trips abroad made public in the last {W.ACTIVITY_DAYS} days)")
def travel_activity(s: Subject) -> pd.DataFrame:
    """How much the person has travelled abroad lately (the same for every state)."""
    rows = for_person(s.kb.table("visits"), s.person)
    rows = rows[rows["kind"].isin(VISITED_KINDS) & (rows["certainty"] != "unverified") & rows["start_on"].notna()]
    if rows.empty:
        return make_spans([])
    starts = rows["start_on"].to_numpy(dtype="datetime64[D]")
    known = np.maximum(starts, rows["held_from"].to_numpy(dtype="datetime64[D]"))
    ends = starts + np.timedelta64(W.ACTIVITY_DAYS, "D")
    keep = known < ends
    known, ends, sources = known[keep], ends[keep], rows["source"].to_numpy()[keep]
    days = np.unique(np.concatenate([known, ends]))
    spans = []
    for begin, until in pairwise(days):
        counted = (known <= begin) & (begin < ends)
        count = int(counted.sum())
        if count:
            cited = ";".join(dict.fromkeys(part for cell in sources[counted] for part in cell.split(";") if part))
            spans.append({"iso3": EVERY_COUNTRY, "begin": begin, "until": until, "value": math.log1p(count),
                          "fact": f"activity-{s.person.id}", "table": "visits", "source": cited, "when": str(begin),
                          "certainty": "confirmed", "detail": {"trips": count}})
    return make_spans(spans)
