"""The fitted coefficients of `visit_likelihood`, versioned data shipped with the package (fitted.json).

`haven model fit` writes fitted.json from the trips ledger (see haven.backtest.fit and docs/backtest.md);
this module only reads it. It imports nothing else from the engine, so `weights` may import it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

from haven.errors import DataError

FITTED_FILE = "fitted.json"


@lru_cache(maxsize=1)
def fitted() -> dict:
    """The whole fitted.json: version, coefficients, grid, persons, data version, out-of-sample metrics."""
    try:
        text = resources.files("haven.engine").joinpath(FITTED_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"haven/engine/{FITTED_FILE} is missing: run `haven model fit`") from None
    data = json.loads(text)
    coefficients = data.get("coefficients", {})
    missing = [name for name in ("intercept", *data.get("features", ())) if name not in coefficients]
    if missing:
        raise DataError(f"haven/engine/{FITTED_FILE} lacks coefficients for {', '.join(missing)}")
    return data


def visit_features() -> tuple[str, ...]:
    """The features the shipped fit was made on, in its order (the engine declares what each one is)."""
    return tuple(fitted().get("features", ()))


def visit_coefficients() -> dict[str, float]:
    """Intercept and feature coefficients, in the shape of `weights.VISIT`."""
    coefficients = fitted()["coefficients"]
    return {name: float(coefficients[name]) for name in ("intercept", *visit_features())}


def version_of(fitted: dict) -> str:
    """'visit-fit+1a2b3c4d': a digest of what the method uses (model, features, coefficients), and of nothing
    else, so a refit on the same trips that gives the same coefficients keeps the version (and with it the
    method version); the grid, the data version and the day of the fit are provenance, kept in fitted.json."""
    used = {key: fitted.get(key) for key in ("model", "features", "coefficients")}
    attendance = fitted.get("attendance") or {}
    if attendance:
        used["attendance"] = {key: attendance.get(key) for key in ("model", "features", "coefficients")}
    return "visit-fit+" + hashlib.sha256(json.dumps(used, sort_keys=True).encode()).hexdigest()[:8]


def fitted_version() -> str:
    """The version of the shipped fit, derived from its content (see `version_of`)."""
    return version_of(fitted())
