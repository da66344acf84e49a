"""Dialogs that write through the service layer and show a validation error next to its field.

A failed save keeps the dialog open with everything the user typed; Esc cancels.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QTextCursor
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
from desktop.core.services import StaleWrite
from desktop.core.services.accounts_self import MIN_PASSWORD_LENGTH
from desktop.ui.messages import user_text
from desktop.ui.widgets.picker import CustomerPicker
from desktop.ui.widgets.writes import WRITE_ERRORS, busy_cursor, sentence, write_message

log = logging.getLogger(__name__)


# The codes of `db.choices` (and the timeline's kinds) as words, listed so lupdate extracts them.
WORDS = (
    QT_TRANSLATE_NOOP("Words", "Abandoned"),
    QT_TRANSLATE_NOOP("Words", "Account"),
    QT_TRANSLATE_NOOP("Words", "Acknowledged"),
    QT_TRANSLATE_NOOP("Words", "Active"),
    QT_TRANSLATE_NOOP("Words", "Admin"),
    QT_TRANSLATE_NOOP("Words", "Agent"),
    QT_TRANSLATE_NOOP("Words", "Alert"),
    QT_TRANSLATE_NOOP("Words", "Amex"),
    QT_TRANSLATE_NOOP("Words", "At risk"),
    QT_TRANSLATE_NOOP("Words", "Billing"),
    QT_TRANSLATE_NOOP("Words", "Cancelled"),
    QT_TRANSLATE_NOOP("Words", "Candidate"),
    QT_TRANSLATE_NOOP("Words", "Card expiring"),
    QT_TRANSLATE_NOOP("Words", "Chat"),
    QT_TRANSLATE_NOOP("Words", "Check in"),
    QT_TRANSLATE_NOOP("Words", "Churn risk"),
    QT_TRANSLATE_NOOP("Words", "Churned"),
    QT_TRANSLATE_NOOP("Words", "Claimed"),
    QT_TRANSLATE_NOOP("Words", "Closed"),
    QT_TRANSLATE_NOOP("Words", "Completed"),
    QT_TRANSLATE_NOOP("Words", "Critical"),
    QT_TRANSLATE_NOOP("Words", "Declined"),
    QT_TRANSLATE_NOOP("Words", "Delivered"),
    QT_TRANSLATE_NOOP("Words", "Discover"),
    QT_TRANSLATE_NOOP("Words", "Dismissed"),
    QT_TRANSLATE_NOOP("Words", "Done"),
    QT_TRANSLATE_NOOP("Words", "Email"),
    QT_TRANSLATE_NOOP("Words", "Engagement"),
    QT_TRANSLATE_NOOP("Words", "Event"),
    QT_TRANSLATE_NOOP("Words", "Everything"),
    QT_TRANSLATE_NOOP("Words", "Expired"),
    QT_TRANSLATE_NOOP("Words", "Failed"),
    QT_TRANSLATE_NOOP("Words", "High"),
    QT_TRANSLATE_NOOP("Words", "In progress"),
    QT_TRANSLATE_NOOP("Words", "Initiated"),
    QT_TRANSLATE_NOOP("Words", "Intervention"),
    QT_TRANSLATE_NOOP("Words", "Invalid"),
    QT_TRANSLATE_NOOP("Words", "Lapsed"),
    QT_TRANSLATE_NOOP("Words", "Low"),
    QT_TRANSLATE_NOOP("Words", "Mastercard"),
    QT_TRANSLATE_NOOP("Words", "Medium"),
    QT_TRANSLATE_NOOP("Words", "No response"),
    QT_TRANSLATE_NOOP("Words", "Note"),
    QT_TRANSLATE_NOOP("Words", "Open"),
    QT_TRANSLATE_NOOP("Words", "Order"),
    QT_TRANSLATE_NOOP("Words", "Other"),
    QT_TRANSLATE_NOOP("Words", "Paid"),
    QT_TRANSLATE_NOOP("Words", "Past due"),
    QT_TRANSLATE_NOOP("Words", "Payment"),
    QT_TRANSLATE_NOOP("Words", "Payment failed"),
    QT_TRANSLATE_NOOP("Words", "Payment update"),
    QT_TRANSLATE_NOOP("Words", "Payment updated"),
    QT_TRANSLATE_NOOP("Words", "Pending"),
    QT_TRANSLATE_NOOP("Words", "Phone"),
    QT_TRANSLATE_NOOP("Words", "Product"),
    QT_TRANSLATE_NOOP("Words", "Refunded"),
    QT_TRANSLATE_NOOP("Words", "Resolved"),
    QT_TRANSLATE_NOOP("Words", "Retained"),
    QT_TRANSLATE_NOOP("Words", "Retention offer"),
    QT_TRANSLATE_NOOP("Words", "Retired"),
    QT_TRANSLATE_NOOP("Words", "Returned"),
    QT_TRANSLATE_NOOP("Words", "Risk increase"),
    QT_TRANSLATE_NOOP("Words", "Running"),
    QT_TRANSLATE_NOOP("Words", "Shipped"),
    QT_TRANSLATE_NOOP("Words", "Shipping"),
    QT_TRANSLATE_NOOP("Words", "Sms"),
    QT_TRANSLATE_NOOP("Words", "Succeeded"),
    QT_TRANSLATE_NOOP("Words", "Supervisor"),
    QT_TRANSLATE_NOOP("Words", "Support"),
    QT_TRANSLATE_NOOP("Words", "System"),
    QT_TRANSLATE_NOOP("Words", "Technical"),
    QT_TRANSLATE_NOOP("Words", "Ticket"),
    QT_TRANSLATE_NOOP("Words", "Ticket escalation"),
    QT_TRANSLATE_NOOP("Words", "Trialing"),
    QT_TRANSLATE_NOOP("Words", "Visa"),
    QT_TRANSLATE_NOOP("Words", "Web"),
    QT_TRANSLATE_NOOP("Words", "Win back"),
)


def words(value: str) -> str:
    """A stored code (`past_due`) as the user reads it, in their language (\"Past due\")."""
    return QCoreApplication.translate("Words", value.replace("_", " ").capitalize())


def money(value: Any) -> str:
    """An amount in the locale's digits and separators (the currency is the shop's, unnamed)."""
    return "—" if value is None else QLocale().toString(float(value), "f", 2)


def percent(fraction: float, decimals: int = 0) -> str:
    """0.42 as "42%" (or "42 %" in French), with the locale's decimal mark."""
    number = QLocale().toString(float(fraction) * 100, "f", decimals)
    return QCoreApplication.translate("Words", "{n}%").format(n=number)


def number(value: int | float, decimals: int | None = None) -> str:
    """A count or figure with the locale's grouping (1,234 / 1 234)."""
    if decimals is None:
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "f", decimals)


