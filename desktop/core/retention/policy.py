"""The retention rules, their defaults (the seeds') and the policy as stored."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from db import models as m
from db.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Policy:
    """Days each kind of old row is kept."""

    events_days: int = 90
    predictions_days: int = 30
    resolved_alerts_days: int = 7
    metrics_days: int = 365
    deleted_customers_days: int = 30

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


DEFAULTS = Policy()

# Field → (table it purges, what goes, in words), in the order a purge runs: resolved alerts
# before predictions, so a prediction only a removed alert referred to can go in the same run.
RULES: dict[str, tuple[str, str]] = {
    "resolved_alerts_days": (
        "alert",
        QT_TRANSLATE_NOOP("Retention", "resolved and dismissed alerts"),
    ),
    "predictions_days": ("churn_prediction", QT_TRANSLATE_NOOP("Retention", "churn predictions")),
    "events_days": ("customer_event", QT_TRANSLATE_NOOP("Retention", "customer events")),
    "metrics_days": ("system_metric", QT_TRANSLATE_NOOP("Retention", "system metrics")),
    "deleted_customers_days": (
        "customer",
        QT_TRANSLATE_NOOP("Retention", "deleted customers (and all their rows)"),
    ),
}
assert set(RULES) == {f.name for f in fields(Policy)}


def read_policy() -> tuple[Policy, int | None]:
    """The stored policy and its version (for an optimistic save), or the defaults and None."""
    row = m.RetentionPolicy.get_or_none(m.RetentionPolicy.id == 1)
    if row is None:
        return DEFAULTS, None
    return Policy(**{f.name: int(getattr(row, f.name)) for f in fields(Policy)}), int(row.version)
