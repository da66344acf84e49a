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
from desktop.core.churn.explain.additive import AdditiveExplainer
from desktop.core.churn.features import build_feature_spec, fit_history
from desktop.core.churn.training.registry import activate_model, store_candidates
from desktop.core.churn.training.snapshots import (
    BOOSTED,
    LOGISTIC,
    RFM,
    RFM_FEATURES,
    ChurnDefinition,
    Snapshot,
    TrainingConfig,
    build_snapshot,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.permissions import Perm, require_operator

if TYPE_CHECKING:  # scikit-learn is imported when a model is first fitted: ~1 s of every start
    from sklearn.calibration import CalibratedClassifierCV

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]

MIN_TRAIN_POSITIVES = 6
MIN_VALIDATION_POSITIVES = 3
IMPORTANCE_MAX_ROWS = 10_000
SELECTION_MARGIN = 0.01  # PR AUC within which calibration decides between models
KFOLD_SPLITS = 5
OUT_OF_TIME = "out-of-time"
KFOLD = "stratified k-fold"
MONOTONIC: dict[str, int] = {
    "failed_payments_90d": 1,
    "payment_failure_rate_90d": 1,
    "consecutive_failures": 1,
    "card_expired": 1,
    "days_since_failure": -1,
    "escalations_90d": 1,
    "low_satisfaction": 1,
    "recency_days": 1,
    "days_since_activity": 1,
    # The order rhythm: further past the usual gap is never safer; a better chance of still
    # buying, or more orders expected, is never riskier.
    "gap_overdue_ratio": 1,
    "btyd_p_alive": -1,
    "btyd_expected_orders": -1,
}


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
    validation_ids: npt.NDArray[np.int64] = field(
        default_factory=lambda: np.empty(0, dtype=np.int64)
    )  # the customers of validation_y and of each candidate's validation probabilities

    @property
    def winner_version(self) -> m.ModelVersion:
        assert self.winner.version is not None
        return self.winner.version


# --- models ---------------------------------------------------------------------------------


def monotonic_constraints(names: Sequence[str]) -> list[int] | None:
    """+1 where more of a feature may never lower the boosted model's risk, −1 where it may
    never raise it (domain sense: another failed payment is never good news)."""
    if not names:
        return None
    return [MONOTONIC.get(name, 0) for name in names]


