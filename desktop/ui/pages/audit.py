"""The audit trail: who did what, when, to which entity, with the before → after of each field;
filters by user, entity, action and date; Enter opens the entity's customer; Export writes what
the filters show as CSV. Supervisors see their team's actions, admins everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from desktop.core.read import audit
from desktop.ui.context import AppContext
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.writes import run_write


class AuditPage(ListPage):
    title = "Audit"
    search_hint = "Start of an action or entity (Ctrl+F)"
    date_label = "When"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, audit.audit_spec(ctx.user.role), parent)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("export_audit")
        self.export_button.setToolTip("Write every entry the filters show to a CSV file")
        self.export_button.clicked.connect(lambda: self.export())  # noqa: PLW0108 (no "checked")
        self.filter_bar.addWidget(self.export_button)

    def build_filters(self) -> None:
        self.add_combo("user", [("Anyone", None), *audit.staff()], "Who")
        found = audit.filter_choices()
        self.add_combo(
            "entity", [("Any entity", None)] + [(e, [e]) for e in found["entity"]], "Entity"
        )
        self.add_combo(
            "action", [("Any action", None)] + [(a, [a]) for a in found["action"]], "Action"
        )

    def open_row(self, row: int) -> None:
        loaded = self.model.row(row)
        if loaded is None:
            return
        values = loaded.values
        customer = audit.customer_of(values["entity"], values["entity_id"])
        if customer is None:
            self.ctx.events.message.emit(
                f"{values['entity']} #{values['entity_id']} has no customer to open"
            )
            return
        self.ctx.events.openCustomer.emit(customer)

    def export(self, path: Path | None = None) -> int | None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Export the audit trail", "audit.csv",
                                                  "CSV files (*.csv)")  # fmt: skip
            if not name:
                return None
            path = Path(name)
        query = self.current_query()
        spec: Any = self.spec
        count = run_write(self, lambda: audit.export_csv(path, spec, query, me=self.ctx.user.id))
        if count is not None:
            self.ctx.events.message.emit(f"Exported {count:,} audit entries to {path}")
        return count  # type: ignore[no-any-return]
