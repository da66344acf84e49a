"""One import from file to database, as a task (`db.tasks`): streamed in batches, checked row
by row, written in units of work.

- Default (all or nothing): the whole file is one transaction; a bad row stops the writing,
  the rest of the file is still checked so the report names every problem, and the
  transaction is rolled back. A cancel or a crash rolls it back too: nothing is half-written.
- `keep_valid`: every batch is its own transaction with the import's marker (`ImportRun`:
  data rows done, counts), so a cancelled or crashed import keeps whole batches and the same
  import (same file, kind, mapping) resumes after the last one; refused rows go to a rejects
  file beside the input, with a column saying why.
- `dry_run`: only reads and checks; nothing is written.

The customer summary columns are recomputed for the customers an import touched, in the same
transaction as the rows; one audit row per import says who imported which file, and the counts.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from db import models as m
from db.bulk import DeferredIndexes
from db.tasks import TaskState
from db.units import retrying, write_transaction
from desktop.core.i18n import QT_TRANSLATE_NOOP, Joined, Number
from desktop.core.imports import readers, summary
from desktop.core.imports.ahead import read_ahead
from desktop.core.imports.kinds import WRITERS
from desktop.core.imports.rows import Plan, RowProblem, convert
from desktop.core.imports.store import Outcome, Row, Store
from desktop.core.services.base import ServiceError

log = logging.getLogger(__name__)

BATCH = 5_000
DEFER_INDEXES_MIN = 50_000  # data rows from which an all-or-nothing load builds indexes after
SHOWN_PROBLEMS = 20
AuditFn = Callable[[str, str, int | None, dict[str, Any] | None, dict[str, Any] | None], None]


@dataclass
class Report:
    kind: str
    file_name: str
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    created_customers: int = 0
    problems: list[str] = field(default_factory=list)  # the first SHOWN_PROBLEMS
    rejects_file: str | None = None
    written: bool = False
    dry_run: bool = False
    resumed_after: int = 0  # data rows skipped because a previous run committed them
    warnings: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        self.inserted += outcome.inserted
        self.updated += outcome.updated
        self.unchanged += outcome.unchanged
        self.created_customers += outcome.created_customers
        self.rejected += len(outcome.rejected)
        for problem, _cells in outcome.rejected:
            if len(self.problems) < SHOWN_PROBLEMS:
                said = problem.args[0] if problem.args else None
                self.problems.append(said if isinstance(said, str) else str(problem))

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def summary(self) -> str:
        counts = {
            "kind": self.kind, "file": self.file_name, "read": Number(self.read),
            "inserted": Number(self.inserted), "updated": Number(self.updated),
            "unchanged": Number(self.unchanged), "rejected": Number(self.rejected),
        }  # fmt: skip
        head = QT_TRANSLATE_NOOP(
            "Imports",
            "{kind} from {file}: read {read}, inserted {inserted}, updated {updated}, "
            "unchanged {unchanged}, rejected {rejected}",
        ).format(**counts)
        parts: list[str] = [head]  # each part translated on its own (see `Joined`)
        if self.created_customers:
            created = QT_TRANSLATE_NOOP("Imports", "customers created {n}")
            parts += [", ", created.format(n=Number(self.created_customers))]
        if self.dry_run:
            parts += [" ", QT_TRANSLATE_NOOP("Imports", "(dry run: nothing written)")]
        elif not self.written:
            parts += [" ", QT_TRANSLATE_NOOP("Imports", "(nothing written)")]
        return Joined("", parts)


def rejects_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.rejects.csv")


def run_fingerprint(plan: Plan) -> str:
    digest = hashlib.sha256()
    digest.update(readers.fingerprint(plan.source.path).encode())
    digest.update(plan.kind.name.encode())
    digest.update(json.dumps([plan.columns, plan.options.as_json(),
                              plan.options.create_customers], sort_keys=True).encode())  # fmt: skip
    return digest.hexdigest()


def _estimate(plan: Plan) -> int:
    if plan.source.format == "csv":
        lines = 0
        with plan.source.path.open("rb") as handle:
            while chunk := handle.read(readers.CHUNK_BYTES):
                lines += chunk.count(b"\n")
        return max(lines - 1, 1)
    return 0


def batches(
    plan: Plan, skip: int = 0
) -> Iterator[tuple[list[Row], list[tuple[RowProblem, list[Any]]], int]]:
    """(converted rows, rows that failed conversion, data rows read) per batch. A batch of
    orders never splits an order's rows (they are told apart by the order's id or number)."""
    rows: list[Row] = []
    bad: list[tuple[RowProblem, list[Any]]] = []
    read = 0
    group_key = plan.index.get("external_id", plan.index.get("order_number"))
    keep_groups = plan.kind.name == "orders" and group_key is not None
    last_key: Any = None
    for n, (line, cells) in enumerate(plan.source.rows()):
        if n < skip:
            continue
        key = (
            cells[group_key]
            if keep_groups and group_key is not None and group_key < len(cells)
            else None
        )
        if read >= BATCH and (not keep_groups or key != last_key):
            yield rows, bad, read
            rows, bad, read = [], [], 0
        last_key = key
        read += 1
        try:
            rows.append((line, convert(plan, line, cells), cells))  # the reader's own list
        except RowProblem as problem:
            bad.append((problem, cells))
    if read:
        yield rows, bad, read


class ImportConflict(ServiceError):
    """Two rows of the file claim the same unique value (an email, an order number) in different
    batches; nothing of the batch was written."""


def _write(store: Store, plan: Plan, rows: list[Row]) -> Outcome:
    try:
        return WRITERS[plan.kind.name](store, rows)
    except pw.IntegrityError:
        first, last = (rows[0][0], rows[-1][0]) if rows else (0, 0)
        raise ImportConflict(
            QT_TRANSLATE_NOOP(
                "Imports",
                "lines {first}–{last}: a row gives an email, order or ticket number that another "
                "row of the file already gave to a different id; nothing of these lines was "
                "written",
            ).format(first=Number(first), last=Number(last))
        ) from None


class _Refused(Exception):
    """The file had bad rows in the all-or-nothing mode: roll everything back."""


def run(
    database: pw.Database,
    plan: Plan,
    state: TaskState,
    *,
    user_id: int | None,
    audit: AuditFn,
    keep_valid: bool = False,
    dry_run: bool = False,
) -> Report:
    """Import (or check) the planned file; the report of what happened."""
    report = Report(plan.kind.name, plan.source.path.name, dry_run=dry_run,
                    warnings=list(plan.warnings))  # fmt: skip
    missing = plan.missing()
    if missing:
        unmapped = QT_TRANSLATE_NOOP("Imports", "no column is mapped to {name}")
        report.problems = [unmapped.format(name=name) for name in missing]
        report.rejected = 0
        return report
    total = _estimate(plan)
    with _young_objects_only():
        if dry_run:
            _check(database, plan, state, report, total)
        elif keep_valid:
            _keep_valid(database, plan, state, report, total, Who(user_id, audit))
        else:
            _all_or_nothing(database, plan, state, report, total, Who(user_id, audit))
    log.info("import of %s: %d read, %d inserted, %d updated, %d rejected", plan.kind.name,
             report.read, report.inserted, report.updated, report.rejected)  # fmt: skip
    return report


@contextmanager
def _young_objects_only() -> Iterator[None]:
    """The objects that exist before the import are left out of the collector's passes while
    it runs (`gc.freeze`): its millions of short-lived rows set off full collections, and each
    would walk the whole application's heap again (a fifth of a large import's time). Nothing
    is kept alive by this; whatever became garbage meanwhile is collected as usual after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _progress(state: TaskState, report: Report, total: int) -> None:
    state.progress(min(report.read + report.resumed_after, total or 0), total,
                   QT_TRANSLATE_NOOP("Imports", "{n} rows read").format(
                       n=Number(report.read + report.resumed_after)))  # fmt: skip


