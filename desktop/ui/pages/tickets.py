"""The Tickets page and its panel: the message thread, replies, assignment and status moves."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
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
from desktop.ui import style, workers
from desktop.ui.context import AppContext
from desktop.ui.undo import UndoEntry
from desktop.ui.widgets import dialogs
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.list_page import ListPage, choice_options
from desktop.ui.widgets.writes import (
    WRITE_ERRORS,
    busy_cursor,
    read_message,
    validation_text,
    write_message,
)

log = logging.getLogger(__name__)


class TicketsPage(ListPage):
    title = "Tickets"
    column_order = ("number", "subject", "status", "priority", "customer_name", "assignee_name")
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
        new.setObjectName("new_ticket")
        new.setToolTip("Open a ticket for a customer (Ctrl+N)")
        style.set_icon(new, "add")
        new.clicked.connect(self.new_ticket)
        self.filter_bar.addWidget(new)
        self.panel = TicketPanel(ctx, self)
        self.add_side(self.panel, minimum=320)
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
        """A new ticket for a customer picked by typing a few letters of their name or email."""

        def save(values: dict[str, Any]) -> m.SupportTicket:
            customer_id = values.pop("customer_id")
            return self.ctx.services.create_ticket(customer_id, **values)

        dialog = dialogs.TicketDialog(save, parent=self, ask_customer=True)
        if dialogs.run_dialog(dialog):
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
        self.ticket_assignee: str | None = None
        self.loader = workers.Latest(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel("<i>Select a ticket.</i>")
        self.header.setObjectName("ticket_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        # Status, Move, Edit and Assign on one row when the panel is wide, wrapped when not.
        workflow = FlowLayout()
        self.move_to = QComboBox()
        self.move_to.setObjectName("move_to")
        self.move_to.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for status in TicketStatus:
            self.move_to.addItem(words(status), status.value)
        status_label = QLabel("&Status")
        status_label.setBuddy(self.move_to)
        self.move_button = QPushButton("Move")
        self.move_button.setObjectName("move_button")
        self.move_button.setToolTip("Move the ticket to the status chosen beside")
        self.move_button.clicked.connect(self.move)
        edit = QPushButton("Edit…")
        edit.clicked.connect(self.edit)
        assign = QPushButton("Assign…")
        assign.clicked.connect(self.assign)
        self.actions = [self.move_button, edit, assign]
        for widget in (status_label, self.move_to, self.move_button, edit, assign):
            workflow.addWidget(widget)
        layout.addLayout(workflow)
        self.status_error = QLabel()
        self.status_error.setTextFormat(Qt.TextFormat.PlainText)
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
        self.reply_error.setWordWrap(True)
        self.reply_error.hide()
        layout.addWidget(self.reply_error)
        self.send = QPushButton("Add to thread")
        self.send.setObjectName("send")
        self.send.setToolTip("Add the reply to the thread (Ctrl+Enter in the reply)")
        self.send.clicked.connect(self.add_message)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.reply.text)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.add_message)
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
        self.header.setText(html.escape(read_message(exc, "this ticket")))
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
        self.ticket_assignee = assignee
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
        before = self.ticket.status
        try:
            with busy_cursor():
                moved = self.ctx.services.move_ticket(
                    self.ticket.id, status, version=self.ticket.version
                )
        except ValidationError as exc:
            self._reload_keep_error(validation_text(exc))
            return
        except WRITE_ERRORS as exc:
            self._reload_keep_error(write_message(exc))
            return
        self.ctx.events.message.emit(f"Ticket {self.ticket.number} moved to {words(status)}")
        action = "ticket.reopen" if status == "open" else "ticket.status"
        self._offer_undo(moved, action, f"move of {moved.number}", f"back to {words(before)}")
        self._reload()

    def _offer_undo(self, ticket: m.SupportTicket, action: str, label: str, back: str) -> None:
        services, ticket_id, version, number = (
            self.ctx.services,
            ticket.id,
            ticket.version,
            ticket.number,
        )

        def undo() -> str:
            services.undo_ticket_action(ticket_id, action, version)
            return f"Undone: ticket {number} {back}"

        self.ctx.events.undoable.emit(UndoEntry(label, undo, "tickets"))

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
            with busy_cursor():
                self.ctx.services.add_message(
                    self.ticket.id,
                    self.reply.text.toPlainText(),
                    internal=self.reply.internal.isChecked(),
                    from_customer=self.reply.from_customer.isChecked(),
                )
        except WRITE_ERRORS as exc:  # the reply stays in the box
            self.reply_error.setText(write_message(exc, kept=True))
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
        if dialogs.run_dialog(dialog):
            edited = dialog.result_value
            self._offer_undo(edited, "ticket.edit", f"edit of {edited.number}", "as it was")
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
            self, ok_text="Assign",
        )  # fmt: skip
        before = self.ticket_assignee
        if dialogs.run_dialog(dialog):
            assigned = dialog.result_value
            self._offer_undo(
                assigned, "ticket.assign", f"assignment of {assigned.number}",
                f"back to {before or 'nobody'}",
            )  # fmt: skip
            self._reload()
        elif dialog.conflict:
            self.show_ticket(ticket.id)
