"""What the Dashboard shows, aggregated in SQL: KPI tiles and chart series.

Each function takes the period it describes and returns plain data, so the numbers are tested
without a window and the window only draws them. Times are naive UTC; a period is [start, end).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import peewee as pw

from db.choices import (
    AccountStatus,
    AlertStatus,
    InterventionOutcome,
    Priority,
    RiskLevel,
    RunStatus,
    TicketStatus,
)
from db.models import (
    Alert,
    ChurnPrediction,
    Customer,
    Intervention,
    ModelVersion,
    ScoringRun,
    SupportTicket,
    SystemMetric,
)
from desktop.core import sql

OPEN_TICKET_STATUSES = (TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.PENDING)
SUCCESS_OUTCOMES = (InterventionOutcome.PAYMENT_UPDATED, InterventionOutcome.RETAINED)
AT_RISK_LEVELS = (RiskLevel.HIGH, RiskLevel.CRITICAL)
HISTOGRAM_BINS = 20
T = TypeVar("T")


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime

    @classmethod
    def last(cls, days: int, now: datetime) -> Period:
        return cls(now - timedelta(days=days), now)

    @property
    def days(self) -> float:
        return (self.end - self.start).total_seconds() / 86400


@dataclass(frozen=True)
class Kpis:
    customers_by_risk: dict[str, int]  # RiskLevel values plus "UNSCORED"
    revenue_at_risk: Decimal
    churn_rate_30d: float | None  # share of customers active 30 days ago who churned since
    churned_30d: int
    open_alerts_by_priority: dict[str, int]
    acknowledged_alerts: int
    median_alert_response_s: float | None
    open_tickets: int
    median_ticket_resolution_s: float | None
    interventions: int
    intervention_success_rate: float | None
    revenue_retained: Decimal


def _current_customers() -> pw.Expression:
    """Customers that are still customers: not deleted, not churned."""
    return Customer.deleted_at.is_null() & (Customer.account_status != AccountStatus.CHURNED)


def customers_by_risk() -> dict[str, int]:
    counts = {level.value: 0 for level in RiskLevel} | {"UNSCORED": 0}
    query = (
        Customer.select(Customer.risk_level, pw.fn.COUNT(Customer.id))
        .where(_current_customers())
        .group_by(Customer.risk_level)
        .tuples()
    )
    for level, count in query:
        counts[level or "UNSCORED"] = int(count)
    return counts


def revenue_at_risk() -> Decimal:
    total = (
        Customer.select(pw.fn.SUM(Customer.account_value))
        .where(_current_customers() & Customer.risk_level.in_(AT_RISK_LEVELS))
        .scalar()
    )
    return Decimal(str(total or 0)).quantize(Decimal("0.01"))


def churn_rate(period: Period) -> tuple[float | None, int]:
    """Customers who churned within the period over those who were customers at its start."""
    live = Customer.deleted_at.is_null()
    joined = Customer.select().where(live, Customer.customer_since <= period.start.date()).count()
    gone = Customer.select().where(live, Customer.churned_at < period.start).count()
    churned = (
        Customer.select()
        .where(live, Customer.churned_at >= period.start, Customer.churned_at < period.end)
        .count()
    )
    at_start = joined - gone
    return (churned / at_start if at_start > 0 else None), churned


def _median(values: Iterable[float | int | None]) -> float | None:
    clean = [float(v) for v in values if v is not None]
    return statistics.median(clean) if clean else None


def open_alerts_by_priority() -> dict[str, int]:
    counts = {p.value: 0 for p in Priority}
    query = (
        Alert.select(Alert.priority, pw.fn.COUNT(Alert.id))
        .where(Alert.status == AlertStatus.OPEN)
        .group_by(Alert.priority)
        .tuples()
    )
    for priority, count in query:
        counts[priority] = int(count)
    return counts


def median_alert_response(period: Period) -> float | None:
    """Median seconds from an alert's creation to its acknowledgement, for alerts raised in the
    period and acknowledged since."""
    seconds = sql.duration_seconds(Alert.created_at, Alert.acknowledged_at)
    query = (
        Alert.select(seconds)
        .where(
            Alert.created_at >= period.start,
            Alert.created_at < period.end,
            Alert.acknowledged_at.is_null(False),
        )
        .tuples()
    )
    return _median(row[0] for row in query)


def median_ticket_resolution(period: Period) -> float | None:
    """Median seconds from opening to resolution, for tickets resolved in the period."""
    seconds = sql.duration_seconds(SupportTicket.opened_at, SupportTicket.resolved_at)
    query = (
        SupportTicket.select(seconds)
        .where(SupportTicket.resolved_at >= period.start, SupportTicket.resolved_at < period.end)
        .tuples()
    )
    return _median(row[0] for row in query)


def intervention_summary(period: Period) -> tuple[int, float | None, Decimal]:
    """Interventions started in the period, the share of those with an outcome that kept the
    customer, and the revenue they retained."""
    in_period = (Intervention.started_at >= period.start) & (Intervention.started_at < period.end)
    success = pw.Case(None, [(Intervention.outcome.in_(SUCCESS_OUTCOMES), 1)], 0)
    decided = pw.Case(None, [(Intervention.outcome.is_null(False), 1)], 0)
    total, wins, with_outcome, revenue = (
        Intervention.select(
            pw.fn.COUNT(Intervention.id),
            pw.fn.SUM(success),
            pw.fn.SUM(decided),
            pw.fn.SUM(Intervention.revenue_retained),
        )
        .where(in_period)
        .tuples()
        .get()
    )
    rate = int(wins or 0) / int(with_outcome) if with_outcome else None
    return int(total or 0), rate, Decimal(str(revenue or 0)).quantize(Decimal("0.01"))


def kpis(now: datetime, period_days: int = 30) -> Kpis:
    period = Period.last(period_days, now)
    rate, churned = churn_rate(period)
    count, success, retained = intervention_summary(period)
    return Kpis(
        customers_by_risk=customers_by_risk(),
        revenue_at_risk=revenue_at_risk(),
        churn_rate_30d=rate,
        churned_30d=churned,
        open_alerts_by_priority=open_alerts_by_priority(),
        acknowledged_alerts=Alert.select().where(Alert.status == AlertStatus.ACKNOWLEDGED).count(),
        median_alert_response_s=median_alert_response(period),
        open_tickets=SupportTicket.select()
        .where(SupportTicket.status.in_(OPEN_TICKET_STATUSES))
        .count(),
        median_ticket_resolution_s=median_ticket_resolution(period),
        interventions=count,
        intervention_success_rate=success,
        revenue_retained=retained,
    )


# --- chart series -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """Points of one line or bar set; `x` are labels or epoch seconds, as the chart needs."""

    name: str
    x: list[float | str]
    y: list[float]
    meta: dict[str, object] = field(default_factory=dict)


def _months(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _days(period: Period) -> list[str]:
    first, last = period.start.date(), (period.end - timedelta(seconds=1)).date()
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def _count_by_month(field: pw.Field) -> dict[str, int]:
    month = sql.month_of(field)
    query = (
        Customer.select(month, pw.fn.COUNT(Customer.id))
        .where(Customer.deleted_at.is_null(), field.is_null(False))
        .group_by(month)
        .tuples()
    )
    return {label: int(count) for label, count in query}


def churn_rate_by_month(period: Period) -> Series:
    """Per calendar month: customers who churned in it over customers at its start.

    Two grouped counts over all time (joins and churns per month) and running sums give every
    month's base at once, instead of one count per month.
    """
    months = _months(period.start.date(), (period.end - timedelta(seconds=1)).date())
    joined = _count_by_month(Customer.customer_since)
    churned = _count_by_month(Customer.churned_at)
    rates = []
    for label in months:
        base = sum(n for month, n in joined.items() if month < label) - sum(
            n for month, n in churned.items() if month < label
        )
        rates.append(churned.get(label, 0) / base if base > 0 else 0.0)
    return Series("churn rate", list(months), rates)


def risk_distribution_now() -> dict[str, int]:
    return {k: v for k, v in customers_by_risk().items() if k != "UNSCORED"}


def risk_distribution_by_run(period: Period) -> list[tuple[datetime, dict[str, int]]]:
    """Risk levels counted per completed scoring run in the period: the stacked chart.

    Runs keep their own counts (summed from their chunks as they were written); only a run
    without them is counted from its predictions.
    """
    runs = list(
        ScoringRun.select(ScoringRun.id, ScoringRun.started_at, ScoringRun.risk_counts)
        .where(
            ScoringRun.status == RunStatus.COMPLETED,
            ScoringRun.started_at >= period.start,
            ScoringRun.started_at < period.end,
        )
        .order_by(ScoringRun.started_at)
        .tuples()
    )
    counts: dict[int, dict[str, int]] = {}
    for run_id, _, stored in runs:
        counts[run_id] = {level.value: 0 for level in RiskLevel} | {
            k: int(v) for k, v in (stored or {}).items()
        }
    missing = [run_id for run_id, _, stored in runs if stored is None]
    if missing:
        query = (
            ChurnPrediction.select(
                ChurnPrediction.run, ChurnPrediction.risk_level, pw.fn.COUNT(ChurnPrediction.id)
            )
            .where(ChurnPrediction.run.in_(missing))
            .group_by(ChurnPrediction.run, ChurnPrediction.risk_level)
            .tuples()
        )
        for run_id, level, count in query:
            counts[run_id][level] = int(count)
    return [(started, counts[run_id]) for run_id, started, _ in runs]


def probability_histogram(bins: int = HISTOGRAM_BINS) -> Series:
    """Current customers per probability bin (bin i covers [i/bins, (i+1)/bins))."""
    which = sql.bucket(Customer.churn_probability, bins)
    counts = [0] * bins
    query = (
        Customer.select(which, pw.fn.COUNT(Customer.id))
        .where(_current_customers(), Customer.churn_probability.is_null(False))
        .group_by(which)
        .tuples()
    )
    for index, count in query:
        counts[int(index)] = int(count)
    return Series("customers", [i / bins for i in range(bins)], [float(c) for c in counts])


def alert_volume_and_response(period: Period) -> tuple[Series, Series]:
    """Alerts raised per day, and the mean acknowledgement time of each day's alerts (hours)."""
    days = _days(period)
    day = sql.day_of(Alert.created_at)
    seconds = sql.duration_seconds(Alert.created_at, Alert.acknowledged_at)
    rows = {
        label: (int(count), mean)
        for label, count, mean in Alert.select(day, pw.fn.COUNT(Alert.id), pw.fn.AVG(seconds))
        .where(Alert.created_at >= period.start, Alert.created_at < period.end)
        .group_by(day)
        .tuples()
    }
    volume = [float(rows.get(d, (0, None))[0]) for d in days]
    response = [
        float(rows[d][1]) / 3600 if d in rows and rows[d][1] is not None else float("nan")
        for d in days
    ]
    return Series("alerts raised", list(days), volume), Series(
        "mean response (h)", list(days), response
    )


