"""The lapsed population: under the inactivity definition, who is already gone is not scored."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from db import models as m
from desktop.core.churn import scoring
from desktop.core.churn.scoring import run_risk_counts
from desktop.core.read import dashboard, lists
from desktop.core.read import listing as ls
from desktop.core.read.listing import ListQuery
from tests.churn_helpers import customer, days, order, quick_model, ticket, transaction

AS_OF = datetime(2025, 6, 1)
N = 90


def _inactivity_model(n: int = N) -> m.ModelVersion:
    model = quick_model()
    summary = {"churn_definition": "inactivity", "inactive_days": n, "horizon_days": 90}
    m.ModelVersion.update(training_summary=summary).where(m.ModelVersion.id == model.id).execute()
    return model


def _last_order(inactive: float, *, value: float = 100.0) -> m.Customer:
    who = customer(since=date(2022, 1, 1), account_value=value)
    order(who, AS_OF - days(400))
    order(who, AS_OF - days(inactive))
    return who


def test_lapsed_at_n_days_inactive_are_not_scored(database):
    model = _inactivity_model()
    before, at, after = _last_order(N - 1), _last_order(N), _last_order(N + 1)
    # Trouble that would raise a churn alert for a scored customer.
    for who in (at, after):
        for k in range(4):
            ticket(who, AS_OF - days(5 + k), escalated=True)
        for k in range(3):
            transaction(who, AS_OF - days(3 + k), "failed")
    newcomer = customer(since=(AS_OF - days(N - 1)).date())  # never ordered, joined N-1 days ago
    report = scoring.score(database, model=model.id, as_of=AS_OF, workers=1)
    assert report.scored == 4

    predicted = {p.customer_id: p for p in m.ChurnPrediction.select()}
    assert set(predicted) == {before.id, newcomer.id}
    for who in (before, newcomer):
        row = m.Customer.get_by_id(who.id)
        assert row.churn_probability is not None and row.risk_level != "LAPSED"
    for who in (at, after):
        row = m.Customer.get_by_id(who.id)
        assert row.risk_level == "LAPSED" and row.churn_probability is None
        assert row.account_status == "active"  # not moved to at_risk
        assert row.health_score is not None
        churn_alerts = m.Alert.select().where(
            m.Alert.customer == who.id, m.Alert.type.in_(["churn_risk", "risk_increase"])
        )
        assert churn_alerts.count() == 0
    counts = run_risk_counts(report.run_id)
    assert counts["LAPSED"] == 2 and sum(counts.values()) == 4


def test_lapsed_are_outside_the_risk_kpis_and_listed_by_their_filter(database):
    model = _inactivity_model()
    lapsed = _last_order(200, value=500.0)
    (risky,) = [_last_order(N - 1, value=70.0)]
    for k in range(4):
        ticket(risky, AS_OF - days(5 + k), escalated=True)
    for k in range(3):
        transaction(risky, AS_OF - days(3 + k), "failed")
    scoring.score(database, model=model.id, as_of=AS_OF, workers=1)
    risky_row = m.Customer.get_by_id(risky.id)
    by_risk = dashboard.customers_by_risk()
    assert by_risk["LAPSED"] == 1
    assert risky_row.risk_level in ("HIGH", "CRITICAL")
    assert dashboard.revenue_at_risk() == Decimal("70.00")  # the lapsed 500 is not "at risk"
    query = ListQuery(filters={"risk_level": ["LAPSED"]})
    assert [r.id for r in ls.fetch(lists.SPECS["customers"], query)] == [lapsed.id]


def test_a_status_model_scores_everyone(database):
    model = quick_model()  # no inactivity definition: nobody is lapsed by inactivity
    who = _last_order(300)
    scoring.score(database, model=model.id, as_of=AS_OF, workers=1)
    row = m.Customer.get_by_id(who.id)
    assert row.risk_level != "LAPSED" and row.churn_probability is not None


@pytest.mark.parametrize("inactive", [N - 1, N, N + 1])
def test_training_leaves_out_exactly_the_customers_scoring_calls_lapsed(database, inactive):
    from desktop.core.churn.features import FeatureSpec, compute_features, iter_id_ranges
    from desktop.core.churn.lapsed import lapsed_mask

    _last_order(inactive)
    ((span, _),) = list(iter_id_ranges(AS_OF, 100))
    fm = compute_features(database, span, AS_OF, FeatureSpec())
    assert lapsed_mask(fm, N).tolist() == [inactive >= N]
