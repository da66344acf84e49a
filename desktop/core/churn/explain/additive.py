"""Additive contributions to a calibrated prediction, and their conversion to points.

Both pipelines end in sigmoid calibration, p = expit(-(a·f + b)), with f the model's raw score
(the logistic regression's linear predictor, the boosted trees' log-odds). The calibrated
log-odds are therefore linear in f, and any exact additive split of f carries over:

    logit(p) = baseline + Σ_j contribution_j,  contribution_j = -a · φ_j,
    baseline = -a · E[f] - b.

Logistic regression: φ_j = coefficient_j × standardised value_j, relative to the training mean
(a standardised value of 0), so E[f] is the intercept. A regression on a few of the columns
(its first step a `ColumnTransformer`) gives the others φ = 0. Boosted trees: φ_j are exact
TreeSHAP values and E[f] the trees' cover-weighted expectation.

Points: one log-odds unit is worth (p − p₀) / (logit p − logit p₀) probability points for this
prediction (the sigmoid's mean slope between the baseline p₀ and p, at most 0.25), so each
factor's points keep its sign and the points sum exactly to p − p₀.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from desktop.core.churn.explain.treeshap import TreeExplainer

FloatArray = npt.NDArray[np.float64]


def expit(x: npt.ArrayLike) -> FloatArray:
    """The logistic function, stable for large |x| (scipy's, without importing scipy here)."""
    v = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(v))
    return np.asarray(np.where(v >= 0, 1 / (1 + e), e / (1 + e)), dtype=np.float64)


LINEAR = "linear"
TREESHAP = "treeshap"


@dataclass(frozen=True)
class Additive:
    """Per-row contributions (log-odds) and the baseline they add to."""

    method: str
    baseline: float  # calibrated log-odds of the baseline prediction
    contributions: FloatArray  # (rows, features), log-odds

    @property
    def log_odds(self) -> FloatArray:
        return self.baseline + self.contributions.sum(axis=1)

    @property
    def probability(self) -> FloatArray:
        return np.asarray(expit(self.log_odds), dtype=np.float64)

    @property
    def baseline_probability(self) -> float:
        return float(expit(self.baseline))


def _parts(estimator: Any) -> tuple[Any, float, float]:
    """The fitted pipeline and its sigmoid calibration (a, b) inside CalibratedClassifierCV."""
    calibrated = estimator.calibrated_classifiers_[0]
    calibrator = calibrated.calibrators[0]
    return calibrated.estimator, float(calibrator.a_), float(calibrator.b_)


class AdditiveExplainer:
    """Built once per loaded model (the tree tables are computed here), used per chunk."""

    def __init__(self, estimator: Any) -> None:
        self.pipeline, self.a, self.b = _parts(estimator)
        model = self.pipeline.steps[-1][1]
        self.columns: list[int] | None = None  # the columns a regression reads (None: all)
        if hasattr(model, "coef_"):
            self.method = LINEAR
            self.tree: TreeExplainer | None = None
            self.expected_raw = float(model.intercept_[0])
            first = self.pipeline.steps[0][1]
            if hasattr(first, "transformers_"):  # a ColumnTransformer: its columns, in order
                self.columns = [
                    int(j)
                    for name, _t, cols in first.transformers_
                    if name != "remainder"
                    for j in cols
                ]
        else:
            self.method = TREESHAP
            self.tree = TreeExplainer(model)
            self.expected_raw = self.tree.expected
        self.baseline = -self.a * self.expected_raw - self.b

    @property
    def baseline_probability(self) -> float:
        return float(expit(self.baseline))

    def raw_shares(self, x: FloatArray) -> FloatArray:
        """φ: the additive split of the raw score f (without its expectation)."""
        if self.tree is None:
            model = self.pipeline.steps[-1][1]
            z = self.pipeline[:-1].transform(x)
            shares = np.asarray(z * model.coef_[0], dtype=np.float64)
            if self.columns is None:
                return shares
            full = np.zeros(x.shape, dtype=np.float64)
            full[:, self.columns] = shares
            return full
        return self.tree.shap_values(
            self.pipeline[:-1].transform(x) if len(self.pipeline) > 1 else x
        )

    def explain(self, x: FloatArray) -> Additive:
        return Additive(self.method, self.baseline, -self.a * self.raw_shares(x))


def additive_contributions(estimator: Any, x: FloatArray) -> Additive:
    """One-off explanation (tests, tools); scoring keeps an `AdditiveExplainer` per model."""
    return AdditiveExplainer(estimator).explain(x)


def to_points(contributions: FloatArray, baseline: float) -> FloatArray:
    """Log-odds contributions as probability points (fractions) that sum to p − p₀ per row."""
    total = contributions.sum(axis=1)
    p0 = float(expit(baseline))
    p = expit(baseline + total)
    small = np.abs(total) < 1e-9
    slope = np.where(small, p0 * (1 - p0), (p - p0) / np.where(small, 1.0, total))
    return np.asarray(contributions * slope[:, None], dtype=np.float64)
