"""What a purge by the retention policy removes, and what it keeps and why.

Each rule is a condition on one table with a cutoff date. The cutoffs are fixed when a purge
starts (stored in its `RetentionRun`), so a purge resumed after a crash removes what it meant
to. A plan counts, per table, the rows that go and the rows past the policy's age that stay:

- customer events the active model's features still read (they look back up to 90 days; the
  policy cannot shorten that, so the plan moves the cutoff and says so);
- each customer's latest prediction, and predictions an alert that stays refers to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import peewee as pw

from db import models as m
from db.choices import AlertStatus, ModelStatus
from db.i18n import QT_TRANSLATE_NOOP, Day, Number
from desktop.core.churn.feature_windows import table_needs
from desktop.core.retention.policy import RULES, Policy

RESUMES = QT_TRANSLATE_NOOP(
    "Retention", "Resumes the unfinished retention run #{run} (its cutoffs)."
)
TABLE_LINE = QT_TRANSLATE_NOOP(
    "Retention", "{table}: {goes} {what} from before {before} (kept {days} days)"
)
KEPT_LINE = QT_TRANSLATE_NOOP("Retention", "  kept {rows}: {reason}")
NEEDED = QT_TRANSLATE_NOOP(
    "Retention",
    "{what} are kept {need} days, not {days}: the active model ({model}) reads them that far "
    "back ({features})",
)
LATEST = QT_TRANSLATE_NOOP("Retention", "each customer's latest prediction")
REFERRED = QT_TRANSLATE_NOOP("Retention", "referred to by alerts that are kept")

CLOSED_ALERTS = (AlertStatus.RESOLVED.value, AlertStatus.DISMISSED.value)
MODELS: dict[str, type[m.BaseModel]] = {
    "alert": m.Alert,
    "churn_prediction": m.ChurnPrediction,
    "customer_event": m.CustomerEvent,
    "system_metric": m.SystemMetric,
    "customer": m.Customer,
}
# The date each rule ages rows by.
DATED: dict[str, pw.Field] = {
    "alert": m.Alert.resolved_at,
    "churn_prediction": m.ChurnPrediction.scored_at,
    "customer_event": m.CustomerEvent.occurred_at,
    "system_metric": m.SystemMetric.recorded_at,
    "customer": m.Customer.deleted_at,
}


@dataclass(frozen=True)
class Kept:
    rows: int
    reason: str


@dataclass
class TablePlan:
    rule: str  # the Policy field
    table: str
    what: str
    days: int  # the policy's
    before: datetime  # the cutoff used: rows older than this go
    goes: int = 0
    kept: list[Kept] = field(default_factory=list)
    warning: str | None = None


@dataclass
class Plan:
    now: datetime
    tables: list[TablePlan]
    resumes: int | None = None  # the unfinished run this plan continues

    @property
    def cutoffs(self) -> dict[str, str]:
        return {t.table: t.before.isoformat(sep=" ") for t in self.tables}

    @property
    def warnings(self) -> list[str]:
        return [t.warning for t in self.tables if t.warning]

    def lines(self) -> list[str]:
        """The plan in words, one line per table and per reason a row is kept."""
        out: list[str] = []
        if self.resumes is not None:
            out.append(RESUMES.format(run=self.resumes))
        for t in self.tables:
            out.append(
                TABLE_LINE.format(
                    table=t.table,
                    goes=Number(t.goes),
                    what=t.what,
                    before=Day(t.before, with_time=True),
                    days=Number(t.days),
                )
            )
            out += [
                KEPT_LINE.format(rows=Number(k.rows), reason=k.reason) for k in t.kept if k.rows
            ]
        return out


def _kept_alert(before: datetime) -> pw.Expression:
    """An alert that stays: open, acknowledged, or closed on or after the cutoff."""
    a = m.Alert
    return (a.status.not_in(CLOSED_ALERTS)) | a.resolved_at.is_null() | (a.resolved_at >= before)


def condition(table: str, cutoffs: Mapping[str, datetime]) -> pw.Expression:
    """The rows of `table` a purge with these cutoffs removes (also checked again in the
    transaction that deletes them)."""
    before = cutoffs[table]
    if table == "alert":
        a = m.Alert
        return a.status.in_(CLOSED_ALERTS) & (a.resolved_at < before)
    if table == "churn_prediction":
        p = m.ChurnPrediction
        newer = m.ChurnPrediction.alias("newer")
        has_newer = pw.fn.EXISTS(
            newer.select(pw.SQL("1")).where((newer.customer == p.customer) & (newer.id > p.id))
        )
        kept_alert = m.Alert.select(m.Alert.prediction).where(
            m.Alert.prediction.is_null(False) & _kept_alert(cutoffs.get("alert", before))
        )
        return (p.scored_at < before) & has_newer & p.id.not_in(kept_alert)
    if table == "customer_event":
        return m.CustomerEvent.occurred_at < before
    if table == "system_metric":
        return m.SystemMetric.recorded_at < before
    if table == "customer":
        c = m.Customer
        return c.deleted_at.is_null(False) & (c.deleted_at < before)
    raise KeyError(table)


def active_model_needs() -> tuple[str | None, dict[str, tuple[int, tuple[str, ...]]]]:
    """The active models' names and, per table, the longest window their features read."""
    needs: dict[str, tuple[int, tuple[str, ...]]] = {}
    names = []
    for version in m.ModelVersion.select(
        m.ModelVersion.name, m.ModelVersion.feature_definitions
    ).where(m.ModelVersion.status == ModelStatus.ACTIVE.value):
        names.append(version.name)
        for table, need in table_needs(version.feature_definitions).items():
            days, features = needs.get(table, (0, ()))
            needs[table] = (max(days, need.days), (*features, *need.features))
    return (", ".join(names) or None), needs


