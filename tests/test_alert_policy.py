"""The alert policy: caps hold, the default alerts a sane share at any base rate, and the
backtest replays a small history whose figures are worked out by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.tasks import Cancelled, TaskState
from desktop.core.churn.policy import (
    AlertPolicy,
    PolicyError,
    PolicyMode,
    SnapshotScores,
    backtest,
    default_policy,
    resolve_threshold,
    select_alerts,
    sweep,
)

NAN = float("nan")


@settings(max_examples=60, deadline=None)
@given(
    probabilities=st.lists(st.floats(0, 1), min_size=0, max_size=200),
    cap=st.integers(1, 10),
    agents=st.integers(1, 5),
)
def test_never_more_alerts_than_the_cap(probabilities: list[float], cap: int, agents: int) -> None:
    policy = AlertPolicy(mode=PolicyMode.PER_AGENT_CAP, per_agent_per_day=cap, rise_points=10)
    p = np.array(probabilities)
    chosen = select_alerts(
        policy, p, np.ones(p.size), previous_probability=[0.0] * p.size, agents=agents
    )
    assert chosen.size <= cap * agents
    assert len(set(chosen.tolist())) == chosen.size


@pytest.mark.parametrize("base_rate", [0.09, 0.77])
def test_default_policy_alerts_a_sane_share_at_any_base_rate(base_rate: float) -> None:
    """Calibrated probabilities around the base rate: a fixed 60 % cut-off alerts nobody at 9 %
    and most customers at 77 %; the default (top decile by expected loss) alerts 10 % either way."""
    rng = np.random.default_rng(1)
    logit = np.log(base_rate / (1 - base_rate)) + rng.normal(0, 0.8, 5000)
    p = 1 / (1 + np.exp(-logit))
    revenue = rng.gamma(2.0, 1.5, p.size)
    fixed = select_alerts(AlertPolicy(mode=PolicyMode.THRESHOLD, threshold=0.6), p, revenue)
    share = select_alerts(default_policy(), p, revenue).size / p.size
    assert 0.05 <= share <= 0.15
    assert fixed.size / p.size < 0.02 or fixed.size / p.size > 0.6


def test_ranking_is_by_expected_lost_revenue_and_held_alerts_take_no_budget() -> None:
    policy = AlertPolicy(mode=PolicyMode.TOP_K, top_k=2, rise_points=0)
    p = [0.9, 0.5, 0.2, 0.8]
    revenue = [1.0, 10.0, 1.0, 2.0]  # expected loss 0.9, 5.0, 0.2, 1.6
    assert select_alerts(policy, p, revenue).tolist() == [1, 3]
    held = [False, True, False, False]
    assert select_alerts(policy, p, revenue, already_alerted=held).tolist() == [3, 0]


def test_threshold_policy_and_rises() -> None:
    policy = AlertPolicy(mode=PolicyMode.THRESHOLD, threshold=0.5, rise_points=20)
    chosen = select_alerts(
        policy, [0.55, 0.45, 0.30, 0.49], [1, 1, 1, 1], previous_probability=[0.5, 0.2, None, 0.3]
    )
    # 0: over the threshold; 1: rose 25 points; 2: no earlier prediction; 3: rose only 19.
    assert sorted(chosen.tolist()) == [0, 1]


def test_run_level_cut_off_from_the_previous_run() -> None:
    previous = np.array([1.0, 5.0, 3.0, 4.0, 2.0])
    assert resolve_threshold(AlertPolicy(mode=PolicyMode.TOP_K, top_k=2), previous) == 4.0
    assert resolve_threshold(AlertPolicy(top_share=0.2), previous) == 5.0
    assert resolve_threshold(AlertPolicy(mode=PolicyMode.THRESHOLD), previous) == 0.0


def test_policy_json_round_trip_and_errors_name_the_field() -> None:
    policy = AlertPolicy(mode=PolicyMode.TOP_K, top_k=7)
    assert AlertPolicy.from_json(policy.to_json()) == policy
    for data, field in (
        ({"mode": "loudest"}, "mode"),
        ({"top_k": 0}, "top_k"),
        ({"threshold": "high"}, "threshold"),
        ({"top_share": 1.5}, "top_share"),
        ({"colour": "red"}, "colour"),
    ):
        with pytest.raises(PolicyError, match=f"^{field}:"):
            AlertPolicy.from_json(data)


def _snapshots() -> list[SnapshotScores]:
    day0 = datetime(2026, 1, 1)
    ids = np.array([1, 2, 3, 4])
    return [
        SnapshotScores(
            cutoff=day0,
            ids=ids,
            probability=np.array([0.9, 0.5, 0.2, 0.1]),
            revenue_per_day=np.array([1.0, 10.0, 1.0, 1.0]),  # expected loss .9, 5, .2, .1
            churn_in_days=np.array([10.0, NAN, NAN, NAN]),
        ),
        SnapshotScores(
            cutoff=day0 + timedelta(days=7),
            ids=ids,
            probability=np.array([0.9, 0.6, 0.3, 0.1]),
            revenue_per_day=np.array([1.0, 10.0, 1.0, 1.0]),
            churn_in_days=np.array([3.0, NAN, 20.0, NAN]),
        ),
    ]


def test_backtest_by_hand() -> None:
    """Top 1 per cutoff: day 0 alerts customer 2 (loss 5.0; does not churn); day 7 customer 2
    holds its alert, so customer 1 (0.9; churns 3 days later). Churners: 1 and 3."""
    result = backtest(AlertPolicy(mode=PolicyMode.TOP_K, top_k=1, rise_points=0), _snapshots())
    assert (result.alerts, result.true_alerts) == (2, 1)
    assert result.precision == pytest.approx(0.5)
    assert (result.churners, result.churners_caught) == (2, 1)
    assert result.recall == pytest.approx(0.5)
    assert result.days == pytest.approx(14.0)
    assert result.alerts_per_day == pytest.approx(2 / 14)
    assert result.median_lead_days == pytest.approx(3.0)
    assert result.revenue_covered == pytest.approx(365.0)
    assert result.revenue_covered_share == pytest.approx(0.5)
    assert [s["alerts"] for s in result.per_snapshot] == [1, 1]


def test_backtest_per_agent_figures_and_sweep() -> None:
    policy = AlertPolicy(mode=PolicyMode.PER_AGENT_CAP, per_agent_per_day=1, rise_points=0)
    result = backtest(policy, _snapshots(), agents=2, step_days=1)
    # Budget 2 per cutoff: day 0 customers 2 and 1; day 7 customers 3 and 4 (1 and 2 hold).
    assert result.alerts == 4
    assert result.true_alerts == 2  # 1 (in 10 days) and 3 (in 20 days)
    assert result.alerts_per_agent_per_day == pytest.approx(4 / 2 / 2)
    assert result.median_lead_days == pytest.approx(15.0)
    points = sweep(_snapshots(), shares=(0.25, 1.0))
    assert [p.alerts for p in points] == [2, 4]
    assert points[-1].recall == 1.0


def test_backtest_reports_progress_and_cancels() -> None:
    seen: list[tuple[int, int]] = []
    backtest(default_policy(), _snapshots(), state=TaskState(lambda d, t, _: seen.append((d, t))))
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    state = TaskState()
    state.cancel()
    with pytest.raises(Cancelled):
        backtest(default_policy(), _snapshots(), state=state)
