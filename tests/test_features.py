"""Point-in-time churn features: hand-checked values, no leakage, set-wise queries."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pytest

from db import models as m
from desktop.core.churn.features import (
    BASE_NAMES,
    FeatureSpec,
    IdRange,
    build_feature_spec,
    compute_features,
    iter_id_ranges,
)
from tests.churn_helpers import (
    card,
    customer,
    days,
    event,
    order,
    plan,
    subscription,
    ticket,
    transaction,
)

T = datetime(2024, 6, 1, 12, 0, 0)


def _row(fm, customer_id: int) -> dict[str, float]:
    i = int(np.flatnonzero(fm.ids == customer_id)[0])
    return dict(zip(fm.names, fm.matrix[i].tolist(), strict=True))


def _history(who: m.Customer, pro: m.Plan) -> None:
    """A known history before T."""
    order(who, T - days(10), 100.0, discount=10.0, subtotal=110.0)
    order(who, T - days(40), 60.0)
    order(who, T - days(50), 40.0)
    order(who, T - days(200), 30.0, status="returned")
    order(who, T - days(5), 70.0, status="cancelled")
    for n in range(3):
        event(who, T - days(1 + n), "login")
    event(who, T - days(2), "email_open")
    event(who, T - days(3), "email_open")
    event(who, T - days(3), "email_click")
    event(who, T - days(4), "product_view")
    for n in range(4):
        event(who, T - days(35 + n), "login")
    ticket(who, T - days(20), escalated=True)
    ticket(who, T - days(100), resolved_at=T - days(99), satisfaction=2, status="resolved")
    ticket(who, T - days(60), resolved_at=T - days(58), satisfaction=5, status="resolved")
    transaction(who, T - days(30), "succeeded")
    transaction(who, T - days(20), "failed")
    transaction(who, T - days(10), "failed")
    card(who, 2024, 6)  # valid through June 2024: expires within 30 days of T
    card(who, 2023, 1)
    subscription(who, pro, T - days(300))


def _future(who: m.Customer, pro: m.Plan) -> None:
    """Everything after T: must not change the features as of T."""
    later = T + days(3)
    order(who, later, 500.0)
    order(who, T, 500.0)  # exactly at the cutoff counts as after it
    event(who, later, "login")
    event(who, later, "email_click")
    ticket(who, later, escalated=True)
    transaction(who, later, "failed")
    card(who, 2030, 1, created_at=later)
    subscription(who, pro, later)


def test_features_match_a_hand_worked_history(database):
    pro = plan("Pro", 20.0)
    who = customer(since=date(2023, 6, 1), loyalty_points=120)
    _history(who, pro)

    fm = compute_features(database, IdRange(who.id, who.id), T, FeatureSpec(plans=("Pro",)))
    f = _row(fm, who.id)

    assert f["tenure_days"] == (T.date() - date(2023, 6, 1)).days
    assert f["recency_days"] == pytest.approx(10.0)
    assert f["has_ordered"] == 1.0
    assert f["orders_total"] == 4  # the cancelled one is not a sale; the returned one was
    assert f["orders_30d"] == 1
    assert f["orders_prev_60d"] == 2
    assert f["order_trend"] == pytest.approx(math.log((1 + 1) / (2 / 2 + 1)))
    assert f["spend_total"] == pytest.approx(200.0)  # returned and cancelled are not revenue
    assert f["spend_90d"] == pytest.approx(200.0)
    assert f["avg_order_value"] == pytest.approx(200.0 / 3)
    assert f["cancellations"] == 1
    assert f["refunds_returns"] == 1
    assert f["return_rate"] == pytest.approx(1 / 5)
    assert f["discount_order_share"] == pytest.approx(1 / 4)
    assert f["discount_rate"] == pytest.approx(10.0 / (110.0 + 60 + 40 + 30))
    assert f["logins_30d"] == 3
    assert f["email_opens_30d"] == 2
    assert f["email_clicks_30d"] == 1
    assert f["product_views_30d"] == 1
    assert f["engagement_30d"] == 7
    assert f["engagement_prev_60d"] == 4
    assert f["email_click_rate"] == pytest.approx(0.5)
    assert f["days_since_activity"] == pytest.approx(1.0)
    assert f["tickets_total"] == 3
    assert f["tickets_90d"] == 2
    assert f["open_tickets"] == 1
    assert f["escalations_90d"] == 1
    assert f["avg_satisfaction"] == pytest.approx(3.5)
    assert f["low_satisfaction"] == 1
    assert f["failed_payments_90d"] == 2
    assert f["payment_failure_rate_90d"] == pytest.approx(2 / 3)
    assert f["consecutive_failures"] == 2
    assert f["days_since_failure"] == pytest.approx(10.0)
    assert f["card_expiring_30d"] == 1.0
    assert f["card_expired"] == 0.0
    assert f["has_card"] == 1.0
    assert f["loyalty_points"] == 120
    assert f["has_subscription"] == 1.0
    assert f["subscription_monthly_price"] == pytest.approx(20.0)
    assert f["plan=Pro"] == 1.0


def test_rows_after_the_cutoff_do_not_change_features(database):
    pro = plan("Pro", 20.0)
    who = customer()
    _history(who, pro)
    spec = FeatureSpec(plans=("Pro",))
    before = compute_features(database, IdRange(who.id, who.id), T, spec)

    _future(who, pro)
    after = compute_features(database, IdRange(who.id, who.id), T, spec)
    assert after.names == before.names
    assert after.matrix.tolist() == before.matrix.tolist()
    # The later cutoff does see those rows.
    later = compute_features(database, IdRange(who.id, who.id), T + days(10), spec)
    assert _row(later, who.id)["orders_total"] == _row(before, who.id)["orders_total"] + 2


def test_state_changes_after_the_cutoff_are_read_as_not_yet_happened(database):
    pro = plan("Pro", 20.0)
    who = customer()
    # Resolved and rated after T: still open, and unrated, at T.
    ticket(who, T - days(2), resolved_at=T + days(1), satisfaction=1, status="resolved")
    # Cancelled after T: still running at T.
    subscription(who, pro, T - days(30), cancelled_at=T + days(2), status="cancelled")
    spec = FeatureSpec(plans=("Pro",))

    at_t = _row(compute_features(database, [who.id], T, spec), who.id)
    assert at_t["open_tickets"] == 1
    assert at_t["low_satisfaction"] == 0 and at_t["avg_satisfaction"] == 3.0
    assert at_t["has_subscription"] == 1.0 and at_t["subscription_cancelled"] == 0.0
    assert at_t["plan=Pro"] == 1.0

    later = _row(compute_features(database, [who.id], T + days(10), spec), who.id)
    assert later["open_tickets"] == 0
    assert later["low_satisfaction"] == 1 and later["avg_satisfaction"] == 1.0
    assert later["has_subscription"] == 0.0 and later["subscription_cancelled"] == 1.0
    assert later["plan=Pro"] == 0.0


def test_loyalty_points_are_scaled_back_to_the_cutoff(database):
    """Points accrue with spend; the balance today includes points earned after T."""
    who = customer(loyalty_points=500)
    order(who, T - days(20), 200.0)
    order(who, T + days(5), 300.0)
    order(who, T + days(6), 80.0, status="cancelled")  # no revenue, no points
    f = _row(compute_features(database, [who.id], T), who.id)
    assert f["loyalty_points"] == pytest.approx(200.0)
    now = _row(compute_features(database, [who.id], T + days(30)), who.id)
    assert now["loyalty_points"] == pytest.approx(500.0)


def test_only_customers_present_and_not_churned_at_the_cutoff(database):
    old = customer(since=date(2023, 1, 1))
    joined_later = customer(since=date(2024, 7, 1))
    churned_before = customer(status="churned", churned_at=T - days(5))
    churned_after = customer(status="churned", churned_at=T + days(5))
    deleted = customer()
    m.Customer.update(deleted_at=T).where(m.Customer.id == deleted.id).execute()

    everyone = IdRange(old.id, deleted.id)
    fm = compute_features(database, everyone, T)
    assert fm.ids.tolist() == [old.id, churned_after.id]
    assert joined_later.id not in fm.ids and churned_before.id not in fm.ids
    # For scoring now, a churned account is not scored at all.
    scoring = compute_features(database, everyone, T, exclude_churned=True)
    assert scoring.ids.tolist() == [old.id]


def test_customer_without_history_gets_neutral_values(database):
    who = customer(since=date(2024, 5, 1))
    f = _row(compute_features(database, [who.id], T), who.id)
    assert f["recency_days"] == f["tenure_days"] == 31
    assert f["orders_total"] == 0 and f["spend_total"] == 0 and f["avg_order_value"] == 0
    assert f["order_trend"] == 0.0 and f["engagement_trend"] == 0.0
    assert f["days_since_activity"] == 90
    assert f["avg_satisfaction"] == 3.0
    assert f["has_card"] == 0.0 and f["card_expiring_30d"] == 0.0
    assert f["days_since_failure"] == 365
    assert all(math.isfinite(value) for value in f.values())


def test_custom_attributes_numeric_and_capped_categorical(database):
    customer(attributes={"seats": 10, "industry": "retail", "vip": True})
    customer(attributes={"seats": 30, "industry": "retail"})
    customer(attributes={"industry": "media", "seats": 20})
    customer(attributes={"industry": "games"})
    missing = customer()

    spec = build_feature_spec(database, T, max_categories=2)
    assert spec.numeric_attributes == ("seats",)
    assert spec.numeric_fill == (20.0,)  # median of 10, 20, 30
    assert dict(spec.categorical_attributes) == {
        "industry": ("retail", "games"),  # most common first, ties by name; "media" capped out
        "vip": ("True",),
    }
    fm = compute_features(database, iter_ids(), T, spec)
    assert {"attr:seats", "attr:industry=retail", "attr:industry=games", "attr:vip=True"} <= set(
        fm.names
    )
    rows = [_row(fm, cid) for cid in fm.ids.tolist()]
    assert [r["attr:seats"] for r in rows] == [10, 30, 20, 20, 20]  # missing -> median
    assert [r["attr:industry=retail"] for r in rows] == [1, 1, 0, 0, 0]
    assert [r["attr:industry=games"] for r in rows] == [0, 0, 0, 1, 0]
    assert [r["attr:vip=True"] for r in rows] == [1, 0, 0, 0, 0]
    assert _row(fm, missing.id)["attr:industry=retail"] == 0
    # The spec survives its JSON round trip (it is stored with the model).
    assert FeatureSpec.from_json(spec.to_json()) == spec
    labels = {d["name"]: d for d in spec.definitions()}
    assert labels["attr:industry=retail"]["snapshot"] is True
    assert len(spec.definitions()) == len(spec.names)


def iter_ids() -> IdRange:
    ids = [c.id for c in m.Customer.select(m.Customer.id)]
    return IdRange(min(ids), max(ids))


def test_query_count_does_not_grow_with_customers(database, monkeypatch):
    """Set-wise: the same handful of queries for 3 customers as for 30."""
    pro = plan("Pro", 20.0)
    statements: list[str] = []
    original = type(database).execute_sql

    def counting(self, sql, params=None, *args, **kwargs):
        statements.append(sql)
        return original(self, sql, params, *args, **kwargs)

    def count_for(n: int) -> int:
        made = [customer() for _ in range(n)]
        for who in made:
            _history(who, pro)
        statements.clear()
        with monkeypatch.context() as patch:
            patch.setattr(type(database), "execute_sql", counting)
            fm = compute_features(
                database, IdRange(made[0].id, made[-1].id), T, FeatureSpec(plans=("Pro",))
            )
        assert len(fm) == n
        return len(statements)

    assert count_for(3) == count_for(30) <= 9


def test_id_ranges_cover_every_eligible_customer_once(database):
    made = [customer() for _ in range(7)]
    customer(status="churned", churned_at=T - days(1))
    ranges = list(iter_id_ranges(T, 3, exclude_churned=True))
    assert [count for _, count in ranges] == [3, 3, 1]
    covered = [cid for r, _ in ranges for cid in range(r.first, r.last + 1)]
    assert [c.id for c in made] == [cid for cid in covered if cid in {c.id for c in made}]
    assert len(covered) == len(set(covered))


def test_base_feature_names_are_unique():
    assert len(set(BASE_NAMES)) == len(BASE_NAMES)


def test_a_packed_aggregate_cut_short_is_refused_not_misread(database):
    """MySQL cuts a GROUP_CONCAT at group_concat_max_len with only a warning: features must
    fail loudly then, never pair one customer's values with another's."""
    from db.connection import GROUP_CONCAT_MAX_LEN, is_mysql

    if not is_mysql(database):
        pytest.skip("only MySQL cuts GROUP_CONCAT short")
    people = [customer() for _ in range(4)]
    span = IdRange(people[0].id, people[-1].id)
    assert len(compute_features(database, span, T)) == 4  # the connection's own limit is ample
    database.execute_sql("SET SESSION group_concat_max_len = 4")  # the smallest MySQL allows
    try:
        with pytest.raises(RuntimeError, match="cut short"):
            compute_features(database, span, T)
    finally:
        database.execute_sql(f"SET SESSION group_concat_max_len = {GROUP_CONCAT_MAX_LEN}")
