"""Training: point-in-time labels, the out-of-time split, stored versions, lifecycle, CLI."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from db import demo
from db import models as m
from db.tasks import Cancelled, TaskState
from db.validation import ValidationError
from desktop.cli import main
from desktop.core.churn import metrics as mt
from desktop.core.churn.features import FeatureSpec
from desktop.core.churn.scoring import LoadedModel
from desktop.core.churn.training import (
    ChurnDefinition,
    TrainingConfig,
    activate_model,
    active_model,
    build_snapshot,
    describe_model,
    find_model,
    retire_model,
    train_models,
)
from desktop.core.churn.training.fitting import SELECTION_MARGIN, _cutoffs
from tests.churn_helpers import customer, days, order, quick_model

T = datetime(2024, 6, 1)
TODAY = date(2025, 6, 1)


def _labels(snapshot) -> dict[int, float]:
    return dict(zip(snapshot.ids.tolist(), snapshot.y.tolist(), strict=True))


def test_status_labels_come_from_the_horizon_only(database):
    cutoff = T
    within = customer(status="churned", churned_at=cutoff + days(10))
    after = customer(status="churned", churned_at=cutoff + days(120))
    before = customer(status="churned", churned_at=cutoff - days(1))
    undated = customer(status="churned")
    stayed = customer()
    newcomer = customer(since=date(2024, 7, 1))

    snap = build_snapshot(database, cutoff, TrainingConfig(horizon_days=90), FeatureSpec())
    assert _labels(snap) == {within.id: 1.0, after.id: 0.0, stayed.id: 0.0}
    assert snap.label_end == cutoff + timedelta(days=90)
    for gone in (before, undated, newcomer):
        assert gone.id not in snap.ids


def test_inactivity_labels(database):
    config = TrainingConfig(
        horizon_days=90, churn_definition=ChurnDefinition.INACTIVITY, inactive_days=60
    )
    lapsing = customer()  # ordered before the cutoff, then nothing in the last 60 days
    order(lapsing, T - days(10))
    order(lapsing, T + days(20))
    loyal = customer()
    order(loyal, T - days(5))
    order(loyal, T + days(70))
    cancelled_only = customer()
    order(cancelled_only, T - days(5))
    order(cancelled_only, T + days(70), status="cancelled")
    already_gone = customer()  # no order for 100 days at the cutoff: churned already
    order(already_gone, T - days(100))
    brand_new = customer(since=date(2024, 5, 20))  # no order yet, but only 12 days old

    snap = build_snapshot(database, T, config, FeatureSpec())
    assert _labels(snap) == {
        lapsing.id: 1.0,
        loyal.id: 0.0,
        cancelled_only.id: 1.0,
        brand_new.id: 1.0,
    }
    assert already_gone.id not in snap.ids


def test_the_validation_period_comes_after_every_training_label():
    config = TrainingConfig(horizon_days=90, training_snapshots=3, snapshot_step_days=30)
    validation, training = _cutoffs(config, T)
    assert validation == T - timedelta(days=90)
    assert training == [T - timedelta(days=d) for d in (180, 210, 240)]
    assert all(c + timedelta(days=90) <= validation for c in training)


def test_a_model_trained_on_demo_data_beats_a_trivial_baseline(database):
    demo.generate_demo(database, customers=1500, seed=7, today=TODAY)
    user = m.User.get(m.User.username == "supervisor")
    as_of = datetime(TODAY.year, TODAY.month, TODAY.day)
    seen: list[tuple[int, int]] = []
    state = TaskState(on_progress=lambda done, total, _text: seen.append((done, total)))
    result = train_models(database, TrainingConfig(as_of=as_of), state=state, user=user)

    # Progress went from 0 to its total.
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    assert {c.algorithm for c in result.candidates} == {
        "logistic_regression",
        "gradient_boosting",
        "rfm_logistic",
    }
    winner = result.winner
    # Ranking first; among the models close to the best PR AUC, the best calibrated.
    best = max(c.metrics["pr_auc"] for c in result.candidates)
    assert winner.metrics["pr_auc"] >= best - SELECTION_MARGIN
    close = [c for c in result.candidates if c.metrics["pr_auc"] >= best - SELECTION_MARGIN]
    assert winner.metrics["log_loss"] == min(c.metrics["log_loss"] for c in close)
    assert 0 <= winner.metrics["ece"] <= 1

    # Held out in time: the validation customers' labels lie after all training labels.
    summary = result.summary
    assert (summary["validation_protocol"], summary["validation_note"]) == ("out-of-time", None)
    # The metrics say which customers they describe, and how many.
    population = summary["population"]
    assert population["size"] == summary["validation"]["rows"] == winner.metrics["rows"]
    assert population["customers_at_cutoff"] >= population["size"]
    assert population["rule"].startswith("customers not yet churned at the cutoff")
    assert summary["validation"]["date_range"][0] >= summary["train"]["date_range"][1]
    val_rate = summary["validation"]["churn_rate"]
    train_rate = summary["train"]["churn_rate"]
    w = winner.metrics
    # A trivial model predicts the training churn rate for everyone: AUC 0.5, PR AUC = the
    # churn rate, lift 1, and this Brier score.
    trivial_brier = val_rate * (1 - train_rate) ** 2 + (1 - val_rate) * train_rate**2
    assert w["roc_auc"] >= 0.62
    assert w["pr_auc"] >= 1.8 * val_rate
    assert w["top_decile_lift"] >= 2.0
    assert w["brier"] < trivial_brier
    # The stored metrics are those of the validation labels and probabilities.
    assert w["rows"] == result.validation_y.size == winner.validation_probabilities.size
    assert mt.roc_auc(result.validation_y, winner.validation_probabilities) == w["roc_auc"]

    stored = {c.version.algorithm: c.version for c in result.candidates}
    for algorithm, version in stored.items():
        assert version.status == "candidate"
        assert version.trained_by_id == user.id
        for key in (
            "accuracy",
            "precision",
            "recall",
            "f1",
            "roc_auc",
            "pr_auc",
            "brier",
            "top_decile_lift",
            "confusion_matrix",
            "roc_curve",
            "calibration_curve",
            "feature_importance",
        ):
            assert key in version.metrics, (algorithm, key)
        (tn, fp), (fn, tp) = version.metrics["confusion_matrix"]
        assert tn + fp + fn + tp == summary["validation"]["rows"]
        assert version.threshold == version.metrics["threshold"]
        names = [f["name"] for f in version.feature_definitions["features"]]
        assert "recency_days" in names and "attr:acquisition=organic" in names
        assert version.training_summary["train"]["rows"] == summary["train"]["rows"]
        assert version.training_summary["selected"] == (algorithm == winner.algorithm)
        # The stored artifact loads back (hash and types checked) and predicts the same.
        loaded = LoadedModel.from_version(version)
        original = next(c for c in result.candidates if c.algorithm == algorithm)
        assert np.allclose(loaded.predict(np.zeros((1, len(loaded.names)))), original.model.
                           predict_proba(np.zeros((1, len(loaded.names))))[:, 1])  # fmt: skip
    audits = m.AuditLog.select().where(m.AuditLog.action == "train")
    assert {a.entity_id for a in audits} == {v.id for v in stored.values()}


def test_too_few_churners_is_a_clear_error(database):
    for _ in range(20):
        customer(since=date(2020, 1, 1))
    customer(status="churned", churned_at=T - days(30))
    with pytest.raises(ValidationError, match="churners") as caught:
        train_models(database, TrainingConfig(as_of=T))
    assert "more history is needed" in str(caught.value)
    assert m.ModelVersion.select().count() == 0


def test_bad_settings_are_refused():
    with pytest.raises(ValidationError, match="horizon"):
        TrainingConfig(horizon_days=2).check()
    with pytest.raises(ValidationError, match="inactivity"):
        TrainingConfig(inactive_days=1).check()


def test_cancelled_training_stores_nothing(database):
    demo.generate_demo(database, customers=300, seed=3, today=TODAY)
    state = TaskState()

    def on_progress(done: int, total: int, text: str) -> None:
        if done >= 2:
            state.cancel()

    state._on_progress = on_progress
    lead = m.User.get(m.User.username == "supervisor")  # the demo's staff: someone must sign in
    with pytest.raises(Cancelled):
        train_models(database, TrainingConfig(as_of=datetime(2025, 6, 1)), state=state, user=lead)
    assert m.ModelVersion.select().count() == 0


def test_activate_and_retire(database):
    first = quick_model(status="candidate", name="first")
    second = quick_model(status="candidate", name="second")
    assert active_model() is None
    assert activate_model(database, "first").status == "active"
    activated = activate_model(database, second.id)
    assert activated.status == "active" and activated.activated_at is not None
    assert find_model("first").status == "retired"
    assert active_model().id == second.id
    assert retire_model(database, "second").status == "retired"
    assert active_model() is None
    with pytest.raises(ValidationError, match="no model named 'nope'"):
        activate_model(database, "nope")
    actions = [
        (a.action, a.entity_id)
        for a in m.AuditLog.select()
        .where(m.AuditLog.entity == "ModelVersion")
        .order_by(m.AuditLog.id)
    ]
    assert actions == [
        ("activate", first.id),
        ("retire", first.id),
        ("activate", second.id),
        ("retire", second.id),
    ]
    described = describe_model(find_model("first"))
    assert described["name"] == "first" and described["status"] == "retired"
    json.dumps(described)


def test_train_and_models_commands(database, db_url, capsys, monkeypatch):
    demo.generate_demo(database, customers=800, seed=5, today=TODAY)
    with pytest.raises(SystemExit):  # the demo has staff: the command needs --as
        main(["--db", db_url, "train", "--as-of", "2025-06-01", "--as"])
    assert main(["--db", db_url, "train", "--as-of", "2025-06-01"]) == 2
    assert "only supervisors and admins may train models" in capsys.readouterr().err
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "supervisor-demo")
    me = ["--as", "supervisor"]
    code = main(["--db", db_url, "train", "--as-of", "2025-06-01", "--activate", *me])
    out = capsys.readouterr().out
    assert code == 0
    versions = list(m.ModelVersion.select().order_by(m.ModelVersion.id))
    assert len(versions) == 3  # one per algorithm (logistic, boosted, RFM logistic)
    for v in versions:
        assert v.name in out
    winner = next(v for v in versions if v.status == "active")
    assert f"Winner: {winner.name} (active)" in out
    assert "ROC AUC" in out and "confusion matrix" in out and "top-decile lift" in out

    assert main(["--db", db_url, "models", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {v["name"] for v in listed} == {v.name for v in versions}
    active = next(v for v in listed if v["status"] == "active")
    assert active["metrics"]["roc_auc"] == winner.metrics["roc_auc"]
    assert active["training"]["rows"] == winner.training_summary["train"]["rows"]

    assert main(["--db", db_url, "models"]) == 0
    table = capsys.readouterr().out
    assert winner.name in table and "PR AUC" in table
    assert "as of" in table and "2025-06-01" in table

    other = next(v for v in versions if v.id != winner.id)
    assert main(["--db", db_url, "models", "activate", other.name, *me]) == 0
    assert main(["--db", db_url, "models", "retire", other.name, *me]) == 0
    assert "No model is active now" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--db", db_url, "train", "--as-of", "June"])
    assert "is not a date" in capsys.readouterr().err


def test_native_thread_limit_holds_in_each_worker_thread():
    """OpenMP's limit is per thread: a scorer thread must set its own, not rely on the main one."""
    import os
    import threading

    from threadpoolctl import threadpool_info

    from desktop.core.churn.concurrency import limit_native_threads

    def openmp_threads() -> list[int]:
        return [p["num_threads"] for p in threadpool_info() if p["user_api"] == "openmp"]

    if (os.cpu_count() or 1) < 2 or not openmp_threads():
        pytest.skip("needs OpenMP and more than one core to tell a limit from the default")
    limit_native_threads()  # in the main thread first, as ScoringEngine() does
    seen: dict[str, list[int]] = {}

    def worker() -> None:
        limit_native_threads()
        seen["after"] = openmp_threads()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen["after"] == [1] * len(seen["after"])
