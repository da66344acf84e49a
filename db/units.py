"""Units of work: one transaction, run again whole after a lost connection, a deadlock, a lock wait.

A database shared by a support floor drops connections (a restart, a KILL, a network blip) and
picks deadlock victims every day. ReconnectMixin only reconnects between statements outside a
transaction; inside one, the only safe answer is to roll back, replace the connection if it is
dead, and run the whole unit again. That is safe because every unit here is idempotent or guarded:
scoring chunks by their claim token, alerts by their dedupe key, edits by their optimistic version.

`run_unit(database, fn)` is the one mechanism; `retrying(database, fn)` retries a function that
opens its own transactions (a scoring chunk: reads first, then one write transaction). What still
fails after the retries becomes one clear line for the user (`ConnectionLost`, `DatabaseBusy`),
never a raw driver error.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import peewee as pw
import pymysql

from db.connection import DatabaseError
from db.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

T = TypeVar("T")

# MySQL/MariaDB error codes, by what to do about them.
DEADLOCK = 1213
LOCK_WAIT_TIMEOUT = 1205
BUSY_CODES = frozenset({DEADLOCK, LOCK_WAIT_TIMEOUT})
LOST_CODES = frozenset(
    {
        0,  # PyMySQL's InterfaceError(0, '') on a connection it already closed
        1053,  # server shutdown in progress
        1927,  # MariaDB: connection was killed
        2003,  # can't connect (the server is restarting)
        2006,  # server has gone away
        2013,  # lost connection during query
        2014,  # commands out of sync (a half-read reply on a broken connection)
        2055,  # lost connection (SSL / read error)
        4031,  # disconnected by the server because of inactivity
    }
)


class ConnectionLost(DatabaseError):
    """The connection kept failing for longer than a unit may wait; nothing was saved."""


class DatabaseBusy(DatabaseError):
    """Deadlocks or lock waits kept the unit from committing; nothing was saved."""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. A lost connection gets a deadline long enough for a server restart; a
    deadlock is retried a few times with jittered backoff (the other transaction goes through)."""

    busy_attempts: int = 6
    lost_deadline_s: float = 90.0
    base_delay_s: float = 0.05
    max_delay_s: float = 2.0


DEFAULT_POLICY = RetryPolicy()

# Retries taken in this process, by kind ("lost", "busy"): figures for tests and benchmarks.
RETRIES: Counter[str] = Counter()
_RETRIES_LOCK = threading.Lock()


def _codes(exc: BaseException) -> Iterator[tuple[BaseException, int | None]]:
    """Every exception in the chain with its MySQL error code (None where there is none)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        code = None
        if isinstance(current, pymysql.err.MySQLError) and current.args:
            first = current.args[0]
            code = first if isinstance(first, int) else None
        yield current, code
        current = current.__cause__ or current.__context__


def transient_kind(exc: BaseException) -> str | None:
    """ "lost" (the connection is gone), "busy" (deadlock, lock wait, SQLite busy) or None."""
    if isinstance(exc, ConnectionLost | DatabaseBusy):
        return None  # already retried to the end by an inner unit
    kind = None
    for item, code in _codes(exc):
        if code in BUSY_CODES:
            return "busy"
        if code in LOST_CODES or isinstance(item, pymysql.err.InterfaceError):
            kind = "lost"
        elif isinstance(item, sqlite3.OperationalError) and "locked" in str(item):
            return "busy"
        elif isinstance(item, ConnectionError | TimeoutError | BrokenPipeError):
            kind = "lost"
    return kind


def discard_connection(database: pw.Database) -> None:
    """Forget this thread's connection after a failure so the next query opens a fresh one."""
    try:
        if not database.is_closed():
            database.close()
    except Exception:  # a dead connection refuses even to close; reset the state anyway
        database._state.reset()


THE_CHANGE = QT_TRANSLATE_NOOP("Writes", "the change")  # what a unit saves, unless it says


def _delay(attempt: int, policy: RetryPolicy) -> float:
    top = min(policy.max_delay_s, policy.base_delay_s * 2**attempt)
    return random.uniform(top / 2, top)  # jitter, not a secret


def retrying(
    database: pw.Database,
    fn: Callable[[], T],
    *,
    what: str = THE_CHANGE,
    policy: RetryPolicy = DEFAULT_POLICY,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `fn` again whole after a transient failure; `fn` opens its own transactions.

    Inside an open transaction nothing is retried here: the unit that opened it retries.
    """
    target: pw.Database = getattr(database, "obj", None) or database
    if target.in_transaction():
        return fn()
    started = time.monotonic()
    busy = 0
    attempt = 0
    while True:
        try:
            return fn()
        except Exception as exc:
            kind = transient_kind(exc)
            if kind is None:
                raise
            attempt += 1
            if kind == "lost":
                discard_connection(target)
                if time.monotonic() - started > policy.lost_deadline_s:
                    raise ConnectionLost(
                        QT_TRANSLATE_NOOP(
                            "Writes",
                            "the database connection was lost; {what} was not saved — retry",
                        ).format(what=what)
                    ) from None
            else:
                busy += 1
                if busy >= policy.busy_attempts:
                    raise DatabaseBusy(
                        QT_TRANSLATE_NOOP(
                            "Writes",
                            "the database stayed busy (other users' changes); {what} was not "
                            "saved — retry",
                        ).format(what=what)
                    ) from None
            with _RETRIES_LOCK:
                RETRIES[kind] += 1
            wait = _delay(attempt, policy)
            log.info("retrying a unit of work after a %s connection (attempt %d)", kind, attempt)
            sleep(wait)


@contextmanager
def write_transaction(database: pw.Database) -> Iterator[None]:
    """One write transaction; SQLite takes the write lock up front so two writers queue instead
    of one failing halfway with a lock upgrade."""
    target: pw.Database = getattr(database, "obj", None) or database
    if isinstance(target, pw.SqliteDatabase) and not target.in_transaction():
        with target.atomic("IMMEDIATE"):
            yield
    else:
        with target.atomic():
            yield


def run_unit(
    database: pw.Database,
    fn: Callable[[], T],
    *,
    what: str = THE_CHANGE,
    policy: RetryPolicy = DEFAULT_POLICY,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `fn` in one write transaction, rolled back and run again whole on a transient failure."""

    def once() -> T:
        with write_transaction(database):
            return fn()

    return retrying(database, once, what=what, policy=policy, sleep=sleep)