def make_pipeline(
    algorithm: str, seed: int, rows: int = 10_000, names: Sequence[str] = ()
) -> CalibratedClassifierCV:
    """A calibrated pipeline: sigmoid calibration fitted on 3-fold out-of-fold scores.

    `rows` is the training set's size: the quantile transform may not ask for more quantiles
    than a cross-validation fold holds. `names` (the feature columns) switch on the monotonic
    constraints of the boosted model.
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
    elif algorithm == RFM:
        from sklearn.compose import ColumnTransformer
        from sklearn.preprocessing import FunctionTransformer

        # arcsinh: log-like for the long tails of counts, days and amounts (the ranking a
        # quantile transform flattens), and defined for any value.
        columns = [list(names).index(name) for name in RFM_FEATURES]
        base = Pipeline(
            [
                (
                    "select",
                    ColumnTransformer([("rfm", FunctionTransformer(np.arcsinh), columns)]),
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
                        monotonic_cst=monotonic_constraints(names),
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


def _explanation(model: CalibratedClassifierCV) -> dict[str, Any]:
    """How the model's predictions are explained (`explain.additive`), with the baseline every
    prediction's contributions add to, so the 360 can state it."""
    explainer = AdditiveExplainer(model)
    return {
        "method": explainer.method,
        "unit": "log-odds",
        "baseline_log_odds": round(explainer.baseline, 12),
        "baseline_probability": round(explainer.baseline_probability, 12),
        "monotonic": sorted(MONOTONIC) if explainer.method == "treeshap" else [],
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

    spec = build_feature_spec(database, validation_cutoff, horizon_days=config.horizon_days)
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

        # BG/NBD fitted per cutoff on what was known then (see features.OrderHistory).
        return build_snapshot(
            database,
            cutoff,
            config,
            fit_history(spec, cutoff, chunk_size=config.chunk_size),
            fraction=fraction,
            on_chunk=on_chunk,
            newest=cutoff == validation_cutoff,
        )

    state.progress(0, total, "Building training snapshots")
    training = [snapshot(cutoff) for cutoff in training_cutoffs]
    validation = snapshot(validation_cutoff)
    protocol, protocol_note, training = _protocol(training, validation)
    if protocol_note:
        log.info("training: %s", protocol_note)
    train_x, train_y = _training_data(protocol, training, validation, config)

    constant = [names[j] for j in range(len(names)) if np.ptp(train_x[:, j]) == 0]
    algorithms = _algorithms_for(config, constant)
    total -= 2 * (len(config.algorithms) - len(algorithms))  # two steps a fit
    candidates = [
        (_fit_candidate_kfold if protocol == KFOLD else _fit_candidate)(
            algorithm,
            config,
            train_x=train_x,
            train_y=train_y,
            validation=validation,
            names=names,
            labels=labels,
            step=step,
            state=state,
        )
        for algorithm in algorithms
    ]
    winner = choose_winner(candidates)
    summary: dict[str, Any] = {
        "as_of": as_of.isoformat(sep=" "),
        "horizon_days": config.horizon_days,
        "churn_definition": str(config.churn_definition),
        "inactive_days": config.inactive_days
        if config.churn_definition == ChurnDefinition.INACTIVITY
        else None,
        "train": _summary_of(training or [validation]),
        "validation": _summary_of([validation]),
        "validation_protocol": protocol,
        "population": _population(config, eligible, validation),
        "validation_note": protocol_note,
        "sample_fraction": round(fraction, 4),
        "selection": f"lowest validation log loss (ties: Brier) among the models within "
        f"{SELECTION_MARGIN} of the best PR AUC",
        "threshold_rule": "maximises F1 on the validation snapshot",
        "constant_features": constant,
        "compared": [
            {
                "algorithm": c.algorithm,
                "pr_auc": c.metrics["pr_auc"],
                "roc_auc": c.metrics["roc_auc"],
                "brier": c.metrics["brier"],
                "log_loss": c.metrics.get("log_loss"),
                "ece": c.metrics.get("ece"),
                "fit_seconds": round(c.fit_seconds, 3),
            }
            for c in candidates
        ],
    }
    state.check()
    spec = fit_history(spec, as_of, chunk_size=config.chunk_size)  # the one scoring uses
    summary["btyd_parameters"] = spec.history.btyd if spec.history else None
    store_candidates(
        database, candidates=candidates, winner=winner, spec=spec, summary=summary, user=user
    )
    if activate and winner.version is not None:
        winner.version = activate_model(database, winner.version.id, user=user)
    step("Stored the models")
    result = TrainingResult(
        candidates, winner, summary, time.perf_counter() - started, validation.y, validation.ids
    )
    log.info(
        "trained %d models in %.1f s on %d rows; winner %s",
        len(candidates),
        result.elapsed,
        summary["train"]["rows"],
        winner.algorithm,
    )
    return result


def _algorithms_for(config: TrainingConfig, constant: Sequence[str]) -> list[str]:
    """The algorithms to fit. Without an order history (a snapshot export of plans and tenure)
    the RFM model would be a tenure-only model: not a candidate worth storing."""
    algorithms = [a for a in config.algorithms if a != RFM or "orders_total" not in constant]
    return algorithms or list(config.algorithms)  # asked for the RFM model alone: fit it


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
    state: TaskState,
) -> Candidate:
    """Fit one algorithm on the training snapshots and measure it on the validation one."""
    state.check()
    model = make_pipeline(algorithm, config.seed, rows=train_y.size, names=names)
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
        explanation=_explanation(model),
        parameters=_json_params(model),
        fit_seconds=fit_seconds,
        warnings=notes,
    )


