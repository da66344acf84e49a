"""Scoring (being split into modules; see the next commit)."""

from desktop.core.churn.scoring.engine import *  # noqa: F403
