"""How far back the features read each table, so the retention policy never removes rows the
active model's next scoring run needs (`desktop.core.retention`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.churn.features.aggregates import ACTIVITY_WINDOW_DAYS, FAILURE_RECENCY_CAP_DAYS

# A feature group → the table it counts rows of and how many days before the scoring date it
# reads (the windows in `aggregates`). Groups read as they are now (profile, subscription,
# custom attributes) look at no dated history.
GROUP_SOURCES: dict[str, tuple[str, int]] = {
    "orders": ("orders", ACTIVITY_WINDOW_DAYS),
    "engagement": ("customer_event", ACTIVITY_WINDOW_DAYS),
    "support": ("support_ticket", ACTIVITY_WINDOW_DAYS),
    "payments": ("payment_transaction", FAILURE_RECENCY_CAP_DAYS),
}


@dataclass(frozen=True)
class TableNeed:
    """The days of `table` a model's features look back over, and which features do."""

    table: str
    days: int
    features: tuple[str, ...]


def table_needs(definitions: Iterable[Mapping[str, Any]] | None) -> dict[str, TableNeed]:
    """What a model's stored feature definitions read, per table (the longest window wins)."""
    days: dict[str, int] = {}
    features: dict[str, list[str]] = {}
    for definition in definitions or ():
        source = GROUP_SOURCES.get(str(definition.get("group")))
        if source is None:
            continue
        table, window = source
        days[table] = max(days.get(table, 0), window)
        features.setdefault(table, []).append(str(definition.get("name")))
    return {t: TableNeed(t, days[t], tuple(features[t])) for t in days}
