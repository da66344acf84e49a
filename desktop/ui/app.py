"""Start the window: open the database (filling the demo if asked), sign in, show, or screenshot."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import peewee as pw

from db import models as m
from db.connection import ENV_URL, DatabaseUnavailable, DatabaseURL, connect
from db.migrations import check_schema, init_db
from db.tasks import TaskState
from desktop.core.auth import ENV_PASSWORD, SignInError, sign_in
from desktop.core.services import has_users

log = logging.getLogger(__name__)

DEMO_SIGN_IN = ("supervisor", "supervisor-demo")
SETTLE_TIMEOUT_S = 60.0

# What Qt's xcb platform plugin loads beyond the X client library itself, with the Debian/Ubuntu
# package of each. Qt names only the first one it misses ("xcb-cursor0 is needed") and aborts.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-shape.so.0": "libxcb-shape0",
}
# What Qt's own libraries link to (an import of QtGui fails without them).
QT_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
NO_DISPLAY = "no display: use --screenshot DIR, or run under a desktop session"
HEADLESS_PLATFORMS = ("offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb")


def _install_hint(libraries: list[str], packages: Mapping[str, str]) -> str:
    wanted = " ".join(dict.fromkeys(packages.get(name, name) for name in libraries))
    return f"{', '.join(libraries)}; install them with: sudo apt-get install {wanted}"


def display_problem(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    load: Callable[[str], object] = ctypes.CDLL,
) -> str | None:
    """Why the window cannot open here, in one line, or None. Checked before Qt starts, which
    would otherwise abort (exit 134) naming one library, or the wrong one."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None  # Windows and macOS: the wheels bring everything
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if chosen in HEADLESS_PLATFORMS:
        return None
    x11, wayland = bool(env.get("DISPLAY")), bool(env.get("WAYLAND_DISPLAY"))
    if chosen.startswith("wayland") or (not chosen and wayland):
        return None if wayland else NO_DISPLAY
    if not x11:
        return NO_DISPLAY
    missing = []
    for name in XCB_LIBRARIES:
        try:
            load(name)
        except OSError:
            missing.append(name)
    if missing:
        return "Qt's xcb platform needs system libraries that are missing: " + _install_hint(
            missing, XCB_LIBRARIES
        )
    return None


def qt_import_problem(exc: ImportError) -> str:
    """One line for Qt's libraries failing to load (a system library they link to is missing)."""
    text = str(exc)
    found = re.search(r"([\w.+-]+\.so[\w.]*): cannot open shared object file", text)
    if found:
        return "Qt cannot load a system library it needs: " + _install_hint(
            [found.group(1)], QT_LIBRARIES
        )
    return f"Qt could not be loaded: {text}"


def _url_text(args: argparse.Namespace, saved: str | None) -> str:
    """`--db`, then CHURNWATCH_DB, then the URL saved on the Settings page, then the default."""
    from db.connection import resolve_url

    if args.db or os.environ.get(ENV_URL) or not saved:
        return resolve_url(args.db)
    return saved


def open_database(args: argparse.Namespace, saved: str | None) -> tuple[pw.Database, DatabaseURL]:
    database, url = connect(_url_text(args, saved), create=bool(args.demo))
    if args.demo:
        from db import demo
        from desktop.commands.common import ProgressPrinter

        init_db(database)
        if demo.customer_count(database) == 0:
            print(f"Filling {url} with demo data ({args.demo_customers:,} customers) …",
                  file=sys.stderr)  # fmt: skip
            summary = demo.generate_demo(
                database,
                customers=args.demo_customers,
                state=TaskState(on_progress=ProgressPrinter()),
            )
            print("Demo sign-in (username / password):", file=sys.stderr)
            for username, password, role in summary.credentials:
                print(f"  {username} / {password}  ({role})", file=sys.stderr)
    check_schema(database)
    return database, url


def open_or_offline(
    args: argparse.Namespace, saved: str | None
) -> tuple[pw.Database, DatabaseURL, Any]:
    """The database and no replica; or, when the shared database is away and this computer
    has an offline copy of it, the server (not connected), its URL and the copy."""
    try:
        database, url = open_database(args, saved)
    except DatabaseUnavailable:
        started = offline_start(args, saved)
        if started is None:
            raise
        return started
    return database, url, None


def offline_start(
    args: argparse.Namespace, saved: str | None
) -> tuple[pw.Database, DatabaseURL, Any] | None:
    """The server database (not connected), its URL and this computer's offline copy of it, when
    the shared MySQL database cannot be reached and a copy was taken here; None otherwise."""
    from db.connection import build_database, parse_url, resolve_password
    from desktop.core.offline.session import replica_path
    from desktop.core.offline.store import open_replica, replica_exists

    url = parse_url(_url_text(args, saved))
    path = replica_path(str(url))
    if url.backend != "mysql" or args.demo or not replica_exists(path):
        return None
    replica = open_replica(path)
    log.info("shared database unreachable: starting from the offline copy")
    server = build_database(url, resolve_password(url))
    m.DB.initialize(replica.database)  # every read goes to the copy until the server is back
    return server, url, replica


