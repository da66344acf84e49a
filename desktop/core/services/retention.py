"""Writes of the retention policy and of a purge (`desktop.core.retention`): admins only.

A purge is many small units: `start_retention` stores the run with its cutoffs (or returns the
unfinished one, which makes a crashed or cancelled purge resumable), `purge_batch` deletes up to
a batch of rows the run's condition still matches and adds them to the run's counts in the same
transaction, `finish_retention` closes the run and writes one audit row per table with the rows
it removed. No transaction holds more than one batch's locks on the shared database.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import datetime

from db import models as m
from db.connection import is_mysql
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.retention.plan import MODELS, Plan, condition, make_plan
from desktop.core.retention.policy import DEFAULTS, Policy, read_policy
from desktop.core.services.base import NotFound, ServiceBase, unit
from desktop.core.services.permissions import Perm, require

log = logging.getLogger(__name__)

POLICY_FIELDS = tuple(f.name for f in fields(Policy))


class RetentionMixin(ServiceBase):
    def retention_policy(self) -> tuple[Policy, int | None]:
        """The policy in force and its version (None: the defaults, never saved)."""
        return read_policy()

    @unit(QT_TRANSLATE_NOOP("Writes", "the retention policy"))
    def set_retention_policy(self, values: Mapping[str, int], version: int | None) -> Policy:
        """Save the policy; `version` is the one the admin saw (None: they saw the defaults)."""
        require(self.user, Perm.RETENTION)
        unknown = set(values) - set(POLICY_FIELDS)
        if unknown:
            raise ValidationError(
                {sorted(unknown)[0]: QT_TRANSLATE_NOOP("Services", "is not a retention rule")}
            )
        with self._tx():
            row = m.RetentionPolicy.get_or_none(m.RetentionPolicy.id == 1)
            if row is None:
                if version is not None:
                    raise self._stale("RetentionPolicy", 1, "the retention policy")
                row = m.RetentionPolicy(id=1, **{**DEFAULTS.as_dict(), **values})
                row.validate()
                row.save(force_insert=True)
                self._audit("retention.policy", "RetentionPolicy", 1, None, DEFAULTS.as_dict()
                            | dict(values))  # fmt: skip
            else:
                if version is None:  # they saw the defaults; someone saved a policy since
                    raise self._stale("RetentionPolicy", 1, "the retention policy")
                self._versioned_update(
                    row, version, dict(values), action="retention.policy",
                    label="the retention policy",
                )  # fmt: skip
        return read_policy()[0]

    def retention_plan(self, now: datetime | None = None) -> Plan:
        """What a purge would remove now (or what the unfinished one still will), counted."""
        require(self.user, Perm.RETENTION)
        policy, _ = read_policy()
        run = _unfinished()
        if run is not None:
            return make_plan(policy, now or m.utcnow(), cutoffs=run.plan, resumes=run.id)
        return make_plan(policy, now or m.utcnow())

    @unit(QT_TRANSLATE_NOOP("Writes", "the start of the retention run"))
    def start_retention(self, now: datetime | None = None) -> tuple[int, Plan]:
        """The run to work on: the unfinished one, else a new one with cutoffs from now."""
        require(self.user, Perm.RETENTION)
        with self._tx():
            policy, _ = read_policy()
            run = _unfinished()
            if run is not None:
                log.info("resuming retention run %d", run.id)
                return run.id, make_plan(
                    policy, now or m.utcnow(), cutoffs=run.plan, resumes=run.id, count=False
                )
            plan = make_plan(policy, now or m.utcnow(), count=False)
            run = m.RetentionRun.create(started_by=self.user.id, plan=plan.cutoffs, deleted={})
            return run.id, plan

    @unit(QT_TRANSLATE_NOOP("Writes", "a batch of the retention run"))
    def purge_batch(self, run_id: int, table: str, ids: Sequence[int]) -> int:
        """Delete those of `ids` the run's condition still matches; the rows deleted."""
        require(self.user, Perm.RETENTION)
        if table not in MODELS:
            raise ValidationError(
                {
                    "table": QT_TRANSLATE_NOOP(
                        "Services", "{table} is not purged by the retention policy"
                    ).format(table=table)
                }
            )
        with self._tx():
            run = self._run(run_id)
            cutoffs = {t: datetime.fromisoformat(c) for t, c in run.plan.items()}
            model = MODELS[table]
            key = model._meta.primary_key
            # Read first, then delete by id: MySQL refuses a DELETE whose condition reads the
            # same table (the predictions' "a newer one exists"), MariaDB and SQLite do not.
            matching = [
                row[0]
                for row in model.select(key)
                .where(key.in_(list(ids)) & condition(table, cutoffs))
                .tuples()
            ]
            deleted = int(model.delete().where(key.in_(matching)).execute()) if matching else 0
            counts = dict(run.deleted or {})
            counts[table] = int(counts.get(table, 0)) + deleted
            m.RetentionRun.update(deleted=counts, updated_at=m.utcnow()).where(
                m.RetentionRun.id == run_id
            ).execute()
        return deleted

    @unit(QT_TRANSLATE_NOOP("Writes", "the end of the retention run"))
    def finish_retention(self, run_id: int) -> dict[str, int]:
        """Close the run; one audit row per table with the rows it removed."""
        require(self.user, Perm.RETENTION)
        with self._tx():
            run = self._run(run_id)
            counts = {t: int((run.deleted or {}).get(t, 0)) for t in run.plan}
            if run.finished_at is None:
                for table, rows in counts.items():
                    self._audit(
                        "retention.purge", table, run_id,
                        {"before": run.plan[table]}, {"deleted": rows},
                    )  # fmt: skip
                m.RetentionRun.update(finished_at=m.utcnow(), updated_at=m.utcnow()).where(
                    m.RetentionRun.id == run_id
                ).execute()
        return counts

    def _run(self, run_id: int) -> m.RetentionRun:
        query = m.RetentionRun.select().where(m.RetentionRun.id == run_id)
        if is_mysql(self.database):
            query = query.for_update()
        run = query.first()
        if run is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("Services", "retention run #{run_id} no longer exists").format(
                    run_id=run_id
                )
            )
        return run


def _unfinished() -> m.RetentionRun | None:
    return (
        m.RetentionRun.select()
        .where(m.RetentionRun.finished_at.is_null())
        .order_by(m.RetentionRun.id)
        .first()
    )
