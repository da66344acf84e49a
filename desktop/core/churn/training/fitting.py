"""Train churn models on point-in-time snapshots and keep them as `ModelVersion`s.

The timeline, with T the training date (default now) and h the horizon (default 90 days):

- validation snapshot: features as of T − h, label "churned in [T − h, T)";
- training snapshots: features as of T − 2h, T − 2h − 30 d, … (`training_snapshots` of them),
  each labelled by churn in the h days after its cutoff.

Every training label is known by T − h, when the validation features are taken, so the validation
is out-of-time: it measures how a model trained on the past does on a later period. A customer
appears in several snapshots (at different dates); that is more examples of the same behaviour,
not leakage.

Churn is either the account status (`churned_at` within the label window) or inactivity (no order
in the last N days of the window). Two calibrated scikit-learn pipelines are fitted — a regularised
logistic regression and a histogram gradient-boosted model — and the one with the better
validation PR AUC wins. Both are stored, as candidates, with their metrics, feature definitions,
training summary and a skops artifact; `activate_model` makes one the model scoring uses.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import QuantileTransformer, StandardScaler

from db import models as m
from db.choices import AccountStatus, ModelStatus, OrderStatus
from db.tasks import TaskState
from db.validation import ValidationError
from desktop.core.churn import metrics as mt
from desktop.core.churn.artifacts import dump_model
from desktop.core.churn.concurrency import limit_native_threads, write_tx
from desktop.core.churn.features import (
    FeatureMatrix,
    FeatureSpec,
    build_feature_spec,
    compute_features,
    iter_id_ranges,
)

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

LOGISTIC = "logistic_regression"
BOOSTED = "gradient_boosting"
ALGORITHMS = (LOGISTIC, BOOSTED)
SHORT_NAMES = {LOGISTIC: "lr", BOOSTED: "gbm"}

MIN_TRAIN_POSITIVES = 6
MIN_VALIDATION_POSITIVES = 3
EXPLAIN_TOP_FEATURES = 6  # the boosted model explains by substituting these, by importance
IMPORTANCE_MAX_ROWS = 10_000
DEFAULT_MAX_TRAINING_ROWS = 400_000


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
            errors["horizon_days"] = "the horizon must be at least 7 days"
        if self.churn_definition not in ChurnDefinition.__members__.values():
            errors["churn_definition"] = "the churn definition must be 'status' or 'inactivity'"
        if not 7 <= self.inactive_days <= 3650:
            errors["inactive_days"] = "inactivity must be between 7 and 3650 days"
        if self.training_snapshots < 1:
            errors["training_snapshots"] = "at least one training snapshot is needed"
        if self.snapshot_step_days < 1:
            errors["snapshot_step_days"] = "the snapshot step must be at least one day"
        if self.chunk_size < 1:
            errors["chunk_size"] = "the chunk size must be at least 1"
        unknown = set(self.algorithms) - set(ALGORITHMS)
        if unknown or not self.algorithms:
            errors["algorithms"] = f"choose from {', '.join(ALGORITHMS)}"
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


@dataclass
class Candidate:
    algorithm: str
    model: Any
    validation_probabilities: FloatArray
    metrics: dict[str, Any]
    explanation: dict[str, Any]
    parameters: dict[str, Any]
    fit_seconds: float
    warnings: list[str] = field(default_factory=list)
    version: m.ModelVersion | None = None


@dataclass
class TrainingResult:
    candidates: list[Candidate]
    winner: Candidate
    summary: dict[str, Any]
    elapsed: float
    validation_y: FloatArray = field(default_factory=lambda: np.empty(0))

    @property
    def winner_version(self) -> m.ModelVersion:
        assert self.winner.version is not None
        return self.winner.version


# --- labels ---------------------------------------------------------------------------------


def _status_labels(fm: FeatureMatrix, cutoff: datetime, label_end: datetime) -> FloatArray | None:
    """1 if the account churned in [cutoff, label_end); rows with unknown churn dates get NaN."""
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
            y[i] = np.nan  # churned, but we do not know when: leave the customer out
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
    recency, tenure = fm.column("recency_days"), fm.column("tenure_days")
    y[(recency >= inactive_days) & (tenure >= inactive_days)] = np.nan
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
) -> Snapshot:
    label_end = cutoff + timedelta(days=config.horizon_days)
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    ids: list[npt.NDArray[np.int64]] = []
    for span, _count in iter_id_ranges(cutoff, config.chunk_size):
        fm = compute_features(database, span, cutoff, spec)
        if config.churn_definition == ChurnDefinition.STATUS:
            y = _status_labels(fm, cutoff, label_end)
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


# --- models ---------------------------------------------------------------------------------


def make_pipeline(algorithm: str, seed: int, rows: int = 10_000) -> CalibratedClassifierCV:
    """A calibrated pipeline: sigmoid calibration fitted on 3-fold out-of-fold scores.

    `rows` is the training set's size: the quantile transform may not ask for more quantiles
    than a cross-validation fold holds.
    """
    if algorithm == LOGISTIC:
        quantiles = max(2, min(200, (2 * rows) // 3 - 1))
        # Quantiles first: a count far beyond anything seen in training (4 tickets when 0.05 is
        # typical) then counts as "the highest seen", instead of a z-score of 70 that drives the
        # probability to 1.0. The model stays linear in the (bounded) transformed values.
        base = Pipeline(
            [
                (
                    "quantile",
                    QuantileTransformer(n_quantiles=quantiles, output_distribution="uniform"),
                ),
                ("scale", StandardScaler()),
                ("model", LogisticRegression(C=0.5, max_iter=5_000)),
            ]
        )
    elif algorithm == BOOSTED:
        base = Pipeline(
            [
                (
                    "model",
                    HistGradientBoostingClassifier(
                        learning_rate=0.05,
                        max_iter=300,
                        max_leaf_nodes=15,
                        min_samples_leaf=20,
                        l2_regularization=1.0,
                        early_stopping=True,
                        random_state=seed,
                    ),
                )
            ]
        )
    else:
        raise ValueError(f"unknown algorithm {algorithm!r}")
    return CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False)


def _json_params(model: CalibratedClassifierCV) -> dict[str, Any]:
    inner = model.estimator.steps[-1][1]
    params = {
        k: v
        for k, v in inner.get_params().items()
        if isinstance(v, (int, float, str, bool)) or v is None
    }
    return {"calibration": "sigmoid, 3-fold", "model": type(inner).__name__, **params}


def _fit(model: CalibratedClassifierCV, x: FloatArray, y: FloatArray) -> list[str]:
    """Fit, keeping convergence warnings as notes rather than errors."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(x, y.astype(np.int64))
    notes = [str(w.message) for w in caught if issubclass(w.category, ConvergenceWarning)]
    for note in notes:
        log.warning("training: %s", note)
    return notes


