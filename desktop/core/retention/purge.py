"""The purge loop: batches of ids through the service layer, progress and cancel between them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from db.i18n import QT_TRANSLATE_NOOP, Number
from db.tasks import TaskState
from desktop.core.retention.plan import MODELS, Plan, condition

log = logging.getLogger(__name__)

BATCH = 500  # rows per transaction: short locks on the shared database
CUSTOMER_BATCH = 20  # a customer's deletion takes their orders, events, predictions… with it


class RetentionWriter(Protocol):
    """The service methods a purge calls (`services.retention.RetentionMixin`)."""

    def start_retention(self, now: datetime | None = None) -> tuple[int, Plan]: ...
    def purge_batch(self, run_id: int, table: str, ids: Sequence[int]) -> int: ...
    def finish_retention(self, run_id: int) -> dict[str, int]: ...


@dataclass(frozen=True)
class PurgeReport:
    run_id: int
    deleted: dict[str, int]  # per table, over the whole run (a resumed one included)
    warnings: list[str]
    resumed: bool


def purge(
    services: RetentionWriter,
    *,
    state: TaskState | None = None,
    now: datetime | None = None,
    batch: int = BATCH,
) -> PurgeReport:
    """Run (or resume) a purge to the end. Cancelled between batches, the run stays open and
    the next purge resumes it with the same cutoffs."""
    state = state or TaskState()
    run_id, plan = services.start_retention(now)
    cutoffs = {t.table: t.before for t in plan.tables}
    done = 0
    for table in plan.tables:
        model = MODELS[table.table]
        key = model._meta.primary_key
        size = CUSTOMER_BATCH if table.table == "customer" else batch
        last = 0
        while True:
            ids = [
                row[0]
                for row in model.select(key)
                .where(condition(table.table, cutoffs) & (key > last))
                .order_by(key)
                .limit(size)
                .tuples()
            ]
            if not ids:
                break
            last = ids[-1]
            done += services.purge_batch(run_id, table.table, ids)
            state.progress(
                done,
                0,
                QT_TRANSLATE_NOOP("Retention", "{what}: removed {done} rows so far").format(
                    what=table.what, done=Number(done)
                ),
            )
    deleted = services.finish_retention(run_id)
    log.info("retention run %d finished", run_id)
    return PurgeReport(run_id, deleted, plan.warnings, plan.resumes is not None)
