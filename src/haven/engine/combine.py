"""How the rules combine into verdicts, on any grid of dates at once, reading only what each rule declares
(its axis and its effect), never its name: duty, hostility, bans, ties, arrest risk, tier, visit likelihood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from haven.engine import weights as W
from haven.engine.model import Model
from haven.engine.rulebook.declare import (
    BAN,
    BOUND,
    DUTY,
    HOSTILITY,
    OWN_WARRANT,
    RELEASED,
    TIE,
    WARRANT,
    Rule,
)
from haven.engine.spans import Grid, evaluate
from haven.errors import DataError
from haven.vocabulary import TIERS

HOME, ALLY, OPEN, RISKY, CLOSED = range(len(TIERS))
TIER_INDEX = {t: i for i, t in enumerate(TIERS)}


@dataclass
class Evaluation:
    """Every rule's matrix and the derived verdict matrices (dates x countries) for one grid."""

    grid: Grid
    rules: dict[str, np.ndarray]
    obliged: np.ndarray
    hostile: np.ndarray  # the hostility axis alone (a visit feature)
    banned: np.ndarray
    ties: np.ndarray
    arrest_risk: np.ndarray
    tier: np.ndarray  # index into TIERS
    visit_likelihood: np.ndarray
    features: dict[str, np.ndarray]


def rule_matrices(model: Model, grid: Grid) -> dict[str, np.ndarray]:
    """Each rule's value per date and state; where a rule that overrides some grounds fires, the rules
    resting on those grounds count for nothing."""
    matrices = {}
    for rule in model.rules:
        matrix = evaluate(model.packed[rule.name], grid.dates, len(grid.countries), rule.how, grid.known)
        if rule.cap is not None:
            matrix = np.minimum(matrix, rule.cap)
        matrices[rule.name] = matrix
    for rule in model.rules:
        if rule.effect.overrides:
            cancelled = matrices[rule.name] > 0
            for other in model.rules:
                if other.effect.grounds == rule.effect.overrides:
                    matrices[other.name] = np.where(cancelled, 0.0, matrices[other.name])
    return matrices


def _fired(model: Model, m: dict[str, np.ndarray], shape: tuple[int, ...], keep: Callable[[Rule], bool]) -> np.ndarray:
    out = np.zeros(shape, dtype=bool)
    for rule in model.rules:
        if keep(rule):
            out |= m[rule.name] > 0
    return out


