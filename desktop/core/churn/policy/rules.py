"""The alert policy and how it picks the customers that alert.

Risk levels stay the seed's (40/60/80 %) for display; whether an alert is raised is this policy's
call, because a fixed probability cut-off alerts nobody at a 9 % base rate and most customers at
77 %. Every mode ranks customers by expected lost revenue per day (churn probability times the
customer's revenue per day), so a cap keeps the alerts that matter most:

- `top_share`: the top share of scored customers (the default: the top decile), whatever the
  base rate;
- `threshold`: every customer at or above a churn probability;
- `top_k`: the K customers with the highest expected lost revenue per day;
- `per_agent_cap`: at most N new alerts per agent per day (K = N x agents x days).

A rise of `rise_points` or more since the last prediction also alerts (within the same cap), and
`payment_at_risk` keeps seed 003's rule that payment issues move an account to at-risk.

Scoring is chunked across workstations, so no chunk sees the whole ranking. The run-level
decision is made once, before the run: `resolve_threshold` turns a top-K / share / cap policy
into a cut-off on expected lost value from the previous run's values, which every chunk applies
alone; `select_alerts` over the run's whole candidate list is the after-run pass that enforces
the cap exactly (the cut-off alone could overshoot when the scores shift between runs).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from desktop.core.i18n import QT_TRANSLATE_NOOP, Joined, Number

FloatArray = npt.NDArray[np.float64]

DEFAULT_TOP_SHARE = 0.10
MIN_TENURE_DAYS = 30  # a new customer's revenue per day is not taken over less than a month


class PolicyError(ValueError):
    """A policy value a user can fix; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Models", "{field}: {message}").format(field=field, message=message)
        )
        self.field, self.message = field, message


class PolicyMode(StrEnum):
    TOP_SHARE = "top_share"
    THRESHOLD = "threshold"
    TOP_K = "top_k"
    PER_AGENT_CAP = "per_agent_cap"


@dataclass(frozen=True)
class AlertPolicy:
    mode: PolicyMode = PolicyMode.TOP_SHARE
    top_share: float = DEFAULT_TOP_SHARE
    threshold: float = 0.5
    top_k: int = 50
    per_agent_per_day: int = 5
    rise_points: float = 20.0  # 0 switches the rise rule off
    payment_at_risk: bool = True

    def check(self) -> AlertPolicy:
        """The policy itself, or PolicyError naming the first bad field."""
        if not isinstance(self.mode, PolicyMode):
            raise PolicyError(
                "mode",
                QT_TRANSLATE_NOOP("Models", "must be one of {join}").format(
                    join=", ".join(m.value for m in PolicyMode)
                ),
            )
        if not (0.0 < self.top_share <= 1.0):
            raise PolicyError(
                "top_share",
                QT_TRANSLATE_NOOP("Models", "must be above 0 and at most 1"),
            )
        if not (0.0 <= self.threshold <= 1.0) or math.isnan(self.threshold):
            raise PolicyError(
                "threshold",
                QT_TRANSLATE_NOOP("Models", "must be a probability between 0 and 1"),
            )
        if self.top_k < 1:
            raise PolicyError(
                "top_k",
                QT_TRANSLATE_NOOP("Models", "must be at least 1"),
            )
        if self.per_agent_per_day < 1:
            raise PolicyError(
                "per_agent_per_day",
                QT_TRANSLATE_NOOP("Models", "must be at least 1"),
            )
        if not (0.0 <= self.rise_points <= 100.0):
            raise PolicyError(
                "rise_points",
                QT_TRANSLATE_NOOP("Models", "must be between 0 and 100 points"),
            )
        return self

    def describe(self) -> str:
        what = {
            PolicyMode.TOP_SHARE: QT_TRANSLATE_NOOP(
                "Models", "top {share} by expected lost revenue per day"
            ).format(share=Number(self.top_share, _digits(self.top_share * 100), share=True)),
            PolicyMode.THRESHOLD: QT_TRANSLATE_NOOP(
                "Models", "churn probability at least {threshold}"
            ).format(threshold=Number(self.threshold, _digits(self.threshold * 100), share=True)),
            PolicyMode.TOP_K: QT_TRANSLATE_NOOP(
                "Models", "top {k} by expected lost revenue per day"
            ).format(k=Number(self.top_k)),
            PolicyMode.PER_AGENT_CAP: QT_TRANSLATE_NOOP(
                "Models", "at most {n} new alerts per agent per day"
            ).format(n=Number(self.per_agent_per_day)),
        }[self.mode]
        if self.rise_points > 0:
            rise = QT_TRANSLATE_NOOP("Models", "a rise of {points} points")
            return Joined(
                "; ",
                [what, rise.format(points=Number(self.rise_points, _digits(self.rise_points)))],
            )
        return what

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["mode"] = self.mode.value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlertPolicy:
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(data) - known)
        if unknown:
            raise PolicyError(unknown[0], QT_TRANSLATE_NOOP("Models", "is not a policy field"))
        values = dict(data)
        try:
            values["mode"] = PolicyMode(values.get("mode", PolicyMode.TOP_SHARE.value))
        except ValueError:
            raise PolicyError(
                "mode",
                QT_TRANSLATE_NOOP("Models", "must be one of {join}").format(
                    join=", ".join(m.value for m in PolicyMode)
                ),
            ) from None
        for name, kind in (
            ("top_share", float),
            ("threshold", float),
            ("top_k", int),
            ("per_agent_per_day", int),
            ("rise_points", float),
        ):
            if name in values:
                try:
                    values[name] = kind(values[name])
                except (TypeError, ValueError):
                    raise PolicyError(
                        name,
                        QT_TRANSLATE_NOOP("Models", "must be a number, not {value}").format(
                            value=repr(values[name])
                        ),
                    ) from None
        if "payment_at_risk" in values:
            values["payment_at_risk"] = bool(values["payment_at_risk"])
        return cls(**values).check()


