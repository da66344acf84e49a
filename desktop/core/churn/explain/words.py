"""A feature's value for one customer in words: "no order for 243 days", "2 failed payments in
the last 90 days". Features without a phrase here fall back to "label: value"."""

from __future__ import annotations

import math
from collections.abc import Callable


def _n(value: float, one: str, many: str) -> str:
    count = round(value)
    return f"{count:,} {one if count == 1 else many}"


def _pct(value: float) -> str:
    return f"{value * 100:.0f} %"


PHRASES: dict[str, Callable[[float], str]] = {
    "recency_days": lambda v: f"no order for {_n(v, 'day', 'days')}",
    "has_ordered": lambda v: "has ordered" if v else "has never ordered",
    "orders_total": lambda v: f"{_n(v, 'order', 'orders')} in all",
    "orders_30d": lambda v: f"{_n(v, 'order', 'orders')} in the last 30 days",
    "orders_prev_60d": lambda v: f"{_n(v, 'order', 'orders')} in the 60 days before",
    "order_trend": lambda v: (
        "orders falling" if v < 0 else "orders rising" if v > 0 else "orders steady"
    ),
    "spend_90d": lambda v: f"spent {v:,.2f} in the last 90 days",
    "cancellations": lambda v: f"{_n(v, 'cancelled order', 'cancelled orders')}",
    "refunds_returns": lambda v: f"{_n(v, 'refund or return', 'refunds or returns')}",
    "return_rate": lambda v: f"{_pct(v)} of orders refunded or returned",
    "logins_30d": lambda v: f"{_n(v, 'login', 'logins')} in the last 30 days",
    "engagement_30d": lambda v: f"{_n(v, 'engagement event', 'engagement events')} in 30 days",
    "engagement_trend": lambda v: (
        "engagement falling" if v < 0 else "engagement rising" if v > 0 else "engagement steady"
    ),
    "days_since_activity": lambda v: (
        f"no activity for {_n(v, 'day', 'days')}" + (" or more" if v >= 90 else "")
    ),
    "tickets_90d": lambda v: f"{_n(v, 'support ticket', 'support tickets')} in 90 days",
    "open_tickets": lambda v: f"{_n(v, 'open ticket', 'open tickets')}",
    "escalations_90d": lambda v: f"{_n(v, 'escalated ticket', 'escalated tickets')} in 90 days",
    "avg_satisfaction": lambda v: f"average satisfaction {v:.1f} of 5" if v else "no ratings",
    "low_satisfaction": lambda v: f"{_n(v, 'ticket', 'tickets')} rated 1 or 2",
    "failed_payments_90d": lambda v: f"{_n(v, 'failed payment', 'failed payments')} in 90 days",
    "payment_failure_rate_90d": lambda v: f"{_pct(v)} of payments failed in 90 days",
    "consecutive_failures": lambda v: (
        f"{_n(v, 'failed payment', 'failed payments')} since the last success"
    ),
    "days_since_failure": lambda v: (
        "no failed payment in a year"
        if v >= 365
        else f"a payment failed {_n(v, 'day', 'days')} ago"
    ),
    "card_expiring_30d": lambda v: "card expires within 30 days" if v else "no card expiring soon",
    "card_expired": lambda v: "every card on file expired" if v else "a valid card on file",
    "has_card": lambda v: "has a card on file" if v else "no card on file",
    "tenure_days": lambda v: f"a customer for {_n(v, 'day', 'days')}",
    "has_subscription": lambda v: "has an active subscription" if v else "no active subscription",
    "subscription_cancelled": lambda v: "cancelled a subscription" if v else "never cancelled",
    "btyd_p_alive": lambda v: f"{_pct(v)} chance, by their buying rhythm, that they still buy",
    "btyd_expected_orders": lambda v: (
        f"about {v:.1f} orders expected in the horizon" if v >= 0.05 else "no order expected"
    ),
    "mean_gap_days": lambda v: f"usually {_n(v, 'day', 'days')} between orders",
    "gap_overdue_ratio": lambda v: (
        f"{v:.1f} × their usual gap since the last order" + (" or more" if v >= 20 else "")
    ),
    "season_orders_last_year": lambda v: f"{_n(v, 'order', 'orders')} in the same weeks last year",
}


def in_words(name: str, label: str, value: float) -> str:
    """The customer's value of one feature as a short phrase."""
    if not math.isfinite(value):
        return f"{label}: no data"
    phrase = PHRASES.get(name)
    if phrase is not None:
        return phrase(value)
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{label}: {shown}"
