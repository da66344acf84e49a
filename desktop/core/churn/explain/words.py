"""A feature's value for one customer in words: "no order for 243 days", "2 failed payments in
the last 90 days". Features without a phrase here fall back to "label: value".

Each phrase is a translatable `Message` (English as a `str`, which is what the scorer stores in
a prediction's factors), spelt out as `QT_TRANSLATE_NOOP("Factors", …)`, the call
`pyside6-lupdate` extracts; the window renders it again from the stored feature and value, so a
factor reads in the user's language whatever language the scoring workstation spoke. A count
takes the singular phrase for exactly one and the plural one otherwise, as English does; the
translations are written for that.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from db.i18n import QT_TRANSLATE_NOOP, Message, Number


def _n(value: float, one: Message, many: Message) -> Message:
    count = round(value)
    return (one if count == 1 else many).format(n=Number(count))


def _pct(value: float) -> str:
    return Number(value * 100)


def _either(when: Message, otherwise: Message) -> Callable[[float], Message]:
    return lambda v: when if v else otherwise


def _trend(falling: Message, rising: Message, steady: Message) -> Callable[[float], Message]:
    return lambda v: falling if v < 0 else rising if v > 0 else steady


PHRASES: dict[str, Callable[[float], Message]] = {
    "recency_days": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "no order for {n} day"),
        QT_TRANSLATE_NOOP("Factors", "no order for {n} days"),
    ),
    "has_ordered": _either(
        QT_TRANSLATE_NOOP("Factors", "has ordered"),
        QT_TRANSLATE_NOOP("Factors", "has never ordered"),
    ),
    "orders_total": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} order in all"),
        QT_TRANSLATE_NOOP("Factors", "{n} orders in all"),
    ),
    "orders_30d": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} order in the last 30 days"),
        QT_TRANSLATE_NOOP("Factors", "{n} orders in the last 30 days"),
    ),
    "orders_prev_60d": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} order in the 60 days before"),
        QT_TRANSLATE_NOOP("Factors", "{n} orders in the 60 days before"),
    ),
    "order_trend": _trend(
        QT_TRANSLATE_NOOP("Factors", "orders falling"),
        QT_TRANSLATE_NOOP("Factors", "orders rising"),
        QT_TRANSLATE_NOOP("Factors", "orders steady"),
    ),
    "spend_90d": lambda v: QT_TRANSLATE_NOOP(
        "Factors", "spent {amount} in the last 90 days"
    ).format(amount=Number(v, 2)),
    "cancellations": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} cancelled order"),
        QT_TRANSLATE_NOOP("Factors", "{n} cancelled orders"),
    ),
    "refunds_returns": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} refund or return"),
        QT_TRANSLATE_NOOP("Factors", "{n} refunds or returns"),
    ),
    "return_rate": lambda v: QT_TRANSLATE_NOOP(
        "Factors", "{percent} % of orders refunded or returned"
    ).format(percent=_pct(v)),
    "logins_30d": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} login in the last 30 days"),
        QT_TRANSLATE_NOOP("Factors", "{n} logins in the last 30 days"),
    ),
    "engagement_30d": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} engagement event in 30 days"),
        QT_TRANSLATE_NOOP("Factors", "{n} engagement events in 30 days"),
    ),
    "engagement_trend": _trend(
        QT_TRANSLATE_NOOP("Factors", "engagement falling"),
        QT_TRANSLATE_NOOP("Factors", "engagement rising"),
        QT_TRANSLATE_NOOP("Factors", "engagement steady"),
    ),
    "days_since_activity": lambda v: (
        QT_TRANSLATE_NOOP("Factors", "no activity for {n} days or more").format(n=Number(round(v)))
        if v >= 90
        else _n(
            v,
            QT_TRANSLATE_NOOP("Factors", "no activity for {n} day"),
            QT_TRANSLATE_NOOP("Factors", "no activity for {n} days"),
        )
    ),
    "tickets_90d": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} support ticket in 90 days"),
        QT_TRANSLATE_NOOP("Factors", "{n} support tickets in 90 days"),
    ),
    "open_tickets": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} open ticket"),
        QT_TRANSLATE_NOOP("Factors", "{n} open tickets"),
    ),
    "escalations_90d": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} escalated ticket in 90 days"),
        QT_TRANSLATE_NOOP("Factors", "{n} escalated tickets in 90 days"),
    ),
    "avg_satisfaction": lambda v: (
        QT_TRANSLATE_NOOP("Factors", "average satisfaction {score} of 5").format(score=Number(v, 1))
        if v
        else QT_TRANSLATE_NOOP("Factors", "no ratings")
    ),
    "low_satisfaction": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} ticket rated 1 or 2"),
        QT_TRANSLATE_NOOP("Factors", "{n} tickets rated 1 or 2"),
    ),
    "failed_payments_90d": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} failed payment in 90 days"),
        QT_TRANSLATE_NOOP("Factors", "{n} failed payments in 90 days"),
    ),
    "payment_failure_rate_90d": lambda v: QT_TRANSLATE_NOOP(
        "Factors", "{percent} % of payments failed in 90 days"
    ).format(percent=_pct(v)),
    "consecutive_failures": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} failed payment since the last success"),
        QT_TRANSLATE_NOOP("Factors", "{n} failed payments since the last success"),
    ),
    "days_since_failure": lambda v: (
        QT_TRANSLATE_NOOP("Factors", "no failed payment in a year")
        if v >= 365
        else _n(
            v,
            QT_TRANSLATE_NOOP("Factors", "a payment failed {n} day ago"),
            QT_TRANSLATE_NOOP("Factors", "a payment failed {n} days ago"),
        )
    ),
    "card_expiring_30d": _either(
        QT_TRANSLATE_NOOP("Factors", "card expires within 30 days"),
        QT_TRANSLATE_NOOP("Factors", "no card expiring soon"),
    ),
    "card_expired": _either(
        QT_TRANSLATE_NOOP("Factors", "every card on file expired"),
        QT_TRANSLATE_NOOP("Factors", "a valid card on file"),
    ),
    "has_card": _either(
        QT_TRANSLATE_NOOP("Factors", "has a card on file"),
        QT_TRANSLATE_NOOP("Factors", "no card on file"),
    ),
    "tenure_days": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "a customer for {n} day"),
        QT_TRANSLATE_NOOP("Factors", "a customer for {n} days"),
    ),
    "has_subscription": _either(
        QT_TRANSLATE_NOOP("Factors", "has an active subscription"),
        QT_TRANSLATE_NOOP("Factors", "no active subscription"),
    ),
    "subscription_cancelled": _either(
        QT_TRANSLATE_NOOP("Factors", "cancelled a subscription"),
        QT_TRANSLATE_NOOP("Factors", "never cancelled"),
    ),
    "btyd_p_alive": lambda v: QT_TRANSLATE_NOOP(
        "Factors", "{percent} % chance, by their buying rhythm, that they still buy"
    ).format(percent=_pct(v)),
    "btyd_expected_orders": lambda v: (
        QT_TRANSLATE_NOOP("Factors", "about {count} orders expected in the horizon").format(
            count=Number(v, 1)
        )
        if v >= 0.05
        else QT_TRANSLATE_NOOP("Factors", "no order expected")
    ),
    "mean_gap_days": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "usually {n} day between orders"),
        QT_TRANSLATE_NOOP("Factors", "usually {n} days between orders"),
    ),
    "gap_overdue_ratio": lambda v: (
        QT_TRANSLATE_NOOP("Factors", "{ratio} × their usual gap since the last order or more")
        if v >= 20
        else QT_TRANSLATE_NOOP("Factors", "{ratio} × their usual gap since the last order")
    ).format(ratio=Number(v, 1)),
    "season_orders_last_year": lambda v: _n(
        v,
        QT_TRANSLATE_NOOP("Factors", "{n} order in the same weeks last year"),
        QT_TRANSLATE_NOOP("Factors", "{n} orders in the same weeks last year"),
    ),
}


def in_words(name: str, label: str, value: float) -> Message:
    """The customer's value of one feature as a short phrase."""
    if not math.isfinite(value):
        return QT_TRANSLATE_NOOP("Factors", "{label}: no data").format(label=label)
    phrase = PHRASES.get(name)
    if phrase is not None:
        return phrase(value)
    shown = Number(value, 0 if float(value).is_integer() else 2)
    return QT_TRANSLATE_NOOP("Factors", "{label}: {value}").format(label=label, value=shown)


def after_label(name: str, label: str, value: float) -> str:
    """What follows the feature's label where both are shown ("Loyalty points: 428"): the
    phrase, or only the value where the phrase would be "label: value" again, nothing for a
    yes/no column whose label says it all ("plan_size is large")."""
    if "=" in name and name.startswith(("attr:", "plan=")):
        return "" if value else QT_TRANSLATE_NOOP("Factors", "no")
    if name in PHRASES or not math.isfinite(value):
        return in_words(name, label, value)
    return Number(value, 0 if float(value).is_integer() else 2)
