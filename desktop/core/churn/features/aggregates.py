"""Point-in-time churn features for a chunk of customers, computed set-wise.

`compute_features(database, customers, as_of, spec)` answers "what did we know about these
customers at `as_of`?": every behavioural row it reads has a timestamp strictly before `as_of`
(orders.placed_at, customer_event.occurred_at, support_ticket.opened_at, transactions.occurred_at,
subscriptions.started_at, payment_method.created_at), and anything that happened later — a ticket
resolved after `as_of`, a subscription cancelled after it — is read as not having happened yet.
So training on features as of T − horizon cannot see the churn it is asked to predict.

Each chunk costs a fixed handful of GROUP BY queries (customers, orders, events, tickets,
transactions, payment methods, subscriptions), never one query per customer. Each comes back as
one row of comma-separated columns (`packed.packed`) and is joined by customer id in numpy. The same
peewee expressions run on SQLite and MySQL.

Two customer attributes have no history. Loyalty points accrue with spending, so their value as of
the cutoff is estimated as the current balance times the share of the customer's revenue that was
spent before the cutoff (exact when points are proportional to spend; at scoring time, with no
later orders, it is the balance itself). Reading the balance as it is now would leak: customers who
stayed kept earning points after the cutoff. The shop's own custom attributes are read as they are
now and are labelled as snapshots in the feature definitions.

Order statuses are current too: an order placed before the cutoff and returned after it counts as
returned. Returns follow delivery within days, so this leaks little; it is noted, not hidden.

The per-source queries stay together in this one module: they share the column map, the windows
and the point-in-time rules above, and `compute_features` is their only caller.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.choices import EventCategory, OrderStatus, TransactionStatus
from desktop.core import sql
from desktop.core.churn.feature_windows import (
    ACTIVITY_WINDOW_DAYS,
    FAILURE_RECENCY_CAP_DAYS,
    PREVIOUS_DAYS,
    RECENT_DAYS,
)
from desktop.core.churn.features.gaps import YEAR_DAYS, gaps_from_summary
from desktop.core.churn.features.packed import (
    aliased,
    count_if,
    fetch_rows,
    floats,
    ints,
    locate,
    packed,
    sum_if,
)
from desktop.core.churn.features.spec import (
    BASE_NAMES,
    HISTORY_NAMES,
    CustomerSelection,
    FeatureMatrix,
    FeatureSpec,
    IdRange,
    OrderHistory,
    is_number,
    iter_id_ranges,
    parse_attributes,
    select_customers,
    where_customer,
)

FloatMatrix = npt.NDArray[np.float64]
IdArray = npt.NDArray[np.int64]

# Windows, in days before as_of: in feature_windows, which retention reads too.
CARD_EXPIRY_DAYS = 30
DAY = 86_400.0  # seconds

# Event types counted as each kind of engagement (customer_event.event_type).
LOGIN_TYPES = ("login",)
EMAIL_OPEN_TYPES = ("email_open", "email_opened")
EMAIL_CLICK_TYPES = ("email_click", "email_clicked")
PRODUCT_VIEW_TYPES = ("product_view", "product_viewed", "page_view")

NOT_A_SALE = (OrderStatus.CANCELLED.value,)
LOST_REVENUE = (
    OrderStatus.CANCELLED.value,
    OrderStatus.REFUNDED.value,
    OrderStatus.RETURNED.value,
)
NEUTRAL_SATISFACTION = 3.0
LOW_SATISFACTION = 2

_COL = {name: i for i, name in enumerate(BASE_NAMES + HISTORY_NAMES)}
WEEK_DAYS = 7.0  # the BG/NBD time unit


def _log_ratio(recent: FloatMatrix, previous: FloatMatrix) -> FloatMatrix:
    """Trend of a count: log of the recent 30-day rate over the previous 30-day average.

    Positive when growing, negative when declining, 0 for flat (or no) activity; +1 in both
    terms keeps it finite for customers with no activity.
    """
    return np.log((recent + 1.0) / (previous / (PREVIOUS_DAYS / RECENT_DAYS) + 1.0))


def card_expiry_end(year: int, month: int) -> datetime:
    """A card is valid through the last day of its expiry month."""
    if month == 12:
        return datetime(year + 1, 1, 1)
    return datetime(year, month + 1, 1)


def compute_features(
    database: pw.Database,
    customers: CustomerSelection,
    as_of: datetime,
    spec: FeatureSpec | None = None,
    *,
    exclude_churned: bool = False,
) -> FeatureMatrix:
    """Features of the selected customers as of `as_of`, one row per customer that existed then."""
    del database  # the models are bound to it through the proxy; kept for a uniform signature
    spec = spec or FeatureSpec()
    names = spec.names
    c = m.Customer
    selected = select_customers(customers, as_of, exclude_churned=exclude_churned).order_by()
    cid, since, points, probability, level = packed(
        selected.select(
            *aliased(
                c.id,
                sql.duration_seconds(c.customer_since, c.customer_since.to_value(as_of.date())),
                c.loyalty_points,
                c.churn_probability,
                c.risk_level,
            )
        ),
        fills=(0, 0, 0, -1, ""),
    )
    unordered = ints(cid)
    order = np.argsort(unordered, kind="stable")
    ids = unordered[order]
    n = int(ids.size)
    x = np.zeros((n, len(names)), dtype=np.float64)
    if n == 0:
        return FeatureMatrix(ids, x, names, _labels(spec))
    # Narrow every later query to the ids actually selected (range queries use the index).
    span: CustomerSelection = IdRange(int(ids[0]), int(ids[-1]))
    if not isinstance(customers, IdRange):
        span = ids.tolist()

    x[:, _COL["tenure_days"]] = np.maximum(np.round(floats(since)[order] / DAY), 0.0)
    x[:, _COL["loyalty_points"]] = floats(points)[order]

    _order_features(x, ids, span, as_of)
    if spec.history is not None:
        _history_features(x, ids, span, as_of, spec.history)
    _loyalty_as_of(x, ids, span, as_of)
    _event_features(x, ids, span, as_of)
    _ticket_features(x, ids, span, as_of)
    _payment_features(x, ids, span, as_of)
    _card_features(x, ids, span, as_of)
    _subscription_features(x, ids, span, as_of, spec)
    if spec.numeric_attributes or spec.categorical_attributes:
        _attribute_features(x, _custom_attributes(ids, span, as_of, exclude_churned), spec)
    previous_p = floats(probability)[order].tolist()
    previous_level = [level[i] for i in order.tolist()]
    previous = [
        (p if p >= 0 else None, lvl or None)
        for p, lvl in zip(previous_p, previous_level, strict=True)
    ]
    return FeatureMatrix(ids, x, names, _labels(spec), previous)


def _custom_attributes(
    ids: IdArray, customers: CustomerSelection, as_of: datetime, exclude_churned: bool
) -> list[Any]:
    """Each selected customer's raw custom attributes (JSON text), in the order of `ids`."""
    c = m.Customer
    query = (
        select_customers(customers, as_of, exclude_churned=exclude_churned)
        .select(c.id, c.custom_attributes)
        .where(c.custom_attributes.is_null(False))
    )
    raw: list[Any] = [None] * int(ids.size)
    for cid, value in fetch_rows(query):
        i = int(np.searchsorted(ids, cid))
        if i < ids.size and ids[i] == cid:
            raw[i] = value
    return raw


