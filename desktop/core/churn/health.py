"""Customer health: a 0–100 score from four parts, and what an agent could do about it.

Rule-based and computed from the same point-in-time features the model sees, so an agent can
check every number by hand; it complements the model's probability rather than repeating it.

- purchase: how often the customer orders (per month of tenure) and whether they did lately;
- engagement: logins, email opens/clicks and product views in the last 30 days;
- support: starts at 100, loses points for open and escalated tickets, poor ratings and
  payment failures;
- recency: 100 up to 14 days since the last order, falling to 0 at 180 days.

The score weighs them 30/25/20/25 (purchase, engagement, support, recency). A part without any
data for the customer (never ordered: purchase and recency; no event in 90 days: engagement; no
ticket and no payment on record: support) is "no data", not 0 or 100: it is left out of the score
(the other parts' weights scaled up) and named in the factors as "<Part>: no data".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from desktop.core.churn.features import FeatureMatrix

FloatArray = npt.NDArray[np.float64]
WEIGHTS = (0.30, 0.25, 0.20, 0.25)  # purchase, engagement, support, recency
PARTS = ("Purchase", "Engagement", "Support", "Recency")
NO_DATA = ": no data"  # appended to a part's name in the factors
RECENT_DAYS_FULL = 14
RECENCY_ZERO_DAYS = 180
WIN_BACK_DAYS = 60
HIGH_VALUE_SPEND = 500.0


@dataclass
class HealthScores:
    """Per customer (aligned with the feature matrix rows): score, parts, reasons, advice."""

    score: npt.NDArray[np.int64]
    purchase: npt.NDArray[np.int64]
    engagement: npt.NDArray[np.int64]
    support: npt.NDArray[np.int64]
    recency: npt.NDArray[np.int64]
    factors: list[list[str]]
    recommendations: list[list[str]]


def _saturate(values: FloatArray, full_at: float) -> FloatArray:
    """0 at 0, 1 from `full_at` on, linear between."""
    return np.clip(values / full_at, 0.0, 1.0)


def _part(values: FloatArray) -> npt.NDArray[np.int64]:
    return np.clip(np.rint(values), 0, 100).astype(np.int64)


def health_scores(fm: FeatureMatrix, risk_levels: Sequence[str] | None = None) -> HealthScores:
    """Health for every row of `fm`; `risk_levels` (the model's) sharpen the advice."""
    col = fm.column
    orders_90d = col("orders_30d") + col("orders_prev_60d")
    purchase = _part(60 * _saturate(col("orders_per_month"), 0.5) + 40 * _saturate(orders_90d, 2.0))
    emails = col("email_opens_30d") + col("email_clicks_30d")
    engagement = _part(
        50 * _saturate(col("logins_30d"), 4.0)
        + 30 * _saturate(emails, 4.0)
        + 20 * _saturate(col("product_views_30d"), 4.0)
    )
    support = _part(
        100
        - 20 * col("open_tickets")
        - 15 * col("escalations_90d")
        - 10 * col("low_satisfaction")
        - 5 * col("tickets_90d")
        - 15 * np.minimum(col("failed_payments_90d"), 3)
    )
    days = col("recency_days")
    recency_values = 100 * (
        1 - np.clip((days - RECENT_DAYS_FULL) / (RECENCY_ZERO_DAYS - RECENT_DAYS_FULL), 0, 1)
    )
    recency = _part(np.where(col("has_ordered") > 0, recency_values, 0.0))
    ordered = col("has_ordered") > 0
    has_data = np.column_stack(
        [
            ordered,
            (col("engagement_30d") + col("engagement_prev_60d") > 0)
            | (col("days_since_activity") < 90),
            (col("tickets_total") > 0) | (col("has_card") > 0) | (col("failed_payments_90d") > 0),
            ordered,
        ]
    )
    parts = np.column_stack([purchase, engagement, support, recency]).astype(np.float64)
    weights = np.asarray(WEIGHTS) * has_data
    total = weights.sum(axis=1)
    # Nothing known at all: every part counts, as before (the score says little either way).
    weights = np.where(total[:, None] > 0, weights, np.asarray(WEIGHTS))
    score = _part((weights * parts).sum(axis=1) / weights.sum(axis=1))

    factors: list[list[str]] = []
    advice: list[list[str]] = []
    rows = fm.matrix
    index = {name: j for j, name in enumerate(fm.names)}
    for i in range(len(fm)):
        row = rows[i]
        level = risk_levels[i] if risk_levels is not None else None
        f, a = _reasons(row, index, int(score[i]), level)
        f += [
            f"{name}{NO_DATA}" for name, known in zip(PARTS, has_data[i], strict=True) if not known
        ]
        factors.append(f)
        advice.append(a)
    return HealthScores(score, purchase, engagement, support, recency, factors, advice)


def _reasons(
    row: FloatArray, index: dict[str, int], score: int, level: str | None
) -> tuple[list[str], list[str]]:
    def v(name: str) -> float:
        return float(row[index[name]])

    factors: list[str] = []
    advice: list[str] = []
    _purchase_reasons(v, factors, advice)
    _trouble_reasons(v, factors, advice)
    if level == "LAPSED":  # already gone by the model's inactivity definition
        advice.append("Send a win-back offer: no order for the model's inactivity window")
    risky = level in ("HIGH", "CRITICAL")
    if risky and v("spend_total") >= HIGH_VALUE_SPEND:
        advice.append("Call the customer personally: valuable and at risk")
    elif risky:
        advice.append("Offer a retention incentive")
    if score >= 75 and not risky:
        advice.append("Invite to the loyalty programme")
    return factors, advice


def _purchase_reasons(v: Callable[[str], float], factors: list[str], advice: list[str]) -> None:
    if v("has_ordered") == 0:
        factors.append("no order yet")
        advice.append("Send a first-order offer")
    elif v("recency_days") > WIN_BACK_DAYS:
        factors.append(f"no order in {int(v('recency_days'))} days")
        advice.append("Send a win-back offer")
    if v("order_trend") < -0.5:
        factors.append("ordering less than before")
    if v("engagement_30d") == 0:
        factors.append("no engagement in 30 days")
        advice.append("Send a re-engagement email")
    elif v("engagement_trend") < -0.5:
        factors.append("engagement is falling")


def _trouble_reasons(v: Callable[[str], float], factors: list[str], advice: list[str]) -> None:
    failed = int(v("failed_payments_90d"))
    if failed:
        factors.append(f"{failed} failed payment{'s' if failed > 1 else ''} in 90 days")
    if v("card_expiring_30d"):
        factors.append("card expires within 30 days")
    elif v("card_expired"):
        factors.append("card on file has expired")
    if failed or v("card_expired") or v("card_expiring_30d"):
        advice.append("Ask for an updated payment method")
    if v("open_tickets") or v("escalations_90d"):
        factors.append(
            f"{int(v('open_tickets'))} open ticket(s), {int(v('escalations_90d'))} escalated"
        )
        advice.append("Follow up on the open support issue")
    if v("low_satisfaction"):
        factors.append("rated support poorly")
