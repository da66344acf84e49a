"""Alert policy: what raises a churn alert and what moves an account to `at_risk`, as a rule a
supervisor sets, and a backtest that replays a rule over past snapshots before it goes live.

Modules: `rules` (the policy, its validation, the default that adapts to the base rate, and how a
policy selects customers, capped) and `backtest` (the replay and its figures).
"""

from desktop.core.churn.policy.backtest import BacktestResult, SnapshotScores, backtest, sweep
from desktop.core.churn.policy.rules import (
    AlertPolicy,
    PolicyError,
    PolicyMode,
    default_policy,
    expected_loss_per_day,
    resolve_threshold,
    select_alerts,
)

__all__ = [
    "AlertPolicy",
    "BacktestResult",
    "PolicyError",
    "PolicyMode",
    "SnapshotScores",
    "backtest",
    "default_policy",
    "expected_loss_per_day",
    "resolve_threshold",
    "select_alerts",
    "sweep",
]