def _check(database: pw.Database, plan: Plan, state: TaskState, report: Report,
           total: int) -> None:  # fmt: skip
    store = Store(database, plan, write=False)
    with closing(read_ahead(batches(plan))) as ahead:
        for rows, bad, read in ahead:
            outcome = WRITERS[plan.kind.name](store, rows)
            outcome.rejected[:0] = bad
            report.read += read
            report.count(outcome)
            _progress(state, report, total)
    _sort(report)


LINE_NUMBER = re.compile(r"line ([\d,]+)")


def _sort(report: Report) -> None:
    """The problems in the file's order (by the line each names, 4,312 after 999)."""

    def line_of(text: str) -> int:
        found = LINE_NUMBER.match(text)
        return int(found.group(1).replace(",", "")) if found else 0

    report.problems.sort(key=line_of)


@dataclass(frozen=True)
class Who:
    """Who imports (None: the operator) and how the import's audit row is written."""

    user_id: int | None
    audit: AuditFn


def _finish(plan: Plan, report: Report, who: Who, fingerprint: str, run_id: int | None) -> None:
    counts = {"file": report.file_name, "kind": report.kind,
              "read": report.read + report.resumed_after, "inserted": report.inserted,
              "updated": report.updated, "rejected": report.rejected}  # fmt: skip
    values = dict(kind=plan.kind.name, file_name=report.file_name[:255], fingerprint=fingerprint,
                  status="done", rows_read=counts["read"], inserted=report.inserted,
                  updated=report.updated, rejected=report.rejected, user=who.user_id,
                  finished_at=m.utcnow())  # fmt: skip
    if run_id is None:
        run_id = m.ImportRun.insert(**values).execute()
    else:
        m.ImportRun.update(**values).where(m.ImportRun.id == run_id).execute()
    who.audit("import", "ImportRun", run_id, None, counts)


