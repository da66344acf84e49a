"""Risk levels follow the seed thresholds; each boundary belongs to the level above it."""

from __future__ import annotations

import numpy as np
import pytest

from db.choices import RiskLevel
from desktop.core.churn.risk import confidence, is_alerting, risk_level, risk_levels


@pytest.mark.parametrize(
    ("probability", "level"),
    [
        (0.0, RiskLevel.LOW),
        (0.3999999, RiskLevel.LOW),
        (0.40, RiskLevel.MEDIUM),
        (0.5999999, RiskLevel.MEDIUM),
        (0.60, RiskLevel.HIGH),
        (0.7999999, RiskLevel.HIGH),
        (0.80, RiskLevel.CRITICAL),
        (1.0, RiskLevel.CRITICAL),
    ],
)
def test_boundaries(probability, level):
    assert risk_level(probability) is level
    assert risk_levels([probability]) == [level]


def test_vectorised_levels_agree_with_the_scalar_rule():
    probabilities = np.linspace(0, 1, 1001)
    assert risk_levels(probabilities) == [risk_level(float(p)) for p in probabilities]


def test_out_of_range_is_refused():
    with pytest.raises(ValueError, match="between 0 and 1"):
        risk_level(1.2)
    with pytest.raises(ValueError, match="between 0 and 1"):
        risk_level(float("nan"))


def test_confidence_and_alerting_levels():
    assert confidence([0.5, 0.9, 0.1]).tolist() == pytest.approx([0.5, 0.9, 0.9])
    assert [is_alerting(level) for level in RiskLevel] == [False, False, True, True, False]
    assert not is_alerting(None)
