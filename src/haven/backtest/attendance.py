"""Attendance: every past event with a known outcome for a person, forecast 30, 60 and 90 days before it began,
against what the person did (in person: 1; by video, through a representative, or declined: 0).

Left out: events called off (cancelled, postponed) or met only online (nothing to attend in person), outcomes only
announced (`expected`: what the person then did is not on record), outcomes marked unverified, events in the
person's own state, events not yet over by `today`, and events that were not the person's to attend on the as-of
day (`Event.concerns`: his state neither a member nor invited, or suspended, or a leaders' meeting when he did not
lead it), which the forecast answers with 0 by rule. Each is asked as `haven
forecast --event` asks it: the event's venue and dates are the question's premise, so an event not yet public on
the as-of day is scored too (scope `all`); scope `known` keeps the events public by then, the questions one could
have asked from the calendar alone.

Methods, on the same rows:
- `haven-forward`: the forecast with the attendance model refitted on each as-of day on the samples whose
  outcome was known by then (and whose own as-of day had passed); no score before `MIN_EVENTS` outcomes;
- `haven-shipped`: the coefficients in fitted.json (fitted on these very rows: in-sample, for the wiring);
- `icc-rule` (1 - obliged to arrest at the venue), `prior-visits` (trips to the host in the two years before),
  rankings only; `not-obliged`: attends (probability 1) whenever the venue is not obliged to arrest, else 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from haven.backtest.labels import counted_trips, visits_before
from haven.backtest.metrics import EPSILON, brier, logloss, roc_auc, roc_auc_interval
from haven.engine import forecaster, record
from haven.engine.calendar import IN_PERSON, NO_ANSWER
from haven.engine.forecast import ATTENDANCE_FEATURES, Forecaster, announced_chance
from haven.knowledge import KnowledgeBase
from haven.persons import Person, all_persons

HORIZONS = (30, 60, 90)
MIN_EVENTS = 20  # a forward model is fitted once this many outcomes (both kinds present) are known
C = 1.0
DECIMALS = 4
METHODS: dict[str, tuple[bool, str]] = {
    "haven-forward": (True, "attendance model refitted on each as-of day on the outcomes known by then"),
    "icc-rule": (False, "1 - obliged to arrest at the venue"),
    "prior-visits": (False, "trips to the host state in the two years before the as-of day"),
    "not-obliged": (True, "attends (1) whenever the venue is not obliged to arrest, else 0"),
}
SHIPPED = ("haven-shipped", (True, "coefficients in fitted.json (fitted on these rows: in-sample)"))
SCOPES = {"all": "every event with a known outcome (its venue and dates the question's premise)",
          "known": "only events public by the as-of day"}


def persons_with_outcomes(kb: KnowledgeBase, names: list[str] | None = None) -> list[Person]:
    wanted = record.persons_with_outcomes(kb)
    return [p for p in all_persons(kb) if p.id in wanted and (not names or p.id in names)]


def _person_samples(kb: KnowledgeBase, person: Person, today: date, horizons: tuple[int, ...]) -> pd.DataFrame:
    teller: Forecaster = forecaster(kb, person)
    chosen = []
    for event in teller.calendar:
        outcome = event.outcome
        if outcome is None or not outcome.counted or outcome.outcome in NO_ANSWER or not event.counted or event.online:
            continue
        host = kb.countries.sovereign_of(event.host)
        if host == person.home or host not in teller.columns or event.last_day >= today:
            continue
        for h in horizons:
            on = event.first_day - timedelta(days=h)
            if event.concerns(on):  # else the forecast is 0 by rule: not the person's event, no question of the model
                chosen.append((event, on, h, host))
    if not chosen:
        return pd.DataFrame()
    chances = teller.chances([(ev, on) for ev, on, _, _ in chosen], score=False)
    days = sorted({on for _, on, _, _ in chosen})
    row_of = {d: i for i, d in enumerate(days)}
    trips = counted_trips(kb, person)
    prior = visits_before(trips, np.array(days, dtype="datetime64[D]"), teller.model.countries)
    rows = []
    for (event, on, h, host), chance in zip(chosen, chances, strict=True):
        col, row = teller.columns[host], row_of[on]
        status = teller.status_on(on)
        outcome = event.outcome
        assert outcome is not None
        told = event.outcome_on(on)
        rows.append({
            "person": person.id, "event": event.fact, "organiser": event.organiser, "host": host, "kind": event.kind,
            "first_day": event.first_day, "horizon": h, "on": on, "label": int(outcome.outcome == IN_PERSON),
            "outcome": outcome.outcome,
            "label_known": max(outcome.known, event.first_day) if outcome.outcome == IN_PERSON else outcome.known,
            "known": event.seen(on) is not None, "takes_part": bool(event.takes_part),
            "announced": told.outcome if told is not None else "", "no_travel": bool(status.no_travel),
            **{name: chance.features.get(name, 0.0) for name in ATTENDANCE_FEATURES},
            "icc-rule": 1.0 - float(chance.venue.obliged_to_arrest if chance.venue else 0.0),
            "not-obliged": 1.0 - float(chance.venue.obliged_to_arrest if chance.venue else 0.0),
            "prior-visits": float(prior[row, col]),
        })
    return pd.DataFrame(rows)


def build_samples(kb: KnowledgeBase, *, today: date, persons: list[str] | None = None,
                  horizons: tuple[int, ...] = HORIZONS, progress: Callable[[], None] | None = None) -> pd.DataFrame:
    frames = []
    for person in persons_with_outcomes(kb, persons):
        frame = _person_samples(kb, person, today, horizons)
        if not frame.empty:
            frames.append(frame)
        if progress is not None:
            progress()
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True).sort_values(["on", "person", "event", "horizon"], kind="stable").reset_index(drop=True)


def fit_coefficients(frame: pd.DataFrame, c: float = C) -> dict[str, float]:
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-10)
    model.fit(frame[list(ATTENDANCE_FEATURES)].to_numpy(dtype=float), frame["label"].to_numpy(dtype=int))
    out = {"intercept": round(float(model.intercept_[0]), DECIMALS)}
    out.update({name: round(float(v), DECIMALS) for name, v in zip(ATTENDANCE_FEATURES, model.coef_[0], strict=True)})
    return out


def model_probability(frame: pd.DataFrame, coefficients: dict[str, float]) -> np.ndarray:
    z = coefficients["intercept"] + sum(coefficients[n] * frame[n].to_numpy(dtype=float) for n in ATTENDANCE_FEATURES)
    return 1.0 / (1.0 + np.exp(-z))


def answer(frame: pd.DataFrame, modelled: np.ndarray) -> np.ndarray:
    """haven's forecast: the model, or the person's part where it was announced by the as-of day; 0 for no travel."""
    said = [announced_chance(part) for part in frame["announced"]]
    p = np.array([m if s is None else s for m, s in zip(np.asarray(modelled, dtype=float), said, strict=True)], dtype=float)
    return np.where(frame["no_travel"].to_numpy(dtype=bool), 0.0, p)


def forward(frame: pd.DataFrame, c: float = C) -> pd.Series:
    """The attendance model refitted on each as-of day on what was known then (NaN before enough outcomes)."""
    out = pd.Series(np.nan, index=frame.index)
    on = frame["on"].to_numpy(dtype="datetime64[D]")
    label_known = frame["label_known"].to_numpy(dtype="datetime64[D]")
    for day in np.unique(on):
        train = frame[(label_known <= day) & (on <= day)]
        if train["label"].nunique() < 2 or len(train.drop_duplicates(["person", "event"])) < MIN_EVENTS:
            continue
        test = on == day
        out[test] = answer(frame[test], model_probability(frame[test], fit_coefficients(train, c)))
    return out


def _metrics(frame: pd.DataFrame, column: str, probability: bool) -> dict:
    frame = frame[frame[column].notna()]
    labels, scores = frame["label"].to_numpy(), frame[column].to_numpy(dtype=float)
    return {"samples": len(frame), "attended": int(labels.sum()), "roc_auc": _round(roc_auc(labels, scores)),
            "brier": _round(brier(labels, scores)) if probability else None,
            "log_loss": _round(logloss(labels, np.clip(scores, EPSILON, 1 - EPSILON))) if probability else None}


def _interval(frame: pd.DataFrame) -> list[float] | None:
    """The forward forecast's ROC AUC interval, each event drawn whole (with every person's row at it)."""
    found = roc_auc_interval(frame["label"], frame["haven-forward"], frame["event"])
    return None if found is None else [round(v, DECIMALS) for v in found]


def _round(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else round(float(value), DECIMALS)


def reliability(frame: pd.DataFrame, column: str, bins: int = 5) -> list[dict]:
    """Equal-width bins of the forecast: how many, the mean forecast and the share attended."""
    frame = frame[frame[column].notna()]
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(frame[column].to_numpy(dtype=float), edges[1:-1]), 0, bins - 1)
    out = []
    for b in range(bins):
        part = frame[which == b]
        if len(part):
            out.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": len(part),
                        "mean_forecast": round(float(part[column].mean()), DECIMALS),
                        "attended": round(float(part["label"].mean()), DECIMALS)})
    return out


@dataclass
class AttendanceResult:
    samples: pd.DataFrame
    metrics: dict
    methods: dict[str, tuple[bool, str]]


def run(kb: KnowledgeBase, *, today: date, persons: list[str] | None = None, horizons: tuple[int, ...] = HORIZONS,
        shipped: dict[str, float] | None = None, progress: Callable[[str, int], Callable[[], None]] | None = None) -> AttendanceResult:
    who = persons_with_outcomes(kb, persons)
    step = progress("events", len(who)) if progress else None
    samples = build_samples(kb, today=today, persons=persons, horizons=horizons, progress=step)
    methods = dict(METHODS)
    if samples.empty:
        return AttendanceResult(samples, {}, methods)
    samples["haven-forward"] = forward(samples)
    samples["not-obliged"] = samples["not-obliged"].where(~samples["no_travel"], 0.0)
    if shipped is not None:
        samples["haven-shipped"] = answer(samples, model_probability(samples, shipped))
        methods[SHIPPED[0]] = SHIPPED[1]
    metrics: dict = {"horizons": list(horizons), "today": today.isoformat(), "methods": {k: v[1] for k, v in methods.items()},
                     "scopes_described": SCOPES, "scopes": {}}
    for scope in SCOPES:
        part = samples if scope == "all" else samples[samples["known"]]
        by_h: dict = {}
        for h in horizons:
            rows = part[part["horizon"] == h]
            scored = rows[rows["haven-forward"].notna()]  # the same rows for every method
            by_h[str(h)] = {
                "events": len(rows), "scored": len(scored),
                "announced_by_then": int((scored["announced"] != "").sum()),
                "methods": {name: _metrics(scored, name, prob) for name, (prob, _) in methods.items()},
                "haven_forward_roc_auc_interval": _interval(scored),
                "persons": {p: {name: _metrics(g, name, prob) for name, (prob, _) in methods.items()}
                            for p, g in scored.groupby("person", sort=True)},
                "reliability": reliability(scored, "haven-forward"),
            }
        metrics["scopes"][scope] = by_h
    return AttendanceResult(samples, metrics, methods)


def fit_section(kb: KnowledgeBase, *, today: date, c: float = C) -> dict:
    """The attendance part of fitted.json: coefficients on every sample, with the forward metrics."""
    samples = build_samples(kb, today=today)
    if samples.empty or samples["label"].nunique() < 2:
        return {"note": "not fitted: no event outcomes of both kinds (forecasts need an attendance fit)"}
    coefficients = fit_coefficients(samples, c)
    samples["haven-forward"] = forward(samples, c)
    scored = samples[samples["known"] & samples["haven-forward"].notna()]
    return {
        "model": f"logistic regression, L2 (C={c}), scikit-learn lbfgs; features of haven.engine.forecast.ATTENDANCE_FEATURES",
        "features": list(ATTENDANCE_FEATURES),
        "coefficients": coefficients,
        "horizons_days": list(HORIZONS),
        "label": "attended in person (1) or by video, through a representative, or declined (0); called-off events left out",
        "samples": len(samples), "events": int(samples[["person", "event"]].drop_duplicates().shape[0]),
        "attended": int(samples.drop_duplicates(["person", "event"])["label"].sum()),
        "forward_known_events": {str(h): _metrics(scored[scored["horizon"] == h], "haven-forward", True) for h in HORIZONS},
    }