def default_policy() -> AlertPolicy:
    """The top decile by expected lost revenue per day: adapts to any base rate."""
    return AlertPolicy()


def expected_loss_per_day(probability: FloatArray, revenue_per_day: FloatArray) -> FloatArray:
    """Churn probability times revenue per day; customers without revenue rank by probability
    alone, below every customer with revenue (a tiny tie-breaking weight)."""
    p = np.asarray(probability, dtype=np.float64)
    v = np.maximum(np.asarray(revenue_per_day, dtype=np.float64), 0.0)
    return np.asarray(p * v + p * 1e-9, dtype=np.float64)


def revenue_per_day(spend_total: FloatArray, tenure_days: FloatArray) -> FloatArray:
    """The customer's usual revenue per day (all-time spend over tenure): what is lost if they
    go. Recent spend would rank a customer who already stopped buying as worth nothing."""
    spend = np.asarray(spend_total, dtype=np.float64)
    tenure = np.asarray(tenure_days, dtype=np.float64)
    return np.asarray(spend / np.maximum(tenure, MIN_TENURE_DAYS), dtype=np.float64)


def alert_budget(policy: AlertPolicy, eligible: int, agents: int, days: float = 1.0) -> int | None:
    """How many new alerts a run may raise (None: no count limit, the threshold decides)."""
    if policy.mode is PolicyMode.THRESHOLD:
        return None
    if policy.mode is PolicyMode.TOP_SHARE:
        return math.ceil(policy.top_share * eligible) if eligible else 0
    if policy.mode is PolicyMode.TOP_K:
        return policy.top_k
    return int(policy.per_agent_per_day * max(agents, 1) * max(days, 1.0))


def select_alerts(
    policy: AlertPolicy,
    probability: Sequence[float] | FloatArray,
    revenue_per_day: Sequence[float] | FloatArray,
    *,
    previous_probability: Sequence[float | None] | None = None,
    already_alerted: Sequence[bool] | npt.NDArray[np.bool_] | None = None,
    eligible: int | None = None,
    agents: int = 1,
    days: float = 1.0,
    value: FloatArray | None = None,
) -> npt.NDArray[np.intp]:
    """Indices of the customers that get a new alert, best first; never more than the budget.

    `already_alerted` marks customers with an open alert (they take no new one and no budget);
    `eligible` is the scored population the share is taken of (default: all given); `value`
    is the expected lost value per day when the caller has it already (scoring stores it).
    """
    p = np.asarray(probability, dtype=np.float64)
    if value is None:
        value = expected_loss_per_day(p, np.asarray(revenue_per_day, dtype=np.float64))
    else:
        value = np.asarray(value, dtype=np.float64)
    n = p.size
    held = np.zeros(n, dtype=bool) if already_alerted is None else np.asarray(already_alerted, bool)
    if policy.mode is PolicyMode.THRESHOLD:
        wanted = p >= policy.threshold - 1e-12
    else:
        wanted = np.ones(n, dtype=bool)
    if policy.rise_points > 0 and previous_probability is not None:
        before = np.array(
            [np.nan if b is None else float(b) for b in previous_probability], dtype=np.float64
        )
        rose = (p - before) * 100.0 >= policy.rise_points - 1e-9
        rose &= ~np.isnan(before)
    else:
        rose = np.zeros(n, dtype=bool)
    budget = alert_budget(policy, n if eligible is None else eligible, agents, days)
    candidates = np.flatnonzero((wanted | rose) & ~held)
    # Highest expected lost value first; ties keep the input order (stable), so it reproduces.
    order = candidates[np.argsort(-value[candidates], kind="stable")]
    return order if budget is None else order[:budget]


def resolve_threshold(
    policy: AlertPolicy, previous_values: FloatArray, agents: int = 1, days: float = 1.0
) -> float:
    """The expected-lost-value cut-off a chunk applies alone, from the previous run's values.

    The budget's worth of the previous run's highest values sit at or above it. Under a
    threshold policy the chunks apply the probability threshold instead, and this returns 0.
    """
    values = np.sort(np.asarray(previous_values, dtype=np.float64))[::-1]
    budget = alert_budget(policy, int(values.size), agents, days)
    if budget is None or values.size == 0:
        return 0.0
    if budget >= values.size:
        return float(values[-1])
    return float(values[max(budget - 1, 0)])


def _digits(value: float) -> int:
    """Decimals enough to show a setting as typed (10 %, 12.5 %), at most two."""
    for digits in (0, 1):
        if abs(round(value, digits) - value) < 1e-9:
            return digits
    return 2