def ticket_backlog_and_resolution(period: Period) -> tuple[Series, Series]:
    """Open tickets at the end of each day, and the mean resolution time of each day's
    resolved tickets (hours)."""
    days = _days(period)
    opened_before = (
        SupportTicket.select()
        .where(
            SupportTicket.opened_at < period.start,
            SupportTicket.resolved_at.is_null() | (SupportTicket.resolved_at >= period.start),
        )
        .count()
    )
    opened_day = sql.day_of(SupportTicket.opened_at)
    opened = dict(
        SupportTicket.select(opened_day, pw.fn.COUNT(SupportTicket.id))
        .where(SupportTicket.opened_at >= period.start, SupportTicket.opened_at < period.end)
        .group_by(opened_day)
        .tuples()
    )
    resolved_day = sql.day_of(SupportTicket.resolved_at)
    seconds = sql.duration_seconds(SupportTicket.opened_at, SupportTicket.resolved_at)
    resolved = {
        label: (int(count), mean)
        for label, count, mean in SupportTicket.select(
            resolved_day, pw.fn.COUNT(SupportTicket.id), pw.fn.AVG(seconds)
        )
        .where(SupportTicket.resolved_at >= period.start, SupportTicket.resolved_at < period.end)
        .group_by(resolved_day)
        .tuples()
    }
    backlog, level = [], opened_before
    for d in days:
        level += int(opened.get(d, 0)) - resolved.get(d, (0, None))[0]
        backlog.append(float(level))
    hours = [
        float(resolved[d][1]) / 3600
        if d in resolved and resolved[d][1] is not None
        else float("nan")
        for d in days
    ]
    return Series("open tickets", list(days), backlog), Series(
        "mean resolution (h)", list(days), hours
    )