def obligation(model: Model, m: dict[str, np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    """Obliged: a warrant in force and the state bound to carry it out, or the state's own warrant; unless released."""
    def duty(role: str) -> Callable[[Rule], bool]:
        return lambda r: r.axis == DUTY and r.effect.duty == role

    obliged = (_fired(model, m, shape, duty(WARRANT)) & _fired(model, m, shape, duty(BOUND))) | _fired(model, m, shape, duty(OWN_WARRANT))
    return obliged & ~_fired(model, m, shape, duty(RELEASED))


def tie_strength(model: Model, m: dict[str, np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    total = np.zeros(shape)
    for rule in model.rules:
        if rule.axis == TIE:
            total = total + m[rule.name]
    return np.clip(total, 0.0, None)


def arrest_risk(model: Model, m: dict[str, np.ndarray], obliged: np.ndarray, ties: np.ndarray) -> np.ndarray:
    """Obliged: a base, moved by every firing rule's declared risk and by ties. Not obliged: the largest floor
    a firing rule declares, or a small chance that shrinks with ties."""
    r = W.RISK
    risk = np.full(obliged.shape, r["base"])
    for rule in model.rules:
        if rule.effect.risk:
            risk = risk + rule.effect.risk * (m[rule.name] > 0)
    risk = np.clip(risk + r["ties"] * np.minimum(ties, 1.0), r["floor"], r["ceiling"])
    outside = W.RISK_NOT_OBLIGED["neutral"] * (1 - np.minimum(ties, 1.0))
    for rule in model.rules:
        if rule.effect.risk_not_obliged is not None:
            outside = np.maximum(outside, np.where(m[rule.name] > 0, rule.effect.risk_not_obliged, 0.0))
    return np.where(obliged, risk, outside)


def tiers(model: Model, m: dict[str, np.ndarray], obliged, hostile, banned, ties, risk, home_column: int | None) -> np.ndarray:
    tier = np.full(obliged.shape, OPEN)
    tier[ties >= W.ALLY_THRESHOLD] = ALLY
    tier[hostile] = RISKY
    tier[obliged] = RISKY
    tier[banned | (obliged & (risk >= W.CLOSED_RISK))] = CLOSED
    for rule in model.rules:
        for cap, where in ((rule.effect.tier_cap_obliged, obliged), (rule.effect.tier_cap_free, ~obliged)):
            if cap is not None:
                capped = (m[rule.name] > 0) & where
                tier = np.where(capped, np.minimum(tier, TIER_INDEX[cap]), tier)
    if home_column is not None:
        tier[:, home_column] = HOME
    return tier


# The visit features the combination itself provides; rules provide the others (Effect.feature).
DECISION_FEATURES: dict[str, Callable[[Evaluation], np.ndarray]] = {
    "ties": lambda e: np.minimum(e.ties, 1.5),
    "obliged": lambda e: e.obliged.astype(float),
    "arrest_risk": lambda e: e.arrest_risk,
    "hostile": lambda e: e.hostile.astype(float),
    "closed": lambda e: (e.tier == CLOSED).astype(float),
}


def feature_names(model_rules: tuple[Rule, ...], fitted: tuple[str, ...]) -> tuple[str, ...]:
    """The features of visit_likelihood: those the fit knows, in its order, then any new one."""
    provided = [*(r.effect.feature for r in model_rules if r.effect.feature), *DECISION_FEATURES]
    return tuple(f for f in fitted if f in provided) + tuple(f for f in provided if f not in fitted)


def visit_features(model: Model, m: dict[str, np.ndarray], e: Evaluation, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    by_rule = {}
    for rule in model.rules:
        if rule.effect.feature:
            matrix = m[rule.name]
            by_rule[rule.effect.feature] = (matrix > 0).astype(float) if rule.effect.feature_per is None else matrix / rule.effect.feature_per
    return {name: by_rule[name] if name in by_rule else DECISION_FEATURES[name](e) for name in names}


def likelihood(features: dict[str, np.ndarray], coefficients: dict[str, float]) -> np.ndarray:
    missing = [name for name in features if name not in coefficients]
    if missing:
        raise DataError(f"visit_likelihood has no fitted coefficient for {', '.join(missing)}: run `haven model fit`")
    z = coefficients["intercept"] + sum(coefficients[name] * value for name, value in features.items())
    return 1.0 / (1.0 + np.exp(-z))


def log_odds_offset(model: Model, m: dict[str, np.ndarray], shape: tuple[int, ...]) -> np.ndarray | None:
    """Fixed log-odds from rules that declare them (context inputs such as reachability); None if none fires."""
    offset = None
    for rule in model.rules:
        if rule.effect.visit_log_odds:
            add = sum(weight * (m[rule.name] == value) for value, weight in rule.effect.visit_log_odds.items())
            offset = add if offset is None else offset + add
    return offset


def evaluate_model(model: Model, grid: Grid) -> Evaluation:
    m = rule_matrices(model, grid)
    shape = (len(grid.dates), len(grid.countries))
    obliged = obligation(model, m, shape)
    hostile = _fired(model, m, shape, lambda r: r.axis == HOSTILITY)
    banned = _fired(model, m, shape, lambda r: r.axis == BAN)
    ties = tie_strength(model, m, shape)
    risk = arrest_risk(model, m, obliged, ties)
    home = grid.index.get(model.subject.home)
    tier = tiers(model, m, obliged, hostile, banned, ties, risk, home)
    e = Evaluation(grid, m, obliged, hostile, banned, ties, risk, tier, np.zeros(shape), {})
    e.features = visit_features(model, m, e, feature_names(model.rules, tuple(W.VISIT_FEATURES)))
    visit = likelihood(e.features, W.VISIT)
    offset = log_odds_offset(model, m, shape)
    if offset is not None:
        visit = 1.0 / (1.0 + np.exp(-(np.log(visit / (1 - visit)) + offset)))
    if home is not None:
        risk[:, home] = 0.0
        visit[:, home] = 0.0
        obliged[:, home] = False
    e.visit_likelihood = visit
    return e
