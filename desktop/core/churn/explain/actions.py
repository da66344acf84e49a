"""Next actions from a prediction's factors (seed 001's retention strategies): a failing or
expired card asks for a payment update, falling orders a win-back offer, an open escalated
ticket to be resolved first. Each names the intervention it logs, prefilled."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PAYMENT_FEATURES = frozenset(
    {
        "failed_payments_90d",
        "payment_failure_rate_90d",
        "consecutive_failures",
        "card_expired",
        "card_expiring_30d",
        "days_since_failure",
        "has_card",
    }
)
ORDER_FEATURES = frozenset(
    {
        "recency_days",
        "order_trend",
        "orders_30d",
        "orders_prev_60d",
        "spend_90d",
        "days_since_activity",
    }
)
TICKET_FEATURES = frozenset({"escalations_90d", "open_tickets", "low_satisfaction"})


@dataclass(frozen=True)
class Recommendation:
    key: str  # "payment_update", "win_back", "resolve_ticket"
    title: str
    why: str  # the factor's value in words
    kind: str  # an `InterventionKind` value
    channel: str  # a `Channel` value
    notes: str  # prefilled into the logged intervention


def recommend(
    factors: Iterable[Mapping[str, Any]], *, open_escalated_ticket: bool = False
) -> list[Recommendation]:
    """The actions the factors that raise the risk call for, most urgent first.

    A factor raises the risk when its contribution is positive. An open escalated ticket comes
    first whether or not the model weighed it: offering a discount over an unresolved complaint
    reads as not listening.
    """
    raising = [f for f in factors if _num(f.get("contribution")) > 0]
    out: list[Recommendation] = []
    tickets = [f for f in raising if f.get("feature") in TICKET_FEATURES]
    if open_escalated_ticket or tickets:
        why = (
            str(tickets[0].get("text") or tickets[0].get("label"))
            if tickets
            else "an escalated ticket is open"
        )
        out.append(
            Recommendation(
                "resolve_ticket",
                "Resolve the open ticket first",
                why,
                "check_in",
                "phone",
                "Call back about the open support ticket before any offer.",
            )
        )
    payment = [f for f in raising if f.get("feature") in PAYMENT_FEATURES]
    if payment:
        out.append(
            Recommendation(
                "payment_update",
                "Ask for a payment update",
                str(payment[0].get("text") or payment[0].get("label")),
                "payment_update",
                "email",
                "Asked the customer to update their payment method.",
            )
        )
    orders = [f for f in raising if f.get("feature") in ORDER_FEATURES]
    if orders:
        out.append(
            Recommendation(
                "win_back",
                "Send a win-back offer",
                str(orders[0].get("text") or orders[0].get("label")),
                "win_back",
                "email",
                "Win-back offer: orders have fallen off.",
            )
        )
    return out


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
