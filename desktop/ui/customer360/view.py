"""Customer 360: one customer's risk, health, payments, behaviour and history, with actions.

One dialog whose cards and tabs are filled from one `Customer360` read; it stays one module (a
little over 500 lines) because every part reads and refreshes the same loaded customer. Compare
and the small table helpers live beside it.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from desktop.core.churn.explain.actions import Recommendation, recommend
from desktop.core.read import customer360, lists
from desktop.core.read.customer360 import TIMELINE_KINDS, Customer360
from desktop.core.read.listing import ListQuery
from desktop.ui import style, workers
from desktop.ui.context import AppContext
from desktop.ui.customer360.compare import CompareDialog
from desktop.ui.customer360.parts import card, fill, stretch_column, table
from desktop.ui.i18n import moment
from desktop.ui.messages import user_text
from desktop.ui.roles import restrict
from desktop.ui.undo import UndoEntry, undone_alerts
from desktop.ui.widgets import dialogs, export
from desktop.ui.widgets.dialogs import date_text, money, number, percent, words
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.list_page import column_width
from desktop.ui.widgets.table_model import LazyTableModel
from desktop.ui.widgets.writes import read_message, run_write

OPEN_TICKET = ("open", "in_progress", "pending")  # a ticket still to be resolved

log = logging.getLogger(__name__)


class CustomerView(QDialog):
    """Opened from any row (double-click or Enter); Esc closes it.

    Everything is read on the database pool (`reload`); until the first answer the actions are
    disabled, and a failed read is shown in the title row, not raised.
    """

    loaded = Signal()
    loadFailed = Signal(str)
    exported = Signal(object)  # an export finished: its result (or path), or the exception

    def __init__(  # noqa: PLR0915 - builds the layout
        self, ctx: AppContext, customer_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.data: Customer360 | None = None
        self.setObjectName("customer360")
        self.resize(1100, 780)
        self.setSizeGripEnabled(True)
        outer = QVBoxLayout(self)

        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.title, 1)
        # Loading / failure state, in the title row so showing it never shifts the layout.
        self.load_state = QLabel()
        self.load_state.setObjectName("load_state")
        self.load_state.setWordWrap(True)
        top.addWidget(self.load_state)
        self.status_button = QPushButton(self.tr("Change status…"))
        self.status_button.setObjectName("change_status")
        self.status_button.setAutoDefault(False)
        self.status_button.clicked.connect(self.change_status)
        top.addWidget(self.status_button)
        outer.addLayout(top)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.subtitle)

        actions = FlowLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("ticket", self.tr("New ticket…"), self.new_ticket),
            ("intervention", self.tr("Log intervention…"), self.log_intervention),
            ("note", self.tr("Add note…"), self.add_note),
            ("tag", self.tr("Add tag…"), self.add_tag),
            ("ack", self.tr("Acknowledge new alerts"), self.acknowledge_alerts),
            ("compare", self.tr("Compare with…"), self.compare),
        ):
            button = QPushButton(label)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons[key] = button
        self.export_button = QToolButton()
        self.export_button.setObjectName("export_customer")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(
            self.tr("A one-page PDF summary of this customer, or their orders")
        )
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        summary_action = export_menu.addAction(self.tr("Summary as PDF…"))
        summary_action.setObjectName("export_pdf")
        summary_action.triggered.connect(lambda: self.export_summary())  # noqa: PLW0108
        for fmt, label in (
            ("csv", self.tr("Orders as CSV…")),
            ("xlsx", self.tr("Orders as Excel workbook…")),
        ):
            action = export_menu.addAction(label)
            action.setObjectName(f"export_orders_{fmt}")
            action.triggered.connect(lambda _c=False, f=fmt: self.export_orders(f))
        self.export_button.setMenu(export_menu)
        actions.addWidget(self.export_button)
        outer.addLayout(actions)

        cards = QHBoxLayout()
        risk_card, risk_layout = card(self.tr("Churn risk"))
        self.risk = QLabel()
        self.risk.setObjectName("risk")
        self.risk.setWordWrap(True)
        risk_layout.addWidget(self.risk)
        self.next_steps = QWidget()
        self.next_steps.setObjectName("next_steps")
        self.next_steps_layout = QVBoxLayout(self.next_steps)
        self.next_steps_layout.setContentsMargins(0, 0, 0, 0)
        risk_layout.addWidget(self.next_steps)
        risk_layout.addStretch(1)
        cards.addWidget(risk_card, 1)
        health_card, health_layout = card(self.tr("Health score"))
        self.health = QLabel()
        self.health.setObjectName("health")
        self.health.setWordWrap(True)
        health_layout.addWidget(self.health)
        self.health_vs_risk = QLabel(
            self.tr("<small><i>Why health and risk can disagree</i></small>")
        )
        self.health_vs_risk.setObjectName("health_vs_risk")
        self.health_vs_risk.setWordWrap(True)
        self.health_vs_risk.setToolTip(user_text(customer360.HEALTH_VS_RISK))
        health_layout.addStretch(1)
        cards.addWidget(health_card, 1)
        pay_card, pay_layout = card(self.tr("Payment methods"))
        self.payments = QLabel()
        self.payments.setObjectName("payments")
        self.payments.setWordWrap(True)
        pay_layout.addWidget(self.payments)
        pay_layout.addStretch(1)
        cards.addWidget(pay_card, 1)
        metrics_card, metrics_layout = card(self.tr("Behaviour"))
        self.metrics = QGridLayout()
        metrics_layout.addLayout(self.metrics)
        metrics_layout.addStretch(1)
        cards.addWidget(metrics_card, 2)
        outer.addLayout(cards)
        # Under the cards, across the page: a paragraph in the narrow health card read as a
        # column of single words.
        outer.addWidget(self.health_vs_risk)

        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self._build_timeline()
        self._build_orders()
        self.tickets = table(
            [
                self.tr("Number"),
                self.tr("Subject"),
                self.tr("Status"),
                self.tr("Priority"),
                self.tr("Opened"),
            ]
        )
        self.tabs.addTab(self.tickets, self.tr("Tickets"))
        self._build_notes()
        self._build_tags()
        self._build_interventions()
        self.loader = workers.Latest(self)
        self.items_loader = workers.Latest(self)
        # A window, not a form: Enter never presses a button it did not focus (a dialog's
        # buttons are "auto default", and Enter in the timeline would open "New ticket…").
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.timeline.setFocus()  # arrows scroll the history at once
        self.title.setText(self.tr("Loading customer…"))
        self.reload()

    # --- tabs -----------------------------------------------------------------------------

    def _build_timeline(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.timeline_kind = QComboBox()
        self.timeline_kind.setObjectName("timeline_kind")
        self.timeline_kind.addItem(self.tr("Everything"), None)
        for kind in TIMELINE_KINDS:
            self.timeline_kind.addItem(words(kind) + "s", kind)
        self.timeline_kind.currentIndexChanged.connect(lambda _i: self._show_timeline())
        layout.addWidget(self.timeline_kind, 0, Qt.AlignmentFlag.AlignLeft)
        self.timeline = table(
            [self.tr("When"), self.tr("Kind"), self.tr("What"), self.tr("Detail")]
        )
        self.timeline.setObjectName("timeline")
        stretch_column(self.timeline, 2)  # "What" takes the width, not the short "Detail"
        layout.addWidget(self.timeline)
        self.tabs.addTab(page, self.tr("Timeline"))

    def _build_orders(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.orders_model = LazyTableModel(lists.SPECS["orders"], parent=self)
        self.orders = QTableView()
        self.orders.setObjectName("orders")
        self.orders.setModel(self.orders_model)
        self.orders.verticalHeader().hide()
        self.orders.verticalHeader().setDefaultSectionSize(24)
        self.orders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.orders.setAlternatingRowColors(True)
        self.orders.setWordWrap(False)  # a date on one line, never "2026-03-19 / 18:35"
        self.orders.setTabKeyNavigation(False)
        self.orders.horizontalHeader().setStretchLastSection(True)
        for i, column in enumerate(self.orders_model.columns):
            self.orders.setColumnHidden(i, not column.shown)
            self.orders.setColumnWidth(i, column_width(column))
        layout.addWidget(self.orders, 2)
        self.order_items = table(
            [self.tr("SKU"), self.tr("Item"), self.tr("Quantity"), self.tr("Unit price")]
        )
        self.order_items.setObjectName("order_items")
        stretch_column(self.order_items, 1)
        layout.addWidget(QLabel(self.tr("Items of the selected order")))
        layout.addWidget(self.order_items, 1)
        self.orders.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_items(cur.row())
        )
        self.tabs.addTab(page, self.tr("Orders"))

    def _show_items(self, row: int) -> None:
        order_id = self.orders_model.row_id(row)
        if not order_id:
            self.items_loader.cancel()
            fill(self.order_items, [])
            return
        self.order_items.setEnabled(False)  # greyed until this order's items arrive
        self.items_loader.load(
            lambda: customer360.order_items(order_id), self._items_loaded, self._items_failed
        )

    def _items_loaded(self, items: list[m.OrderItem]) -> None:
        self.order_items.setEnabled(True)
        fill(
            self.order_items,
            [[i.sku, i.name, i.quantity, money(i.unit_price)] for i in items],
        )

    def _items_failed(self, exc: BaseException) -> None:
        self.order_items.setEnabled(True)
        fill(self.order_items, [])
        self._show_state(read_message(exc, self.tr("the order's items")), error=True)

    def _build_notes(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.notes = QListWidget()
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.notes.setAlternatingRowColors(True)
        layout.addWidget(self.notes)
        row = QHBoxLayout()
        for label, slot in ((self.tr("Add…"), self.add_note), (self.tr("Edit…"), self.edit_note),
                            (self.tr("Delete"), self.delete_note)):  # fmt: skip
            button = QPushButton(label)
            button.setObjectName(f"note_{label.strip('…').lower()}")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(page, self.tr("Notes"))

    def _build_tags(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Tags")))
        self.tags = QListWidget()
        self.tags.setObjectName("tags")
        layout.addWidget(self.tags)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add tag…"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_tag)
        remove = QPushButton(self.tr("Remove selected tag"))
        remove.setAutoDefault(False)
        remove.setObjectName("remove_tag")
        remove.clicked.connect(self.remove_tag)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Segments")))
        self.segments = QListWidget()
        self.segments.setObjectName("segments")
        layout.addWidget(self.segments)
        self.tabs.addTab(page, self.tr("Tags && segments"))

    def _build_interventions(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.interventions = table(
            [
                self.tr("Started"),
                self.tr("Channel"),
                self.tr("Kind"),
                self.tr("Status"),
                self.tr("Outcome"),
                self.tr("By"),
            ]
        )
        self.interventions.setObjectName("interventions")
        self.interventions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.interventions)
        row = QHBoxLayout()
        log_button = QPushButton(self.tr("Log outreach…"))
        log_button.setAutoDefault(False)
        log_button.clicked.connect(self.log_intervention)
        outcome = QPushButton(self.tr("Record outcome…"))
        outcome.setAutoDefault(False)
        outcome.setObjectName("record_outcome")
        outcome.clicked.connect(self.record_outcome)
        row.addWidget(log_button)
        row.addWidget(outcome)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(page, self.tr("Interventions"))

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the customer again on the pool; the panes keep what they show until then."""
        customer_id = self.customer_id
        self._show_state(self.tr("Loading…") if self.data is None else self.tr("Refreshing…"))
        self._set_actions_enabled(False)
        self.loader.load(
            lambda: (customer360.load(customer_id), customer360.tickets(customer_id)),
            self._loaded,
            self._failed,
        )

    def _show_state(self, text: str, *, error: bool = False) -> None:
        self.load_state.setProperty("role", "error" if error else "muted")
        self.load_state.setStyle(self.load_state.style())  # re-apply the role's style
        self.load_state.setText(text)

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.status_button.setEnabled(enabled)
        for key, button in self.buttons.items():
            if key == "ack":
                # Hidden, not greyed, when every alert is already acknowledged (or there is
                # none): a disabled "Acknowledge open alerts (1)" only puzzled.
                button.setVisible(bool(self._new_alert_ids()))
            button.setEnabled(enabled)

    def _new_alert_ids(self) -> list[int]:
        """The customer's alerts nobody acknowledged yet."""
        if self.data is None:
            return []
        return [a.id for a in self.data.open_alerts if a.status == "open"]

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, m.Customer.DoesNotExist):
            message = self.tr("This customer no longer exists (deleted by someone else?)")
        else:
            message = read_message(exc, self.tr("this customer"))
        if self.data is None:
            self.title.setText(self.tr("Customer not loaded"))
        else:  # what is shown is still the last good read: the actions stay usable
            self._set_actions_enabled(True)
        self._show_state(message, error=True)
        self.loadFailed.emit(message)

    def _loaded(self, result: tuple[Customer360, list[m.SupportTicket]]) -> None:
        data, tickets = result
        self.data = data
        self._show(data, tickets)
        self._show_state("")
        self._set_actions_enabled(True)
        self.loaded.emit()

    def _show(  # noqa: PLR0912, PLR0915 - fills every pane
        self, data: Customer360, tickets: list[m.SupportTicket]
    ) -> None:
        c = data.customer
        esc = html.escape
        self.setWindowTitle(self.tr("{name} – Customer 360").format(name=c.name))
        self.title.setText(c.name)
        self.subtitle.setText(
            self.tr(
                "{email} · account <b>{status}</b> · customer since {since}"
                " · account value {value} a month"
            ).format(
                email=esc(c.email),
                status=words(c.account_status),
                since=date_text(c.customer_since),
                value=money(c.account_value),
            )
        )
        if c.churn_probability is not None:
            level = c.risk_level or (data.prediction.risk_level if data.prediction else "")
            color = style.RISK_COLORS.get(level, "#888888")
            stored = data.prediction.factors if data.prediction else None
            factors = customer360.factor_lines(stored)
            baseline = (
                customer360.baseline_of(stored, data.prediction.probability)
                if data.prediction
                else None
            )
            start = (
                self.tr(
                    "<br>From a baseline of {baseline} % (the average customer), "
                    "these add up to the risk shown:"
                ).format(baseline=number(baseline * 100, 1))
                if baseline is not None
                else self.tr("<br>Top factors:")
            )
            factor_html = (
                start + "<ul>" + "".join(f"<li>{esc(user_text(f))}</li>" for f in factors) + "</ul>"
                if factors
                else self.tr("<br><i>No factors recorded.</i>")
            )
            self.risk.setText(
                f"<span style='font-size:18pt'>{percent(c.churn_probability)}</span> "
                f"<span style='color:{color}'>●</span> <b>{esc(words(level))}</b>{factor_html}"
            )
        elif c.risk_level == "LAPSED":
            color = style.RISK_COLORS["LAPSED"]
            self.risk.setText(
                f"<span style='color:{color}'>●</span> "
                + self.tr(
                    "<b>Lapsed</b>: already inactive for the model's churn window, so no churn "
                    "probability – a win-back candidate"
                )
            )
        else:
            self.risk.setText(
                self.tr("<i>Not scored yet: train and run a model (Models page).</i>")
            )
        self._show_next_steps(data, tickets)
        h = data.health
        if h is not None:
            unknown = {str(f) for f in (h.factors or [])}

            def part(key: str, name: str, value: int) -> str:
                if f"{key}: no data" in unknown:
                    return self.tr("{name} no data").format(name=name)
                return f"{name} {value}"

            self.health.setText(
                f"<span style='font-size:18pt'>{h.score}</span> / 100<br>"
                + part("Purchase", self.tr("Purchase"), h.purchase_score)
                + " · "
                + part("Engagement", self.tr("Engagement"), h.engagement_score)
                + "<br>"
                + part("Support", self.tr("Support"), h.support_score)
                + " · "
                + part("Recency", self.tr("Recency"), h.recency_score)
            )
            self.health_vs_risk.setText(
                f"<small><i>{esc(user_text(customer360.HEALTH_VS_RISK))}</i></small>"
                if c.churn_probability is not None
                else ""
            )
        else:
            self.health.setText(self.tr("<i>No health score computed yet.</i>"))
        lines = []
        for p in data.payments:
            flags = []
            if p.expiring:
                flags.append(
                    f"<b style='color:{style.tone('warning')}'>⚠ " + self.tr("expiring") + "</b>"
                )
            if p.failed:
                flags.append(
                    f"<b style='color:{style.tone('error')}'>✖ "
                    + self.tr("failed ×{n}").format(n=p.failure_count)
                    + "</b>"
                )
            lines.append(f"{esc(user_text(p.label))} · {words(p.status)} {' '.join(flags)}")
        self.payments.setText("<br>".join(lines) or self.tr("<i>No stored payment method.</i>"))
        while self.metrics.count():
            item = self.metrics.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, (label, value) in enumerate(data.metrics()):
            self.metrics.addWidget(QLabel(user_text(label)), i // 2, (i % 2) * 2)
            value_label = QLabel(f"<b>{esc(user_text(value))}</b>")
            self.metrics.addWidget(value_label, i // 2, (i % 2) * 2 + 1)
        new = len(self._new_alert_ids())
        # English plurals written out (no English catalogue to hold numerus forms).
        self.buttons["ack"].setText(
            (
                self.tr("Acknowledge {n} new alert")
                if new == 1
                else self.tr("Acknowledge {n} new alerts")
            ).format(n=number(new))
        )
        already = len(data.open_alerts) - new
        self.buttons["ack"].setToolTip(
            self.tr("Say you are on them: they stay open, as acknowledged")
            + (self.tr(" ({n} already are)").format(n=number(already)) if already > 0 else "")
        )
        self._show_timeline()
        self.orders_model.set_query(ListQuery(filters={"customer": self.customer_id}))
        fill(
            self.tickets,
            [
                [t.number, t.subject, words(t.status), words(t.priority), date_text(t.opened_at)]
                for t in tickets
            ],
            [t.id for t in tickets],
        )
        self.notes.clear()
        for note in data.notes:
            mine = self.tr(" (you)") if note.author_id == self.ctx.user.id else ""
            when = date_text(note.created_at, True)
            item = QListWidgetItem(f"{note.author.display_name}{mine} · {when}\n{note.body}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.notes.addItem(item)
        self.tags.clear()
        for tag in data.tags:
            item = QListWidgetItem(style.swatch(tag.color), tag.name)
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setForeground(QColor(tag.color))
            self.tags.addItem(item)
        self.segments.clear()
        for segment in data.segments:
            self.segments.addItem(segment.name)
        fill(
            self.interventions,
            [
                [
                    date_text(i.started_at, True),
                    words(i.channel),
                    words(i.kind),
                    words(i.status),
                    words(i.outcome) if i.outcome else "—",
                    i.user.display_name,
                ]
                for i in data.interventions
            ],
            [i.id for i in data.interventions],
        )

    def _show_timeline(self) -> None:
        if self.data is None:
            return
        kind = self.timeline_kind.currentData()
        items = [it for it in self.data.timeline if kind is None or it.kind == kind]
        fill(
            self.timeline,
            [
                [moment(it.at), words(it.kind), user_text(it.title), user_text(it.detail)]
                for it in items
            ],
        )

    def _changed(self, what: str, message: str) -> None:
        self.reload()
        self.ctx.events.changed.emit(what)
        self.ctx.events.message.emit(message)

    # --- actions --------------------------------------------------------------------------

    def change_status(self) -> None:
        assert self.data is not None
        c = self.data.customer
        dialog = dialogs.account_status_dialog(
            c.account_status,
            lambda status: self.ctx.services.set_account_status(c.id, status, version=c.version),
            self,
        )
        if dialogs.run_dialog(dialog):
            self._changed("customers", self.tr("Account status changed"))
        elif dialog.conflict:
            self.reload()

    def new_ticket(self) -> None:
        dialog = dialogs.TicketDialog(
            lambda v: self.ctx.services.create_ticket(self.customer_id, **v), parent=self
        )
        if dialogs.run_dialog(dialog):
            self._changed(
                "tickets",
                self.tr("Ticket {number} created").format(number=dialog.result_value.number),
            )

    def _show_next_steps(self, data: Customer360, tickets: list[m.SupportTicket]) -> None:
        """One button per action the prediction's factors call for; a click logs it."""
        while self.next_steps_layout.count():
            old = self.next_steps_layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        stored = data.prediction.factors if data.prediction else None
        escalated = any(t.escalated and t.status in OPEN_TICKET for t in tickets)
        recs = recommend(
            stored if isinstance(stored, list) else [], open_escalated_ticket=escalated
        )
        self.recommendations = recs
        if not recs:
            return
        self.next_steps_layout.addWidget(QLabel(self.tr("<b>Recommended next steps</b>")))
        for rec in recs:
            button = QPushButton(f"{user_text(rec.title)} – {user_text(rec.why)}")
            button.setObjectName(f"recommend_{rec.key}")
            button.setToolTip(
                self.tr("Logs a {kind} outreach by {channel}: {notes}").format(
                    kind=words(rec.kind), channel=words(rec.channel), notes=user_text(rec.notes)
                )
            )
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, r=rec: self.apply_recommendation(r))
            self.next_steps_layout.addWidget(button)

    def apply_recommendation(self, rec: Recommendation) -> None:
        """Log the recommended outreach, prefilled, through the service layer."""
        done = run_write(
            self,
            lambda: self.ctx.services.log_intervention(
                self.customer_id, rec.channel, rec.kind, user_text(rec.notes)
            ),
        )
        if done is not None:
            what = user_text(rec.title)
            self._changed(
                "customers", self.tr("Logged: {what}").format(what=what[:1].lower() + what[1:])
            )

    def log_intervention(self) -> None:
        dialog = dialogs.InterventionDialog(
            lambda ch, kind, notes: self.ctx.services.log_intervention(
                self.customer_id, ch, kind, notes
            ),
            self,
        )
        if dialogs.run_dialog(dialog):
            self.tabs.setCurrentIndex(5)
            self._changed("customers", self.tr("Outreach logged"))

    def record_outcome(self) -> None:
        row = self.interventions.currentRow()
        item = self.interventions.item(row, 0) if row >= 0 else None
        if item is None:
            self.ctx.events.message.emit(self.tr("Select an outreach first"))
            return
        intervention_id = item.data(Qt.ItemDataRole.UserRole)
        dialog = dialogs.OutcomeDialog(
            lambda outcome, revenue, notes: self.ctx.services.record_outcome(
                intervention_id, outcome, revenue_retained=revenue, notes=notes
            ),
            self,
        )
        if dialogs.run_dialog(dialog):
            self._changed("customers", self.tr("Outcome recorded"))

    def add_note(self) -> None:
        dialog = dialogs.TextDialog(
            self.tr("Add a note"),
            self.tr("Note"),
            lambda body: self.ctx.services.add_note(self.customer_id, body),
            parent=self,
        )
        if dialogs.run_dialog(dialog):
            self.tabs.setCurrentIndex(3)
            self._changed("customers", self.tr("Note added"))

    def _selected_note(self) -> m.CustomerNote | None:
        item = self.notes.currentItem()
        if item is None or self.data is None:
            self.ctx.events.message.emit(self.tr("Select a note first"))
            return None
        note_id = item.data(Qt.ItemDataRole.UserRole)
        return next((n for n in self.data.notes if n.id == note_id), None)

    def edit_note(self) -> None:
        note = self._selected_note()
        if note is None:
            return
        dialog = dialogs.TextDialog(
            self.tr("Edit note"),
            self.tr("Note"),
            lambda body: self.ctx.services.edit_note(note.id, body, version=note.version),
            text=note.body,
            parent=self,
        )
        if dialogs.run_dialog(dialog):
            self._changed("customers", self.tr("Note saved"))
        elif dialog.conflict:
            self.reload()  # show what the other session saved

    def delete_note(self) -> None:
        note = self._selected_note()
        if note is None:
            return
        done = run_write(
            self, lambda: self.ctx.services.delete_note(note.id, version=note.version) or True
        )
        if done:
            self._changed("customers", self.tr("Note deleted"))

    def add_tag(self) -> None:
        assert self.data is not None

        def save(tag_id: int | None, name: str, color: str) -> Any:
            if tag_id is None:
                tag_id = self.ctx.services.create_tag(name, color).id
            return self.ctx.services.tag_customer(self.customer_id, tag_id)

        dialog = dialogs.TagDialog(save, {t.id for t in self.data.tags}, self)
        restrict(dialog, self.ctx.user)  # only supervisors and admins create a new tag
        if dialogs.run_dialog(dialog):
            self.tabs.setCurrentIndex(4)
            self._changed("customers", self.tr("Tag added"))

    def remove_tag(self) -> None:
        item = self.tags.currentItem()
        if item is None:
            self.ctx.events.message.emit(self.tr("Select a tag first"))
            return
        tag_id = item.data(Qt.ItemDataRole.UserRole)
        if run_write(self, lambda: self.ctx.services.untag_customer(self.customer_id, tag_id)):
            self._changed("customers", self.tr("Tag removed"))

    def acknowledge_alerts(self) -> None:
        ids = self._new_alert_ids()
        services = self.ctx.services
        result = run_write(self, lambda: services.acknowledge_alerts(ids))
        if result is None:
            return
        self._changed("alerts", user_text(result.describe("acknowledged")))
        if result.changed:
            noun = (
                self.tr("1 alert")
                if result.changed == 1
                else self.tr("{n} alerts").format(n=number(result.changed))
            )
            self.ctx.events.undoable.emit(
                UndoEntry(
                    self.tr("acknowledge {noun}").format(noun=noun),
                    lambda: undone_alerts(
                        services.undo_alert_action(ids, "alert.acknowledge"),
                        self.tr("back to open"),
                    ),
                    "alerts",
                )
            )

    def export_summary(self, path: Path | None = None) -> Any:
        """The one-page PDF summary (read, drawn and audited on the pool); the job's state."""
        if path is None:
            name = f"customer-{self.customer_id}"
            if self.data is not None:
                name = self.data.customer.name
            path = export.choose_save_path(
                self, self.tr("Save the customer summary"), f"{name}.pdf", "pdf"
            )
            if path is None:
                return None
        return export.start_summary_export(
            self, self.ctx, self.customer_id, path, self.exported.emit
        )

    def export_orders(self, fmt: str, path: Path | None = None) -> Any:
        """The customer's orders, as the Orders tab shows them."""
        if path is None:
            path = export.choose_save_path(
                self, self.tr("Export the orders"), f"orders-{self.customer_id}.{fmt}", fmt
            )
            if path is None:
                return None
        shown = [
            c.key for i, c in enumerate(self.orders_model.columns)
            if not self.orders.isColumnHidden(i)
        ]  # fmt: skip
        query = ListQuery(filters={"customer": self.customer_id})
        return export.start_list_export(
            self,
            self.ctx,
            lists.SPECS["orders"],
            query,
            columns=shown,
            fmt=fmt,
            path=path,
            report=self.exported.emit,
        )

    def compare(self) -> Any:
        """Compare with another customer, picked by typing a few letters of their name."""
        dialog = dialogs.PickCustomerDialog(
            self.tr("Compare with…"),
            self.tr("Compare with"),
            exclude=self.customer_id,
            parent=self,
            ok_text=self.tr("Compare"),
        )
        if not dialogs.run_dialog(dialog) or dialog.result_value is None:
            return None
        other = CompareDialog(self.customer_id, int(dialog.result_value), self)
        other.show()
        return other
