"""Fitting and choosing a model: the two calibrated pipelines, their evaluation on the out-of-time
validation snapshot, permutation importance, what scoring needs to explain them, and
`train_models`, which runs the whole of it and stores the results."""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.tasks import TaskState
from db.validation import ValidationError
from desktop.core.churn import metrics as mt
from desktop.core.churn.concurrency import limit_native_threads
from desktop.core.churn.features import build_feature_spec
from desktop.core.churn.training.registry import activate_model, store_candidates
from desktop.core.churn.training.snapshots import (
    BOOSTED,
    LOGISTIC,
    ChurnDefinition,
    Snapshot,
    TrainingConfig,
    build_snapshot,
)
from desktop.core.services.permissions import Perm, require_operator

if TYPE_CHECKING:  # scikit-learn is imported when a model is first fitted: ~1 s of every start
    from sklearn.calibration import CalibratedClassifierCV

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

MIN_TRAIN_POSITIVES = 6
MIN_VALIDATION_POSITIVES = 3
EXPLAIN_TOP_FEATURES = 6  # the boosted model explains by substituting these, by importance
IMPORTANCE_MAX_ROWS = 10_000


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


# --- models ---------------------------------------------------------------------------------


def make_pipeline(algorithm: str, seed: int, rows: int = 10_000) -> CalibratedClassifierCV:
    """A calibrated pipeline: sigmoid calibration fitted on 3-fold out-of-fold scores.

    `rows` is the training set's size: the quantile transform may not ask for more quantiles
    than a cross-validation fold holds.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import QuantileTransformer, StandardScaler

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
    from sklearn.exceptions import ConvergenceWarning

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
    """What scoring needs to explain a prediction cheaply (see `scoring.model.LoadedModel`)."""
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
    require_operator(user, Perm.MODEL_TRAIN)
    if activate:
        require_operator(user, Perm.MODEL_STATUS)
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
    store_candidates(
        database, candidates=candidates, winner=winner, spec=spec, summary=summary, user=user
    )
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
