"""The main window: menus, navigation, pages, status bar (undo, jobs, connection, user), and the
remembered layout.

Customer 360 views are separate windows deleted when closed (`WA_DeleteOnClose`): the window keeps
them by customer id only while they exist (each removes itself on `destroyed`), so reopening a
customer raises the open view and a closed one is never touched again.
"""

from __future__ import annotations

import logging
from typing import Any

import peewee as pw
import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.connection import ping
from db.models import DB
from desktop.core.offline.session import Backoff
from desktop.core.services.permissions import Perm, allowed
from desktop.ui import help as help_pages
from desktop.ui import i18n, style, workers
from desktop.ui import offline as offline_mode
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
from desktop.ui.roles import restrict, role_name
from desktop.ui.undo import UndoBar
from desktop.ui.widgets.charts import Chart
from desktop.ui.widgets.dialogs import PasswordDialog, run_dialog

log = logging.getLogger(__name__)

PING_INTERVAL_MS = 5_000  # light (SELECT 1 on its own thread): offline mode follows in seconds

PAGES = ("dashboard", "customers", "alerts", "tickets", "models", "settings")
PAGE_TITLES = {  # translated where shown (page_title)
    "dashboard": QT_TRANSLATE_NOOP("MainWindow", "Dashboard"),
    "customers": QT_TRANSLATE_NOOP("MainWindow", "Customers"),
    "alerts": QT_TRANSLATE_NOOP("MainWindow", "Alerts"),
    "tickets": QT_TRANSLATE_NOOP("MainWindow", "Tickets"),
    "models": QT_TRANSLATE_NOOP("MainWindow", "Models"),
    "settings": QT_TRANSLATE_NOOP("MainWindow", "Settings"),
    "audit": QT_TRANSLATE_NOOP("MainWindow", "Audit"),
    "admin": QT_TRANSLATE_NOOP("MainWindow", "Admin"),
}


def page_title(key: str) -> str:
    """A page's name in the user's language."""
    return QCoreApplication.translate("MainWindow", PAGE_TITLES[key])


PAGE_ICONS = {"audit": "search", "admin": "customers"}
NAV_MIN_WIDTH = 170  # px: the English page names with their icons


