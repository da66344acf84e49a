"""The date training and scoring work "as of": now, unless the data ends in the past.

A history exported months ago and scored as of today makes every customer look gone (every one
HIGH or CRITICAL), and training on it finds no churn in its last horizon. So when the newest
activity (an order or a customer event) is older than the horizon, the default as-of is the day
after that activity instead, and the caller says so. An as-of the user gives is used as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import peewee as pw

from db import models as m
from db.i18n import QT_TRANSLATE_NOOP, Day, Number

MOVED_NOTE = QT_TRANSLATE_NOOP(
    "Models",
    "As of {day}: the newest activity ({newest}) is {age} days old, more than the {horizon}-day "
    "horizon, so the day after it is used (choose another with --as-of DATE)",
)


@dataclass(frozen=True)
class AsOf:
    """The as-of to use, and why (None when it is simply now or the user's date)."""

    value: datetime
    newest_activity: datetime | None
    note: str | None = None
    given: bool = False  # the user chose it

    @property
    def run_value(self) -> datetime | None:
        """What a scoring run is given: None for plain now (so runs of "now" join each other)."""
        return self.value if self.given or self.moved else None

    @property
    def moved(self) -> bool:
        """The default moved back from now to the end of the data."""
        return self.note is not None


def newest_activity() -> datetime | None:
    """The newest order or customer event in the data (None when there is neither)."""
    found = [
        m.Order.select(pw.fn.MAX(m.Order.placed_at)).scalar(),
        m.CustomerEvent.select(pw.fn.MAX(m.CustomerEvent.occurred_at)).scalar(),
    ]
    values = [_as_datetime(v) for v in found if v is not None]
    return max(values) if values else None


def _as_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    # SQLite hands MAX() of a datetime column back as text.
    return datetime.fromisoformat(str(value))


def default_as_of(
    horizon_days: int, *, given: datetime | None = None, now: datetime | None = None
) -> AsOf:
    """`given` if the user chose one; else now, unless the newest activity is more than
    `horizon_days` days (calendar days) before now: then midnight of the day after it.

    Activity exactly `horizon_days` days ago still leaves a full horizon of data: now stands.
    """
    newest = newest_activity()
    if given is not None:
        return AsOf(given, newest, given=True)
    now = now or m.utcnow()
    if newest is None or (now.date() - newest.date()).days <= horizon_days:
        return AsOf(now, newest)
    moved = datetime.combine(newest.date() + timedelta(days=1), time())
    note = MOVED_NOTE.format(
        day=Day(moved), newest=Day(newest), age=Number((now.date() - newest.date()).days),
        horizon=Number(horizon_days),
    )  # fmt: skip
    return AsOf(moved, newest, note)


def scoring_as_of(
    version: m.ModelVersion, *, given: datetime | None = None, now: datetime | None = None
) -> AsOf:
    """The as-of to score with `version`: `default_as_of` with the horizon it was trained for."""
    summary: dict[str, Any] = version.training_summary or {}
    return default_as_of(int(summary.get("horizon_days") or 90), given=given, now=now)
