"""The feature catalogue and the shapes around it: the base features, the spec of the extra
columns a model is trained with (and how it is chosen from the data), the feature matrix, and
which customers a chunk names."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.i18n import QT_TRANSLATE_NOOP
from desktop.core.churn.features.packed import fetch_rows

FloatMatrix = npt.NDArray[np.float64]
IdArray = npt.NDArray[np.int64]

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
    Feature("recency_days", QT_TRANSLATE_NOOP("Features", "Days since last order"), "orders"),
    Feature("has_ordered", QT_TRANSLATE_NOOP("Features", "Has ordered"), "orders"),
    Feature("orders_total", QT_TRANSLATE_NOOP("Features", "Orders (all time)"), "orders"),
    Feature(
        "orders_per_month", QT_TRANSLATE_NOOP("Features", "Orders per month of tenure"), "orders"
    ),
    Feature("orders_30d", QT_TRANSLATE_NOOP("Features", "Orders, last 30 days"), "orders"),
    Feature(
        "orders_prev_60d", QT_TRANSLATE_NOOP("Features", "Orders, the 60 days before"), "orders"
    ),
    Feature(
        "order_trend", QT_TRANSLATE_NOOP("Features", "Order trend (30 d vs 60 d before)"), "orders"
    ),
    Feature("spend_total", QT_TRANSLATE_NOOP("Features", "Spend (all time)"), "orders"),
    Feature("spend_90d", QT_TRANSLATE_NOOP("Features", "Spend, last 90 days"), "orders"),
    Feature("avg_order_value", QT_TRANSLATE_NOOP("Features", "Average order value"), "orders"),
    Feature("cancellations", QT_TRANSLATE_NOOP("Features", "Cancelled orders"), "orders"),
    Feature(
        "refunds_returns", QT_TRANSLATE_NOOP("Features", "Refunded or returned orders"), "orders"
    ),
    Feature(
        "return_rate",
        QT_TRANSLATE_NOOP("Features", "Share of orders refunded or returned"),
        "orders",
    ),
    Feature(
        "discount_order_share",
        QT_TRANSLATE_NOOP("Features", "Share of orders with a discount"),
        "orders",
    ),
    Feature(
        "discount_rate", QT_TRANSLATE_NOOP("Features", "Discount as share of subtotal"), "orders"
    ),
    Feature("logins_30d", QT_TRANSLATE_NOOP("Features", "Logins, last 30 days"), "engagement"),
    Feature(
        "email_opens_30d", QT_TRANSLATE_NOOP("Features", "Email opens, last 30 days"), "engagement"
    ),
    Feature(
        "email_clicks_30d",
        QT_TRANSLATE_NOOP("Features", "Email clicks, last 30 days"),
        "engagement",
    ),
    Feature(
        "product_views_30d",
        QT_TRANSLATE_NOOP("Features", "Product views, last 30 days"),
        "engagement",
    ),
    Feature(
        "engagement_30d",
        QT_TRANSLATE_NOOP("Features", "Engagement events, last 30 days"),
        "engagement",
    ),
    Feature(
        "engagement_prev_60d",
        QT_TRANSLATE_NOOP("Features", "Engagement events, the 60 days before"),
        "engagement",
    ),
    Feature(
        "engagement_trend",
        QT_TRANSLATE_NOOP("Features", "Engagement trend (30 d vs 60 d before)"),
        "engagement",
    ),
    Feature(
        "email_click_rate",
        QT_TRANSLATE_NOOP("Features", "Email clicks per open, last 90 days"),
        "engagement",
    ),
    Feature(
        "days_since_activity",
        QT_TRANSLATE_NOOP("Features", "Days since last activity (max 90)"),
        "engagement",
    ),
    Feature(
        "tickets_total", QT_TRANSLATE_NOOP("Features", "Support tickets (all time)"), "support"
    ),
    Feature(
        "tickets_90d", QT_TRANSLATE_NOOP("Features", "Support tickets, last 90 days"), "support"
    ),
    Feature("open_tickets", QT_TRANSLATE_NOOP("Features", "Open support tickets"), "support"),
    Feature(
        "escalations_90d",
        QT_TRANSLATE_NOOP("Features", "Escalated tickets, last 90 days"),
        "support",
    ),
    Feature(
        "avg_satisfaction", QT_TRANSLATE_NOOP("Features", "Average satisfaction (1–5)"), "support"
    ),
    Feature("low_satisfaction", QT_TRANSLATE_NOOP("Features", "Tickets rated 1 or 2"), "support"),
    Feature(
        "failed_payments_90d",
        QT_TRANSLATE_NOOP("Features", "Failed payments, last 90 days"),
        "payments",
    ),
    Feature(
        "payment_failure_rate_90d",
        QT_TRANSLATE_NOOP("Features", "Share of payments failed, last 90 days"),
        "payments",
    ),
    Feature(
        "consecutive_failures",
        QT_TRANSLATE_NOOP("Features", "Failed payments since the last success"),
        "payments",
    ),
    Feature(
        "days_since_failure",
        QT_TRANSLATE_NOOP("Features", "Days since a payment failed (max 365)"),
        "payments",
    ),
    Feature(
        "card_expiring_30d",
        QT_TRANSLATE_NOOP("Features", "Card expiring within 30 days"),
        "payments",
    ),
    Feature(
        "card_expired", QT_TRANSLATE_NOOP("Features", "Every card on file expired"), "payments"
    ),
    Feature("has_card", QT_TRANSLATE_NOOP("Features", "Has a card on file"), "payments"),
    Feature("tenure_days", QT_TRANSLATE_NOOP("Features", "Days as a customer"), "profile"),
    Feature(
        "loyalty_points",
        QT_TRANSLATE_NOOP("Features", "Loyalty points (estimated as of the date)"),
        "profile",
    ),
    Feature(
        "has_subscription",
        QT_TRANSLATE_NOOP("Features", "Has an active subscription"),
        "subscription",
    ),
    Feature(
        "subscription_cancelled",
        QT_TRANSLATE_NOOP("Features", "Cancelled a subscription"),
        "subscription",
    ),
    Feature(
        "subscription_monthly_price",
        QT_TRANSLATE_NOOP("Features", "Subscription price per month"),
        "subscription",
    ),
)
BASE_NAMES: tuple[str, ...] = tuple(f.name for f in BASE_FEATURES)

# The order-rhythm features (`aggregates._history_features`): buy-till-you-die quantities from
# a BG/NBD model (`btyd`), the customer's usual gap between orders and how overdue they are
# against it (`gaps`), and last year's orders in the coming horizon (seasonality). Columns of
# a spec with `OrderHistory`, so models stored before them keep their columns.
HISTORY_FEATURES: tuple[Feature, ...] = (
    Feature(
        "btyd_p_alive",
        QT_TRANSLATE_NOOP("Features", "Chance still buying (BG/NBD)"),
        "order_history",
    ),
    Feature(
        "btyd_expected_orders",
        QT_TRANSLATE_NOOP("Features", "Expected orders in the horizon (BG/NBD)"),
        "order_history",
    ),
    Feature(
        "mean_gap_days", QT_TRANSLATE_NOOP("Features", "Usual days between orders"), "order_history"
    ),
    Feature(
        "gap_overdue_ratio",
        QT_TRANSLATE_NOOP("Features", "Days since last order ÷ usual gap"),
        "order_history",
    ),
    Feature(
        "season_orders_last_year",
        QT_TRANSLATE_NOOP("Features", "Orders in the same weeks last year"),
        "order_history",
    ),
)
HISTORY_NAMES: tuple[str, ...] = tuple(f.name for f in HISTORY_FEATURES)
LABELS: dict[str, str] = {f.name: f.label for f in BASE_FEATURES + HISTORY_FEATURES}
ATTRIBUTE_IS = QT_TRANSLATE_NOOP("Features", "{key} is {value}")
ON_PLAN = QT_TRANSLATE_NOOP("Features", "On plan {plan}")


def label_for(name: str) -> str | None:
    """A feature column's label from its name alone (a translatable message): the fixed
    features', a custom attribute's ("plan_size is large") and a plan's; None if unknown. What
    a prediction stored was English; this is how the window words it again."""
    if name in LABELS:
        return LABELS[name]
    if name.startswith("attr:"):
        key, sep, value = name.removeprefix("attr:").partition("=")
        return ATTRIBUTE_IS.format(key=key, value=value) if sep else key
    if name.startswith("plan="):
        return ON_PLAN.format(plan=name.removeprefix("plan="))
    return None


"""The catalogue's features' labels, translatable (a stored model keeps them in English)."""


@dataclass(frozen=True)
class OrderHistory:
    """What the order-rhythm features need besides the orders: the horizon (the window of the
    expected orders and of last year's season) and the BG/NBD population parameters.

    Point in time: the parameters are fitted on the orders before a cutoff (`btyd_fit.fit_at`).
    Training fits them anew at every snapshot's cutoff, so no snapshot's features see a day
    after it; the spec stored with the model carries the parameters fitted as of the training
    date, and scoring uses those. Refitting at every scoring run would need every customer's
    history before the first chunk could be scored (and differ between workstations sharing a
    run); the parameters describe the population's buying rhythm, which moves slowly, and a run
    as of the training date sees exactly the fit its model was trained with. `btyd` None: no
    customer had ordered, the BG/NBD columns are 0.
    """

    horizon_days: int = 90
    btyd: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"horizon_days": self.horizon_days, "btyd": list(self.btyd) if self.btyd else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OrderHistory:
        raw = data.get("btyd")
        btyd = None
        if raw:
            r, alpha, a, b = (float(v) for v in raw)
            btyd = (r, alpha, a, b)
        return cls(horizon_days=int(data.get("horizon_days", 90)), btyd=btyd)


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
    history: OrderHistory | None = None

    @property
    def names(self) -> list[str]:
        names = list(BASE_NAMES)
        if self.history is not None:
            names += HISTORY_NAMES
        names += [f"attr:{key}" for key in self.numeric_attributes]
        for key, values in self.categorical_attributes:
            names += [f"attr:{key}={value}" for value in values]
        names += [f"plan={plan}" for plan in self.plans]
        return names

    def definitions(self) -> list[dict[str, Any]]:
        """One entry per column: name, human label, group, and whether it is a snapshot."""
        out = [
            {"name": f.name, "label": f.label, "group": f.group, "snapshot": f.snapshot}
            for f in BASE_FEATURES + (HISTORY_FEATURES if self.history is not None else ())
        ]
        for key in self.numeric_attributes:
            out.append({"name": f"attr:{key}", "label": key, "group": "custom", "snapshot": True})
        for key, values in self.categorical_attributes:
            for value in values:
                out.append(
                    {
                        "name": f"attr:{key}={value}",
                        "label": label_for(f"attr:{key}={value}"),
                        "group": "custom",
                        "snapshot": True,
                    }
                )
        for plan in self.plans:
            out.append(
                {
                    "name": f"plan={plan}",
                    "label": label_for(f"plan={plan}"),
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
            "history": self.history.to_json() if self.history is not None else None,
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
            history=OrderHistory.from_json(data["history"]) if data.get("history") else None,
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
        chunk = [row[0] for row in fetch_rows(query)]
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
    horizon_days: int = 90,
) -> FeatureSpec:
    """Decide the custom-attribute and plan columns from the customers that existed at `as_of`.

    Numeric attributes become one column each, filled with the median where missing; text and
    boolean attributes become one-hot columns for their `max_categories` most common values (the
    rest count as none of them). Only the `max_attributes` most common keys are kept. The
    order-rhythm columns come with an `OrderHistory` for `horizon_days` whose BG/NBD parameters
    the caller fits per cutoff (`btyd_fit.with_fit`).
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
            for key, value in parse_attributes(raw).items():
                if value is None or isinstance(value, (dict, list)):
                    continue
                key_counts[key] += 1
                if is_number(value) and not isinstance(value, bool):
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
        history=OrderHistory(horizon_days=horizon_days),
    )


def parse_attributes(raw: Any) -> dict[str, Any]:
    if raw is None or raw == "":
        return {}
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(float(value))
