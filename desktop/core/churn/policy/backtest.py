"""Replaying an alert policy over past snapshots: what it would have raised, and how well.

Each snapshot is a past cutoff with the scores the model gives its point-in-time features and
what happened next (churned within the horizon, and when). The replay walks the cutoffs in order;
a customer alerted once holds that alert for the rest of the replay (agents work it), so later
cutoffs raise only new alerts, as live scoring does with its dedupe keys.

Figures: precision (alerts whose customer churned within the horizon), recall (churners alerted
before they churned, by an alert raised at that cutoff or held from an earlier one), alerts per
day and per agent per day, the median lead time from alert to churn, and the yearly revenue of
the churners caught (and its share of all churners' revenue).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from db.i18n import QT_TRANSLATE_NOOP, Day, Number
from db.tasks import TaskState
from desktop.core.churn.policy.rules import AlertPolicy, PolicyMode, select_alerts

logger = logging.getLogger(__name__)

REPLAYING = QT_TRANSLATE_NOOP("Models", "Replaying {day}")
DONE = QT_TRANSLATE_NOOP("Models", "Done")
TOP_SHARE = QT_TRANSLATE_NOOP("Models", "Top {share}")

FloatArray = npt.NDArray[np.float64]
SWEEP_SHARES = (0.01, 0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.50)


@dataclass(frozen=True)
class SnapshotScores:
    """One past cutoff: per customer id, the model's probability, revenue per day, and the days
    from the cutoff to churn (NaN: did not churn within the horizon)."""

    cutoff: datetime
    ids: npt.NDArray[np.int64]
    probability: FloatArray
    revenue_per_day: FloatArray
    churn_in_days: FloatArray


@dataclass
class BacktestResult:
    policy: dict[str, Any]
    snapshots: int
    days: float
    agents: int
    alerts: int
    true_alerts: int
    churners: int
    churners_caught: int
    precision: float | None
    recall: float | None
    alerts_per_day: float
    alerts_per_agent_per_day: float
    median_lead_days: float | None
    revenue_covered: float  # yearly revenue of the churners alerted before they churned
    revenue_covered_share: float | None
    per_snapshot: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _step_days(snapshots: Sequence[SnapshotScores], step_days: float | None) -> list[float]:
    """Days each snapshot's alerts stand for: the gap to the next cutoff (the last repeats the
    previous gap, or `step_days`)."""
    if step_days is not None:
        return [float(step_days)] * len(snapshots)
    gaps = [
        (b.cutoff - a.cutoff).total_seconds() / 86_400.0 for a, b in itertools.pairwise(snapshots)
    ]
    if not gaps:
        return [1.0]
    return [*gaps, gaps[-1]]


def backtest(
    policy: AlertPolicy,
    snapshots: Sequence[SnapshotScores],
    *,
    agents: int = 1,
    step_days: float | None = None,
    state: TaskState | None = None,
) -> BacktestResult:
    """Replay `policy` over `snapshots` (any order; sorted by cutoff here)."""
    policy.check()
    ordered = sorted(snapshots, key=lambda s: s.cutoff)
    steps = _step_days(ordered, step_days)
    held: set[int] = set()
    previous: dict[int, float] = {}
    caught: dict[int, float] = {}  # churner id -> yearly revenue when alerted
    churner_revenue: dict[int, float] = {}
    leads: list[float] = []
    alerts = true_alerts = 0
    per_snapshot: list[dict[str, Any]] = []
    for k, snap in enumerate(ordered):
        if state is not None:
            state.progress(k, len(ordered), REPLAYING.format(day=Day(snap.cutoff)))
        ids = snap.ids.tolist()
        churns = ~np.isnan(snap.churn_in_days)
        for i in np.flatnonzero(churns).tolist():
            churner_revenue.setdefault(ids[i], float(snap.revenue_per_day[i]) * 365.0)
            if ids[i] in held:  # alerted at an earlier cutoff, still held: caught before churn
                caught.setdefault(ids[i], float(snap.revenue_per_day[i]) * 365.0)
        chosen = select_alerts(
            policy,
            snap.probability,
            snap.revenue_per_day,
            previous_probability=[previous.get(cid) for cid in ids],
            already_alerted=np.array([cid in held for cid in ids], dtype=bool),
            agents=agents,
            days=steps[k],
        )
        hits = 0
        for i in chosen.tolist():
            cid = ids[i]
            held.add(cid)
            if churns[i]:
                hits += 1
                leads.append(float(snap.churn_in_days[i]))
                caught.setdefault(cid, float(snap.revenue_per_day[i]) * 365.0)
        alerts += int(chosen.size)
        true_alerts += hits
        per_snapshot.append(
            {"cutoff": snap.cutoff.isoformat(), "alerts": int(chosen.size), "true_alerts": hits}
        )
        previous = dict(zip(ids, snap.probability.tolist(), strict=True))
    if state is not None:
        state.progress(len(ordered), len(ordered), DONE)
    days = float(sum(steps)) if ordered else 0.0
    churners = len(churner_revenue)
    all_revenue = sum(churner_revenue.values())
    covered = sum(caught.values())
    per_day = alerts / days if days > 0 else 0.0
    return BacktestResult(
        policy=policy.to_json(),
        snapshots=len(ordered),
        days=days,
        agents=agents,
        alerts=alerts,
        true_alerts=true_alerts,
        churners=churners,
        churners_caught=len(caught),
        precision=true_alerts / alerts if alerts else None,
        recall=len(caught) / churners if churners else None,
        alerts_per_day=per_day,
        alerts_per_agent_per_day=per_day / max(agents, 1),
        median_lead_days=float(np.median(leads)) if leads else None,
        revenue_covered=covered,
        revenue_covered_share=covered / all_revenue if all_revenue > 0 else None,
        per_snapshot=per_snapshot,
    )


def sweep(
    snapshots: Sequence[SnapshotScores],
    *,
    agents: int = 1,
    shares: Sequence[float] = SWEEP_SHARES,
    base: AlertPolicy | None = None,
    state: TaskState | None = None,
) -> list[BacktestResult]:
    """The top-share policy at each of `shares`: the points of the precision/recall vs
    alerts-per-day chart (the rise rule of `base` kept)."""
    base = base or AlertPolicy()
    out = []
    for j, share in enumerate(shares):
        if state is not None:
            state.progress(j, len(shares), TOP_SHARE.format(share=Number(share, share=True)))
        out.append(
            backtest(
                replace(base, mode=PolicyMode.TOP_SHARE, top_share=share), snapshots, agents=agents
            )
        )
    return out
