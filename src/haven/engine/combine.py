"""How the rules combine into verdicts, on any grid of dates at once, reading only what each rule declares
(its axis and its effect), never its name: duty, hostility, bans, ties, arrest risk, tier, visit likelihood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from haven.engine import weights as W
from haven.engine.model import Model
from haven.engine.rulebook import DISPUTES
from haven.engine.rulebook.declare import (
    BAN,
    BOUND,
    DUTY,
    HOSTILITY,
    OWN_WARRANT,
    RELEASED,
    TIE,
    WARRANT,
    Dispute,
    Rule,
)
from haven.engine.spans import DISPUTED, Grid, Packed, evaluate
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
    disputed: np.ndarray | None = None  # where the duty to arrest is disputed (obliged is then False)
    readings: tuple[Evaluation, Evaluation] | None = None  # (the disputed fact holds, it does not), where disputed

    def is_disputed(self, row: int, column: int) -> bool:
        return self.disputed is not None and bool(self.disputed[row, column])


def _matrix(rule: Rule, packed: Packed, grid: Grid) -> np.ndarray:
    matrix = evaluate(packed, grid.dates, len(grid.countries), rule.how, grid.known)
    return np.minimum(matrix, rule.cap) if rule.cap is not None else matrix


def _grounds(packed: Packed) -> np.ndarray:
    return np.array([d.get("grounds") for d in packed.detail], dtype=object)


def rule_matrices(model: Model, grid: Grid) -> dict[str, np.ndarray]:
    """Each rule's value per date and state. Where a rule that overrides some grounds fires (an ICC ruling that
    rejects immunity claims), the facts resting on those grounds (the immunity claims) count for nothing."""
    matrices = {rule.name: _matrix(rule, model.packed[rule.name], grid) for rule in model.rules}
    for rule in model.rules:
        if not rule.effect.overrides:
            continue
        cancelled = matrices[rule.name] > 0
        if not cancelled.any():
            continue
        for other in model.rules:
            packed = model.packed[other.name]
            resting = _grounds(packed) == rule.effect.overrides
            if packed.size and resting.any():
                matrices[other.name] = np.where(cancelled, _matrix(other, packed.only(~resting), grid), matrices[other.name])
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


def through_gateways(model: Model, grid: Grid, m: dict[str, np.ndarray], risk: np.ndarray, tier: np.ndarray,
                     home: int | None) -> None:
    """Where a rule says a state is reached only by entering others, its arrest risk and tier become at least
    those of the safest of them (in place). Its own duty to arrest is left as it is."""
    for rule in model.rules:
        if not rule.effect.gateway:
            continue
        packed = model.packed[rule.name]
        for iso3, detail in zip(packed.iso3, packed.detail, strict=True):
            col = grid.index.get(iso3)
            gates = [g for g in (grid.index.get(code) for code in detail["through"]) if g is not None and g != home]
            if col is None or col == home or not gates:
                continue
            live = m[rule.name][:, col] > 0
            risk[:, col] = np.where(live, np.maximum(risk[:, col], risk[:, gates].min(axis=1)), risk[:, col])
            tier[:, col] = np.where(live, np.maximum(tier[:, col], tier[:, gates].min(axis=1)), tier[:, col])


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
    provided = [*(r.effect.feature for r in model_rules if r.effect.feature), *DECISION_FEATURES,
                *(r.effect.total_feature for r in model_rules if r.effect.feature and r.effect.total_feature)]
    return tuple(f for f in fitted if f in provided) + tuple(f for f in provided if f not in fitted)


def visit_features(model: Model, m: dict[str, np.ndarray], e: Evaluation, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    by_rule = {}
    for rule in model.rules:
        if rule.effect.feature:
            matrix = m[rule.name]
            per = rule.effect.feature_per
            by_rule[rule.effect.feature] = (matrix > 0).astype(float) if per is None else matrix / per
            if rule.effect.total_feature:  # the same for every state: log(1 + the feature summed over them)
                total = np.log1p(by_rule[rule.effect.feature].sum(axis=1, keepdims=True))
                by_rule[rule.effect.total_feature] = np.broadcast_to(total, matrix.shape).copy()
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


def decide(model: Model, grid: Grid, m: dict[str, np.ndarray]) -> Evaluation:
    """Duty, hostility, bans, ties, arrest risk, tier and visit likelihood from the rules' matrices."""
    shape = (len(grid.dates), len(grid.countries))
    obliged = obligation(model, m, shape)
    hostile = _fired(model, m, shape, lambda r: r.axis == HOSTILITY)
    banned = _fired(model, m, shape, lambda r: r.axis == BAN)
    ties = tie_strength(model, m, shape)
    risk = arrest_risk(model, m, obliged, ties)
    home = grid.index.get(model.subject.home)
    tier = tiers(model, m, obliged, hostile, banned, ties, risk, home)
    through_gateways(model, grid, m, risk, tier, home)
    e = Evaluation(grid, m, obliged, hostile, banned, ties, risk, tier, np.zeros(shape), {})
    e.features = visit_features(model, m, e, feature_names(model.rules, tuple(W.VISIT_FEATURES)))
    e.visit_likelihood = _visit(model, m, e.features)
    if home is not None:
        risk[:, home] = 0.0
        e.visit_likelihood[:, home] = 0.0
        obliged[:, home] = False
    return e


