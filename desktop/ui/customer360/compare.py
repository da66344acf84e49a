"""Compare two customers side by side."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from desktop.core.read import customer360
from desktop.core.read.customer360 import Customer360
from desktop.ui import workers
from desktop.ui.customer360.parts import fill, table
from desktop.ui.messages import user_text
from desktop.ui.widgets.dialogs import date_text, money, percent, words
from desktop.ui.widgets.writes import read_message

log = logging.getLogger(__name__)


class CompareDialog(QDialog):
    """Two customers side by side: the same facts in two columns, read on the database pool."""

    loaded = Signal()

    def __init__(self, first: int, second: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # nothing keeps it once closed
        self.setWindowTitle(self.tr("Compare customers"))
        self.setObjectName("compare")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        self.state = QLabel(self.tr("Loading both customers…"))
        self.state.setObjectName("compare_state")
        self.state.setProperty("role", "muted")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.table = table(["", "", ""])
        self.table.setObjectName("compare_table")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.loader = workers.Latest(self)
        self.loader.load(
            lambda: (customer360.load(first), customer360.load(second)), self._show, self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.state.setProperty("role", "error")
        self.state.setStyle(self.state.style())
        gone = isinstance(exc, m.Customer.DoesNotExist)
        self.state.setText(
            self.tr("One of the customers no longer exists")
            if gone
            else read_message(exc, "the two customers")
        )

    def _show(self, pair: tuple[Customer360, Customer360]) -> None:
        a, b = pair
        ca, cb = a.customer, b.customer
        money = _money
        none = "—"
        rows = [
            (self.tr("Name"), ca.name, cb.name),
            (self.tr("Email"), ca.email, cb.email),
            (self.tr("Account status"), words(ca.account_status), words(cb.account_status)),
            (self.tr("Customer since"), _date(ca.customer_since), _date(cb.customer_since)),
            (self.tr("Account value / month"), money(ca.account_value), money(cb.account_value)),
            (self.tr("Churn probability"), _pct(ca.churn_probability), _pct(cb.churn_probability)),
            (self.tr("Risk level"), words(ca.risk_level or none), words(cb.risk_level or none)),
            (self.tr("Health score"), _num(ca.health_score), _num(cb.health_score)),
            (self.tr("Tags"), ", ".join(t.name for t in a.tags) or none,
             ", ".join(t.name for t in b.tags) or none),
            (self.tr("Open alerts"), _num(len(a.open_alerts)), _num(len(b.open_alerts))),
        ]  # fmt: skip
        rows += [
            (user_text(label), user_text(va), user_text(vb))
            for (label, va), (_l, vb) in zip(a.metrics(), b.metrics(), strict=True)
        ]
        self.table.setHorizontalHeaderLabels(["", ca.name, cb.name])
        fill(self.table, [list(r) for r in rows])
        self.state.hide()
        self.loaded.emit()


def _pct(value: float | None) -> str:
    return "—" if value is None else percent(value, 0)


def _num(value: int | None) -> str:
    return "—" if value is None else QLocale().toString(int(value))


def _money(value: Any) -> str:
    return money(value)


def _date(value: Any) -> str:
    return date_text(value)
