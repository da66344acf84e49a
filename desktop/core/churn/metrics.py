"""Model quality metrics, written out in numpy so each one can be checked by hand.

Every function takes true labels (0/1) and scores or probabilities. Threshold metrics count a
score at or above the threshold as predicted churn. Metrics that are undefined for the data (ROC
AUC with one class only, precision with no positive prediction) come back as None or 0 as noted,
never as NaN, so they serialise to JSON.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
CURVE_POINTS = 101


def _arrays(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    y = np.asarray(y_true, dtype=np.float64).ravel()
    s = np.asarray(scores, dtype=np.float64).ravel()
    if y.shape != s.shape:
        raise ValueError(f"labels and scores differ in length ({y.size} vs {s.size})")
    if y.size and not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("labels must be 0 or 1")
    return y, s


def confusion(
    y_true: npt.ArrayLike, scores: npt.ArrayLike, threshold: float = 0.5
) -> dict[str, int]:
    """True/false positives and negatives when `score >= threshold` means churn."""
    y, s = _arrays(y_true, scores)
    predicted = s >= threshold
    actual = y == 1.0
    return {
        "tn": int(np.sum(~predicted & ~actual)),
        "fp": int(np.sum(predicted & ~actual)),
        "fn": int(np.sum(~predicted & actual)),
        "tp": int(np.sum(predicted & actual)),
    }


def threshold_metrics(
    y_true: npt.ArrayLike, scores: npt.ArrayLike, threshold: float = 0.5
) -> dict[str, Any]:
    """Accuracy, precision, recall and F1 at a threshold, with the confusion matrix.

    Precision is 0 when nothing is predicted positive and recall 0 when nothing is positive (the
    convention sklearn uses with zero_division=0).
    """
    c = confusion(y_true, scores, threshold)
    total = c["tn"] + c["fp"] + c["fn"] + c["tp"]
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": float(threshold),
        "accuracy": (c["tp"] + c["tn"]) / total if total else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "confusion_matrix": [[c["tn"], c["fp"]], [c["fn"], c["tp"]]],
    }


def _average_ranks(values: FloatArray) -> FloatArray:
    """1-based ranks, ties sharing their average rank."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    ranks = np.empty(values.size, dtype=np.float64)
    # Boundaries of runs of equal values.
    starts = np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]])
    ends = np.r_[starts[1:], values.size]
    for start, end in zip(starts, ends, strict=True):
        ranks[order[start:end]] = (start + 1 + end) / 2.0
    return ranks