def make_plan(
    policy: Policy,
    now: datetime,
    *,
    cutoffs: Mapping[str, str] | None = None,
    resumes: int | None = None,
    count: bool = True,
) -> Plan:
    """The purge `policy` asks for at `now` (or with a resumed run's `cutoffs`), with the
    counts of what goes and what is kept (`count`)."""
    model_name, needs = active_model_needs()
    tables = []
    for rule, (table, what) in RULES.items():
        days = int(getattr(policy, rule))
        wanted = now - timedelta(days=days)
        before = datetime.fromisoformat(cutoffs[table]) if cutoffs and table in cutoffs else wanted
        plan = TablePlan(rule, table, what, days, before)
        need = needs.get(table)
        if need is not None and before > now - timedelta(days=need[0]):
            needed = now - timedelta(days=need[0])
            features = ", ".join(need[1][:4]) + (", …" if len(need[1]) > 4 else "")
            plan.warning = NEEDED.format(
                what=what, need=Number(need[0]), days=Number(days), model=str(model_name),
                features=features,
            )  # fmt: skip
            plan.kept.append(Kept(0, plan.warning))
            plan.before = needed
            if count:
                column = DATED[table]
                plan.kept[-1] = Kept(
                    MODELS[table].select().where((column < before) & (column >= needed)).count(),
                    plan.warning,
                )
        tables.append(plan)
    result = Plan(now, tables, resumes)
    if count:
        _count(result)
    return result


def _count(plan: Plan) -> None:
    cutoffs = {t.table: t.before for t in plan.tables}
    for t in plan.tables:
        model = MODELS[t.table]
        t.goes = model.select().where(condition(t.table, cutoffs)).count()
        if t.table == "churn_prediction":
            p = m.ChurnPrediction
            old = p.select().where(p.scored_at < t.before).count()
            newer = m.ChurnPrediction.alias("newer")
            latest = (
                p.select()
                .where(
                    (p.scored_at < t.before)
                    & ~pw.fn.EXISTS(
                        newer.select(pw.SQL("1")).where(
                            (newer.customer == p.customer) & (newer.id > p.id)
                        )
                    )
                )
                .count()
            )
            t.kept.append(Kept(latest, LATEST))
            t.kept.append(Kept(old - latest - t.goes, REFERRED))
