"""A scoring run's life in the shared database: created with its chunks, claimed chunk by chunk,
completed, cancelled or failed, resumed; and what the window and the command line report of it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import peewee as pw

from db import models as m
from db.bulk import BulkWriter
from db.choices import ChunkStatus, ModelStatus, RiskLevel, RunStatus
from db.connection import DatabaseError, is_mysql, lock_name
from db.tasks import Cancelled
from db.units import DEFAULT_POLICY, RetryPolicy, retrying, run_unit
from desktop.core.churn.risk import PROBABILITY_BINS, add_bins
from desktop.core.churn.scoring import alerting
from desktop.core.churn.scoring.writer import sql_timestamp
from desktop.core.churn.training import active_model, find_model
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.permissions import Perm, require_operator

log = logging.getLogger(__name__)

DEFAULT_CHUNK = 2_000
# A live scorer renews its leases every third of this (the heartbeat); a dead one's chunks are
# taken over once it runs out, and its run shows as stalled.
LEASE_SECONDS = 45
JOIN_LOCK_TIMEOUT_S = 30


class ScoringError(DatabaseError):
    """Scoring cannot start or continue; the message says why."""


class NoActiveModel(ScoringError):
    pass


class RunNotResumable(ScoringError):
    pass


class RunCancelled(Cancelled):
    """The run was cancelled (by the user, or Ctrl-C) with its chunks released; resumable."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        super().__init__(f"scoring run #{run_id} was cancelled; resume it to score the rest")


def resolve_model(model: m.ModelVersion | str | int | None) -> m.ModelVersion:
    """The model to score with: the one named, else the active one."""
    if isinstance(model, m.ModelVersion):
        return model
    if model is not None:
        return find_model(model)
    found = active_model()
    if found is None:
        raise NoActiveModel(
            QT_TRANSLATE_NOOP(
                "Scoring",
                "no model is active; train one (churnwatch train --activate) or activate one "
                "(churnwatch models activate NAME), or pass --model NAME",
            )
        )
    return found


def create_run(
    database: pw.Database,
    model: m.ModelVersion | str | int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    user: m.User | None = None,
    as_of: datetime | None = None,
) -> m.ScoringRun:
    """A new run over every customer not churned or deleted, split into claimable chunks."""
    require_operator(user, Perm.SCORE)
    if chunk_size < 1:
        raise ScoringError(QT_TRANSLATE_NOOP("Models", "the chunk size must be at least 1"))
    version = resolve_model(model)
    if version.status == ModelStatus.RETIRED.value:
        raise ScoringError(
            QT_TRANSLATE_NOOP(
                "Models", "model '{name}' is retired; activate it or choose another"
            ).format(name=version.name)
        )
    as_of = as_of or m.utcnow()
    return run_unit(
        database,
        lambda: _new_run(database, version, chunk_size=chunk_size, user=user, as_of=as_of),
        what=QT_TRANSLATE_NOOP("Writes", "the scoring run"),
    )


def _new_run(
    database: pw.Database,
    version: m.ModelVersion,
    *,
    chunk_size: int,
    user: m.User | None,
    as_of: datetime,
) -> m.ScoringRun:
    """The run and its chunks, inside the caller's transaction."""
    from desktop.core.churn.features import iter_id_ranges

    spans = list(iter_id_ranges(as_of, chunk_size, exclude_churned=True))
    now = m.utcnow()
    run = m.ScoringRun.create(
        model_version=version.id,
        alert_policy=alerting.start_policy().to_json(),
        status=RunStatus.RUNNING.value,
        started_by=user.id if user else None,
        started_at=now,
        as_of=as_of,
        total_customers=sum(count for _, count in spans),
    )
    rows = [
        (
            run.id,
            seq,
            span.first,
            span.last,
            ChunkStatus.PENDING.value,
            0,
            0,
            sql_timestamp(now),
            sql_timestamp(now),
        )
        for seq, (span, _count) in enumerate(spans)
    ]
    BulkWriter(database).insert(
        m.ScoringChunk,
        (
            "run",
            "seq",
            "first_customer_id",
            "last_customer_id",
            "status",
            "attempts",
            "scored",
            "created_at",
            "updated_at",
        ),
        rows,
    )
    m.AuditLog.create(
        user=user.id if user else None,
        action="score",
        entity="ScoringRun",
        entity_id=run.id,
        after={
            "model": version.name,
            "customers": run.total_customers,
            "chunks": len(rows),
            "as_of": sql_timestamp(as_of),
        },
    )
    log.info("scoring run %d: %d customers in %d chunks", run.id, run.total_customers, len(rows))
    return run


def database_now(database: pw.Database) -> datetime:
    """ "Now" for leases: the server's UTC clock on MySQL (workstations' clocks may be skewed),
    the local UTC clock on SQLite (one machine)."""
    if is_mysql(database):
        value = database.execute_sql("SELECT UTC_TIMESTAMP()").fetchone()[0]
        if isinstance(value, datetime):
            return value
    return m.utcnow()