def _defer_indexes(database: pw.Database, plan: Plan, total: int) -> DeferredIndexes | None:
    """The kind's table's secondary indexes set aside for a large load (`db.bulk.
    DeferredIndexes`, SQLite only): worth it when the file holds at least as many rows as the
    table, so sorting every row once costs less than writing each new one into each index."""
    model = plan.kind.model
    if total < DEFER_INDEXES_MIN or (model.select(pw.fn.MAX(model.id)).scalar() or 0) > total:
        return None
    deferred = DeferredIndexes(database, model)
    return deferred if deferred.drop() else None


def _all_or_nothing(  # noqa: PLR0917 - the run's parts, passed on
    database: pw.Database, plan: Plan, state: TaskState, report: Report, total: int, who: Who
) -> None:
    fingerprint = run_fingerprint(plan)

    def whole() -> None:
        fresh = Report(report.kind, report.file_name, warnings=report.warnings)
        store = Store(database, plan, write=True)
        touched: set[int] = set()
        try:
            with write_transaction(database), closing(read_ahead(batches(plan))) as ahead:
                first = store.expect_new(plan.kind.model)  # the table empty: see `summary`
                deferred = _defer_indexes(database, plan, total)
                for rows, bad, read in ahead:
                    if bad or fresh.rejected:
                        store.write = False  # a bad row: check the rest, write nothing more
                    outcome = _write(store, plan, rows)
                    outcome.rejected[:0] = bad
                    fresh.read += read
                    fresh.count(outcome)
                    if store.write:
                        touched |= outcome.customers
                    _progress(state, fresh, total)
                if fresh.rejected:
                    raise _Refused  # the rollback brings back any indexes set aside
                if deferred is None:
                    summary.recompute(database, plan.kind.name, touched, fresh=first)
                elif plan.kind.name == "orders":  # one scan of the table, then its indexes
                    summary.recompute(database, "orders", touched, scan=True, fresh=first)
                    deferred.rebuild()
                else:
                    deferred.rebuild()
                    summary.recompute(database, plan.kind.name, touched)
                _finish(plan, fresh, who, fingerprint, None)
                fresh.written = True
        except _Refused:
            fresh.written = False
        report.__dict__.update(fresh.__dict__)

    retrying(database, whole, what=QT_TRANSLATE_NOOP("Writes", "the import"))
    _sort(report)
    if not report.written:
        report.inserted = report.updated = report.unchanged = report.created_customers = 0


