"""The training settings, and the point-in-time snapshots they select: features as of a cutoff,
labelled by churn in the horizon after it (by account status or by inactivity)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.choices import AccountStatus, OrderStatus
from db.validation import ValidationError
from desktop.core.churn.features import (
    FeatureMatrix,
    FeatureSpec,
    compute_features,
    iter_id_ranges,
)
from desktop.core.churn.lapsed import lapsed_mask
from desktop.core.i18n import QT_TRANSLATE_NOOP

FloatArray = npt.NDArray[np.float64]

LOGISTIC = "logistic_regression"
BOOSTED = "gradient_boosting"
# A logistic regression on the classic four (recency, frequency, order value, tenure): the
# fallback that wins when the richer models do not carry over to the validation period (a
# seasonal shop trained on one season, scored in another).
RFM = "rfm_logistic"
RFM_FEATURES = ("recency_days", "orders_total", "avg_order_value", "tenure_days")
ALGORITHMS = (LOGISTIC, BOOSTED, RFM)

DEFAULT_MAX_TRAINING_ROWS = 400_000
MAX_SNAPSHOTS = 60


class ChurnDefinition(StrEnum):
    STATUS = "status"  # the account is churned, with churned_at in the label window
    INACTIVITY = "inactivity"  # no order in the last N days of the label window


@dataclass(frozen=True)
class TrainingConfig:
    as_of: datetime | None = None
    horizon_days: int = 90
    churn_definition: ChurnDefinition = ChurnDefinition.STATUS
    inactive_days: int = 90
    training_snapshots: int = 3
    snapshot_step_days: int = 30
    chunk_size: int = 5_000
    max_training_rows: int = DEFAULT_MAX_TRAINING_ROWS
    seed: int = 42
    algorithms: tuple[str, ...] = ALGORITHMS

    def check(self) -> None:
        errors: dict[str, str] = {}
        if self.horizon_days < 7:
            errors["horizon_days"] = QT_TRANSLATE_NOOP(
                "Models", "the horizon must be at least 7 days"
            )
        if self.churn_definition not in ChurnDefinition.__members__.values():
            errors["churn_definition"] = QT_TRANSLATE_NOOP(
                "Models", "the churn definition must be 'status' or 'inactivity'"
            )
        if not 7 <= self.inactive_days <= 3650:
            errors["inactive_days"] = QT_TRANSLATE_NOOP(
                "Models", "inactivity must be between 7 and 3650 days"
            )
        if not 0 <= self.training_snapshots <= MAX_SNAPSHOTS:
            errors["training_snapshots"] = QT_TRANSLATE_NOOP(
                "Models", "between 0 and {max_snapshots} training snapshots"
            ).format(max_snapshots=MAX_SNAPSHOTS)
        if self.snapshot_step_days < 1:
            errors["snapshot_step_days"] = QT_TRANSLATE_NOOP(
                "Models", "the snapshot step must be at least one day"
            )
        if self.chunk_size < 1:
            errors["chunk_size"] = QT_TRANSLATE_NOOP("Models", "the chunk size must be at least 1")
        unknown = set(self.algorithms) - set(ALGORITHMS)
        if unknown or not self.algorithms:
            errors["algorithms"] = QT_TRANSLATE_NOOP("Models", "choose from {join}").format(
                join=", ".join(ALGORITHMS)
            )
        if errors:
            raise ValidationError(errors, entity="training settings")


@dataclass
class Snapshot:
    """Features as of `cutoff` and labels for the window [cutoff, label_end)."""

    cutoff: datetime
    label_end: datetime
    ids: npt.NDArray[np.int64]
    x: FloatArray
    y: FloatArray

    @property
    def positives(self) -> int:
        return int(self.y.sum())


def _status_labels(
    fm: FeatureMatrix, cutoff: datetime, label_end: datetime, *, newest: bool = False
) -> FloatArray | None:
    """1 if the account churned in [cutoff, label_end). A churned account without a churn date
    (a snapshot export: churned yes/no) churned within the newest period, the one that ends at
    the as-of date; in older periods its label is unknown (NaN: left out)."""
    if len(fm) == 0:
        return None
    c = m.Customer
    rows = (
        c.select(c.id, c.account_status, c.churned_at)
        .where(c.id.between(int(fm.ids[0]), int(fm.ids[-1])))
        .tuples()
    )
    info = {cid: (status, churned_at) for cid, status, churned_at in rows}
    y = np.zeros(len(fm))
    for i, cid in enumerate(fm.ids.tolist()):
        status, churned_at = info[cid]
        if churned_at is not None:
            y[i] = 1.0 if cutoff <= churned_at < label_end else 0.0
        elif status == AccountStatus.CHURNED.value:
            y[i] = 1.0 if newest else np.nan
    return y


def _inactivity_labels(
    fm: FeatureMatrix, cutoff: datetime, label_end: datetime, inactive_days: int
) -> FloatArray | None:
    """1 if no order in the last `inactive_days` of the window; NaN for customers who were
    already inactive that long at the cutoff (they had churned by this definition already)."""
    if len(fm) == 0:
        return None
    o = m.Order
    start = label_end - timedelta(days=inactive_days)
    rows = (
        o.select(o.customer, pw.fn.COUNT(o.id))
        .where(
            o.customer.between(int(fm.ids[0]), int(fm.ids[-1])),
            o.status != OrderStatus.CANCELLED.value,
            o.placed_at >= start,
            o.placed_at < label_end,
        )
        .group_by(o.customer)
        .tuples()
    )
    ordered = {cid for cid, count in rows if count}
    y = np.array([0.0 if cid in ordered else 1.0 for cid in fm.ids.tolist()])
    y[lapsed_mask(fm, inactive_days)] = np.nan  # scoring calls them lapsed by the same rule
    return y


def _keep_fraction(ids: npt.NDArray[np.int64], fraction: float) -> npt.NDArray[np.bool_]:
    """A deterministic sample of customers (the same ones in every snapshot)."""
    if fraction >= 1.0:
        return np.ones(ids.size, dtype=bool)
    hashed = (ids.astype(np.uint64) * np.uint64(2654435761)) % np.uint64(10_000)
    return hashed < np.uint64(int(fraction * 10_000))


def build_snapshot(
    database: pw.Database,
    cutoff: datetime,
    config: TrainingConfig,
    spec: FeatureSpec,
    *,
    fraction: float = 1.0,
    on_chunk: Callable[[], None] | None = None,
    newest: bool = False,
) -> Snapshot:
    """Features as of `cutoff`, labels in the horizon after it; `newest` for the period that
    ends at the as-of date (where undated churn is counted)."""
    label_end = cutoff + timedelta(days=config.horizon_days)
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    ids: list[npt.NDArray[np.int64]] = []
    for span, _count in iter_id_ranges(cutoff, config.chunk_size):
        fm = compute_features(database, span, cutoff, spec)
        if config.churn_definition == ChurnDefinition.STATUS:
            y = _status_labels(fm, cutoff, label_end, newest=newest)
        else:
            y = _inactivity_labels(fm, cutoff, label_end, config.inactive_days)
        if y is not None:
            keep = ~np.isnan(y) & _keep_fraction(fm.ids, fraction)
            xs.append(fm.matrix[keep])
            ys.append(y[keep])
            ids.append(fm.ids[keep])
        if on_chunk is not None:
            on_chunk()
    width = len(spec.names)
    return Snapshot(
        cutoff,
        label_end,
        np.concatenate(ids) if ids else np.empty(0, dtype=np.int64),
        np.vstack(xs) if xs else np.empty((0, width)),
        np.concatenate(ys) if ys else np.empty(0),
    )
