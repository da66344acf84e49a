"""The backtest as one task, shared by `churnwatch backtest` and the Alert policy page: find the
model, score the past cutoffs, replay the policy (and the sweep for the chart)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee as pw

from db.tasks import TaskState
from db.validation import ValidationError
from desktop.core.churn.policy.backtest import backtest, sweep
from desktop.core.churn.policy.history import backtest_cutoffs, model_config, past_snapshots
from desktop.core.churn.policy.live import active_agents
from desktop.core.churn.policy.rules import AlertPolicy
from desktop.core.churn.scoring.model import LoadedModel
from desktop.core.churn.training.registry import active_model, find_model
from desktop.core.i18n import QT_TRANSLATE_NOOP


def run_backtest(
    database: pw.Database,
    policy: AlertPolicy,
    *,
    model: str | int | None = None,
    as_of: datetime,
    snapshots: int = 6,
    step_days: int = 7,
    agents: int | None = None,
    sweep_too: bool = True,
    state: TaskState | None = None,
) -> dict[str, Any]:
    version = find_model(model) if model is not None else active_model()
    if version is None:
        raise ValidationError(
            {
                "model": QT_TRANSLATE_NOOP(
                    "Models", "no active model to backtest with; train and activate one first"
                )
            },
            entity="Backtest",
        )
    loaded = LoadedModel.from_version(version)
    config = model_config(version)
    cutoffs = backtest_cutoffs(as_of, config.horizon_days, snapshots, step_days)
    history = past_snapshots(database, loaded, config, cutoffs, state=state)
    team = agents if agents is not None else active_agents()
    result = backtest(policy, history, agents=team, state=state)
    report: dict[str, Any] = {
        "model": version.name,
        "policy": policy.describe(),
        "cutoffs": [c.date().isoformat() for c in cutoffs],
        "horizon_days": config.horizon_days,
        "result": result.to_json(),
    }
    if sweep_too:
        report["sweep"] = [p.to_json() for p in sweep(history, agents=team, base=policy)]
    return report
