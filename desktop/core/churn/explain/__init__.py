"""Explanations that add up: per-prediction additive contributions on the calibrated log-odds
scale (`additive`), exact path-dependent TreeSHAP for the boosted trees (`treeshap`), a
customer's value in words (`words`) and the next actions the factors suggest (`actions`)."""

from desktop.core.churn.explain.additive import (
    Additive,
    additive_contributions,
    to_points,
)
from desktop.core.churn.explain.treeshap import TreeExplainer

__all__ = ["Additive", "TreeExplainer", "additive_contributions", "to_points"]
