"""How a scoring run applies the live alert policy (`desktop.core.churn.policy`).

No chunk sees the whole ranking, so the policy is applied in three places:

1. At the start (`start_policy`, inside the transaction that stores the run): the live policy is
   read and fixed on the run with its cut-off on expected lost value, `resolve_threshold` over
   the previous completed run's values (None when there is none: the chunks then raise no
   ranked alert and the after-run pass picks them all). Every workstation's chunks apply the
   same policy, whatever is applied meanwhile.
2. In each chunk (`chunk_alerts`): a churn-risk alert for a customer who is newly selected
   (probability at or above the threshold, or expected lost value at or above the cut-off, and
   not so at their last prediction), a risk-increase alert for a rise of `rise_points` or more
   (under a capped policy only for those not selected already: one policy alert per customer
   and run), and which accounts move to `at_risk`: payment failures when `payment_at_risk`,
   and under a threshold policy the customers alerted (nothing can undo those).
3. After the run (`after_run`, in the transaction that completes it, run once): a capped
   policy's budget is enforced exactly with `select_alerts` over the run's policy alerts
   (the lowest-valued open ones beyond it are removed), or, without a cut-off, filled from the
   run's predictions best first; the customers of the churn-risk alerts kept move to `at_risk`.

A cancelled or failed run skips step 3: what its chunks raised stays, under the cut-off.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m
from db.choices import AccountStatus, AlertType, Priority, RunStatus
from desktop.core.churn import alert_rules as ar
from desktop.core.churn import alert_text as text
from desktop.core.churn.explain.words import after_label
from desktop.core.churn.features import FeatureMatrix
from desktop.core.churn.policy.live import active_agents, read_live_policy
from desktop.core.churn.policy.rules import (
    AlertPolicy,
    PolicyMode,
    alert_budget,
    resolve_threshold,
    revenue_per_day,
    select_alerts,
)
from desktop.core.churn.risk import ALERT_PRIORITY, ALERTING_LEVELS, risk_level
from desktop.core.churn.scoring.model import REASONS
from desktop.core.churn.scoring.writer import MOVE_TO_AT_RISK_FROM, insert_alerts, sql_timestamp

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float64]
POLICY_TYPES = (AlertType.CHURN_RISK.value, AlertType.RISK_INCREASE.value)
BATCH = 500


@dataclass(frozen=True)
class RunPolicy:
    """The policy a run applies, fixed when it starts."""

    policy: AlertPolicy
    cutoff: float | None  # expected lost value per day a chunk's customer needs (capped modes)
    agents: int
    version: int | None  # the live policy's version it was read at

    @property
    def capped(self) -> bool:
        return self.policy.mode is not PolicyMode.THRESHOLD

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy.to_json(),
            "cutoff": self.cutoff,
            "agents": self.agents,
            "version": self.version,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunPolicy:
        cutoff = data.get("cutoff")
        return cls(
            policy=AlertPolicy.from_json(dict(data["policy"])),
            cutoff=None if cutoff is None else float(cutoff),
            agents=int(data.get("agents") or 1),
            version=data.get("version"),
        )


def previous_values() -> FloatArray:
    """The expected lost values of the latest completed run that stored them."""
    r, cp = m.ScoringRun, m.ChurnPrediction
    latest = (
        r.select(r.id)
        .where(r.status == RunStatus.COMPLETED.value, r.alert_policy.is_null(False))
        .order_by(r.finished_at.desc(), r.id.desc())
        .limit(1)
        .scalar()
    )
    if latest is None:
        return np.zeros(0, dtype=np.float64)
    rows = cp.select(cp.expected_loss).where(cp.run == latest, cp.expected_loss.is_null(False))
    return np.fromiter((v for (v,) in rows.tuples().iterator()), dtype=np.float64)


def start_policy() -> RunPolicy:
    """The live policy with this run's cut-off (see the module docstring, step 1)."""
    live = read_live_policy()
    agents = active_agents()
    cutoff: float | None = None
    if live.policy.mode is not PolicyMode.THRESHOLD:
        values = previous_values()
        if values.size:
            cutoff = resolve_threshold(live.policy, values, agents=agents)
    return RunPolicy(live.policy, cutoff, agents, live.version)


def run_policy(run: m.ScoringRun) -> RunPolicy:
    """The run's policy; a run stored before the policy existed applies the live one."""
    if run.alert_policy:
        return RunPolicy.from_json(run.alert_policy)
    live = read_live_policy()
    return RunPolicy(live.policy, None, active_agents(), live.version)


