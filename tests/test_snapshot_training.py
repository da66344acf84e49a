"""A one-period snapshot (churned yes/no, no dates) trains: undated churn counts in the newest
period, and a single period is validated by stratified k-fold, said and stored."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from db import models as m
from desktop.cli import main
from desktop.core.churn.features import FeatureSpec
from desktop.core.churn.training import TrainingConfig, train_models
from desktop.core.churn.training.fitting import KFOLD
from desktop.core.churn.training.snapshots import build_snapshot
from tests.churn_helpers import customer, days, ticket

AS_OF = datetime(2024, 6, 1)


def _labels(snapshot) -> dict[int, float]:
    return dict(zip(snapshot.ids.tolist(), snapshot.y.tolist(), strict=True))


def test_undated_churn_counts_in_the_newest_period_only(database):
    undated = customer(status="churned")
    stayed = customer()
    cutoff = AS_OF - days(90)
    config = TrainingConfig(horizon_days=90)
    newest = build_snapshot(database, cutoff, config, FeatureSpec(), newest=True)
    older = build_snapshot(database, cutoff - days(90), config, FeatureSpec())
    assert _labels(newest) == {undated.id: 1.0, stayed.id: 0.0}
    assert _labels(older) == {stayed.id: 0.0}  # when it churned is unknown: left out


def _snapshot_export(n: int = 120, seed: int = 3) -> None:
    """Customers with tenure and tickets, a third churned (no dates), churners with more tickets."""
    rng = np.random.default_rng(seed)
    for i in range(n):
        churned = i % 3 == 0
        who = customer(
            since=date(2022, 1, 1) if rng.random() < 0.5 else date(2023, 6, 1),
            status="churned" if churned else "active",
        )
        for _ in range(int(rng.integers(1, 4)) if churned else int(rng.random() < 0.2)):
            ticket(who, datetime(2024, 1, 10))


@pytest.mark.parametrize("snapshots", [0, 3])
def test_a_single_period_is_validated_by_stratified_k_fold(database, snapshots):
    """--snapshots 1 asks for it; with the default snapshots the older periods hold no churn
    (no dates), so training falls back to it and says why."""
    _snapshot_export()
    result = train_models(
        database,
        TrainingConfig(as_of=AS_OF, training_snapshots=snapshots, chunk_size=50),
    )
    s = result.summary
    assert s["validation_protocol"] == KFOLD
    assert ("--snapshots 1" in s["validation_note"]) == (snapshots == 0)
    assert s["train"]["rows"] == s["validation"]["rows"] == 120
    assert s["validation"]["positives"] == 40
    assert s["population"]["size"] == 120
    for c in result.candidates:
        assert c.metrics["folds"] == 5
        assert c.metrics["rows"] == 120  # every customer predicted out of fold
        assert c.metrics["roc_auc"] > 0.7
        assert c.version.training_summary["validation_protocol"] == KFOLD


def test_train_command_takes_snapshots_and_step(database, db_url, capsys):
    _snapshot_export()
    code = main(
        ["--db", db_url, "train", "--as-of", "2024-06-01", "--snapshots", "1",
         "--snapshot-step", "14"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "validation: stratified 5-fold on the one period, not out-of-time" in out
    # No order history: no RFM model beside the logistic and boosted ones.
    assert m.ModelVersion.select().count() == 2
