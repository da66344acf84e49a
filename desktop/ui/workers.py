"""Database work off the UI thread: a small pool whose results come back as queued signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import peewee as pw
import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from db.connection import DatabaseUnavailable
from db.i18n import render
from db.log_redaction import describe_failure
from db.models import DB
from db.tasks import Cancelled, TaskState
from db.units import ConnectionLost, transient_kind

log = logging.getLogger(__name__)

_POOL: QThreadPool | None = None
_LIVE: set[_Relay] = set()
_JOBS: list[_Job] = []
_POOLS: dict[str, QThreadPool] = {}


class _Hub(QObject):
    """Process-wide news from background work, delivered on the UI thread."""

    unreachable = Signal()  # some job found the database unreachable (the window goes offline)


hub = _Hub()


def is_unreachable(exc: BaseException) -> bool:
    """The database is away (not a refusal, not a bug): offline mode may take over."""
    return isinstance(exc, DatabaseUnavailable | ConnectionLost) or transient_kind(exc) == "lost"


def named_pool(name: str) -> QThreadPool:
    """A one-thread pool of its own (the connection probe; take and sync), so a slow page
    read never delays them and they never wait for each other's thread."""
    pool = _POOLS.get(name)
    if pool is None:
        pool = _POOLS[name] = QThreadPool()
        pool.setMaxThreadCount(1)
        pool.setExpiryTimeout(-1)
    return pool


def db_pool() -> QThreadPool:
    """The pool for database reads; two threads keep a slow query from blocking every table."""
    global _POOL  # noqa: PLW0603 - one pool per process, made on first use
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
        # Each pool thread keeps its own connection (Peewee's are per thread) between jobs,
        # so a page load costs one query, not a connect (several round trips to a remote
        # server); the threads live as long as the window, so at most two stay open.
        _POOL.setExpiryTimeout(-1)
    return _POOL


def wait_idle(timeout_ms: int = 30_000) -> bool:
    """Wait for queued database work (tests, screenshots and shutdown)."""
    done = db_pool().waitForDone(timeout_ms)
    return all([pool.waitForDone(timeout_ms) for pool in _POOLS.values()]) and done


class _Relay(QObject):
    """Lives in the UI thread; signals emitted from the worker are delivered there."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, database: pw.Database) -> None:
        super().__init__()
        # Qt must not delete a Python-made runnable on its worker thread (a rare crash at the
        # end of a job): Python keeps it in _JOBS and drops it once it has finished.
        self.setAutoDelete(False)
        self.fn = fn
        self.relay = relay
        self.database = database
        self.finished = False

    def run(self) -> None:
        try:
            self.database.connect(reuse_if_open=True)
            result = self.fn()
        except BaseException as exc:  # delivered to the UI, which shows it
            if not isinstance(exc, Cancelled):
                # Not exc_info: a driver's message quotes the values it refused.
                log.warning("background job failed: %s", describe_failure(exc))
                # A broken connection is not reused: the next job on this thread opens anew.
                if not self.database.in_transaction() and not self.database.is_closed():
                    self.database.close()
            self._deliver(self.relay.failed, exc)
        else:
            self._deliver(self.relay.done, result)
        finally:
            self.finished = True

    def _deliver(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The relay was destroyed (the application is shutting down): nobody is waiting.
            log.debug("background job finished after its receiver was gone")


def submit(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    *,
    relay: _Relay | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
    database: pw.Database | None = None,
) -> _Relay:
    """Run `fn` on the database pool (or `pool`, connected to `database`); the callbacks run in
    the UI thread, and are skipped if `owner` (the widget or model that asked) was deleted
    meanwhile. A failure because the database is away is also announced on `hub`."""
    relay = relay or _Relay()
    _LIVE.add(relay)

    def finish(value: Any, cb: Callable[[Any], None] | None) -> None:
        _LIVE.discard(relay)
        if owner is not None and not shiboken6.isValid(owner):
            return
        if cb is not None:
            cb(value)

    relay.done.connect(lambda value: finish(value, on_done))

    def failed(exc: BaseException) -> None:
        if is_unreachable(exc):
            hub.unreachable.emit()
        finish(exc, on_error)

    relay.failed.connect(failed)
    if on_progress is not None:
        relay.progress.connect(on_progress)
    _JOBS[:] = [j for j in _JOBS if not j.finished]
    job = _Job(fn, relay, database if database is not None else DB.obj)
    _JOBS.append(job)
    (pool or db_pool()).start(job)
    return relay


def submit_task(  # noqa: PLR0917 - submit's callbacks, plus where it runs
    fn: Callable[[TaskState], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
    database: pw.Database | None = None,
) -> TaskState:
    """Run a cancellable task (see `db.tasks`); progress arrives as a signal."""
    relay = _Relay()
    # The text is rendered here, in the worker: a signal carries a plain string, not the
    # core's message (`QCoreApplication.translate` and QLocale are safe off the UI thread).
    state = TaskState(on_progress=lambda done, total, text: relay.progress.emit(
        done, total, render(text)))  # fmt: skip
    submit(lambda: fn(state), on_done, on_error, on_progress, relay=relay, owner=owner,
           pool=pool, database=database)  # fmt: skip
    return state


class Latest:
    """One view's loads: each `load` supersedes the previous one, whose answer (success or
    failure) is dropped when it arrives, so a slow answer for a row or customer the user has
    since left never overwrites the one they are looking at."""

    def __init__(self, owner: QObject) -> None:
        self.owner = owner
        self._gen = 0
        self.loading = False  # a load was asked for and its answer has not been shown yet

    def load(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._gen += 1
        gen = self._gen
        self.loading = True

        def deliver(callback: Callable[[Any], None], value: Any) -> None:
            if gen == self._gen:
                self.loading = False
                callback(value)

        submit(fn, lambda v: deliver(on_done, v), lambda e: deliver(on_error, e), owner=self.owner)

    def cancel(self) -> None:
        """Drop the answer of the load in flight (the view now shows nothing to load)."""
        self._gen += 1
        self.loading = False
