"""Dialogs that write through the service layer and show a validation error next to its field.

A failed save keeps the dialog open with everything the user typed; Esc cancels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from db.choices import (
    AccountStatus,
    Channel,
    InterventionKind,
    InterventionOutcome,
    Priority,
    TicketCategory,
)
from db.validation import ValidationError
from desktop.core.auth import SignInError, sign_in
from desktop.core.read import customer360
from desktop.core.services import ServiceError, StaleWrite

log = logging.getLogger(__name__)


def words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def choice_combo(values: Sequence[str], current: str | None = None) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(words(value), value)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def staff_combo(current: int | None = None, *, allow_none: bool = True) -> QComboBox:
    combo = QComboBox()
    if allow_none:
        combo.addItem("Nobody", None)
    for user in customer360.staff():
        combo.addItem(f"{user.display_name} ({user.role})", user.id)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class FormDialog(QDialog):
    """A form whose `save()` may raise ValidationError (shown per field) or ServiceError."""

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str = "Save") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.result_value: Any = None
        self.conflict = False  # a save was refused because someone else changed the row
        self._layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self._layout.addLayout(self.form)
        self.general_error = QLabel()
        self.general_error.setProperty("role", "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self._layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._layout.addWidget(self.buttons)
        self.errors: dict[str, QLabel] = {}

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        error = QLabel()
        error.setProperty("role", "error")
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        error.hide()
        col.addWidget(error)
        self.form.addRow(label, box)
        self.errors[name] = error
        return widget

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.general_error.clear()
        self.general_error.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        rest = []
        for name, message in errors.items():
            label = self.errors.get(name)
            if label is None:
                rest.append(message)
                continue
            label.setText(message[:1].upper() + message[1:])
            label.show()
        if rest:
            self.show_general("; ".join(rest))

    def show_general(self, message: str) -> None:
        self.general_error.setText(message[:1].upper() + message[1:])
        self.general_error.show()

    def save(self) -> Any:
        raise NotImplementedError

    def submit(self) -> None:
        self.clear_errors()
        try:
            self.result_value = self.save()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except (ServiceError, pw.DatabaseError) as exc:
            # A conflict keeps the dialog and the user's input; the caller re-reads the row
            # when the dialog closes, so the next attempt starts from the current version.
            self.conflict = self.conflict or isinstance(exc, StaleWrite)
            self.show_general(str(exc))
            return
        self.accept()


class SignInDialog(FormDialog):
    def __init__(self, database: pw.Database, parent: QWidget | None = None) -> None:
        super().__init__("Sign in to ChurnWatch", parent, ok_text="Sign in")
        self.database = database
        self.user: m.User | None = None
        self.username = self.add_field("username", "Username", QLineEdit())
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("password", "Password", self.password)

    def save(self) -> m.User:
        try:
            self.user = sign_in(self.database, self.username.text(), self.password.text())
        except SignInError as exc:
            self.password.clear()
            self.password.setFocus()
            raise ValidationError({"password": str(exc)}) from None
        return self.user


class TextDialog(FormDialog):
    """One multi-line text (a note, a resolution note) saved by `action(text)`."""

    def __init__(  # noqa: PLR0917
        self,
        title: str,
        label: str,
        action: Callable[[str], Any],
        field: str = "body",
        text: str = "",
        parent: QWidget | None = None,
        ok_text: str = "Save",
    ) -> None:
        super().__init__(title, parent, ok_text)
        self.action = action
        self.text = QPlainTextEdit(text)
        self.text.setTabChangesFocus(True)
        self.add_field(field, label, self.text)

    def save(self) -> Any:
        return self.action(self.text.toPlainText())


class TicketDialog(FormDialog):
    """New ticket (customer given) or edit of an existing one."""

    def __init__(
        self,
        save: Callable[[dict[str, Any]], Any],
        ticket: m.SupportTicket | None = None,
        parent: QWidget | None = None,
        ask_customer: bool = False,
    ) -> None:
        super().__init__("Edit ticket" if ticket else "New ticket", parent)
        self._save = save
        self.customer_email: QLineEdit | None = None
        if ask_customer:
            self.customer_email = QLineEdit()
            self.customer_email.setPlaceholderText("the customer's email address")
            self.add_field("customer", "Customer", self.customer_email)
        self.subject = QLineEdit(ticket.subject if ticket else "")
        self.add_field("subject", "Subject", self.subject)
        self.category = choice_combo(list(TicketCategory), ticket.category if ticket else None)
        self.add_field("category", "Category", self.category)
        self.priority = choice_combo(
            list(Priority), ticket.priority if ticket else Priority.MEDIUM.value
        )
        self.add_field("priority", "Priority", self.priority)
        self.body: QPlainTextEdit | None = None
        self.assignee: QComboBox | None = None
        if ticket is None:
            self.assignee = staff_combo()
            self.add_field("assignee", "Assign to", self.assignee)
            self.body = QPlainTextEdit()
            self.body.setTabChangesFocus(True)
            self.body.setPlaceholderText("What the customer wrote (optional)")
            self.add_field("body", "Message", self.body)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject.text(),
            "category": self.category.currentData(),
            "priority": self.priority.currentData(),
        }
        if self.customer_email is not None:
            out["customer_email"] = self.customer_email.text().strip()
        if self.assignee is not None:
            out["assignee_id"] = self.assignee.currentData()
        if self.body is not None:
            out["body"] = self.body.toPlainText()
        return out

    def save(self) -> Any:
        return self._save(self.values())


class InterventionDialog(FormDialog):
    def __init__(self, save: Callable[[str, str, str], Any], parent: QWidget | None = None) -> None:
        super().__init__("Log an outreach", parent, ok_text="Log")
        self._save = save
        self.channel = choice_combo(list(Channel), Channel.PHONE.value)
        self.add_field("channel", "Channel", self.channel)
        self.kind = choice_combo(list(InterventionKind))
        self.add_field("kind", "Kind", self.kind)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.add_field("notes", "Notes", self.notes)

    def save(self) -> Any:
        return self._save(
            self.channel.currentData(), self.kind.currentData(), self.notes.toPlainText()
        )


class OutcomeDialog(FormDialog):
    def __init__(
        self, save: Callable[[str, float, str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__("Record the outcome", parent)
        self._save = save
        self.outcome = choice_combo(list(InterventionOutcome))
        self.add_field("outcome", "Outcome", self.outcome)
        self.revenue = QDoubleSpinBox()
        self.revenue.setRange(0, 10_000_000)
        self.revenue.setDecimals(2)
        self.add_field("revenue_retained", "Revenue retained", self.revenue)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.add_field("notes", "Notes", self.notes)

    def save(self) -> Any:
        return self._save(
            self.outcome.currentData(), self.revenue.value(), self.notes.toPlainText()
        )


class ChoiceDialog(FormDialog):
    """Pick one value from a combo (account status, assignee) and save it."""

    def __init__(  # noqa: PLR0917
        self,
        title: str,
        label: str,
        field: str,
        combo: QComboBox,
        save: Callable[[Any], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._save = save
        self.combo = combo
        self.add_field(field, label, combo)

    def save(self) -> Any:
        return self._save(self.combo.currentData())


def account_status_dialog(
    current: str, save: Callable[[Any], Any], parent: QWidget | None = None
) -> ChoiceDialog:
    combo = choice_combo([s for s in AccountStatus if s != current])
    return ChoiceDialog(
        "Change account status", "New status", "account_status", combo, save, parent
    )


class TagDialog(FormDialog):
    """Add a tag: pick an existing one or create a new one with a colour."""

    def __init__(
        self,
        save: Callable[[int | None, str, str], Any],
        exclude: set[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Add a tag", parent, ok_text="Add")
        self._save = save
        self.existing = QComboBox()
        self.existing.addItem("New tag…", None)
        for tag in customer360.all_tags():
            if tag.id not in exclude:
                self.existing.addItem(tag.name, tag.id)
        if self.existing.count() > 1:
            self.existing.setCurrentIndex(1)
        self.add_field("tag", "Tag", self.existing)
        self.name = QLineEdit()
        self.name.setPlaceholderText("name of the new tag")
        self.add_field("name", "New tag name", self.name)
        self.color = QLineEdit("#607D8B")
        self.add_field("color", "Colour", self.color)
        self.existing.currentIndexChanged.connect(self._toggle)
        self._toggle()

    def _toggle(self) -> None:
        new = self.existing.currentData() is None
        self.name.setEnabled(new)
        self.color.setEnabled(new)

    def save(self) -> Any:
        return self._save(self.existing.currentData(), self.name.text(), self.color.text())


class ReplyBox(QWidget):
    """A ticket reply: text plus "internal note" and "from the customer" switches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Write a reply…")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.internal = QCheckBox("Internal note (not sent to the customer)")
        self.from_customer = QCheckBox("Record a message from the customer")
        layout.addWidget(self.text)
        layout.addWidget(self.internal)
        layout.addWidget(self.from_customer)