def _keep_valid(  # noqa: PLR0915, PLR0917 - the marker, the batches, the rejects
    database: pw.Database, plan: Plan, state: TaskState, report: Report, total: int, who: Who
) -> None:
    fingerprint = run_fingerprint(plan)
    R = m.ImportRun  # noqa: N806
    previous = (R.select().where((R.fingerprint == fingerprint) & R.status.in_(
        ("running", "cancelled", "failed"))).order_by(R.id.desc()).first())  # fmt: skip
    if previous is not None:
        run_id = previous.id
        report.resumed_after = previous.lines_done
        report.inserted, report.updated = previous.inserted, previous.updated
        report.rejected = previous.rejected
    else:
        with write_transaction(database):
            run_id = R.insert(kind=plan.kind.name, file_name=report.file_name[:255],
                              fingerprint=fingerprint, status="running",
                              user=who.user_id).execute()  # fmt: skip
    rejects = rejects_path(plan.source.path)
    if previous is None and rejects.exists():
        rejects.unlink()  # a new import of the file: the old rejects were for the old one
    store = Store(database, plan, write=True)
    store.expect_new(plan.kind.model)
    done = report.resumed_after
    status = "failed"
    ahead = read_ahead(batches(plan, skip=report.resumed_after))
    try:
        for rows, bad, read in ahead:

            def batch(rows: list[Row] = rows, read: int = read, before: int = done,
                      bad: list[Any] = bad) -> Outcome:  # fmt: skip
                store.begin()
                with write_transaction(database):
                    outcome = _write(store, plan, rows)
                    summary.recompute(database, plan.kind.name, outcome.customers)
                    R.update(lines_done=before + read, rows_read=before + read,
                             inserted=R.inserted + outcome.inserted,
                             updated=R.updated + outcome.updated,
                             rejected=R.rejected + len(outcome.rejected) + len(bad),
                             status="running").where(R.id == run_id).execute()  # fmt: skip
                return outcome

            outcome = retrying(
                database, batch, what=QT_TRANSLATE_NOOP("Writes", "a batch of the import")
            )
            store.committed()
            outcome.rejected[:0] = bad
            done += read
            report.read += read
            report.count(outcome)
            if outcome.rejected:
                _write_rejects(rejects, plan.source.headers, outcome.rejected)
                report.rejects_file = str(rejects)
            _progress(state, report, total)
        status = "done"
    except BaseException as exc:
        status = "cancelled" if type(exc).__name__ == "Cancelled" else "failed"
        raise
    finally:
        ahead.close()
        if status != "done":
            with write_transaction(database):
                R.update(status=status).where(R.id == run_id).execute()
    if rejects.exists() and report.rejected:
        report.rejects_file = str(rejects)

    def finish() -> None:
        with write_transaction(database):
            _finish(plan, report, who, fingerprint, run_id)

    retrying(database, finish, what=QT_TRANSLATE_NOOP("Writes", "the import's record"))
    report.written = True
    _sort(report)


def _write_rejects(
    path: Path, headers: list[str], rejected: list[tuple[RowProblem, list[Any]]]
) -> None:
    """Append refused rows, as read, with the reason; the header first when the file is new."""
    new = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow([*headers, "line", "problem"])
        for problem, cells in rejected:
            reason = f"{problem.column}: {problem.reason}" if problem.column else problem.reason
            writer.writerow([*cells, problem.line, reason])