def _fit_candidate_kfold(
    algorithm: str,
    config: TrainingConfig,
    *,
    train_x: FloatArray,
    train_y: FloatArray,
    validation: Snapshot,
    names: Sequence[str],
    labels: dict[str, str],
    step: Callable[[str], None],
    state: TaskState,
) -> Candidate:
    """One period only: the metrics come from stratified k-fold out-of-fold predictions (each
    customer predicted by a model that never saw them); the stored model is fitted on all."""
    from sklearn.model_selection import StratifiedKFold

    del validation  # the one period is the training data
    state.check()
    y = train_y.astype(np.int64)
    folds = min(KFOLD_SPLITS, int(y.sum()), int(y.size - y.sum()))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=config.seed)
    oof = np.zeros(y.size)
    notes: list[str] = []
    for fit_rows, held_rows in splitter.split(train_x, y):
        fold_model = make_pipeline(algorithm, config.seed, rows=fit_rows.size, names=names)
        notes += _fit(fold_model, train_x[fit_rows], train_y[fit_rows])
        oof[held_rows] = fold_model.predict_proba(train_x[held_rows])[:, 1]
    model = make_pipeline(algorithm, config.seed, rows=y.size, names=names)
    t0 = time.perf_counter()
    notes += _fit(model, train_x, train_y)
    fit_seconds = time.perf_counter() - t0
    step(f"Fitted {algorithm.replace('_', ' ')}")
    threshold = mt.best_f1_threshold(train_y, oof)
    metrics = mt.evaluate(train_y, oof, threshold)
    metrics["folds"] = folds
    fitted = model.predict_proba(train_x)[:, 1]
    metrics["train_roc_auc"] = mt.roc_auc(train_y, fitted)
    metrics["train_brier"] = mt.brier_score(train_y, fitted)
    # In-sample (there is no held-out period): the ranking of the features, not their size.
    metrics["feature_importance"] = _importance(
        model, train_x, train_y, names=names, labels=labels, seed=config.seed
    )
    step(f"Evaluated {algorithm.replace('_', ' ')}")
    return Candidate(
        algorithm=algorithm,
        model=model,
        validation_probabilities=oof,
        metrics=metrics,
        explanation=_explanation(model),
        parameters=_json_params(model),
        fit_seconds=fit_seconds,
        warnings=sorted(set(notes)),
    )


def _has_no_churn(snapshots: Sequence[Snapshot]) -> bool:
    return sum(s.positives for s in snapshots) == 0


def _enough(y: FloatArray, least: int) -> bool:
    positives = int(y.sum())
    return positives >= least and y.size - positives >= least


def _population(config: TrainingConfig, eligible: int, validation: Snapshot) -> dict[str, Any]:
    """Which customers the metrics describe, and how many: the same rule scoring applies."""
    if config.churn_definition == ChurnDefinition.INACTIVITY:
        rule = (
            f"customers with an order in the {config.inactive_days} days before the cutoff "
            "(the lapsed, already inactive that long, are left out, as scoring leaves them out)"
        )
    else:
        rule = "customers not yet churned at the cutoff (a churned account without a date counts"
        rule += " as churned in the newest period)"
    return {
        "rule": rule,
        "size": int(validation.y.size),
        "customers_at_cutoff": eligible,
        "left_out": max(0, eligible - int(validation.y.size)),
    }