def date_text(value: Any, with_time: bool = False) -> str:
    """A date (or date and time) in the locale's short form."""
    if value is None:
        return "—"
    locale = QLocale()
    if with_time:
        return locale.toString(value, QLocale.FormatType.ShortFormat)
    if hasattr(value, "date"):
        value = value.date()
    return locale.toString(value, QLocale.FormatType.ShortFormat)


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
        combo.addItem(QCoreApplication.translate("Dialogs", "Nobody"), None)
    for user in customer360.staff():
        combo.addItem(f"{user.display_name} ({words(user.role)})", user.id)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


OK_TEXTS = (QT_TRANSLATE_NOOP("Dialogs", "Save"), QT_TRANSLATE_NOOP("Dialogs", "OK"))


class FormDialog(QDialog):
    """A form whose `save()` may raise ValidationError (shown per field) or ServiceError.

    Keyboard first: it opens with the focus in its first field and Tab follows the fields in
    the order they are shown, then Save, then Cancel. Enter (Ctrl+Enter in a multi-line text)
    submits, but only a form whose required fields are filled: otherwise the first missing one
    says so and takes the focus. Esc cancels. A refused save keeps the dialog open with
    everything the user typed.
    """

    def __init__(self, title: str, parent: QWidget | None = None, ok_text: str = "Save") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(FORM_MIN_WIDTH)
        self.result_value: Any = None
        self.conflict = False  # a save was refused because someone else changed the row
        self._saving = False  # a background save (`work`) is under way
        self._layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        self._layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.addLayout(self.form)
        self.general_error = QLabel()
        self.general_error.setObjectName("general_error")
        self.general_error.setProperty("role", "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self._layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # The default texts ("Save", "OK") are marked in OK_TEXTS; a caller's own is translated.
        self.ok_button.setText(QCoreApplication.translate("Dialogs", ok_text))
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._layout.addWidget(self.buttons)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self._required: dict[str, str] = {}
        self._focused_once = False
        submit = QShortcut(QKeySequence("Ctrl+Return"), self)
        submit.activated.connect(self.submit)
        submit_enter = QShortcut(QKeySequence("Ctrl+Enter"), self)
        submit_enter.activated.connect(self.submit)

    def set_intro(self, text: str) -> None:
        """A line above the fields saying what the dialog is for."""
        self.intro.setText(text)
        self.intro.show()

    def add_field(
        self, name: str, label: str, widget: QWidget, *, required: str | None = None
    ) -> QWidget:
        """Add a field under `label`; `required` is the message shown when it is left empty
        ("enter your username"), checked before `save` is tried."""
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
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        self.errors[name] = error
        self.fields[name] = widget
        if required:
            self._required[name] = required
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)  # Tab moves on; Ctrl+Enter submits
            self.ok_button.setToolTip(QCoreApplication.translate("FormDialog", "Ctrl+Enter"))
        return widget

    # --- focus ----------------------------------------------------------------------------

    def focus_chain(self) -> list[QWidget]:
        """The fields in the order they are shown, then Save and Cancel."""
        return [*self.fields.values(), self.ok_button, self.cancel_button]

    def first_field(self) -> QWidget | None:
        return next(
            (w for w in self.fields.values() if w.isEnabled() and w.focusPolicy() != _NO_FOCUS),
            None,
        )

    def showEvent(self, event: QShowEvent) -> None:
        if not self._focused_once:
            self._focused_once = True
            chain = self.focus_chain()
            for before, after in itertools.pairwise(chain):
                QWidget.setTabOrder(before, after)
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
        super().showEvent(event)

    # --- errors ---------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.general_error.clear()
        self.general_error.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        rest = []
        first: QWidget | None = None
        for name, message in errors.items():
            label = self.errors.get(name)
            if label is None:
                rest.append(message)
                continue
            label.setText(sentence(message))
            label.show()
            field = self.fields.get(name)
            if first is None and field is not None and field.isEnabled():
                first = field
        if rest:
            self.show_general("; ".join(rest))
        if first is not None and not first.hasFocus():
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit()

    def show_general(self, message: str) -> None:
        self.general_error.setText(sentence(message))
        self.general_error.show()
        self._fit()

    def _fit(self) -> None:
        """Grow to show a message in full (a wrapped label is otherwise cut off)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))

    # --- submit ---------------------------------------------------------------------------

    def missing(self) -> dict[str, str]:
        """The required fields left empty, with their messages."""
        return {
            name: message
            for name, message in self._required.items()
            if self.fields[name].isEnabled() and not field_text(self.fields[name]).strip()
        }

    def save(self) -> Any:
        raise NotImplementedError

    def work(self) -> Callable[[], Any] | None:
        """Save as a function for the database pool, with the form's values read now; None
        (the default) saves on the UI thread with `save()`. A dialog whose save hashes a
        password (about 0.4 s) returns one, so the window keeps painting meanwhile. A check
        of the form itself may raise ValidationError here, at once."""
        return None

    @property
    def saving(self) -> bool:
        """A background save is under way (Save is off until it answers)."""
        return self._saving

    def saved(self, value: Any) -> None:
        """A background save went through (on the UI thread, before the dialog closes)."""

    def refused(self, exc: BaseException) -> None:
        """A background save was refused (on the UI thread, before the message shows)."""

    def submit(self) -> None:
        if self._saving:
            return  # Enter again while the first press is still being saved
        self.clear_errors()
        missing = self.missing()
        if missing:
            self.show_errors(missing)
            return
        try:
            job = self.work()
            if job is None:
                with busy_cursor():
                    value = self.save()
        except (ValidationError, *WRITE_ERRORS) as exc:
            self._show_refusal(exc)
            return
        if job is not None:
            self._start(job)
            return
        self.result_value = value
        self.accept()

    def _start(self, job: Callable[[], Any]) -> None:
        from desktop.ui import workers

        self._saving = True
        self.ok_button.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        workers.submit(job, self._done_saving, self._failed_saving, owner=self)

    def _stop(self) -> None:
        self._saving = False
        self.ok_button.setEnabled(True)
        self.unsetCursor()

    def _done_saving(self, value: Any) -> None:
        self._stop()
        self.result_value = value
        self.saved(value)
        self.accept()

    def _failed_saving(self, exc: BaseException) -> None:
        self._stop()
        self.refused(exc)
        if not isinstance(exc, (ValidationError, *WRITE_ERRORS)):
            log.error("a background save failed (%s)", type(exc).__name__)
        self._show_refusal(exc)

    def _show_refusal(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
            return
        # A conflict keeps the dialog and the user's input; the caller re-reads the row when
        # the dialog closes, so the next attempt starts from the current version.
        self.conflict = self.conflict or isinstance(exc, StaleWrite)
        self.show_general(write_message(exc, kept=True))


_NO_FOCUS = Qt.FocusPolicy.NoFocus
FORM_MIN_WIDTH = 440


def field_text(widget: QWidget) -> str:
    """The text a field holds (for the required check)."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return "" if widget.currentData() is None and not widget.currentText() else "x"
    return "x"


