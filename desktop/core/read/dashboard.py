"""What the Dashboard shows, aggregated in SQL: KPI tiles and chart series.

Each function takes the period it describes and returns plain data, so the numbers are tested
without a window and the window only draws them. Times are naive UTC; a period is [start, end).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    CustomerNote,
    Intervention,
    ModelVersion,
    Order,
    Plan,
    ScoringRun,
    SupportTicket,
    SystemMetric,
)
from desktop.core import sql
from desktop.core.churn.risk import PROBABILITY_BINS
from desktop.core.i18n import QT_TRANSLATE_NOOP

OPEN_TICKET_STATUSES = (TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.PENDING)
SUCCESS_OUTCOMES = (InterventionOutcome.PAYMENT_UPDATED, InterventionOutcome.RETAINED)
UNRESOLVED_ALERTS = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)
HISTOGRAM_BINS = PROBABILITY_BINS
DEFAULT_CURRENCY = "USD"
CUSTOMERS = QT_TRANSLATE_NOOP("Dashboard", "customers")
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
    at_risk_accounts: int  # moved to at-risk by the alert policy, still customers
    revenue_at_risk: Decimal  # their account value per month
    churn_rate_30d: float | None  # share of customers active 30 days ago who churned since
    churned_30d: int
    open_alerts_by_priority: dict[str, int]  # not resolved: open and acknowledged alike
    acknowledged_alerts: int  # of those, acknowledged (someone looked, nothing done yet)
    median_alert_response_s: float | None  # raised → first real action, alerts of 30 days
    open_tickets: int
    median_ticket_resolution_s: float | None
    interventions: int  # started in the 30 days
    intervention_success_rate: float | None  # of those concluded in the 30 days
    revenue_retained: Decimal  # by interventions concluded in the 30 days
    interventions_concluded: int = 0
    currency: str = DEFAULT_CURRENCY


def _current_customers() -> pw.Expression:
    """Customers that are still customers: not deleted, not churned."""
    return Customer.deleted_at.is_null() & (Customer.account_status != AccountStatus.CHURNED)


# The levels a score can have; LAPSED (not scored: `churn.lapsed`) appears only when someone is.
SCORED_LEVELS = tuple(level.value for level in RiskLevel if level != RiskLevel.LAPSED)


def customers_by_risk() -> dict[str, int]:
    counts = dict.fromkeys(SCORED_LEVELS, 0) | {"UNSCORED": 0}
    query = (
        Customer.select(Customer.risk_level, pw.fn.COUNT(Customer.id))
        .where(_current_customers())
        .group_by(Customer.risk_level)
        .tuples()
    )
    for level, count in query:
        counts[level or "UNSCORED"] = int(count)
    return counts


@dataclass(frozen=True)
class AtRisk:
    """The accounts the live alert policy moved to at-risk (`churn.policy`), and their value
    per month: what the team is working to keep. The risk levels are for display; which of
    them count as at risk is the policy's call (a top decile, a threshold, payment rules)."""

    accounts: int
    revenue: Decimal


def at_risk_accounts() -> AtRisk:
    count, total = (
        Customer.select(pw.fn.COUNT(Customer.id), pw.fn.SUM(Customer.account_value))
        .where(_current_customers() & (Customer.account_status == AccountStatus.AT_RISK))
        .tuples()
        .get()
    )
    return AtRisk(int(count or 0), Decimal(str(total or 0)).quantize(Decimal("0.01")))


def revenue_at_risk() -> Decimal:
    return at_risk_accounts().revenue


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


def open_alerts() -> tuple[dict[str, int], int]:
    """Alerts not resolved (open or acknowledged: acknowledging handles nothing) per priority,
    and how many of them are acknowledged; one grouped query."""
    counts = {p.value: 0 for p in Priority}
    acknowledged = 0
    query = (
        Alert.select(Alert.priority, Alert.status, pw.fn.COUNT(Alert.id))
        .where(Alert.status.in_(UNRESOLVED_ALERTS))
        .group_by(Alert.priority, Alert.status)
        .tuples()
    )
    for priority, status, count in query:
        counts[priority] = counts.get(priority, 0) + int(count)
        if status == AlertStatus.ACKNOWLEDGED:
            acknowledged += int(count)
    return counts, acknowledged


def open_alerts_by_priority() -> dict[str, int]:
    return open_alerts()[0]


