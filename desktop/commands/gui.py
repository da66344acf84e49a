"""`churnwatch gui` (and plain `churnwatch`): the desktop window."""

from __future__ import annotations

import argparse

from desktop.commands.database import demo_customers
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number

# Enough history for the first model to find customers at risk (with 100 it rated every one LOW)
# and still filled, trained and scored within seconds.
DEMO_WINDOW_CUSTOMERS = 1000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "gui", help=QT_TRANSLATE_NOOP("Commands", "open the desktop window (the default command)")
    )
    add_options(p)
    p.set_defaults(handler=cmd_gui)


def add_options(p: argparse.ArgumentParser) -> None:
    """The window's options: on `churnwatch gui` and on plain `churnwatch` alike."""
    p.add_argument(
        "--demo",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "create and fill the database with demo data if it is empty, and sign in as the "
            "demo supervisor",
        ),
    )
    p.add_argument(
        "--demo-customers", type=demo_customers, default=DEMO_WINDOW_CUSTOMERS, metavar="N",
        help=QT_TRANSLATE_NOOP(
            "Commands", "customers in a new demo database (default {customers})"
        ).format(customers=Number(DEMO_WINDOW_CUSTOMERS)),
    )  # fmt: skip
    p.add_argument(
        "--user", metavar="NAME",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "sign in as NAME without the dialog; the password comes from CHURNWATCH_PASSWORD",
        ),
    )  # fmt: skip
    p.add_argument(
        "--theme", choices=("system", "light", "dark"), default="system",
        help=QT_TRANSLATE_NOOP(
            "Commands", "colours: the system's (default), or Fusion's light or dark palette"
        ),
    )  # fmt: skip
    p.add_argument(
        "--screenshot", metavar="DIR",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "visit every page, save one PNG per page (and a Customer 360) into DIR, and exit",
        ),
    )  # fmt: skip


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.ui.app import run

    return run(args)


# Plain `churnwatch [--demo] [--user NAME] [--screenshot DIR]` opens the window
# (see desktop.cli.build_parser).
DEFAULT_HANDLER = cmd_gui
DEFAULT_OPTIONS = add_options