def is_stalled(run_id: int, now: datetime, lease_seconds: float) -> bool:
    """A running run whose scorers are gone: no live lease on any chunk, and no chunk claimed or
    completed within one lease (a live scorer does one or the other all the time)."""
    c = m.ScoringChunk
    live = c.select().where(
        c.run == run_id,
        c.status == ChunkStatus.CLAIMED.value,
        c.lease_expires_at > now,
    )
    recent = c.select().where(
        c.run == run_id, c.updated_at > now - timedelta(seconds=lease_seconds)
    )
    return not (live.exists() or recent.exists())


def start_run(
    database: pw.Database,
    model: m.ModelVersion | str | int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    user: m.User | None = None,
    as_of: datetime | None = None,
    lease_seconds: float,
) -> tuple[m.ScoringRun, bool]:
    """Join the model's run in progress, else start one: (run, joined).

    Two users pressing "Score now" at once (or two `churnwatch score`) share one run instead of
    competing. A run of the model whose scorers are gone (stalled) is not joined: it is marked
    cancelled (resumable by its id) and a new run starts from now. The check and the start are
    serialised: a named lock per model on MySQL, SQLite's write lock.
    """
    require_operator(user, Perm.SCORE)
    version = resolve_model(model)
    if version.status == ModelStatus.RETIRED.value:
        raise ScoringError(
            QT_TRANSLATE_NOOP(
                "Models", "model '{name}' is retired; activate it or choose another"
            ).format(name=version.name)
        )
    if chunk_size < 1:
        raise ScoringError(QT_TRANSLATE_NOOP("Models", "the chunk size must be at least 1"))
    target: pw.Database = getattr(database, "obj", None) or database
    lock = lock_name(target, f"run:{version.id}")
    if is_mysql(target):
        got = target.execute_sql("SELECT GET_LOCK(%s, %s)", (lock, JOIN_LOCK_TIMEOUT_S))
        if got.fetchone()[0] != 1:
            raise ScoringError(
                QT_TRANSLATE_NOOP(
                    "Scoring", "another workstation is starting a run; try again in a minute"
                )
            )

    def unit() -> tuple[m.ScoringRun, bool]:
        now = database_now(target)
        r = m.ScoringRun
        running = list(
            r.select()
            .where(r.model_version == version.id, r.status == RunStatus.RUNNING.value)
            .order_by(r.id.desc())
        )
        if as_of is not None:  # a run as of another date is not this one: leave it be
            same = as_of.replace(microsecond=0)
            running = [run for run in running if run.as_of.replace(microsecond=0) == same]
        for run in running:
            if not is_stalled(run.id, now, lease_seconds):
                return run, True
        for run in running:
            r.update(
                status=RunStatus.CANCELLED.value,
                error="stalled: no scorer was left; resume it to score the rest",
                updated_at=m.utcnow(),
            ).where(r.id == run.id, r.status == RunStatus.RUNNING.value).execute()
            log.info("scoring run %d had no scorer left; marked cancelled", run.id)
        created = _new_run(
            target, version, chunk_size=chunk_size, user=user, as_of=as_of or m.utcnow()
        )
        return created, False

    try:
        return run_unit(target, unit, what=QT_TRANSLATE_NOOP("Writes", "the scoring run"))
    finally:
        if is_mysql(target):
            target.execute_sql("SELECT RELEASE_LOCK(%s)", (lock,))


def resume_run(database: pw.Database, run_id: int, *, user: m.User | None = None) -> m.ScoringRun:
    """Reopen a cancelled or failed run (or join a running one) to score what is left."""
    require_operator(user, Perm.SCORE)
    run = m.ScoringRun.get_or_none(m.ScoringRun.id == run_id)
    if run is None:
        raise RunNotResumable(
            QT_TRANSLATE_NOOP("Scoring", "there is no scoring run #{run}").format(run=run_id)
        )
    if run.status == RunStatus.COMPLETED.value:
        raise RunNotResumable(
            QT_TRANSLATE_NOOP("Scoring", "scoring run #{run} is already complete").format(
                run=run_id
            )
        )

    def unit() -> None:
        m.ScoringRun.update(
            status=RunStatus.RUNNING.value, error=None, updated_at=m.utcnow()
        ).where(
            m.ScoringRun.id == run_id, m.ScoringRun.status != RunStatus.COMPLETED.value
        ).execute()
        if run.status != RunStatus.RUNNING.value:
            m.AuditLog.create(
                user=user.id if user else None,
                action="resume",
                entity="ScoringRun",
                entity_id=run_id,
                before={"status": run.status},
                after={"status": RunStatus.RUNNING.value},
            )

    run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the resumed run"))
    return m.ScoringRun.get_by_id(run_id)