def _first_action_seconds(period: Period) -> list[tuple[str, float | None]]:
    """For each alert raised in the period: its day and the seconds from raising it to the first
    real action on it — resolving (or dismissing) it, or an intervention or a note on its
    customer since it was raised; None while nothing was done (an acknowledgement is not an
    action: it only says someone saw it)."""
    note = CustomerNote.alias()
    intervention = Intervention.alias()
    first_note = (
        note.select(pw.fn.MIN(note.created_at))
        .where(note.customer == Alert.customer, note.created_at >= Alert.created_at)
    )  # fmt: skip
    first_intervention = intervention.select(pw.fn.MIN(intervention.started_at)).where(
        intervention.customer == Alert.customer, intervention.started_at >= Alert.created_at
    )
    query = (
        Alert.select(
            sql.day_of(Alert.created_at),
            sql.duration_seconds(Alert.created_at, Alert.resolved_at),
            sql.duration_seconds(Alert.created_at, pw.NodeList([first_note], parens=True)),
            sql.duration_seconds(Alert.created_at, pw.NodeList([first_intervention], parens=True)),
        )
        .where(Alert.created_at >= period.start, Alert.created_at < period.end)
        .tuples()
    )
    result: list[tuple[str, float | None]] = []
    for day, *candidates in query:
        times = [float(v) for v in candidates if v is not None]
        result.append((str(day), max(0.0, min(times)) if times else None))
    return result


def median_alert_response(period: Period) -> float | None:
    """Median seconds from an alert's creation to the first real action on it (resolve, an
    intervention, a note), for alerts raised in the period that have had one."""
    return _median(seconds for _, seconds in _first_action_seconds(period))


def median_ticket_resolution(period: Period) -> float | None:
    """Median seconds from opening to resolution, for tickets resolved in the period."""
    seconds = sql.duration_seconds(SupportTicket.opened_at, SupportTicket.resolved_at)
    query = (
        SupportTicket.select(seconds)
        .where(SupportTicket.resolved_at >= period.start, SupportTicket.resolved_at < period.end)
        .tuples()
    )
    return _median(row[0] for row in query)


@dataclass(frozen=True)
class InterventionSummary:
    started: int  # interventions started in the period
    concluded: int  # interventions that reached an outcome in the period (whenever started)
    success_rate: float | None  # of the concluded: the share that kept the customer
    revenue_retained: Decimal  # what the concluded ones retained


def intervention_summary(period: Period) -> InterventionSummary:
    """Interventions started in the period; and those concluded in it (an outcome, dated by
    their end): the share that kept the customer and the revenue they retained. An outreach
    started last week has no outcome yet, so success is judged on what ended, not on what
    began."""
    started = (
        Intervention.select()
        .where(Intervention.started_at >= period.start, Intervention.started_at < period.end)
        .count()
    )
    ended = pw.fn.COALESCE(Intervention.ended_at, Intervention.started_at)
    success = pw.Case(None, [(Intervention.outcome.in_(SUCCESS_OUTCOMES), 1)], 0)
    retained = pw.Case(
        None, [(Intervention.outcome.in_(SUCCESS_OUTCOMES), Intervention.revenue_retained)], 0
    )
    concluded, wins, revenue = (
        Intervention.select(pw.fn.COUNT(Intervention.id), pw.fn.SUM(success), pw.fn.SUM(retained))
        .where(Intervention.outcome.is_null(False), ended >= period.start, ended < period.end)
        .tuples()
        .get()
    )
    concluded = int(concluded or 0)
    return InterventionSummary(
        started=int(started),
        concluded=concluded,
        success_rate=int(wins or 0) / concluded if concluded else None,
        revenue_retained=Decimal(str(revenue or 0)).quantize(Decimal("0.01")),
    )