def expected_loss(fm: FeatureMatrix, p: FloatArray) -> FloatArray:
    """Probability x revenue per day (NaN where `p` is: the lapsed); without spend and tenure
    features the ranking is by probability alone."""
    if "spend_total" in fm.names and "tenure_days" in fm.names:
        per_day = revenue_per_day(fm.column("spend_total"), fm.column("tenure_days"))
    else:
        per_day = np.zeros(len(fm), dtype=np.float64)
    per_day = np.maximum(np.nan_to_num(per_day), 0.0)
    return np.asarray(p * per_day + p * 1e-9, dtype=np.float64)


def _selected(rp: RunPolicy, p: float, value: float) -> bool:
    if not rp.capped:
        return p >= rp.policy.threshold - 1e-12
    return rp.cutoff is not None and value >= rp.cutoff


def chunk_alerts(
    rp: RunPolicy,
    *,
    ids: Sequence[int],
    p: FloatArray,
    value: FloatArray,
    previous: dict[int, tuple[float | None, str | None]],
    reasons: Sequence[str],
) -> list[ar.AlertCandidate]:
    """The policy's churn-risk and risk-increase candidates of the scored (not lapsed) rows."""
    out: list[ar.AlertCandidate] = []
    rise = rp.policy.rise_points / 100.0
    for i, cid in enumerate(ids):
        prob, worth = float(p[i]), float(value[i])
        before_p, _before_level = previous.get(cid, (None, None))
        why = reasons[i]
        level = risk_level(prob)
        now_in = _selected(rp, prob, worth)
        # Judged on the same revenue: was the customer selected at the last prediction?
        was_in = before_p is not None and _selected(
            rp, float(before_p), worth * (float(before_p) / prob) if prob > 0 else 0.0
        )
        if now_in and not was_in:
            out.append(_churn_candidate(rp, cid, prob, before_p=before_p, why=why))
        rose = rise > 0 and before_p is not None and prob - float(before_p) >= rise - 1e-9
        if rose and not (rp.capped and now_in):
            out.append(
                ar.AlertCandidate(
                    customer_id=cid,
                    type=AlertType.RISK_INCREASE.value,
                    priority=(Priority.HIGH if level in ALERTING_LEVELS else Priority.MEDIUM).value,
                    title=text.rise_title(round((prob - float(before_p or 0)) * 100)),
                    message=text.rise_message(float(before_p or 0), prob, why),
                    dedupe_key=f"risk_increase:customer:{cid}",
                )
            )
    return out


def _churn_candidate(
    rp: RunPolicy, cid: int, prob: float, *, before_p: float | None, why: str
) -> ar.AlertCandidate:
    level = risk_level(prob)
    return ar.AlertCandidate(
        customer_id=cid,
        type=AlertType.CHURN_RISK.value,
        priority=ALERT_PRIORITY[level].value,
        title=text.churn_title(level.value, prob),
        message=text.churn_message(prob, before=before_p, policy=rp.policy.describe(), why=why),
        dedupe_key=f"churn_risk:customer:{cid}",
    )


def at_risk_ids(
    rp: RunPolicy,
    payment: Sequence[ar.AlertCandidate],
    raised: Sequence[ar.AlertCandidate],
    scored: Collection[int],
) -> set[int]:
    """Customers a chunk moves to `at_risk` itself (step 2 of the module docstring); only the
    `scored`: a lapsed customer is lapsed, not at risk, whatever their payments."""
    out = {a.customer_id for a in payment} & set(scored) if rp.policy.payment_at_risk else set()
    if not rp.capped:
        out |= {a.customer_id for a in raised if a.type == AlertType.CHURN_RISK.value}
    return out


def after_run(database: pw.Database, run_id: int) -> int:
    """Step 3 of the module docstring, inside the caller's transaction (run completion); the
    alerts it added (negative: removed)."""
    run = m.ScoringRun.get_by_id(run_id)
    rp = run_policy(run)
    a, cp = m.Alert, m.ChurnPrediction
    rows = list(
        a.select(a.id, a.customer, a.type, a.status, cp.expected_loss, cp.probability)
        .join(cp, on=(a.prediction == cp.id))
        .where(cp.run == run_id, a.type.in_(POLICY_TYPES))
        .order_by(a.id)
        .tuples()
    )
    before = len(rows)
    if rp.capped:
        eligible = cp.select().where(cp.run == run_id, cp.expected_loss.is_null(False)).count()
        budget = alert_budget(rp.policy, int(eligible), rp.agents) or 0
        if rp.cutoff is None and len(rows) < budget:
            _fill(database, run_id, rp, budget - len(rows))
            rows = list(
                a.select(a.id, a.customer, a.type, a.status, cp.expected_loss, cp.probability)
                .join(cp, on=(a.prediction == cp.id))
                .where(cp.run == run_id, a.type.in_(POLICY_TYPES))
                .order_by(a.id)
                .tuples()
            )
        if len(rows) > budget:
            rows = _trim(rows, rp, budget)
    churned = sorted({r[1] for r in rows if r[2] == AlertType.CHURN_RISK.value})
    if churned and rp.capped:
        move_to_at_risk(churned)
    return len(rows) - before


