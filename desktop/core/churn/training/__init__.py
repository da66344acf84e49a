"""Training (being split into modules; see the next commit)."""

from desktop.core.churn.training.fitting import *  # noqa: F403
from desktop.core.churn.training.fitting import _cutoffs  # noqa: F401
