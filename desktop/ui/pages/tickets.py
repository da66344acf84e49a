"""The Tickets page and its panel: the message thread, replies, assignment and status moves."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
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
from desktop.ui import i18n, style, workers
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
        translate = QCoreApplication.translate
        self.title = translate("TicketsPage", "Tickets")
        self.search_hint = translate("TicketsPage", "Subject, customer or ticket number")
        self.date_label = translate("TicketsPage", "Opened")
        super().__init__(ctx, lists.SPECS["tickets"], parent)
        self.search.setToolTip(
            self.tr(
                "Finds tickets whose subject or customer name contains the text, or whose "
                "customer's email address starts with it. A number finds that ticket "
                "(42, T-42, "
                "T-000042).\nDown or Enter moves into the results. Ctrl+F"
            )
        )
        new = QPushButton(self.tr("New ticket…"))
        new.setObjectName("new_ticket")
        new.setToolTip(self.tr("Open a ticket for a customer (Ctrl+N)"))
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
                (self.tr("Not closed"), ["open", "in_progress", "pending", "resolved"]),
                (self.tr("Unresolved"), ["open", "in_progress", "pending"]),
                (self.tr("Any status"), None),
            ]
            + [(words(s), [s]) for s in TicketStatus],
            self.tr("Status"),
        )
        self.add_combo(
            "priority", choice_options(self.tr("Any priority"), list(Priority)), self.tr("Priority")
        )
        self.add_combo(
            "category",
            choice_options(self.tr("Any category"), list(TicketCategory)),
            self.tr("Category"),
        )
        self.add_check("assigned_to_me", self.tr("My tickets"))

    def current_changed(self, row: int) -> None:
        self.panel.show_ticket(self.model.row_id(row) if row >= 0 else None)

    def new_ticket(self) -> None:
        """A new ticket for a customer picked by typing a few letters of their name or email."""

        def save(values: dict[str, Any]) -> m.SupportTicket:
            customer_id = values.pop("customer_id")
            return self.ctx.services.create_ticket(customer_id, **values)

        dialog = dialogs.TicketDialog(save, parent=self, ask_customer=True)
        if dialogs.run_dialog(dialog):
            self.ctx.events.message.emit(
                self.tr("Ticket {number} created").format(number=dialog.result_value.number)
            )
            self.ctx.events.changed.emit("tickets")

    def row_actions(self, menu: QMenu) -> None:
        super().row_actions(menu)
        menu.addAction(self.tr("Edit ticket…"), self.panel.edit)
        menu.addAction(self.tr("Assign…"), self.panel.assign)


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
        self.header = QLabel("<i>{}</i>".format(self.tr("Select a ticket.")))
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
        status_label = QLabel(self.tr("&Status"))
        status_label.setBuddy(self.move_to)
        self.move_button = QPushButton(self.tr("Move"))
        self.move_button.setObjectName("move_button")
        self.move_button.setToolTip(self.tr("Move the ticket to the status chosen beside"))
        self.move_button.clicked.connect(self.move)
        edit = QPushButton(self.tr("Edit…"))
        edit.clicked.connect(self.edit)
        assign = QPushButton(self.tr("Assign…"))
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
        self.send = QPushButton(self.tr("Add to thread"))
        self.send.setObjectName("send")
        self.send.setToolTip(self.tr("Add the reply to the thread (Ctrl+Enter in the reply)"))
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
            self.header.setText("<i>{}</i>".format(self.tr("Select a ticket.")))
            self.thread.clear()
            return
        if self.ticket is None or self.ticket.id != ticket_id:
            self.status_error.hide()
            self.ticket = None  # no action may run against the ticket shown before
            self.setEnabled(False)
            self.header.setText("<i>{}</i>".format(self.tr("Loading ticket…")))
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
            self.ctx.events.message.emit(self.tr("The ticket is still loading; try again"))
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
            self.header.setText("<i>{}</i>".format(self.tr("This ticket no longer exists.")))
            self.thread.clear()
            self.loaded.emit(ticket_id)
            return
        t = detail.ticket
        esc = html.escape
        times = [self.tr("opened {when}").format(when=i18n.moment(t.opened_at))]
        if t.first_response_at:
            when = i18n.moment(t.first_response_at)
            times.append(self.tr("first response {when}").format(when=when))
        if t.resolved_at:
            times.append(self.tr("resolved {when}").format(when=i18n.moment(t.resolved_at)))
        assignee = detail.assignee_name
        self.ticket_assignee = assignee
        facts = self.tr(
            "{category} · <b>{priority}</b> priority · <b>{status}</b> · assigned to {who}"
        )
        self.header.setText(
            f"<b>{esc(t.number)}</b> · {esc(t.subject)}<br>"
            f"{esc(detail.customer_name or '—')} · "
            + facts.format(
                category=words(t.category),
                priority=words(t.priority),
                status=words(t.status),
                who=esc(assignee) if assignee else self.tr("nobody"),
            )
            + f"<br><small>{', '.join(times)}</small>"
        )
        if self.status_error.isHidden():  # a refused move keeps the status the user chose
            self.move_to.setCurrentIndex(self.move_to.findData(t.status))
        chunks = []
        for msg in detail.messages:
            kind = " · <i>{}</i>".format(self.tr("internal note")) if msg.internal else ""
            chunks.append(
                f"<p><b>{esc(msg.author)}</b> <small>{i18n.moment(msg.created_at)}</small>"
                f"{kind}<br>{esc(msg.body).replace(chr(10), '<br>')}</p>"
            )
        self.thread.setHtml(
            "".join(chunks) or "<p><i>{}</i></p>".format(self.tr("No messages yet."))
        )
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
        self.ctx.events.message.emit(
            self.tr("Ticket {number} moved to {status}").format(
                number=self.ticket.number, status=words(status)
            )
        )
        action = "ticket.reopen" if status == "open" else "ticket.status"
        self._offer_undo(
            moved,
            action,
            self.tr("move of {number}").format(number=moved.number),
            self.tr("back to {status}").format(status=words(before)),
        )
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
            return QCoreApplication.translate(
                "TicketPanel", "Undone: ticket {number} {back}"
            ).format(number=number, back=back)

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
            self._offer_undo(
                edited,
                "ticket.edit",
                self.tr("edit of {number}").format(number=edited.number),
                self.tr("as it was"),
            )
            self._reload()
        elif dialog.conflict:
            self.show_ticket(ticket.id)  # show what the other session saved

    def assign(self) -> None:
        if not self._ready():
            return
        ticket = self.ticket
        dialog = dialogs.ChoiceDialog(
            self.tr("Assign ticket"), self.tr("Assign to"), "assignee",
            dialogs.staff_combo(ticket.assignee_id),
            lambda uid: self.ctx.services.assign_ticket(ticket.id, uid, version=ticket.version),
            self, ok_text=self.tr("Assign"),
        )  # fmt: skip
        before = self.ticket_assignee
        if dialogs.run_dialog(dialog):
            assigned = dialog.result_value
            self._offer_undo(
                assigned, "ticket.assign",
                self.tr("assignment of {number}").format(number=assigned.number),
                self.tr("back to {who}").format(who=before or self.tr("nobody")),
            )  # fmt: skip
            self._reload()
        elif dialog.conflict:
            self.show_ticket(ticket.id)
