"""Features (being split into modules; see the next commit)."""

from desktop.core.churn.features.aggregates import *  # noqa: F403
