"""Start the window: open the database (filling the demo if asked), sign in, show, or screenshot."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

import peewee as pw

from db import models as m
from db.connection import ENV_URL, DatabaseURL, connect
from db.migrations import check_schema, init_db
from db.tasks import TaskState
from desktop.core.auth import ENV_PASSWORD, SignInError, sign_in
from desktop.core.services import has_users

log = logging.getLogger(__name__)

DEMO_SIGN_IN = ("supervisor", "supervisor-demo")
SETTLE_TIMEOUT_S = 60.0


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


def run(args: argparse.Namespace) -> int:
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if args.screenshot and headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.pages.settings import SETTINGS_URL_KEY
    from desktop.ui.style import apply_style
    from desktop.ui.widgets.dialogs import SignInDialog

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "churnwatch"])
    app.setOrganizationName("ChurnWatch")
    app.setApplicationName("ChurnWatch")
    apply_style(app, getattr(args, "theme", "system"))  # type: ignore[arg-type]
    if args.screenshot:
        # A scripted run must not depend on, or change, the user's remembered layout.
        scratch = Path(tempfile.mkdtemp(prefix="churnwatch-shot-")) / "settings.ini"
        settings = QSettings(str(scratch), QSettings.Format.IniFormat)
    else:
        settings = QSettings()
    saved = settings.value(SETTINGS_URL_KEY)
    database, url = open_database(args, saved if isinstance(saved, str) else None)
    try:
        user = scripted_user(args, database)
    except SignInError as exc:
        print(f"churnwatch: error: {exc}", file=sys.stderr)
        return 2
    if user is None and not has_users():
        # Issue 12: a database without staff accounts: create its first admin.
        from desktop.ui.pages.admin import FirstAdminDialog

        setup = FirstAdminDialog(database)
        if args.screenshot or setup.exec() != QDialog.DialogCode.Accepted or setup.user is None:
            return 1
        user = setup.user
    if user is None:
        if args.screenshot:
            print(f"churnwatch: error: --screenshot needs --user (and {ENV_PASSWORD}) or --demo",
                  file=sys.stderr)  # fmt: skip
            return 2
        dialog = SignInDialog(database)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
            return 1
        user = dialog.user
    window = MainWindow(AppContext.create(database, url, user, settings))
    window.show()
    if args.screenshot:
        return screenshot(window, Path(args.screenshot))
    code = app.exec()
    return int(code)


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
