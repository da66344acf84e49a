"""Risk levels from churn probabilities, by the seed thresholds.

Below 0.40 LOW, 0.40 up to 0.60 MEDIUM, 0.60 up to 0.80 HIGH, 0.80 and above CRITICAL: each
boundary belongs to the level above it, so a probability of exactly 0.40 is MEDIUM.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from db.choices import Priority, RiskLevel

MEDIUM_FROM = 0.40
HIGH_FROM = 0.60
CRITICAL_FROM = 0.80

# Lower bounds in increasing order; index i of LEVELS starts at BOUNDS[i - 1].
BOUNDS: tuple[float, ...] = (MEDIUM_FROM, HIGH_FROM, CRITICAL_FROM)
LEVELS: tuple[RiskLevel, ...] = (
    RiskLevel.LOW,
    RiskLevel.MEDIUM,
    RiskLevel.HIGH,
    RiskLevel.CRITICAL,
)
ALERTING_LEVELS = frozenset({RiskLevel.HIGH, RiskLevel.CRITICAL})
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}

ALERT_PRIORITY = {
    RiskLevel.LOW: Priority.LOW,
    RiskLevel.MEDIUM: Priority.MEDIUM,
    RiskLevel.HIGH: Priority.HIGH,
    RiskLevel.CRITICAL: Priority.CRITICAL,
}


def risk_level(probability: float) -> RiskLevel:
    """The level of one probability; refuses values outside [0, 1] rather than guessing."""
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"a probability must be between 0 and 1, not {probability!r}")
    return LEVELS[int(np.searchsorted(BOUNDS, probability, side="right"))]


def risk_level_codes(probabilities: npt.ArrayLike) -> npt.NDArray[np.intp]:
    """Index into LEVELS for each probability (vectorised for scoring chunks)."""
    values = np.asarray(probabilities, dtype=np.float64)
    return np.searchsorted(np.asarray(BOUNDS), values, side="right")


def risk_levels(probabilities: npt.ArrayLike) -> list[RiskLevel]:
    return [LEVELS[code] for code in risk_level_codes(probabilities)]


def confidence(probabilities: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """How sure the model is of its call: the probability of the more likely outcome (0.5–1)."""
    values = np.asarray(probabilities, dtype=np.float64)
    return np.maximum(values, 1.0 - values)


def is_alerting(level: str | None) -> bool:
    return level in ALERTING_LEVELS


# The churn-probability histogram: bin i covers [i/20, (i+1)/20), 1.0 lands in the last bin.
PROBABILITY_BINS = 20


def probability_bins(probabilities: npt.ArrayLike, bins: int = PROBABILITY_BINS) -> list[int]:
    """Customers per probability bin, exactly as `desktop.core.sql.bucket` bins them in SQL (the
    same nudge, floor and clamp), so a run's stored histogram equals one counted from the
    customers' estimates."""
    values = np.asarray(probabilities, dtype=np.float64)
    index = np.floor(values * float(bins) + 1e-9)
    index = np.where(values >= 1.0, bins - 1, index).astype(np.int64)
    counts = np.bincount(np.clip(index, 0, bins - 1), minlength=bins)
    return [int(n) for n in counts]


def add_bins(total: list[int] | None, more: object) -> list[int] | None:
    """`total` plus one chunk's stored bins; None when either is missing or malformed (a chunk
    written before runs kept bins: the run's histogram would be short of its customers)."""
    if total is None or not isinstance(more, list) or len(more) != len(total):
        return None
    return [a + int(b) for a, b in zip(total, more, strict=True)]