def roc_auc(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> float | None:
    """Probability that a random churner scores above a random non-churner (ties count half).

    None when only one class is present: the area is undefined then.
    """
    y, s = _arrays(y_true, scores)
    positives = int(np.sum(y == 1.0))
    negatives = y.size - positives
    if positives == 0 or negatives == 0:
        return None
    ranks = _average_ranks(s)
    rank_sum = float(np.sum(ranks[y == 1.0]))
    return (rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives)


def _descending_steps(y: FloatArray, s: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Cumulative true and false positives at each distinct score, highest score first."""
    order = np.argsort(-s, kind="mergesort")
    s_sorted = s[order]
    y_sorted = y[order]
    last_of_run = np.r_[s_sorted[1:] != s_sorted[:-1], True]
    tps = np.cumsum(y_sorted)[last_of_run]
    fps = np.cumsum(1.0 - y_sorted)[last_of_run]
    return tps, fps, s_sorted[last_of_run]


def roc_curve(
    y_true: npt.ArrayLike, scores: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """False and true positive rates at each distinct threshold, starting at (0, 0)."""
    y, s = _arrays(y_true, scores)
    tps, fps, thresholds = _descending_steps(y, s)
    positives, negatives = float(np.sum(y)), float(y.size - np.sum(y))
    tpr = np.r_[0.0, tps / positives] if positives else np.zeros(tps.size + 1)
    fpr = np.r_[0.0, fps / negatives] if negatives else np.zeros(fps.size + 1)
    return fpr, tpr, np.r_[np.inf, thresholds]


def average_precision(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> float | None:
    """Area under the precision–recall curve as a step sum: Σ (Rₙ − Rₙ₋₁) · Pₙ.

    This is the usual PR AUC estimator (no interpolation, which would be optimistic); None
    without any positive label.
    """
    y, s = _arrays(y_true, scores)
    positives = float(np.sum(y))
    if positives == 0:
        return None
    tps, fps, _ = _descending_steps(y, s)
    precision = tps / (tps + fps)
    recall = tps / positives
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def brier_score(y_true: npt.ArrayLike, probabilities: npt.ArrayLike) -> float:
    """Mean squared difference between the probability and what happened (lower is better)."""
    y, p = _arrays(y_true, probabilities)
    return float(np.mean((p - y) ** 2)) if y.size else 0.0


def log_loss(y_true: npt.ArrayLike, probabilities: npt.ArrayLike, eps: float = 1e-15) -> float:
    """Mean negative log-likelihood of what happened (a proper scoring rule; lower is better)."""
    y, p = _arrays(y_true, probabilities)
    if not y.size:
        return 0.0
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def expected_calibration_error(
    y_true: npt.ArrayLike, probabilities: npt.ArrayLike, bins: int = 10
) -> float:
    """Decile ECE: the customers sorted by probability into `bins` groups of equal size, and the
    size-weighted mean gap between predicted and observed churn in each group."""
    y, p = _arrays(y_true, probabilities)
    if not y.size:
        return 0.0
    order = np.argsort(p, kind="mergesort")
    total = 0.0
    for group in np.array_split(order, min(bins, y.size)):
        total += group.size * abs(float(np.mean(p[group])) - float(np.mean(y[group])))
    return total / y.size


def top_decile_lift(
    y_true: npt.ArrayLike, scores: npt.ArrayLike, fraction: float = 0.1
) -> float | None:
    """Churn rate among the highest-scored tenth divided by the overall churn rate.

    The top group has ceil(n · fraction) customers; ties at its edge are broken by input order.
    None without any positive label.
    """
    y, s = _arrays(y_true, scores)
    base_rate = float(np.mean(y)) if y.size else 0.0
    if base_rate == 0.0:
        return None
    top = max(1, math.ceil(y.size * fraction))
    order = np.argsort(-s, kind="mergesort")[:top]
    return float(np.mean(y[order])) / base_rate


def calibration_curve(
    y_true: npt.ArrayLike, probabilities: npt.ArrayLike, bins: int = 10
) -> list[dict[str, float]]:
    """Mean predicted probability against the observed churn rate in equal-width bins.

    Empty bins are left out; the last bin includes 1.0.
    """
    y, p = _arrays(y_true, probabilities)
    index = np.clip((p * bins).astype(np.int64), 0, bins - 1)
    points: list[dict[str, float]] = []
    for b in range(bins):
        mask = index == b
        count = int(mask.sum())
        if count == 0:
            continue
        points.append(
            {
                "bin_lower": b / bins,
                "bin_upper": (b + 1) / bins,
                "mean_predicted": float(np.mean(p[mask])),
                "observed_rate": float(np.mean(y[mask])),
                "count": count,
            }
        )
    return points


def best_f1_threshold(y_true: npt.ArrayLike, scores: npt.ArrayLike) -> float:
    """The score threshold that maximises F1 (0.5 when there is no positive label)."""
    y, s = _arrays(y_true, scores)
    positives = float(np.sum(y))
    if positives == 0 or y.size == 0:
        return 0.5
    tps, fps, thresholds = _descending_steps(y, s)
    f1 = 2 * tps / (tps + fps + positives)
    return float(thresholds[int(np.argmax(f1))])


def _thin(xs: FloatArray, ys: FloatArray, points: int = CURVE_POINTS) -> list[list[float]]:
    """At most `points` evenly spread points of a curve, always keeping both ends."""
    if xs.size > points:
        keep = np.unique(np.linspace(0, xs.size - 1, points).round().astype(np.int64))
        xs, ys = xs[keep], ys[keep]
    return [[round(float(x), 6), round(float(v), 6)] for x, v in zip(xs, ys, strict=True)]


def evaluate(
    y_true: npt.ArrayLike, probabilities: npt.ArrayLike, threshold: float = 0.5
) -> dict[str, Any]:
    """Everything a ModelVersion records about its quality on one data set, JSON-ready."""
    y, p = _arrays(y_true, probabilities)
    fpr, tpr, _ = roc_curve(y, p)
    result = threshold_metrics(y, p, threshold)
    result.update(
        {
            "rows": int(y.size),
            "positives": int(np.sum(y)),
            "churn_rate": float(np.mean(y)) if y.size else 0.0,
            "roc_auc": roc_auc(y, p),
            "pr_auc": average_precision(y, p),
            "brier": brier_score(y, p),
            "log_loss": log_loss(y, p),
            "ece": expected_calibration_error(y, p),
            "top_decile_lift": top_decile_lift(y, p),
            "roc_curve": _thin(fpr, tpr),
            "calibration_curve": calibration_curve(y, p),
        }
    )
    return result