def metric_names() -> list[str]:
    return [name for (name,) in SystemMetric.select(SystemMetric.name).distinct().tuples()]


def system_metric_series(
    names: Sequence[str], period: Period, tags: dict[str, str] | None = None
) -> list[Series]:
    """Each named metric as a time series (x in epoch seconds), optionally only points whose
    tags include every given key/value."""
    query = SystemMetric.select(
        SystemMetric.name, SystemMetric.recorded_at, SystemMetric.value, SystemMetric.tags
    ).where(
        SystemMetric.name.in_(list(names)),
        SystemMetric.recorded_at >= period.start,
        SystemMetric.recorded_at < period.end,
    )
    for key in tags or {}:
        # Tags are stored as compact JSON with sorted keys; narrow in SQL, confirm in Python.
        # ILIKE: Peewee turns LIKE into GLOB on SQLite; the value skips JSONField.db_value.
        pattern = pw.Value(f'%"{key}":%', converter=False)
        query = query.where(pw.Expression(SystemMetric.tags, pw.OP.ILIKE, pattern))
    points: dict[str, tuple[list[float | str], list[float]]] = {name: ([], []) for name in names}
    for name, recorded_at, value, point_tags in query.order_by(SystemMetric.recorded_at).tuples():
        parsed = point_tags or {}
        if any(str(parsed.get(k)) != str(v) for k, v in (tags or {}).items()):
            continue
        xs, ys = points[name]
        xs.append(_epoch(recorded_at))
        ys.append(float(value))
    return [Series(name, xs, ys) for name, (xs, ys) in points.items()]


