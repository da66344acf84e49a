"""The scoring engine: worker loops that claim a run's chunks, score them and write the results.

See the package docstring for the claim protocol; the run's rows live in `runs`, the writes in
`writer`, the model in `model`.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

import numpy as np
import peewee as pw

from db import models as m
from db.choices import ChunkStatus, RiskLevel, RunStatus
from db.connection import DatabaseError
from db.i18n import QT_TRANSLATE_NOOP, Number
from db.tasks import Cancelled, TaskState
from db.units import DEFAULT_POLICY, RETRIES, RetryPolicy, retrying
from db.validation import ValidationError
from desktop.core.churn import alert_rules as ar
from desktop.core.churn.concurrency import limit_native_threads
from desktop.core.churn.features import IdRange, compute_features
from desktop.core.churn.health import health_scores
from desktop.core.churn.lapsed import lapsed_mask
from desktop.core.churn.risk import LEVELS, risk_level_codes
from desktop.core.churn.scoring import alerting
from desktop.core.churn.scoring.model import LoadedModel
from desktop.core.churn.scoring.runs import (
    DEFAULT_CHUNK,
    LEASE_SECONDS,
    RunCancelled,
    claim_chunk,
    database_now,
    fail_run,
    finish_if_done,
    release_chunk,
    renew_leases,
    resolve_model,
    resume_run,
    scored_so_far,
    start_run,
    stop_own_run,
)
from desktop.core.churn.scoring.writer import LostClaim, write_chunk
from desktop.core.services.permissions import Perm, require_operator

log = logging.getLogger(__name__)

T = TypeVar("T")

POLL_SECONDS = 2.0


@dataclass
class RunReport:
    """What `churnwatch score` prints: the run, how much it scored, how long it took."""

    run_id: int
    status: str
    model: str
    total: int
    scored: int
    alerts: int
    elapsed: float
    chunks_here: int = 0
    scored_here: int = 0
    alerts_here: int = 0
    joined: bool = False  # this scorer joined a run another had started
    as_of: datetime | None = None  # the date the run's features were computed as of
    retries: dict[str, int] = field(default_factory=dict)  # units run again, by cause


@dataclass
class WorkerStats:
    chunks: int = 0
    scored: int = 0
    alerts: int = 0
    lost: int = 0


@dataclass
class ChunkOutcome:
    scored: int
    alerts: int


class ScoringEngine:
    """Claims and scores chunks of runs; safe to use from several threads at once.

    `clock` gives "now" for leases (by default the database server's UTC time on MySQL, so
    workstations with skewed clocks agree; the local UTC clock on SQLite); `sleep` waits while
    other scorers hold the last chunks. Both can be replaced in tests.

    Every database step is a unit of work (`db.units`): a lost connection or a deadlock runs it
    again whole, under `policy`. While `run` scores, a heartbeat thread renews the leases of the
    chunks this engine holds every third of `lease_seconds`, so a lease can be short and a dead
    scorer's chunks are taken over soon.
    """

    def __init__(
        self,
        database: pw.Database,
        *,
        lease_seconds: float = LEASE_SECONDS,
        poll_seconds: float = POLL_SECONDS,
        clock: Callable[[], datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        name: str | None = None,
        policy: RetryPolicy = DEFAULT_POLICY,
    ) -> None:
        self.database: pw.Database = getattr(database, "obj", None) or database
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        self._clock = clock
        self._sleep = sleep
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        limit_native_threads()
        self._models: dict[int, LoadedModel] = {}
        self._models_lock = threading.Lock()
        self._stop = threading.Event()
        self.policy = policy
        self._held: set[str] = set()  # tokens of the chunks this engine's workers hold
        self._held_lock = threading.Lock()

    def _retry(self, fn: Callable[[], T], what: str = "the scoring step") -> T:
        return retrying(self.database, fn, what=what, policy=self.policy)

    # -- helpers --

    def now(self) -> datetime:
        if self._clock is not None:
            return self._clock()
        return database_now(self.database)

    def model_for(self, run: m.ScoringRun) -> LoadedModel:
        """The run's model, verified and loaded once per engine (shared by its threads)."""
        return self.load(run.model_version_id)

    def load(self, version: m.ModelVersion | int) -> LoadedModel:
        """Verify and load a model version once per engine: refused before any run exists."""
        version_id = version if isinstance(version, int) else version.id
        with self._models_lock:
            loaded = self._models.get(version_id)
            if loaded is None:
                row = version if isinstance(version, m.ModelVersion) else None
                loaded = LoadedModel.from_version(row or m.ModelVersion.get_by_id(version_id))
                self._models[version_id] = loaded
            return loaded

    def _token(self) -> str:
        return f"{self.name}:{threading.get_ident() % 100000}:{uuid.uuid4().hex[:12]}"[-128:]

    # -- claiming --

    def claim(self, run_id: int) -> tuple[m.ScoringChunk, str] | None:
        """Claim the next pending chunk (or one whose lease expired); None if there is none."""
        token = self._token()
        with self._held_lock:
            self._held.add(token)  # before the claim commits: the heartbeat may renew it at once
        chunk = self._retry(
            lambda: claim_chunk(
                self.database,
                run_id,
                token,
                now=self.now(),
                lease_seconds=self.lease_seconds,
                policy=self.policy,
            ),
            "the claim",
        )
        if chunk is None:
            self._forget(token)
            return None
        return chunk, token

    def _forget(self, token: str) -> None:
        with self._held_lock:
            self._held.discard(token)

    def release(self, chunk: m.ScoringChunk, token: str) -> None:
        """Give a claimed chunk back (on cancel or error) so it can be claimed at once."""
        try:
            release_chunk(chunk, token)
        finally:
            self._forget(token)

    def heartbeat(self) -> int:
        """Renew the leases this engine holds; the number renewed."""
        with self._held_lock:
            tokens = sorted(self._held)
        return renew_leases(tokens, self.now(), self.lease_seconds)

    def _heartbeat_loop(self, stop: threading.Event) -> None:
        interval = max(self.lease_seconds / 3, 0.05)
        try:
            while not stop.wait(interval):
                try:
                    self._retry(self.heartbeat, "the heartbeat")
                except Exception as exc:  # the next beat tries again; never kill the run
                    log.warning("lease heartbeat failed (%s)", type(exc).__name__)
        finally:
            if not self.database.is_closed():
                self.database.close()

    # -- scoring one chunk --

    def score_chunk(
        self,
        run: m.ScoringRun,
        chunk: m.ScoringChunk,
        token: str,
        state: TaskState | None = None,
    ) -> ChunkOutcome:
        """Score the chunk's customers and write everything in one transaction."""
        loaded = self.model_for(run)
        span = IdRange(chunk.first_customer_id, chunk.last_customer_id)
        as_of = run.as_of
        fm = compute_features(self.database, span, as_of, loaded.spec, exclude_churned=True)
        # The lapsed (already churned by the model's inactivity definition) get no probability,
        # no factors and no churn alert: NaN in `p`, LAPSED as their level.
        lapsed = lapsed_mask(fm, loaded.lapsed_after_days)
        kept = np.flatnonzero(~lapsed)
        p = loaded.predict(fm.matrix)
        p[lapsed] = np.nan
        codes = risk_level_codes(np.where(lapsed, 0.0, p))
        levels = [
            RiskLevel.LAPSED.value if gone else LEVELS[code].value
            for code, gone in zip(codes.tolist(), lapsed.tolist(), strict=True)
        ]
        ids = fm.ids.tolist()
        if kept.size == len(ids):
            factors, reasons = loaded.explain(fm.matrix, p)
        else:
            factors, reasons = ["[]"] * len(ids), [""] * len(ids)
            if kept.size:
                some, why = loaded.explain(fm.matrix[kept], p[kept])
                for k, i in enumerate(kept.tolist()):
                    factors[i], reasons[i] = some[k], why[k]
        health = health_scores(fm, levels)
        previous = dict(zip(fm.ids.tolist(), fm.previous, strict=True))
        rp = alerting.run_policy(run)
        value = alerting.expected_loss(fm, p)
        candidates = alerting.chunk_alerts(
            rp,
            ids=[ids[i] for i in kept.tolist()],
            p=p[kept],
            value=value[kept],
            previous=previous,
            reasons=[reasons[i] for i in kept.tolist()],
        )
        scored_ids = set(ids)
        payment = [a for a in ar.payment_alerts(span, as_of) if a.customer_id in scored_ids]
        candidates += [a for a in ar.card_alerts(span, as_of) if a.customer_id in scored_ids]
        candidates += payment
        alerts = ar.deduplicate(candidates, span)
        at_risk = alerting.at_risk_ids(rp, payment, alerts, [ids[i] for i in kept.tolist()])
        if state is not None:
            state.check()  # last moment to cancel without writing
        alerts_written = write_chunk(
            self.database,
            run,
            chunk,
            token,
            version_id=loaded.version_id,
            fm=fm,
            p=p,
            levels=levels,
            factors=factors,
            health=health,
            alerts=alerts,
            expected_loss=value,
            at_risk=at_risk,
        )
        return ChunkOutcome(len(ids), alerts_written)

    # -- the loops --

    def stop(self) -> None:
        """Ask this engine's workers to stop after their current chunk (not a cancel)."""
        self._stop.set()

    def work(self, run_id: int, state: TaskState | None = None) -> WorkerStats:
        """Claim and score chunks of the run until none is left; call from any thread.

        Opens (and closes) this thread's own connection when it has none. Returns when the run
        is complete, cancelled or failed; waits while other scorers hold the last chunks, and
        reclaims them if their lease runs out. Raises `Cancelled` when `state` is cancelled
        (releasing the chunk in hand).
        """
        state = state or TaskState()
        stats = WorkerStats()
        limit_native_threads()  # per thread: a pool thread would predict on every core
        opened = self.database.is_closed()
        if opened:
            self.database.connect()
        try:
            while not self._stop.is_set():
                state.check()
                run = self._retry(lambda: m.ScoringRun.get_by_id(run_id), "the run")
                if run.status != RunStatus.RUNNING.value:
                    break
                claimed = self.claim(run_id)
                if claimed is None:
                    after: list[int] = []
                    if finish_if_done(self.database, run_id, after) or self._retry(
                        lambda: self._rest_is_ours(run_id)
                    ):
                        stats.alerts += sum(after)  # this thread's after-run pass
                        break  # done, or our own threads finish the rest (and the run)
                    self._retry(lambda: self._wait_for_others(run_id, state))
                    continue
                chunk, token = claimed
                try:
                    outcome = self._retry(
                        functools.partial(self.score_chunk, run, chunk, token, state), "the chunk"
                    )
                except LostClaim as exc:
                    self._forget(token)
                    stats.lost += 1
                    log.warning("%s", exc)
                    continue
                except BaseException:
                    self.release(chunk, token)
                    raise
                self._forget(token)
                stats.chunks += 1
                stats.scored += outcome.scored
                stats.alerts += outcome.alerts
                self._retry(lambda: self._report(run_id, state))
        finally:
            if opened:
                self.database.close()
        return stats

    def _report(self, run_id: int, state: TaskState) -> None:
        total = (
            m.ScoringRun.select(m.ScoringRun.total_customers)
            .where(m.ScoringRun.id == run_id)
            .scalar()
        )
        scored = scored_so_far(run_id)
        total = int(total or 0)
        state.progress(
            min(scored, total),
            total,
            QT_TRANSLATE_NOOP("Scoring", "{scored} of {total} customers scored").format(
                scored=Number(scored), total=Number(total)
            ),
        )

    def _rest_is_ours(self, run_id: int) -> bool:
        """Chunks are left, and every one is claimed by another thread of this engine.

        None left is not "ours": another scorer finished the last chunk after `finish_if_done`
        looked, and its completion may not be committed yet. The loop goes round again and
        `finish_if_done` sees the run through (leaving now reported the run as still running).
        """
        c = m.ScoringChunk
        left = c.select().where(c.run == run_id, c.status != ChunkStatus.DONE.value)
        return left.exists() and not (
            left.where(
                (c.status != ChunkStatus.CLAIMED.value) | ~c.claimed_by.startswith(f"{self.name}:")
            ).exists()
        )

    def _wait_for_others(self, run_id: int, state: TaskState) -> None:
        """Other scorers hold the remaining chunks: wait a little, or until a lease expires."""
        c = m.ScoringChunk
        earliest = (
            c.select(pw.fn.MIN(c.lease_expires_at))
            .where(c.run == run_id, c.status == ChunkStatus.CLAIMED.value)
            .scalar()
        )
        wait = self.poll_seconds
        if isinstance(earliest, datetime):
            wait = min(wait, max((earliest - self.now()).total_seconds(), 0.0) + 0.05)
        state.check()
        self._sleep(max(wait, 0.0))

    def run(
        self,
        run_id: int,
        state: TaskState | None = None,
        *,
        workers: int = 2,
        spawn: Spawner | None = None,
    ) -> RunReport:
        """Score a run with `workers` threads (each its own connection) and report on it.

        `spawn` runs the worker loops concurrently and waits for them: Python threads by default
        (the command line), a QThreadPool in the window.

        A cancel marks the run cancelled (it can be resumed); an error marks it failed (it can be
        resumed too) and is raised again here.
        """
        state = state or TaskState()
        started = time.perf_counter()
        retries_before = dict(RETRIES)
        run = self._retry(lambda: m.ScoringRun.get_by_id(run_id), "the run")
        self.model_for(run)  # verify and load once, before any thread starts
        stats = [WorkerStats() for _ in range(max(1, workers))]
        errors: list[BaseException] = []

        def worker(k: int) -> None:
            try:
                stats[k] = self.work(run_id, state)
            except BaseException as exc:
                errors.append(exc)
                self._stop.set()

        self._stop.clear()
        jobs = [functools.partial(worker, k) for k in range(max(1, workers))]
        beat_stop = threading.Event()
        beat = threading.Thread(
            target=self._heartbeat_loop, args=(beat_stop,), name="lease-heartbeat", daemon=True
        )
        beat.start()
        try:
            if len(jobs) == 1:
                jobs[0]()
            else:
                (spawn or functools.partial(run_in_threads, on_interrupt=state.cancel))(jobs)
        except KeyboardInterrupt:  # Ctrl-C: the workers released their chunks on the way out
            state.cancel()
            errors.append(Cancelled())
        finally:
            beat_stop.set()
            beat.join(timeout=10)
        self._stop.clear()
        if errors:
            cancelled = [e for e in errors if isinstance(e, Cancelled | KeyboardInterrupt)]
            if cancelled or state.cancelled:
                stop_own_run(self.database, run_id, "cancelled")
                raise RunCancelled(run_id)
            fail_run(self.database, run_id, _error_line(errors[0]))
            raise errors[0]
        final = self._retry(lambda: m.ScoringRun.get_by_id(run_id), "the run")
        model = self._retry(
            lambda: (
                m.ModelVersion.select(m.ModelVersion.name)
                .where(m.ModelVersion.id == final.model_version_id)
                .scalar()
            ),
            "the run",
        )
        return RunReport(
            run_id=run_id,
            status=final.status,
            model=str(model),
            total=final.total_customers,
            scored=final.scored_customers,
            alerts=final.alerts_raised,
            elapsed=time.perf_counter() - started,
            chunks_here=sum(s.chunks for s in stats),
            scored_here=sum(s.scored for s in stats),
            alerts_here=sum(s.alerts for s in stats),
            as_of=final.as_of,
            retries={
                k: v - retries_before.get(k, 0)
                for k, v in RETRIES.items()
                if v > retries_before.get(k, 0)
            },
        )