def _importance(
    model: Any,
    x: FloatArray,
    y: FloatArray,
    *,
    names: Sequence[str],
    labels: dict[str, str],
    seed: int,
    repeats: int = 3,
) -> list[dict[str, Any]]:
    """Permutation importance on the validation data: the drop in PR AUC when a feature is
    shuffled (model-agnostic, so the two algorithms are compared on the same footing).

    The shuffled copies of one feature go to the model in one batch: one prediction call per
    feature rather than one per feature and repeat.
    """
    rng = np.random.default_rng(seed)
    if x.shape[0] > IMPORTANCE_MAX_ROWS:
        pick = rng.choice(x.shape[0], IMPORTANCE_MAX_ROWS, replace=False)
        x, y = x[pick], y[pick]
    n = x.shape[0]
    base = mt.average_precision(y, model.predict_proba(x)[:, 1]) or 0.0
    out: list[dict[str, Any]] = []
    for j, name in enumerate(names):
        if np.ptp(x[:, j]) == 0:  # shuffling a constant changes nothing
            drops = np.zeros(repeats)
        else:
            stacked = np.tile(x, (repeats, 1))
            for r in range(repeats):
                stacked[r * n : (r + 1) * n, j] = rng.permutation(x[:, j])
            p = model.predict_proba(stacked)[:, 1]
            drops = np.array(
                [
                    base - (mt.average_precision(y, p[r * n : (r + 1) * n]) or 0.0)
                    for r in range(repeats)
                ]
            )
        out.append(
            {
                "name": name,
                "label": labels.get(name, name),
                "importance": round(float(drops.mean()), 6),
                "std": round(float(drops.std()), 6),
            }
        )
    out.sort(key=lambda d: -float(d["importance"]))
    return out