def _labels(spec: FeatureSpec) -> dict[str, str]:
    return {d["name"]: d["label"] for d in spec.definitions()}


def _order_features(
    x: FloatMatrix, ids: IdArray, customers: CustomerSelection, as_of: datetime
) -> None:
    o = m.Order
    recent = as_of - timedelta(days=RECENT_DAYS)
    window = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
    sale = o.status.not_in(NOT_A_SALE)
    revenue = o.status.not_in(LOST_REVENUE)
    last_sale = pw.fn.MAX(pw.Case(None, [(sale, o.placed_at)], None))
    query = (
        o.select(
            *aliased(
                o.customer,
                count_if(sale),
                count_if(sale & (o.placed_at >= recent)),
                count_if(sale & (o.placed_at >= window) & (o.placed_at < recent)),
                sum_if(revenue, o.total),
                sum_if(revenue & (o.placed_at >= window), o.total),
                count_if(revenue),
                count_if(o.status == OrderStatus.CANCELLED.value),
                count_if(o.status.in_((OrderStatus.REFUNDED.value, OrderStatus.RETURNED.value))),
                count_if(sale & (o.discount > 0)),
                sum_if(sale, o.discount),
                sum_if(sale, o.subtotal),
                sql.duration_seconds(last_sale, o.placed_at.to_value(as_of)),
            )
        )
        .where(where_customer(o.customer, customers), o.placed_at < as_of)
        .group_by(o.customer)
    )
    columns = packed(query, fills=(0,) * 12 + (-1,))
    tenure = x[:, _COL["tenure_days"]]
    x[:, _COL["recency_days"]] = tenure  # never ordered: as long as they have been here
    pos, keep = locate(ids, ints(columns[0]))
    if pos.size:
        p = pos[keep]
        (
            orders,
            orders_30d,
            orders_prev,
            spend,
            spend_90d,
            revenue_orders,
            cancelled,
            returned,
            discounted,
            discount_sum,
            subtotal_sum,
            since_last,
        ) = (floats(col)[keep] for col in columns[1:])
        x[p, _COL["orders_total"]] = orders
        x[p, _COL["orders_30d"]] = orders_30d
        x[p, _COL["orders_prev_60d"]] = orders_prev
        x[p, _COL["spend_total"]] = spend
        x[p, _COL["spend_90d"]] = spend_90d
        x[p, _COL["cancellations"]] = cancelled
        x[p, _COL["refunds_returns"]] = returned
        x[p, _COL["recency_days"]] = np.where(since_last >= 0, since_last / DAY, tenure[p])
        x[p, _COL["avg_order_value"]] = _ratio(spend, revenue_orders)
        x[p, _COL["discount_order_share"]] = _ratio(discounted, orders)
        x[p, _COL["discount_rate"]] = _ratio(discount_sum, subtotal_sum)
    orders_total = x[:, _COL["orders_total"]]
    x[:, _COL["has_ordered"]] = (orders_total > 0).astype(np.float64)
    x[:, _COL["orders_per_month"]] = orders_total / np.maximum(tenure / 30.0, 1.0)
    placed = orders_total + x[:, _COL["cancellations"]]
    x[:, _COL["return_rate"]] = _ratio(x[:, _COL["refunds_returns"]], placed)
    x[:, _COL["order_trend"]] = _log_ratio(x[:, _COL["orders_30d"]], x[:, _COL["orders_prev_60d"]])


