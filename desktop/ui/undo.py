"""Undo the last alert or ticket action for a few seconds: a status-bar button and Ctrl+Z.

A page that made an undoable write offers it with `ctx.events.undoable.emit(UndoEntry(...))`. The
undo itself is a new write through the service layer (`Services.undo_alert_action`,
`undo_ticket_action`), which puts the row back only if nobody changed it since, and audits it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.core.services import BulkResult, UndoRefused
from desktop.ui import style
from desktop.ui.context import AppContext
from desktop.ui.widgets.writes import WRITE_ERRORS, busy_cursor, error_box

log = logging.getLogger(__name__)

UNDO_WINDOW_MS = 10_000


@dataclass(frozen=True)
class UndoEntry:
    """What can be undone: `label` completes "Undo …", `run` does it (through the services) and
    returns the line to show, `what` is the kind of rows it changes ("alerts", "tickets")."""

    label: str
    run: Callable[[], str]
    what: str


def undone_alerts(result: BulkResult, back_to: str) -> str:
    """The line an alert undo shows; `back_to` is already in the user's language."""
    translate = QCoreApplication.translate
    changed, skipped = result.changed, result.skipped
    if changed == 1:
        text = translate("UndoBar", "Undone: 1 alert {back_to}")
    else:
        text = translate("UndoBar", "Undone: %Ln alerts {back_to}", "", changed)
    text = text.format(back_to=back_to)
    if skipped == 1:
        text += translate("UndoBar", "; 1 left as it is (changed since)")
    elif skipped:
        text += translate("UndoBar", "; %Ln left as they are (changed since)", "", skipped)
    if not result.changed:
        text = (
            translate("UndoBar", "Nothing undone: the alert was changed since")
            if result.skipped == 1
            else translate("UndoBar", "Nothing undone: they were changed since")
        )
    return text


class UndoBar(QWidget):
    """The status bar's "Undo …" button, shown while the last action can be undone."""

    available = Signal(str)  # the entry's label, or "" when there is nothing to undo

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undo_bar")
        self.ctx = ctx
        self.entry: UndoEntry | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        self.button = QPushButton(self.tr("Undo"))
        self.button.setObjectName("undo_button")
        self.button.setAutoDefault(False)
        style.set_icon(self.button, "undo")
        self.button.clicked.connect(self.undo)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(UNDO_WINDOW_MS)
        self.timer.timeout.connect(self.expire)
        ctx.events.undoable.connect(self.offer)
        self.hide()

    def offer(self, entry: UndoEntry) -> None:
        if getattr(self.ctx.services, "offline", False) is True:
            return  # an offline change is undone by another offline change, not by undo
        self.entry = entry
        self.button.setText(self.tr("Undo {what}").format(what=entry.label))
        self.button.setToolTip(
            self.tr("Undo {what} (Ctrl+Z, for a few seconds)").format(what=entry.label)
        )
        self.show()
        self.timer.start()
        self.available.emit(entry.label)

    def expire(self) -> None:
        self.timer.stop()
        self.entry = None
        self.hide()
        self.available.emit("")

    def undo(self) -> str | None:
        entry = self.entry
        if entry is None:
            self.ctx.events.message.emit(self.tr("Nothing to undo"))
            return None
        self.expire()
        try:
            with busy_cursor():
                message = entry.run()
        except UndoRefused as exc:  # someone changed it since: say so, nothing to acknowledge
            message = self.tr("Not undone: {why}").format(why=exc)
        except WRITE_ERRORS as exc:
            error_box(self.window(), exc)
            message = None
        if message is not None:
            self.ctx.events.message.emit(message)
        self.ctx.events.changed.emit(entry.what)
        return message
