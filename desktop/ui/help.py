"""Help → ChurnWatch help (F1): a short guide to each page and the keyboard; Help → About."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
from desktop.ui.roles import role_name

log = logging.getLogger(__name__)

# (key, what it does), by where it works; the README lists the same.
SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("Help", "Everywhere"),
        (
            (
                QT_TRANSLATE_NOOP("Help", "Ctrl+1 … Ctrl+6"),
                QT_TRANSLATE_NOOP(
                    "Help", "Dashboard, Customers, Alerts, Tickets, Models, Settings"
                ),
            ),
            (
                QT_TRANSLATE_NOOP("Help", "Ctrl+F"),
                QT_TRANSLATE_NOOP("Help", "the current page's search box"),
            ),
            (
                QT_TRANSLATE_NOOP("Help", "F5"),
                QT_TRANSLATE_NOOP("Help", "refresh the current page"),
            ),
            (QT_TRANSLATE_NOOP("Help", "Ctrl+N"), QT_TRANSLATE_NOOP("Help", "new ticket")),
            (
                QT_TRANSLATE_NOOP("Help", "Ctrl+Z"),
                QT_TRANSLATE_NOOP(
                    "Help", "undo the last alert or ticket action (for a few seconds)"
                ),
            ),
            (QT_TRANSLATE_NOOP("Help", "F1"), QT_TRANSLATE_NOOP("Help", "this help")),
            (QT_TRANSLATE_NOOP("Help", "Ctrl+Q"), QT_TRANSLATE_NOOP("Help", "quit")),
            (
                QT_TRANSLATE_NOOP("Help", "Tab / Shift+Tab"),
                QT_TRANSLATE_NOOP("Help", "next / previous field, button or table"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "In a list"),
        (
            (
                QT_TRANSLATE_NOOP("Help", "↑ ↓, J K"),
                QT_TRANSLATE_NOOP("Help", "previous / next row"),
            ),
            (
                QT_TRANSLATE_NOOP("Help", "Enter"),
                QT_TRANSLATE_NOOP("Help", "open the row's customer (Customer 360)"),
            ),
            (
                QT_TRANSLATE_NOOP("Help", "Menu key, Shift+F10"),
                QT_TRANSLATE_NOOP("Help", "the row's actions"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "In the alert queue"),
        (
            (
                QT_TRANSLATE_NOOP("Help", "A"),
                QT_TRANSLATE_NOOP("Help", "acknowledge the selected alerts"),
            ),
            (
                QT_TRANSLATE_NOOP("Help", "R"),
                QT_TRANSLATE_NOOP("Help", "resolve them (asks for a note)"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "In a dialog"),
        (
            (
                QT_TRANSLATE_NOOP("Help", "Enter"),
                QT_TRANSLATE_NOOP("Help", "save (only when the form is complete)"),
            ),
            (
                QT_TRANSLATE_NOOP("Help", "Ctrl+Enter"),
                QT_TRANSLATE_NOOP("Help", "save from a multi-line text"),
            ),
            (
                QT_TRANSLATE_NOOP("Help", "Esc"),
                QT_TRANSLATE_NOOP("Help", "cancel: nothing is saved"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "In a customer picker"),
        (
            (
                QT_TRANSLATE_NOOP("Help", "a few letters"),
                QT_TRANSLATE_NOOP("Help", "list the matching customers"),
            ),
            (QT_TRANSLATE_NOOP("Help", "↓ then Enter"), QT_TRANSLATE_NOOP("Help", "pick one")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "In Customer 360"),
        (
            (
                QT_TRANSLATE_NOOP("Help", "Ctrl+Tab / Ctrl+Shift+Tab"),
                QT_TRANSLATE_NOOP("Help", "next / previous tab"),
            ),
            (QT_TRANSLATE_NOOP("Help", "Esc"), QT_TRANSLATE_NOOP("Help", "close the view")),
        ),
    ),
)

PAGES_HELP = (
    (
        "dashboard",
        QT_TRANSLATE_NOOP("Help", "Dashboard"),
        QT_TRANSLATE_NOOP(
            "Help",
            "The numbers that matter today: customers at risk and the revenue behind them, open "
            "alerts and how fast they get a response, open tickets, interventions. Activate a tile "
            "(click, or Tab to it and press Enter) to open the matching list. The charts "
            "follow the "
            "period chosen at the top.",
        ),
    ),
    (
        "customers",
        QT_TRANSLATE_NOOP("Help", "Customers"),
        QT_TRANSLATE_NOOP(
            "Help",
            "Every customer with their churn risk, health and value. Type in the search "
            "box to find "
            "a customer by name, email or order number; narrow the list with the risk, "
            "account, tag "
            "and segment filters. Enter opens the Customer 360: risk and its reasons, payments, "
            "behaviour, the timeline, orders, tickets, notes, tags and interventions, with the "
            "actions (new ticket, note, tag, outreach, acknowledge the customer's "
            "alerts). Select two "
            "customers and press Compare to see them side by side. Export (above the list) saves "
            "every customer the search and filters find, with the shown columns, as CSV "
            "or an Excel "
            "workbook; Customer 360's Export saves a one-page PDF summary (supervisors and admins; "
            "agents export the alerts and tickets assigned to them).",
        ),
    ),
    (
        "alerts",
        QT_TRANSLATE_NOOP("Help", "Alerts"),
        QT_TRANSLATE_NOOP(
            "Help",
            "The queue: the most urgent first. Move with the arrows or J/K; A "
            "acknowledges (you are "
            "on it), R resolves with a note, Dismiss closes an alert that needs nothing, "
            "Assign hands "
            "it to a colleague. Several rows can be selected; \u201cApply to all "
            "matching\u201d acts "
            "on everything the filter finds, as a background job you can cancel. Ctrl+Z "
            "undoes your "
            "last action for a few seconds, unless someone changed the alert since.",
        ),
    ),
    (
        "tickets",
        QT_TRANSLATE_NOOP("Help", "Tickets"),
        QT_TRANSLATE_NOOP(
            "Help",
            "Support tickets, newest first. The panel shows the selected ticket's thread: "
            "reply (or "
            "add an internal note), move it along open → in progress → pending → resolved "
            "→ closed, "
            "edit or assign it. New ticket (Ctrl+N) asks for the customer: type a few letters of "
            "their name or email and pick them from the list.",
        ),
    ),
    (
        "models",
        QT_TRANSLATE_NOOP("Help", "Models"),
        QT_TRANSLATE_NOOP(
            "Help",
            "The churn models: train new ones from the history, compare their metrics and curves, "
            "activate the one scoring uses, and score every customer now (a background job with "
            "progress and cancel).",
        ),
    ),
    (
        "settings",
        QT_TRANSLATE_NOOP("Help", "Settings"),
        QT_TRANSLATE_NOOP(
            "Help",
            "The database this workstation opens at its next start (test a connection first), "
            "the theme: as the system, light or dark, used at once and remembered, and the "
            "language: as the system, English or French, used from the next start.",
        ),
    ),
    (
        "account",
        QT_TRANSLATE_NOOP("Help", "Your account"),
        QT_TRANSLATE_NOOP(
            "Help",
            "File → Change my password asks for your current password and a new one of at least "
            "12 characters. File → Sign out returns to the sign-in dialog, so a colleague can sign "
            "in on the same workstation without restarting.",
        ),
    ),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def help_html() -> str:
    esc = html.escape
    intro = QCoreApplication.translate(
        "Help",
        "Find the customers about to leave, and "
        "work them: alerts, tickets, notes and outreach, all in one place.",
    )
    parts = ["<h2>ChurnWatch</h2>", f"<p>{esc(intro)}</p>"]
    for key, title, text in PAGES_HELP:
        parts.append(f"<h3><a name='{key}'></a>{esc(_t(title))}</h3><p>{esc(_t(text))}</p>")
    shortcuts = QCoreApplication.translate("Help", "Keyboard shortcuts")
    parts.append(f"<h3><a name='shortcuts'></a>{esc(shortcuts)}</h3>")
    for where, keys in SHORTCUTS:
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{esc(_t(k))}</b></td><td>{esc(_t(v))}</td></tr>"
            for k, v in keys
        )
        parts.append(f"<p><i>{esc(_t(where))}</i></p><table>{rows}</table>")
    return "".join(parts)


class HelpDialog(QDialog):
    """The guide, opened at the current page's section (or at the shortcuts)."""

    def __init__(self, anchor: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("help")
        self.setWindowTitle(self.tr("ChurnWatch help"))
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
    return QCoreApplication.translate("AboutDialog", "not installed")


def about_html(ctx: AppContext, schema: str) -> str:
    esc = html.escape
    translate = QCoreApplication.translate
    rows = "".join(
        f"<tr><td style='padding-right:12px'>{esc(name)}</td>"
        f"<td style='padding-right:12px'>{esc(library_version(name))}</td>"
        f"<td>{esc(licence)}</td></tr>"
        for name, licence in LIBRARIES
    )
    intro = translate(
        "AboutDialog", "Churn early warning for eCommerce and subscription businesses."
    )
    database, schema_word = translate("AboutDialog", "Database"), translate("AboutDialog", "Schema")
    signed_in, bundled = (
        translate("AboutDialog", "Signed in as"),
        translate("AboutDialog", "Bundled libraries"),
    )
    licences = translate(
        "AboutDialog",
        "Each library is used under its own licence; PySide6 (Qt) under the LGPL 3, "
        "dynamically linked and replaceable.",
    )
    return (
        f"<h2>ChurnWatch {esc(desktop.__version__)}</h2>"
        f"<p>{esc(intro)}</p>"
        f"<p><b>{esc(database)}</b>: {esc(str(ctx.url))}<br>"  # str() never shows a password
        f"<b>{esc(schema_word)}</b>: {esc(schema)}<br>"
        f"<b>{esc(signed_in)}</b>: {esc(ctx.user.display_name)} "
        f"({esc(role_name(ctx.user.role))})</p>"
        f"<p><b>{esc(bundled)}</b></p>"
        f"<table>{rows}</table>"
        f"<p>{esc(licences)}</p>"
    )


class AboutDialog(QDialog):
    """Version, database, schema and the bundled libraries' licences."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("about")
        self.setWindowTitle(self.tr("About ChurnWatch"))
        self.ctx = ctx
        layout = QVBoxLayout(self)
        reading = self.tr("version {version} (reading…)").format(version=SCHEMA_VERSION)
        self.text = QLabel(about_html(ctx, reading))
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
        if version is None:
            text = self.tr("not created")
        else:
            text = self.tr("version {version}").format(version=version)
        if version is not None and version != SCHEMA_VERSION:
            text += self.tr(" (this ChurnWatch expects {version})").format(version=SCHEMA_VERSION)
        self.text.setText(about_html(self.ctx, text))

    def _no_schema(self, exc: BaseException) -> None:
        log.warning("about: schema version not read: %s", type(exc).__name__)
        text = self.tr("version {version} (not read: no database)").format(version=SCHEMA_VERSION)
        self.text.setText(about_html(self.ctx, text))
