"""Next actions from a prediction's factors (seed 001's retention strategies): a failing or
expired card asks for a payment update, falling orders a win-back offer, an open escalated
ticket to be resolved first. Each names the intervention it logs, prefilled."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.churn.explain.words import in_words
from desktop.core.churn.features.spec import label_for
from desktop.core.i18n import QT_TRANSLATE_NOOP

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
    title: str  # each text a translatable message (English as a `str`)
    why: str  # the factor's value in words
    kind: str  # an `InterventionKind` value
    channel: str  # a `Channel` value
    notes: str  # prefilled into the logged intervention


RESOLVE_TICKET = QT_TRANSLATE_NOOP("NextSteps", "Resolve the open ticket first")
PAYMENT_UPDATE = QT_TRANSLATE_NOOP("NextSteps", "Ask for a payment update")
WIN_BACK = QT_TRANSLATE_NOOP("NextSteps", "Send a win-back offer")
TICKET_OPEN = QT_TRANSLATE_NOOP("NextSteps", "an escalated ticket is open")
# What the logged outreach says: stored as the note of the intervention, in the language of
# the person who clicked (the window renders it before it is logged).
TICKET_NOTES = QT_TRANSLATE_NOOP(
    "NextSteps", "Call back about the open support ticket before any offer."
)
PAYMENT_NOTES = QT_TRANSLATE_NOOP("NextSteps", "Asked the customer to update their payment method.")
WIN_BACK_NOTES = QT_TRANSLATE_NOOP("NextSteps", "Win-back offer: orders have fallen off.")


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
        why = _why(tickets[0]) if tickets else TICKET_OPEN
        out.append(
            Recommendation("resolve_ticket", RESOLVE_TICKET, why, "check_in", "phone", TICKET_NOTES)
        )
    payment = [f for f in raising if f.get("feature") in PAYMENT_FEATURES]
    if payment:
        out.append(
            Recommendation(
                "payment_update",
                PAYMENT_UPDATE,
                _why(payment[0]),
                "payment_update",
                "email",
                PAYMENT_NOTES,
            )
        )
    orders = [f for f in raising if f.get("feature") in ORDER_FEATURES]
    if orders:
        out.append(
            Recommendation(
                "win_back", WIN_BACK, _why(orders[0]), "win_back", "email", WIN_BACK_NOTES
            )
        )
    return out


def _why(factor: Mapping[str, Any]) -> str:
    """The factor's value in words, worded again from its feature and value (so in the user's
    language whatever language scored it), else as it was stored."""
    feature = str(factor.get("feature") or "")
    value = factor.get("value")
    label = label_for(feature) or str(factor.get("label") or feature)
    if feature and isinstance(value, int | float) and not isinstance(value, bool):
        return in_words(feature, label, float(value))
    return factor.get("text") or label


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
