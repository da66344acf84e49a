"""A search-as-you-type customer picker: type a few letters of a name or email, pick from the list.

The matches are read on the database pool a moment after the typing pauses (`workers.Latest`, so
a slow answer for an older text never replaces a newer one) and shown in a popup under the field:
Down/Up move in it, Enter or a click picks, Esc closes it. Typing the whole email picks that
customer as soon as the answer arrives.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.core.read import pickers
from desktop.core.read.pickers import CustomerChoice
from desktop.ui import workers
from desktop.ui.widgets.writes import read_message

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
ChoiceRole = Qt.ItemDataRole.UserRole + 10


class CustomerPicker(QLineEdit):
    """`customer_id` is the picked customer (None until one is picked, or after the text is
    edited again); `picked` says so, `searched` reports each answer's number of matches."""

    picked = Signal(object)  # CustomerChoice | None
    searched = Signal(int)

    def __init__(self, parent: QWidget | None = None, exclude: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_picker")
        self.setPlaceholderText(self.tr("Type a few letters of a name or email…"))
        self.setClearButtonEnabled(True)
        self.exclude = exclude
        self.choice: CustomerChoice | None = None
        self.results: list[CustomerChoice] = []
        self.status = ""  # "", "searching", "none", "failed: …"
        self.matches = QStandardItemModel(self)
        self.completer_ = QCompleter(self.matches, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(10)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self.loader = workers.Latest(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search)
        self.textEdited.connect(self._edited)

    @property
    def customer_id(self) -> int | None:
        return self.choice.id if self.choice is not None else None

    @property
    def busy(self) -> bool:
        return self.timer.isActive() or self.loader.loading

    def popup_visible(self) -> bool:
        popup = self.completer_.popup()
        return popup is not None and popup.isVisible()

    # --- typing and searching -------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        if self.choice is not None:
            self.choice = None
            self.picked.emit(None)
        self.timer.start()

    def search(self) -> None:
        self.timer.stop()
        text = self.text().strip()
        if not text:
            self.loader.cancel()
            self._show([])
            return
        self.status = "searching"
        exclude = self.exclude
        self.loader.load(
            lambda: pickers.find_customers(text, exclude=exclude),
            lambda found: self._found(text, found),
            self._failed,
        )

    def _found(self, text: str, found: list[CustomerChoice]) -> None:
        self.status = "" if found else "none"
        exact = [c for c in found if c.email.lower() == text.lower()]
        if len(exact) == 1 and self.text().strip() == text:
            self._show(found, popup=False)
            self.pick(exact[0])
        else:
            self._show(found, popup=self.hasFocus())
        self.searched.emit(len(found))

    def _failed(self, exc: BaseException) -> None:
        self.status = "failed: " + read_message(exc, self.tr("the matching customers"))
        self._show([])
        self.searched.emit(0)

    def _show(self, found: list[CustomerChoice], *, popup: bool = False) -> None:
        self.results = found
        self.matches.clear()
        for choice in found:
            item = QStandardItem(f"{choice.name} — {choice.email}")
            item.setData(choice.label, Qt.ItemDataRole.EditRole)
            item.setData(choice, ChoiceRole)
            item.setEditable(False)
            self.matches.appendRow(item)
        if popup and found:
            self.completer_.setCompletionPrefix("")
            self.completer_.complete()  # nothing preselected: Down goes to the first match
        elif not found:
            self.completer_.popup().hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Down shows the matches again (after Esc closed them)."""
        if event.key() == Qt.Key.Key_Down and self.results and not self.popup_visible():
            self._show(self.results, popup=True)
            return
        super().keyPressEvent(event)

    # --- picking --------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        choice = index.data(ChoiceRole)
        if isinstance(choice, CustomerChoice):
            self.pick(choice)

    def pick(self, choice: CustomerChoice) -> None:
        self.timer.stop()
        self.loader.cancel()
        self.choice = choice
        self.setText(choice.label)
        self.completer_.popup().hide()
        self.picked.emit(choice)

    def problem(self) -> str | None:
        """Why no customer is picked yet (for the form's message), None when one is. A text
        that matches exactly one customer picks them (typed in full, then Enter)."""
        if self.choice is None and len(self.results) == 1 and not self.busy:
            self.pick(self.results[0])
        if self.choice is not None:
            return None
        if not self.text().strip():
            return self.tr(
                "type a few letters of the customer's name or email, then pick from the list"
            )
        if self.status.startswith("failed: "):
            return self.status.removeprefix("failed: ")
        if self.status == "none":
            return self.tr("no customer matches '{text}'").format(text=self.text().strip())
        if self.busy:
            return self.tr("still searching; pick the customer from the list")
        return self.tr("pick the customer from the list (Down, then Enter)")
