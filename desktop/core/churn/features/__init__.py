"""Point-in-time churn features: what training learns from and scoring predicts on.

The modules: `spec` (the feature catalogue, the spec a model is trained with, the feature matrix
and the customer selections chunks are made of), `aggregates` (`compute_features` and the
per-source GROUP BY queries behind it, with the point-in-time rules) and `packed` (how those
aggregates travel from the database fast). This package re-exports what the rest of the
application uses.
"""

from desktop.core.churn.features.aggregates import (
    CARD_EXPIRY_DAYS,
    card_expiry_end,
    compute_features,
    fit_history,
)
from desktop.core.churn.features.spec import (
    BASE_FEATURES,
    BASE_NAMES,
    HISTORY_FEATURES,
    HISTORY_NAMES,
    CustomerSelection,
    Feature,
    FeatureMatrix,
    FeatureSpec,
    IdRange,
    OrderHistory,
    build_feature_spec,
    iter_id_ranges,
    select_customers,
    where_customer,
)

__all__ = [
    "BASE_FEATURES",
    "BASE_NAMES",
    "CARD_EXPIRY_DAYS",
    "HISTORY_FEATURES",
    "HISTORY_NAMES",
    "CustomerSelection",
    "Feature",
    "FeatureMatrix",
    "FeatureSpec",
    "IdRange",
    "OrderHistory",
    "build_feature_spec",
    "card_expiry_end",
    "compute_features",
    "fit_history",
    "iter_id_ranges",
    "select_customers",
    "where_customer",
]
