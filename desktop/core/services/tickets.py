"""Support tickets: create, edit, assign, move along the workflow, and their messages."""

from __future__ import annotations

import uuid
from typing import Any

from db import models as m
from db.choices import Channel, Priority, TicketCategory, TicketStatus
from db.validation import ValidationError, required_error
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.base import (
    InvalidTransition,
    NotAllowed,
    ServiceBase,
    _words,
    snapshot,
    unit,
)
from desktop.core.services.permissions import Perm, allowed, refusal, require

# The ticket workflow: open → in progress → pending → resolved → closed; resolved/closed reopen.
TICKET_TRANSITIONS: dict[str, frozenset[str]] = {
    TicketStatus.OPEN: frozenset(
        {TicketStatus.IN_PROGRESS, TicketStatus.PENDING, TicketStatus.RESOLVED}
    ),
    TicketStatus.IN_PROGRESS: frozenset({TicketStatus.PENDING, TicketStatus.RESOLVED}),
    TicketStatus.PENDING: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED}),
    TicketStatus.RESOLVED: frozenset({TicketStatus.CLOSED, TicketStatus.OPEN}),
    TicketStatus.CLOSED: frozenset({TicketStatus.OPEN}),
}


class TicketsMixin(ServiceBase):
    """Open and work support tickets; the first agent reply sets the first response time.

    Agents work tickets assigned to them or to nobody; someone else's ticket, and assigning to
    someone else, need a supervisor or an admin (`permissions`)."""

    def _may_work(self, ticket: m.SupportTicket, assignee_id: int | None = -1) -> None:
        """`NotAllowed` unless the user may work this ticket (and, when `assignee_id` is given,
        hand it to that person)."""
        role = require(self.user, Perm.TICKET_OWN)
        me = self.user.id
        if ticket.assignee_id not in (None, me) and not allowed(role, Perm.TICKET_ANY):
            raise NotAllowed(refusal(Perm.TICKET_ANY))
        if assignee_id not in (-1, None, me) and not allowed(role, Perm.ASSIGN_OTHERS):
            raise NotAllowed(refusal(Perm.ASSIGN_OTHERS))

    @unit(QT_TRANSLATE_NOOP("Writes", "the ticket"))
    def create_ticket(
        self,
        customer_id: int,
        subject: str,
        *,
        category: str = TicketCategory.OTHER.value,
        priority: str = Priority.MEDIUM.value,
        channel: str = Channel.EMAIL.value,
        assignee_id: int | None = None,
        body: str | None = None,
    ) -> m.SupportTicket:
        role = require(self.user, Perm.TICKET_OWN)
        if assignee_id not in (None, self.user.id) and not allowed(role, Perm.ASSIGN_OTHERS):
            raise NotAllowed(refusal(Perm.ASSIGN_OTHERS))
        subject = (subject or "").strip()
        errors = _ticket_field_errors(subject, category, priority)
        if channel not in Channel.__members__.values():
            errors["channel"] = QT_TRANSLATE_NOOP(
                "Services", "the channel must be one of {join}"
            ).format(join=", ".join(Channel))
        if errors:
            raise ValidationError(errors, entity="SupportTicket")
        with self._tx():
            # The customer's row is locked first: its ticket count is updated below, after the
            # ticket's insert took a shared lock on it (a deadlock with a scorer otherwise).
            customer: m.Customer = self._get(m.Customer, customer_id, "Customer", lock=True)
            if customer.deleted_at is not None:
                raise ValidationError(
                    {"customer": QT_TRANSLATE_NOOP("Services", "this customer was deleted")}
                )
            ticket = m.SupportTicket(
                number=f"tmp-{uuid.uuid4().hex[:12]}",
                customer=customer_id,
                subject=subject,
                category=category,
                priority=priority,
                channel=channel,
                assignee=assignee_id,
            )
            ticket.save()
            ticket.number = self._ticket_number(ticket.id)
            m.SupportTicket.update(number=ticket.number).where(
                m.SupportTicket.id == ticket.id
            ).execute()
            m.Customer.update(support_tickets=m.Customer.support_tickets + 1).where(
                m.Customer.id == customer_id
            ).execute()
            self._audit(
                "ticket.create",
                "SupportTicket",
                ticket.id,
                None,
                snapshot(
                    ticket,
                    [
                        "number",
                        "customer",
                        "subject",
                        "category",
                        "priority",
                        "channel",
                        "assignee",
                        "status",
                    ],
                ),
            )
            if body and body.strip():
                self._add_message(ticket, body, internal=False, from_customer=True)
        return ticket

    def _ticket_number(self, ticket_id: int) -> str:
        number = f"T-{ticket_id:06d}"
        taken = m.SupportTicket.select().where(m.SupportTicket.number == number).exists()
        return f"T-{ticket_id:06d}-{uuid.uuid4().hex[:4]}" if taken else number

    @unit(QT_TRANSLATE_NOOP("Writes", "the ticket"))
    def edit_ticket(
        self,
        ticket_id: int,
        *,
        subject: str,
        category: str,
        priority: str,
        version: int | None = None,
    ) -> m.SupportTicket:
        subject = (subject or "").strip()
        errors = _ticket_field_errors(subject, category, priority)
        if errors:
            raise ValidationError(errors, entity="SupportTicket")
        with self._tx():
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket")
            self._may_work(ticket)
            self._versioned_update(
                ticket,
                version,
                {"subject": subject, "category": category, "priority": priority},
                action="ticket.edit",
                label=f"Ticket {ticket.number}",
            )
        return ticket

    @unit(QT_TRANSLATE_NOOP("Writes", "the assignment"))
    def assign_ticket(
        self, ticket_id: int, user_id: int | None, version: int | None = None
    ) -> m.SupportTicket:
        with self._tx():
            if user_id is not None:
                assignee = m.User.get_or_none(m.User.id == user_id)
                if assignee is None or not assignee.active:
                    raise ValidationError(
                        {"assignee": QT_TRANSLATE_NOOP("Services", "choose an active staff member")}
                    )
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket")
            self._may_work(ticket, user_id)
            self._versioned_update(
                ticket,
                version,
                {"assignee": user_id},
                action="ticket.assign",
                label=f"Ticket {ticket.number}",
            )
        return ticket

    @unit(QT_TRANSLATE_NOOP("Writes", "the status change"))
    def move_ticket(
        self, ticket_id: int, status: str, version: int | None = None
    ) -> m.SupportTicket:
        with self._tx():
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket")
            self._may_work(ticket)
            current = ticket.status
            if status not in TicketStatus.__members__.values():
                raise ValidationError(
                    {
                        "status": QT_TRANSLATE_NOOP(
                            "Services", "unknown ticket status '{status}'"
                        ).format(status=status)
                    }
                )
            if status not in TICKET_TRANSITIONS.get(current, frozenset()):
                allowed = sorted(TICKET_TRANSITIONS.get(current, frozenset()))
                raise InvalidTransition(
                    "status",
                    QT_TRANSLATE_NOOP(
                        "Services",
                        "cannot move a ticket from {words} to {words2} (from {words} it can go "
                        "to {join})",
                    ).format(
                        words=_words(current),
                        words2=_words(status),
                        join=", ".join(map(_words, allowed)),
                    ),
                    entity="SupportTicket",
                )
            changes: dict[str, Any] = {"status": status}
            if status == TicketStatus.RESOLVED:
                changes["resolved_at"] = m.utcnow()
            elif status == TicketStatus.OPEN:  # reopen
                changes["resolved_at"] = None
            action = "ticket.reopen" if status == TicketStatus.OPEN else "ticket.status"
            self._versioned_update(
                ticket, version, changes, action=action, label=f"Ticket {ticket.number}"
            )
        return ticket

    @unit(QT_TRANSLATE_NOOP("Writes", "the message"))
    def add_message(
        self, ticket_id: int, body: str, *, internal: bool = False, from_customer: bool = False
    ) -> m.TicketMessage:
        with self._tx():
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket")
            self._may_work(ticket)
            return self._add_message(ticket, body, internal=internal, from_customer=from_customer)

    def _add_message(
        self, ticket: m.SupportTicket, body: str, *, internal: bool, from_customer: bool
    ) -> m.TicketMessage:
        msg = m.TicketMessage(
            ticket=ticket.id,
            author=None if from_customer else self.user.id,
            from_customer=from_customer,
            body=(body or "").strip(),
            internal=internal,
        )
        msg.save()
        self._audit(
            "ticket.message",
            "TicketMessage",
            msg.id,
            None,
            snapshot(msg, ["ticket", "from_customer", "internal"]),
        )
        if not from_customer and not internal and ticket.first_response_at is None:
            now = m.utcnow()
            # Only the first reply sets it, even when two agents answer at the same moment.
            m.SupportTicket.update(
                first_response_at=now,
                version=m.SupportTicket.version + 1,
                updated_at=now,
            ).where(
                (m.SupportTicket.id == ticket.id) & m.SupportTicket.first_response_at.is_null()
            ).execute()
            ticket.first_response_at = now
            ticket.version += 1
        return msg


def _ticket_field_errors(subject: str, category: str, priority: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if msg := required_error(subject, QT_TRANSLATE_NOOP("Validation", "a subject")):
        errors["subject"] = msg
    elif len(subject) > 200:
        errors["subject"] = QT_TRANSLATE_NOOP(
            "Services", "the subject is limited to 200 characters"
        )
    if category not in TicketCategory.__members__.values():
        errors["category"] = QT_TRANSLATE_NOOP(
            "Services", "the category must be one of {join}"
        ).format(join=", ".join(TicketCategory))
    if priority not in Priority.__members__.values():
        errors["priority"] = QT_TRANSLATE_NOOP(
            "Services", "the priority must be one of {join}"
        ).format(join=", ".join(Priority))
    return errors
