"""The audit trail: who did what, when, to which entity, with the before → after of each field;
filters by user, entity, action and date; Enter opens the entity's customer; Export (the list
page's) writes what the filters show as CSV or XLSX, the changes in full. Supervisors see their
team's actions, admins everything."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.core.read import audit
from desktop.ui.context import AppContext
from desktop.ui.widgets.list_page import ListPage


class AuditPage(ListPage):
    title = "Audit"
    search_hint = "Start of an action or entity (Ctrl+F)"
    date_label = "When"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        self.title = translate("AuditPage", "Audit")
        self.search_hint = translate("AuditPage", "Start of an action or entity (Ctrl+F)")
        self.date_label = translate("AuditPage", "When")
        super().__init__(ctx, audit.audit_spec(ctx.user.role), parent)

    def build_filters(self) -> None:
        self.add_combo("user", [(self.tr("Anyone"), None), *audit.staff()], self.tr("Who"))
        found = audit.filter_choices()
        self.add_combo(
            "entity",
            [(self.tr("Any entity"), None)] + [(e, [e]) for e in found["entity"]],
            self.tr("Entity"),
        )
        self.add_combo(
            "action",
            [(self.tr("Any action"), None)] + [(a, [a]) for a in found["action"]],
            self.tr("Action"),
        )

    def open_row(self, row: int) -> None:
        loaded = self.model.row(row)
        if loaded is None:
            return
        values = loaded.values
        customer = audit.customer_of(values["entity"], values["entity_id"])
        if customer is None:
            self.ctx.events.message.emit(
                self.tr("{entity} #{id} has no customer to open").format(
                    entity=values["entity"], id=values["entity_id"]
                )
            )
            return
        self.ctx.events.openCustomer.emit(customer)
