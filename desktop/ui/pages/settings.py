"""The Settings page: the database URL with a background connection test, the theme, and the
data retention policy (admins; `churnwatch retention` removes what it names)."""

from __future__ import annotations

import logging
import time

import peewee as pw
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.connection import (
    DatabaseError,
    build_database,
    parse_url,
    ping,
    resolve_password,
    server_version,
)
from db.models import RETENTION_DAYS_MAX, RETENTION_DAYS_MIN
from desktop.core.retention import RULES
from desktop.ui import style, workers
from desktop.ui.context import AppContext
from desktop.ui.widgets.writes import write_message

log = logging.getLogger(__name__)

SETTINGS_URL_KEY = "database/url"  # the database this workstation opens next start


class SettingsPage(QWidget):
    """The database URL, with a background "test connection" that never touches the open one;
    the theme, applied at once and remembered (`themeChosen`: the window applies it)."""

    themeChosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = QLabel("Settings")
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        form = QFormLayout()
        self.url = QLineEdit(ctx.settings.value(SETTINGS_URL_KEY) or str(ctx.url))
        self.url.setObjectName("db_url")
        self.url.setPlaceholderText("sqlite:///path/to/file.db or mysql://user@host:3306/name")
        form.addRow("Database URL", self.url)
        row = QHBoxLayout()
        self.test_button = QPushButton("Test connection")
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        save = QPushButton("Use at next start")
        save.clicked.connect(self.save)
        row.addWidget(self.test_button)
        row.addWidget(save)
        row.addStretch(1)
        form.addRow("", row)
        self.result = QLabel()
        self.result.setObjectName("test_result")
        self.result.setWordWrap(True)
        form.addRow("", self.result)
        current = QLabel(f"Now connected to {ctx.url}; signed in as {ctx.user.display_name} "
                         f"({ctx.user.role}).")  # fmt: skip
        current.setProperty("role", "muted")
        current.setWordWrap(True)
        form.addRow("", current)
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for key, label in style.THEME_LABELS.items():
            self.theme.addItem(label, key)
        self.show_theme(style.current_theme())
        self.theme.currentIndexChanged.connect(
            lambda _i: self.themeChosen.emit(self.theme.currentData())
        )
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme)
        hint = QLabel("Used at once, and at every start (--theme overrides it for one start).")
        hint.setProperty("role", "muted")
        theme_row.addWidget(hint, 1)
        form.addRow("Theme", theme_row)
        layout.addLayout(form)
        layout.addWidget(self._retention_box())
        layout.addStretch(1)
        self._policy_version: int | None = None
        self.load_policy()

    def _retention_box(self) -> QGroupBox:
        """Days each kind of old row is kept; saved for everyone (the database's policy)."""
        self.retention = QGroupBox("Data retention")
        self.retention.setObjectName("retention")
        form = QFormLayout(self.retention)
        self.days: dict[str, QSpinBox] = {}
        for rule, (_table, what) in RULES.items():
            box = QSpinBox()
            box.setObjectName(rule)
            box.setRange(RETENTION_DAYS_MIN, RETENTION_DAYS_MAX)
            box.setSuffix(" days")
            box.setAccessibleName(f"Keep {what} for")
            self.days[rule] = box
            form.addRow(f"Keep {what}", box)
        row = QHBoxLayout()
        self.retention_save = QPushButton("Save policy")
        self.retention_save.setObjectName("retention_save")
        self.retention_save.clicked.connect(self.save_policy)
        self.retention_preview = QPushButton("What would go now?")
        self.retention_preview.setObjectName("retention_preview")
        self.retention_preview.clicked.connect(self.preview_policy)
        row.addWidget(self.retention_save)
        row.addWidget(self.retention_preview)
        row.addStretch(1)
        form.addRow("", row)
        self.retention_result = QLabel(
            "Old rows are removed by `churnwatch retention` (schedule it daily); events the "
            "active model reads are always kept."
        )
        self.retention_result.setObjectName("retention_result")
        self.retention_result.setWordWrap(True)
        self.retention_result.setProperty("role", "muted")
        form.addRow("", self.retention_result)
        return self.retention

    def load_policy(self) -> None:
        workers.submit(self.ctx.services.retention_policy, self._show_policy,
                       self._policy_failed, owner=self)  # fmt: skip

    def _show_policy(self, result: tuple) -> None:
        policy, self._policy_version = result
        for rule, box in self.days.items():
            box.setValue(getattr(policy, rule))

    def save_policy(self) -> None:
        values = {rule: box.value() for rule, box in self.days.items()}
        version = self._policy_version
        self.retention_save.setEnabled(False)

        def run() -> tuple:
            self.ctx.services.set_retention_policy(values, version)
            return self.ctx.services.retention_policy()

        def done(result: tuple) -> None:
            self.retention_save.setEnabled(True)
            self._show_policy(result)
            self.retention_result.setText("Saved: the policy applies at the next retention run.")

        workers.submit(run, done, self._policy_failed, owner=self)

    def preview_policy(self) -> None:
        self.retention_result.setText("Counting…")

        def done(plan) -> None:
            self.retention_result.setText("\n".join([*plan.lines(), *plan.warnings]))

        workers.submit(self.ctx.services.retention_plan, done, self._policy_failed, owner=self)

    def _policy_failed(self, exc: BaseException) -> None:
        self.retention_save.setEnabled(True)
        self.retention_result.setText(write_message(exc))

    def show_theme(self, theme: str) -> None:
        """Show the theme in use (chosen here or in View → Theme) without choosing it again."""
        self.theme.blockSignals(True)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.theme.blockSignals(False)

    def test_connection(self) -> None:
        text = self.url.text().strip()
        self.result.setText("Testing…")
        self.test_button.setEnabled(False)

        def run() -> str:
            url = parse_url(text)
            database = build_database(
                url, resolve_password(url) if url.backend == "mysql" else None
            )
            started = time.perf_counter()
            try:
                database.connect()
            except pw.OperationalError as exc:
                from db.connection import explain_mysql_error

                cause = exc.__cause__ or exc
                explained = explain_mysql_error(url, cause) if url.backend == "mysql" else None
                raise (explained or exc) from None
            try:
                connect_ms = (time.perf_counter() - started) * 1000
                latency = min(ping(database) for _ in range(3))
                version = server_version(database)
                schema = "no ChurnWatch tables yet"
                if database.table_exists("schema_version"):
                    row = database.execute_sql("SELECT version FROM schema_version").fetchone()
                    schema = f"schema version {row[0]}" if row else schema
            finally:
                database.close()
            return (
                f"OK: {version}, {schema}; connected in {connect_ms:.0f} ms, "
                f"round trip {latency:.1f} ms"
            )

        workers.submit(run, self._tested, self._test_failed, owner=self)

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.result.setProperty("role", "")
        self.result.setText(message)

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.result.setProperty("role", "error")
        self.result.setStyle(self.result.style())
        if isinstance(exc, DatabaseError):
            reason = str(exc)
        else:
            log.info("connection test failed: %s", type(exc).__name__)
            reason = f"could not connect ({type(exc).__name__})"
        self.result.setText(f"Failed: {reason}")

    def save(self) -> None:
        self.ctx.settings.setValue(SETTINGS_URL_KEY, self.url.text().strip())
        self.ctx.events.message.emit("Saved; ChurnWatch uses this database from its next start")

    def refresh(self) -> None:
        """Nothing to reload."""