@dataclass(frozen=True)
class HistorySummary:
    """Per customer with a sale before the cutoff: the rhythm of their orders, in days."""

    ids: IdArray
    occasions: FloatMatrix  # days with an order
    first_ago: FloatMatrix  # days from the first order to the cutoff
    last_ago: FloatMatrix  # days from the last order to the cutoff
    season: FloatMatrix  # orders in [cutoff - 1 year, cutoff - 1 year + horizon)

    def bgnbd(self) -> tuple[FloatMatrix, FloatMatrix, FloatMatrix]:
        """BG/NBD's (x, t_x, t_cal) in weeks: repeat occasions, last and calibration times."""
        x = np.maximum(self.occasions - 1.0, 0.0)
        t_x = np.where(x > 0, np.maximum(self.first_ago - self.last_ago, 0.0), 0.0) / WEEK_DAYS
        t_cal = np.maximum(self.first_ago / WEEK_DAYS, t_x)
        return x, t_x, t_cal


def history_summary(
    customers: CustomerSelection, as_of: datetime, horizon_days: int
) -> HistorySummary:
    """One GROUP BY over the sales before `as_of` (cancelled orders are not purchases)."""
    o = m.Order
    season_start = as_of - timedelta(days=YEAR_DAYS)
    season_end = min(season_start + timedelta(days=horizon_days), as_of)
    until = o.placed_at.to_value(as_of)
    query = (
        o.select(
            *aliased(
                o.customer,
                pw.fn.COUNT(sql.day_of(o.placed_at).distinct()),
                sql.duration_seconds(pw.fn.MIN(o.placed_at), until),
                sql.duration_seconds(pw.fn.MAX(o.placed_at), until),
                count_if((o.placed_at >= season_start) & (o.placed_at < season_end)),
            )
        )
        .where(
            where_customer(o.customer, customers),
            o.placed_at < as_of,
            o.status.not_in(NOT_A_SALE),
        )
        .group_by(o.customer)
    )
    cid, occasions, first, last, season = packed(query, fills=(0, 0, 0, 0, 0))
    return HistorySummary(
        ints(cid), floats(occasions), floats(first) / DAY, floats(last) / DAY, floats(season)
    )


