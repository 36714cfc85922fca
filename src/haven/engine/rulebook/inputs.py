"""Rules that read a context input a caller declared (`haven.engine.context`), not the knowledge base."""

from __future__ import annotations

from typing import TYPE_CHECKING

from haven.engine import weights as W
from haven.engine.context import REACHABILITY, Reachability
from haven.engine.rulebook.declare import CONTEXT, Detail, Effect, Subject, Words, rule
from haven.engine.rulebook.reading import BORDERS_SOURCE, as_labels
from haven.engine.spans import make_spans

if TYPE_CHECKING:
    import pandas as pd

ACCESS_VALUES = {"exposed-only": 1.0, "unreachable": 2.0}


def _access_label(d: Detail) -> str:
    text = "reachable only across exposed airspace" if d["status"] == "exposed-only" else "not reachable without closed airspace"
    return text + (f" ({d['crossed']})" if d.get("crossed") else "")


@rule(CONTEXT, Words(label=_access_label, statements=as_labels),
      effect=Effect(visit_log_odds={ACCESS_VALUES[k]: v for k, v in W.ACCESS.items()}), how="max",
      weight=f"visit log-odds {W.ACCESS} (only with --routes)", needs=REACHABILITY)
def airspace_access(s: Subject) -> pd.DataFrame:
    """The person's aircraft can reach the state only across airspace where a forced landing risks arrest, or not at all."""
    reach: Reachability = s.inputs[REACHABILITY]
    return make_spans([
        {"iso3": iso3, "begin": reach.on, "until": reach.until, "value": ACCESS_VALUES[status],
         "fact": f"route-{s.home}-{iso3}".lower(), "table": "routes", "source": BORDERS_SOURCE, "when": reach.on.isoformat(),
         "certainty": "confirmed", "detail": {"status": status, "crossed": reach.crossed.get(iso3, "")}}
        for iso3, status in sorted(reach.status.items()) if status in ACCESS_VALUES
    ])
