"""Inter-order gap statistics and a seasonal signal, from each customer's order dates.

Why: recency alone treats a weekly buyer silent for 30 days like a quarterly buyer silent for 30
days. Measured against the customer's own rhythm, the first is overdue and the second is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

GAP_RATIO_CAP = 20.0  # "20 usual gaps overdue" and beyond all mean the same thing
YEAR_DAYS = 365.0  # feature_windows.SEASON_WINDOW_DAYS


@dataclass(frozen=True)
class GapFeatures:
    """One value per customer, in the order of the input lists."""

    mean_gap_days: FloatArray  # mean days between purchase occasions; tenure if fewer than two
    gap_cv: FloatArray  # std / mean of the gaps; 0 with fewer than two gaps
    overdue_ratio: FloatArray  # days since the last order / mean gap (capped)
    orders_same_window_last_year: FloatArray  # occasions in [as_of - 1 y, as_of - 1 y + horizon)


def gap_features(
    order_days: list[FloatArray],
    as_of_day: float,
    tenure_days: FloatArray,
    horizon_days: float,
) -> GapFeatures:
    """Gap features as of `as_of_day` from each customer's sorted order days (all before it).

    Orders on the same day are one purchase occasion. A customer with fewer than two occasions
    has no gap of their own: the mean gap is their tenure (they have not repeated in all that
    time) and the overdue ratio is days since the last order over that tenure.
    """
    n = len(order_days)
    mean_gap = np.zeros(n)
    cv = np.zeros(n)
    overdue = np.zeros(n)
    seasonal = np.zeros(n)
    window_start = as_of_day - YEAR_DAYS
    window_end = window_start + horizon_days
    for i, days in enumerate(order_days):
        tenure = max(float(tenure_days[i]), 1.0)
        if days.size == 0:
            mean_gap[i] = tenure
            overdue[i] = 1.0
            continue
        occasions = np.unique(np.floor(days))
        since_last = max(as_of_day - float(occasions[-1]), 0.0)
        if occasions.size >= 2:
            gaps = np.diff(occasions)
            mean_gap[i] = float(np.mean(gaps))
            cv[i] = float(np.std(gaps) / mean_gap[i]) if gaps.size >= 2 else 0.0
        else:
            mean_gap[i] = tenure
        overdue[i] = min(since_last / max(mean_gap[i], 1.0), GAP_RATIO_CAP)
        seasonal[i] = float(
            np.count_nonzero((occasions >= window_start) & (occasions < window_end))
        )
    return GapFeatures(mean_gap, cv, overdue, seasonal)


def gaps_from_summary(
    occasions: FloatArray, span_days: FloatArray, recency_days: FloatArray, tenure_days: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """(mean gap, overdue ratio) from per-customer aggregates, as `gap_features` defines them.

    `occasions` is the number of days with an order, `span_days` the days from the first order to
    the last, `recency_days` the days since the last order (the tenure for a customer without
    one). The mean of the gaps between occasions is their span over their count, so the
    catalogue reads these from one GROUP BY instead of every order date.
    """
    tenure = np.maximum(tenure_days, 1.0)
    repeat = occasions >= 2
    mean_gap = np.where(repeat, span_days / np.maximum(occasions - 1.0, 1.0), tenure)
    overdue = np.where(
        occasions >= 1,
        np.minimum(np.maximum(recency_days, 0.0) / np.maximum(mean_gap, 1.0), GAP_RATIO_CAP),
        1.0,
    )
    return np.asarray(mean_gap, dtype=np.float64), np.asarray(overdue, dtype=np.float64)
