"""The winner is chosen by ranking first, calibration among the close ones."""

from __future__ import annotations

import numpy as np

from desktop.core.churn.training.fitting import SELECTION_MARGIN, Candidate, choose_winner


def _candidate(name: str, pr_auc: float, log_loss: float, brier: float = 0.1) -> Candidate:
    return Candidate(
        algorithm=name,
        model=None,
        validation_probabilities=np.empty(0),
        metrics={"pr_auc": pr_auc, "roc_auc": 0.8, "log_loss": log_loss, "brier": brier},
        explanation={},
        parameters={},
        fit_seconds=0.0,
    )


def test_within_the_margin_the_better_calibrated_wins() -> None:
    sharp = _candidate("boosted", pr_auc=0.50, log_loss=0.40)
    calibrated = _candidate("logistic", pr_auc=0.50 - SELECTION_MARGIN / 2, log_loss=0.30)
    assert choose_winner([sharp, calibrated]) is calibrated


def test_a_model_far_better_at_ranking_still_wins() -> None:
    sharp = _candidate("boosted", pr_auc=0.60, log_loss=0.40)
    calibrated = _candidate("logistic", pr_auc=0.60 - 2 * SELECTION_MARGIN, log_loss=0.30)
    assert choose_winner([sharp, calibrated]) is sharp


def test_at_the_margin_exactly_calibration_decides_and_brier_breaks_ties() -> None:
    a = _candidate("a", pr_auc=0.50, log_loss=0.3, brier=0.2)
    b = _candidate("b", pr_auc=0.49, log_loss=0.3, brier=0.1)
    assert choose_winner([a, b]) is b
