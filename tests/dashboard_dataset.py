"""A small fixed dataset whose dashboard numbers were worked out by hand (see the tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import peewee as pw
import pytest

from db import models as m
from db.passwords import hash_password

NOW = datetime(2026, 6, 30, 12, 0, 0)
H = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def dataset(database: pw.Database, cheap_password_hashing: None) -> pw.Database:
    staff = m.User.create(
        username="sup",
        email="sup@x.example",
        display_name="Sup",
        role="supervisor",
        password_hash=hash_password("x"),
    )
    since = date(2025, 1, 1)

    def customer(n: int, **kw: object) -> m.Customer:
        kw.setdefault("customer_since", since)
        return m.Customer.create(name=f"C{n}", email=f"c{n}@x.example", **kw)

    c = {
        1: customer(1, risk_level="LOW", churn_probability=0.10, account_value=10),
        2: customer(2, risk_level="MEDIUM", churn_probability=0.45, account_value=20),
        3: customer(
            3, account_status="at_risk", risk_level="HIGH", churn_probability=0.70, account_value=30
        ),
        4: customer(
            4,
            account_status="at_risk",
            risk_level="CRITICAL",
            churn_probability=1.0,
            account_value=40,
        ),
        5: customer(
            5,
            account_status="churned",
            churned_at=datetime(2026, 6, 10),
            risk_level="CRITICAL",
            churn_probability=0.95,
            account_value=50,
        ),
        6: customer(
            6,
            account_status="churned",
            churned_at=datetime(2026, 4, 15),
            risk_level="HIGH",
            churn_probability=0.90,
            account_value=60,
        ),
        7: customer(7, customer_since=date(2026, 6, 20), account_value=5),
        8: customer(
            8, deleted_at=NOW - DAY, risk_level="HIGH", churn_probability=0.75, account_value=100
        ),
    }

    def alert(
        n: int,
        created: datetime,
        status: str,
        priority: str,
        ack: timedelta | None = None,
        resolved: timedelta | None = None,
        customer: int = 1,
    ) -> None:
        m.Alert.create(
            type="churn_risk",
            priority=priority,
            status=status,
            customer=c[customer],
            title=f"A{n}",
            created_at=created,
            acknowledged_at=created + ack if ack else None,
            acknowledged_by=staff if ack else None,
            resolved_at=created + resolved if resolved else None,
        )

    # Unresolved: 1, 2, 3, 5, 6, 7 (3 and 5 acknowledged). First real actions (an
    # acknowledgement is none): 3 a note 4 h later, 4 resolved after 8 h (before that note),
    # 7 an intervention on customer 3 a day later; 1, 2, 6 nothing yet.
    alert(1, NOW - 2 * DAY, "open", "high")
    alert(2, NOW - 3 * DAY, "open", "critical")
    alert(3, NOW - 5 * DAY, "acknowledged", "medium", ack=1 * H)
    alert(4, NOW - 6 * DAY, "resolved", "high", ack=3 * H, resolved=8 * H)
    alert(5, NOW - 40 * DAY, "acknowledged", "low", ack=10 * H)
    alert(6, NOW - 1 * DAY, "open", "high", customer=3)
    alert(7, NOW - 7 * DAY, "open", "low", customer=3)
    m.CustomerNote.create(
        customer=c[1], author=staff, body="Called", created_at=NOW - 5 * DAY + 4 * H
    )

    def ticket(n: int, opened: datetime, status: str, resolved: datetime | None = None) -> None:
        m.SupportTicket.create(
            number=f"T-{n}",
            customer=c[2],
            subject=f"T{n}",
            category="billing",
            status=status,
            opened_at=opened,
            resolved_at=resolved,
        )

    ticket(1, NOW - 10 * DAY, "resolved", NOW - 6 * DAY)
    ticket(2, NOW - 4 * DAY, "closed", NOW - 4 * DAY + 12 * H)
    ticket(3, NOW - 2 * DAY, "open")
    ticket(4, NOW - 1 * DAY, "in_progress")
    ticket(5, NOW - 60 * DAY, "resolved", NOW - 50 * DAY)
    ticket(6, NOW - 5 * DAY, "pending")

    def intervention(
        started: datetime, outcome: str | None, revenue: int, ended: datetime | None = None
    ) -> None:
        m.Intervention.create(
            customer=c[3],
            user=staff,
            channel="phone",
            kind="retention_offer",
            status="completed" if outcome else "in_progress",
            outcome=outcome,
            started_at=started,
            ended_at=ended,
            revenue_retained=revenue,
        )

    # Started in the 30 days: the first four. Concluded in them: 30, 20, the declined one and
    # the 100 started 45 days ago; not the 7 that ended 40 days ago.
    intervention(NOW - 3 * DAY, "retained", 30, NOW - 2 * DAY)
    intervention(NOW - 4 * DAY, "payment_updated", 20, NOW - 4 * DAY)
    intervention(NOW - 5 * DAY, "declined", 0, NOW - DAY)
    intervention(NOW - 6 * DAY, None, 0)
    intervention(NOW - 45 * DAY, "retained", 100, NOW - 25 * DAY)
    intervention(NOW - 60 * DAY, "retained", 7, NOW - 40 * DAY)
    m.Plan.create(name="Basic", price=9, currency="EUR")
    m.Plan.create(name="Plus", price=19, currency="EUR")
    m.Plan.create(name="Legacy", price=5, currency="USD")

    version = m.ModelVersion.create(
        name="v1",
        algorithm="logreg",
        metrics={"roc_auc": 0.81, "f1": 0.5},
        trained_at=NOW - 9 * DAY,
    )
    m.ModelVersion.create(
        name="v2",
        algorithm="hgb",
        metrics={"roc_auc": 0.86, "f1": 0.6, "note": "x"},
        trained_at=NOW,
    )
    done = m.ScoringRun.create(model_version=version, status="completed", started_at=NOW - DAY)
    m.ScoringRun.create(model_version=version, status="running", started_at=NOW - H)
    for cust, level, p in ((c[1], "LOW", 0.1), (c[2], "LOW", 0.2), (c[3], "HIGH", 0.7)):
        m.ChurnPrediction.create(
            customer=cust, model_version=version, run=done, probability=p, risk_level=level
        )

    m.SystemMetric.create(
        name="scoring.duration", value=12, tags={"host": "ws1"}, recorded_at=NOW - DAY
    )
    m.SystemMetric.create(
        name="scoring.duration", value=20, tags={"host": "ws2"}, recorded_at=NOW - 2 * DAY
    )
    m.SystemMetric.create(name="alerts.open", value=5, tags={"host": "ws1"}, recorded_at=NOW - DAY)
    return database