def _trim(rows: list[tuple[Any, ...]], rp: RunPolicy, budget: int) -> list[tuple[Any, ...]]:
    """Keep the budget's best by expected lost value; remove the open ones beyond it."""
    value = np.array([float(r[4] or 0.0) for r in rows], dtype=np.float64)
    prob = np.array([float(r[5] or 0.0) for r in rows], dtype=np.float64)
    # The budget is over this run's candidates, so `eligible` is the budget itself.
    policy = AlertPolicy.from_json({**rp.policy.to_json(), "mode": PolicyMode.TOP_K.value,
                                    "top_k": max(budget, 1), "rise_points": 0.0})  # fmt: skip
    keep = set(select_alerts(policy, prob, np.zeros_like(prob), value=value).tolist())
    if budget == 0:
        keep = set()
    gone = [r[0] for k, r in enumerate(rows) if k not in keep and r[3] == "open"]
    for start in range(0, len(gone), BATCH):
        m.Alert.delete().where(m.Alert.id.in_(gone[start : start + BATCH])).execute()
    log.info("alert policy: %d alerts over the cap of %d removed", len(gone), budget)
    removed = set(gone)
    return [r for r in rows if r[0] not in removed]


def _fill(database: pw.Database, run_id: int, rp: RunPolicy, wanted: int) -> None:
    """Without a cut-off: raise the run's best-valued churn-risk alerts up to `wanted`."""
    cp, a = m.ChurnPrediction, m.Alert
    query = (
        cp.select(cp.customer, cp.probability, cp.expected_loss, cp.factors)
        .where(cp.run == run_id, cp.expected_loss.is_null(False))
        .order_by(cp.expected_loss.desc(), cp.customer)
    )
    picked: list[ar.AlertCandidate] = []
    offset = 0
    while len(picked) < wanted:
        batch = list(query.limit(BATCH).offset(offset).tuples())
        if not batch:
            break
        offset += len(batch)
        held = {
            cid
            for (cid,) in a.select(a.customer)
            .where(
                a.customer.in_([row[0] for row in batch]),
                a.status.in_(ar.OPEN_STATES),
                a.type.in_(POLICY_TYPES),
            )
            .tuples()
        }
        for cid, prob, _value, factors in batch:
            if cid in held or len(picked) >= wanted:
                continue
            picked.append(
                _churn_candidate(rp, cid, float(prob), before_p=None, why=_reasons(factors))
            )
    insert_alerts(run_id, picked, sql_timestamp(m.utcnow()))


def _reasons(factors: Any) -> str:
    """The alert's "Top reasons" from a prediction's stored factors (as the chunk words them)."""
    items = json.loads(factors) if isinstance(factors, str) else (factors or [])
    raising = []
    for f in items:
        if f.get("feature") == "_other" or (f.get("contribution") or 0) <= 0:
            continue
        value = f.get("value")
        said = (
            after_label(str(f["feature"]), f["label"], float(value))
            if f.get("feature") and isinstance(value, int | float)
            else f["text"]
        )
        raising.append(f"{f['label']} ({said})" if said else f["label"])
        if len(raising) == REASONS:
            break
    return f"Top reasons: {', '.join(raising)}" if raising else ""


def move_to_at_risk(customer_ids: Sequence[int]) -> int:
    """Active or resolved accounts of these customers become `at_risk`; the number moved."""
    c = m.Customer
    moved = 0
    for start in range(0, len(customer_ids), BATCH):
        moved += (
            c.update(account_status=AccountStatus.AT_RISK.value, updated_at=m.utcnow())
            .where(
                c.id.in_(list(customer_ids[start : start + BATCH])),
                c.account_status.in_(MOVE_TO_AT_RISK_FROM),
            )
            .execute()
        )
    return int(moved)
