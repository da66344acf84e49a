"""The Customer 360 read model on SQLite and MariaDB: timeline merge, payment flags, factors."""

from __future__ import annotations

from datetime import date, datetime

from db import models as m
from desktop.core.read import customer360 as c360


def test_timeline_merges_every_kind_newest_first(database):
    user = m.User.create(username="u", email="u@x.example", display_name="U", password_hash="x")
    c = m.Customer.create(name="Ada", email="ada@x.example")
    other = m.Customer.create(name="Bob", email="bob@x.example")
    m.Order.create(order_number="ORD-1", customer=c, placed_at=datetime(2024, 1, 1), total=10)
    m.Order.create(order_number="ORD-2", customer=other, placed_at=datetime(2024, 1, 9))
    m.CustomerEvent.create(customer=c, category="engagement", event_type="login",
                           occurred_at=datetime(2024, 1, 2))  # fmt: skip
    m.SupportTicket.create(number="T-1", customer=c, subject="Help", category="other",
                           opened_at=datetime(2024, 1, 3))  # fmt: skip
    m.Alert.create(type="churn_risk", priority="high", customer=c, title="Risk up",
                   created_at=datetime(2024, 1, 4))  # fmt: skip
    m.CustomerNote.create(customer=c, author=user, body="Called", created_at=datetime(2024, 1, 5))
    m.Intervention.create(customer=c, user=user, channel="phone", kind="check_in",
                          started_at=datetime(2024, 1, 6))  # fmt: skip
    view = c360.load(c.id, today=date(2024, 2, 1))
    assert [(i.kind, i.at.day) for i in view.timeline] == [
        ("intervention", 6),
        ("note", 5),
        ("alert", 4),
        ("ticket", 3),
        ("event", 2),
        ("order", 1),
    ]
    assert view.timeline[1].title == "Note by U" and view.timeline[1].detail == "Called"
    assert [a.title for a in view.open_alerts] == ["Risk up"]


def test_payment_flags_health_and_prediction(database):
    c = m.Customer.create(name="Ada", email="ada@x.example", churn_probability=0.82,
                          risk_level="CRITICAL")  # fmt: skip
    today = date(2025, 3, 15)
    m.PaymentMethod.insert_many([
        {"customer": c.id, "brand": "visa", "last_four": "4242", "expiry_month": 4,
         "expiry_year": 2025, "is_default": True},
        {"customer": c.id, "brand": "amex", "last_four": "0005", "expiry_month": 12,
         "expiry_year": 2027, "is_default": False, "failure_count": 2, "status": "failed"},
    ]).execute()  # fmt: skip
    m.CustomerHealthScore.create(customer=c, score=40, purchase_score=30, engagement_score=50,
                                 support_score=60, recency_score=20)  # fmt: skip
    mv = m.ModelVersion.create(name="v1", algorithm="logreg")
    m.ChurnPrediction.create(customer=c, model_version=mv, probability=0.82, risk_level="CRITICAL",
                             factors=[{"feature": "days_since_last_order", "contribution": 0.4},
                                      {"label": "Open tickets", "contribution": -0.0042},
                                      "two failed payments"])  # fmt: skip
    view = c360.load(c.id, today=today)
    visa, amex = view.payments
    assert (visa.expiring, visa.failed) == (True, False)  # expires next month
    assert (amex.expiring, amex.failed, amex.failure_count) == (False, True, 2)
    assert view.health.score == 40
    assert c360.factor_lines(view.prediction.factors) == [
        "days since last order (+40 pts)",
        "Open tickets (-0.4 pts)",
        "two failed payments",
    ]
    assert c360.factor_lines({"recency": -0.1, "failures": 0.5}) == [
        "failures (+0.50)",
        "recency (-0.10)",
    ]