def _explanation(
    algorithm: str,
    train_x: FloatArray,
    names: Sequence[str],
    importance: list[dict[str, Any]],
) -> dict[str, Any]:
    """What scoring needs to explain a prediction cheaply (see `desktop.core.churn.scoring`)."""
    baseline = np.median(train_x, axis=0) if train_x.size else np.zeros(len(names))
    if algorithm == LOGISTIC:
        return {"method": "linear", "unit": "probability"}
    varying = [d["name"] for d in importance if d["importance"] > 0]
    top = (varying or [d["name"] for d in importance])[:EXPLAIN_TOP_FEATURES]
    return {
        "method": "substitution",
        "unit": "probability",
        "features": top,
        "baseline": {name: float(baseline[list(names).index(name)]) for name in top},
    }


# --- training -------------------------------------------------------------------------------


def _cutoffs(config: TrainingConfig, as_of: datetime) -> tuple[datetime, list[datetime]]:
    h = timedelta(days=config.horizon_days)
    validation = as_of - h
    step = timedelta(days=config.snapshot_step_days)
    training = [validation - h - k * step for k in range(config.training_snapshots)]
    return validation, training


def _eligible_count(cutoff: datetime) -> int:
    c = m.Customer
    return (
        c.select()
        .where(
            c.deleted_at.is_null(),
            c.customer_since <= cutoff.date(),
            c.churned_at.is_null() | (c.churned_at >= cutoff),
        )
        .count()
    )


def _summary_of(snapshots: Sequence[Snapshot]) -> dict[str, Any]:
    rows = sum(s.y.size for s in snapshots)
    positives = sum(s.positives for s in snapshots)
    return {
        "rows": rows,
        "customers": int(np.unique(np.concatenate([s.ids for s in snapshots])).size) if rows else 0,
        "positives": positives,
        "churn_rate": positives / rows if rows else 0.0,
        "date_range": [
            min(s.cutoff for s in snapshots).isoformat(sep=" "),
            max(s.label_end for s in snapshots).isoformat(sep=" "),
        ],
        "cutoffs": [s.cutoff.isoformat(sep=" ") for s in snapshots],
    }


