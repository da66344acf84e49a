"""A first model for a database that has none: trained, activated and scored once.

The demo opens on the Dashboard; without a model every risk cell would read "—" and there would
be no reasons and no risk alerts. So on the demo's first start the window trains the candidate
models on the demo history, activates the best one and scores every customer, in the background.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from db import models as m
from db.choices import RunStatus
from db.tasks import TaskState
from desktop.core.churn import scoring, training

# A short demo history needs no more than this; the command line's `train` has the full set.
DEMO_SCORING_WORKERS = 1


@dataclass(frozen=True)
class FirstModelReport:
    trained: str | None  # the model trained and activated here, if one was
    run_id: int
    scored: int
    alerts: int


def missing_step() -> str | None:
    """What the database (with customers) lacks for risk to show: "train" (no model at all),
    "score" (a model is active, no run of it completed) or None."""
    if not m.Customer.select().exists():
        return None
    active = training.active_model()
    if active is None:
        return None if m.ModelVersion.select().exists() else "train"
    done = m.ScoringRun.select().where(
        m.ScoringRun.model_version == active.id, m.ScoringRun.status == RunStatus.COMPLETED
    )
    return None if done.exists() else "score"


def prepare(
    database: pw.Database, *, user: m.User | None = None, state: TaskState | None = None
) -> FirstModelReport | None:
    """Train and activate a model if there is none, then score every customer with it; None
    when nothing was missing. Cancellable between (and within) the steps."""
    state = state or TaskState()
    step = missing_step()
    if step is None:
        return None
    trained = None
    if step == "train":
        state.progress(0, 0, "training the first churn model")
        result = training.train_models(database, state=state, user=user, activate=True)
        trained = result.winner_version.name
    state.check()
    state.progress(0, 0, "scoring every customer")
    report = scoring.score(database, workers=DEMO_SCORING_WORKERS, state=state, user=user)
    return FirstModelReport(trained, report.run_id, report.scored, report.alerts)
