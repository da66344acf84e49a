"""Undo my last alert or ticket action, where it is safe: a new, audited write that puts back what
the action changed, only while that action is still the last change to the row.

The audit row of the action holds the fields it changed, before and after. An undo restores the
"before" values of a row only if the newest audit row for it is that action, by me, a moment ago
(`UNDO_LIMIT_S`), and the row still holds the "after" values and was not written since (its
`updated_at`, or the version the caller saw after its action): anyone else's change meanwhile,
audited or not, wins and the row is left as it is. An undo is not undone again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

import peewee as pw

from db import models as m
from db.connection import is_mysql
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number
from desktop.core.services.base import BulkResult, ServiceBase, ServiceError, snapshot, unit

log = logging.getLogger(__name__)

UNDO_LIMIT_S = 120  # the window offers an undo for a few seconds; the service allows this long
UNDO_MAX_ROWS = 500  # an undo is for a slip of the hand, not for a bulk run over thousands
ALERT_ACTIONS = frozenset({"alert.acknowledge", "alert.resolve", "alert.dismiss", "alert.assign"})
TICKET_ACTIONS = frozenset({"ticket.status", "ticket.reopen", "ticket.assign", "ticket.edit"})


class UndoRefused(ServiceError):
    """The action can no longer be undone (changed since, too old, not mine); nothing changed."""


def _restore(model: type[m.BaseModel], values: Mapping[str, Any]) -> dict[str, Any]:
    """Audited (JSON) values back to what the fields hold: dates and times parsed again."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        field = model._meta.fields.get(name)
        if field is None or name in ("version", "updated_at"):
            continue
        dated = value is not None and isinstance(field, pw.DateTimeField | pw.DateField)
        out[name] = field.python_value(value) if dated else value
    return out


class UndoMixin(ServiceBase):
    """Put back what my last alert or ticket action changed, if nobody changed it since."""

    def _last_audits(self, entity: str, ids: list[int]) -> dict[int, m.AuditLog]:
        """The newest audit row of each of these rows."""
        newest: dict[int, m.AuditLog] = {}
        rows = (
            m.AuditLog.select()
            .where((m.AuditLog.entity == entity) & m.AuditLog.entity_id.in_(ids))
            .order_by(m.AuditLog.id.desc())
        )
        for row in rows:
            newest.setdefault(int(row.entity_id), row)
        return newest

    def _undoable(self, audit: m.AuditLog | None, action: str) -> bool:
        if audit is None or audit.user_id != self.user.id or audit.action != action:
            return False
        return bool(audit.created_at >= m.utcnow() - timedelta(seconds=UNDO_LIMIT_S))

    @unit(QT_TRANSLATE_NOOP("Writes", "the undo"))
    def undo_alert_action(self, ids: Iterable[int], action: str) -> BulkResult:
        """Undo my `action` (acknowledge, resolve, dismiss, assign) on these alerts; the result
        counts the alerts put back and those left as they are (changed since)."""
        if action not in ALERT_ACTIONS:
            raise ValidationError(
                {
                    "action": QT_TRANSLATE_NOOP("Services", "'{action}' cannot be undone").format(
                        action=action
                    )
                },
                entity="Alert",
            )
        id_list = list(dict.fromkeys(int(i) for i in ids))
        if len(id_list) > UNDO_MAX_ROWS:
            raise UndoRefused(
                QT_TRANSLATE_NOOP(
                    "Services", "an undo covers at most {n} alerts; nothing changed"
                ).format(n=Number(UNDO_MAX_ROWS))
            )
        changed = 0
        with self._tx():
            query = m.Alert.select().where(m.Alert.id.in_(id_list))
            if is_mysql(self.database):
                query = query.for_update()
            alerts = {a.id: a for a in query}
            audits = self._last_audits("Alert", id_list)
            for alert_id in id_list:
                alert, audit = alerts.get(alert_id), audits.get(alert_id)
                if alert is None or not self._undoable(audit, action):
                    continue
                assert audit is not None
                after, before = dict(audit.after or {}), dict(audit.before or {})
                if alert.updated_at != audit.created_at or snapshot(alert, after) != after:
                    continue  # written since (by anyone, audited or not)
                restored = _restore(m.Alert, before)
                key = restored.get("dedupe_key")
                if key is not None and (
                    m.Alert.select()
                    .where((m.Alert.dedupe_key == key) & (m.Alert.id != alert_id))
                    .exists()
                ):
                    continue  # the same condition raised a new alert meanwhile
                now = m.utcnow()
                current = snapshot(alert, restored)
                values: dict[Any, Any] = {m.Alert._meta.fields[k]: v for k, v in restored.items()}
                values[m.Alert.version] = m.Alert.version + 1
                values[m.Alert.updated_at] = now
                done = (
                    m.Alert.update(values)
                    .where((m.Alert.id == alert_id) & (m.Alert.version == alert.version))
                    .execute()
                )
                if done != 1:
                    continue
                for name, value in restored.items():
                    setattr(alert, name, value)
                self._audit(f"{action}.undo", "Alert", alert_id, current, snapshot(alert, restored))
                changed += 1
        log.info("%s undone on %d alerts, %d left", action, changed, len(id_list) - changed)
        return BulkResult(changed, len(id_list) - changed)

    @unit(QT_TRANSLATE_NOOP("Writes", "the undo"))
    def undo_ticket_action(self, ticket_id: int, action: str, version: int) -> m.SupportTicket:
        """Undo my `action` on the ticket (a status move, an assignment, an edit); `version` is
        the ticket's version right after it. `UndoRefused` says who changed it since."""
        if action not in TICKET_ACTIONS:
            raise ValidationError(
                {
                    "action": QT_TRANSLATE_NOOP("Services", "'{action}' cannot be undone").format(
                        action=action
                    )
                },
                entity="Ticket",
            )
        with self._tx():
            ticket: m.SupportTicket = self._get(m.SupportTicket, ticket_id, "Ticket", lock=True)
            audit = self._last_audits("SupportTicket", [ticket_id]).get(ticket_id)
            label = f"Ticket {ticket.number}"
            if ticket.version != version or not self._undoable(audit, action):
                raise UndoRefused(self._since(label, audit, action))
            assert audit is not None
            restored = _restore(m.SupportTicket, dict(audit.before or {}))
            self._versioned_update(ticket, version, restored, action=f"{action}.undo", label=label)
        return ticket

    def _since(self, label: str, audit: m.AuditLog | None, action: str) -> str:
        """Why an undo is refused, naming who changed the row since where the audit says so."""
        if audit is None:
            return f"{label}: that change cannot be undone any more; it was left as it is"
        mine = audit.user_id == self.user.id
        if mine and audit.action == f"{action}.undo":
            return f"{label}: that change was already undone"
        if audit.action != action or not mine:
            who = (
                m.User.select(m.User.display_name).where(m.User.id == audit.user_id).scalar()
                if audit.user_id
                else None
            ) or "someone"
            return (
                f"{label} was changed by {who} at {audit.created_at:%H:%M} since; "
                "it was left as it is"
            )
        if self._undoable(audit, action):
            return f"{label} was changed since; it was left as it is"
        return f"{label}: that change is too old to undo; it was left as it is"
