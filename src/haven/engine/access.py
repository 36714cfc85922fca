"""Whether the person's aircraft can reach each state, as an explained rule.

The engine does not plan flights: the routes view does (`haven.routes.reachability`). A caller that has a
reachability table passes it to `assess(..., access=...)`, and this module turns it into one more rule, so the
verdicts explain it like any other fact: a destination reachable only across exposed airspace, or not at all
without closed airspace, is less likely to be visited. Tiers do not change: they are about the destination.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Mapping

import pandas as pd

from haven.engine import weights as W
from haven.engine.model import Model
from haven.engine.rules import BORDERS_SOURCE, Rule
from haven.engine.spans import make_spans, pack

RULE = "airspace_access"
STATUSES = {"exposed-only": 1.0, "unreachable": 2.0}


def _no_facts(subject) -> pd.DataFrame:
    """The person's aircraft can reach the state only across airspace where a forced landing risks arrest, or not at all."""
    return make_spans([])  # nothing in the knowledge base: the spans come from the caller's reachability table


ACCESS_RULE = Rule(RULE, "context", _no_facts, "max")


def with_access(model: Model, access: Mapping[str, str], on: date, crossed: Mapping[str, str] | None = None) -> Model:
    """The model plus one rule whose spans, for the single day `on`, mark states that are hard to reach.

    `access` maps iso3 to "clean", "exposed-only" or "unreachable"; `crossed` may name the airspaces in the way."""
    crossed = crossed or {}
    records = [
        {"iso3": iso3, "begin": on, "until": on + timedelta(days=1), "value": STATUSES[status],
         "fact": f"route-{model.subject.home}-{iso3}".lower(), "table": "routes", "source": BORDERS_SOURCE, "when": on.isoformat(),
         "label": ("reachable only across exposed airspace" if status == "exposed-only" else "not reachable without closed airspace")
         + (f" ({crossed[iso3]})" if crossed.get(iso3) else ""),
         "certainty": "confirmed"}
        for iso3, status in sorted(access.items()) if status in STATUSES
    ]
    spans = make_spans(records)
    return replace(
        model,
        rules=(*model.rules, ACCESS_RULE),
        spans={**model.spans, RULE: spans},
        packed={**model.packed, RULE: pack(spans, model.countries)},
        columns={**model.columns, RULE: tuple(spans[c].to_numpy(dtype=object) for c in ("iso3", "label", "certainty"))},
    )


def access_penalty(matrix):
    """Log-odds added to visit_likelihood: fixed priors, not fitted (the trips ledger has too few such cases)."""
    return (matrix == STATUSES["exposed-only"]) * W.ACCESS["exposed-only"] + (matrix == STATUSES["unreachable"]) * W.ACCESS["unreachable"]
