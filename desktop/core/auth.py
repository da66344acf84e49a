"""Sign-in: a staff member's username and password against the stored scrypt hash.

After `MAX_FAILURES` failed attempts a username (as typed, whether or not it exists) is locked
for `LOCKOUT`; the count and the lock are rows of `sign_in_attempt` in the shared database, so
they hold on every workstation. The messages never say whether the username exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

import peewee as pw

from db import models as m
from db.connection import is_mysql
from db.passwords import dummy_hash, hash_password, needs_rehash, scheme, verify_password
from db.units import retrying, run_unit
from desktop.core.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

ENV_PASSWORD = "CHURNWATCH_PASSWORD"
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
Clock = Callable[[], datetime]
T = TypeVar("T")


class SignInError(Exception):
    """The sign-in was refused; the message is safe to show (it never says which part was
    wrong, so it does not reveal which usernames exist)."""


def attempt_key(username: str) -> str:
    """The lockout's key for a typed username: trimmed, case folded, at most 64 characters."""
    return (username or "").strip().casefold()[:64]


def _lock_message(until: datetime, now: datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return (
        f"too many failed sign-ins for this username; try again in {minutes} "
        f"minute{'s' if minutes != 1 else ''} or ask an administrator"
    )


def locked_until(key: str, now: datetime) -> datetime | None:
    """When the lock on this username ends, or None when it is not locked now."""
    row = m.SignInAttempt.select().where(m.SignInAttempt.username == key).first()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return row.locked_until


def record_failure(database: pw.Database, key: str, now: datetime) -> datetime | None:
    """Count a failed sign-in for `key`; the end of the lock it started, or None."""

    def unit() -> datetime | None:
        query = m.SignInAttempt.select().where(m.SignInAttempt.username == key)
        if is_mysql(database):
            query = query.for_update()  # two workstations counting at once queue here
        row = query.first()
        if row is None:
            row = m.SignInAttempt(username=key, failures=0)
        elif row.locked_until is not None and row.locked_until <= now:
            row.failures, row.locked_until = 0, None  # the last lock ran out: start again
        row.failures += 1
        if row.failures >= MAX_FAILURES:
            row.locked_until = now + LOCKOUT
        row.updated_at = now
        row.save()
        return row.locked_until

    return run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the sign-in"))


def _read(database: pw.Database, fn: Callable[[], T]) -> T:
    return retrying(database, fn, what=QT_TRANSLATE_NOOP("Writes", "the sign-in"))


def clear_failures(key: str) -> None:
    m.SignInAttempt.delete().where(m.SignInAttempt.username == key).execute()


def sign_in(
    database: pw.Database, username: str, password: str, *, clock: Clock = m.utcnow
) -> m.User:
    """The user with these credentials, with `last_login_at` updated; `SignInError` otherwise.

    An unknown username is verified against a dummy hash, so it costs what a wrong password
    costs and the time taken does not tell which usernames exist; it is counted and locked the
    same way. A locked username is refused without looking at the password. A hash made with
    weaker parameters than new ones get is replaced in the same transaction as `last_login_at`.
    `clock` is the time the lockout is measured by (tests pass their own).
    """
    username = (username or "").strip()
    key = attempt_key(username)
    now = clock()
    if key and (until := _read(database, lambda: locked_until(key, now))) is not None:
        log.info("sign-in refused: locked")
        raise SignInError(_lock_message(until, now))
    user = (
        _read(database, lambda: m.User.get_or_none(m.User.username == username))
        if username
        else None
    )
    stored = user.password_hash if user is not None else dummy_hash()
    if not verify_password(password or "", stored) or user is None:
        log.info("sign-in refused")
        until = record_failure(database, key, now) if key else None
        if until is not None:
            raise SignInError(
                QT_TRANSLATE_NOOP(
                    "Validation", "wrong username or password; {lock_message}"
                ).format(lock_message=_lock_message(until, now))
            )
        raise SignInError(QT_TRANSLATE_NOOP("Validation", "wrong username or password"))
    if not user.active:
        raise SignInError(
            QT_TRANSLATE_NOOP("Validation", "this account is disabled; ask an administrator")
        )
    now = m.utcnow()
    rehashed = hash_password(password) if needs_rehash(stored) else None

    def record() -> None:  # one unit: run again whole after a lost connection
        clear_failures(key)
        m.User.update(last_login_at=now).where(m.User.id == user.id).execute()
        if rehashed is not None:
            # Only if nobody changed the password meanwhile: that change wins.
            changed = (
                m.User.update(password_hash=rehashed)
                .where(m.User.id == user.id, m.User.password_hash == stored)
                .execute()
            )
            if changed:
                m.AuditLog.create(
                    user=user.id,
                    action="user.password_rehash",
                    entity="User",
                    entity_id=user.id,
                    before={"password_scheme": scheme(stored)},
                    after={"password_scheme": scheme(rehashed)},
                )
                user.password_hash = rehashed
        m.AuditLog.create(
            user=user.id,
            action="user.sign_in",
            entity="User",
            entity_id=user.id,
            before=None,
            after={"last_login_at": now.isoformat(sep=" ")},
        )

    run_unit(database, record, what=QT_TRANSLATE_NOOP("Writes", "the sign-in"))
    user.last_login_at = now
    log.info("user #%d signed in", user.id)
    return user
