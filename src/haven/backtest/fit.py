"""Calibrating `visit_likelihood`: a logistic regression (L2) of the trips made on the features the engine
declares (`haven.engine.visit_feature_names`), fitted on the backtest grid.

Out-of-sample only, never on the trips a model was fitted to:
- forward: at each as-of date D, a model fitted on the samples whose horizon had closed by D (D' + horizon <= D,
  every person pooled) scores the states on D;
- leave-one-person-out: a model fitted on every other person scores this person's whole grid.
The coefficients shipped in `haven/engine/fitted.json` are fitted on every sample; `haven model fit` writes
them, deterministically for a given knowledge base and `--to` date. The fit's version depends on the model,
its features and the coefficients only (`calibration.version_of`): the same coefficients, the same version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from haven.backtest.grid import DEFAULT_EVERY, DEFAULT_HORIZON, backtest_persons
from haven.backtest.metrics import average_precision, brier, logloss, roc_auc
from haven.backtest.samples import FEATURES, build_samples
from haven.engine import likelihood
from haven.engine.calibration import version_of
from haven.knowledge import KnowledgeBase

C = 1.0  # inverse strength of the L2 penalty
MIN_TRIPS = 20  # a forward model is fitted only once this many trips are in its training samples
DECIMALS = 4
FITTED_PATH = Path(__file__).resolve().parent.parent / "engine" / "fitted.json"


def fit_coefficients(frame: pd.DataFrame, c: float = C) -> dict[str, float]:
    """Intercept and one coefficient per feature, in the shape of `weights.VISIT`."""
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-10)  # L2 is the default penalty
    model.fit(frame[list(FEATURES)].to_numpy(dtype=float), frame["label"].to_numpy(dtype=int))
    coefficients = {"intercept": round(float(model.intercept_[0]), DECIMALS)}
    coefficients.update({name: round(float(value), DECIMALS) for name, value in zip(FEATURES, model.coef_[0], strict=True)})
    return coefficients


def predict(frame: pd.DataFrame, coefficients: dict[str, float]) -> np.ndarray:
    """The engine's own formula (verdicts.likelihood) with the given coefficients."""
    return likelihood({name: frame[name].to_numpy(dtype=float) for name in FEATURES}, coefficients)


def forward_predictions(samples: pd.DataFrame, horizon: timedelta = DEFAULT_HORIZON, c: float = C,
                        step: Callable[[], None] | None = None) -> pd.Series:
    """Scores from models fitted only on what was observable on each as-of date (NaN before enough trips)."""
    out = pd.Series(np.nan, index=samples.index)
    h = np.timedelta64(horizon.days, "D")
    dates = samples["date"].to_numpy().astype("datetime64[D]")
    for day in np.unique(dates):
        train = samples[dates + h <= day]
        if train["label"].sum() >= MIN_TRIPS and train["label"].nunique() == 2:
            test = dates == day
            out[test] = predict(samples[test], fit_coefficients(train, c))
        if step is not None:
            step()
    return out


def leave_one_person_out(samples: pd.DataFrame, c: float = C) -> pd.Series:
    """Scores for each person from a model fitted on every other person."""
    out = pd.Series(np.nan, index=samples.index)
    for person in samples["person"].unique():
        train = samples[samples["person"] != person]
        if train["label"].sum() >= MIN_TRIPS and train["label"].nunique() == 2:
            test = samples["person"] == person
            out[test] = predict(samples[test], fit_coefficients(train, c))
    return out


def _summary(frame: pd.DataFrame, score: str) -> dict:
    frame = frame[frame[score].notna()]
    labels, scores = frame["label"].to_numpy(), frame[score].to_numpy(dtype=float)
    values = {"samples": int(len(frame)), "trips": int(labels.sum()), "roc_auc": roc_auc(labels, scores),
              "average_precision": average_precision(labels, scores), "brier": brier(labels, scores),
              "log_loss": logloss(labels, scores)}
    return {k: (None if isinstance(v, float) and np.isnan(v) else round(v, DECIMALS) if isinstance(v, float) else v)
            for k, v in values.items()}


def fit_model(kb: KnowledgeBase, *, today: date, to: date | None = None, every: timedelta = DEFAULT_EVERY,
              horizon: timedelta = DEFAULT_HORIZON, persons: list[str] | None = None, c: float = C) -> dict:
    """The content of fitted.json: coefficients fitted on every sample, with their out-of-sample metrics."""
    who = backtest_persons(kb, persons)
    samples, windows = build_samples(kb, who, today=today, every=every, horizon=horizon, end=to)
    if samples.empty or samples["label"].nunique() < 2:
        from haven.errors import HavenError
        raise HavenError("nothing to fit: no trips made on the backtest grid")
    samples = samples.assign(forward=forward_predictions(samples, horizon, c), lopo=leave_one_person_out(samples, c))
    coefficients = fit_coefficients(samples, c)
    per_person = {}
    for person, w in windows.items():
        part = samples[samples["person"] == person]
        per_person[person] = {"from": w.start.isoformat() if w.start else None, "to": w.end.isoformat() if w.end else None,
                              "ends_because": w.reason, "dates": int(part["date"].nunique()), "trips": int(part["label"].sum())}
    metrics = {
        "forward": {"pooled": _summary(samples, "forward"),
                    **{p: _summary(g, "forward") for p, g in samples.groupby("person", sort=False)}},
        "leave_one_person_out": {"pooled": _summary(samples, "lopo"),
                                 **{p: _summary(g, "lopo") for p, g in samples.groupby("person", sort=False)}},
    }
    body = {
        "model": f"logistic regression, L2 (C={c}), scikit-learn lbfgs; features declared by the rulebook and haven.engine.combine",
        "features": list(FEATURES),
        "coefficients": coefficients,
        "grid": {"every_days": every.days, "horizon_days": horizon.days,
                 "from": min(w.start for w in windows.values() if not w.empty and w.start is not None).isoformat(),
                 "to": max(w.end for w in windows.values() if not w.empty and w.end is not None).isoformat(),
                 "label": "a visit, summit or transit (not unverified) began in (D, D + horizon]; home state excluded"},
        "persons": per_person,
        "samples": int(len(samples)), "trips": int(samples["label"].sum()),
        "data_version": kb.version,
        "metrics": metrics,
    }
    from haven.backtest.attendance import fit_section

    body["attendance"] = fit_section(kb, today=today, c=c)
    return {"version": version_of(body), **body}


def to_json(fitted: dict) -> str:
    return json.dumps(fitted, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
