"""Dashboard numbers against values worked out by hand on a small fixed dataset."""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal

import peewee as pw
import pytest

from db import models as m
from desktop.core.read import dashboard as d
from tests.dashboard_dataset import DAY, NOW, H


def test_kpi_tiles(dataset: pw.Database) -> None:
    k = d.kpis(NOW)
    assert k.customers_by_risk == {"LOW": 1, "MEDIUM": 1, "HIGH": 1, "CRITICAL": 1, "UNSCORED": 1}
    assert k.at_risk_accounts == 2 and k.revenue_at_risk == Decimal("70.00")
    # Customers at the window's start: 1–6 (7 joined later, 8 is deleted) minus 6 (churned before).
    assert k.churned_30d == 1
    assert k.churn_rate_30d == pytest.approx(1 / 5)
    # Open means not resolved: acknowledged alerts are still open, and counted within.
    assert k.open_alerts_by_priority == {"low": 2, "medium": 1, "high": 2, "critical": 1}
    assert k.acknowledged_alerts == 2
    # To the first real action (a note 4 h, resolved 8 h, an intervention 24 h), not to the
    # acknowledgements (1 h, 3 h).
    assert k.median_alert_response_s == pytest.approx(8 * 3600)
    assert k.open_tickets == 3
    assert k.median_ticket_resolution_s == pytest.approx((96 + 12) / 2 * 3600)
    assert k.interventions == 4
    # Judged on those concluded in the 30 days: 3 of 4 kept the customer, retaining 150.
    assert k.interventions_concluded == 4
    assert k.intervention_success_rate == pytest.approx(3 / 4)
    assert k.revenue_retained == Decimal("150.00")
    assert k.currency == "EUR", "the currency most plans are priced in"


def test_empty_database_gives_empty_tiles(database: pw.Database) -> None:
    k = d.kpis(NOW)
    assert k.churn_rate_30d is None
    assert k.median_alert_response_s is None
    assert k.intervention_success_rate is None
    assert k.revenue_at_risk == Decimal("0.00")
    assert k.currency == "USD"
    assert k.open_alerts_by_priority == {"low": 0, "medium": 0, "high": 0, "critical": 0}


def test_acknowledging_leaves_an_alert_open_and_its_response_unmeasured(
    dataset: pw.Database,
) -> None:
    before = d.kpis(NOW)
    m.Alert.update(status="acknowledged", acknowledged_at=NOW - H).where(
        m.Alert.status == "open"
    ).execute()
    after = d.kpis(NOW)
    assert after.open_alerts_by_priority == before.open_alerts_by_priority
    assert after.acknowledged_alerts == 6
    assert after.median_alert_response_s == before.median_alert_response_s


def test_the_currency_comes_from_orders_without_plans(database: pw.Database) -> None:
    customer = m.Customer.create(name="C", email="c@x.example")
    for n, currency in enumerate(("GBP", "GBP", "EUR")):
        m.Order.create(order_number=f"O-{n}", customer=customer, currency=currency)
    assert d.data_currency() == "GBP"


def test_churn_rate_by_month(dataset: pw.Database) -> None:
    series = d.churn_rate_by_month(d.Period(datetime(2026, 1, 1), NOW))
    assert series.x == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert series.y == pytest.approx([0, 0, 0, 1 / 6, 0, 1 / 5])
    assert series.meta == {"partial": "2026-06"}, "June 30 at noon: June so far"
    whole = d.churn_rate_by_month(d.Period(datetime(2026, 1, 1), datetime(2026, 6, 1)))
    assert whole.meta == {}


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
    assert volume.y == [1, 1, 1, 0, 1, 1, 1, 0]
    assert response.y[:3] == pytest.approx([24.0, 8.0, 4.0])  # to the first real action
    assert all(math.isnan(v) for v in response.y[3:])


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
        d.ModelPoint("v1", "logreg", NOW - 9 * DAY, {"roc_auc": 0.81, "f1": 0.5}),
        d.ModelPoint("v2", "hgb", NOW, {"roc_auc": 0.86, "f1": 0.6}),
    ]


def test_one_refresh_returns_every_chart_and_times_each_query(dataset: pw.Database) -> None:
    period = d.Period.last(7, NOW)
    data = d.load_dashboard(period, NOW, ["scoring.duration"], {"host": "ws1"})
    assert data.kpis == d.kpis(NOW)
    assert data.alert_volume == d.alert_volume_and_response(period)[0]
    assert data.ticket_backlog == d.ticket_backlog_and_resolution(period)[0]
    assert [s.y for s in data.metrics] == [[12.0]]
    assert set(data.timings_ms) >= {"open_alerts", "churn_by_month", "histogram", "alerts_by_day"}
    assert data.risk_now == d.risk_distribution_now()
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


def test_risk_by_run_uses_the_counts_a_run_kept(dataset: pw.Database) -> None:
    version = m.ModelVersion.get(m.ModelVersion.name == "v2")
    kept = {"LOW": 600, "MEDIUM": 250, "HIGH": 100, "CRITICAL": 50}
    m.ScoringRun.create(
        model_version=version, status="completed", started_at=NOW - 2 * DAY, risk_counts=kept
    )
    by_run = d.risk_distribution_by_run(d.Period.last(7, NOW))
    assert by_run[0] == (NOW - 2 * DAY, kept)
    assert by_run[1] == (NOW - DAY, {"LOW": 2, "MEDIUM": 0, "HIGH": 1, "CRITICAL": 0})


def test_at_risk_follows_the_alert_policy_not_the_risk_levels(dataset: pw.Database) -> None:
    """A policy that takes a MEDIUM customer (top decile of a low-base-rate shop) counts
    them; a HIGH one whose account was resolved is no longer at risk."""
    C = m.Customer  # noqa: N806
    C.update(account_status="at_risk").where(C.email == "c2@x.example").execute()  # MEDIUM, 20
    C.update(account_status="resolved").where(C.email == "c3@x.example").execute()  # HIGH, 30
    k = d.kpis(NOW)
    assert k.at_risk_accounts == 2  # 2 and 4 (CRITICAL, 40)
    assert k.revenue_at_risk == Decimal("60.00")
    assert k.customers_by_risk["HIGH"] == 1  # the levels are still shown as they are
