"""Dashboard numbers against values worked out by hand on a small fixed dataset."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from decimal import Decimal

import peewee as pw
import pytest

from db import models as m
from db.passwords import hash_password
from desktop.core import dashboard as d

NOW = datetime(2026, 6, 30, 12, 0, 0)
H = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def dataset(database: pw.Database) -> pw.Database:
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
        n: int, created: datetime, status: str, priority: str, ack: timedelta | None = None
    ) -> None:
        m.Alert.create(
            type="churn_risk",
            priority=priority,
            status=status,
            customer=c[1],
            title=f"A{n}",
            created_at=created,
            acknowledged_at=created + ack if ack else None,
            acknowledged_by=staff if ack else None,
        )

    alert(1, NOW - 2 * DAY, "open", "high")
    alert(2, NOW - 3 * DAY, "open", "critical")
    alert(3, NOW - 5 * DAY, "acknowledged", "medium", ack=1 * H)
    alert(4, NOW - 6 * DAY, "resolved", "high", ack=3 * H)
    alert(5, NOW - 40 * DAY, "acknowledged", "low", ack=10 * H)
    alert(6, NOW - 1 * DAY, "open", "high")

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

    def intervention(started: datetime, outcome: str | None, revenue: int) -> None:
        m.Intervention.create(
            customer=c[3],
            user=staff,
            channel="phone",
            kind="retention_offer",
            outcome=outcome,
            started_at=started,
            revenue_retained=revenue,
        )

    intervention(NOW - 3 * DAY, "retained", 30)
    intervention(NOW - 4 * DAY, "payment_updated", 20)
    intervention(NOW - 5 * DAY, "declined", 0)
    intervention(NOW - 6 * DAY, None, 0)
    intervention(NOW - 45 * DAY, "retained", 100)

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


def test_kpi_tiles(dataset: pw.Database) -> None:
    k = d.kpis(NOW)
    assert k.customers_by_risk == {"LOW": 1, "MEDIUM": 1, "HIGH": 1, "CRITICAL": 1, "UNSCORED": 1}
    assert k.revenue_at_risk == Decimal("70.00")
    # Customers at the window's start: 1–6 (7 joined later, 8 is deleted) minus 6 (churned before).
    assert k.churned_30d == 1
    assert k.churn_rate_30d == pytest.approx(1 / 5)
    assert k.open_alerts_by_priority == {"low": 0, "medium": 0, "high": 2, "critical": 1}
    assert k.acknowledged_alerts == 2
    assert k.median_alert_response_s == pytest.approx(2 * 3600)  # median of 1 h and 3 h
    assert k.open_tickets == 3
    assert k.median_ticket_resolution_s == pytest.approx((96 + 12) / 2 * 3600)
    assert k.interventions == 4
    assert k.intervention_success_rate == pytest.approx(2 / 3)
    assert k.revenue_retained == Decimal("50.00")


def test_empty_database_gives_empty_tiles(database: pw.Database) -> None:
    k = d.kpis(NOW)
    assert k.churn_rate_30d is None
    assert k.median_alert_response_s is None
    assert k.intervention_success_rate is None
    assert k.revenue_at_risk == Decimal("0.00")


def test_churn_rate_by_month(dataset: pw.Database) -> None:
    series = d.churn_rate_by_month(d.Period(datetime(2026, 1, 1), NOW))
    assert series.x == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert series.y == pytest.approx([0, 0, 0, 1 / 6, 0, 1 / 5])


def test_probability_histogram_puts_one_in_the_last_bin(dataset: pw.Database) -> None:
    series = d.probability_histogram(bins=20)
    expected = [0.0] * 20
    expected[2] = expected[9] = expected[14] = expected[19] = 1.0
    assert series.y == expected


def test_risk_distribution_now_and_by_run(dataset: pw.Database) -> None:
    assert d.risk_distribution_now() == {"LOW": 1, "MEDIUM": 1, "HIGH": 1, "CRITICAL": 1}
    by_run = d.risk_distribution_by_run(d.Period.last(7, NOW))
    assert by_run == [(NOW - DAY, {"LOW": 2, "MEDIUM": 0, "HIGH": 1, "CRITICAL": 0})]


def test_alert_volume_and_response_per_day(dataset: pw.Database) -> None:
    volume, response = d.alert_volume_and_response(d.Period.last(7, NOW))
    assert volume.x == [f"2026-06-{day}" for day in range(23, 31)]
    assert volume.y == [0, 1, 1, 0, 1, 1, 1, 0]
    assert response.y[1] == pytest.approx(3.0)
    assert response.y[2] == pytest.approx(1.0)
    assert all(math.isnan(v) for i, v in enumerate(response.y) if i not in (1, 2))


def test_ticket_backlog_and_resolution_per_day(dataset: pw.Database) -> None:
    backlog, resolution = d.ticket_backlog_and_resolution(d.Period.last(7, NOW))
    assert backlog.y == [1, 0, 1, 2, 1, 2, 3, 3]
    assert backlog.y[-1] == d.kpis(NOW).open_tickets
    assert resolution.y[1] == pytest.approx(96.0)
    assert resolution.y[4] == pytest.approx(12.0)


def test_system_metrics_filtered_by_tag(dataset: pw.Database) -> None:
    period = d.Period.last(7, NOW)
    every = {s.name: s for s in d.system_metric_series(["scoring.duration", "alerts.open"], period)}
    assert every["scoring.duration"].y == [20.0, 12.0]
    ws1 = {s.name: s for s in d.system_metric_series(["scoring.duration"], period, {"host": "ws1"})}
    assert ws1["scoring.duration"].y == [12.0]
    assert ws1["scoring.duration"].x == [(NOW - DAY - datetime(1970, 1, 1)).total_seconds()]
    assert sorted(d.metric_names()) == ["alerts.open", "scoring.duration"]


def test_model_metrics_across_versions(dataset: pw.Database) -> None:
    assert d.model_metrics_by_version() == [
        ("v1", {"roc_auc": 0.81, "f1": 0.5}),
        ("v2", {"roc_auc": 0.86, "f1": 0.6}),
    ]


def test_one_refresh_returns_every_chart_and_times_each_query(dataset: pw.Database) -> None:
    period = d.Period.last(7, NOW)
    data = d.load_dashboard(period, NOW, ["scoring.duration"], {"host": "ws1"})
    assert data.kpis == d.kpis(NOW)
    assert data.alert_volume == d.alert_volume_and_response(period)[0]
    assert data.ticket_backlog == d.ticket_backlog_and_resolution(period)[0]
    assert [s.y for s in data.metrics] == [[12.0]]
    assert set(data.timings_ms) >= {"kpis", "churn_by_month", "histogram", "alerts_by_day"}
    assert all(ms >= 0 for ms in data.timings_ms.values())


def test_telemetry_records_latencies_as_metrics_but_not_too_often(database: pw.Database) -> None:
    from desktop.core.telemetry import Telemetry

    recorder = Telemetry(min_interval=3600, host="ws-test")
    assert recorder.record_timings("dashboard", {"kpis": 12.5, "histogram": 3.0}) == 2
    assert recorder.record_timings("dashboard", {"kpis": 11.0}) == 0, "throttled"
    rows = list(m.SystemMetric.select().order_by(m.SystemMetric.value))
    assert [(r.name, r.value, r.tags) for r in rows] == [
        ("dashboard.latency_ms", 3.0, {"host": "ws-test", "query": "histogram"}),
        ("dashboard.latency_ms", 12.5, {"host": "ws-test", "query": "kpis"}),
    ]
    # Recorded metrics chart like any other, filtered by their tags.
    series = d.system_metric_series(
        ["dashboard.latency_ms"], d.Period.last(1, m.utcnow() + DAY), {"query": "kpis"}
    )
    assert series[0].y == [12.5]