BTYD_FIT_MAX_CUSTOMERS = 50_000


def fit_history(
    spec: FeatureSpec,
    as_of: datetime,
    *,
    chunk_size: int = 20_000,
    max_customers: int = BTYD_FIT_MAX_CUSTOMERS,
) -> FeatureSpec:
    """`spec` with its BG/NBD parameters fitted on the sales before `as_of` only.

    The customers of the eligible id ranges who had bought count (every n-th of them, about
    `max_customers`, on a large shop: four parameters need far fewer). No label and
    nothing on or after `as_of` is read, so a snapshot's features as of `as_of` stay point in
    time. A spec without `OrderHistory` comes back unchanged; no buyer at all: no parameters.
    """
    if spec.history is None:
        return spec
    from desktop.core.churn.features import btyd

    parts: list[tuple[FloatMatrix, FloatMatrix, FloatMatrix]] = []
    for span, _count in iter_id_ranges(as_of, chunk_size):
        parts.append(history_summary(span, as_of, spec.history.horizon_days).bgnbd())
    params: tuple[float, float, float, float] | None = None
    if parts:
        bx, btx, btc = (np.concatenate([p[k] for p in parts]) for k in range(3))
        if bx.size > max_customers:
            every = -(-bx.size // max_customers)
            bx, btx, btc = bx[::every], btx[::every], btc[::every]
        if bx.size:
            fitted = btyd.fit(bx, btx, btc, penalty=1e-4)
            params = (fitted.r, fitted.alpha, fitted.a, fitted.b)
    return replace(spec, history=replace(spec.history, btyd=params))


def _history_features(
    x: FloatMatrix,
    ids: IdArray,
    customers: CustomerSelection,
    as_of: datetime,
    history: OrderHistory,
) -> None:
    """BG/NBD P(alive) and expected orders, mean gap, overdue ratio and last year's season.

    A customer without a sale before `as_of`: P(alive) and expected orders 0 (the model
    describes buyers only), mean gap their tenure and overdue ratio 1 (`gaps`), no season.
    """
    tenure = x[:, _COL["tenure_days"]]
    occasions = np.zeros(ids.size)
    span = np.zeros(ids.size)
    summary = history_summary(customers, as_of, history.horizon_days)
    pos, keep = locate(ids, summary.ids)
    if pos.size:
        p = pos[keep]
        occasions[p] = summary.occasions[keep]
        span[p] = np.maximum(summary.first_ago[keep] - summary.last_ago[keep], 0.0)
        x[p, _COL["season_orders_last_year"]] = summary.season[keep]
        if history.btyd is not None:
            from desktop.core.churn.features import btyd  # scipy: only when there is a fit

            params = btyd.BgNbdParams(*history.btyd)
            bx, btx, btc = (v[keep] for v in summary.bgnbd())
            x[p, _COL["btyd_p_alive"]] = btyd.probability_alive(params, bx, btx, btc)
            x[p, _COL["btyd_expected_orders"]] = btyd.expected_purchases(
                params, history.horizon_days / WEEK_DAYS, bx, btx, btc
            )
    mean_gap, overdue = gaps_from_summary(occasions, span, x[:, _COL["recency_days"]], tenure)
    x[:, _COL["mean_gap_days"]] = mean_gap
    x[:, _COL["gap_overdue_ratio"]] = overdue


def _ratio(numerator: FloatMatrix, denominator: FloatMatrix) -> FloatMatrix:
    """numerator / denominator, 0 where the denominator is not positive."""
    return np.divide(numerator, denominator, out=np.zeros(numerator.shape), where=denominator > 0)


def _loyalty_as_of(
    x: FloatMatrix,
    ids: IdArray,
    customers: CustomerSelection,
    as_of: datetime,
) -> None:
    """Scale today's loyalty balance back to `as_of` by the share of revenue spent before it.

    Expects `spend_total` (revenue before as_of) to be filled in already; at scoring time there
    are no later orders and this query returns nothing.
    """
    o = m.Order
    later = (
        o.select(o.customer, pw.fn.SUM(o.total))
        .where(
            where_customer(o.customer, customers),
            o.placed_at >= as_of,
            o.status.not_in(LOST_REVENUE),
        )
        .group_by(o.customer)
    )
    for cid, spent_after in fetch_rows(later):
        i = int(np.searchsorted(ids, cid))
        if i >= ids.size or ids[i] != cid or not spent_after:
            continue
        before = x[i, _COL["spend_total"]]
        x[i, _COL["loyalty_points"]] *= before / (before + float(spent_after))


def _event_features(
    x: FloatMatrix, ids: IdArray, customers: CustomerSelection, as_of: datetime
) -> None:
    e = m.CustomerEvent
    recent = as_of - timedelta(days=RECENT_DAYS)
    window = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
    is_recent = e.occurred_at >= recent
    engagement = e.category == EventCategory.ENGAGEMENT.value
    opens = e.event_type.in_(EMAIL_OPEN_TYPES)
    clicks = e.event_type.in_(EMAIL_CLICK_TYPES)
    query = (
        e.select(
            *aliased(
                e.customer,
                count_if(is_recent & e.event_type.in_(LOGIN_TYPES)),
                count_if(is_recent & opens),
                count_if(is_recent & clicks),
                count_if(is_recent & e.event_type.in_(PRODUCT_VIEW_TYPES)),
                count_if(is_recent & engagement),
                count_if(~is_recent & engagement),
                count_if(opens),
                count_if(clicks),
                sql.duration_seconds(pw.fn.MAX(e.occurred_at), e.occurred_at.to_value(as_of)),
            )
        )
        .where(
            where_customer(e.customer, customers),
            e.occurred_at >= window,
            e.occurred_at < as_of,
        )
        .group_by(e.customer)
    )
    columns = packed(query, fills=(0,) * 10)
    x[:, _COL["days_since_activity"]] = ACTIVITY_WINDOW_DAYS
    pos, keep = locate(ids, ints(columns[0]))
    if pos.size:
        p = pos[keep]
        (logins, opens_30d, clicks_30d, views, engaged, engaged_before, opened, clicked, since) = (
            floats(col)[keep] for col in columns[1:]
        )
        x[p, _COL["logins_30d"]] = logins
        x[p, _COL["email_opens_30d"]] = opens_30d
        x[p, _COL["email_clicks_30d"]] = clicks_30d
        x[p, _COL["product_views_30d"]] = views
        x[p, _COL["engagement_30d"]] = engaged
        x[p, _COL["engagement_prev_60d"]] = engaged_before
        x[p, _COL["email_click_rate"]] = np.minimum(_ratio(clicked, opened), 1.0)
        x[p, _COL["days_since_activity"]] = np.minimum(since / DAY, ACTIVITY_WINDOW_DAYS)
    x[:, _COL["engagement_trend"]] = _log_ratio(
        x[:, _COL["engagement_30d"]], x[:, _COL["engagement_prev_60d"]]
    )


def _ticket_features(
    x: FloatMatrix, ids: IdArray, customers: CustomerSelection, as_of: datetime
) -> None:
    t = m.SupportTicket
    window = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
    is_recent = t.opened_at >= window
    # A ticket resolved after as_of was still open then; a rating given after it was unknown.
    resolved_before = t.resolved_at.is_null(False) & (t.resolved_at < as_of)
    rated = resolved_before & t.satisfaction.is_null(False)
    query = (
        t.select(
            *aliased(
                t.customer,
                pw.fn.COUNT(t.id),
                count_if(is_recent),
                count_if(~resolved_before),
                count_if(is_recent & (t.escalated == True)),  # noqa: E712 - SQL expression
                count_if(rated),
                sum_if(rated, t.satisfaction),
                count_if(rated & (t.satisfaction <= LOW_SATISFACTION)),
            )
        )
        .where(where_customer(t.customer, customers), t.opened_at < as_of)
        .group_by(t.customer)
    )
    columns = packed(query, fills=(0,) * 8)
    x[:, _COL["avg_satisfaction"]] = NEUTRAL_SATISFACTION
    pos, keep = locate(ids, ints(columns[0]))
    if not pos.size:
        return
    p = pos[keep]
    total, recent, still_open, escalated, rated_count, satisfaction, low = (
        floats(col)[keep] for col in columns[1:]
    )
    x[p, _COL["tickets_total"]] = total
    x[p, _COL["tickets_90d"]] = recent
    x[p, _COL["open_tickets"]] = still_open
    x[p, _COL["escalations_90d"]] = escalated
    x[p, _COL["low_satisfaction"]] = low
    x[p, _COL["avg_satisfaction"]] = np.where(
        rated_count > 0, _ratio(satisfaction, rated_count), NEUTRAL_SATISFACTION
    )


def _payment_features(
    x: FloatMatrix, ids: IdArray, customers: CustomerSelection, as_of: datetime
) -> None:
    t = m.PaymentTransaction
    window = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
    failed = t.status == TransactionStatus.FAILED.value
    succeeded = t.status == TransactionStatus.SUCCEEDED.value
    before = where_customer(t.customer, customers) & (t.occurred_at < as_of)
    last_failure = pw.fn.MAX(pw.Case(None, [(failed, t.occurred_at)], None))
    query = (
        t.select(
            *aliased(
                t.customer,
                count_if(failed & (t.occurred_at >= window)),
                count_if(t.occurred_at >= window),
                sql.duration_seconds(last_failure, t.occurred_at.to_value(as_of)),
            )
        )
        .where(before)
        .group_by(t.customer)
    )
    columns = packed(query, fills=(0, 0, 0, -1))
    x[:, _COL["days_since_failure"]] = FAILURE_RECENCY_CAP_DAYS
    pos, keep = locate(ids, ints(columns[0]))
    if pos.size:
        p = pos[keep]
        failures, attempts, since_failure = (floats(col)[keep] for col in columns[1:])
        x[p, _COL["failed_payments_90d"]] = failures
        x[p, _COL["payment_failure_rate_90d"]] = _ratio(failures, attempts)
        x[p, _COL["days_since_failure"]] = np.where(
            since_failure >= 0,
            np.minimum(since_failure / DAY, FAILURE_RECENCY_CAP_DAYS),
            FAILURE_RECENCY_CAP_DAYS,
        )

    # Failures since the last success, as of the cutoff: count failures newer than each
    # customer's last success (a derived table keeps this one set-wise query).
    last_ok = (
        t.select(t.customer.alias("cid"), pw.fn.MAX(t.occurred_at).alias("last_ok"))
        .where(before, succeeded)
        .group_by(t.customer)
        .alias("last_ok")
    )
    streak = (
        t.select(*aliased(t.customer, pw.fn.COUNT(t.id)))
        .join(last_ok, pw.JOIN.LEFT_OUTER, on=(t.customer == last_ok.c.cid))
        .where(before, failed, last_ok.c.last_ok.is_null() | (t.occurred_at > last_ok.c.last_ok))
        .group_by(t.customer)
    )
    cid, count = packed(streak, fills=(0, 0))
    pos, keep = locate(ids, ints(cid))
    if pos.size:
        x[pos[keep], _COL["consecutive_failures"]] = floats(count)[keep]


def _month_index(value: date) -> int:
    return value.year * 12 + value.month - 1


def _card_features(
    x: FloatMatrix, ids: IdArray, customers: CustomerSelection, as_of: datetime
) -> None:
    """Has a card, every card expired, a card expiring within 30 days — in month arithmetic.

    A card is valid through its expiry month (see `card_expiry_end`): it has expired by
    `as_of` when its month is before as_of's month, and it expires within the next 30 days
    when its month is as_of's month or later but before the month of as_of + 30 days.
    """
    p = m.PaymentMethod
    month = p.expiry_year * 12 + p.expiry_month - 1
    current = _month_index(as_of)
    soon = _month_index(as_of + timedelta(days=CARD_EXPIRY_DAYS))
    query = (
        p.select(
            *aliased(
                p.customer,
                pw.fn.MAX(month),
                count_if((month >= current) & (month < soon)),
            )
        )
        .where(where_customer(p.customer, customers), p.created_at < as_of)
        .group_by(p.customer)
    )
    cid, latest, expiring = packed(query, fills=(0, 0, 0))
    pos, keep = locate(ids, ints(cid))
    if not pos.size:
        return
    p_ = pos[keep]
    x[p_, _COL["has_card"]] = 1.0
    x[p_, _COL["card_expired"]] = (floats(latest)[keep] < current).astype(np.float64)
    x[p_, _COL["card_expiring_30d"]] = (floats(expiring)[keep] > 0).astype(np.float64)


def _subscription_features(
    x: FloatMatrix, ids: IdArray, customers: CustomerSelection, as_of: datetime, spec: FeatureSpec
) -> None:
    s, plan = m.Subscription, m.Plan
    cancelled = s.cancelled_at.is_null(False) & (s.cancelled_at < as_of)
    yearly = plan.interval.startswith("year")
    # The model's plan columns by plan name, chosen in SQL (-1: a plan the model does not know).
    which = [(plan.name == name, column) for name, column in _plan_columns(spec).items()]
    query = (
        s.select(
            *aliased(
                s.customer,
                pw.Case(None, [(cancelled, 1)], 0),
                plan.price,
                pw.Case(None, [(yearly, 12)], 1),
                pw.Case(None, which, -1) if which else pw.Value(-1),
            )
        )
        .join(plan)
        .where(where_customer(s.customer, customers), s.started_at < as_of)
    )
    cid, was_cancelled, price, months, column = packed(query, fills=(0, 0, 0, 1, -1))
    pos, keep = locate(ids, ints(cid))
    if not pos.size:
        return
    pos, columns = pos[keep], ints(column)[keep]
    active = floats(was_cancelled)[keep] == 0
    monthly = floats(price)[keep] / floats(months)[keep]
    x[pos[~active], _COL["subscription_cancelled"]] = 1.0
    x[pos[active], _COL["has_subscription"]] = 1.0
    np.add.at(x[:, _COL["subscription_monthly_price"]], pos[active], monthly[active])
    on_plan = active & (columns >= 0)
    x[pos[on_plan], columns[on_plan]] = 1.0


def _plan_columns(spec: FeatureSpec) -> dict[str, int]:
    """Column index of each plan the model knows, by plan name."""
    first = len(spec.names) - len(spec.plans)  # the plan columns come last
    return {name: first + i for i, name in enumerate(spec.plans)}


def _plan_offset_names(spec: FeatureSpec) -> list[str]:
    """The names after the base features, in column order (attributes first, then plans)."""
    return spec.names[len(BASE_NAMES) :]


def _attribute_features(x: FloatMatrix, raw_values: list[Any], spec: FeatureSpec) -> None:
    column = {name: len(BASE_NAMES) + i for i, name in enumerate(_plan_offset_names(spec))}
    fills = dict(zip(spec.numeric_attributes, spec.numeric_fill, strict=True))
    for key in spec.numeric_attributes:
        x[:, column[f"attr:{key}"]] = fills[key]
    for i, raw in enumerate(raw_values):
        attrs = parse_attributes(raw)
        if not attrs:
            continue
        for key in spec.numeric_attributes:
            value = attrs.get(key)
            if value is not None and is_number(value):
                x[i, column[f"attr:{key}"]] = float(value)
        for key, _values in spec.categorical_attributes:
            value = attrs.get(key)
            if value is None:
                continue
            j = column.get(f"attr:{key}={value}")
            if j is not None:
                x[i, j] = 1.0
