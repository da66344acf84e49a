"""What every write shares: the errors, the transaction, the audit row, optimistic locking.

`ServiceBase` binds the database and the signed-in user and owns the plumbing each capability
mixin (notes, alerts, tickets, …) builds on; `snapshot` gives the audited values of a row, and
`_stale` turns a lost optimistic-locking race into a message naming who changed what.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Concatenate, ParamSpec, TypeVar

import peewee as pw

from db import models as m
from db import search
from db.connection import is_mysql
from db.units import (
    DEFAULT_POLICY,
    ConnectionLost,
    DatabaseBusy,
    RetryPolicy,
    retrying,
    transient_kind,
    write_transaction,
)
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number

SECRET_FIELDS = frozenset({"password_hash", "artifact"})


class ServiceError(Exception):
    """A write the user asked for could not be done; the message says why, in their terms."""


class StaleWrite(ServiceError):
    """Someone else changed the row after the user loaded it; nothing was saved.

    Raised inside the failed transaction, whose snapshot (MySQL's repeatable read) may not show
    the change that beat us; `explain()` names who changed what from the audit log once the
    transaction is rolled back (the `unit` decorator calls it).
    """

    def __init__(self, label: str, entity: str = "", obj_id: int | None = None) -> None:
        self.label, self.entity, self.obj_id = label, entity, obj_id
        super().__init__(self._text(""))

    def _text(self, detail: str) -> str:
        return QT_TRANSLATE_NOOP(
            "Services",
            "{label} was changed{detail} after you opened it; nothing was saved. "
            "Reload it and try again.",
        ).format(label=self.label, detail=detail)

    def explain(self) -> None:
        """Complete the message from the audit log (outside any transaction)."""
        if not self.entity or self.obj_id is None:
            return
        last = (
            m.AuditLog.select(m.AuditLog, m.User.display_name)
            .join(m.User, pw.JOIN.LEFT_OUTER, on=(m.AuditLog.user == m.User.id))
            .where((m.AuditLog.entity == self.entity) & (m.AuditLog.entity_id == self.obj_id))
            .order_by(m.AuditLog.id.desc())
            .first()
        )
        if last is None:
            return
        who = getattr(last.user, "display_name", None) or QT_TRANSLATE_NOOP("Services", "someone")
        changed = _changes(last.before or {}, last.after or {})
        what = f" ({', '.join(changed)})" if changed else ""
        detail = QT_TRANSLATE_NOOP("Services", " by {who} at {when}{what}").format(
            who=who, when=f"{last.created_at:%Y-%m-%d %H:%M}", what=what
        )
        self.args = (self._text(detail),)


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
        text = QT_TRANSLATE_NOOP("Services", "{changed} {noun} {verb}").format(
            changed=Number(self.changed),
            noun=f"{noun}{'' if self.changed == 1 else 's'}",
            verb=verb,
        )
        if not self.skipped:
            return text
        return QT_TRANSLATE_NOOP("Services", "{text}; {skipped} skipped (already changed)").format(
            text=text, skipped=Number(self.skipped)
        )


PAST = {"acknowledge": "acknowledged", "resolve": "resolved", "dismiss": "dismissed",
        "assign": "assigned"}  # fmt: skip


class BulkIncomplete(ServiceError):
    """A bulk action stopped part-way: the batches it committed stay, the rest were not changed."""

    def __init__(self, done: BulkResult, total: int, action: str, cause: BaseException) -> None:
        self.result, self.total, self.action = done, total, action
        verb = PAST.get(action.rsplit(".", 1)[-1], "changed")
        kind = transient_kind(cause)
        reason: str
        if isinstance(cause, ConnectionLost) or kind == "lost":
            reason = QT_TRANSLATE_NOOP("Services", "the database connection was lost")
        elif isinstance(cause, DatabaseBusy) or kind == "busy":
            reason = QT_TRANSLATE_NOOP("Services", "the database stayed busy")
        else:
            reason = (
                cause.args[0] if len(cause.args) == 1 and isinstance(cause.args[0], str) else ""
            )
            reason = reason or str(cause) or type(cause).__name__
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Services", "{changed} of {total} {verb}; the rest were not changed ({reason})"
            ).format(changed=Number(done.changed), total=Number(total), verb=verb, reason=reason)
        )


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

    def __init__(
        self, database: pw.Database, user: m.User, *, policy: RetryPolicy = DEFAULT_POLICY
    ) -> None:
        self.database = database
        self.user = user
        self.policy = policy  # how long a unit keeps trying through lost connections
        # Set by a sync applying an offline change: the device and when the user acted there,
        # written on every audit row (`offline.sync`).
        self.origin: tuple[str, datetime] | None = None
        # Set by a caller that runs each call inside a savepoint of its own (a sync applying
        # one offline change): the writes then join it rather than open a second one, which
        # undoes the same on a refusal and costs two round trips less.
        self.joins_savepoint = False

    def _origin_columns(self) -> dict[str, Any]:
        """The audit columns saying where and when an offline change was made (none online)."""
        if self.origin is None:
            return {}
        return {"device": self.origin[0], "acted_at": self.origin[1]}

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One write transaction; SQLite takes the write lock up front so two writers queue
        instead of failing halfway with a lock upgrade. A public method that opens it is a
        `unit`, so a lost connection or a deadlock runs the method again whole."""
        target: pw.Database = getattr(self.database, "obj", None) or self.database
        if self.joins_savepoint and target.in_transaction():
            yield
            return
        with write_transaction(self.database):
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
            **self._origin_columns(),
        )

    def _get(self, model: type[m.BaseModel], obj_id: int, what: str, *, lock: bool = False) -> Any:
        """The row, or `NotFound`. `lock` takes its exclusive lock first (MySQL): a unit that
        inserts child rows (shared locks on the parent through the foreign key) and then updates
        the parent would otherwise deadlock with anyone doing the same."""
        query = model.select().where(model._meta.primary_key == obj_id)
        if lock and is_mysql(self.database):
            query = query.for_update()
        obj = query.first()
        if obj is None:
            raise NotFound(
                QT_TRANSLATE_NOOP(
                    "Services", "{what} #{obj_id} no longer exists (deleted by someone else?)"
                ).format(what=what, obj_id=obj_id)
            )
        return obj

    def _stale(self, entity: str, obj_id: int, label: str) -> StaleWrite:
        """A conflict on this row; its message names who changed it once rolled back."""
        return StaleWrite(label, entity, obj_id)

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
        if isinstance(obj, m.Customer) and search.SEARCHED_FIELDS & set(changes):
            search.index_customers(self.database, [(obj.id, obj.name, obj.email, obj.deleted_at)])
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


S = TypeVar("S", bound=ServiceBase)
P = ParamSpec("P")
R = TypeVar("R")


def unit(
    what: str,
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """A public write: run again whole after a lost connection or a deadlock (`db.units`), one
    clear line when that keeps failing ("… `what` was not saved — retry"), and a conflict
    described after its transaction is rolled back."""

    def decorate(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        @functools.wraps(method)
        def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return retrying(
                    self.database,
                    lambda: method(self, *args, **kwargs),
                    what=what,
                    policy=self.policy,
                )
            except StaleWrite as exc:
                if not self.database.in_transaction():
                    exc.explain()
                raise

        return wrapper

    return decorate