def scripted_user(args: argparse.Namespace, database: pw.Database) -> m.User | None:
    """`--user NAME` with the password in CHURNWATCH_PASSWORD; `--demo` alone: the demo
    supervisor. None: ask with the dialog."""
    if args.user:
        password = os.environ.get(ENV_PASSWORD)
        if password is None:
            raise SignInError(f"--user needs the password in {ENV_PASSWORD}")
        return sign_in(database, args.user, password)
    if args.demo:
        try:
            return sign_in(database, *DEMO_SIGN_IN)
        except SignInError:
            return None  # not the demo's users: ask
    return None


def run(args: argparse.Namespace) -> int:  # noqa: PLR0911 - each early return is one error
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if args.screenshot and headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = display_problem()
    if problem:
        print(f"churnwatch: error: {problem}", file=sys.stderr)
        return 2
    try:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        print(f"churnwatch: error: {qt_import_problem(exc)}", file=sys.stderr)
        return 2

    from desktop.ui import i18n
    from desktop.ui.pages.settings import SETTINGS_URL_KEY
    from desktop.ui.style import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "churnwatch"])
    app.setOrganizationName("ChurnWatch")
    app.setApplicationName("ChurnWatch")
    if args.screenshot:
        # A scripted run must not depend on, or change, the user's remembered layout.
        scratch = Path(tempfile.mkdtemp(prefix="churnwatch-shot-")) / "settings.ini"
        settings = QSettings(str(scratch), QSettings.Format.IniFormat)
    else:
        settings = QSettings()
    apply_style(app, start_theme(getattr(args, "theme", None), settings))
    # Before any widget is made: texts are translated as they are built (a new choice in
    # Settings applies at the next start).
    i18n.install(app, i18n.saved_language(settings.value(i18n.LANGUAGE_KEY)))
    saved = settings.value(SETTINGS_URL_KEY)
    database, url, replica = open_or_offline(args, saved if isinstance(saved, str) else None)
    try:
        with replica.active() if replica is not None else contextlib.nullcontext():
            user = scripted_user(args, replica.database if replica is not None else database)
    except SignInError as exc:
        print(f"churnwatch: error: {exc}", file=sys.stderr)
        return 2
    if user is None and replica is None and not has_users():
        user = first_admin(database, screenshot=bool(args.screenshot))
        if user is None:
            return 1
    if user is None and args.screenshot:
        print(f"churnwatch: error: --screenshot needs --user (and {ENV_PASSWORD}) or --demo",
              file=sys.stderr)  # fmt: skip
        return 2
    shell = Shell(database, url, settings, replica)
    window = shell.open(user) if user is not None else shell.ask()
    if window is None:
        return 1
    if args.demo:
        demo_start(window)
    if args.screenshot:
        return screenshot(window, Path(args.screenshot))
    code = app.exec()
    return int(code)


def start_theme(option: str | None, settings: Any) -> str:
    """`--theme light` or `dark` wins for this start; otherwise the theme chosen in Settings."""
    from desktop.ui.style import THEME_KEY, saved_theme

    if option in ("light", "dark"):
        return option
    return saved_theme(settings.value(THEME_KEY))


def demo_start(window: Any) -> None:
    """`--demo`: open on the Dashboard (what the product is for), and on the demo's own data
    (not a shop's signed into with --demo) prepare the first model in the background."""
    window.show_page("dashboard")
    if window.ctx.user.username == DEMO_SIGN_IN[0]:
        prepare_first_model(window)


def first_admin(database: pw.Database, *, screenshot: bool) -> m.User | None:
    """A database without staff accounts: its first admin, made in a short setup dialog."""
    from PySide6.QtWidgets import QDialog

    from desktop.ui.pages.admin import FirstAdminDialog

    if screenshot:
        return None
    setup = FirstAdminDialog(database)
    if setup.exec() != QDialog.DialogCode.Accepted:
        return None
    return setup.user


