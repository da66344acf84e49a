"""Data retention (seeds 000 and 004): old rows removed in small batches, never what is still used.

What goes, by default (each configurable in `RetentionPolicy`):

- customer events older than 90 days;
- churn predictions older than 30 days, except each customer's latest one and every prediction
  an alert that stays refers to;
- resolved or dismissed alerts closed more than 7 days ago;
- system metrics older than a year;
- customers soft-deleted more than 30 days ago (deleted for good, with everything that is theirs).

Retention never removes what the active model reads: its engagement features count customer
events up to 90 days back from the scoring date, and retraining it reads them back from its
oldest training snapshot. Events that recent are kept whatever the policy says, and the report
says so and why (`Kept`).

Each batch is one unit of work (a short transaction, retried whole after a lost connection), so
the shared database is never locked for long; a cancelled or failed run leaves whole batches
done, and running it again carries on (the rules are dates, not a position). One audit row per
run holds the counts per table.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

import peewee as pw

from db import models as m
from db.choices import AlertStatus, ModelStatus
from db.connection import is_mysql
from db.tasks import Cancelled, TaskState
from db.validation import ValidationError
from desktop.core.services.base import ServiceBase, unit
from desktop.core.services.permissions import Perm, require

log = logging.getLogger(__name__)

BATCH = 1_000
CUSTOMER_BATCH = 100  # a customer takes their orders, events, tickets … with them
MAX_DAYS = 36_500
MAX_MODEL_LOOKBACK_DAYS = 365
ENGAGEMENT_LOOKBACK_DAYS = 90  # the engagement features' longest window (30 d + 60 d before)
CLOSED_ALERTS = (AlertStatus.RESOLVED.value, AlertStatus.DISMISSED.value)


@dataclass(frozen=True)
class RetentionPolicy:
    """Days each kind of row is kept (the seeds' defaults)."""

    events_days: int = 90
    predictions_days: int = 30
    resolved_alerts_days: int = 7
    metrics_days: int = 365
    deleted_customers_days: int = 30

    def check(self) -> None:
        errors = {
            f.name: f"keep at least 1 day and at most {MAX_DAYS:,} days"
            for f in fields(self)
            if not 1 <= getattr(self, f.name) <= MAX_DAYS
        }
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class Kept:
    """Rows the policy would remove but retention keeps, and why."""

    table: str
    days: int  # what is kept: the rows of the last `days` days
    reason: str


@dataclass
class RetentionReport:
    dry_run: bool
    due: dict[str, int]  # rows that go (dry run: would go), per table
    removed: dict[str, int] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)
    cutoffs: dict[str, datetime] = field(default_factory=dict)

    def lines(self) -> list[str]:
        verb = "would remove" if self.dry_run else "removed"
        counts = self.due if self.dry_run else self.removed
        out = [
            f"{verb} {counts.get(table, 0):,} {LABELS[table]} (older than "
            f"{self.cutoffs[table]:%Y-%m-%d %H:%M} UTC)"
            for table in LABELS
        ]
        out += [f"kept {LABELS[k.table]} of the last {k.days} days: {k.reason}"
                for k in self.kept]  # fmt: skip
        return out


LABELS = {
    "customer_event": "customer events",
    "churn_prediction": "churn predictions",
    "alert": "closed alerts",
    "system_metric": "system metrics",
    "customer": "soft-deleted customers",
}


def event_lookback(now: datetime) -> tuple[int, str] | None:
    """How many days of customer events the active model needs, and why; None without one
    (or when it reads no engagement feature)."""
    model = m.ModelVersion.get_or_none(m.ModelVersion.status == ModelStatus.ACTIVE.value)
    if model is None:
        return None
    definitions = model.feature_definitions or {}
    sources = {f.get("group") for f in definitions.get("features", []) if isinstance(f, dict)}
    if sources and "engagement" not in sources:
        return None
    days = ENGAGEMENT_LOOKBACK_DAYS
    reason = (
        f"the active model {model.name} counts engagement events up to "
        f"{ENGAGEMENT_LOOKBACK_DAYS} days back"
    )
    summary = model.training_summary or {}
    cutoffs = [_parse(c) for c in (summary.get("train") or {}).get("cutoffs", [])]
    known = [c for c in cutoffs if c is not None]
    if known:
        # Retraining it reads them back from its oldest training snapshot too.
        oldest = min(known)
        back = (now - oldest).days + ENGAGEMENT_LOOKBACK_DAYS
        if back > days:
            days = min(back, MAX_MODEL_LOOKBACK_DAYS)
            reason += (
                f" from each training snapshot, the oldest {(now - oldest).days} days ago"
                " (retraining it reads them)"
            )
    return days, reason


