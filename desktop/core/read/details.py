"""What the alert queue's detail pane and the ticket panel show, read in one go off the UI thread.

Each read returns plain objects with every related row already fetched (customer, prediction,
assignee, messages with their authors), so the UI thread that renders them never touches the
database: a lazy foreign-key access there would be a query on the UI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from db import models as m

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 500  # a ticket thread longer than this shows its newest messages


@dataclass(frozen=True)
class AlertDetail:
    alert: m.Alert
    customer: m.Customer | None
    prediction: m.ChurnPrediction | None


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
    return AlertDetail(alert, customer, prediction)


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
