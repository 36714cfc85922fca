"""haven beside the crowds: every recorded crowd or market forecast (crowd_forecasts.csv) of a question that
resolved yes or no, with haven's own forecast of the same question as of the same day, both scored by Brier.

A question about an event is asked as `haven forecast --event` while the event lies ahead, else as a visit
to its state within the rest of the question's window; a question about a state, as a visit within
(day, close]. A price quoted on the question's last day is set beside haven's answer of the day before
(haven answers for the days after its as-of day, so it knows less than the crowd did). `meeting-in-country`
questions (a meeting with a named counterpart in that state) are scored against haven's visit forecast, which is
an upper bound for them: the comparison is marked. Questions about arrests, partial days and unresolved or void
questions are left out.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from haven.dates import ISO_DAY, date_range
from haven.engine import forecaster
from haven.engine.record import crowd_record
from haven.errors import HavenError
from haven.knowledge import KnowledgeBase
from haven.words import missing

ASKS = ("visit", "meeting-in-country")
COLUMNS = ["question", "forecast", "platform", "person", "country", "event", "asks", "on", "closes", "resolution",
           "crowd", "haven", "crowd_brier", "haven_brier", "note"]


def compare(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per crowd forecast haven can answer beside it."""
    questions, forecasts = crowd_record(kb)
    rows = []
    for f in forecasts:
        q = questions.get(f["question"])
        if q is None or q["asks"] not in ASKS or q["resolution"] not in ("yes", "no") or not q["country"]:
            continue
        if not ISO_DAY.match(str(f["on"])):
            continue
        on = date.fromisoformat(f["on"])
        closes = date_range(q["closes"])[1]
        try:
            answer, note = _haven(kb, q, on, closes)
        except HavenError as exc:
            rows.append({**_base(q, f, on, closes), "haven": None, "haven_brier": None, "note": f"not answered: {exc}"})
            continue
        outcome = 1.0 if q["resolution"] == "yes" else 0.0
        crowd = float(f["probability"])
        rows.append({**_base(q, f, on, closes), "haven": round(answer, 4), "haven_brier": round((answer - outcome) ** 2, 6),
                     "note": note + ("; haven's visit forecast is an upper bound for a meeting" if q["asks"] != "visit" else "")})
        rows[-1]["crowd_brier"] = round((crowd - outcome) ** 2, 6)
    return pd.DataFrame(rows, columns=COLUMNS)


def _base(q: dict, f: dict, on: date, closes: date) -> dict:
    outcome = 1.0 if q["resolution"] == "yes" else 0.0
    return {"question": q["id"], "forecast": f["id"], "platform": q["platform"], "person": q["person"],
            "country": q["country"], "event": q["event"], "asks": q["asks"], "on": on.isoformat(),
            "closes": closes.isoformat(), "resolution": q["resolution"], "crowd": float(f["probability"]),
            "crowd_brier": round((float(f["probability"]) - outcome) ** 2, 6)}


def _haven(kb: KnowledgeBase, q: dict, on: date, closes: date) -> tuple[float, str]:
    teller = forecaster(kb, q["person"])
    note = ""
    if closes <= on:  # a price quoted on the last day: haven answers for the days after its as-of day
        on, note = on - timedelta(days=1), "; asked the day before"
    if q["event"]:
        event = teller.event(q["event"])
        if on < event.start_last:
            return teller.event_forecast(q["event"], on).probability, "event question" + note
    return teller.forecasts([(q["country"], on, closes)])[0].probability, "visit within the window" + note


def summary(frame: pd.DataFrame) -> dict:
    scored = frame[frame["haven"].notna()]
    return {"forecasts": len(frame), "scored": len(scored),
            "crowd_brier": None if scored.empty else round(float(scored["crowd_brier"].mean()), 6),
            "haven_brier": None if scored.empty else round(float(scored["haven_brier"].mean()), 6),
            "rows": [{k: (None if missing(v) else v) for k, v in r.items()}
                     for r in frame.to_dict("records")]}
