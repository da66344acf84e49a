"""What the alert queue's detail pane and the ticket panel show, read in one go off the UI thread.

Each read returns plain objects with every related row already fetched (customer, prediction,
assignee, messages with their authors), so the UI thread that renders them never touches the
database: a lazy foreign-key access there would be a query on the UI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import peewee as pw

from db import models as m
from desktop.core.i18n import QT_TRANSLATE_NOOP, Day, Joined, Number, Word

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 500  # a ticket thread longer than this shows its newest messages


@dataclass(frozen=True)
class AlertDetail:
    alert: m.Alert
    customer: m.Customer | None
    prediction: m.ChurnPrediction | None
    events: list[str] = field(default_factory=list)  # what raised it, in words (see `describe`)


@dataclass(frozen=True)
class TicketMessageView:
    author: str  # "Customer", the staff member's name, or "Staff" for a removed account
    created_at: datetime
    body: str
    internal: bool


@dataclass(frozen=True)
class TicketDetail:
    ticket: m.SupportTicket
    customer_name: str | None
    assignee_name: str | None
    messages: list[TicketMessageView]


def load_alert(alert_id: int) -> AlertDetail | None:
    """The alert with its customer and the prediction behind it; None if it was deleted."""
    alert = m.Alert.get_or_none(m.Alert.id == alert_id)
    if alert is None:
        return None
    customer = (
        m.Customer.get_or_none(m.Customer.id == alert.customer_id) if alert.customer_id else None
    )
    prediction = (
        m.ChurnPrediction.get_or_none(m.ChurnPrediction.id == alert.prediction_id)
        if alert.prediction_id
        else None
    )
    return AlertDetail(alert, customer, prediction, describe_correlated(alert.correlated_events))


CORRELATED_LIMIT = 20


def _words(value: str | None) -> str:
    return (value or "").replace("_", " ")


def _card(method: m.PaymentMethod | None) -> str:
    if method is None:
        return QT_TRANSLATE_NOOP("Alerts", "a card no longer on file")
    return QT_TRANSLATE_NOOP("Alerts", "{brand} card ending {last_four} (expires {month})").format(
        brand=_words(method.brand).title(),
        last_four=method.last_four,
        month=f"{method.expiry_month:02d}/{method.expiry_year}",
    )


def _transaction_line(tx: m.PaymentTransaction | None) -> str:
    if tx is None:
        return QT_TRANSLATE_NOOP("Alerts", "A payment that is no longer on record")
    text: str = QT_TRANSLATE_NOOP(
        "Alerts", "Payment of {amount} {currency} {status} on {when}"
    ).format(
        amount=Number(float(tx.amount), 2),
        currency=tx.currency,
        status=Word(tx.status, lower=True),
        when=Day(tx.occurred_at, with_time=True),
    )
    if tx.failure_reason:
        text = Joined(": ", [text, Word(tx.failure_reason, lower=True)])
    if tx.payment_method_id:
        method = m.PaymentMethod.get_or_none(m.PaymentMethod.id == tx.payment_method_id)
        text = Joined(" — ", [text, _card(method)])
    return text


def describe_correlated(events: Any) -> list[str]:
    """The rows an alert points at, as a person reads them: "Payment of 29.99 USD failed on
    2026-11-26 17:46: insufficient funds — Visa card ending 3416 (expires 12/2026)". A reference
    of a kind this version does not know reads as its kind in words, never as the raw data."""
    if not isinstance(events, list):
        return []
    lines: list[str] = []
    for event in events[:CORRELATED_LIMIT]:
        if not isinstance(event, dict):
            continue
        if "payment_transaction" in event:
            tx_id = event["payment_transaction"]
            lines.append(
                _transaction_line(
                    m.PaymentTransaction.get_or_none(m.PaymentTransaction.id == tx_id)
                )
            )
        elif "payment_method" in event:
            method = m.PaymentMethod.get_or_none(m.PaymentMethod.id == event["payment_method"])
            if method is None:
                lines.append(QT_TRANSLATE_NOOP("Alerts", "A card that is no longer on file"))
                continue
            card = QT_TRANSLATE_NOOP("Alerts", "{card}, {status}").format(
                card=_card(method), status=Word(method.status, lower=True)
            )
            if method.failure_count:
                failed = (
                    QT_TRANSLATE_NOOP("Alerts", "{card}; charging it failed {n} time")
                    if method.failure_count == 1
                    else QT_TRANSLATE_NOOP("Alerts", "{card}; charging it failed {n} times")
                )
                card = failed.format(card=card, n=Number(method.failure_count))
            lines.append(card)
        else:
            kinds = ", ".join(_words(str(k)) for k in event)
            lines.append(
                QT_TRANSLATE_NOOP("Alerts", "A related record ({kinds})").format(kinds=kinds)
            )
    return lines


def load_ticket(ticket_id: int) -> TicketDetail | None:
    """The ticket, who it is for and assigned to, and its thread oldest first; None if deleted."""
    ticket = m.SupportTicket.get_or_none(m.SupportTicket.id == ticket_id)
    if ticket is None:
        return None
    customer = m.Customer.select(m.Customer.name).where(m.Customer.id == ticket.customer_id).first()
    assignee = (
        m.User.select(m.User.display_name).where(m.User.id == ticket.assignee_id).first()
        if ticket.assignee_id
        else None
    )
    newest = (
        m.TicketMessage.select(m.TicketMessage, m.User.id, m.User.display_name)
        .join(m.User, pw.JOIN.LEFT_OUTER)
        .where(m.TicketMessage.ticket == ticket_id)
        .order_by(m.TicketMessage.created_at.desc(), m.TicketMessage.id.desc())
        .limit(MESSAGE_LIMIT)
    )
    messages = [
        TicketMessageView(
            author="Customer"
            if msg.from_customer
            else (msg.author.display_name if msg.author_id else "Staff"),
            created_at=msg.created_at,
            body=msg.body,
            internal=msg.internal,
        )
        for msg in newest
    ]
    messages.reverse()
    return TicketDetail(
        ticket,
        customer.name if customer else None,
        assignee.display_name if assignee else None,
        messages,
    )
