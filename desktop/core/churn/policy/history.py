"""Past snapshots to replay a policy over: the training code's point-in-time features and
labels at past cutoffs, scored by a stored model.

Cutoffs end one horizon before `as_of`, so every label is complete. The model's own horizon and
churn definition are used. A backtest over the cutoffs the model was trained on is in-sample
(optimistic); the default cutoffs start after its validation cutoff where the data allow.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import peewee as pw

from db import models as m
from db.choices import OrderStatus
from db.tasks import TaskState
from desktop.core.churn.policy.backtest import SnapshotScores
from desktop.core.churn.policy.rules import revenue_per_day
from desktop.core.churn.scoring.model import LoadedModel
from desktop.core.churn.training.snapshots import (
    ChurnDefinition,
    Snapshot,
    TrainingConfig,
    build_snapshot,
)

logger = logging.getLogger(__name__)


def model_config(version: m.ModelVersion) -> TrainingConfig:
    """The horizon and churn definition the model was trained with."""
    summary: dict[str, Any] = version.training_summary or {}
    definition = str(summary.get("churn_definition") or ChurnDefinition.STATUS.value)
    return TrainingConfig(
        horizon_days=int(summary.get("horizon_days") or 90),
        churn_definition=ChurnDefinition(definition),
        inactive_days=int(summary.get("inactive_days") or 90),
    )


def backtest_cutoffs(
    as_of: datetime, horizon_days: int, snapshots: int, step_days: int
) -> list[datetime]:
    """`snapshots` cutoffs `step_days` apart, the last one a horizon before `as_of`."""
    last = as_of - timedelta(days=horizon_days)
    return [last - timedelta(days=step_days * k) for k in reversed(range(snapshots))]


def _churn_in_days(snap: Snapshot, config: TrainingConfig) -> np.ndarray:
    """Days from the cutoff to the churn of each positive (NaN for the others)."""
    out = np.full(snap.y.size, np.nan)
    positive = np.flatnonzero(snap.y > 0.5)
    if positive.size == 0:
        return out
    wanted = snap.ids[positive].tolist()
    when: dict[int, datetime] = {}
    if config.churn_definition == ChurnDefinition.STATUS:
        c = m.Customer
        for cid, churned_at in (
            c.select(c.id, c.churned_at).where(c.id.in_(wanted)).tuples().iterator()
        ):
            if churned_at is not None:
                when[cid] = churned_at
    else:
        # Churned by inactivity the day `inactive_days` after their last order before the
        # window's end (the cutoff itself if they had not ordered since before it).
        o = m.Order
        rows = (
            o.select(o.customer, pw.fn.MAX(o.placed_at))
            .where(
                o.customer.in_(wanted),
                o.status != OrderStatus.CANCELLED.value,
                o.placed_at < snap.label_end,
            )
            .group_by(o.customer)
            .tuples()
        )
        last: dict[int, datetime] = {}
        for cid, placed in rows:
            last[cid] = datetime.fromisoformat(placed) if isinstance(placed, str) else placed
        for cid in wanted:
            start = max(
                last.get(cid, snap.cutoff), snap.cutoff - timedelta(days=config.inactive_days)
            )
            when[cid] = start + timedelta(days=config.inactive_days)
    for i, cid in zip(positive.tolist(), wanted, strict=True):
        if cid in when:
            out[i] = max((when[cid] - snap.cutoff).total_seconds() / 86_400.0, 0.0)
        else:  # no date to measure from: count it as midway through the horizon
            out[i] = config.horizon_days / 2
    return out


def past_snapshots(
    database: pw.Database,
    model: LoadedModel,
    config: TrainingConfig,
    cutoffs: list[datetime],
    *,
    state: TaskState | None = None,
) -> list[SnapshotScores]:
    """Each cutoff's customers scored by `model`, with revenue per day and days to churn."""
    out = []
    spend = model.names.index("spend_total")
    tenure = model.names.index("tenure_days")
    for k, cutoff in enumerate(cutoffs):
        if state is not None:
            state.progress(k, len(cutoffs), f"Scoring the history as of {cutoff:%Y-%m-%d}")
        snap = build_snapshot(database, cutoff, config, model.spec)
        out.append(
            SnapshotScores(
                cutoff=cutoff,
                ids=snap.ids,
                probability=model.predict(snap.x),
                revenue_per_day=revenue_per_day(snap.x[:, spend], snap.x[:, tenure]),
                churn_in_days=_churn_in_days(snap, config),
            )
        )
    if state is not None:
        state.progress(len(cutoffs), len(cutoffs), "History scored")
    return out