def data_currency() -> str:
    """The currency the shop's money is in: the one most of its plans are priced in, else that
    of most of its latest orders, else USD. Amounts on customers (value, spend) carry no
    currency of their own; a shop sells in one."""
    plans = (
        Plan.select(Plan.currency, pw.fn.COUNT(Plan.id).alias("n"))
        .group_by(Plan.currency)
        .order_by(pw.SQL("n").desc(), Plan.currency)
        .tuples()
        .first()
    )
    if plans:
        return str(plans[0]).upper()
    latest = Order.select(Order.currency).order_by(Order.id.desc()).limit(1000)
    counts: dict[str, int] = {}
    for (currency,) in latest.tuples():
        counts[str(currency).upper()] = counts.get(str(currency).upper(), 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else DEFAULT_CURRENCY


def open_tickets() -> int:
    return SupportTicket.select().where(SupportTicket.status.in_(OPEN_TICKET_STATUSES)).count()


KPI_DAYS = 30


def _kpi_parts(now: datetime, days: int = KPI_DAYS) -> dict[str, Callable[[], Any]]:
    """The tiles' queries, each independent of the others (run side by side by the window)."""
    period = Period.last(days, now)
    return {
        "customers_by_risk": customers_by_risk,
        "at_risk": at_risk_accounts,
        "churn_30d": lambda: churn_rate(period),
        "open_alerts": open_alerts,
        "alert_response": lambda: median_alert_response(period),
        "open_tickets": open_tickets,
        "ticket_resolution": lambda: median_ticket_resolution(period),
        "interventions": lambda: intervention_summary(period),
        "currency": data_currency,
    }


def _kpis_from(results: Mapping[str, Any]) -> Kpis:
    rate, churned = results["churn_30d"]
    alerts, acknowledged = results["open_alerts"]
    interventions: InterventionSummary = results["interventions"]
    return Kpis(
        customers_by_risk=results["customers_by_risk"],
        at_risk_accounts=results["at_risk"].accounts,
        revenue_at_risk=results["at_risk"].revenue,
        churn_rate_30d=rate,
        churned_30d=churned,
        open_alerts_by_priority=alerts,
        acknowledged_alerts=acknowledged,
        median_alert_response_s=results["alert_response"],
        open_tickets=results["open_tickets"],
        median_ticket_resolution_s=results["ticket_resolution"],
        interventions=interventions.started,
        intervention_success_rate=interventions.success_rate,
        revenue_retained=interventions.revenue_retained,
        interventions_concluded=interventions.concluded,
        currency=results["currency"],
    )


def kpis(now: datetime, period_days: int = KPI_DAYS) -> Kpis:
    return _kpis_from({name: fn() for name, fn in _kpi_parts(now, period_days).items()})


# --- chart series -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """Points of one line or bar set; `x` are labels or epoch seconds, as the chart needs.
    `name` is a translatable message the window renders (a system metric's name is its own)."""

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
    month's base at once, instead of one count per month. A month the period ends inside is
    counted so far, and named in `meta["partial"]` (the chart marks it).
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
    end = period.end
    complete = end == datetime(end.year, end.month, 1)  # the period stops at a month's start
    meta: dict[str, object] = {} if complete or not months else {"partial": months[-1]}
    return Series(QT_TRANSLATE_NOOP("Dashboard", "churn rate"), list(months), rates, meta)


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
        counts[run_id] = dict.fromkeys(SCORED_LEVELS, 0) | {
            k: int(v) for k, v in (stored or {}).items() if int(v) or k in SCORED_LEVELS
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
    """Customers per churn-probability bin (bin i covers [i/bins, (i+1)/bins)) as the latest
    completed scoring run counted them when it wrote them (summed from its chunks): one row,
    however many customers. Only without such a run (none yet, or one scored before runs kept
    their bins) are the customers' current estimates bucketed. `meta` says which it is."""
    latest = (
        ScoringRun.select(ScoringRun.id, ScoringRun.finished_at, ScoringRun.probability_bins)
        .where(ScoringRun.status == RunStatus.COMPLETED)
        .order_by(ScoringRun.finished_at.desc(), ScoringRun.id.desc())
        .first()
    )
    stored = latest.probability_bins if latest is not None else None
    if isinstance(stored, list) and len(stored) == bins:
        return Series(
            CUSTOMERS,
            [i / bins for i in range(bins)],
            [float(c) for c in stored],
            {"run": latest.id, "as_of": latest.finished_at},
        )
    return counted_probability_histogram(bins)


def counted_probability_histogram(bins: int = HISTOGRAM_BINS) -> Series:
    """Current customers per probability bin, bucketed from every customer's estimate."""
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
    return Series(CUSTOMERS, [i / bins for i in range(bins)], [float(c) for c in counts])


def alert_volume_and_response(period: Period) -> tuple[Series, Series]:
    """Alerts raised per day, and the mean time from raising each day's alerts to the first real
    action on them (hours; see `_first_action_seconds`)."""
    days = _days(period)
    raised: dict[str, int] = {}
    acted: dict[str, list[float]] = {}
    for day, seconds in _first_action_seconds(period):
        raised[day] = raised.get(day, 0) + 1
        if seconds is not None:
            acted.setdefault(day, []).append(seconds)
    volume = [float(raised.get(d, 0)) for d in days]
    response = [statistics.fmean(acted[d]) / 3600 if d in acted else float("nan") for d in days]
    return Series(QT_TRANSLATE_NOOP("Dashboard", "alerts raised"), list(days), volume), Series(
        QT_TRANSLATE_NOOP("Dashboard", "mean time to first action (h)"), list(days), response
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
    return Series(QT_TRANSLATE_NOOP("Dashboard", "open tickets"), list(days), backlog), Series(
        QT_TRANSLATE_NOOP("Dashboard", "mean resolution (h)"), list(days), hours
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


@dataclass(frozen=True)
class ModelPoint:
    """One model version on the metrics chart: versions trained together (the candidates of one
    training run) share `trained_at`."""

    name: str
    algorithm: str
    trained_at: datetime | None
    metrics: dict[str, float]


def model_metrics_by_version() -> list[ModelPoint]:
    """Each model version (oldest training first) with its headline metrics."""
    rows = ModelVersion.select(
        ModelVersion.name, ModelVersion.algorithm, ModelVersion.trained_at, ModelVersion.metrics
    ).order_by(ModelVersion.trained_at, ModelVersion.id)
    result = []
    for version in rows:
        metrics = version.metrics or {}
        result.append(
            ModelPoint(
                version.name,
                version.algorithm,
                version.trained_at,
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
    model_metrics: list[ModelPoint]
    timings_ms: dict[str, float]
    loaded_at: datetime


def refresh_parts(
    period: Period,
    now: datetime,
    metric_names_shown: Sequence[str] = (),
    metric_tags: dict[str, str] | None = None,
) -> dict[str, Callable[[], Any]]:
    """The independent queries of one refresh, by name, the slowest first (on a million
    customers): the window runs them side by side on its database pool, `load_dashboard` one
    after the other; `assemble` puts their answers together."""
    # Monthly churn needs a year to show a trend, whatever shorter period the charts show.
    year = Period(min(period.start, period.end - timedelta(days=365)), period.end)
    names = list(metric_names_shown)
    kpi = _kpi_parts(now)
    return {
        "churn_by_month": lambda: churn_rate_by_month(year),
        "customers_by_risk": kpi.pop("customers_by_risk"),
        "churn_30d": kpi.pop("churn_30d"),
        "at_risk": kpi.pop("at_risk"),
        "alerts_by_day": lambda: alert_volume_and_response(period),
        "tickets_by_day": lambda: ticket_backlog_and_resolution(period),
        **kpi,
        "risk_by_run": lambda: risk_distribution_by_run(period),
        "histogram": probability_histogram,
        "system_metrics": lambda: system_metric_series(names, period, metric_tags),
        "metric_names": metric_names,
        "model_metrics": model_metrics_by_version,
    }


def assemble(
    period: Period, now: datetime, results: Mapping[str, Any], timings_ms: Mapping[str, float]
) -> DashboardData:
    """One refresh's data from the answers of `refresh_parts`."""
    volume, response = results["alerts_by_day"]
    backlog, resolution = results["tickets_by_day"]
    by_risk: dict[str, int] = results["customers_by_risk"]
    return DashboardData(
        period=period,
        kpis=_kpis_from(results),
        churn_by_month=results["churn_by_month"],
        risk_now={k: v for k, v in by_risk.items() if k != "UNSCORED"},
        risk_by_run=results["risk_by_run"],
        histogram=results["histogram"],
        alert_volume=volume,
        alert_response=response,
        ticket_backlog=backlog,
        ticket_resolution=resolution,
        metrics=results["system_metrics"],
        metric_names=results["metric_names"],
        model_metrics=results["model_metrics"],
        timings_ms=dict(timings_ms),
        loaded_at=now,
    )


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """`fn()` and how long it took (ms)."""
    start = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - start) * 1000


def load_dashboard(
    period: Period,
    now: datetime,
    metric_names_shown: Sequence[str] = (),
    metric_tags: dict[str, str] | None = None,
) -> DashboardData:
    """Run every dashboard query for the period, one after the other (the command line, tests;
    the window runs `refresh_parts` side by side)."""
    results: dict[str, Any] = {}
    timings: dict[str, float] = {}
    for name, fn in refresh_parts(period, now, metric_names_shown, metric_tags).items():
        results[name], timings[name] = timed(fn)
    return assemble(period, now, results, timings)
