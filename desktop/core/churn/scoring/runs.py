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
from db.connection import DatabaseError, is_mysql
from desktop.core.churn.concurrency import write_tx
from desktop.core.churn.scoring.writer import sql_timestamp
from desktop.core.churn.training import active_model, find_model

log = logging.getLogger(__name__)

DEFAULT_CHUNK = 2_000


class ScoringError(DatabaseError):
    """Scoring cannot start or continue; the message says why."""


class NoActiveModel(ScoringError):
    pass


class RunNotResumable(ScoringError):
    pass


def resolve_model(model: m.ModelVersion | str | int | None) -> m.ModelVersion:
    """The model to score with: the one named, else the active one."""
    if isinstance(model, m.ModelVersion):
        return model
    if model is not None:
        return find_model(model)
    found = active_model()
    if found is None:
        raise NoActiveModel(
            "no model is active; train one (churnwatch train --activate) or activate one "
            "(churnwatch models activate NAME), or pass --model NAME"
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
    from desktop.core.churn.features import iter_id_ranges

    if chunk_size < 1:
        raise ScoringError("the chunk size must be at least 1")
    version = resolve_model(model)
    if version.status == ModelStatus.RETIRED.value:
        raise ScoringError(f"model '{version.name}' is retired; activate it or choose another")
    as_of = as_of or m.utcnow()
    spans = list(iter_id_ranges(as_of, chunk_size, exclude_churned=True))
    now = m.utcnow()
    with write_tx(database):
        run = m.ScoringRun.create(
            model_version=version.id,
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


def resume_run(database: pw.Database, run_id: int, *, user: m.User | None = None) -> m.ScoringRun:
    """Reopen a cancelled or failed run (or join a running one) to score what is left."""
    run = m.ScoringRun.get_or_none(m.ScoringRun.id == run_id)
    if run is None:
        raise RunNotResumable(f"there is no scoring run #{run_id}")
    if run.status == RunStatus.COMPLETED.value:
        raise RunNotResumable(f"scoring run #{run_id} is already complete")
    with write_tx(database):
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


def run_counts(run_id: int) -> tuple[int, int]:
    """(customers scored, alerts raised) by the run, counted from what it wrote."""
    cp, a = m.ChurnPrediction, m.Alert
    alerts = (
        a.select(pw.fn.COUNT(a.id)).join(cp, on=(a.prediction == cp.id)).where(cp.run == run_id)
    ).scalar()
    return scored_so_far(run_id), int(alerts or 0)


def cancel_run(database: pw.Database, run_id: int, reason: str | None = None) -> bool:
    """Mark a run cancelled (other scorers stop after their current chunk); False if it had
    already finished."""
    return _stop_run(database, run_id, RunStatus.CANCELLED, reason)


def fail_run(database: pw.Database, run_id: int, error: str) -> None:
    _stop_run(database, run_id, RunStatus.FAILED, error[:2000])


def _stop_run(database: pw.Database, run_id: int, status: RunStatus, error: str | None) -> bool:
    scored, alerts = run_counts(run_id)
    with write_tx(database):
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


def finish_if_done(database: pw.Database, run_id: int) -> bool:
    """Complete the run if every chunk is done; True when nothing is left to do."""
    c, r = m.ScoringChunk, m.ScoringRun
    if c.select().where(c.run == run_id, c.status != ChunkStatus.DONE.value).exists():
        return False
    scored, alerts = run_counts(run_id)
    with write_tx(database):
        r.update(
            status=RunStatus.COMPLETED.value,
            finished_at=m.utcnow(),
            updated_at=m.utcnow(),
            scored_customers=scored,
            alerts_raised=alerts,
            risk_counts=run_risk_counts(run_id),
        ).where(r.id == run_id, r.status == RunStatus.RUNNING.value).execute()
    return True


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


def run_summary(run_id: int) -> RunSummary:
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
    )


# --- claims -----------------------------------------------------------------------------------


def claim_chunk(
    database: pw.Database, run_id: int, token: str, *, now: datetime, lease_seconds: float
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
    if is_mysql(database):
        with database.atomic():
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
    chunk = c.get_or_none(c.claimed_by == token)
    if chunk is None:  # pragma: no cover - the UPDATE above succeeded
        return None
    if chunk.attempts > 1:
        log.info("run %d: reclaimed chunk %d (attempt %d)", run_id, chunk.seq, chunk.attempts)
    return chunk


def release_chunk(chunk: m.ScoringChunk, token: str) -> None:
    """Give a claimed chunk back (on cancel or error) so it can be claimed at once."""
    c = m.ScoringChunk
    c.update(
        status=ChunkStatus.PENDING.value,
        claimed_by=None,
        lease_expires_at=None,
        updated_at=m.utcnow(),
    ).where(
        c.id == chunk.id, c.claimed_by == token, c.status == ChunkStatus.CLAIMED.value
    ).execute()