def scored_so_far(run_id: int) -> int:
    """Customers scored in the run so far, by every scorer (from its completed chunks)."""
    c = m.ScoringChunk
    value = (
        c.select(pw.fn.SUM(c.scored))
        .where(c.run == run_id, c.status == ChunkStatus.DONE.value)
        .scalar()
    )
    return int(value or 0)


def run_risk_counts(run_id: int) -> dict[str, int]:
    """Customers per risk level in the run, summed from its chunks (each counted its own when it
    was written), so the dashboard never groups a million predictions."""
    totals = {level.value: 0 for level in RiskLevel}
    chunks = m.ScoringChunk.select(m.ScoringChunk.risk_counts).where(
        m.ScoringChunk.run == run_id, m.ScoringChunk.status == ChunkStatus.DONE.value
    )
    for (counts,) in chunks.tuples():
        for level, n in (counts or {}).items():
            totals[level] = totals.get(level, 0) + int(n)
    return totals


def run_probability_bins(run_id: int) -> list[int] | None:
    """Customers per churn-probability bin in the run, summed from its chunks like the risk
    counts; None when a chunk has none (written by a version before runs kept them)."""
    c = m.ScoringChunk
    total: list[int] | None = [0] * PROBABILITY_BINS
    chunks = c.select(c.probability_bins).where(c.run == run_id, c.status == ChunkStatus.DONE.value)
    for (bins,) in chunks.tuples():
        total = add_bins(total, bins)
    return total


def run_counts(run_id: int) -> tuple[int, int]:
    """(customers scored, alerts raised) by the run, counted from what it wrote."""
    cp, a = m.ChurnPrediction, m.Alert
    alerts = (
        a.select(pw.fn.COUNT(a.id)).join(cp, on=(a.prediction == cp.id)).where(cp.run == run_id)
    ).scalar()
    return scored_so_far(run_id), int(alerts or 0)


def cancel_run(
    database: pw.Database, run_id: int, reason: str | None = None, *, user: m.User | None = None
) -> bool:
    """Mark a run cancelled (other scorers stop after their current chunk); False if it had
    already finished. A scorer stopping its own run on Cancel or Ctrl-C uses `stop_own_run`."""
    require_operator(user, Perm.SCORE)
    return _stop_run(database, run_id, RunStatus.CANCELLED, reason)


def stop_own_run(database: pw.Database, run_id: int, reason: str | None = None) -> bool:
    """The engine's cancel of the run it was allowed to start or join (Cancel, Ctrl-C)."""
    return _stop_run(database, run_id, RunStatus.CANCELLED, reason)


def fail_run(database: pw.Database, run_id: int, error: str) -> None:
    _stop_run(database, run_id, RunStatus.FAILED, error[:2000])


def _stop_run(database: pw.Database, run_id: int, status: RunStatus, error: str | None) -> bool:
    def unit() -> bool:
        scored, alerts = run_counts(run_id)
        changed = (
            m.ScoringRun.update(
                status=status.value,
                error=error,
                updated_at=m.utcnow(),
                scored_customers=scored,
                alerts_raised=alerts,
            )
            .where(
                m.ScoringRun.id == run_id,
                m.ScoringRun.status.in_((RunStatus.RUNNING.value, RunStatus.PENDING.value)),
            )
            .execute()
        )
        return bool(changed)

    return run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the run's status"))


def finish_if_done(database: pw.Database, run_id: int, after_run: list[int] | None = None) -> bool:
    """Complete the run if every chunk is done; True when nothing is left to do. When this
    call completed it, the alerts the after-run pass added (negative: removed) are appended to
    `after_run`."""
    c, r = m.ScoringChunk, m.ScoringRun

    def unit() -> bool:
        if c.select().where(c.run == run_id, c.status != ChunkStatus.DONE.value).exists():
            return False
        # Completing first takes the run's lock: the after-run pass runs once, whoever of the
        # scorers gets here first (the others find the run completed and do nothing).
        completed = (
            r.update(
                status=RunStatus.COMPLETED.value, finished_at=m.utcnow(), updated_at=m.utcnow()
            )
            .where(r.id == run_id, r.status == RunStatus.RUNNING.value)
            .execute()
        )
        if completed:
            net = alerting.after_run(database, run_id)
            if after_run is not None:
                del after_run[:]  # a retry of this unit starts over
                after_run.append(net)
            scored, alerts = run_counts(run_id)
            r.update(
                scored_customers=scored,
                alerts_raised=alerts,
                risk_counts=run_risk_counts(run_id),
                probability_bins=run_probability_bins(run_id),
            ).where(r.id == run_id).execute()
        return True

    return run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the run's completion"))


