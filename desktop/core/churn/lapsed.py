"""The lapsed population: under the inactivity churn definition, who has already churned.

A model trained with "churn = no order for N days" never saw a customer who, at the cutoff, had
already gone N days without an order (training leaves them out: their label is known before the
horizon starts). Scoring them gives a number the model was never checked on — on an order
history the dormant majority levels off at 0.7–0.9 where nearly all of them are gone. So they
are not scored: they are LAPSED, a win-back population with no churn probability and no churn
alert, outside the risk KPIs, listed under the Customers page's "Lapsed / win-back" filter.

The rule is training's exclusion exactly: inactive (days since the last order, or since joining
for who never ordered) for at least N days, and a customer for at least N days.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from desktop.core.churn.features import FeatureMatrix

BoolArray = npt.NDArray[np.bool_]


def lapsed_after_days(training_summary: dict[str, Any] | None) -> int | None:
    """N for a model trained on the inactivity definition (from its stored summary), else None:
    under the status definition nobody is lapsed by inactivity."""
    summary = training_summary or {}
    if summary.get("churn_definition") != "inactivity":
        return None
    days = summary.get("inactive_days")
    return int(days) if days else None


def lapsed_mask(fm: FeatureMatrix, inactive_days: int | None) -> BoolArray:
    """True for the rows of `fm` already lapsed at its as-of (see the module docstring)."""
    if inactive_days is None or len(fm) == 0:
        return np.zeros(len(fm), dtype=bool)
    recency, tenure = fm.column("recency_days"), fm.column("tenure_days")
    return np.asarray((recency >= inactive_days) & (tenure >= inactive_days), dtype=bool)
