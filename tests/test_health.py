"""Health parts without data say so, and stay out of the score."""

from __future__ import annotations

import numpy as np

from desktop.core.churn.features.spec import BASE_NAMES, FeatureMatrix
from desktop.core.churn.health import health_scores


def _matrix(**values: float) -> FeatureMatrix:
    row = np.zeros(len(BASE_NAMES))
    defaults = {"days_since_activity": 90.0, "days_since_failure": 365.0}
    for name, value in {**defaults, **values}.items():
        row[BASE_NAMES.index(name)] = value
    return FeatureMatrix(np.array([1]), row[None, :], list(BASE_NAMES))


def test_an_order_history_alone_leaves_engagement_and_support_without_data() -> None:
    fm = _matrix(has_ordered=1, recency_days=10, orders_per_month=0.5, orders_30d=2)
    h = health_scores(fm)
    assert "Engagement: no data" in h.factors[0]
    assert "Support: no data" in h.factors[0]
    assert "Purchase: no data" not in h.factors[0]
    # Purchase 100 and recency 100 are all that is known: the score is 100, not dragged to 55
    # by an engagement of 0 nor lifted by a support score of 100 nobody measured.
    assert (h.purchase[0], h.recency[0], h.score[0]) == (100, 100, 100)


def test_a_customer_who_never_ordered_has_no_purchase_or_recency_data() -> None:
    fm = _matrix(logins_30d=4, engagement_30d=4, days_since_activity=3, tickets_total=1)
    h = health_scores(fm)
    assert {"Purchase: no data", "Recency: no data"} <= set(h.factors[0])
    assert "Engagement: no data" not in h.factors[0]
    # Engagement 50 (logins only) and support 100 (one old, closed ticket) weighted 25:20.
    assert h.score[0] == round((0.25 * 50 + 0.20 * 100) / 0.45)


def test_nothing_known_keeps_every_part_in_the_score() -> None:
    h = health_scores(_matrix())
    assert len([f for f in h.factors[0] if f.endswith(": no data")]) == 4
    assert 0 <= h.score[0] <= 100