def train_models(
    database: pw.Database,
    config: TrainingConfig | None = None,
    *,
    state: TaskState | None = None,
    user: m.User | None = None,
    activate: bool = False,
) -> TrainingResult:
    """Build the snapshots, fit and compare the models, store them; optionally activate the
    winner. Raises `ValidationError` when the data cannot support a model (too few churners)."""
    config = config or TrainingConfig()
    config.check()
    limit_native_threads()
    state = state or TaskState()
    started = time.perf_counter()
    as_of = config.as_of or m.utcnow()
    validation_cutoff, training_cutoffs = _cutoffs(config, as_of)

    spec = build_feature_spec(database, validation_cutoff)
    names = spec.names
    labels = {d["name"]: d["label"] for d in spec.definitions()}

    eligible = _eligible_count(validation_cutoff)
    rows_expected = eligible * (len(training_cutoffs) + 1)
    fraction = min(1.0, config.max_training_rows / rows_expected) if rows_expected else 1.0
    chunks_per_snapshot = max(1, -(-eligible // config.chunk_size))
    fits = len(config.algorithms)
    total = chunks_per_snapshot * (len(training_cutoffs) + 1) + 2 * fits + 1
    done = 0

    def step(text: str) -> None:
        nonlocal done
        done += 1
        state.progress(min(done, total), total, text)

    def snapshot(cutoff: datetime) -> Snapshot:
        def on_chunk() -> None:
            step(f"Features as of {cutoff:%Y-%m-%d}")

        return build_snapshot(database, cutoff, config, spec, fraction=fraction, on_chunk=on_chunk)

    state.progress(0, total, "Building training snapshots")
    training = [snapshot(cutoff) for cutoff in training_cutoffs]
    validation = snapshot(validation_cutoff)
    train_x = np.vstack([s.x for s in training])
    train_y = np.concatenate([s.y for s in training])
    _check_enough(train_y, validation.y, config)

    constant = [names[j] for j in range(len(names)) if np.ptp(train_x[:, j]) == 0]
    candidates: list[Candidate] = []
    for algorithm in config.algorithms:
        state.check()
        candidates.append(
            _fit_candidate(
                algorithm,
                config,
                train_x=train_x,
                train_y=train_y,
                validation=validation,
                names=names,
                labels=labels,
                step=step,
            )
        )

    winner = max(candidates, key=_selection_key)
    summary: dict[str, Any] = {
        "as_of": as_of.isoformat(sep=" "),
        "horizon_days": config.horizon_days,
        "churn_definition": str(config.churn_definition),
        "inactive_days": config.inactive_days
        if config.churn_definition == ChurnDefinition.INACTIVITY
        else None,
        "train": _summary_of(training),
        "validation": _summary_of([validation]),
        "sample_fraction": round(fraction, 4),
        "selection": "highest validation PR AUC (ties: ROC AUC)",
        "threshold_rule": "maximises F1 on the validation snapshot",
        "constant_features": constant,
        "compared": [
            {
                "algorithm": c.algorithm,
                "pr_auc": c.metrics["pr_auc"],
                "roc_auc": c.metrics["roc_auc"],
                "brier": c.metrics["brier"],
                "fit_seconds": round(c.fit_seconds, 3),
            }
            for c in candidates
        ],
    }
    state.check()
    _store(database, candidates=candidates, winner=winner, spec=spec, summary=summary, user=user)
    if activate and winner.version is not None:
        winner.version = activate_model(database, winner.version.id, user=user)
    step("Stored the models")
    elapsed = time.perf_counter() - started
    log.info(
        "trained %d models in %.1f s on %d rows; winner %s",
        len(candidates),
        elapsed,
        summary["train"]["rows"],
        winner.algorithm,
    )
    return TrainingResult(candidates, winner, summary, elapsed, validation.y)


def _fit_candidate(
    algorithm: str,
    config: TrainingConfig,
    *,
    train_x: FloatArray,
    train_y: FloatArray,
    validation: Snapshot,
    names: Sequence[str],
    labels: dict[str, str],
    step: Callable[[str], None],
) -> Candidate:
    """Fit one algorithm on the training snapshots and measure it on the validation one."""
    model = make_pipeline(algorithm, config.seed, rows=train_y.size)
    t0 = time.perf_counter()
    notes = _fit(model, train_x, train_y)
    fit_seconds = time.perf_counter() - t0
    step(f"Fitted {algorithm.replace('_', ' ')}")
    probabilities = model.predict_proba(validation.x)[:, 1]
    threshold = mt.best_f1_threshold(validation.y, probabilities)
    metrics = mt.evaluate(validation.y, probabilities, threshold)
    train_probabilities = model.predict_proba(train_x)[:, 1]
    metrics["train_roc_auc"] = mt.roc_auc(train_y, train_probabilities)
    metrics["train_brier"] = mt.brier_score(train_y, train_probabilities)
    metrics["feature_importance"] = _importance(
        model, validation.x, validation.y, names=names, labels=labels, seed=config.seed
    )
    step(f"Evaluated {algorithm.replace('_', ' ')}")
    return Candidate(
        algorithm=algorithm,
        model=model,
        validation_probabilities=probabilities,
        metrics=metrics,
        explanation=_explanation(algorithm, train_x, names, metrics["feature_importance"]),
        parameters=_json_params(model),
        fit_seconds=fit_seconds,
        warnings=notes,
    )


def _selection_key(c: Candidate) -> tuple[float, float]:
    return (c.metrics["pr_auc"] or 0.0, c.metrics["roc_auc"] or 0.0)


def _check_enough(train_y: FloatArray, validation_y: FloatArray, config: TrainingConfig) -> None:
    train_pos, val_pos = int(train_y.sum()), int(validation_y.sum())
    train_neg, val_neg = train_y.size - train_pos, validation_y.size - val_pos
    hint = (
        "more history is needed (more customers, or a shorter --horizon-days"
        + (", or --churn-definition inactivity" if config.churn_definition == "status" else "")
        + ")"
    )
    errors: dict[str, str] = {}
    if train_pos < MIN_TRAIN_POSITIVES or train_neg < MIN_TRAIN_POSITIVES:
        errors["training data"] = (
            f"{train_pos} churners and {train_neg} others before the validation period; at "
            f"least {MIN_TRAIN_POSITIVES} of each are needed – {hint}"
        )
    if val_pos < MIN_VALIDATION_POSITIVES or val_neg < MIN_VALIDATION_POSITIVES:
        errors["validation data"] = (
            f"{val_pos} churners and {val_neg} others in the last {config.horizon_days} days; "
            f"at least {MIN_VALIDATION_POSITIVES} of each are needed – {hint}"
        )
    if errors:
        raise ValidationError(errors, entity="the training data")


def _unique_name(base: str) -> str:
    name, n = base, 1
    while m.ModelVersion.select().where(m.ModelVersion.name == name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _store(
    database: pw.Database,
    *,
    candidates: Sequence[Candidate],
    winner: Candidate,
    spec: FeatureSpec,
    summary: dict[str, Any],
    user: m.User | None,
) -> None:
    stamp = m.utcnow()
    definitions = spec.definitions()
    with write_tx(database):
        for c in candidates:
            artifact, digest = dump_model(c.model)
            name = _unique_name(f"churn-{stamp:%Y%m%d-%H%M%S}-{SHORT_NAMES[c.algorithm]}")
            c.version = m.ModelVersion.create(
                name=name,
                algorithm=c.algorithm,
                parameters=c.parameters,
                feature_definitions={
                    "spec": spec.to_json(),
                    "features": definitions,
                    "explanation": c.explanation,
                },
                training_summary={
                    **summary,
                    "selected": c is winner,
                    "warnings": c.warnings,
                },
                metrics=c.metrics,
                threshold=c.metrics["threshold"],
                artifact=artifact,
                artifact_sha256=digest,
                status=ModelStatus.CANDIDATE.value,
                trained_by=user.id if user else None,
                trained_at=stamp,
            )
            m.AuditLog.create(
                user=user.id if user else None,
                action="train",
                entity="ModelVersion",
                entity_id=c.version.id,
                after={
                    "name": name,
                    "algorithm": c.algorithm,
                    "selected": c is winner,
                    "pr_auc": c.metrics["pr_auc"],
                    "roc_auc": c.metrics["roc_auc"],
                    "artifact_sha256": digest,
                },
            )


# --- lifecycle ------------------------------------------------------------------------------


def find_model(name_or_id: str | int) -> m.ModelVersion:
    """A model version by name (or numeric id); `ValidationError` if there is none."""
    mv = m.ModelVersion
    query = mv.select(mv)
    text = str(name_or_id).strip()
    found = query.where(mv.name == text).first()
    if found is None and text.isdigit():
        found = query.where(mv.id == int(text)).first()
    if found is None:
        raise ValidationError({"model": f"there is no model named '{text}'"}, entity="Model")
    return found


def active_model() -> m.ModelVersion | None:
    mv = m.ModelVersion
    return mv.select().where(mv.status == ModelStatus.ACTIVE.value).order_by(mv.id.desc()).first()


def activate_model(
    database: pw.Database, name_or_id: str | int, *, user: m.User | None = None
) -> m.ModelVersion:
    """Make this the model scoring uses; the previously active one is retired."""
    with write_tx(database):
        target = find_model(name_or_id)
        previous = [
            v
            for v in m.ModelVersion.select().where(
                m.ModelVersion.status == ModelStatus.ACTIVE.value, m.ModelVersion.id != target.id
            )
        ]
        now = m.utcnow()
        for old in previous:
            m.ModelVersion.update(status=ModelStatus.RETIRED.value, updated_at=now).where(
                m.ModelVersion.id == old.id
            ).execute()
            _audit_status(user, "retire", old, ModelStatus.RETIRED)
        if target.status != ModelStatus.ACTIVE.value:
            m.ModelVersion.update(
                status=ModelStatus.ACTIVE.value, activated_at=now, updated_at=now
            ).where(m.ModelVersion.id == target.id).execute()
            _audit_status(user, "activate", target, ModelStatus.ACTIVE)
    log.info("activated model %s", target.name)
    return find_model(target.id)


def retire_model(
    database: pw.Database, name_or_id: str | int, *, user: m.User | None = None
) -> m.ModelVersion:
    """Take a model out of use; if it was the active one, scoring needs another activated."""
    with write_tx(database):
        target = find_model(name_or_id)
        if target.status != ModelStatus.RETIRED.value:
            m.ModelVersion.update(status=ModelStatus.RETIRED.value, updated_at=m.utcnow()).where(
                m.ModelVersion.id == target.id
            ).execute()
            _audit_status(user, "retire", target, ModelStatus.RETIRED)
    log.info("retired model %s", target.name)
    return find_model(target.id)


def _audit_status(
    user: m.User | None, action: str, version: m.ModelVersion, status: ModelStatus
) -> None:
    m.AuditLog.create(
        user=user.id if user else None,
        action=action,
        entity="ModelVersion",
        entity_id=version.id,
        before={"status": version.status},
        after={"status": status.value, "name": version.name},
    )


def list_models() -> list[m.ModelVersion]:
    """Every version, newest first, without the artifact bytes (they can be large)."""
    mv = m.ModelVersion
    fields = [f for f in mv._meta.sorted_fields if f.name != "artifact"]
    return list(mv.select(*fields).order_by(mv.trained_at.desc(), mv.id.desc()))


def describe_model(version: m.ModelVersion) -> dict[str, Any]:
    """A JSON-ready summary of a version for `churnwatch models --json` and the Models page."""
    metrics: dict[str, Any] = version.metrics or {}
    summary: dict[str, Any] = version.training_summary or {}
    keys = (
        "accuracy",
        "precision",
        "recall",
        "f1",
        "roc_auc",
        "pr_auc",
        "brier",
        "top_decile_lift",
        "threshold",
        "confusion_matrix",
    )
    return {
        "id": version.id,
        "name": version.name,
        "algorithm": version.algorithm,
        "status": version.status,
        "trained_at": version.trained_at.isoformat(sep=" ") if version.trained_at else None,
        "activated_at": version.activated_at.isoformat(sep=" ") if version.activated_at else None,
        "selected": bool(summary.get("selected")),
        "metrics": {k: metrics.get(k) for k in keys},
        "training": {
            "rows": summary.get("train", {}).get("rows"),
            "churn_rate": summary.get("train", {}).get("churn_rate"),
            "date_range": summary.get("train", {}).get("date_range"),
            "validation_rows": summary.get("validation", {}).get("rows"),
            "churn_definition": summary.get("churn_definition"),
            "horizon_days": summary.get("horizon_days"),
        },
        "artifact_sha256": version.artifact_sha256,
    }
