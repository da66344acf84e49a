"""Small hand-built histories for the churn feature, training and scoring tests."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from typing import Any

from db import models as m

_numbers = itertools.count(1)


def customer(
    name: str = "Customer",
    *,
    since: date = date(2023, 1, 1),
    status: str = "active",
    churned_at: datetime | None = None,
    attributes: dict[str, Any] | None = None,
    loyalty_points: int = 0,
    **extra: Any,
) -> m.Customer:
    n = next(_numbers)
    return m.Customer.create(
        name=f"{name} {n}",
        email=f"c{n}@example.com",
        customer_since=since,
        account_status=status,
        churned_at=churned_at,
        custom_attributes=attributes,
        loyalty_points=loyalty_points,
        **extra,
    )


def order(
    who: m.Customer,
    placed_at: datetime,
    total: float = 50.0,
    *,
    status: str = "delivered",
    discount: float = 0.0,
    subtotal: float | None = None,
) -> m.Order:
    return m.Order.create(
        order_number=f"O-{next(_numbers)}",
        customer=who,
        status=status,
        total=total,
        discount=discount,
        subtotal=subtotal if subtotal is not None else total + discount,
        placed_at=placed_at,
    )


def event(
    who: m.Customer, occurred_at: datetime, event_type: str = "login", category: str = "engagement"
) -> m.CustomerEvent:
    return m.CustomerEvent.create(
        customer=who, category=category, event_type=event_type, occurred_at=occurred_at
    )


def ticket(
    who: m.Customer,
    opened_at: datetime,
    *,
    resolved_at: datetime | None = None,
    escalated: bool = False,
    satisfaction: int | None = None,
    status: str = "open",
) -> m.SupportTicket:
    return m.SupportTicket.create(
        number=f"T-{next(_numbers)}",
        customer=who,
        subject="Help",
        category="billing",
        status=status,
        opened_at=opened_at,
        resolved_at=resolved_at,
        escalated=escalated,
        satisfaction=satisfaction,
    )


def transaction(
    who: m.Customer, occurred_at: datetime, status: str = "succeeded", amount: float = 20.0
) -> m.PaymentTransaction:
    return m.PaymentTransaction.create(
        customer=who, amount=amount, status=status, occurred_at=occurred_at
    )


def card(
    who: m.Customer, year: int, month: int, *, created_at: datetime = datetime(2023, 1, 1)
) -> m.PaymentMethod:
    """A card row written directly: the model refuses already-expired years on create."""
    card_id = m.PaymentMethod.insert(
        customer=who,
        brand="visa",
        last_four="4242",
        expiry_year=year,
        expiry_month=month,
        created_at=created_at,
        updated_at=created_at,
    ).execute()
    return m.PaymentMethod.get_by_id(card_id)


def plan(name: str = "Pro", price: float = 20.0, interval: str = "month") -> m.Plan:
    return m.Plan.create(name=name, price=price, interval=interval)


def subscription(
    who: m.Customer,
    on: m.Plan,
    started_at: datetime,
    *,
    cancelled_at: datetime | None = None,
    status: str = "active",
) -> m.Subscription:
    return m.Subscription.create(
        customer=who, plan=on, started_at=started_at, cancelled_at=cancelled_at, status=status
    )


def days(n: float) -> timedelta:
    return timedelta(days=n)


def quick_model(
    algorithm: str = "logistic_regression",
    *,
    status: str = "active",
    name: str | None = None,
    seed: int = 0,
    history: bool = False,
) -> m.ModelVersion:
    """A small calibrated model fitted on synthetic features and stored like a trained one.

    Churn in the synthetic data rises with days since the last order, support tickets and failed
    payments, and falls with recent orders, so hand-built customers score predictably. With
    `history`, the spec has the order-rhythm columns (BG/NBD, gaps, season) and churn also rises
    with how overdue the next order is and falls with the chance of still buying.
    """
    import numpy as np

    from desktop.core.churn.artifacts import dump_model
    from desktop.core.churn.features import FeatureSpec
    from desktop.core.churn.features.spec import OrderHistory
    from desktop.core.churn.training import make_pipeline

    spec = (
        FeatureSpec(history=OrderHistory(btyd=(0.6, 30.0, 0.7, 2.4))) if history else FeatureSpec()
    )
    names = spec.names
    rng = np.random.default_rng(seed)
    n = 800
    x = np.zeros((n, len(names)))
    col = {name: j for j, name in enumerate(names)}
    x[:, col["recency_days"]] = rng.uniform(0, 200, n)
    x[:, col["tickets_90d"]] = rng.poisson(0.4, n)
    x[:, col["failed_payments_90d"]] = rng.poisson(0.3, n)
    x[:, col["orders_30d"]] = rng.poisson(0.6, n)
    x[:, col["tenure_days"]] = rng.uniform(30, 1000, n)
    x[:, col["days_since_activity"]] = 90
    x[:, col["days_since_failure"]] = 365
    logit = (
        -3.0
        + 0.02 * x[:, col["recency_days"]]
        + 1.2 * x[:, col["tickets_90d"]]
        + 1.5 * x[:, col["failed_payments_90d"]]
        - 0.8 * x[:, col["orders_30d"]]
    )
    if history:
        x[:, col["mean_gap_days"]] = rng.uniform(5, 90, n)
        x[:, col["gap_overdue_ratio"]] = x[:, col["recency_days"]] / x[:, col["mean_gap_days"]]
        x[:, col["btyd_p_alive"]] = rng.uniform(0, 1, n)
        x[:, col["btyd_expected_orders"]] = rng.uniform(0, 4, n) * x[:, col["btyd_p_alive"]]
        x[:, col["season_orders_last_year"]] = rng.poisson(0.5, n)
        logit += (
            0.3 * np.minimum(x[:, col["gap_overdue_ratio"]], 10) - 1.5 * x[:, col["btyd_p_alive"]]
        )
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    # The RFM model picks its columns by name; the others get none (no monotonic constraints,
    # as the tests written for them expect).
    by_name = names if algorithm == "rfm_logistic" else ()
    model = make_pipeline(algorithm, seed, rows=n, names=by_name).fit(x, y)
    explanation: dict[str, Any] = {
        "method": "treeshap" if algorithm == "gradient_boosting" else "linear",
        "unit": "log-odds",
    }
    artifact, digest = dump_model(model)
    return m.ModelVersion.create(
        name=name or f"test-{algorithm}-{next(_numbers)}",
        algorithm=algorithm,
        feature_definitions={
            "spec": spec.to_json(),
            "features": spec.definitions(),
            "explanation": explanation,
        },
        metrics={"roc_auc": 0.8},
        threshold=0.5,
        artifact=artifact,
        artifact_sha256=digest,
        status=status,
    )


def set_alert_policy(**values: Any) -> None:
    """Make `values` the live alert policy (test set-up; users go through the services)."""
    m.AlertPolicySetting.update(**values).where(m.AlertPolicySetting.id == 1).execute()


def seed_cutoffs() -> None:
    """The seed's rule as a policy: alert at HIGH (60 %) and above, a rise of 20 points."""
    set_alert_policy(mode="threshold", threshold=0.6, rise_points=20.0)
