"""The Customers page: every customer, filtered by risk, status, tag and segment; compare two."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QMenu,
    QPushButton,
    QWidget,
)

from db.choices import RiskLevel
from desktop.core.read import customer360, lists
from desktop.ui.context import AppContext
from desktop.ui.customer360.compare import CompareDialog
from desktop.ui.widgets.list_page import ListPage, choice_options

log = logging.getLogger(__name__)


class CustomersPage(ListPage):
    title = "Customers"
    column_order = ("name", "email", "risk_level", "churn_probability", "account_status")
    # Every search is an index range (the words table, the email index, an order or ticket
    # number), so it stays instant at a million customers.
    search_hint = "Name or email word, or order number"
    date_label = "Customer since"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        self.title = translate("CustomersPage", "Customers")
        self.search_hint = translate("CustomersPage", "Name or email word, or order number")
        self.date_label = translate("CustomersPage", "Customer since")
        super().__init__(ctx, lists.SPECS["customers"], parent)
        self.search.setToolTip(
            self.tr(
                "Finds customers with a word in their name or email address that "
                "starts with each "
                "word you type, in any letter case and with or without accents "
                "(okafor, jo smi, "
                "muller finds Müller). Text with @ finds the start of an email "
                "address. A number "
                "finds who placed that order (3, ORD-3, ORD-0000003); T-… who opened "
                "that ticket.\n"
                "Down or Enter moves into the results. Ctrl+F"
            )
        )
        compare = QPushButton(self.tr("Compare"))
        compare.setToolTip(self.tr("Compare the two selected customers side by side"))
        compare.clicked.connect(self.compare_selected)
        self.filter_bar.addWidget(compare)

    def build_filters(self) -> None:
        scored = [level for level in RiskLevel if level != RiskLevel.LAPSED]
        risks = choice_options(self.tr("Any risk"), scored)
        risks.insert(1, (self.tr("High or critical"), ["HIGH", "CRITICAL"]))
        # Already gone by the model's inactivity definition: not scored, a win-back list.
        risks.append((self.tr("Lapsed / win-back"), [RiskLevel.LAPSED.value]))
        self.add_combo("risk_level", risks, self.tr("Risk level"))
        self.add_combo(
            "account_status",
            choice_options(
                self.tr("Any account status"), ["active", "at_risk", "resolved", "churned"]
            ),
            self.tr("Account status"),
        )
        self.add_combo(
            "tag",
            [(self.tr("Any tag"), None)] + [(t.name, t.id) for t in customer360.all_tags()],
            self.tr("Tag"),
        )
        self.add_combo(
            "segment",
            [(self.tr("Any segment"), None)] + [(s.name, s.id) for s in customer360.all_segments()],
            self.tr("Segment"),
        )

    def compare_selected(self) -> None:
        ids, _missing = self.selected_ids()
        if len(ids) != 2:
            self.ctx.events.message.emit(self.tr("Select exactly two customers to compare"))
            return
        CompareDialog(ids[0], ids[1], self).show()

    def row_actions(self, menu: QMenu) -> None:
        super().row_actions(menu)
        compare = menu.addAction(self.tr("Compare the two selected"))
        compare.setEnabled(len(self.selected_ids()[0]) == 2)
        compare.triggered.connect(self.compare_selected)
