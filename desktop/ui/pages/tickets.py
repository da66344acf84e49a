"""The Tickets page and its panel: the message thread, replies, assignment and status moves."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from db.choices import Priority, TicketCategory, TicketStatus
from db.validation import ValidationError
from desktop.core.read import details, lists
from desktop.core.services import ServiceError
from desktop.ui import style, workers
from desktop.ui.context import AppContext
from desktop.ui.widgets import dialogs
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.list_page import ListPage, choice_options

log = logging.getLogger(__name__)


class TicketsPage(ListPage):
    title = "Tickets"
    search_hint = "Subject, customer or ticket number"
    date_label = "Opened"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, lists.SPECS["tickets"], parent)
        self.search.setToolTip(
            "Finds tickets whose subject or customer name contains the text, or whose "
            "customer's email address starts with it. A number finds that ticket (42, T-42, "
            "T-000042).\nDown or Enter moves into the results. Ctrl+F"
        )
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
        self.add_combo("priority", choice_options("Any priority", list(Priority)), "Priority")
        self.add_combo("category", choice_options("Any category", list(TicketCategory)), "Category")
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
