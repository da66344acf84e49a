"""The one write path: every change a user makes goes through `Services`.

Each operation is one transaction that validates first (raising `ValidationError` with a message
per field, so a dialog can show it next to the field), checks optimistic locking where the user
edited a row they had loaded (`StaleWrite` when someone else changed it meanwhile), and writes one
`AuditLog` row per changed entity with the before/after values of the fields that changed. A
failed write rolls back completely. Bulk alert actions run in batches of `BATCH`, each batch one
transaction, so a cancelled or failed bulk run leaves whole batches done and nothing half-done.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from db import models as m
from db.bulk import insert_rows
from db.choices import (
    AccountStatus,
    AlertStatus,
    Channel,
    InterventionKind,
    InterventionOutcome,
    InterventionStatus,
    Priority,
    TicketCategory,
    TicketStatus,
)
from db.connection import is_mysql
from db.limits import field_error
from db.tasks import TaskState
from db.validation import ValidationError, color_error, required_error

log = logging.getLogger(__name__)

BATCH = 500
SECRET_FIELDS = frozenset({"password_hash", "artifact"})

# Seed 003: the account status state machine.
ACCOUNT_TRANSITIONS: dict[str, frozenset[str]] = {
    AccountStatus.ACTIVE: frozenset({AccountStatus.AT_RISK}),
    AccountStatus.AT_RISK: frozenset({AccountStatus.RESOLVED, AccountStatus.CHURNED}),
    AccountStatus.RESOLVED: frozenset({AccountStatus.AT_RISK}),
    AccountStatus.CHURNED: frozenset(),
}

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

OPEN_ALERT_STATES = (AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value)


class ServiceError(Exception):
    """A write the user asked for could not be done; the message says why, in their terms."""


class StaleWrite(ServiceError):
    """Someone else changed the row after the user loaded it; nothing was saved."""


class NotFound(ServiceError):
    pass


class NotAllowed(ServiceError):
    """The signed-in user may not do this (e.g. edit someone else's note)."""


class InvalidTransition(ValidationError):
    """A status change the workflow does not allow; shown next to the status field."""

    def __init__(self, field: str, message: str, entity: str = "") -> None:
        super().__init__({field: message}, entity=entity)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class BulkResult:
    """How a bulk action went: rows changed, and rows skipped because they were no longer
    in a state the action applies to (someone else got there first)."""

    changed: int
    skipped: int

    def describe(self, verb: str, noun: str = "alert") -> str:
        text = f"{self.changed:,} {noun}{'' if self.changed == 1 else 's'} {verb}"
        if self.skipped:
            text += f"; {self.skipped:,} skipped (already changed)"
        return text


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: m.BaseModel, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The row's stored values by column name, JSON-ready and without secrets."""
    names = list(fields) if fields is not None else list(obj._meta.fields)
    out: dict[str, Any] = {}
    for name in names:
        if name in SECRET_FIELDS:
            continue
        field = obj._meta.fields[name]
        raw = obj.__data__.get(field.name)
        out[name] = _jsonable(raw)
    return out


class Services:
    """The write operations, bound to the database and the signed-in user (the author of every
    note and action, and "me" in filters)."""

    def __init__(self, database: pw.Database, user: m.User) -> None:
        self.database = database
        self.user = user

    # --- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One write transaction; SQLite takes the write lock up front so two writers queue
        instead of failing halfway with a lock upgrade."""
        if is_mysql(self.database):
            with self.database.atomic():
                yield
        else:
            with self.database.atomic("IMMEDIATE"):
                yield

    def _audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> None:
        m.AuditLog.create(
            user=self.user.id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=dict(before) if before is not None else None,
            after=dict(after) if after is not None else None,
        )

    def _get(self, model: type[m.BaseModel], obj_id: int, what: str) -> Any:
        obj = model.get_or_none(model._meta.primary_key == obj_id)
        if obj is None:
            raise NotFound(f"{what} #{obj_id} no longer exists (deleted by someone else?)")
        return obj

    def _stale(self, entity: str, obj_id: int, label: str) -> StaleWrite:
        """Name who changed the row and which fields, from the audit log."""
        last = (
            m.AuditLog.select(m.AuditLog, m.User.display_name)
            .join(m.User, pw.JOIN.LEFT_OUTER, on=(m.AuditLog.user == m.User.id))
            .where((m.AuditLog.entity == entity) & (m.AuditLog.entity_id == obj_id))
            .order_by(m.AuditLog.id.desc())
            .first()
        )
        detail = ""
        if last is not None:
            who = getattr(last.user, "display_name", None) or "someone"
            changed = _changes(last.before or {}, last.after or {})
            what = f" ({', '.join(changed)})" if changed else ""
            detail = f" by {who} at {last.created_at:%Y-%m-%d %H:%M}{what}"
        return StaleWrite(
            f"{label} was changed{detail} after you opened it; nothing was saved. "
            "Reload it and try again."
        )

    def _versioned_update(
        self,
        obj: m.BaseModel,
        version: int | None,
        changes: Mapping[str, Any],
        *,
        action: str,
        label: str,
    ) -> m.BaseModel:
        """Validate `changes` on `obj`, then UPDATE … WHERE id=? AND version=?; audit the diff.

        `version` None means the caller did not load the row for editing (a quick action), so
        the version read here inside the transaction is the one checked.
        """
        model = type(obj)
        entity = model.__name__
        expected = obj.version if version is None else version
        if obj.version != expected:
            raise self._stale(entity, obj.id, label)
        before = snapshot(obj, changes)
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.validate()
        after = snapshot(obj, changes)
        now = m.utcnow()
        values: dict[Any, Any] = {model._meta.fields[k]: v for k, v in changes.items()}
        values[model.version] = model.version + 1
        values[model.updated_at] = now
        updated = (
            model.update(values).where((model.id == obj.id) & (model.version == expected)).execute()
        )
        if updated != 1:
            raise self._stale(entity, obj.id, label)
        obj.version = expected + 1
        obj.updated_at = now
        self._audit(action, entity, obj.id, before, after)
        return obj

    # --- notes ----------------------------------------------------------------------------

    def add_note(self, customer_id: int, body: str) -> m.CustomerNote:
        with self._tx():
            self._get(m.Customer, customer_id, "Customer")
            note = m.CustomerNote(
                customer=customer_id, author=self.user.id, body=(body or "").strip()
            )
            note.save()
            self._audit(
                "note.add", "CustomerNote", note.id, None, snapshot(note, ["customer", "body"])
            )
        return note

    def _own_note(self, note_id: int) -> m.CustomerNote:
        note: m.CustomerNote = self._get(m.CustomerNote, note_id, "Note")
        if note.author_id != self.user.id:
            raise NotAllowed("you can only change your own notes")
        return note

    def edit_note(self, note_id: int, body: str, version: int | None = None) -> m.CustomerNote:
        with self._tx():
            note = self._own_note(note_id)
            self._versioned_update(
                note, version, {"body": (body or "").strip()}, action="note.edit", label="The note"
            )
        return note

    def delete_note(self, note_id: int, version: int | None = None) -> None:
        with self._tx():
            note = self._own_note(note_id)
            expected = note.version if version is None else version
            deleted = (
                m.CustomerNote.delete()
                .where((m.CustomerNote.id == note_id) & (m.CustomerNote.version == expected))
                .execute()
            )
            if deleted != 1:
                raise self._stale("CustomerNote", note_id, "The note")
            self._audit(
                "note.delete", "CustomerNote", note_id, snapshot(note, ["customer", "body"]), None
            )

    # --- tags -----------------------------------------------------------------------------

    def create_tag(
        self, name: str, color: str = "#607D8B", description: str | None = None
    ) -> m.CustomerTag:
        name = (name or "").strip()
        errors: dict[str, str] = {}
        if msg := required_error(name, "a tag name") or field_error(m.CustomerTag.name, name):
            errors["name"] = msg
        elif m.CustomerTag.select().where(m.CustomerTag.name == name).exists():
            errors["name"] = f"a tag named '{name}' already exists"
        if msg := color_error(color):
            errors["color"] = msg
        if errors:
            raise ValidationError(errors, entity="CustomerTag")
        with self._tx():
            tag = m.CustomerTag(name=name, color=color, description=description or None)
            tag.save()
            self._audit("tag.create", "CustomerTag", tag.id, None, snapshot(tag, ["name", "color"]))
        return tag

    def tag_customer(self, customer_id: int, tag_id: int) -> bool:
        """Tag the customer; False when the tag was already there (nothing to do)."""
        with self._tx():
            self._get(m.Customer, customer_id, "Customer")
            self._get(m.CustomerTag, tag_id, "Tag")
            exists = (
                m.CustomerTagAssignment.select()
                .where(
                    (m.CustomerTagAssignment.customer == customer_id)
                    & (m.CustomerTagAssignment.tag == tag_id)
                )
                .exists()
            )
            if exists:
                return False
            row = m.CustomerTagAssignment.create(
                customer=customer_id, tag=tag_id, assigned_by=self.user.id
            )
            self._audit(
                "tag.assign",
                "CustomerTagAssignment",
                row.id,
                None,
                {"customer": customer_id, "tag": tag_id},
            )
        return True

    def untag_customer(self, customer_id: int, tag_id: int) -> bool:
        with self._tx():
            deleted = (
                m.CustomerTagAssignment.delete()
                .where(
                    (m.CustomerTagAssignment.customer == customer_id)
                    & (m.CustomerTagAssignment.tag == tag_id)
                )
                .execute()
            )
            if deleted:
                self._audit(
                    "tag.remove",
                    "CustomerTagAssignment",
                    None,
                    {"customer": customer_id, "tag": tag_id},
                    None,
                )
        return bool(deleted)

    # --- account status -------------------------------------------------------------------

    def set_account_status(
        self, customer_id: int, status: str, version: int | None = None
    ) -> m.Customer:
        with self._tx():
            customer: m.Customer = self._get(m.Customer, customer_id, "Customer")
            current = customer.account_status
            if status not in AccountStatus.__members__.values():
                raise ValidationError({"account_status": f"unknown account status '{status}'"})
            if status not in ACCOUNT_TRANSITIONS.get(current, frozenset()):
                allowed = sorted(ACCOUNT_TRANSITIONS.get(current, frozenset()))
                hint = (
                    f" (from {_words(current)} it can go to {', '.join(map(_words, allowed))})"
                    if allowed
                    else f" ({_words(current)} is final)"
                )
                raise InvalidTransition(
                    "account_status",
                    f"cannot move a customer from {_words(current)} to {_words(status)}{hint}",
                    entity="Customer",
                )
            changes: dict[str, Any] = {"account_status": status}
            if status == AccountStatus.CHURNED:
                changes["churned_at"] = m.utcnow()
            self._versioned_update(
                customer, version, changes, action="customer.status", label="The customer"
            )
        return customer

    # --- interventions --------------------------------------------------------------------

    def log_intervention(
        self, customer_id: int, channel: str, kind: str, notes: str | None = None
    ) -> m.Intervention:
        errors: dict[str, str] = {}
        if channel not in Channel.__members__.values():
            errors["channel"] = "choose how you reached out"
        if kind not in InterventionKind.__members__.values():
            errors["kind"] = "choose what kind of outreach this was"
        if errors:
            raise ValidationError(errors, entity="Intervention")
        with self._tx():
            self._get(m.Customer, customer_id, "Customer")
            row = m.Intervention(
                customer=customer_id,
                user=self.user.id,
                channel=channel,
                kind=kind,
                status=InterventionStatus.INITIATED.value,
                notes=(notes or "").strip() or None,
            )
            row.save()
            self._audit(
                "intervention.log",
                "Intervention",
                row.id,
                None,
                snapshot(row, ["customer", "channel", "kind", "status", "notes"]),
            )
        return row

    def record_outcome(
        self,
        intervention_id: int,
        outcome: str,
        *,
        revenue_retained: Decimal | float | int = 0,
        notes: str | None = None,
        version: int | None = None,
    ) -> m.Intervention:
        with self._tx():
            row: m.Intervention = self._get(m.Intervention, intervention_id, "Intervention")
            if outcome not in InterventionOutcome.__members__.values():
                raise ValidationError({"outcome": "choose an outcome"}, entity="Intervention")
            if row.status in (InterventionStatus.COMPLETED, InterventionStatus.ABANDONED):
                raise ValidationError(
                    {"outcome": f"this outreach already has its outcome ({_words(row.outcome)})"},
                    entity="Intervention",
                )
            now = m.utcnow()
            status = (
                InterventionStatus.ABANDONED
                if outcome == InterventionOutcome.NO_RESPONSE
                else InterventionStatus.COMPLETED
            )
            changes: dict[str, Any] = {
                "outcome": outcome,
                "status": status.value,
                "ended_at": now,
                "resolution_seconds": max(0, int((now - row.started_at).total_seconds())),
                "revenue_retained": Decimal(str(revenue_retained or 0)),
            }
            if notes and notes.strip():
                changes["notes"] = f"{row.notes}\n{notes.strip()}" if row.notes else notes.strip()
            self._versioned_update(
                row, version, changes, action="intervention.outcome", label="The intervention"
            )
        return row

    # --- alerts ---------------------------------------------------------------------------

    def acknowledge_alerts(self, ids: Iterable[int], state: TaskState | None = None) -> BulkResult:
        now = m.utcnow()
        return self._bulk_alerts(
            ids,
            action="alert.acknowledge",
            eligible=(AlertStatus.OPEN.value,),
            changes=lambda a: {
                "status": AlertStatus.ACKNOWLEDGED.value,
                "acknowledged_by": self.user.id,
                "acknowledged_at": now,
            },
            state=state,
        )

    def resolve_alerts(
        self, ids: Iterable[int], note: str, state: TaskState | None = None
    ) -> BulkResult:
        note = (note or "").strip()
        if msg := required_error(note, "a resolution note"):
            raise ValidationError({"resolution_note": msg}, entity="Alert")
        return self._close_alerts(ids, AlertStatus.RESOLVED, note, "alert.resolve", state)

    def dismiss_alerts(
        self, ids: Iterable[int], note: str | None = None, state: TaskState | None = None
    ) -> BulkResult:
        return self._close_alerts(
            ids, AlertStatus.DISMISSED, (note or "").strip() or None, "alert.dismiss", state
        )

    def assign_alerts(
        self, ids: Iterable[int], user_id: int | None, state: TaskState | None = None
    ) -> BulkResult:
        if user_id is not None:
            assignee = m.User.get_or_none(m.User.id == user_id)
            if assignee is None or not assignee.active:
                raise ValidationError({"assignee": "choose an active staff member"})
        return self._bulk_alerts(
            ids,
            action="alert.assign",
            eligible=OPEN_ALERT_STATES,
            changes=lambda a: {"assignee": user_id},
            state=state,
        )

    def acknowledge_customer_alerts(self, customer_id: int) -> BulkResult:
        ids = [
            a.id
            for a in m.Alert.select(m.Alert.id).where(
                (m.Alert.customer == customer_id) & (m.Alert.status == AlertStatus.OPEN.value)
            )
        ]
        return self.acknowledge_alerts(ids)

    def _close_alerts(
        self,
        ids: Iterable[int],
        status: AlertStatus,
        note: str | None,
        action: str,
        state: TaskState | None,
    ) -> BulkResult:
        now = m.utcnow()

        def changes(alert: m.Alert) -> dict[str, Any]:
            out: dict[str, Any] = {
                "status": status.value,
                "resolved_by": self.user.id,
                "resolved_at": now,
                "resolution_note": note,
                # Free the key so the same condition can raise a new alert (see Alert).
                "dedupe_key": None,
                "dedupe_basis": alert.dedupe_key or alert.dedupe_basis,
            }
            if alert.acknowledged_at is None:
                # Closing is the first response: it counts as the acknowledgement too.
                out["acknowledged_by"] = self.user.id
                out["acknowledged_at"] = now
            return out

        return self._bulk_alerts(
            ids, action=action, eligible=OPEN_ALERT_STATES, changes=changes, state=state
        )

    def _bulk_alerts(
        self,
        ids: Iterable[int],
        *,
        action: str,
        eligible: Sequence[str],
        changes: Callable[[m.Alert], dict[str, Any]],
        state: TaskState | None,
    ) -> BulkResult:
        """Apply `changes` to the alerts among `ids` still in an `eligible` status, in batches.

        Rows are locked (MySQL) or the database is (SQLite) for the batch, so the audit rows
        describe exactly the rows updated. Rows that are no longer eligible are skipped.
        """
        id_list = list(dict.fromkeys(int(i) for i in ids))
        changed = skipped = 0
        total = len(id_list)
        for start in range(0, total, BATCH):
            chunk = id_list[start : start + BATCH]
            with self._tx():
                query = m.Alert.select().where(
                    m.Alert.id.in_(chunk) & m.Alert.status.in_(list(eligible))
                )
                if is_mysql(self.database):
                    query = query.for_update()
                alerts = list(query)
                audits = []
                now = m.utcnow()
                # Group rows with identical new values: one UPDATE per distinct change set.
                groups: dict[tuple[tuple[str, Any], ...], list[int]] = {}
                for alert in alerts:
                    new = changes(alert)
                    before = snapshot(alert, new)
                    for name, value in new.items():
                        setattr(alert, name, value)
                    alert.validate()
                    audits.append(
                        {
                            "user": self.user.id,
                            "action": action,
                            "entity": "Alert",
                            "entity_id": alert.id,
                            "before": before,
                            "after": snapshot(alert, new),
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
                    groups.setdefault(tuple(sorted(new.items())), []).append(alert.id)
                for key, group_ids in groups.items():
                    values: dict[Any, Any] = {m.Alert._meta.fields[k]: v for k, v in key}
                    values[m.Alert.version] = m.Alert.version + 1
                    values[m.Alert.updated_at] = now
                    m.Alert.update(values).where(m.Alert.id.in_(group_ids)).execute()
                if audits:
                    insert_rows(m.AuditLog, audits)  # split when notes are long
            changed += len(alerts)
            skipped += len(chunk) - len(alerts)
            if state is not None:
                state.progress(min(start + BATCH, total), total, f"{action}: {changed:,} done")
        log.info("%s: %d changed, %d skipped", action, changed, skipped)
        return BulkResult(changed, skipped)

    # --- tickets --------------------------------------------------------------------------

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
        subject = (subject or "").strip()
        errors = _ticket_field_errors(subject, category, priority)
        if channel not in Channel.__members__.values():
            errors["channel"] = f"the channel must be one of {', '.join(Channel)}"
        if errors:
            raise ValidationError(errors, entity="SupportTicket")
        with self._tx():
            customer: m.Customer = self._get(m.Customer, customer_id, "Customer")
            if customer.deleted_at is not None:
                raise ValidationError({"customer": "this customer was deleted"})
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
            self._versioned_update(
                ticket,
                version,
                {"subject": subject, "category": category, "priority": priority},
                action="ticket.edit",
                label=f"Ticket {ticket.number}",
            )
        return ticket

    def assign_ticket(
        self, ticket_id: int, user_id: int | None, version: int | None = None
    ) -> m.SupportTicket:
        with self._tx():
            if user_id is not None:
                assignee = m.User.get_or_none(m.User.id == user_id)
                if assignee is None or not assignee.active:
                    raise ValidationError({"assignee": "choose an active staff member"})
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket")
            self._versioned_update(
                ticket,
                version,
                {"assignee": user_id},
                action="ticket.assign",
                label=f"Ticket {ticket.number}",
            )
        return ticket

    def move_ticket(
        self, ticket_id: int, status: str, version: int | None = None
    ) -> m.SupportTicket:
        with self._tx():
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket")
            current = ticket.status
            if status not in TicketStatus.__members__.values():
                raise ValidationError({"status": f"unknown ticket status '{status}'"})
            if status not in TICKET_TRANSITIONS.get(current, frozenset()):
                allowed = sorted(TICKET_TRANSITIONS.get(current, frozenset()))
                raise InvalidTransition(
                    "status",
                    f"cannot move a ticket from {_words(current)} to {_words(status)} "
                    f"(from {_words(current)} it can go to {', '.join(map(_words, allowed))})",
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

    def add_message(
        self, ticket_id: int, body: str, *, internal: bool = False, from_customer: bool = False
    ) -> m.TicketMessage:
        with self._tx():
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket")
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
    if msg := required_error(subject, "a subject"):
        errors["subject"] = msg
    elif len(subject) > 200:
        errors["subject"] = "the subject is limited to 200 characters"
    if category not in TicketCategory.__members__.values():
        errors["category"] = f"the category must be one of {', '.join(TicketCategory)}"
    if priority not in Priority.__members__.values():
        errors["priority"] = f"the priority must be one of {', '.join(Priority)}"
    return errors


SHOWN_VALUE_MAX = 40  # longer values are named, not quoted, in a conflict message
UNQUOTED_FIELDS = frozenset({"body", "notes", "resolution_note"})  # free text: named only


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The fields an audited change touched, for a conflict message: "priority: medium →
    high" where both values are short text, the field's name alone otherwise."""
    out = []
    for key in sorted(k for k in after if k not in ("version", "updated_at")):
        old, new = before.get(key), after.get(key)
        if key in before and old == new:
            continue  # saved with the edit, not changed by it
        short = all(
            v is None or (isinstance(v, str) and len(v) <= SHOWN_VALUE_MAX) for v in (old, new)
        )
        if short and key not in UNQUOTED_FIELDS:
            out.append(f"{_words(key)}: {_words(old)} → {_words(new)}")
        else:
            out.append(_words(key))
    return out


def _words(value: str | None) -> str:
    return (value or "none").replace("_", " ")
