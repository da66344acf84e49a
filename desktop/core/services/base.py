"""What every write shares: the errors, the transaction, the audit row, optimistic locking.

`ServiceBase` binds the database and the signed-in user and owns the plumbing each capability
mixin (notes, alerts, tickets, …) builds on; `snapshot` gives the audited values of a row, and
`_stale` turns a lost optimistic-locking race into a message naming who changed what.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from db import models as m
from db.connection import is_mysql
from db.validation import ValidationError

SECRET_FIELDS = frozenset({"password_hash", "artifact"})


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


class ServiceBase:
    """The database and the signed-in user (the author of every note and action, and "me" in
    filters), and the plumbing every write goes through."""

    def __init__(self, database: pw.Database, user: m.User) -> None:
        self.database = database
        self.user = user

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