def _error_line(exc: BaseException) -> str:
    """What a failed run stores: the user's line for errors that have one, never a traceback."""
    if isinstance(exc, DatabaseError | ValidationError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


Spawner = Callable[[Sequence[Callable[[], None]]], None]


def run_in_threads(
    jobs: Sequence[Callable[[], None]], *, on_interrupt: Callable[[], None] | None = None
) -> None:
    """Run the jobs on Python threads and wait for all of them. Ctrl-C while waiting calls
    `on_interrupt` (a cancel), waits for the jobs to wind down, then raises it again.

    The wait is on events the jobs set, not `Thread.join()`: a join interrupted by Ctrl-C may
    return early on the next call, leaving a worker (and the chunk it holds) behind at exit.
    """
    finished = [threading.Event() for _ in jobs]

    def run(job: Callable[[], None], done: threading.Event) -> None:
        try:
            job()
        finally:
            done.set()

    for k, (job, done) in enumerate(zip(jobs, finished, strict=True)):
        threading.Thread(target=run, args=(job, done), name=f"scorer-{k}", daemon=True).start()
    interrupted: KeyboardInterrupt | None = None
    while not all(done.is_set() for done in finished):
        try:
            for done in finished:
                while not done.wait(0.2):
                    pass
        except KeyboardInterrupt as exc:
            if on_interrupt is None:
                raise
            if interrupted is None:
                on_interrupt()
            interrupted = exc
    if interrupted is not None:
        raise interrupted


def score(
    database: pw.Database,
    *,
    model: m.ModelVersion | str | int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    workers: int = 2,
    resume: int | None = None,
    as_of: datetime | None = None,
    state: TaskState | None = None,
    user: m.User | None = None,
    engine: ScoringEngine | None = None,
    spawn: Spawner | None = None,
) -> RunReport:
    """Start (or resume, or join) a run and score it to the end: `churnwatch score` and "Score
    now". The model is loaded and checked before any run exists, so a refused artifact leaves
    nothing behind; a run of the same model already in progress is joined, not competed with.
    `as_of` (default now) is the date the features are computed as of (`churn.as_of`)."""
    require_operator(user, Perm.SCORE)
    engine = engine or ScoringEngine(database)
    started = time.perf_counter()
    joined = False
    if resume is not None:
        run = resume_run(database, resume, user=user)
        engine.model_for(run)
    else:
        engine.load(resolve_model(model))
        run, joined = start_run(
            database,
            model,
            chunk_size=chunk_size,
            user=user,
            as_of=as_of,
            lease_seconds=engine.lease_seconds,
        )
        if joined:
            log.info("joined scoring run %d already in progress", run.id)
    report = engine.run(run.id, state, workers=workers, spawn=spawn)
    report.elapsed = time.perf_counter() - started
    report.joined = joined
    _record_run(report)
    return report


def _record_run(report: RunReport) -> None:
    """This workstation's share of the run, as system metrics the dashboard charts."""
    from desktop.core.telemetry import telemetry

    tags = {"model": report.model, "run": str(report.run_id)}
    for name, value in (
        ("scoring.duration_s", report.elapsed),
        ("scoring.customers", report.scored_here),
        ("scoring.alerts_raised", report.alerts_here),
    ):
        telemetry.record(name, value, tags, throttle=False)