def run_dialog(dialog: QDialog) -> bool:
    """Run a modal dialog; True when accepted. It is deleted afterwards (Python keeps no
    reference to a closed dialog; its parent would otherwise keep it until the window closes)."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


class SignInDialog(FormDialog):
    """Username and password. A refused sign-in says so under the password, keeps the
    username, and puts the focus back in the emptied password field."""

    def __init__(
        self, database: pw.Database, parent: QWidget | None = None, where: str = ""
    ) -> None:
        super().__init__(
            QCoreApplication.translate("Dialogs", "Sign in to ChurnWatch"),
            parent,
            ok_text=QCoreApplication.translate("Dialogs", "Sign in"),
        )
        self.setObjectName("sign_in")
        self.database = database
        self.user: m.User | None = None
        self.set_intro(
            (
                QCoreApplication.translate(
                    "Dialogs", "Sign in with your ChurnWatch account on {where}."
                )
                if where
                else QCoreApplication.translate("Dialogs", "Sign in with your ChurnWatch account.")
            ).format(where=where)
        )
        self.username = self.add_field(
            "username",
            QCoreApplication.translate("Dialogs", "Username"),
            QLineEdit(),
            required=QCoreApplication.translate("Dialogs", "enter your username"),
        )
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field(
            "password",
            QCoreApplication.translate("Dialogs", "Password"),
            self.password,
            required=QCoreApplication.translate("Dialogs", "enter your password"),
        )

    def work(self) -> Callable[[], m.User]:
        database, username, password = self.database, self.username.text(), self.password.text()

        def check() -> m.User:
            try:
                return sign_in(database, username, password)
            except SignInError as exc:
                raise ValidationError({"password": user_text(exc)}) from None

        return check

    def saved(self, value: Any) -> None:
        self.user = value

    def refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and "password" in exc.errors:
            self.password.clear()


class PasswordDialog(FormDialog):
    """Change my own password: the current one, then the new one twice."""

    def __init__(self, save: Callable[[str, str], Any], parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("Dialogs", "Change my password"),
            parent,
            ok_text=QCoreApplication.translate("Dialogs", "Change password"),
        )
        self.setObjectName("change_password")
        self._save = save
        self.set_intro(
            QCoreApplication.translate(
                "Dialogs",
                "The new password needs at least {n} characters; a few words "
                "you will remember make a good one.",
            ).format(n=MIN_PASSWORD_LENGTH)
        )
        self.current = self._secret(
            "current_password",
            QCoreApplication.translate("Dialogs", "Current password"),
            QCoreApplication.translate("Dialogs", "enter your current password"),
        )
        self.new = self._secret(
            "new_password",
            QCoreApplication.translate("Dialogs", "New password"),
            QCoreApplication.translate("Dialogs", "enter a new password"),
        )
        self.repeat = self._secret(
            "repeat",
            QCoreApplication.translate("Dialogs", "New password again"),
            QCoreApplication.translate("Dialogs", "type the new password again"),
        )

    def _secret(self, name: str, label: str, required: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field(name, label, edit, required=required)
        return edit

    def work(self) -> Callable[[], Any]:
        if self.new.text() != self.repeat.text():
            self.repeat.clear()
            raise ValidationError(
                {
                    "repeat": QCoreApplication.translate(
                        "Dialogs", "the two new passwords differ; type it again"
                    )
                }
            )
        save, current, new = self._save, self.current.text(), self.new.text()
        return lambda: save(current, new)

    def refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and "current_password" in exc.errors:
            self.current.clear()


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
        self.text.setObjectName("text")
        self.add_field(field, label, self.text)
        self.text.moveCursor(QTextCursor.MoveOperation.End)

    def save(self) -> Any:
        return self.action(self.text.toPlainText())


class TicketDialog(FormDialog):
    """New ticket (customer given, or picked in the dialog) or edit of an existing one."""

    def __init__(
        self,
        save: Callable[[dict[str, Any]], Any],
        ticket: m.SupportTicket | None = None,
        parent: QWidget | None = None,
        ask_customer: bool = False,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("Dialogs", "Edit ticket")
            if ticket
            else QCoreApplication.translate("Dialogs", "New ticket"),
            parent,
        )
        self._save = save
        self.customer: CustomerPicker | None = None
        if ask_customer:
            self.customer = CustomerPicker()
            self.add_field(
                "customer", QCoreApplication.translate("Dialogs", "Customer"), self.customer
            )
        self.subject = QLineEdit(ticket.subject if ticket else "")
        self.subject.setObjectName("subject")
        self.add_field(
            "subject",
            QCoreApplication.translate("Dialogs", "Subject"),
            self.subject,
            required=QCoreApplication.translate("Dialogs", "a subject is required"),
        )
        self.category = choice_combo(list(TicketCategory), ticket.category if ticket else None)
        self.add_field("category", QCoreApplication.translate("Dialogs", "Category"), self.category)
        self.priority = choice_combo(
            list(Priority), ticket.priority if ticket else Priority.MEDIUM.value
        )
        self.add_field("priority", QCoreApplication.translate("Dialogs", "Priority"), self.priority)
        self.body: QPlainTextEdit | None = None
        self.assignee: QComboBox | None = None
        if ticket is None:
            self.assignee = staff_combo()
            self.add_field(
                "assignee", QCoreApplication.translate("Dialogs", "Assign to"), self.assignee
            )
            self.body = QPlainTextEdit()
            self.body.setPlaceholderText(self.tr("What the customer wrote (optional)"))
            self.add_field("body", QCoreApplication.translate("Dialogs", "Message"), self.body)

    def missing(self) -> dict[str, str]:
        out = {}
        if self.customer is not None and (problem := self.customer.problem()):
            out["customer"] = problem
        return {**out, **super().missing()}

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject.text(),
            "category": self.category.currentData(),
            "priority": self.priority.currentData(),
        }
        if self.customer is not None:
            out["customer_id"] = self.customer.customer_id
        if self.assignee is not None:
            out["assignee_id"] = self.assignee.currentData()
        if self.body is not None:
            out["body"] = self.body.toPlainText()
        return out

    def save(self) -> Any:
        return self._save(self.values())


class PickCustomerDialog(FormDialog):
    """Pick one customer with the search-as-you-type picker (compare with…)."""

    def __init__(
        self,
        title: str,
        label: str,
        exclude: int | None = None,
        parent: QWidget | None = None,
        ok_text: str = "OK",
    ) -> None:
        super().__init__(title, parent, ok_text)
        self.picker = CustomerPicker(exclude=exclude)
        self.add_field("customer", label, self.picker)

    def missing(self) -> dict[str, str]:
        problem = self.picker.problem()
        return {"customer": problem} if problem else {}

    def save(self) -> int | None:
        return self.picker.customer_id


class InterventionDialog(FormDialog):
    def __init__(self, save: Callable[[str, str, str], Any], parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("Dialogs", "Log an outreach"),
            parent,
            ok_text=QCoreApplication.translate("Dialogs", "Log"),
        )
        self._save = save
        self.channel = choice_combo(list(Channel), Channel.PHONE.value)
        self.add_field("channel", QCoreApplication.translate("Dialogs", "Channel"), self.channel)
        self.kind = choice_combo(list(InterventionKind))
        self.add_field("kind", QCoreApplication.translate("Dialogs", "Kind"), self.kind)
        self.notes = QPlainTextEdit()
        self.add_field("notes", QCoreApplication.translate("Dialogs", "Notes"), self.notes)

    def save(self) -> Any:
        return self._save(
            self.channel.currentData(), self.kind.currentData(), self.notes.toPlainText()
        )


class OutcomeDialog(FormDialog):
    def __init__(
        self, save: Callable[[str, float, str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(QCoreApplication.translate("Dialogs", "Record the outcome"), parent)
        self._save = save
        self.outcome = choice_combo(list(InterventionOutcome))
        self.add_field("outcome", QCoreApplication.translate("Dialogs", "Outcome"), self.outcome)
        self.revenue = QDoubleSpinBox()
        self.revenue.setRange(0, 10_000_000)
        self.revenue.setDecimals(2)
        self.add_field(
            "revenue_retained",
            QCoreApplication.translate("Dialogs", "Revenue retained"),
            self.revenue,
        )
        self.notes = QPlainTextEdit()
        self.add_field("notes", QCoreApplication.translate("Dialogs", "Notes"), self.notes)

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
        ok_text: str = "Save",
    ) -> None:
        super().__init__(title, parent, ok_text)
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
        QCoreApplication.translate("Dialogs", "Change account status"),
        QCoreApplication.translate("Dialogs", "New status"),
        "account_status",
        combo,
        save,
        parent,
        ok_text=QCoreApplication.translate("Dialogs", "Change status"),
    )


class TagDialog(FormDialog):
    """Add a tag: pick an existing one or create a new one with a colour."""

    def __init__(
        self,
        save: Callable[[int | None, str, str], Any],
        exclude: set[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("Dialogs", "Add a tag"),
            parent,
            ok_text=QCoreApplication.translate("Dialogs", "Add"),
        )
        self._save = save
        self.existing = QComboBox()
        self.existing.addItem(self.tr("New tag…"), None)
        for tag in customer360.all_tags():
            if tag.id not in exclude:
                self.existing.addItem(tag.name, tag.id)
        if self.existing.count() > 1:
            self.existing.setCurrentIndex(1)
        self.add_field("tag", QCoreApplication.translate("Dialogs", "Tag"), self.existing)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("name of the new tag"))
        self.add_field("name", QCoreApplication.translate("Dialogs", "New tag name"), self.name)
        self.color = QLineEdit("#607D8B")
        self.add_field("color", QCoreApplication.translate("Dialogs", "Colour"), self.color)
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
        self.text.setPlaceholderText(self.tr("Write a reply…"))
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.internal = QCheckBox(self.tr("Internal note (not sent to the customer)"))
        self.from_customer = QCheckBox(self.tr("Record a message from the customer"))
        layout.addWidget(self.text)
        layout.addWidget(self.internal)
        layout.addWidget(self.from_customer)
