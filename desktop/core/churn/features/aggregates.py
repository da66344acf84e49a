"""Point-in-time churn features for a chunk of customers, computed set-wise.

`compute_features(database, customers, as_of, spec)` answers "what did we know about these
customers at `as_of`?": every behavioural row it reads has a timestamp strictly before `as_of`
(orders.placed_at, customer_event.occurred_at, support_ticket.opened_at, transactions.occurred_at,
subscriptions.started_at, payment_method.created_at), and anything that happened later — a ticket
resolved after `as_of`, a subscription cancelled after it — is read as not having happened yet.
So training on features as of T − horizon cannot see the churn it is asked to predict.

Each chunk costs a fixed handful of GROUP BY queries (customers, orders, events, tickets,
transactions, payment methods, subscriptions), never one query per customer. Each comes back as
one row of comma-separated columns (`_packed`) and is joined by customer id in numpy. The same
peewee expressions run on SQLite and MySQL.

Two customer attributes have no history. Loyalty points accrue with spending, so their value as of
the cutoff is estimated as the current balance times the share of the customer's revenue that was
spent before the cutoff (exact when points are proportional to spend; at scoring time, with no
later orders, it is the balance itself). Reading the balance as it is now would leak: customers who
stayed kept earning points after the cutoff. The shop's own custom attributes are read as they are
now and are labelled as snapshots in the feature definitions.

Order statuses are current too: an order placed before the cutoff and returned after it counts as
returned. Returns follow delivery within days, so this leaks little; it is noted, not hidden.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.choices import EventCategory, OrderStatus, TransactionStatus
from desktop.core import sql

FloatMatrix = npt.NDArray[np.float64]
IdArray = npt.NDArray[np.int64]

# Windows, in days before as_of.
RECENT_DAYS = 30
PREVIOUS_DAYS = 60  # the 60 days before the recent 30
ACTIVITY_WINDOW_DAYS = RECENT_DAYS + PREVIOUS_DAYS
CARD_EXPIRY_DAYS = 30
DAY = 86_400.0  # seconds
FAILURE_RECENCY_CAP_DAYS = 365

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

MAX_CUSTOM_ATTRIBUTES = 20
MAX_CATEGORIES = 10
MAX_PLANS = 10


@dataclass(frozen=True)
class Feature:
    name: str
    label: str
    group: str
    snapshot: bool = False  # read as it is now, not as of the cutoff


BASE_FEATURES: tuple[Feature, ...] = (
    Feature("recency_days", "Days since last order", "orders"),
    Feature("has_ordered", "Has ordered", "orders"),
    Feature("orders_total", "Orders (all time)", "orders"),
    Feature("orders_per_month", "Orders per month of tenure", "orders"),
    Feature("orders_30d", "Orders, last 30 days", "orders"),
    Feature("orders_prev_60d", "Orders, the 60 days before", "orders"),
    Feature("order_trend", "Order trend (30 d vs 60 d before)", "orders"),
    Feature("spend_total", "Spend (all time)", "orders"),
    Feature("spend_90d", "Spend, last 90 days", "orders"),
    Feature("avg_order_value", "Average order value", "orders"),
    Feature("cancellations", "Cancelled orders", "orders"),
    Feature("refunds_returns", "Refunded or returned orders", "orders"),
    Feature("return_rate", "Share of orders refunded or returned", "orders"),
    Feature("discount_order_share", "Share of orders with a discount", "orders"),
    Feature("discount_rate", "Discount as share of subtotal", "orders"),
    Feature("logins_30d", "Logins, last 30 days", "engagement"),
    Feature("email_opens_30d", "Email opens, last 30 days", "engagement"),
    Feature("email_clicks_30d", "Email clicks, last 30 days", "engagement"),
    Feature("product_views_30d", "Product views, last 30 days", "engagement"),
    Feature("engagement_30d", "Engagement events, last 30 days", "engagement"),
    Feature("engagement_prev_60d", "Engagement events, the 60 days before", "engagement"),
    Feature("engagement_trend", "Engagement trend (30 d vs 60 d before)", "engagement"),
    Feature("email_click_rate", "Email clicks per open, last 90 days", "engagement"),
    Feature("days_since_activity", "Days since last activity (max 90)", "engagement"),
    Feature("tickets_total", "Support tickets (all time)", "support"),
    Feature("tickets_90d", "Support tickets, last 90 days", "support"),
    Feature("open_tickets", "Open support tickets", "support"),
    Feature("escalations_90d", "Escalated tickets, last 90 days", "support"),
    Feature("avg_satisfaction", "Average satisfaction (1–5)", "support"),
    Feature("low_satisfaction", "Tickets rated 1 or 2", "support"),
    Feature("failed_payments_90d", "Failed payments, last 90 days", "payments"),
    Feature("payment_failure_rate_90d", "Share of payments failed, last 90 days", "payments"),
    Feature("consecutive_failures", "Failed payments since the last success", "payments"),
    Feature("days_since_failure", "Days since a payment failed (max 365)", "payments"),
    Feature("card_expiring_30d", "Card expiring within 30 days", "payments"),
    Feature("card_expired", "Every card on file expired", "payments"),
    Feature("has_card", "Has a card on file", "payments"),
    Feature("tenure_days", "Days as a customer", "profile"),
    Feature("loyalty_points", "Loyalty points (estimated as of the date)", "profile"),
    Feature("has_subscription", "Has an active subscription", "subscription"),
    Feature("subscription_cancelled", "Cancelled a subscription", "subscription"),
    Feature("subscription_monthly_price", "Subscription price per month", "subscription"),
)
BASE_NAMES: tuple[str, ...] = tuple(f.name for f in BASE_FEATURES)
_COL = {name: i for i, name in enumerate(BASE_NAMES)}


@dataclass(frozen=True)
class FeatureSpec:
    """The columns beyond the base features, fixed when a model is trained.

    Scoring must build exactly the columns the model was trained on, so the custom attributes and
    their category vocabularies, and the plan names, are recorded here and stored with the model.
    """

    numeric_attributes: tuple[str, ...] = ()
    numeric_fill: tuple[float, ...] = ()  # training median, used when a customer lacks the value
    categorical_attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    plans: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        names = list(BASE_NAMES)
        names += [f"attr:{key}" for key in self.numeric_attributes]
        for key, values in self.categorical_attributes:
            names += [f"attr:{key}={value}" for value in values]
        names += [f"plan={plan}" for plan in self.plans]
        return names

    def definitions(self) -> list[dict[str, Any]]:
        """One entry per column: name, human label, group, and whether it is a snapshot."""
        out = [
            {"name": f.name, "label": f.label, "group": f.group, "snapshot": f.snapshot}
            for f in BASE_FEATURES
        ]
        for key in self.numeric_attributes:
            out.append({"name": f"attr:{key}", "label": key, "group": "custom", "snapshot": True})
        for key, values in self.categorical_attributes:
            for value in values:
                out.append(
                    {
                        "name": f"attr:{key}={value}",
                        "label": f"{key} is {value}",
                        "group": "custom",
                        "snapshot": True,
                    }
                )
        for plan in self.plans:
            out.append(
                {
                    "name": f"plan={plan}",
                    "label": f"On plan {plan}",
                    "group": "subscription",
                    "snapshot": False,
                }
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "numeric_attributes": list(self.numeric_attributes),
            "numeric_fill": list(self.numeric_fill),
            "categorical_attributes": [[k, list(v)] for k, v in self.categorical_attributes],
            "plans": list(self.plans),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> FeatureSpec:
        if not data:
            return cls()
        return cls(
            numeric_attributes=tuple(data.get("numeric_attributes", ())),
            numeric_fill=tuple(float(x) for x in data.get("numeric_fill", ())),
            categorical_attributes=tuple(
                (str(k), tuple(str(x) for x in v))
                for k, v in data.get("categorical_attributes", ())
            ),
            plans=tuple(data.get("plans", ())),
        )


@dataclass
class FeatureMatrix:
    """Customer ids (ascending) and one row of features per id."""

    ids: IdArray
    matrix: FloatMatrix
    names: list[str]
    labels: dict[str, str] = field(default_factory=dict)
    # The customer's stored estimate when the features were read (churn_probability,
    # risk_level), per row: scoring compares against it without reading the customers again.
    previous: list[tuple[float | None, str | None]] = field(default_factory=list)

    def column(self, name: str) -> FloatMatrix:
        return self.matrix[:, self.names.index(name)]

    def __len__(self) -> int:
        return int(self.ids.size)


@dataclass(frozen=True)
class IdRange:
    """Customers with first <= id <= last: how scoring chunks name their customers."""

    first: int
    last: int


CustomerSelection = IdRange | Sequence[int]


def where_customer(column: pw.Field, customers: CustomerSelection) -> pw.Expression:
    if isinstance(customers, IdRange):
        return column.between(customers.first, customers.last)
    return column.in_(list(customers))


def _count_if(condition: pw.Expression) -> pw.Function:
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def _sum_if(condition: pw.Expression, value: pw.Node) -> pw.Function:
    return pw.fn.SUM(pw.Case(None, [(condition, value)], 0))


def _rows(query: pw.BaseQuery) -> list[tuple[Any, ...]]:
    """The query's rows as the driver returns them, without peewee's per-value conversion.

    On the hot path that conversion cost more than reading the rows; the code here copes with
    both drivers' types itself (MySQL: datetime, Decimal; SQLite: ISO strings, numbers).
    """
    cursor = m.DB.obj.execute(query)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _aliased(*columns: pw.Node) -> list[pw.Node]:
    """The columns named v0, v1, … for `_packed`."""
    return [column.alias(f"v{j}") for j, column in enumerate(columns)]


def _packed(query: pw.SelectQuery, fills: Sequence[object]) -> list[list[str]]:
    """The columns of `query` (aliased v0, v1, … by `_aliased`) as lists of text values.

    The rows travel packed: one row back, holding the row count and one GROUP_CONCAT per
    column (NULL replaced by that column's fill), which `str.split` and numpy parse at C speed.
    PyMySQL decodes every value of every row in Python, about a microsecond each (more for a
    date or a decimal): row by row, reading the aggregates cost the client more than the server
    spent computing them. All the GROUP_CONCATs of one SELECT see the rows in the same order.
    """
    agg = query.alias("agg")
    columns: list[pw.Node] = [pw.fn.COUNT(pw.SQL("*"))]
    columns += [
        pw.fn.GROUP_CONCAT(pw.fn.COALESCE(getattr(agg.c, f"v{j}"), fill))
        for j, fill in enumerate(fills)
    ]
    cursor = m.DB.obj.execute(pw.Select([agg], columns))
    try:
        row = cursor.fetchone()
    finally:
        cursor.close()
    count = int(row[0] or 0)
    if count == 0:
        return [[] for _ in fills]
    out = [(v.decode() if isinstance(v, bytes) else str(v)).split(",") for v in row[1:]]
    if any(len(values) != count for values in out):
        # MySQL cuts GROUP_CONCAT at group_concat_max_len (with only a warning): never guess.
        raise RuntimeError(
            f"a packed aggregate came back cut short ({count} rows expected); "
            "raise group_concat_max_len or score smaller chunks"
        )
    return out


def _floats(values: list[str]) -> FloatMatrix:
    return np.array(values, dtype=np.float64) if values else np.empty(0, dtype=np.float64)


def _ints(values: list[str]) -> IdArray:
    return np.array(values, dtype=np.int64) if values else np.empty(0, dtype=np.int64)


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


def select_customers(
    customers: CustomerSelection, as_of: datetime, *, exclude_churned: bool = False
) -> pw.ModelSelect:
    """The customers that existed and had not churned at `as_of` (and are not deleted).

    `exclude_churned` also drops customers whose account is churned now, for scoring: a churned
    account with no churn date is still not worth scoring.
    """
    c = m.Customer
    query = c.select(
        c.id,
        c.customer_since,
        c.loyalty_points,
        c.custom_attributes,
        c.churn_probability,
        c.risk_level,
    ).where(
        where_customer(c.id, customers),
        c.deleted_at.is_null(),
        c.customer_since <= as_of.date(),
        c.churned_at.is_null() | (c.churned_at >= as_of),
    )
    if exclude_churned:
        query = query.where(c.account_status != "churned")
    return query.order_by(c.id)


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
    cid, since, points, probability, level = _packed(
        selected.select(
            *_aliased(
                c.id,
                sql.duration_seconds(c.customer_since, c.customer_since.to_value(as_of.date())),
                c.loyalty_points,
                c.churn_probability,
                c.risk_level,
            )
        ),
        fills=(0, 0, 0, -1, ""),
    )
    unordered = _ints(cid)
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

    x[:, _COL["tenure_days"]] = np.maximum(np.round(_floats(since)[order] / DAY), 0.0)
    x[:, _COL["loyalty_points"]] = _floats(points)[order]

    _order_features(x, ids, span, as_of)
    _loyalty_as_of(x, ids, span, as_of)
    _event_features(x, ids, span, as_of)
    _ticket_features(x, ids, span, as_of)
    _payment_features(x, ids, span, as_of)
    _card_features(x, ids, span, as_of)
    _subscription_features(x, ids, span, as_of, spec)
    if spec.numeric_attributes or spec.categorical_attributes:
        _attribute_features(x, _custom_attributes(ids, span, as_of, exclude_churned), spec)
    previous_p = _floats(probability)[order].tolist()
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
    for cid, value in _rows(query):
        i = int(np.searchsorted(ids, cid))
        if i < ids.size and ids[i] == cid:
            raw[i] = value
    return raw


def _labels(spec: FeatureSpec) -> dict[str, str]:
    return {d["name"]: d["label"] for d in spec.definitions()}


def _locate(ids: IdArray, cids: IdArray) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """Row index in `ids` (sorted) of each of `cids`, and which of them are there at all.

    Aggregates can name customers outside the selection (joined or churned after the cutoff);
    those are dropped.
    """
    if ids.size == 0 or cids.size == 0:
        return np.empty(0, dtype=np.intp), np.zeros(cids.size, dtype=bool)
    pos = np.clip(np.searchsorted(ids, cids), 0, ids.size - 1)
    return pos, ids[pos] == cids


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
            *_aliased(
                o.customer,
                _count_if(sale),
                _count_if(sale & (o.placed_at >= recent)),
                _count_if(sale & (o.placed_at >= window) & (o.placed_at < recent)),
                _sum_if(revenue, o.total),
                _sum_if(revenue & (o.placed_at >= window), o.total),
                _count_if(revenue),
                _count_if(o.status == OrderStatus.CANCELLED.value),
                _count_if(o.status.in_((OrderStatus.REFUNDED.value, OrderStatus.RETURNED.value))),
                _count_if(sale & (o.discount > 0)),
                _sum_if(sale, o.discount),
                _sum_if(sale, o.subtotal),
                sql.duration_seconds(last_sale, o.placed_at.to_value(as_of)),
            )
        )
        .where(where_customer(o.customer, customers), o.placed_at < as_of)
        .group_by(o.customer)
    )
    columns = _packed(query, fills=(0,) * 12 + (-1,))
    tenure = x[:, _COL["tenure_days"]]
    x[:, _COL["recency_days"]] = tenure  # never ordered: as long as they have been here
    pos, keep = _locate(ids, _ints(columns[0]))
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
        ) = (_floats(col)[keep] for col in columns[1:])
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
    for cid, spent_after in _rows(later):
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
            *_aliased(
                e.customer,
                _count_if(is_recent & e.event_type.in_(LOGIN_TYPES)),
                _count_if(is_recent & opens),
                _count_if(is_recent & clicks),
                _count_if(is_recent & e.event_type.in_(PRODUCT_VIEW_TYPES)),
                _count_if(is_recent & engagement),
                _count_if(~is_recent & engagement),
                _count_if(opens),
                _count_if(clicks),
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
    columns = _packed(query, fills=(0,) * 10)
    x[:, _COL["days_since_activity"]] = ACTIVITY_WINDOW_DAYS
    pos, keep = _locate(ids, _ints(columns[0]))
    if pos.size:
        p = pos[keep]
        (logins, opens_30d, clicks_30d, views, engaged, engaged_before, opened, clicked, since) = (
            _floats(col)[keep] for col in columns[1:]
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
            *_aliased(
                t.customer,
                pw.fn.COUNT(t.id),
                _count_if(is_recent),
                _count_if(~resolved_before),
                _count_if(is_recent & (t.escalated == True)),  # noqa: E712 - SQL expression
                _count_if(rated),
                _sum_if(rated, t.satisfaction),
                _count_if(rated & (t.satisfaction <= LOW_SATISFACTION)),
            )
        )
        .where(where_customer(t.customer, customers), t.opened_at < as_of)
        .group_by(t.customer)
    )
    columns = _packed(query, fills=(0,) * 8)
    x[:, _COL["avg_satisfaction"]] = NEUTRAL_SATISFACTION
    pos, keep = _locate(ids, _ints(columns[0]))
    if not pos.size:
        return
    p = pos[keep]
    total, recent, still_open, escalated, rated_count, satisfaction, low = (
        _floats(col)[keep] for col in columns[1:]
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
            *_aliased(
                t.customer,
                _count_if(failed & (t.occurred_at >= window)),
                _count_if(t.occurred_at >= window),
                sql.duration_seconds(last_failure, t.occurred_at.to_value(as_of)),
            )
        )
        .where(before)
        .group_by(t.customer)
    )
    columns = _packed(query, fills=(0, 0, 0, -1))
    x[:, _COL["days_since_failure"]] = FAILURE_RECENCY_CAP_DAYS
    pos, keep = _locate(ids, _ints(columns[0]))
    if pos.size:
        p = pos[keep]
        failures, attempts, since_failure = (_floats(col)[keep] for col in columns[1:])
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
        t.select(*_aliased(t.customer, pw.fn.COUNT(t.id)))
        .join(last_ok, pw.JOIN.LEFT_OUTER, on=(t.customer == last_ok.c.cid))
        .where(before, failed, last_ok.c.last_ok.is_null() | (t.occurred_at > last_ok.c.last_ok))
        .group_by(t.customer)
    )
    cid, count = _packed(streak, fills=(0, 0))
    pos, keep = _locate(ids, _ints(cid))
    if pos.size:
        x[pos[keep], _COL["consecutive_failures"]] = _floats(count)[keep]


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
            *_aliased(
                p.customer,
                pw.fn.MAX(month),
                _count_if((month >= current) & (month < soon)),
            )
        )
        .where(where_customer(p.customer, customers), p.created_at < as_of)
        .group_by(p.customer)
    )
    cid, latest, expiring = _packed(query, fills=(0, 0, 0))
    pos, keep = _locate(ids, _ints(cid))
    if not pos.size:
        return
    p_ = pos[keep]
    x[p_, _COL["has_card"]] = 1.0
    x[p_, _COL["card_expired"]] = (_floats(latest)[keep] < current).astype(np.float64)
    x[p_, _COL["card_expiring_30d"]] = (_floats(expiring)[keep] > 0).astype(np.float64)


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
            *_aliased(
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
    cid, was_cancelled, price, months, column = _packed(query, fills=(0, 0, 0, 1, -1))
    pos, keep = _locate(ids, _ints(cid))
    if not pos.size:
        return
    pos, columns = pos[keep], _ints(column)[keep]
    active = _floats(was_cancelled)[keep] == 0
    monthly = _floats(price)[keep] / _floats(months)[keep]
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


def _parse_attributes(raw: Any) -> dict[str, Any]:
    if raw is None or raw == "":
        return {}
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(float(value))


def _attribute_features(x: FloatMatrix, raw_values: list[Any], spec: FeatureSpec) -> None:
    column = {name: len(BASE_NAMES) + i for i, name in enumerate(_plan_offset_names(spec))}
    fills = dict(zip(spec.numeric_attributes, spec.numeric_fill, strict=True))
    for key in spec.numeric_attributes:
        x[:, column[f"attr:{key}"]] = fills[key]
    for i, raw in enumerate(raw_values):
        attrs = _parse_attributes(raw)
        if not attrs:
            continue
        for key in spec.numeric_attributes:
            value = attrs.get(key)
            if value is not None and _is_number(value):
                x[i, column[f"attr:{key}"]] = float(value)
        for key, _values in spec.categorical_attributes:
            value = attrs.get(key)
            if value is None:
                continue
            j = column.get(f"attr:{key}={value}")
            if j is not None:
                x[i, j] = 1.0


def iter_id_ranges(
    as_of: datetime, chunk_size: int, *, exclude_churned: bool = False
) -> Iterator[tuple[IdRange, int]]:
    """Consecutive id ranges of about `chunk_size` eligible customers each, with their counts.

    Keyset paging over the primary key: one cheap query per chunk, whatever the table size.
    """
    c = m.Customer
    last = 0
    while True:
        query = (
            select_customers(IdRange(last + 1, 2**62), as_of, exclude_churned=exclude_churned)
            .select(c.id)
            .limit(chunk_size)
        )
        chunk = [row[0] for row in _rows(query)]
        if not chunk:
            return
        yield IdRange(chunk[0], chunk[-1]), len(chunk)
        last = chunk[-1]


def build_feature_spec(
    database: pw.Database,
    as_of: datetime,
    *,
    chunk_size: int = 20_000,
    max_attributes: int = MAX_CUSTOM_ATTRIBUTES,
    max_categories: int = MAX_CATEGORIES,
) -> FeatureSpec:
    """Decide the custom-attribute and plan columns from the customers that existed at `as_of`.

    Numeric attributes become one column each, filled with the median where missing; text and
    boolean attributes become one-hot columns for their `max_categories` most common values (the
    rest count as none of them). Only the `max_attributes` most common keys are kept.
    """
    del database
    key_counts: Counter[str] = Counter()
    numeric_values: dict[str, list[float]] = {}
    category_counts: dict[str, Counter[str]] = {}
    non_numeric: set[str] = set()
    c = m.Customer
    for span, _count in iter_id_ranges(as_of, chunk_size):
        query = select_customers(span, as_of).select(c.custom_attributes)
        for (raw,) in query.tuples():
            for key, value in _parse_attributes(raw).items():
                if value is None or isinstance(value, (dict, list)):
                    continue
                key_counts[key] += 1
                if _is_number(value) and not isinstance(value, bool):
                    numeric_values.setdefault(key, []).append(float(value))
                else:
                    non_numeric.add(key)
                    category_counts.setdefault(key, Counter())[str(value)] += 1
    keys = [key for key, _ in sorted(key_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    keys = keys[:max_attributes]
    numeric = sorted(k for k in keys if k not in non_numeric and k in numeric_values)
    categorical = sorted(k for k in keys if k in non_numeric)
    plans = [
        name for (name,) in m.Plan.select(m.Plan.name).order_by(m.Plan.id).limit(MAX_PLANS).tuples()
    ]
    return FeatureSpec(
        numeric_attributes=tuple(numeric),
        numeric_fill=tuple(float(np.median(numeric_values[k])) for k in numeric),
        categorical_attributes=tuple(
            (
                k,
                tuple(
                    v
                    for v, _ in sorted(category_counts[k].items(), key=lambda kv: (-kv[1], kv[0]))[
                        :max_categories
                    ]
                ),
            )
            for k in categorical
        ),
        plans=tuple(plans),
    )
