"""Scoring: one engine for `churnwatch score`, the window's "Score now" and every workstation.

A run (`ScoringRun`) is split into chunks of customer ids (`ScoringChunk`) stored in the shared
database. Scorers — threads in this process, or other workstations — claim chunks one at a time:

- on MySQL/MariaDB with `SELECT … FOR UPDATE SKIP LOCKED` in a short transaction, then an UPDATE
  that records the claim token and a lease;
- on SQLite with one atomic `UPDATE … WHERE id = (SELECT …)` (SQLite serialises writers).

A claim whose lease has expired (its scorer crashed or hung) can be claimed again. A chunk is
completed in the same transaction as its predictions, health scores, alerts and customer updates,
and only if the claim token still matches; a scorer that lost its claim rolls back. So every
customer of a run is scored exactly once, even when a lease ran out mid-chunk.

Cancelling (`TaskState.cancel()`) releases the chunk in hand and marks the run cancelled;
`resume_run` continues it with the chunks not done yet. The engine knows nothing of Qt: a Qt
runner calls `ScoringEngine.run()` (or one `work()` per pool thread) from a QThreadPool worker with
a TaskState whose callback emits a signal.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.bulk import BulkWriter
from db.choices import AccountStatus, ChunkStatus, ModelStatus, RiskLevel, RunStatus
from db.connection import DatabaseError, is_mysql
from db.tasks import Cancelled, TaskState
from desktop.core.churn import alert_rules as ar
from desktop.core.churn.artifacts import load_model
from desktop.core.churn.concurrency import limit_native_threads, write_tx
from desktop.core.churn.features import FeatureMatrix, FeatureSpec, IdRange, compute_features
from desktop.core.churn.health import HealthScores, health_scores
from desktop.core.churn.risk import ALERTING_LEVELS, LEVELS, confidence, risk_level_codes
from desktop.core.churn.training import active_model, find_model

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

DEFAULT_CHUNK = 2_000
LEASE_SECONDS = 300
POLL_SECONDS = 2.0
TOP_FACTORS = 5
UPDATE_BATCH = 1_000  # customers per bulk UPDATE statement (SQLite allows 32,766 parameters)
MIN_CONTRIBUTION = 1e-4
REASONS = 3  # factors raising the risk named in an alert
MOVE_TO_AT_RISK_FROM = (AccountStatus.ACTIVE.value, AccountStatus.RESOLVED.value)


class ScoringError(DatabaseError):
    """Scoring cannot start or continue; the message says why."""


class NoActiveModel(ScoringError):
    pass


class RunNotResumable(ScoringError):
    pass


class LostClaim(Exception):
    """Our lease ran out and another scorer claimed the chunk; our work is rolled back."""


# --- the model, loaded and explained ------------------------------------------------------------


@dataclass
class LoadedModel:
    """A verified, loaded model version with what it needs to explain its predictions."""

    version_id: int
    name: str
    algorithm: str
    threshold: float
    spec: FeatureSpec
    estimator: Any
    explanation: dict[str, Any]
    names: list[str]
    labels: dict[str, str]

    @classmethod
    def from_version(cls, version: m.ModelVersion) -> LoadedModel:
        if version.artifact is None:  # a listing query without the blob: fetch it
            version = m.ModelVersion.get_by_id(version.id)
        estimator = load_model(version.artifact, version.artifact_sha256, name=version.name)
        definitions: dict[str, Any] = version.feature_definitions or {}
        spec = FeatureSpec.from_json(definitions.get("spec"))
        features = definitions.get("features") or []
        return cls(
            version_id=version.id,
            name=version.name,
            algorithm=version.algorithm,
            threshold=float(version.threshold),
            spec=spec,
            estimator=estimator,
            explanation=definitions.get("explanation") or {},
            names=spec.names,
            labels={f["name"]: f["label"] for f in features},
        )

    def predict(self, x: FloatArray) -> FloatArray:
        if x.shape[0] == 0:
            return np.empty(0)
        p = self.estimator.predict_proba(x)[:, 1]
        return np.clip(p.astype(np.float64), 0.0, 1.0)

    def contributions(self, x: FloatArray, p: FloatArray) -> tuple[FloatArray, list[int]]:
        """Signed contributions (probability points) of some features to each prediction.

        Logistic regression: coefficient × standardised value is the feature's share of the
        log-odds; its contribution is the probability minus the probability with that share
        removed (the feature at its training mean). Boosted trees: the probability minus the
        probability with the feature set to its training median, for the most important
        features only (one extra prediction per feature, all in one batch).
        """
        n = x.shape[0]
        calibrated = self.estimator.calibrated_classifiers_[0]
        pipeline, calibrator = calibrated.estimator, calibrated.calibrators[0]
        if self.explanation.get("method") == "linear":
            model = pipeline.steps[-1][1]
            z = pipeline[:-1].transform(x)  # standardised values, as the model sees them
            share = z * model.coef_[0]
            logit = share.sum(axis=1) + model.intercept_[0]
            without = calibrator.predict((logit[:, None] - share).ravel()).reshape(share.shape)
            return p[:, None] - without, list(range(x.shape[1]))
        features = [f for f in self.explanation.get("features", []) if f in self.names]
        columns = [self.names.index(f) for f in features]
        if not columns or n == 0:
            return np.zeros((n, 0)), []
        baseline = self.explanation.get("baseline", {})
        # Only rows whose value differs from the baseline can have a contribution: the others
        # would predict the same probability again (most customers have no tickets, no failed
        # payment, …), so they are left out of the batch.
        blocks: list[FloatArray] = []
        where: list[tuple[int, npt.NDArray[np.intp]]] = []
        for k, (j, name) in enumerate(zip(columns, features, strict=True)):
            value = baseline.get(name, 0.0)
            rows = np.flatnonzero(x[:, j] != value)
            if rows.size:
                block = x[rows].copy()
                block[:, j] = value
                blocks.append(block)
                where.append((k, rows))
        contributions = np.zeros((n, len(columns)))
        if blocks:
            substituted = self.estimator.predict_proba(np.vstack(blocks))[:, 1]
            offset = 0
            for k, rows in where:
                contributions[rows, k] = p[rows] - substituted[offset : offset + rows.size]
                offset += rows.size
        return contributions, columns

    def explain(
        self, x: FloatArray, p: FloatArray, top: int = TOP_FACTORS
    ) -> tuple[list[str], list[str]]:
        """Each prediction's `top` factors as stored (JSON text) and its reasons in words.

        A factor is {"contribution", "feature", "label", "value"}: the features that moved the
        prediction most, with their signed contribution. The JSON is written here rather than
        by json.dumps: at a million customers a run, that was a noticeable share of scoring.
        """
        n = x.shape[0]
        contrib, columns = self.contributions(x, p)
        if not columns:
            return ["[]"] * n, [""] * n
        order = np.argsort(-np.abs(contrib), axis=1)[:, :top]
        values = np.take_along_axis(contrib, order, axis=1).tolist()
        features = np.asarray(columns)[order]
        shown = np.take_along_axis(x, features, axis=1).tolist()
        labels = {j: self.labels.get(self.names[j], self.names[j]) for j in columns}
        # The constant part of each factor's JSON, per feature column.
        head = {
            j: f',"feature":{json.dumps(self.names[j])},"label":{json.dumps(label)},"value":'
            for j, label in labels.items()
        }
        texts: list[str] = []
        reasons: list[str] = []
        for row_values, row_features, row_shown in zip(
            values, features.tolist(), shown, strict=True
        ):
            parts: list[str] = []
            raising: list[str] = []
            for c, j, v in zip(row_values, row_features, row_shown, strict=True):
                if abs(c) < MIN_CONTRIBUTION:
                    continue
                parts.append(
                    f'{{"contribution":{_number(round(c, 4))}{head[j]}{_number(round(v, 4))}}}'
                )
                if c > 0 and len(raising) < REASONS:
                    raising.append(labels[j])
            texts.append(f"[{','.join(parts)}]")
            reasons.append(f"Top reasons: {', '.join(raising)}" if raising else "")
        return texts, reasons


def _number(value: float) -> str:
    """A float as JSON: its shortest repr, null when not finite (JSON has no NaN)."""
    return repr(value) if math.isfinite(value) else "null"


# --- runs and chunks -------------------------------------------------------------------------


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


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, default=str)


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
                _ts(now),
                _ts(now),
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
                "as_of": _ts(as_of),
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


def _fail_run(database: pw.Database, run_id: int, error: str) -> None:
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


# --- the engine ---------------------------------------------------------------------------------


class ScoringEngine:
    """Claims and scores chunks of runs; safe to use from several threads at once.

    `clock` gives "now" for leases (by default the database server's UTC time on MySQL, so
    workstations with skewed clocks agree; the local UTC clock on SQLite); `sleep` waits while
    other scorers hold the last chunks. Both can be replaced in tests.
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

    # -- helpers --

    def now(self) -> datetime:
        if self._clock is not None:
            return self._clock()
        if is_mysql(self.database):
            value = self.database.execute_sql("SELECT UTC_TIMESTAMP()").fetchone()[0]
            if isinstance(value, datetime):
                return value
        return m.utcnow()

    def model_for(self, run: m.ScoringRun) -> LoadedModel:
        """The run's model, verified and loaded once per engine (shared by its threads)."""
        version_id = run.model_version_id
        with self._models_lock:
            loaded = self._models.get(version_id)
            if loaded is None:
                loaded = LoadedModel.from_version(m.ModelVersion.get_by_id(version_id))
                self._models[version_id] = loaded
            return loaded

    def _token(self) -> str:
        return f"{self.name}:{threading.get_ident() % 100000}:{uuid.uuid4().hex[:12]}"[-128:]

    # -- claiming --

    def claim(self, run_id: int) -> tuple[m.ScoringChunk, str] | None:
        """Claim the next pending chunk (or one whose lease expired); None if there is none."""
        c = m.ScoringChunk
        now = self.now()
        token = self._token()
        lease = now + timedelta(seconds=self.lease_seconds)
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
        if is_mysql(self.database):
            with self.database.atomic():
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
        return chunk, token

    def release(self, chunk: m.ScoringChunk, token: str) -> None:
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
        p = loaded.predict(fm.matrix)
        codes = risk_level_codes(p)
        levels = [LEVELS[code].value for code in codes]
        factors, reasons = loaded.explain(fm.matrix, p)
        health = health_scores(fm, levels)
        previous = dict(zip(fm.ids.tolist(), fm.previous, strict=True))
        ids = fm.ids.tolist()
        candidates = ar.risk_alerts(ids, p.tolist(), levels, previous, reasons)
        scored_ids = set(ids)
        candidates += [
            a
            for a in ar.card_alerts(span, as_of) + ar.payment_alerts(span, as_of)
            if a.customer_id in scored_ids
        ]
        alerts = ar.deduplicate(candidates, span)
        if state is not None:
            state.check()  # last moment to cancel without writing
        alerts_written = self._write(
            run,
            chunk,
            token,
            loaded=loaded,
            fm=fm,
            p=p,
            levels=levels,
            factors=factors,
            health=health,
            alerts=alerts,
        )
        return ChunkOutcome(len(ids), alerts_written)

    def _write(
        self,
        run: m.ScoringRun,
        chunk: m.ScoringChunk,
        token: str,
        *,
        loaded: LoadedModel,
        fm: FeatureMatrix,
        p: FloatArray,
        levels: Sequence[str],
        factors: Sequence[str],
        health: HealthScores,
        alerts: Sequence[ar.AlertCandidate],
    ) -> int:
        db = self.database
        writer = _RowWriter(db)
        now = _ts(m.utcnow())
        ids = fm.ids.tolist()
        conf = confidence(p)
        c = m.ScoringChunk
        with write_tx(db):
            # Completing the chunk first takes its lock and proves the claim is still ours.
            done = (
                c.update(
                    status=ChunkStatus.DONE.value,
                    scored=len(ids),
                    risk_counts=dict(Counter(levels)),
                    lease_expires_at=None,
                    updated_at=now,
                )
                .where(
                    c.id == chunk.id,
                    c.claimed_by == token,
                    c.status == ChunkStatus.CLAIMED.value,
                )
                .execute()
            )
            if done != 1:
                raise LostClaim(f"chunk {chunk.seq} of run {run.id} was claimed by another scorer")
            vid, rid = loaded.version_id, run.id
            writer.insert(
                m.ChurnPrediction,
                (
                    "customer",
                    "model_version",
                    "run",
                    "probability",
                    "risk_level",
                    "confidence",
                    "factors",
                    "scored_at",
                    "created_at",
                    "updated_at",
                ),
                [
                    (cid, vid, rid, prob, level, certainty, text, now, now, now)
                    for cid, prob, level, certainty, text in zip(
                        ids, p.tolist(), levels, np.round(conf, 6).tolist(), factors, strict=True
                    )
                ],
                literal="(%d,%d,%d,%r,'%s',%r,%s,'%s','%s','%s')",
                text=(6,),
            )
            writer.insert(
                m.CustomerHealthScore,
                (
                    "customer",
                    "score",
                    "purchase_score",
                    "engagement_score",
                    "support_score",
                    "recency_score",
                    "factors",
                    "recommendations",
                    "computed_at",
                    "created_at",
                    "updated_at",
                ),
                [
                    (*parts, _json(reasons), _json(advice), now, now, now)
                    for parts, reasons, advice in zip(
                        zip(
                            ids,
                            health.score.tolist(),
                            health.purchase.tolist(),
                            health.engagement.tolist(),
                            health.support.tolist(),
                            health.recency.tolist(),
                            strict=True,
                        ),
                        health.factors,
                        health.recommendations,
                        strict=True,
                    )
                ],
                literal="(%d,%d,%d,%d,%d,%d,%s,%s,'%s','%s','%s')",
                text=(6, 7),
            )
            self._update_customers(ids, p, levels, health.score, now)
            raised = self._insert_alerts(run.id, alerts, now)
        # The run's counters are not touched here: inside the chunk's transaction every scorer
        # holds a shared lock on the run row (the predictions' foreign key) and would then want
        # it exclusively — a deadlock between two scorers on MySQL; bumped after the commit they
        # race with completion. Progress is read from the chunks instead (`scored_so_far`), and
        # the run's counters are written from the chunks and alerts when it ends.
        return raised

    def _update_customers(
        self,
        ids: Sequence[int],
        p: FloatArray,
        levels: Sequence[str],
        health: npt.NDArray[np.int64],
        now: str,
    ) -> None:
        """One UPDATE … SET x = CASE id WHEN … per batch: the current estimate, health, and
        active/resolved accounts moved to at_risk when the risk reaches HIGH.

        Every value is a number, a risk level from our own enum or our own timestamp, so they
        are written as literals: no per-value escaping, no parameter limit.
        """
        db = self.database
        table = f"{db.quote[0]}{m.Customer._meta.table_name}{db.quote[1]}"
        known = {level.value for level in LEVELS}
        assert set(levels) <= known, "risk levels come from the enum"
        if is_mysql(db):
            self._update_customers_mysql(table, ids, p=p, levels=levels, health=health, now=now)
            return
        for start in range(0, len(ids), UPDATE_BATCH):
            batch = range(start, min(start + UPDATE_BATCH, len(ids)))
            id_list = ",".join(str(int(ids[i])) for i in batch)
            probability = " ".join(f"WHEN {int(ids[i])} THEN {float(p[i])!r}" for i in batch)
            level = " ".join(f"WHEN {int(ids[i])} THEN '{levels[i]}'" for i in batch)
            score = " ".join(f"WHEN {int(ids[i])} THEN {int(health[i])}" for i in batch)
            sets = [
                f"churn_probability = CASE id {probability} END",
                f"risk_level = CASE id {level} END",
                f"health_score = CASE id {score} END",
            ]
            risky = [str(int(ids[i])) for i in batch if levels[i] in ALERTING_LEVELS]
            if risky:
                sources = ", ".join(f"'{status}'" for status in MOVE_TO_AT_RISK_FROM)
                sets.append(
                    f"account_status = CASE WHEN id IN ({','.join(risky)}) AND account_status "
                    f"IN ({sources}) THEN '{AccountStatus.AT_RISK.value}' ELSE account_status END"
                )
            sets.append(f"updated_at = '{now}'")
            db.execute_sql(f"UPDATE {table} SET {', '.join(sets)} WHERE id IN ({id_list})")

    def _update_customers_mysql(
        self,
        table: str,
        ids: Sequence[int],
        *,
        p: FloatArray,
        levels: Sequence[str],
        health: npt.NDArray[np.int64],
        now: str,
    ) -> None:
        """MySQL evaluates `CASE id WHEN …` by scanning the WHENs for every row (a thousand
        comparisons per row and column); joining a derived table of the new values is a
        primary-key lookup per row instead, several times faster."""
        sources = ", ".join(f"'{status}'" for status in MOVE_TO_AT_RISK_FROM)
        alerting = tuple(ALERTING_LEVELS)
        for start in range(0, len(ids), UPDATE_BATCH):
            batch = range(start, min(start + UPDATE_BATCH, len(ids)))
            first = batch[0]
            rows = [
                f"SELECT {int(ids[first])} AS id, {float(p[first])!r} AS p, "
                f"'{levels[first]}' AS lvl, {int(health[first])} AS h"
            ] + [f"SELECT {int(ids[i])}, {float(p[i])!r}, '{levels[i]}', {int(health[i])}"
                 for i in batch[1:]]  # fmt: skip
            self.database.execute_sql(
                f"UPDATE {table} c JOIN ({' UNION ALL '.join(rows)}) v ON v.id = c.id "
                "SET c.account_status = CASE WHEN v.lvl IN "
                f"('{alerting[0]}', '{alerting[1]}') AND c.account_status IN ({sources}) "
                f"THEN '{AccountStatus.AT_RISK.value}' ELSE c.account_status END, "
                "c.churn_probability = v.p, c.risk_level = v.lvl, c.health_score = v.h, "
                f"c.updated_at = '{now}'"
            )

    def _insert_alerts(self, run_id: int, alerts: Sequence[ar.AlertCandidate], now: str) -> int:
        if not alerts:
            return 0
        cp = m.ChurnPrediction
        customer_ids = sorted({a.customer_id for a in alerts})
        prediction = dict(
            cp.select(cp.customer, cp.id)
            .where(cp.run == run_id, cp.customer.in_(customer_ids))
            .tuples()
        )
        rows = [
            {
                "type": a.type,
                "priority": a.priority,
                "status": "open",
                "customer": a.customer_id,
                "prediction": prediction.get(a.customer_id),
                "title": a.title[:200],
                "message": a.message,
                "correlated_events": a.correlated,
                "dedupe_key": a.dedupe_key,
                "created_at": now,
                "updated_at": now,
            }
            for a in alerts
        ]
        # The dedupe key is unique: a race with another writer raising the same alert is a no-op.
        return int(m.Alert.insert_many(rows).on_conflict_ignore().as_rowcount().execute())

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
                run = m.ScoringRun.get_by_id(run_id)
                if run.status != RunStatus.RUNNING.value:
                    break
                claimed = self.claim(run_id)
                if claimed is None:
                    if self._finish_if_done(run_id) or self._rest_is_ours(run_id):
                        break  # done, or our own threads finish the rest (and the run)
                    self._wait_for_others(run_id, state)
                    continue
                chunk, token = claimed
                try:
                    outcome = self.score_chunk(run, chunk, token, state)
                except LostClaim as exc:
                    stats.lost += 1
                    log.warning("%s", exc)
                    continue
                except BaseException:
                    self.release(chunk, token)
                    raise
                stats.chunks += 1
                stats.scored += outcome.scored
                stats.alerts += outcome.alerts
                self._report(run_id, state)
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
        state.progress(min(scored, total), total, f"{scored:,} of {total:,} customers scored")

    def _finish_if_done(self, run_id: int) -> bool:
        """Complete the run if every chunk is done; True when nothing is left to do."""
        c, r = m.ScoringChunk, m.ScoringRun
        if c.select().where(c.run == run_id, c.status != ChunkStatus.DONE.value).exists():
            return False
        scored, alerts = run_counts(run_id)
        with write_tx(self.database):
            r.update(
                status=RunStatus.COMPLETED.value,
                finished_at=m.utcnow(),
                updated_at=m.utcnow(),
                scored_customers=scored,
                alerts_raised=alerts,
                risk_counts=run_risk_counts(run_id),
            ).where(r.id == run_id, r.status == RunStatus.RUNNING.value).execute()
        return True

    def _rest_is_ours(self, run_id: int) -> bool:
        """Every chunk not done is claimed by another thread of this engine."""
        c = m.ScoringChunk
        return not (
            c.select()
            .where(
                c.run == run_id,
                c.status != ChunkStatus.DONE.value,
                (c.status != ChunkStatus.CLAIMED.value) | ~c.claimed_by.startswith(f"{self.name}:"),
            )
            .exists()
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
        run = m.ScoringRun.get_by_id(run_id)
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
        if len(jobs) == 1:
            jobs[0]()
        else:
            (spawn or run_in_threads)(jobs)
        self._stop.clear()
        if errors:
            cancelled = [e for e in errors if isinstance(e, Cancelled)]
            if cancelled or state.cancelled:
                cancel_run(self.database, run_id, "cancelled")
                raise Cancelled
            _fail_run(self.database, run_id, f"{type(errors[0]).__name__}: {errors[0]}")
            raise errors[0]
        final = m.ScoringRun.get_by_id(run_id)
        model = (
            m.ModelVersion.select(m.ModelVersion.name)
            .where(m.ModelVersion.id == final.model_version_id)
            .scalar()
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
        )


Spawner = Callable[[Sequence[Callable[[], None]]], None]


def run_in_threads(jobs: Sequence[Callable[[], None]]) -> None:
    """Run the jobs on Python threads and wait for all of them."""
    threads = [
        threading.Thread(target=job, name=f"scorer-{k}", daemon=True) for k, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class _RowWriter:
    """Bulk inserts for the scoring writes.

    SQLite: `BulkWriter`'s executemany (the sqlite3 module binds values in C). MySQL: PyMySQL
    would escape every value of every row in Python (the largest single cost of scoring once),
    so rows go out as multi-row INSERT literals instead, formatted by a %-template: numbers,
    our own enum values and timestamps as they are, only free text escaped by the connection.
    """

    BATCH = 2_500

    def __init__(self, database: pw.Database) -> None:
        self.database = database
        self.mysql = is_mysql(database)
        self.bulk = BulkWriter(database)

    def insert(
        self,
        model: type[m.BaseModel],
        columns: tuple[str, ...],
        rows: Sequence[Sequence[Any]],
        *,
        literal: str,
        text: Sequence[int],
    ) -> int:
        """Insert the rows. `literal` is a row as a %-format of SQL literals (MySQL); the
        values at the positions in `text` (free text, JSON) are escaped before formatting."""
        if not rows:
            return 0
        if not self.mysql:
            return self.bulk.insert(model, columns, rows)
        escape = self.database.connection().escape
        fields = model._meta.fields
        names = ", ".join(f"`{fields[c].column_name}`" for c in columns)
        head = f"INSERT INTO `{model._meta.table_name}` ({names}) VALUES "
        cursor = self.database.cursor()
        try:
            for start in range(0, len(rows), self.BATCH):
                batch = rows[start : start + self.BATCH]
                cursor.execute(
                    head + ",".join(literal % _escaped(row, text, escape) for row in batch)
                )
        finally:
            cursor.close()
        return len(rows)


def _escaped(row: Sequence[Any], text: Sequence[int], escape: Callable[[Any], str]) -> tuple:
    values = list(row)
    for j in text:
        values[j] = escape(values[j])
    return tuple(values)


def score(
    database: pw.Database,
    *,
    model: m.ModelVersion | str | int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    workers: int = 2,
    resume: int | None = None,
    state: TaskState | None = None,
    user: m.User | None = None,
    engine: ScoringEngine | None = None,
    spawn: Spawner | None = None,
) -> RunReport:
    """Start (or resume) a run and score it to the end: `churnwatch score` and "Score now"."""
    engine = engine or ScoringEngine(database)
    started = time.perf_counter()
    if resume is not None:
        run = resume_run(database, resume, user=user)
    else:
        run = create_run(database, model, chunk_size=chunk_size, user=user)
    report = engine.run(run.id, state, workers=workers, spawn=spawn)
    report.elapsed = time.perf_counter() - started
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