@dataclass
class RunSummary:
    """A run as the window lists it."""

    run_id: int
    status: str
    model: str
    total: int
    scored: int
    alerts: int
    started_at: datetime
    finished_at: datetime | None
    chunks: dict[str, int] = field(default_factory=dict)
    stalled: bool = False  # running, but no scorer is working on it: resume it
    as_of: datetime | None = None  # the date its features were computed as of


def run_summary(run_id: int, *, lease_seconds: float | None = None) -> RunSummary:
    run = m.ScoringRun.get_by_id(run_id)
    c = m.ScoringChunk
    counts = dict(
        c.select(c.status, pw.fn.COUNT(c.id)).where(c.run == run_id).group_by(c.status).tuples()
    )
    model = (
        m.ModelVersion.select(m.ModelVersion.name)
        .where(m.ModelVersion.id == run.model_version_id)
        .scalar()
    )
    return RunSummary(
        run_id=run.id,
        status=run.status,
        model=str(model),
        total=run.total_customers,
        scored=scored_so_far(run.id),
        alerts=run.alerts_raised,
        started_at=run.started_at,
        finished_at=run.finished_at,
        chunks={str(k): int(v) for k, v in counts.items()},
        as_of=run.as_of,
        stalled=run.status == RunStatus.RUNNING.value
        and is_stalled(run.id, database_now(m.DB.obj), lease_seconds or LEASE_SECONDS),
    )


# --- claims -----------------------------------------------------------------------------------


def claim_chunk(
    database: pw.Database,
    run_id: int,
    token: str,
    *,
    now: datetime,
    lease_seconds: float,
    policy: RetryPolicy = DEFAULT_POLICY,
) -> m.ScoringChunk | None:
    """Claim the run's next pending chunk (or one whose lease expired by `now`) for `token`,
    until `now` + `lease_seconds`; None if there is none.

    MySQL: `SELECT … FOR UPDATE SKIP LOCKED` in a short transaction, then the UPDATE. SQLite:
    one atomic `UPDATE … WHERE id = (SELECT …)` (SQLite serialises writers).
    """
    c = m.ScoringChunk
    lease = now + timedelta(seconds=lease_seconds)
    claimable = (c.run == run_id) & (
        (c.status == ChunkStatus.PENDING.value)
        | ((c.status == ChunkStatus.CLAIMED.value) & (c.lease_expires_at < now))
    )
    changes = {
        c.status: ChunkStatus.CLAIMED.value,
        c.claimed_by: token,
        c.lease_expires_at: lease,
        c.attempts: c.attempts + 1,
        c.updated_at: now,
    }

    def unit() -> m.ScoringChunk | None:
        mine = c.get_or_none((c.claimed_by == token) & (c.status == ChunkStatus.CLAIMED.value))
        if mine is not None:  # an earlier attempt committed the claim; its reply was lost
            return mine
        if is_mysql(database):
            row = (
                c.select(c.id)
                .where(claimable)
                .order_by(c.seq)
                .limit(1)
                .for_update("FOR UPDATE SKIP LOCKED")
                .tuples()
                .first()
            )
            if row is None:
                return None
            c.update(changes).where(c.id == row[0]).execute()
        else:
            first = c.select(c.id).where(claimable).order_by(c.seq).limit(1)
            if not c.update(changes).where(c.id == first, claimable).execute():
                return None
        return c.get_or_none(c.claimed_by == token)

    chunk = run_unit(database, unit, what=QT_TRANSLATE_NOOP("Writes", "the claim"), policy=policy)
    if chunk is not None and chunk.attempts > 1:
        log.info("run %d: reclaimed chunk %d (attempt %d)", run_id, chunk.seq, chunk.attempts)
    return chunk


def release_chunk(chunk: m.ScoringChunk, token: str) -> None:
    """Give a claimed chunk back (on cancel or error) so it can be claimed at once."""
    retrying(
        m.DB,
        lambda: _release(chunk, token),
        what=QT_TRANSLATE_NOOP("Writes", "the chunk's release"),
    )


def renew_leases(tokens: list[str], now: datetime, lease_seconds: float) -> int:
    """Push the leases of the chunks these tokens hold to `now` + lease (the heartbeat)."""
    if not tokens:
        return 0
    c = m.ScoringChunk
    return int(
        c.update(lease_expires_at=now + timedelta(seconds=lease_seconds))
        .where(c.claimed_by.in_(tokens), c.status == ChunkStatus.CLAIMED.value)
        .execute()
    )


def _release(chunk: m.ScoringChunk, token: str) -> None:
    c = m.ScoringChunk
    c.update(
        status=ChunkStatus.PENDING.value,
        claimed_by=None,
        lease_expires_at=None,
        updated_at=m.utcnow(),
    ).where(
        c.id == chunk.id, c.claimed_by == token, c.status == ChunkStatus.CLAIMED.value
    ).execute()
