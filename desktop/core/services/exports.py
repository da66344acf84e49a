"""Exports: a list as the table shows it (CSV, XLSX) and one customer's printable summary.

What leaves the application is personal data, so an export is permission-checked like a write
(`permissions.RULES`: supervisors and admins export any list; everyone may export their own
queue of alerts or tickets, "assigned to me") and audited: one audit row per export, written
once the file is complete and before it appears under its name, so no file exists that the
audit trail does not know of. The row says who exported which list, as what, how many rows,
which columns, the filters and sort; of the search it says only that there was one (typed text
is not kept).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from db import models as m
from db.tasks import TaskState
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.read import list_export, summary
from desktop.core.read.audit import AuditList, audit_spec
from desktop.core.read.list_export import ExportResult
from desktop.core.read.listing import ListQuery, ListSpec
from desktop.core.services.base import NotAllowed, ServiceBase, unit
from desktop.core.services.permissions import Perm, refusal, require

QUEUE_LISTS = ("alerts", "tickets")  # lists with an "assigned to me" queue of one's own


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


class ExportsMixin(ServiceBase):
    """Export a list or a customer's summary; each export one audit row."""

    def _check_export(self, spec: ListSpec, query: ListQuery) -> ListSpec:
        """The spec to read with, once the user may export it; `NotAllowed` otherwise."""
        if spec.name in QUEUE_LISTS and query.filters.get("assigned_to_me"):
            require(self.user, Perm.EXPORT_OWN_QUEUE)
        else:
            try:
                require(self.user, Perm.EXPORT)
            except NotAllowed as exc:
                if spec.name in QUEUE_LISTS and str(exc) == refusal(Perm.EXPORT):
                    raise NotAllowed(
                        QT_TRANSLATE_NOOP(
                            "Services", "{exc}; you may export your own queue (“assigned to me”)"
                        ).format(exc=exc)
                    ) from None
                raise
        if isinstance(spec, AuditList):
            role = require(self.user, Perm.AUDIT_TEAM)
            # The audit rows the user may read now (a role changed since the page opened).
            return audit_spec(role.value if role is not None else "admin")
        return spec

    @property
    def _me(self) -> int | None:
        """The signed-in user's id; None for the operator of a database without staff."""
        return self.user.id if self.user is not None else None

    def export_list(
        self,
        spec: ListSpec,
        query: ListQuery,
        path: Path,
        *,
        fmt: str = "csv",
        columns: Iterable[str] | None = None,
        state: TaskState | None = None,
    ) -> ExportResult:
        """Write every row of `query` to `path` with `columns` (keys or titles; None: the
        default ones) after the identity columns, then audit it; long work (`state`)."""
        fmt = list_export.check_format(fmt)
        chosen = list_export.export_columns(spec, columns)
        spec = self._check_export(spec, query)
        keys = [c.key for c in chosen]

        def audit(rows: int) -> None:
            self._record_export(
                spec.model.__name__,
                None,
                {
                    "list": spec.name,
                    "format": fmt,
                    "rows": rows,
                    "columns": keys,
                    "filters": {k: _jsonable(v) for k, v in query.filters.items()},
                    "searched": bool(query.search.strip()),
                    "sort": [f"{k} {'desc' if d else 'asc'}" for k, d in query.sort],
                },
            )

        return list_export.write_list(
            self.database, spec, query, columns=chosen, path=Path(path), fmt=fmt, me=self._me,
            state=state, before_publish=audit,
        )  # fmt: skip

    def export_customer_summary(
        self, customer_id: int, path: Path, render: Callable[[summary.CustomerSummary, Path], None]
    ) -> summary.CustomerSummary:
        """One customer's printable summary: read here, drawn by `render` (the window's PDF
        writer) into a temporary file that appears as `path` once audited."""
        require(self.user, Perm.EXPORT)
        data = summary.load(customer_id)
        with list_export.published(Path(path)) as temp:
            render(data, temp)
            self._record_export("Customer", customer_id, {"list": "customer summary",
                                                          "format": "pdf"})  # fmt: skip
        return data

    @unit(QT_TRANSLATE_NOOP("Writes", "the export's audit entry"))
    def _record_export(self, entity: str, entity_id: int | None, what: Mapping[str, Any]) -> None:
        with self._tx():
            m.AuditLog.create(
                user=self._me, action="export", entity=entity, entity_id=entity_id, after=dict(what)
            )
