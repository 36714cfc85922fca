"""How good a score is at telling the states a person went to from the rest.

Ranking: ROC AUC, average precision, and per as-of date precision@5 and recall@10 (averaged over the dates
on which the person went anywhere; ties at the cut-off are shared out, as a random tie-break would on
average). Probability: Brier score, log loss and a calibration table, for scores that are probabilities.
How far a ROC AUC could move by chance: a percentile interval from a bootstrap that resamples whole groups
(a person's as-of day, an event), since the rows of one group are not independent.
"""

from __future__ import annotations

import math
from typing import Any, cast

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

EPSILON = 1e-6
DRAWS = 1000  # bootstrap resamples of an interval
LEVEL = 0.95
SEED = 0  # fixed: the same samples give the same interval


def _nan_if_one_class(labels: np.ndarray) -> bool:
    return len(labels) == 0 or labels.min() == labels.max()


def roc_auc(labels, scores) -> float:
    labels = np.asarray(labels)
    return math.nan if _nan_if_one_class(labels) else float(roc_auc_score(labels, scores))


def roc_auc_interval(labels, scores, groups, draws: int = DRAWS, level: float = LEVEL) -> tuple[float, float] | None:
    """A `level` percentile interval for ROC AUC: the groups are drawn with replacement, each draw's rows weighted
    by how often their group was drawn (None where the labels are all of one kind)."""
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float)
    if _nan_if_one_class(labels):
        return None
    _, which = np.unique(np.asarray(groups), return_inverse=True)
    count = which.max() + 1
    rng = np.random.default_rng(SEED)
    found = []
    for _ in range(draws):
        weights = np.bincount(rng.integers(0, count, count), minlength=count)[which]
        kept = weights > 0
        if not _nan_if_one_class(labels[kept]):
            found.append(roc_auc_score(labels[kept], scores[kept], sample_weight=weights[kept]))
    if not found:
        return None
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(found, [tail, 100 - tail])
    return float(low), float(high)


def average_precision(labels, scores) -> float:
    labels = np.asarray(labels)
    return math.nan if _nan_if_one_class(labels) else float(average_precision_score(labels, scores))


def hits_in_top(labels: np.ndarray, scores: np.ndarray, k: int) -> float:
    """Expected number of positives among the k highest scores, ties at the cut-off broken at random."""
    k = min(k, len(scores))
    if k == 0:
        return 0.0
    threshold = np.sort(scores)[::-1][k - 1]
    above = scores > threshold
    tied = scores == threshold
    room = k - above.sum()
    return float(labels[above].sum() + room * labels[tied].sum() / tied.sum())


def at_k(frame: pd.DataFrame, score: str, k: int, by: tuple[str, ...] = ("person", "date")) -> tuple[float, float]:
    """(precision@k, recall@k) averaged over the as-of dates with at least one trip."""
    precisions, recalls = [], []
    for _, group in frame.groupby(list(by), sort=False):
        labels = group["label"].to_numpy()
        positives = labels.sum()
        if positives == 0:
            continue
        hits = hits_in_top(labels, group[score].to_numpy(dtype=float), k)
        precisions.append(hits / min(k, len(labels)))
        recalls.append(hits / positives)
    if not precisions:
        return math.nan, math.nan
    return float(np.mean(precisions)), float(np.mean(recalls))


def brier(labels, probabilities) -> float:
    return float(brier_score_loss(labels, probabilities)) if len(labels) else math.nan


def logloss(labels, probabilities) -> float:
    if len(labels) == 0:
        return math.nan
    p = np.clip(np.asarray(probabilities, dtype=float), EPSILON, 1 - EPSILON)
    return float(log_loss(labels, p, labels=[0, 1]))


def calibration_table(labels, probabilities, bins: int = 10) -> list[dict]:
    """Deciles of the predicted probability: how many samples, mean prediction, observed share of trips."""
    frame = pd.DataFrame({"label": np.asarray(labels), "p": np.asarray(probabilities, dtype=float)})
    if frame.empty:
        return []
    ranks = frame["p"].rank(method="first")
    frame["bin"] = pd.qcut(ranks, min(bins, len(frame)), labels=False)
    rows = []
    for number, group in frame.groupby("bin"):
        rows.append({"decile": int(cast(float, number)) + 1, "n": int(len(group)), "p_min": float(group["p"].min()),
                     "p_max": float(group["p"].max()), "mean_predicted": float(group["p"].mean()),
                     "observed": float(group["label"].mean()), "trips": int(group["label"].sum())})
    return rows


def score_metrics(frame: pd.DataFrame, score: str, probability: bool) -> dict:
    """Every metric of one score over the rows of `frame` where it is defined."""
    frame = frame[frame[score].notna()]
    labels, scores = frame["label"].to_numpy(), frame[score].to_numpy(dtype=float)
    p5, _ = at_k(frame, score, 5)
    _, r10 = at_k(frame, score, 10)
    result: dict[str, Any] = {
        "samples": int(len(frame)), "dates": int(frame[["person", "date"]].drop_duplicates().shape[0]),
        "trips": int(labels.sum()),
        "roc_auc": roc_auc(labels, scores), "average_precision": average_precision(labels, scores),
        "precision_at_5": p5, "recall_at_10": r10,
        "brier": brier(labels, scores) if probability else None,
        "log_loss": logloss(labels, scores) if probability else None,
    }
    if probability:
        result["calibration"] = calibration_table(labels, scores)
    return result
