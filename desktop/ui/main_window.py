"""The main window: navigation, pages, status bar (connection, jobs, user), remembered layout."""

from __future__ import annotations

import logging
from typing import Any

import peewee as pw
from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from db.connection import ping
from db.models import DB
from desktop.core.services.permissions import Perm, allowed
from desktop.ui import style, workers
from desktop.ui.context import AppContext
from desktop.ui.jobs import JobsBar
from desktop.ui.pages.admin import AdminPage
from desktop.ui.pages.alerts import AlertsPage
from desktop.ui.pages.audit import AuditPage
from desktop.ui.pages.customers import CustomersPage
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.pages.models import ModelsPage
from desktop.ui.pages.settings import SettingsPage
from desktop.ui.pages.tickets import TicketsPage
from desktop.ui.roles import restrict

log = logging.getLogger(__name__)

PING_INTERVAL_MS = 15_000
RETRY_INTERVAL_MS = 3_000

PAGES = ("dashboard", "customers", "alerts", "tickets", "models", "settings")
PAGE_TITLES = {
    "dashboard": "Dashboard",
    "customers": "Customers",
    "alerts": "Alerts",
    "tickets": "Tickets",
    "models": "Models",
    "settings": "Settings",
    "audit": "Audit",
    "admin": "Admin",
}
PAGE_ICONS = {"audit": "search", "admin": "customers"}


class ConnectionMonitor(QLabel):
    """Pings the database in the background: connected (with latency), reconnecting,
    unreachable. After a failure it retries every few seconds."""

    stateChanged = Signal(str)

    def __init__(self, backend: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connection")
        self.backend = backend
        self.state = "connecting"
        self.latency_ms: float | None = None
        self._in_flight = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(PING_INTERVAL_MS)
        self._show()

    def check(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True
        if self.state == "unreachable":
            self._set("reconnecting")
        database = DB.obj

        def run() -> float:
            try:
                return ping(database)
            except pw.OperationalError:
                # A dropped connection: close it so the next attempt opens a fresh one.
                database.close()
                raise

        workers.submit(run, self._ok, self._failed, owner=self)

    def _ok(self, latency: float) -> None:
        self._in_flight = False
        self.latency_ms = latency
        self.timer.setInterval(PING_INTERVAL_MS)
        self._set("connected")

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        log.warning("database ping failed: %s", type(exc).__name__)
        self.timer.setInterval(RETRY_INTERVAL_MS)
        self._set("unreachable")

    def _set(self, state: str) -> None:
        changed = state != self.state
        self.state = state
        self._show()
        if changed:
            self.stateChanged.emit(state)

    def _show(self) -> None:
        name = "MariaDB/MySQL" if self.backend == "mysql" else "SQLite"
        if self.state == "connected" and self.latency_ms is not None:
            text, color = f"● {name}: connected · {self.latency_ms:.1f} ms", "#2E7D32"
        elif self.state == "reconnecting":
            text, color = f"● {name}: reconnecting…", "#F9A825"
        elif self.state == "unreachable":
            text, color = f"● {name}: unreachable (retrying)", "#C62828"
        else:
            text, color = f"● {name}: connecting…", "#888888"
        self.setText(f"<span style='color:{color}'>●</span> {text[2:]}")
        self.setToolTip(text[2:])


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"ChurnWatch – {ctx.url}")
        self.setMinimumSize(QSize(1000, 640))
        self.resize(1360, 860)
        self.views: list[QWidget] = []

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, Any] = {
            "dashboard": DashboardPage(),
            "customers": CustomersPage(ctx),
            "alerts": AlertsPage(ctx),
            "tickets": TicketsPage(ctx),
            "models": ModelsPage(ctx),
            "settings": SettingsPage(ctx),
        }
        # Issue 12: the Audit page for supervisors and admins, the Admin page for admins.
        self.keys: tuple[str, ...] = PAGES
        if allowed(ctx.user, Perm.AUDIT_TEAM):
            self.pages["audit"], self.keys = AuditPage(ctx), (*self.keys, "audit")
        if allowed(ctx.user, Perm.USERS):
            self.pages["admin"], self.keys = AdminPage(ctx), (*self.keys, "admin")
        for page in self.pages.values():
            restrict(page, ctx.user)
        for number, key in enumerate(self.keys, start=1):
            item = QListWidgetItem(style.icon(PAGE_ICONS.get(key, key)), PAGE_TITLES[key])
            item.setToolTip(f"{PAGE_TITLES[key]} (Ctrl+{number})")
            self.nav.addItem(item)
            self.stack.addWidget(self.pages[key])
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number - 1: self.nav.setCurrentRow(n))
        self.nav.currentRowChanged.connect(self._show_page)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)

        status = self.statusBar()
        self.jobs = JobsBar()
        self.connection = ConnectionMonitor(ctx.url.backend)
        user = QLabel(f"{ctx.user.display_name} ({ctx.user.role})")
        user.setObjectName("user")
        status.addPermanentWidget(self.jobs)
        status.addPermanentWidget(self.connection)
        status.addPermanentWidget(user)

        ctx.events.message.connect(lambda text: status.showMessage(text, 8000))
        ctx.events.openCustomer.connect(self.open_customer)
        self.pages["dashboard"].openFiltered.connect(self.open_filtered)
        ctx.events.changed.connect(self._changed)
        self._restore()
        QTimer.singleShot(0, self.connection.check)

    # --- navigation -----------------------------------------------------------------------

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        start = getattr(page, "start", None)
        if start is not None:
            start()

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.keys.index(key))

    def open_filtered(self, key: str, filters: dict[str, Any]) -> None:
        """Show a list page with exactly these filters (a dashboard tile was activated)."""
        self.show_page(key)
        self.pages[key].show_filtered(filters)

    @property
    def current_key(self) -> str:
        return self.keys[max(0, self.nav.currentRow())]

    def refresh(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "refresh"):
            page.refresh()

    def focus_search(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def open_customer(self, customer_id: int) -> Any:
        from desktop.ui.customer360.view import CustomerView

        view = CustomerView(self.ctx, customer_id, self)
        restrict(view, self.ctx.user)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.views = [v for v in self.views if v.isVisible()] + [view]
        view.show()
        return view

    def _changed(self, what: str) -> None:
        """A write happened: reload the started pages that show it (cheap: one count + the
        visible page)."""
        for key in ("customers", "alerts", "tickets"):
            page = self.pages[key]
            if page._started and what in (key, "customers"):
                page.refresh()
        if what == "alerts" and self.pages["customers"]._started:
            self.pages["customers"].refresh()

    # --- settings -------------------------------------------------------------------------

    def _restore(self) -> None:
        s = self.ctx.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        last = s.value("window/page")
        keys = self.keys
        self.nav.setCurrentRow(keys.index(last) if last in keys else keys.index("customers"))

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/page", self.current_key)
        for key in ("customers", "alerts", "tickets"):
            self.pages[key].save_state()
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.connection.timer.stop()
        for state in self.jobs.running.values():
            state.cancel()
        workers.wait_idle()
        super().closeEvent(event)
