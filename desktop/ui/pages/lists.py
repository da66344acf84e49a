"""The Customers, Alerts and Tickets pages, and the honest placeholders for pages to come."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

import peewee as pw
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from db.choices import AlertStatus, AlertType, Priority, RiskLevel, TicketCategory, TicketStatus
from db.validation import ValidationError
from desktop.core.read import customer360, details, listing, lists
from desktop.core.services import BulkResult, ServiceError
from desktop.ui import style, workers
from desktop.ui.context import AppContext
from desktop.ui.widgets import dialogs
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.list_page import ListPage

log = logging.getLogger(__name__)


def _options(any_label: str, values: list[str]) -> list[tuple[str, Any]]:
    return [(any_label, None)] + [(words(v), [v]) for v in values]


def error_box(parent: QWidget, exc: BaseException) -> None:
    QMessageBox.warning(parent, "ChurnWatch", str(exc))


class CustomersPage(ListPage):
    title = "Customers"
    # Name and email searches are index ranges on their start, so they stay instant at a
    # million customers; a word in the middle of a name is not found, and the hint says so.
    search_hint = "Start of a name or email, or ORD-…"
    date_label = "Customer since"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, lists.SPECS["customers"], parent)
        self.search.setToolTip(
            "Finds customers whose name or email address starts with the text (any letter "
            "case), or who placed the order with that number (ORD-…). Ctrl+F"
        )
        compare = QPushButton("Compare")
        compare.setToolTip("Compare the two selected customers side by side")
        compare.clicked.connect(self.compare_selected)
        self.filter_bar.addWidget(compare)

    def build_filters(self) -> None:
        risks = _options("Any risk", list(RiskLevel))
        risks.insert(1, ("High or critical", ["HIGH", "CRITICAL"]))
        self.add_combo("risk_level", risks, "Risk level")
        self.add_combo(
            "account_status",
            _options("Any account status", ["active", "at_risk", "resolved", "churned"]),
            "Account status",
        )
        self.add_combo(
            "tag", [("Any tag", None)] + [(t.name, t.id) for t in customer360.all_tags()], "Tag"
        )
        self.add_combo(
            "segment",
            [("Any segment", None)] + [(s.name, s.id) for s in customer360.all_segments()],
            "Segment",
        )

    def compare_selected(self) -> None:
        ids, _missing = self.selected_ids()
        if len(ids) != 2:
            self.ctx.events.message.emit("Select exactly two customers to compare")
            return
        from desktop.ui.customer360.view import CompareDialog

        CompareDialog(ids[0], ids[1], self).show()

    def row_actions(self, menu: QMenu) -> None:
        super().row_actions(menu)
        compare = menu.addAction("Compare the two selected")
        compare.setEnabled(len(self.selected_ids()[0]) == 2)
        compare.triggered.connect(self.compare_selected)


class AlertsPage(ListPage):
    """The queue, keyboard-first: j/k or arrows move, `a` acknowledges, `r` resolves, Enter
    opens the customer."""

    detailLoaded = Signal(int)  # the detail pane now shows this alert (or why it could not)

    title = "Alerts"
    search_hint = "Search alert, customer name or email (Ctrl+F)"
    date_label = "Raised"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, lists.SPECS["alerts"], parent)
        side = QVBoxLayout()
        actions = QHBoxLayout()
        self.ack_button = QPushButton("Acknowledge (A)")
        self.ack_button.setIcon(style.icon("check"))
        self.ack_button.clicked.connect(self.acknowledge)
        self.resolve_button = QPushButton("Resolve… (R)")
        self.resolve_button.setIcon(style.icon("resolve"))
        self.resolve_button.clicked.connect(self.resolve)
        self.dismiss_button = QPushButton("Dismiss…")
        self.dismiss_button.clicked.connect(self.dismiss)
        self.assign_button = QPushButton("Assign…")
        self.assign_button.clicked.connect(self.assign)
        for button in (self.ack_button, self.resolve_button, self.dismiss_button,
                       self.assign_button):  # fmt: skip
            actions.addWidget(button)
        side.addLayout(actions)
        self.all_matching = QCheckBox("Apply to all matching alerts")
        self.all_matching.setObjectName("all_matching")
        self.all_matching.setToolTip(
            "Act on every alert the filter matches, not only the selected rows"
        )
        side.addWidget(self.all_matching)
        self.detail = QTextBrowser()
        self.detail.setObjectName("alert_detail")
        self.detail.setOpenLinks(False)
        self.detail_loader = workers.Latest(self)
        self.detail_for: int | None = None
        side.addWidget(self.detail, 1)
        holder = QWidget()
        holder.setLayout(side)
        holder.setMinimumWidth(360)
        self.body.addWidget(holder, 2)
        self.model.countChanged.connect(
            lambda n: self.all_matching.setText(f"Apply to all {n:,} matching alerts")
        )

    def build_filters(self) -> None:
        self.add_combo(
            "status",
            [("Open or acknowledged", ["open", "acknowledged"]), ("Any status", None)]
            + [(words(s), [s]) for s in AlertStatus],
            "Status",
        )
        self.add_combo("priority", _options("Any priority", list(Priority)), "Priority")
        self.add_combo("type", _options("Any type", list(AlertType)), "Alert type")
        self.add_check("assigned_to_me", "Assigned to me")

    def handle_key(self, event: QKeyEvent) -> bool:
        if event.modifiers():
            return False
        if event.key() == Qt.Key.Key_A:
            self.acknowledge()
            return True
        if event.key() == Qt.Key.Key_R:
            self.resolve()
            return True
        return False

    def row_actions(self, menu: QMenu) -> None:
        super().row_actions(menu)
        menu.addSeparator()
        menu.addAction("Acknowledge", self.acknowledge)
        menu.addAction("Resolve…", self.resolve)
        menu.addAction("Dismiss…", self.dismiss)
        menu.addAction("Assign…", self.assign)

    # --- actions --------------------------------------------------------------------------

    def _target(self) -> tuple[list[int], bool] | None:
        """The alert ids to act on, and whether they are "all matching" (a background job)."""
        if self.all_matching.isChecked():
            return [], True
        ids, missing = self.selected_ids()
        if missing:
            self.ctx.events.message.emit("Some selected rows are still loading; try again")
            return None
        if not ids:
            self.ctx.events.message.emit("Select one or more alerts first")
            return None
        return ids, False

    def _run(
        self,
        verb: str,
        action: Callable[[list[int], Any], BulkResult],
    ) -> None:
        target = self._target()
        if target is None:
            return
        ids, everything = target
        if not everything:
            try:
                result = action(ids, None)
            except (ValidationError, ServiceError, pw.DatabaseError) as exc:
                error_box(self, exc)
                return
            self._done(verb, result, advance=len(ids) == 1)
            return
        query, me = self.model.query, self.ctx.user.id
        count = self.model.total
        answer = QMessageBox.question(
            self, "ChurnWatch", f"{verb.capitalize()} all {count:,} matching alerts?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        spec = self.spec

        def job(state: Any) -> BulkResult:
            all_ids = [i for batch in listing.matching_ids(spec, query, me) for i in batch]
            return action(all_ids, state)

        self.window().jobs.start(  # type: ignore[attr-defined]
            f"{verb.capitalize()} {count:,} alerts",
            job,
            lambda result: self._done(verb, result, advance=False),
            lambda exc: (self.ctx.events.message.emit(str(exc)), self.refresh()),
        )

    def _done(self, verb: str, result: BulkResult, *, advance: bool) -> None:
        self.ctx.events.message.emit(result.describe(verb))
        self.ctx.events.changed.emit("alerts")
        row = self.current_row()
        if advance and row + 1 < self.model.rowCount():
            # Keyboard flow: the next alert becomes current, unless the filter drops this one.
            still_listed = "acknowledged" in str(self.model.query.filters.get("status", "all"))
            self.view.selectRow(row + 1 if still_listed or verb != "acknowledged" else row)

    def acknowledge(self) -> None:
        self._run("acknowledged", self.ctx.services.acknowledge_alerts)

    def resolve(self) -> None:
        target = self._target()
        if target is None:
            return
        holder: dict[str, str] = {}

        def keep(note: str) -> str:
            if not note.strip():
                raise ValidationError({"resolution_note": "a resolution note is required"})
            holder["note"] = note
            return note

        dialog = dialogs.TextDialog(
            "Resolve alerts", "Resolution note", keep, field="resolution_note", parent=self,
            ok_text="Resolve",
        )  # fmt: skip
        if not dialog.exec():
            return
        note = holder["note"]
        self._run("resolved", lambda ids, st: self.ctx.services.resolve_alerts(ids, note, st))

    def dismiss(self) -> None:
        holder: dict[str, str] = {}
        dialog = dialogs.TextDialog(
            "Dismiss alerts", "Why (optional)", lambda t: holder.update(note=t),
            field="resolution_note", parent=self, ok_text="Dismiss",
        )  # fmt: skip
        if self._target() is None or not dialog.exec():
            return
        note = holder.get("note", "")
        self._run("dismissed", lambda ids, st: self.ctx.services.dismiss_alerts(ids, note, st))

    def assign(self) -> None:
        if self._target() is None:
            return
        holder: dict[str, Any] = {}
        dialog = dialogs.ChoiceDialog(
            "Assign alerts", "Assign to", "assignee", dialogs.staff_combo(),
            lambda uid: holder.update(uid=uid), self,
        )  # fmt: skip
        if not dialog.exec():
            return
        uid = holder.get("uid")
        self._run("assigned", lambda ids, st: self.ctx.services.assign_alerts(ids, uid, st))

    # --- detail ---------------------------------------------------------------------------

    def current_changed(self, row: int) -> None:
        """Show the current alert; read on the pool, the old text greyed until it arrives."""
        alert_id = self.model.row_id(row) if row >= 0 else None
        if alert_id is None:
            self.detail_loader.cancel()
            self.detail_for = None
            self.detail.setEnabled(True)
            self.detail.setHtml("<p><i>Select an alert to see its details.</i></p>")
            return
        self.detail_for = alert_id
        self.detail.setEnabled(False)
        if not self.detail.toPlainText().strip():
            self.detail.setHtml("<p><i>Loading…</i></p>")
        self.detail_loader.load(
            lambda: details.load_alert(alert_id),
            lambda d: self._show_detail(alert_id, d),
            lambda exc: self._detail_failed(alert_id, exc),
        )

    def _show_detail(self, alert_id: int, detail: details.AlertDetail | None) -> None:
        self.detail.setEnabled(True)
        self.detail.setHtml(alert_html(detail))
        self.detailLoaded.emit(alert_id)

    def _detail_failed(self, alert_id: int, exc: BaseException) -> None:
        self.detail.setEnabled(True)
        self.detail.setHtml(
            f"<p><b>Could not load this alert:</b> {html.escape(str(exc))}</p>"
            "<p>Press F5 to try again.</p>"
        )
        self.detailLoaded.emit(alert_id)


def alert_html(detail: details.AlertDetail | None) -> str:
    """The alert with its correlated events and the prediction behind it."""
    if detail is None:
        return "<p>This alert no longer exists.</p>"
    alert = detail.alert
    esc = html.escape
    parts = [
        f"<h3>{esc(alert.title)}</h3>",
        f"<p><b>{words(alert.priority)}</b> priority · {words(alert.type)} · "
        f"{words(alert.status)} · raised {alert.created_at:%Y-%m-%d %H:%M}</p>",
    ]
    customer = detail.customer
    if customer is not None:
        parts.append(f"<p>Customer: <b>{esc(customer.name)}</b> ({esc(customer.email)})</p>")
    if alert.message:
        parts.append(f"<p>{esc(alert.message)}</p>")
    if alert.acknowledged_at:
        parts.append(f"<p>Acknowledged {alert.acknowledged_at:%Y-%m-%d %H:%M}</p>")
    if alert.resolved_at:
        note = f": {esc(alert.resolution_note)}" if alert.resolution_note else ""
        parts.append(f"<p>Closed {alert.resolved_at:%Y-%m-%d %H:%M}{note}</p>")
    p = detail.prediction
    if p is not None:
        factors = "".join(f"<li>{esc(f)}</li>" for f in customer360.factor_lines(p.factors))
        parts.append(
            f"<h4>Prediction</h4><p>{p.probability * 100:.0f}% churn probability "
            f"({words(p.risk_level)}), scored {p.scored_at:%Y-%m-%d}</p>"
            + (f"<ul>{factors}</ul>" if factors else "")
        )
    events = alert.correlated_events or []
    parts.append("<h4>Correlated events</h4>")
    if events:
        items = "".join(f"<li>{esc(_event_line(e))}</li>" for e in events[:20])
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p><i>None recorded.</i></p>")
    return "".join(parts)


def _event_line(event: Any) -> str:
    if isinstance(event, dict):
        when = event.get("occurred_at") or event.get("at") or ""
        what = event.get("event_type") or event.get("type") or event.get("title") or ""
        return f"{when} {str(what).replace('_', ' ')}".strip() or str(event)
    return str(event)


class TicketsPage(ListPage):
    title = "Tickets"
    search_hint = "Search subject, ticket number or customer (Ctrl+F)"
    date_label = "Opened"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, lists.SPECS["tickets"], parent)
        new = QPushButton("New ticket…")
        new.setIcon(style.icon("add"))
        new.clicked.connect(self.new_ticket)
        self.filter_bar.addWidget(new)
        self.panel = TicketPanel(ctx, self)
        self.panel.setMinimumWidth(380)
        self.body.addWidget(self.panel, 2)
        self.panel.changed.connect(lambda: ctx.events.changed.emit("tickets"))

    def build_filters(self) -> None:
        self.add_combo(
            "status",
            [
                ("Not closed", ["open", "in_progress", "pending", "resolved"]),
                ("Unresolved", ["open", "in_progress", "pending"]),
                ("Any status", None),
            ]
            + [(words(s), [s]) for s in TicketStatus],
            "Status",
        )
        self.add_combo("priority", _options("Any priority", list(Priority)), "Priority")
        self.add_combo("category", _options("Any category", list(TicketCategory)), "Category")
        self.add_check("assigned_to_me", "My tickets")

    def current_changed(self, row: int) -> None:
        self.panel.show_ticket(self.model.row_id(row) if row >= 0 else None)

    def new_ticket(self) -> None:
        def save(values: dict[str, Any]) -> m.SupportTicket:
            email = values.pop("customer_email", "").lower()
            customer = m.Customer.get_or_none(
                (m.Customer.email == email) & m.Customer.deleted_at.is_null()
            )
            if customer is None:
                raise ValidationError({"customer": f"no customer with the email '{email}'"})
            return self.ctx.services.create_ticket(customer.id, **values)

        dialog = dialogs.TicketDialog(save, parent=self, ask_customer=True)
        if dialog.exec():
            self.ctx.events.message.emit(f"Ticket {dialog.result_value.number} created")
            self.ctx.events.changed.emit("tickets")

    def row_actions(self, menu: QMenu) -> None:
        super().row_actions(menu)
        menu.addAction("Edit ticket…", self.panel.edit)
        menu.addAction("Assign…", self.panel.assign)


class TicketPanel(QWidget):
    """One ticket: its fields, the workflow, the message thread and a reply box."""

    from PySide6.QtCore import Signal as _Signal

    changed = _Signal()
    loaded = _Signal(int)  # the panel now shows this ticket (or why it could not)

    def __init__(  # noqa: PLR0915 - builds the layout
        self, ctx: AppContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket: m.SupportTicket | None = None
        self.loader = workers.Latest(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel("<i>Select a ticket.</i>")
        self.header.setObjectName("ticket_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        workflow = QHBoxLayout()
        self.move_to = QComboBox()
        self.move_to.setObjectName("move_to")
        for status in TicketStatus:
            self.move_to.addItem(words(status), status.value)
        self.move_button = QPushButton("Move")
        self.move_button.setObjectName("move_button")
        self.move_button.clicked.connect(self.move)
        edit = QPushButton("Edit…")
        edit.clicked.connect(self.edit)
        assign = QPushButton("Assign…")
        assign.clicked.connect(self.assign)
        self.actions = [self.move_button, edit, assign]
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.move_to, 1)
        row.addWidget(self.move_button)
        form.addRow("Status", row)
        workflow.addLayout(form, 1)
        workflow.addWidget(edit)
        workflow.addWidget(assign)
        layout.addLayout(workflow)
        self.status_error = QLabel()
        self.status_error.setObjectName("status_error")
        self.status_error.setProperty("role", "error")
        self.status_error.setWordWrap(True)
        self.status_error.hide()
        layout.addWidget(self.status_error)
        self.thread = QTextBrowser()
        self.thread.setObjectName("thread")
        layout.addWidget(self.thread, 1)
        self.reply = dialogs.ReplyBox()
        layout.addWidget(self.reply)
        self.reply_error = QLabel()
        self.reply_error.setProperty("role", "error")
        self.reply_error.hide()
        layout.addWidget(self.reply_error)
        self.send = QPushButton("Add to thread")
        self.send.setObjectName("send")
        self.send.clicked.connect(self.add_message)
        self.actions.append(self.send)
        layout.addWidget(self.send, 0, Qt.AlignmentFlag.AlignRight)
        self.setEnabled(False)

    def show_ticket(self, ticket_id: int | None) -> None:
        """Show this ticket (None: no ticket). Read on the pool: another ticket's fields and
        actions are disabled until it arrives, the same ticket's stay while it refreshes."""
        if ticket_id is None:
            self.loader.cancel()
            self.status_error.hide()
            self.ticket = None
            self.setEnabled(False)
            self.header.setText("<i>Select a ticket.</i>")
            self.thread.clear()
            return
        if self.ticket is None or self.ticket.id != ticket_id:
            self.status_error.hide()
            self.ticket = None  # no action may run against the ticket shown before
            self.setEnabled(False)
            self.header.setText("<i>Loading ticket…</i>")
        # Writes check the ticket's version: none may start from the copy being replaced.
        self._set_actions_enabled(False)
        self.loader.load(
            lambda: details.load_ticket(ticket_id),
            lambda detail: self._show(ticket_id, detail),
            lambda exc: self._failed(ticket_id, exc),
        )

    def _ready(self) -> bool:
        """A ticket is shown and is not being re-read (its version is the current one)."""
        if self.ticket is not None and self.loader.loading:
            self.ctx.events.message.emit("The ticket is still loading; try again")
        return self.ticket is not None and not self.loader.loading

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in self.actions:
            button.setEnabled(enabled)

    def _failed(self, ticket_id: int, exc: BaseException) -> None:
        self._set_actions_enabled(True)
        self.ticket = None
        self.setEnabled(False)
        self.header.setText(
            f"<b>Could not load this ticket:</b> {html.escape(str(exc))}<br>"
            "<small>Press F5 to try again.</small>"
        )
        self.loaded.emit(ticket_id)

    def _show(self, ticket_id: int, detail: details.TicketDetail | None) -> None:
        self._set_actions_enabled(True)
        self.ticket = detail.ticket if detail is not None else None
        self.setEnabled(self.ticket is not None)
        if detail is None:
            self.header.setText("<i>This ticket no longer exists.</i>")
            self.thread.clear()
            self.loaded.emit(ticket_id)
            return
        t = detail.ticket
        esc = html.escape
        times = [f"opened {t.opened_at:%Y-%m-%d %H:%M}"]
        if t.first_response_at:
            times.append(f"first response {t.first_response_at:%Y-%m-%d %H:%M}")
        if t.resolved_at:
            times.append(f"resolved {t.resolved_at:%Y-%m-%d %H:%M}")
        assignee = detail.assignee_name
        self.header.setText(
            f"<b>{esc(t.number)}</b> · {esc(t.subject)}<br>"
            f"{esc(detail.customer_name or '—')} · {words(t.category)} · "
            f"<b>{words(t.priority)}</b> priority · <b>{words(t.status)}</b> · "
            f"assigned to {esc(assignee) if assignee else 'nobody'}<br>"
            f"<small>{', '.join(times)}</small>"
        )
        if self.status_error.isHidden():  # a refused move keeps the status the user chose
            self.move_to.setCurrentIndex(self.move_to.findData(t.status))
        chunks = []
        for msg in detail.messages:
            kind = " · <i>internal note</i>" if msg.internal else ""
            chunks.append(
                f"<p><b>{esc(msg.author)}</b> <small>{msg.created_at:%Y-%m-%d %H:%M}</small>"
                f"{kind}<br>{esc(msg.body).replace(chr(10), '<br>')}</p>"
            )
        self.thread.setHtml("".join(chunks) or "<p><i>No messages yet.</i></p>")
        self.loaded.emit(ticket_id)

    def _reload(self) -> None:
        self.status_error.hide()
        self.show_ticket(self.ticket.id if self.ticket else None)
        self.changed.emit()

    def move(self) -> None:
        if not self._ready():
            return
        status = self.move_to.currentData()
        try:
            self.ctx.services.move_ticket(self.ticket.id, status, version=self.ticket.version)
        except ValidationError as exc:
            message = next(iter(exc.errors.values()))
            self._reload_keep_error(message[:1].upper() + message[1:])
            return
        except ServiceError as exc:
            self._reload_keep_error(str(exc))
            return
        self.ctx.events.message.emit(f"Ticket {self.ticket.number} moved to {words(status)}")
        self._reload()

    def _reload_keep_error(self, message: str) -> None:
        """Show why the move was refused next to the status, keep the status the user chose,
        and re-read the ticket (after a conflict the next try uses its new version)."""
        self.status_error.setText(message)
        self.status_error.show()
        if self.ticket is not None:
            self.show_ticket(self.ticket.id)

    def add_message(self) -> None:
        if not self._ready():
            return
        self.reply_error.hide()
        try:
            self.ctx.services.add_message(
                self.ticket.id,
                self.reply.text.toPlainText(),
                internal=self.reply.internal.isChecked(),
                from_customer=self.reply.from_customer.isChecked(),
            )
        except ValidationError as exc:
            message = "; ".join(exc.errors.values())
            self.reply_error.setText(message[:1].upper() + message[1:])
            self.reply_error.show()
            return
        self.reply.text.clear()
        self._reload()

    def edit(self) -> None:
        if not self._ready():
            return
        ticket = self.ticket
        dialog = dialogs.TicketDialog(
            lambda v: self.ctx.services.edit_ticket(ticket.id, version=ticket.version, **v),
            ticket=ticket,
            parent=self,
        )
        if dialog.exec():
            self._reload()
        elif dialog.conflict:
            self.show_ticket(ticket.id)  # show what the other session saved

    def assign(self) -> None:
        if not self._ready():
            return
        ticket = self.ticket
        dialog = dialogs.ChoiceDialog(
            "Assign ticket", "Assign to", "assignee", dialogs.staff_combo(ticket.assignee_id),
            lambda uid: self.ctx.services.assign_ticket(ticket.id, uid, version=ticket.version),
            self,
        )  # fmt: skip
        if dialog.exec():
            self._reload()
        elif dialog.conflict:
            self.show_ticket(ticket.id)


def run_write(parent: QWidget, fn: Callable[[], Any]) -> Any:
    """Run a quick write from a button; show a refused write as a message box."""
    try:
        return fn()
    except (ValidationError, ServiceError, pw.DatabaseError) as exc:
        error_box(parent, exc)
        return None
