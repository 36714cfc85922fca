"""How the rules combine, on any grid of dates at once: duty, hostility, ties, arrest risk, tier, likelihood."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from haven.engine import weights as W
from haven.engine.model import Model
from haven.engine.spans import Grid, evaluate
from haven.vocabulary import TIERS

HOME, ALLY, OPEN, RISKY, CLOSED = range(len(TIERS))


@dataclass
class Evaluation:
    """Every rule's matrix and the derived verdict matrices (dates x countries) for one grid."""

    grid: Grid
    rules: dict[str, np.ndarray]
    obliged: np.ndarray
    hostile: np.ndarray
    ties: np.ndarray
    arrest_risk: np.ndarray
    tier: np.ndarray  # index into TIERS
    visit_likelihood: np.ndarray


def rule_matrices(model: Model, grid: Grid) -> dict[str, np.ndarray]:
    matrices = {}
    for rule in model.rules:
        matrix = evaluate(model.packed[rule.name], grid.dates, len(grid.countries), rule.how)
        if rule.cap is not None:
            matrix = np.minimum(matrix, rule.cap)
        matrices[rule.name] = matrix
    return matrices


def _on(m: dict[str, np.ndarray], *names: str) -> np.ndarray:
    return np.logical_or.reduce([m[n] > 0 for n in names])


def tie_strength(model: Model, m: dict[str, np.ndarray]) -> np.ndarray:
    return np.clip(sum(m[r.name] for r in model.rules if r.axis == "tie"), 0.0, None)


def arrest_risk(m: dict[str, np.ndarray], obliged: np.ndarray, hostile: np.ndarray, ties: np.ndarray) -> np.ndarray:
    r = W.RISK
    risk = (r["base"] + r["will_not_arrest"] * (m["will_not_arrest"] > 0) + r["non_compliance_record"] * (m["non_compliance_record"] > 0)
            + r["hosted_under_warrant"] * (m["hosted_under_warrant"] > 0)
            + r["invitation"] * (m["invitation"] > 0) + r["ties"] * np.minimum(ties, 1.0) + r["will_arrest"] * (m["will_arrest"] > 0))
    risk = np.clip(risk, r["floor"], r["ceiling"])
    n = W.RISK_NOT_OBLIGED
    outside = np.where(m["entry_ban"] > 0, n["entry_ban"], np.where(hostile, n["hostile"], n["neutral"] * (1 - np.minimum(ties, 1.0))))
    outside = np.where(m["national_warrant"] > 0, n["national_warrant"], outside)
    return np.where(obliged, risk, outside)


def tiers(obliged, hostile, banned, ties, risk, home_column: int | None) -> np.ndarray:
    tier = np.full(obliged.shape, OPEN)
    tier[ties >= W.ALLY_THRESHOLD] = ALLY
    tier[hostile] = RISKY
    tier[obliged] = RISKY
    tier[banned | (obliged & (risk >= W.CLOSED_RISK))] = CLOSED
    if home_column is not None:
        tier[:, home_column] = HOME
    return tier


def visit_features(m: dict[str, np.ndarray], obliged, hostile, ties, risk, tier) -> dict[str, np.ndarray]:
    return {
        "recent_visits": m["recent_visits"] / W.TIES["recent_visits"],
        "ties": np.minimum(ties, 1.5),
        "invitation": (m["invitation"] > 0).astype(float),
        "neighbour": (m["neighbour"] > 0).astype(float),
        "obliged": obliged.astype(float),
        "arrest_risk": risk,
        "hostile": hostile.astype(float),
        "closed": (tier == CLOSED).astype(float),
    }


def likelihood(features: dict[str, np.ndarray], coefficients: dict[str, float]) -> np.ndarray:
    z = coefficients["intercept"] + sum(coefficients[name] * value for name, value in features.items())
    return 1.0 / (1.0 + np.exp(-z))


def evaluate_model(model: Model, grid: Grid) -> Evaluation:
    m = rule_matrices(model, grid)
    warrant = m["icc_warrant"] > 0
    obliged = (warrant & _on(m, "icc_state_party", "icc_declaration")) | (m["national_warrant"] > 0)
    hostile = _on(m, "asset_freeze", "state_sanctions", "airspace_closed", "flight_refused")
    banned = _on(m, "entry_ban", "at_war", "no_relations")
    ties = tie_strength(model, m)
    risk = arrest_risk(m, obliged, hostile | banned, ties)
    home = grid.index.get(model.subject.home)
    tier = tiers(obliged, hostile, banned, ties, risk, home)
    visit = likelihood(visit_features(m, obliged, hostile, ties, risk, tier), W.VISIT)
    if "airspace_access" in m:
        from haven.engine.access import access_penalty

        odds = np.log(visit / (1 - visit)) + access_penalty(m["airspace_access"])
        visit = 1.0 / (1.0 + np.exp(-odds))
    if home is not None:
        risk[:, home] = 0.0
        visit[:, home] = 0.0
        obliged[:, home] = False
    return Evaluation(grid, m, obliged, hostile | banned, ties, risk, tier, visit)
