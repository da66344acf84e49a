"""Staff accounts in the window: the first admin of a new database, and the Admin page (admins
only): the users, add one, disable or enable, reset a password, change a role. Every change goes
through the service layer (`Services.add_user` …), which checks the role and audits it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import peewee as pw
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from db.choices import Role
from db.passwords import MIN_LENGTH, password_problems
from db.validation import ValidationError
from desktop.core.services import create_first_admin
from desktop.ui import i18n
from desktop.ui.context import AppContext
from desktop.ui.roles import role_name
from desktop.ui.widgets.dialogs import FormDialog
from desktop.ui.widgets.writes import run_write


class PasswordFields:
    """A password typed twice, with the rules checked as the user types."""

    def __init__(self, dialog: FormDialog, username: QLineEdit | None = None) -> None:
        self.username = username
        self.first = QLineEdit()
        self.first.setObjectName("password")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("password_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        dialog.add_field(
            "password", QCoreApplication.translate("PasswordFields", "Password"), self.first
        )
        dialog.add_field(
            "password_again",
            QCoreApplication.translate("PasswordFields", "Password again"),
            self.again,
        )
        self.feedback = QLabel()
        self.feedback.setObjectName("password_rules")
        self.feedback.setWordWrap(True)
        dialog.form.addRow("", self.feedback)
        for edit in (self.first, self.again, *((username,) if username else ())):
            edit.textChanged.connect(lambda _t: self.check())
        self.check()

    def problems(self) -> list[str]:
        name = self.username.text() if self.username is not None else ""
        out = password_problems(self.first.text(), name)
        if self.again.text() and self.again.text() != self.first.text():
            out.append(QCoreApplication.translate("PasswordFields", "the two passwords differ"))
        return out

    def check(self) -> None:
        problems = self.problems()
        if not self.first.text():
            text = QCoreApplication.translate(
                "PasswordFields", "At least {n} characters, not the username, not common."
            )
            text, role = text.format(n=MIN_LENGTH), ""
        elif problems:
            text, role = "; ".join(problems).capitalize() + ".", "error"
        elif not self.again.text():
            text, role = (
                QCoreApplication.translate("PasswordFields", "Good; type it again."),
                "muted",
            )
        else:
            text, role = QCoreApplication.translate("PasswordFields", "Good."), "muted"
        self.feedback.setText(text)
        self.feedback.setProperty("role", role)
        self.feedback.setStyle(self.feedback.style())

    def value(self) -> str:
        if self.again.text() != self.first.text():
            raise ValidationError(
                {
                    "password_again": QCoreApplication.translate(
                        "PasswordFields", "the two passwords differ"
                    )
                },
                entity="User",
            )
        return self.first.text()


class AccountDialog(FormDialog):
    """A new account: username, display name, role, password twice."""

    def __init__(
        self, title: str, parent: QWidget | None = None, *, role: str | None = None
    ) -> None:
        translate = QCoreApplication.translate
        super().__init__(title, parent, ok_text=translate("AccountDialog", "Create"))
        self.user: m.User | None = None
        self.username = self.add_field("username", self.tr("Username"), QLineEdit())
        self.username.setObjectName("username")
        self.display_name = self.add_field("display_name", self.tr("Display name"), QLineEdit())
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for r in Role:
            self.role.addItem(role_name(r.value).title(), r.value)
        self.role.setCurrentIndex(self.role.findData(role or Role.AGENT.value))
        self.role.setEnabled(role is None)
        self.add_field("role", self.tr("Role"), self.role)
        self.passwords = PasswordFields(self, self.username)

    def saved(self, value: Any) -> None:
        self.user = value


class FirstAdminDialog(AccountDialog):
    """The first start on a database without users: create its first admin."""

    def __init__(self, database: pw.Database, parent: QWidget | None = None) -> None:
        title = QCoreApplication.translate("FirstAdminDialog", "Set up ChurnWatch: the first admin")
        super().__init__(title, parent, role=Role.ADMIN.value)
        self.database = database
        intro = QLabel(
            self.tr(
                "This database has no staff accounts yet. Create the first administrator; "
                "they add everyone else on the Admin page."
            )
        )
        intro.setWordWrap(True)
        self._layout.insertWidget(0, intro)

    def work(self) -> Callable[[], m.User]:
        database, username, password = self.database, self.username.text(), self.passwords.value()
        display_name = self.display_name.text()
        return lambda: create_first_admin(database, username, password, display_name=display_name)


class AddUserDialog(AccountDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("AddUserDialog", "Add a staff member"), parent)
        self.ctx = ctx

    def work(self) -> Callable[[], m.User]:
        services, username, password = (
            self.ctx.services,
            self.username.text(),
            self.passwords.value(),
        )
        role, display_name = str(self.role.currentData()), self.display_name.text()
        return lambda: services.add_user(username, password, role=role, display_name=display_name)


class ResetPasswordDialog(FormDialog):
    def __init__(self, ctx: AppContext, user: m.User, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        title = translate("ResetPasswordDialog", "New password for {name}").format(
            name=user.username
        )
        super().__init__(title, parent, ok_text=translate("ResetPasswordDialog", "Set password"))
        self.ctx, self.target = ctx, user
        name = QLineEdit(user.username)
        name.setReadOnly(True)
        self.add_field("username", self.tr("Username"), name)
        self.passwords = PasswordFields(self, name)

    def work(self) -> Callable[[], Any]:
        services, user_id, password = self.ctx.services, self.target.id, self.passwords.value()
        return lambda: services.reset_password(user_id, password)


COLUMNS = (  # translated where shown
    QT_TRANSLATE_NOOP("AdminPage", "Username"),
    QT_TRANSLATE_NOOP("AdminPage", "Name"),
    QT_TRANSLATE_NOOP("AdminPage", "Role"),
    QT_TRANSLATE_NOOP("AdminPage", "Active"),
    QT_TRANSLATE_NOOP("AdminPage", "Last sign-in"),
)


class AdminPage(QWidget):
    """The staff accounts (a handful of rows: read at once)."""

    title = "Admin"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Staff accounts"))
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("users_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.disable_button = QPushButton(self.tr("Disable"))
        self.enable_button = QPushButton(self.tr("Enable"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("new_role")
        for r in Role:
            self.role_combo.addItem(role_name(r.value).title(), r.value)
        self.role_button = QPushButton(self.tr("Change role"))
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(lambda: self._change(self.ctx.services.disable_user))
        self.enable_button.clicked.connect(lambda: self._change(self.ctx.services.enable_user))
        self.reset_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.change_role)
        for widget in (self.add_button, self.disable_button, self.enable_button,
                       self.reset_button, self.role_combo, self.role_button):  # fmt: skip
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.users: list[m.User] = []
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self.refresh()

    def refresh(self) -> None:
        self.users = list(m.User.select().order_by(m.User.username))
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            seen = i18n.moment(user.last_login_at) if user.last_login_at else self.tr("never")
            values = (
                user.username,
                user.display_name,
                role_name(user.role),
                self.tr("yes") if user.active else self.tr("no"),
                seen,
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                self.table.setItem(row, col, item)

    def selected(self) -> m.User | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.users):
            return self.users[row]
        self.ctx.events.message.emit(self.tr("Select a staff member first"))
        return None

    def select(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)

    def add(self) -> None:
        dialog = AddUserDialog(self.ctx, self)
        if dialog.exec() and dialog.user is not None:
            self.ctx.events.message.emit(
                self.tr("Added {name} ({role})").format(
                    name=dialog.user.username, role=role_name(dialog.user.role)
                )
            )
            self.refresh()

    def _change(self, action: Any) -> None:
        user = self.selected()
        if user is not None and run_write(self, lambda: action(user.id)) is not None:
            self.ctx.events.message.emit(self.tr("Changed {name}").format(name=user.username))
            self.refresh()

    def change_role(self) -> None:
        role = str(self.role_combo.currentData())
        self._change(lambda uid: self.ctx.services.set_role(uid, role))

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        if ResetPasswordDialog(self.ctx, user, self).exec():
            self.ctx.events.message.emit(
                self.tr("Set a new password for {name}").format(name=user.username)
            )
            self.refresh()