class ConnectionMonitor(QLabel):
    """Pings the shared database on a thread of its own: connected (with latency),
    reconnecting, unreachable. After a failure it retries with a growing pause (2 s … 60 s)."""

    stateChanged = Signal(str)

    def __init__(
        self, backend: str, database: pw.Database | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connection")
        self.backend = backend
        self.database = database
        self.backoff = Backoff()
        self.state = "connecting"
        self.latency_ms: float | None = None
        self._in_flight = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(PING_INTERVAL_MS)
        self._show()

    def check(self, force: bool = False) -> None:
        """Ping now (`force`: the user asked, so the pause starts again from its shortest)."""
        if force:
            self.backoff.reset()
        if self._in_flight:
            return
        self._in_flight = True
        if self.state == "unreachable":
            self._set("reconnecting")
        database = self.database if self.database is not None else DB.obj

        def run() -> float:
            try:
                return ping(database)
            except pw.OperationalError:
                # A dropped connection: close it so the next attempt opens a fresh one.
                database.close()
                raise

        workers.submit(run, self._ok, self._failed, owner=self,
                       pool=workers.named_pool("probe"), database=database)  # fmt: skip

    def _ok(self, latency: float) -> None:
        self._in_flight = False
        self.latency_ms = latency
        self.backoff.reset()
        self.timer.setInterval(PING_INTERVAL_MS)
        self._set("connected")

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        log.warning("database ping failed: %s", type(exc).__name__)
        self.timer.setInterval(int(self.backoff.next_s() * 1000))
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
            ms = i18n.decimal(self.latency_ms, 1)
            text = self.tr("{name}: connected · {ms} ms").format(name=name, ms=ms)
            color = "#2E7D32"
        elif self.state == "reconnecting":
            text, color = self.tr("{name}: reconnecting…").format(name=name), "#F9A825"
        elif self.state == "unreachable":
            text, color = self.tr("{name}: unreachable (retrying)").format(name=name), "#C62828"
        else:
            text, color = self.tr("{name}: connecting…").format(name=name), "#888888"
        self.setText(f"<span style='color:{color}'>●</span> {text}")
        self.setToolTip(text)


class MainWindow(QMainWindow):
    signOutRequested = Signal()  # File → Sign out: the shell (app.Shell) asks who signs in next

    def __init__(  # noqa: PLR0915 - the window's parts, in the order they are laid out
        self, ctx: AppContext, *, auto_offline: bool = False
    ) -> None:
        """`auto_offline`: keep the signed-in user's queue on this computer while the
        connection is good (the application does; most tests need not)."""
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"ChurnWatch – {ctx.url}")
        self.setMinimumSize(QSize(1000, 640))
        self.resize(1360, 860)
        self._views: dict[int, QWidget] = {}  # open Customer 360s by customer id

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.jobs = JobsBar()
        self.offline = offline_mode.OfflineController(ctx, self.jobs, self, auto_take=auto_offline)
        self.banner = offline_mode.OfflineBanner(self.offline)
        outer.addWidget(self.banner)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(NAV_MIN_WIDTH)
        # Never a scroll bar under the page names: the column widens to the longest (French
        # "Tableau de bord" at 11 pt) once the style sheet has set its font (`_fit_nav`).
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            item = QListWidgetItem(style.icon(PAGE_ICONS.get(key, key)), page_title(key))
            item.setToolTip(f"{page_title(key)} (Ctrl+{number})")
            self.nav.addItem(item)
            self.stack.addWidget(self.pages[key])
        self.offline_notice = offline_mode.notice("")
        self.stack.addWidget(self.offline_notice)
        self.nav.currentRowChanged.connect(self._show_page)
        self._fit_nav()

        status = self.statusBar()
        self.undo_bar = UndoBar(ctx)
        self.connection = ConnectionMonitor(ctx.url.backend, ctx.database)
        self.offline.monitor = self.connection
        self.connection.stateChanged.connect(self.offline.connection_state)
        self.offline.changed.connect(self._follow_offline)
        user = QLabel(f"{ctx.user.display_name} ({role_name(ctx.user.role)})")
        user.setObjectName("user")
        status.addPermanentWidget(self.undo_bar)
        status.addPermanentWidget(self.jobs)
        status.addPermanentWidget(self.connection)
        status.addPermanentWidget(user)
        self._build_menus()
        restrict(self, ctx.user)  # File → Import… for supervisors and admins

        ctx.events.message.connect(lambda text: status.showMessage(text, 8000))
        ctx.events.openCustomer.connect(self.open_customer)
        self.pages["dashboard"].openFiltered.connect(self.open_filtered)
        self.pages["settings"].themeChosen.connect(self.set_theme)
        ctx.events.changed.connect(self._changed)
        self._restore()
        self.focus_page()
        QTimer.singleShot(0, self.connection.check)
        QTimer.singleShot(0, self.offline.start)

    # --- menus ----------------------------------------------------------------------------

    def _action(
        self, menu: Any, text: str, slot: Any, shortcut: str | QKeySequence.StandardKey = "",
        name: str = "",
    ) -> QAction:  # fmt: skip
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setObjectName(name or text.lower().replace(" ", "_").strip("…."))
        menu.addAction(action)
        self.actions_by_name[action.objectName()] = action
        return action

    def _build_menus(self) -> None:
        """File, Edit, View and Help, with the usual shortcuts (listed in Help → Keyboard)."""
        self.actions_by_name: dict[str, QAction] = {}
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._action(file, self.tr("New ticket…"), self.new_ticket, "Ctrl+N", "new_ticket")
        self.import_action = self._action(file, self.tr("Import…"), self.import_data, name="import")
        file.addSeparator()
        self._action(file, self.tr("Work offline…"), self.work_offline, name="work_offline")
        self._action(
            file, self.tr("Offline conflicts…"), self.banner.show_conflicts, name="conflicts"
        )
        file.addSeparator()
        self._action(
            file, self.tr("Change my password…"), self.change_password, name="change_password"
        )
        self._action(file, self.tr("Sign out…"), self.sign_out, "Ctrl+Shift+L", "sign_out")
        file.addSeparator()
        quit_action = self._action(file, self.tr("Quit"), self.close, "Ctrl+Q", "quit")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(edit, self.tr("Undo"), self.undo_bar.undo, "Ctrl+Z", "undo")
        self.undo_action.setEnabled(False)
        self.undo_bar.available.connect(self._undo_available)
        edit.addSeparator()
        self._action(
            edit, self.tr("Find…"), self.focus_search, QKeySequence.StandardKey.Find, "find"
        )

        view = bar.addMenu(self.tr("&View"))
        for number, key in enumerate(self.keys, start=1):
            self._action(
                view, page_title(key), lambda _c=False, k=key: self.show_page(k),
                f"Ctrl+{number}", f"page_{key}",
            )  # fmt: skip
        view.addSeparator()
        self._action(view, self.tr("Refresh"), self.refresh, "F5", "refresh")
        view.addSeparator()
        themes = view.addMenu(self.tr("Theme"))
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for theme in style.THEME_LABELS:
            action = self._action(
                themes,
                style.theme_label(theme),
                lambda _c=False, t=theme: self.set_theme(t),
                name=f"theme_{theme}",
            )
            action.setCheckable(True)
            group.addAction(action)
            self.theme_actions[theme] = action
        self._check_theme(style.current_theme())

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("ChurnWatch help"), self.show_help, "F1", "help")
        self._action(
            help_menu,
            self.tr("Keyboard shortcuts"),
            lambda: self.show_help("shortcuts"),
            name="shortcuts",
        )
        help_menu.addSeparator()
        about = self._action(help_menu, self.tr("About ChurnWatch"), self.show_about, name="about")
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _undo_available(self, text: str) -> None:
        self.undo_action.setEnabled(bool(text))
        self.undo_action.setText(
            self.tr("Undo {what}").format(what=text) if text else self.tr("Undo")
        )

    def show_help(self, anchor: str = "") -> Any:
        dialog = help_pages.HelpDialog(anchor or self.current_key, self)
        dialog.show()
        return dialog

    def show_about(self) -> Any:
        dialog = help_pages.AboutDialog(self.ctx, self)
        dialog.show()
        return dialog

    def new_ticket(self) -> None:
        self.show_page("tickets")
        self.pages["tickets"].new_ticket()

    def import_data(self) -> Any:
        """File → Import…: the import dialog, its jobs in the status bar."""
        from desktop.ui.import_dialog import ImportDialog

        if self.offline.offline:
            QMessageBox.information(self, "ChurnWatch", self.tr(
                "Importing needs the shared database, which cannot be reached now."))  # fmt: skip
            return None
        dialog = ImportDialog(self.ctx, self.jobs, self)
        dialog.setModal(False)
        dialog.show()
        self._import_dialog = dialog
        return dialog

    def work_offline(self) -> bool:
        """File → Work offline…: choose the alerts and the cap, then take them (a job)."""
        flt, limit = self.offline.saved_choice()
        dialog = offline_mode.WorkOfflineDialog(flt, limit, self)
        if dialog.exec() != offline_mode.WorkOfflineDialog.DialogCode.Accepted:
            return False
        flt, limit = dialog.choice()
        self.ctx.settings.setValue(offline_mode.FILTER_KEY, dialog.spec())
        self.ctx.settings.setValue(offline_mode.LIMIT_KEY, limit)
        self.offline.take_copy(flt, limit)
        return True

    def _follow_offline(self) -> None:
        """Offline, the pages that need the server say so; back online they return."""
        key = self.current_key
        showing = self.stack.currentWidget() is self.offline_notice
        if (key in offline_mode.SERVER_PAGES) == self.offline.offline or showing:
            self._show_page(self.nav.currentRow())

    def change_password(self) -> bool:
        dialog = PasswordDialog(self.ctx.services.change_own_password, self)
        if run_dialog(dialog):
            self.ctx.events.message.emit(self.tr("Your password was changed"))
            return True
        return False

    def sign_out(self) -> None:
        """Back to the sign-in dialog (the shell decides what follows)."""
        self.signOutRequested.emit()

    # --- theme ----------------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        """Use this theme now and from the next start (Settings and View → Theme)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply_style(app, theme)  # type: ignore[arg-type]
        self.ctx.settings.setValue(style.THEME_KEY, theme)
        self._check_theme(theme)
        self.pages["settings"].show_theme(theme)
        for row, key in enumerate(self.keys):
            item = self.nav.item(row)
            if item is not None:
                item.setIcon(style.icon(PAGE_ICONS.get(key, key)))
        for root in (self, *self._open_views()):
            style.refresh_icons(root)
        for chart in self.findChildren(Chart):
            repaint = getattr(chart, "_apply_palette", None)
            if callable(repaint):
                repaint()

    def _check_theme(self, theme: str) -> None:
        action = self.theme_actions.get(theme)
        if action is not None:
            action.setChecked(True)

    # --- navigation -----------------------------------------------------------------------

    def _fit_nav(self) -> None:
        """The navigation column as wide as its longest page name, never narrower than
        NAV_MIN_WIDTH (the style sheet's font and padding count: polished first)."""
        self.nav.ensurePolished()
        widest = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 4
        self.nav.setFixedWidth(max(NAV_MIN_WIDTH, widest))

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_nav()  # the style sheet and the font can change before the first show
        super().showEvent(event)

    def _show_page(self, row: int) -> None:
        key = self.keys[max(0, row)]
        if self.offline.offline and key in offline_mode.SERVER_PAGES:
            self.offline_notice.setText(
                self.tr(
                    "The {page} page needs the shared database, which cannot be reached now."
                    "\n\nCustomers, Alerts and Tickets work from the copy on this computer; "
                    "it comes back by itself when the connection does."
                ).format(page=page_title(key))
            )
            self.stack.setCurrentWidget(self.offline_notice)
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        start = getattr(page, "start", None)
        if start is not None:
            start()

    def show_page(self, key: str) -> None:
        """Show a page (menus, Ctrl+1…6, links) with the keyboard in its main control."""
        self.nav.setCurrentRow(self.keys.index(key))
        self.focus_page()

    def focus_page(self) -> None:
        """The keyboard goes to the page's main control: its table, the first dashboard tile,
        the models list, the database URL."""
        page = self.stack.currentWidget()
        tiles = getattr(page, "tiles", None)
        target = (
            getattr(page, "view", None)
            or getattr(page, "versions", None)
            or getattr(page, "url", None)
            or (next(iter(tiles.values()), None) if isinstance(tiles, dict) else None)
        )
        if isinstance(target, QWidget):
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

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

    def _open_views(self) -> list[QWidget]:
        return [v for v in self._views.values() if shiboken6.isValid(v)]

    @property
    def views(self) -> list[QWidget]:
        """The Customer 360s open now, oldest first."""
        return self._open_views()

    def open_customer(self, customer_id: int) -> Any:
        """Show this customer's 360: the open one raised, or a new window."""
        from desktop.ui.customer360.view import CustomerView

        view = self._views.get(customer_id)
        if view is not None and shiboken6.isValid(view) and not view.isHidden():
            view.raise_()
            view.activateWindow()
            return view
        view = CustomerView(self.ctx, customer_id, self)
        restrict(view, self.ctx.user)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Forget it the moment Qt deletes it (closed), not later by asking a dead object.
        key = id(view)
        view.destroyed.connect(lambda _obj=None, c=customer_id, v=key: self._forget(c, v))
        self._views[customer_id] = view
        view.show()
        view.activateWindow()
        return view

    def _forget(self, customer_id: int, view_id: int) -> None:
        if id(self._views.get(customer_id)) == view_id:
            del self._views[customer_id]

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
        for view in self._open_views():
            view.close()
        self.undo_bar.expire()
        self.save_state()
        self.connection.timer.stop()
        self.offline.close()
        for state in self.jobs.running.values():
            state.cancel()
        workers.wait_idle()
        super().closeEvent(event)