def _epoch(value: datetime | str) -> float:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return (value - datetime(1970, 1, 1)).total_seconds()


MODEL_METRICS = ("roc_auc", "pr_auc", "f1", "precision", "recall", "brier")


def model_metrics_by_version() -> list[tuple[str, dict[str, float]]]:
    """Each model version (oldest first) with its headline metrics, for the comparison chart."""
    rows = ModelVersion.select(ModelVersion.name, ModelVersion.metrics).order_by(
        ModelVersion.trained_at, ModelVersion.id
    )
    result = []
    for version in rows:
        metrics = version.metrics or {}
        result.append(
            (
                version.name,
                {
                    k: float(metrics[k])
                    for k in MODEL_METRICS
                    if isinstance(metrics.get(k), (int, float))
                },
            )
        )
    return result


# --- one refresh ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardData:
    """Everything one dashboard refresh shows, with how long each query took (ms)."""

    period: Period
    kpis: Kpis
    churn_by_month: Series
    risk_now: dict[str, int]
    risk_by_run: list[tuple[datetime, dict[str, int]]]
    histogram: Series
    alert_volume: Series
    alert_response: Series
    ticket_backlog: Series
    ticket_resolution: Series
    metrics: list[Series]
    metric_names: list[str]
    model_metrics: list[tuple[str, dict[str, float]]]
    timings_ms: dict[str, float]
    loaded_at: datetime


def load_dashboard(
    period: Period,
    now: datetime,
    metric_names_shown: Sequence[str] = (),
    metric_tags: dict[str, str] | None = None,
) -> DashboardData:
    """Run every dashboard query for the period; meant for a background thread."""
    timings: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., T], *args: Any) -> T:
        start = time.perf_counter()
        value = fn(*args)
        timings[name] = (time.perf_counter() - start) * 1000
        return value

    volume, response = timed("alerts_by_day", alert_volume_and_response, period)
    backlog, resolution = timed("tickets_by_day", ticket_backlog_and_resolution, period)
    # Monthly churn needs a year to show a trend, whatever shorter period the charts show.
    year = Period(min(period.start, period.end - timedelta(days=365)), period.end)
    return DashboardData(
        period=period,
        kpis=timed("kpis", kpis, now),
        churn_by_month=timed("churn_by_month", churn_rate_by_month, year),
        risk_now=timed("risk_now", risk_distribution_now),
        risk_by_run=timed("risk_by_run", risk_distribution_by_run, period),
        histogram=timed("histogram", probability_histogram),
        alert_volume=volume,
        alert_response=response,
        ticket_backlog=backlog,
        ticket_resolution=resolution,
        metrics=timed(
            "system_metrics", system_metric_series, list(metric_names_shown), period, metric_tags
        ),
        metric_names=timed("metric_names", metric_names),
        model_metrics=timed("model_metrics", model_metrics_by_version),
        timings_ms=timings,
        loaded_at=now,
    )