class Shell:
    """Who is signed in, and their window: sign out goes back to the sign-in dialog (and on to
    a new window for whoever signs in) without restarting."""

    def __init__(
        self, database: pw.Database, url: DatabaseURL, settings: Any, replica: Any = None
    ) -> None:
        self.database, self.url, self.settings = database, url, settings
        # Set when the window starts offline: sign-in and the first window read the copy.
        self.replica = replica
        self.window: Any = None

    def open(self, user: m.User) -> Any:
        from desktop.ui.context import AppContext
        from desktop.ui.main_window import MainWindow

        ctx = AppContext.create(self.database, self.url, user, self.settings)
        window = MainWindow(ctx, auto_offline=True)
        if self.replica is not None:  # the server is away: the copy serves from the start
            window.offline.start_offline(self.replica)
        window.signOutRequested.connect(self.sign_out)
        window.show()
        self.window = window
        return window

    def ask(self) -> Any:
        """The sign-in dialog; the new user's window, or None when it was cancelled."""
        from PySide6.QtWidgets import QDialog

        from desktop.ui.widgets.dialogs import SignInDialog

        if self.replica is not None:
            from PySide6.QtCore import QCoreApplication

            where = QCoreApplication.translate("Shell", "{url} (offline copy)")
            dialog = SignInDialog(self.replica.database, where=where.format(url=self.url))
        else:
            dialog = SignInDialog(self.database, where=str(self.url))
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
                return None
            return self.open(dialog.user)
        finally:
            dialog.deleteLater()

    @staticmethod
    def next_replica(old: Any) -> Any:
        """Where the next sign-in reads: the copy while the window was offline with one, else
        the server (a copy the window started from is dropped once it went back online)."""
        ctrl = getattr(old, "offline", None)
        if ctrl is not None and ctrl.offline and ctrl.has_copy:
            return ctrl.replica
        return None

    def sign_out(self) -> None:
        """Close the window (its layout is saved, its jobs cancelled) and ask who is next;
        cancelling the dialog quits."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        old, self.window = self.window, None
        if old is not None:
            name = old.ctx.user.id
            quits = app.quitOnLastWindowClosed() if isinstance(app, QApplication) else False
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(False)  # the sign-in dialog comes next
            try:
                old.close()
            finally:
                if isinstance(app, QApplication):
                    app.setQuitOnLastWindowClosed(quits)
            old.deleteLater()
            log.info("user #%d signed out", name)
            self.replica = self.next_replica(old)
        if self.ask() is None and isinstance(app, QApplication):
            app.quit()


def prepare_first_model(window: Any) -> object | None:
    """The demo's first start: train, activate and score a model in the background (a job in
    the status bar, with progress and cancel), so risk, reasons and alerts are there at once;
    the pages that show them reload when it is done. The job's state, or None when the
    database already has what it needs."""
    from PySide6.QtCore import QCoreApplication

    from desktop.core.churn import first_model
    from desktop.ui import i18n

    ctx = window.ctx
    if first_model.missing_step() is None:
        return None
    database, user = ctx.database, ctx.user

    def job(state: TaskState) -> first_model.FirstModelReport | None:
        return first_model.prepare(database, user=user, state=state)

    def done(report: first_model.FirstModelReport | None) -> None:
        if report is None:
            return
        scored, alerts = i18n.number(report.scored), i18n.number(report.alerts)
        if report.trained:
            text = QCoreApplication.translate(
                "Demo",
                "Demo ready: trained {model} and scored {scored} customers, {alerts} alerts raised",
            )
        else:
            text = QCoreApplication.translate(
                "Demo", "Demo ready: scored {scored} customers, {alerts} alerts raised"
            )
        ctx.events.message.emit(text.format(model=report.trained, scored=scored, alerts=alerts))
        for what in ("customers", "alerts"):
            ctx.events.changed.emit(what)
        window.pages["dashboard"].refresh(force=True)
        models = window.pages["models"]
        if getattr(models, "data", None) is not None:
            models.refresh()

    def failed(exc: BaseException) -> None:
        text = QCoreApplication.translate("Demo", "The demo model was not prepared: {why}")
        ctx.events.message.emit(text.format(why=exc))

    title = QCoreApplication.translate("Demo", "Preparing the demo: training and scoring")
    return window.jobs.start(title, job, done, failed)


def settle(window: object, timeout: float = SETTLE_TIMEOUT_S) -> None:
    """Let background loads finish and the window repaint (screenshots, tests)."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui import workers

    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < 5:
        QApplication.processEvents()
        busy = workers.db_pool().activeThreadCount() > 0
        page = getattr(window, "stack", None)
        current = page.currentWidget() if page is not None else None
        model = getattr(current, "model", None)
        if model is not None and model.busy:
            busy = True
        quiet = 0 if busy else quiet + 1
        time.sleep(0.03)


def screenshot(window: object, directory: Path) -> int:
    """One PNG per page and one of a Customer 360, then exit 0."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    directory.mkdir(parents=True, exist_ok=True)
    saved = []
    for number, key in enumerate(window.keys, start=1):
        window.show_page(key)
        settle(window)
        target = directory / f"{number:02d}-{key}.png"
        if not window.grab().save(str(target)):
            raise OSError(f"could not write {target}")
        saved.append(target)
    customers = window.pages["customers"]
    window.show_page("customers")
    settle(window)
    customer_id = customers.model.row_id(0)
    if customer_id is not None:
        view = window.open_customer(customer_id)
        settle(view)
        target = directory / f"{len(window.keys) + 1:02d}-customer-360.png"
        view.grab().save(str(target))
        saved.append(target)
        view.close()
    window.close()
    QApplication.processEvents()
    for path in saved:
        print(path)
    return 0