def _parse(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _conditions(
    policy: RetentionPolicy, now: datetime, report: RetentionReport
) -> dict[str, tuple[type[m.BaseModel], Any]]:
    """Per table: its model and the condition of the rows that go."""
    events_days = policy.events_days
    need = event_lookback(now)
    if need is not None and need[0] > events_days:
        report.kept.append(Kept("customer_event", need[0], need[1]))
        events_days = need[0]
    cut = {
        "customer_event": now - timedelta(days=events_days),
        "churn_prediction": now - timedelta(days=policy.predictions_days),
        "alert": now - timedelta(days=policy.resolved_alerts_days),
        "system_metric": now - timedelta(days=policy.metrics_days),
        "customer": now - timedelta(days=policy.deleted_customers_days),
    }
    report.cutoffs = cut
    A, P = m.Alert, m.ChurnPrediction  # noqa: N806
    closed_alert = A.status.in_(CLOSED_ALERTS) & (A.resolved_at < cut["alert"])
    latest = m.ChurnPrediction.alias("latest")
    newest_per_customer = latest.select(pw.fn.MAX(latest.id)).group_by(latest.customer)
    staying = A.alias("staying")
    kept_by_alert = staying.select(staying.prediction).where(
        staying.prediction.is_null(False)
        & ~(staying.status.in_(CLOSED_ALERTS) & (staying.resolved_at < cut["alert"]))
    )
    return {
        "alert": (A, closed_alert),
        "churn_prediction": (
            P,
            (P.scored_at < cut["churn_prediction"])
            & P.id.not_in(newest_per_customer)
            & P.id.not_in(kept_by_alert),
        ),
        "customer_event": (m.CustomerEvent, m.CustomerEvent.occurred_at < cut["customer_event"]),
        "system_metric": (m.SystemMetric, m.SystemMetric.recorded_at < cut["system_metric"]),
        "customer": (m.Customer, m.Customer.deleted_at < cut["customer"]),
    }


class RetentionMixin(ServiceBase):
    def apply_retention(
        self,
        policy: RetentionPolicy | None = None,
        *,
        dry_run: bool = False,
        state: TaskState | None = None,
        now: datetime | None = None,
    ) -> RetentionReport:
        """Remove (or, `dry_run`, count) what the policy says goes, in batches; an admin's."""
        require(self.user, Perm.SETTINGS)
        policy = policy or RetentionPolicy()
        policy.check()
        now = now or m.utcnow()
        state = state or TaskState()
        report = RetentionReport(dry_run=dry_run, due={})
        plan = _conditions(policy, now, report)
        for table, (model, cond) in plan.items():
            report.due[table] = model.select().where(cond).count()
        if dry_run:
            return report
        total = sum(report.due.values())
        done = 0
        try:
            # Alerts first: a prediction only they referred to may then go too.
            for table, (model, cond) in plan.items():
                size = CUSTOMER_BATCH if table == "customer" else BATCH
                report.removed[table] = 0
                while True:
                    state.check()
                    gone = self._retention_batch(model, cond, size)
                    if not gone:
                        break
                    report.removed[table] += gone
                    done += gone
                    state.progress(min(done, total), total, f"removing {LABELS[table]}")
        except Cancelled:
            self._audit_retention(policy, report, finished=False)
            raise
        self._audit_retention(policy, report, finished=True)
        log.info("retention removed %d rows", done)
        return report

    @unit("a retention batch")
    def _retention_batch(self, model: type[m.BaseModel], cond: Any, size: int) -> int:
        with self._tx():
            # Locked as read (MySQL; SQLite's write lock is taken up front): a row that no
            # longer meets the rule (an alert reopened) is not among them, and none can change
            # before the delete.
            batch = model.select(model.id).where(cond).order_by(model.id).limit(size)
            if is_mysql(self.database):
                batch = batch.for_update()
            ids = [row.id for row in batch]
            if not ids:
                return 0
            return int(model.delete().where(model.id.in_(ids)).execute())

    @unit("the retention audit")
    def _audit_retention(
        self, policy: RetentionPolicy, report: RetentionReport, *, finished: bool
    ) -> None:
        with self._tx():
            self._audit(
                "retention.apply",
                "retention",
                None,
                None,
                {
                    "removed": dict(report.removed),
                    "finished": finished,
                    "policy_days": {f.name: getattr(policy, f.name) for f in fields(policy)},
                    "kept": [f"{k.table}: {k.days} days ({k.reason})" for k in report.kept],
                },
            )
