"""The features' windows: how far back they read each table. `features.aggregates` computes with
these windows, and the retention policy (`desktop.core.retention`) keeps the rows they cover for
the active model. A module of its own, without numpy, so the service layer can read it cheaply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Windows, in days before the scoring (or snapshot) date.
RECENT_DAYS = 30
PREVIOUS_DAYS = 60  # the 60 days before the recent 30
ACTIVITY_WINDOW_DAYS = RECENT_DAYS + PREVIOUS_DAYS
FAILURE_RECENCY_CAP_DAYS = 365
SEASON_WINDOW_DAYS = 365  # seasonality: the same weeks a year before

# A feature group → the table it counts rows of and how many days before the scoring date it
# reads (the windows in `aggregates`). Groups read as they are now (profile, subscription,
# custom attributes) look at no dated history.
GROUP_SOURCES: dict[str, tuple[str, int]] = {
    "orders": ("orders", ACTIVITY_WINDOW_DAYS),
    "engagement": ("customer_event", ACTIVITY_WINDOW_DAYS),
    "support": ("support_ticket", ACTIVITY_WINDOW_DAYS),
    "payments": ("payment_transaction", FAILURE_RECENCY_CAP_DAYS),
    # Last year's season reads a year back; BG/NBD and the gaps read the first and last order
    # (as orders_total does, all time).
    "order_history": ("orders", SEASON_WINDOW_DAYS),
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