def _visit(model: Model, m: dict[str, np.ndarray], features: dict[str, np.ndarray]) -> np.ndarray:
    visit = likelihood(features, W.VISIT)
    offset = log_odds_offset(model, m, visit.shape)
    if offset is not None:
        visit = 1.0 / (1.0 + np.exp(-(np.log(visit / (1 - visit)) + offset)))
    return visit


def without_disputed(model: Model, grid: Grid, m: dict[str, np.ndarray], dispute: Dispute) -> dict[str, np.ndarray] | None:
    """The rules' matrices as if the disputed facts of the dispute's axis did not hold; None if there are none."""
    changed = {}
    for rule in model.rules:
        packed = model.packed[rule.name]
        if rule.axis != dispute.axis or not (packed.certainty == DISPUTED).any():
            continue
        changed[rule.name] = _matrix(rule, packed.only(packed.certainty != DISPUTED), grid)
    return {**m, **changed} if changed else None


def settle(model: Model, dispute: Dispute, holds: Evaluation, fails: Evaluation) -> Evaluation:
    """One verdict from the two readings, by the dispute's declared rule, where they differ on the duty."""
    disputed = holds.obliged != fails.obliged
    tier = np.where(disputed, np.maximum(np.minimum(holds.tier, fails.tier), TIER_INDEX[dispute.tier_floor]), holds.tier)
    if dispute.closed_only_if_both:
        both = (holds.tier == CLOSED) & (fails.tier == CLOSED)
        tier = np.where(disputed & ~both, np.minimum(tier, RISKY), np.where(disputed & both, CLOSED, tier))
    risk = np.where(disputed, (holds.arrest_risk + fails.arrest_risk) / 2, holds.arrest_risk)
    e = Evaluation(holds.grid, holds.rules, holds.obliged & ~disputed, holds.hostile, holds.banned, holds.ties, risk, tier,
                   holds.visit_likelihood, {}, disputed, (holds, fails))
    # the visit features of a disputed cell are the mean of the two readings, with the settled tier's closure
    for name, value in holds.features.items():
        e.features[name] = np.where(disputed, (value + fails.features[name]) / 2, value)
    if "closed" in e.features:
        e.features["closed"] = np.where(disputed, (tier == CLOSED).astype(float), e.features["closed"])
    e.visit_likelihood = np.where(disputed, _visit(model, holds.rules, e.features), holds.visit_likelihood)
    return e


def evaluate_model(model: Model, grid: Grid) -> Evaluation:
    m = rule_matrices(model, grid)
    e = decide(model, grid, m)
    for dispute in DISPUTES:
        other = without_disputed(model, grid, m, dispute)
        if other is not None:
            e = settle(model, dispute, e, decide(model, grid, other))
    return e
