"""Staff accounts in the window: the first admin of a new database, and the Admin page (admins
only): the users, add one, disable or enable, reset a password, change a role. Every change goes
through the service layer (`Services.add_user` …), which checks the role and audits it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import peewee as pw
from PySide6.QtCore import Qt
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
from desktop.ui.context import AppContext
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
        dialog.add_field("password", "Password", self.first)
        dialog.add_field("password_again", "Password again", self.again)
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
            out.append("the two passwords differ")
        return out

    def check(self) -> None:
        problems = self.problems()
        if not self.first.text():
            text, role = f"At least {MIN_LENGTH} characters, not the username, not common.", ""
        elif problems:
            text, role = "; ".join(problems).capitalize() + ".", "error"
        elif not self.again.text():
            text, role = "Good; type it again.", "muted"
        else:
            text, role = "Good.", "muted"
        self.feedback.setText(text)
        self.feedback.setProperty("role", role)
        self.feedback.setStyle(self.feedback.style())

    def value(self) -> str:
        if self.again.text() != self.first.text():
            raise ValidationError({"password_again": "the two passwords differ"}, entity="User")
        return self.first.text()


class AccountDialog(FormDialog):
    """A new account: username, display name, role, password twice."""

    def __init__(
        self, title: str, parent: QWidget | None = None, *, role: str | None = None
    ) -> None:
        super().__init__(title, parent, ok_text="Create")
        self.user: m.User | None = None
        self.username = self.add_field("username", "Username", QLineEdit())
        self.username.setObjectName("username")
        self.display_name = self.add_field("display_name", "Display name", QLineEdit())
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for r in Role:
            self.role.addItem(r.value.title(), r.value)
        self.role.setCurrentIndex(self.role.findData(role or Role.AGENT.value))
        self.role.setEnabled(role is None)
        self.add_field("role", "Role", self.role)
        self.passwords = PasswordFields(self, self.username)

    def saved(self, value: Any) -> None:
        self.user = value


class FirstAdminDialog(AccountDialog):
    """The first start on a database without users: create its first admin."""

    def __init__(self, database: pw.Database, parent: QWidget | None = None) -> None:
        super().__init__("Set up ChurnWatch: the first admin", parent, role=Role.ADMIN.value)
        self.database = database
        intro = QLabel(
            "This database has no staff accounts yet. Create the first administrator; "
            "they add everyone else on the Admin page."
        )
        intro.setWordWrap(True)
        self._layout.insertWidget(0, intro)

    def work(self) -> Callable[[], m.User]:
        database, username, password = self.database, self.username.text(), self.passwords.value()
        display_name = self.display_name.text()
        return lambda: create_first_admin(database, username, password, display_name=display_name)


class AddUserDialog(AccountDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Add a staff member", parent)
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
        super().__init__(f"New password for {user.username}", parent, ok_text="Set password")
        self.ctx, self.target = ctx, user
        name = QLineEdit(user.username)
        name.setReadOnly(True)
        self.add_field("username", "Username", name)
        self.passwords = PasswordFields(self, name)

    def work(self) -> Callable[[], Any]:
        services, user_id, password = self.ctx.services, self.target.id, self.passwords.value()
        return lambda: services.reset_password(user_id, password)


COLUMNS = ("Username", "Name", "Role", "Active", "Last sign-in")


class AdminPage(QWidget):
    """The staff accounts (a handful of rows: read at once)."""

    title = "Admin"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = QLabel("Staff accounts")
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("users_table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.disable_button = QPushButton("Disable")
        self.enable_button = QPushButton("Enable")
        self.reset_button = QPushButton("Reset password…")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("new_role")
        for r in Role:
            self.role_combo.addItem(r.value.title(), r.value)
        self.role_button = QPushButton("Change role")
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
            seen = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
            values = (user.username, user.display_name, user.role,
                      "yes" if user.active else "no", seen)  # fmt: skip
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                self.table.setItem(row, col, item)

    def selected(self) -> m.User | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.users):
            return self.users[row]
        self.ctx.events.message.emit("Select a staff member first")
        return None

    def select(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)

    def add(self) -> None:
        dialog = AddUserDialog(self.ctx, self)
        if dialog.exec() and dialog.user is not None:
            self.ctx.events.message.emit(f"Added {dialog.user.username} ({dialog.user.role})")
            self.refresh()

    def _change(self, action: Any) -> None:
        user = self.selected()
        if user is not None and run_write(self, lambda: action(user.id)) is not None:
            self.ctx.events.message.emit(f"Changed {user.username}")
            self.refresh()

    def change_role(self) -> None:
        role = str(self.role_combo.currentData())
        self._change(lambda uid: self.ctx.services.set_role(uid, role))

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        if ResetPasswordDialog(self.ctx, user, self).exec():
            self.ctx.events.message.emit(f"Set a new password for {user.username}")
            self.refresh()
