"""Help → ChurnWatch help (F1): a short guide to each page and the keyboard; Help → About."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import desktop
from db.migrations import SCHEMA_VERSION, stored_version
from desktop.ui import workers
from desktop.ui.context import AppContext

log = logging.getLogger(__name__)

# (key, what it does), by where it works; the README lists the same.
SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("Ctrl+1 … Ctrl+6", "Dashboard, Customers, Alerts, Tickets, Models, Settings"),
            ("Ctrl+F", "the current page's search box"),
            ("F5", "refresh the current page"),
            ("Ctrl+N", "new ticket"),
            ("Ctrl+Z", "undo the last alert or ticket action (for a few seconds)"),
            ("F1", "this help"),
            ("Ctrl+Q", "quit"),
            ("Tab / Shift+Tab", "next / previous field, button or table"),
        ),
    ),
    (
        "In a list",
        (
            ("↑ ↓, J K", "previous / next row"),
            ("Enter", "open the row's customer (Customer 360)"),
            ("Menu key, Shift+F10", "the row's actions"),
        ),
    ),
    (
        "In the alert queue",
        (
            ("A", "acknowledge the selected alerts"),
            ("R", "resolve them (asks for a note)"),
        ),
    ),
    (
        "In a dialog",
        (
            ("Enter", "save (only when the form is complete)"),
            ("Ctrl+Enter", "save from a multi-line text"),
            ("Esc", "cancel: nothing is saved"),
        ),
    ),
    (
        "In a customer picker",
        (
            ("a few letters", "list the matching customers"),
            ("↓ then Enter", "pick one"),
        ),
    ),
    (
        "In Customer 360",
        (
            ("Ctrl+Tab / Ctrl+Shift+Tab", "next / previous tab"),
            ("Esc", "close the view"),
        ),
    ),
)

PAGES_HELP = (
    (
        "dashboard",
        "Dashboard",
        "The numbers that matter today: customers at risk and the revenue behind them, open "
        "alerts and how fast they get a response, open tickets, interventions. Activate a tile "
        "(click, or Tab to it and press Enter) to open the matching list. The charts follow the "
        "period chosen at the top.",
    ),
    (
        "customers",
        "Customers",
        "Every customer with their churn risk, health and value. Type in the search box to find "
        "a customer by name, email or order number; narrow the list with the risk, account, tag "
        "and segment filters. Enter opens the Customer 360: risk and its reasons, payments, "
        "behaviour, the timeline, orders, tickets, notes, tags and interventions, with the "
        "actions (new ticket, note, tag, outreach, acknowledge the customer's alerts). Select two "
        "customers and press Compare to see them side by side. Export (above the list) saves "
        "every customer the search and filters find, with the shown columns, as CSV or an Excel "
        "workbook; Customer 360's Export saves a one-page PDF summary (supervisors and admins; "
        "agents export the alerts and tickets assigned to them).",
    ),
    (
        "alerts",
        "Alerts",
        "The queue: the most urgent first. Move with the arrows or J/K; A acknowledges (you are "
        "on it), R resolves with a note, Dismiss closes an alert that needs nothing, Assign hands "
        "it to a colleague. Several rows can be selected; \u201cApply to all matching\u201d acts "
        "on everything the filter finds, as a background job you can cancel. Ctrl+Z undoes your "
        "last action for a few seconds, unless someone changed the alert since.",
    ),
    (
        "tickets",
        "Tickets",
        "Support tickets, newest first. The panel shows the selected ticket's thread: reply (or "
        "add an internal note), move it along open → in progress → pending → resolved → closed, "
        "edit or assign it. New ticket (Ctrl+N) asks for the customer: type a few letters of "
        "their name or email and pick them from the list.",
    ),
    (
        "models",
        "Models",
        "The churn models: train new ones from the history, compare their metrics and curves, "
        "activate the one scoring uses, and score every customer now (a background job with "
        "progress and cancel).",
    ),
    (
        "settings",
        "Settings",
        "The database this workstation opens at its next start (test a connection first), and "
        "the theme: as the system, light or dark, used at once and remembered.",
    ),
    (
        "account",
        "Your account",
        "File → Change my password asks for your current password and a new one of at least "
        "12 characters. File → Sign out returns to the sign-in dialog, so a colleague can sign "
        "in on the same workstation without restarting.",
    ),
)


def help_html() -> str:
    esc = html.escape
    parts = ["<h2>ChurnWatch</h2>",
             "<p>Find the customers about to leave, and work them: alerts, tickets, notes and "
             "outreach, all in one place.</p>"]  # fmt: skip
    for key, title, text in PAGES_HELP:
        parts.append(f"<h3><a name='{key}'></a>{esc(title)}</h3><p>{esc(text)}</p>")
    parts.append("<h3><a name='shortcuts'></a>Keyboard shortcuts</h3>")
    for where, keys in SHORTCUTS:
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>"
            for k, v in keys
        )
        parts.append(f"<p><i>{esc(where)}</i></p><table>{rows}</table>")
    return "".join(parts)


class HelpDialog(QDialog):
    """The guide, opened at the current page's section (or at the shortcuts)."""

    def __init__(self, anchor: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("help")
        self.setWindowTitle("ChurnWatch help")
        self.resize(640, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html())
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self.browser.setFocus()


# The libraries a bundle ships, by distribution name, with their licences.
LIBRARIES = (
    ("PySide6", "LGPL-3.0"),
    ("pyqtgraph", "MIT"),
    ("scikit-learn", "BSD-3-Clause"),
    ("numpy", "BSD-3-Clause"),
    ("peewee", "MIT"),
    ("PyMySQL", "MIT"),
    ("skops", "MIT"),
    ("platformdirs", "MIT"),
    ("keyring", "MIT"),
    ("openpyxl", "MIT"),
    ("lxml", "BSD-3-Clause"),
)


# Where the distribution is installed under another name (PySide6's modules ship in
# PySide6-Essentials when the add-ons are not installed).
DISTRIBUTIONS = {"PySide6": ("PySide6", "PySide6-Essentials")}


def library_version(name: str) -> str:
    from importlib import metadata  # only for About: ~0.1 s of every start otherwise

    for distribution in DISTRIBUTIONS.get(name, (name,)):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def about_html(ctx: AppContext, schema: str) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><td style='padding-right:12px'>{esc(name)}</td>"
        f"<td style='padding-right:12px'>{esc(library_version(name))}</td>"
        f"<td>{esc(licence)}</td></tr>"
        for name, licence in LIBRARIES
    )
    return (
        f"<h2>ChurnWatch {esc(desktop.__version__)}</h2>"
        "<p>Churn early warning for eCommerce and subscription businesses.</p>"
        f"<p><b>Database</b>: {esc(str(ctx.url))}<br>"  # str() never shows a password
        f"<b>Schema</b>: {esc(schema)}<br>"
        f"<b>Signed in as</b>: {esc(ctx.user.display_name)} ({esc(ctx.user.role)})</p>"
        "<p><b>Bundled libraries</b></p>"
        f"<table>{rows}</table>"
        "<p>Each library is used under its own licence; PySide6 (Qt) under the LGPL 3, "
        "dynamically linked and replaceable.</p>"
    )


class AboutDialog(QDialog):
    """Version, database, schema and the bundled libraries' licences."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("about")
        self.setWindowTitle("About ChurnWatch")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.text = QLabel(about_html(ctx, f"version {SCHEMA_VERSION} (reading…)"))
        self.text.setObjectName("about_text")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(460)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        database = ctx.database
        workers.submit(lambda: stored_version(database), self._schema, self._no_schema, owner=self)

    def _schema(self, version: int | None) -> None:
        text = f"version {version}" if version is not None else "not created"
        if version is not None and version != SCHEMA_VERSION:
            text += f" (this ChurnWatch expects {SCHEMA_VERSION})"
        self.text.setText(about_html(self.ctx, text))

    def _no_schema(self, exc: BaseException) -> None:
        log.warning("about: schema version not read: %s", type(exc).__name__)
        self.text.setText(about_html(self.ctx, f"version {SCHEMA_VERSION} (not read: no database)"))
