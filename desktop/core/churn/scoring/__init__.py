"""Scoring: one engine for `churnwatch score`, the window's "Score now" and every workstation.

A run (`ScoringRun`) is split into chunks of customer ids (`ScoringChunk`) stored in the shared
database. Scorers — threads in this process, or other workstations — claim chunks one at a time:

- on MySQL/MariaDB with `SELECT … FOR UPDATE SKIP LOCKED` in a short transaction, then an UPDATE
  that records the claim token and a lease;
- on SQLite with one atomic `UPDATE … WHERE id = (SELECT …)` (SQLite serialises writers).

A live scorer renews its leases by heartbeat, so a lease is short (`LEASE_SECONDS`); a claim
whose lease has expired (its scorer crashed or hung) can be claimed again, and a run whose
scorers are all gone shows as stalled. Every step is a unit of work (`db.units`) run again whole
after a lost connection or a deadlock; a retried claim or chunk write finds what an attempt whose
reply was lost had committed (by its token) instead of doing it twice. Two scorers starting the
same model's run share one (`start_run` joins the run in progress). A chunk is
completed in the same transaction as its predictions, health scores, alerts and customer updates,
and only if the claim token still matches; a scorer that lost its claim rolls back. So every
customer of a run is scored exactly once, even when a lease ran out mid-chunk.

Cancelling (`TaskState.cancel()`, or Ctrl-C) releases the chunks in hand and marks the run
cancelled; `resume_run` continues it with the chunks not done yet. The engine knows nothing of
Qt: a Qt runner calls `ScoringEngine.run()` (or one `work()` per pool thread) from a QThreadPool
worker with a TaskState whose callback emits a signal.

The modules: `runs` (a run's rows: create, claim, complete, cancel, resume, summarise), `engine`
(the worker loops and `score`), `model` (the loaded model and its explanations) and `writer`
(what a scored chunk writes). This package re-exports what the rest of the application uses.
"""

from desktop.core.churn.scoring.engine import (
    POLL_SECONDS,
    ChunkOutcome,
    RunReport,
    ScoringEngine,
    Spawner,
    WorkerStats,
    run_in_threads,
    score,
)
from desktop.core.churn.scoring.model import REASONS, TOP_FACTORS, LoadedModel
from desktop.core.churn.scoring.runs import (
    DEFAULT_CHUNK,
    LEASE_SECONDS,
    NoActiveModel,
    RunCancelled,
    RunNotResumable,
    RunSummary,
    ScoringError,
    cancel_run,
    create_run,
    is_stalled,
    resolve_model,
    resume_run,
    run_counts,
    run_risk_counts,
    run_summary,
    scored_so_far,
    start_run,
)
from desktop.core.churn.scoring.writer import LostClaim

__all__ = [
    "DEFAULT_CHUNK",
    "LEASE_SECONDS",
    "POLL_SECONDS",
    "REASONS",
    "TOP_FACTORS",
    "ChunkOutcome",
    "LoadedModel",
    "LostClaim",
    "NoActiveModel",
    "RunCancelled",
    "RunNotResumable",
    "RunReport",
    "RunSummary",
    "ScoringEngine",
    "ScoringError",
    "Spawner",
    "WorkerStats",
    "cancel_run",
    "create_run",
    "is_stalled",
    "resolve_model",
    "resume_run",
    "run_counts",
    "run_in_threads",
    "run_risk_counts",
    "run_summary",
    "score",
    "scored_so_far",
    "start_run",
]
