"""Inter-order gap features, checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.churn.features.gaps import GAP_RATIO_CAP, gap_features


def test_gaps_by_hand() -> None:
    days = [
        np.array([0.0, 10.0, 30.0, 60.0]),  # gaps 10, 20, 30: mean 20, std 8.165
        np.array([100.0]),  # one order: no gap of its own
        np.array([]),  # never ordered
        np.array([10.0, 10.5, 12.0]),  # same-day orders are one occasion: gap 2
        np.array([-300.0, 90.0]),  # ordered 1 year before the as-of window
    ]
    tenure = np.array([100.0, 50.0, 30.0, 100.0, 500.0])
    f = gap_features(days, as_of_day=100.0, tenure_days=tenure, horizon_days=30.0)
    assert f.mean_gap_days.tolist() == pytest.approx([20.0, 50.0, 30.0, 2.0, 390.0])
    assert f.gap_cv[0] == pytest.approx(np.std([10, 20, 30]) / 20.0)
    assert f.gap_cv[3] == 0.0  # a single gap has no spread
    # 40 days since the last order over a usual gap of 20: two gaps overdue.
    assert f.overdue_ratio[0] == pytest.approx(2.0)
    assert f.overdue_ratio[1] == pytest.approx(0.0)
    assert f.overdue_ratio[2] == 1.0
    assert f.overdue_ratio[3] == pytest.approx(min(88.0 / 2.0, GAP_RATIO_CAP))
    # Window one year back: [-265, -235): only customer 4's day -300 is outside it.
    assert f.orders_same_window_last_year.tolist() == [0.0, 0.0, 0.0, 0.0, 0.0]
    shifted = gap_features([np.array([-260.0, 90.0])], 100.0, np.array([500.0]), 30.0)
    assert shifted.orders_same_window_last_year.tolist() == [1.0]
