"""Train churn models on point-in-time snapshots and keep them as `ModelVersion`s.

The timeline, with T the training date (default now) and h the horizon (default 90 days):

- validation snapshot: features as of T − h, label "churned in [T − h, T)";
- training snapshots: features as of T − 2h, T − 2h − 30 d, … (`training_snapshots` of them),
  each labelled by churn in the h days after its cutoff.

Every training label is known by T − h, when the validation features are taken, so the validation
is out-of-time: it measures how a model trained on the past does on a later period. A customer
appears in several snapshots (at different dates); that is more examples of the same behaviour,
not leakage.

Churn is either the account status (`churned_at` within the label window) or inactivity (no order
in the last N days of the window). Two calibrated scikit-learn pipelines are fitted — a regularised
logistic regression and a histogram gradient-boosted model — and the one with the better
validation PR AUC wins. Both are stored, as candidates, with their metrics, feature definitions,
training summary and a skops artifact; `activate_model` makes one the model scoring uses.

The modules: `snapshots` (the settings, labels and point-in-time snapshots), `fitting` (the
pipelines, their evaluation and `train_models`) and `registry` (stored versions and their
lifecycle). This package re-exports what the rest of the application uses.
"""

from desktop.core.churn.training.fitting import (
    Candidate,
    TrainingResult,
    make_pipeline,
    train_models,
)
from desktop.core.churn.training.registry import (
    activate_model,
    active_model,
    describe_model,
    find_model,
    list_models,
    retire_model,
)
from desktop.core.churn.training.snapshots import (
    ALGORITHMS,
    BOOSTED,
    LOGISTIC,
    RFM,
    ChurnDefinition,
    Snapshot,
    TrainingConfig,
    build_snapshot,
)

__all__ = [
    "ALGORITHMS",
    "BOOSTED",
    "LOGISTIC",
    "RFM",
    "Candidate",
    "ChurnDefinition",
    "Snapshot",
    "TrainingConfig",
    "TrainingResult",
    "activate_model",
    "active_model",
    "build_snapshot",
    "describe_model",
    "find_model",
    "list_models",
    "make_pipeline",
    "retire_model",
    "train_models",
]
