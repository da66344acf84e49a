"""The Settings page: the database URL with a background connection test, the theme, and the
data retention policy (admins; `churnwatch retention` removes what it names)."""

from __future__ import annotations

import logging
import time

import peewee as pw
from PySide6.QtCore import QCoreApplication, Signal
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
from desktop.ui import i18n, style, workers
from desktop.ui.context import AppContext
from desktop.ui.messages import user_text
from desktop.ui.roles import role_name
from desktop.ui.widgets.writes import write_message

log = logging.getLogger(__name__)

SETTINGS_URL_KEY = "database/url"  # the database this workstation opens next start


def rule_label(rule: str) -> str:
    """What a retention rule keeps, in the user's language (the rules' own words are English)."""
    translate = QCoreApplication.translate
    labels = {
        "resolved_alerts_days": translate("SettingsPage", "resolved and dismissed alerts"),
        "predictions_days": translate("SettingsPage", "churn predictions"),
        "events_days": translate("SettingsPage", "customer events"),
        "metrics_days": translate("SettingsPage", "system metrics"),
        "deleted_customers_days": translate(
            "SettingsPage", "deleted customers (and all their rows)"
        ),
    }
    return labels.get(rule) or RULES[rule][1]


class SettingsPage(QWidget):
    """The database URL, with a background "test connection" that never touches the open one;
    the theme, applied at once and remembered (`themeChosen`: the window applies it)."""

    themeChosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Settings"))
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        form = QFormLayout()
        self.url = QLineEdit(ctx.settings.value(SETTINGS_URL_KEY) or str(ctx.url))
        self.url.setObjectName("db_url")
        self.url.setPlaceholderText(
            self.tr("sqlite:///path/to/file.db or mysql://user@host:3306/name")
        )
        form.addRow(self.tr("Database URL"), self.url)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        save = QPushButton(self.tr("Use at next start"))
        save.clicked.connect(self.save)
        row.addWidget(self.test_button)
        row.addWidget(save)
        row.addStretch(1)
        form.addRow("", row)
        self.result = QLabel()
        self.result.setObjectName("test_result")
        self.result.setWordWrap(True)
        form.addRow("", self.result)
        current = QLabel(
            self.tr("Now connected to {url}; signed in as {name} ({role}).").format(
                url=ctx.url, name=ctx.user.display_name, role=role_name(ctx.user.role)
            )
        )
        current.setProperty("role", "muted")
        current.setWordWrap(True)
        form.addRow("", current)
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for key in style.THEME_LABELS:
            self.theme.addItem(style.theme_label(key), key)
        self.show_theme(style.current_theme())
        self.theme.currentIndexChanged.connect(
            lambda _i: self.themeChosen.emit(self.theme.currentData())
        )
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme)
        hint = QLabel(
            self.tr("Used at once, and at every start (--theme overrides it for one start).")
        )
        hint.setProperty("role", "muted")
        theme_row.addWidget(hint, 1)
        form.addRow(self.tr("Theme"), theme_row)
        form.addRow(self.tr("Language"), self._language_row())
        layout.addLayout(form)
        layout.addWidget(self._retention_box())
        layout.addStretch(1)
        self._policy_version: int | None = None
        self.load_policy()

    def _language_row(self) -> QHBoxLayout:
        """System, English or Français, saved for this workstation; used from the next start
        (every text is translated as its widget is made)."""
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("As the system"), "system")
        for key, name in i18n.LANGUAGE_NAMES.items():
            self.language.addItem(name, key)  # each in its own language
        chosen = i18n.saved_language(self.ctx.settings.value(i18n.LANGUAGE_KEY))
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.language.currentIndexChanged.connect(lambda _i: self.save_language())
        self.language_hint = QLabel(self.tr("Used from the next start of ChurnWatch."))
        self.language_hint.setObjectName("language_hint")
        self.language_hint.setProperty("role", "muted")
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addWidget(self.language_hint, 1)
        return row

    def save_language(self) -> None:
        """Remember the language chosen; the window says it applies at the next start."""
        self.ctx.settings.setValue(i18n.LANGUAGE_KEY, self.language.currentData())
        self.ctx.settings.sync()
        text = self.tr("Language saved: ChurnWatch uses it from its next start")
        self.language_hint.setText(text)
        self.ctx.events.message.emit(text)

    def _retention_box(self) -> QGroupBox:
        """Days each kind of old row is kept; saved for everyone (the database's policy)."""
        self.retention = QGroupBox(self.tr("Data retention"))
        self.retention.setObjectName("retention")
        form = QFormLayout(self.retention)
        self.days: dict[str, QSpinBox] = {}
        for rule in RULES:
            what = rule_label(rule)
            box = QSpinBox()
            box.setObjectName(rule)
            box.setRange(RETENTION_DAYS_MIN, RETENTION_DAYS_MAX)
            box.setSuffix(self.tr(" days"))
            box.setAccessibleName(self.tr("Keep {what} for").format(what=what))
            self.days[rule] = box
            form.addRow(self.tr("Keep {what}").format(what=what), box)
        row = QHBoxLayout()
        self.retention_save = QPushButton(self.tr("Save policy"))
        self.retention_save.setObjectName("retention_save")
        self.retention_save.clicked.connect(self.save_policy)
        self.retention_preview = QPushButton(self.tr("What would go now?"))
        self.retention_preview.setObjectName("retention_preview")
        self.retention_preview.clicked.connect(self.preview_policy)
        row.addWidget(self.retention_save)
        row.addWidget(self.retention_preview)
        row.addStretch(1)
        form.addRow("", row)
        self.retention_result = QLabel(
            self.tr(
                "Old rows are removed by `churnwatch retention` (schedule it daily); "
                "events the "
                "active model reads are always kept."
            )
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
            self.retention_result.setText(
                self.tr("Saved: the policy applies at the next retention run.")
            )

        workers.submit(run, done, self._policy_failed, owner=self)

    def preview_policy(self) -> None:
        self.retention_result.setText(self.tr("Counting…"))

        def done(plan) -> None:
            lines = [*plan.lines(), *plan.warnings]
            self.retention_result.setText("\n".join(user_text(line) for line in lines))

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
        translate = QCoreApplication.translate  # the test runs on the pool: no `self` there
        self.result.setText(self.tr("Testing…"))
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
                schema = translate("SettingsPage", "no ChurnWatch tables yet")
                if database.table_exists("schema_version"):
                    row = database.execute_sql("SELECT version FROM schema_version").fetchone()
                    if row:
                        schema = translate("SettingsPage", "schema version {n}").format(n=row[0])
            finally:
                database.close()
            return translate(
                "SettingsPage",
                "OK: {server}, {schema}; connected in {connect} ms, round trip {ping} ms",
            ).format(
                server=version,
                schema=schema,
                connect=i18n.decimal(connect_ms, 0),
                ping=i18n.decimal(latency, 1),
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
            reason = self.tr("could not connect ({error})").format(error=type(exc).__name__)
        self.result.setText(self.tr("Failed: {why}").format(why=reason))

    def save(self) -> None:
        self.ctx.settings.setValue(SETTINGS_URL_KEY, self.url.text().strip())
        self.ctx.events.message.emit(
            self.tr("Saved; ChurnWatch uses this database from its next start")
        )

    def refresh(self) -> None:
        """Nothing to reload."""