def _protocol(
    training: list[Snapshot], validation: Snapshot
) -> tuple[str, str | None, list[Snapshot]]:
    """Out-of-time when there are older periods with churn; else stratified k-fold on the one
    period (and then no training snapshots)."""
    if not training:
        return KFOLD, "one period (--snapshots 1): validated by stratified k-fold", []
    if _has_no_churn(training) and _enough(validation.y, MIN_TRAIN_POSITIVES):
        # A one-period snapshot (churned yes/no, no dates): the older periods hold no churn.
        return (
            KFOLD,
            "the data has churn in one period only (the older snapshots hold none): "
            "validated by stratified k-fold on that period instead of out-of-time",
            [],
        )
    return OUT_OF_TIME, None, training


def _training_data(
    protocol: str, training: list[Snapshot], validation: Snapshot, config: TrainingConfig
) -> tuple[FloatArray, FloatArray]:
    """The rows the models are fitted on, checked to hold enough churners and others."""
    if protocol == KFOLD:
        _check_enough_single(validation.y)
        return validation.x, validation.y
    train_x = np.vstack([s.x for s in training])
    train_y = np.concatenate([s.y for s in training])
    _check_enough(train_y, validation.y, config)
    return train_x, train_y


def _check_enough_single(y: FloatArray) -> None:
    if not _enough(y, MIN_TRAIN_POSITIVES):
        positives = int(y.sum())
        raise ValidationError(
            {
                "training data": QT_TRANSLATE_NOOP(
                    "Models",
                    "{positives} churners and {positives2} others in the one period; at "
                    "least {min_train_positives} of each are needed for "
                    "{kfold_splits}-fold validation – more customers, or another --as-of",
                ).format(
                    positives=positives,
                    positives2=y.size - positives,
                    min_train_positives=MIN_TRAIN_POSITIVES,
                    kfold_splits=KFOLD_SPLITS,
                )
            },
            entity="the training data",
        )


def choose_winner(candidates: Sequence[Candidate]) -> Candidate:
    """Ranking is not enough: the probabilities are shown and alerted on, so among the models
    within `SELECTION_MARGIN` of the best PR AUC the best calibrated (lowest log loss, then
    Brier) wins. A model far better at ranking still wins on ranking."""
    best = max(c.metrics["pr_auc"] or 0.0 for c in candidates)
    close = [c for c in candidates if (c.metrics["pr_auc"] or 0.0) >= best - SELECTION_MARGIN]
    return min(close, key=lambda c: (c.metrics.get("log_loss", 0.0), c.metrics["brier"]))


def _check_enough(train_y: FloatArray, validation_y: FloatArray, config: TrainingConfig) -> None:
    train_pos, val_pos = int(train_y.sum()), int(validation_y.sum())
    train_neg, val_neg = train_y.size - train_pos, validation_y.size - val_pos
    hint = (
        "more history is needed (more customers, or a shorter --horizon-days"
        + (", or --churn-definition inactivity" if config.churn_definition == "status" else "")
        + "; if the history ends in the past, train as of its end with --as-of YYYY-MM-DD)"
    )
    errors: dict[str, str] = {}
    if train_pos < MIN_TRAIN_POSITIVES or train_neg < MIN_TRAIN_POSITIVES:
        errors[("training data")] = QT_TRANSLATE_NOOP(
            "Models",
            "{train_pos} churners and {train_neg} others before the validation "
            "period; at least {min_train_positives} of each are needed – {hint}",
        ).format(
            train_pos=train_pos,
            train_neg=train_neg,
            min_train_positives=MIN_TRAIN_POSITIVES,
            hint=hint,
        )
    if val_pos < MIN_VALIDATION_POSITIVES or val_neg < MIN_VALIDATION_POSITIVES:
        errors["validation data"] = QT_TRANSLATE_NOOP(
            "Models",
            "{val_pos} churners and {val_neg} others in the last {horizon_days} "
            "days; at least {min_validation_positives} of each are needed – {hint}",
        ).format(
            val_pos=val_pos,
            val_neg=val_neg,
            horizon_days=config.horizon_days,
            min_validation_positives=MIN_VALIDATION_POSITIVES,
            hint=hint,
        )
    if errors:
        raise ValidationError(errors, entity="the training data")
