"""Model metrics against examples worked out by hand (and, where it has one, sklearn)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm

from desktop.core.churn import metrics as mt

# Ten customers, four churned, scored from 0.9 down to 0.05.
Y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 0]
S = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05]


def test_threshold_metrics_by_hand():
    # At 0.5 the top five are called churn: labels 1,0,1,1,0 -> TP 3, FP 2; below: FN 1, TN 4.
    got = mt.threshold_metrics(Y, S, 0.5)
    assert got["confusion_matrix"] == [[4, 2], [1, 3]]
    assert got["accuracy"] == pytest.approx(0.7)
    assert got["precision"] == pytest.approx(0.6)
    assert got["recall"] == pytest.approx(0.75)
    assert got["f1"] == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_threshold_is_inclusive():
    assert mt.confusion([1, 0], [0.5, 0.49], 0.5) == {"tn": 1, "fp": 0, "fn": 0, "tp": 1}


def test_roc_auc_by_hand_and_with_ties():
    # Negatives below each churner: 0.9 -> 6, 0.7 -> 5, 0.6 -> 5, 0.3 -> 3; 19 of 4*6 pairs.
    assert mt.roc_auc(Y, S) == pytest.approx(19 / 24)
    assert mt.roc_auc(Y, S) == pytest.approx(skm.roc_auc_score(Y, S))
    assert mt.roc_auc([0, 1], [0.5, 0.5]) == pytest.approx(0.5)  # a tie counts half
    assert mt.roc_auc([1, 1], [0.2, 0.8]) is None  # undefined with one class


def test_average_precision_by_hand():
    # Churners found at ranks 1, 3, 4, 7: precision 1, 2/3, 3/4, 4/7, each worth 1/4 of recall.
    expected = 0.25 * (1 + 2 / 3 + 3 / 4 + 4 / 7)
    assert mt.average_precision(Y, S) == pytest.approx(expected)
    assert mt.average_precision(Y, S) == pytest.approx(skm.average_precision_score(Y, S))
    assert mt.average_precision([0, 0], [0.1, 0.2]) is None


def test_brier_score_by_hand():
    squares = [0.01, 0.64, 0.09, 0.16, 0.3025, 0.16, 0.49, 0.04, 0.01, 0.0025]
    assert mt.brier_score(Y, S) == pytest.approx(sum(squares) / 10)


def test_top_decile_lift_by_hand():
    # The top tenth is one customer (0.9), a churner: rate 1.0 over a base rate of 0.4.
    assert mt.top_decile_lift(Y, S) == pytest.approx(2.5)
    # 25 customers: the top tenth rounds up to 3; two of them churned out of 5 churners overall.
    y = [1, 0, 1] + [0] * 19 + [1, 1, 1]
    s = np.linspace(1.0, 0.0, 25)
    assert mt.top_decile_lift(y, s) == pytest.approx((2 / 3) / (5 / 25))
    assert mt.top_decile_lift([0, 0], [0.3, 0.1]) is None


def test_roc_curve_points_and_f1_threshold():
    fpr, tpr, thresholds = mt.roc_curve(Y, S)
    assert (fpr[0], tpr[0]) == (0.0, 0.0) and (fpr[-1], tpr[-1]) == (1.0, 1.0)
    # After the first score (a churner): one of four found, no false alarm.
    assert (fpr[1], tpr[1]) == (0.0, 0.25) and thresholds[1] == 0.9
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)
    # F1 = 2TP / (TP + FP + 4) at each cut: 0.9 -> 2/5, 0.8 -> 1/3, 0.7 -> 4/7, 0.6 -> 3/4,
    # 0.55 -> 2/3, 0.4 -> 3/5, 0.3 -> 8/11: the best is at 0.6 (TP 3, FP 1).
    assert mt.best_f1_threshold(Y, S) == 0.6
    assert mt.threshold_metrics(Y, S, 0.6)["f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))


def test_calibration_curve_bins():
    points = mt.calibration_curve([0, 1, 1, 0, 1], [0.05, 0.15, 0.95, 0.12, 1.0], bins=10)
    assert [(p["bin_lower"], p["count"]) for p in points] == [(0.0, 1), (0.1, 2), (0.9, 2)]
    assert points[1]["mean_predicted"] == pytest.approx(0.135)
    assert points[1]["observed_rate"] == pytest.approx(0.5)
    assert points[2]["observed_rate"] == 1.0  # 1.0 falls in the last bin


def test_evaluate_is_json_ready_and_thins_curves():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 1000)
    p = np.clip(y * 0.3 + rng.random(1000) * 0.7, 0, 1)
    got = mt.evaluate(y, p, 0.5)
    import json

    assert json.loads(json.dumps(got))["rows"] == 1000
    assert len(got["roc_curve"]) <= mt.CURVE_POINTS
    assert got["roc_curve"][0] == [0.0, 0.0] and got["roc_curve"][-1] == [1.0, 1.0]
    assert got["roc_auc"] == pytest.approx(skm.roc_auc_score(y, p))
    assert got["brier"] == pytest.approx(skm.brier_score_loss(y, p))


def test_bad_labels_are_refused():
    with pytest.raises(ValueError, match="0 or 1"):
        mt.roc_auc([0, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match="length"):
        mt.brier_score([0, 1], [0.1])


def test_log_loss_and_decile_ece_by_hand():
    # log loss of (1, 0.8) and (0, 0.4): -(ln 0.8 + ln 0.6) / 2.
    assert mt.log_loss([1, 0], [0.8, 0.4]) == pytest.approx(-(np.log(0.8) + np.log(0.6)) / 2)
    assert mt.log_loss(Y, S) == pytest.approx(skm.log_loss(Y, S))
    # Four customers in two bins of two: (0.1, 0.2) with one churner -> |0.15 - 0.5| = 0.35;
    # (0.7, 0.9) with two -> |0.8 - 1| = 0.2; weighted equally: 0.275.
    assert mt.expected_calibration_error([0, 1, 1, 1], [0.1, 0.2, 0.7, 0.9], bins=2) == (
        pytest.approx(0.275)
    )
    assert mt.expected_calibration_error([0, 1], [0.0, 1.0], bins=2) == 0.0
    got = mt.evaluate(Y, S)
    assert {"log_loss", "ece"} <= set(got)
