"""`churnwatch gui` (and plain `churnwatch`): the desktop window."""

from __future__ import annotations

import argparse

from desktop.commands.database import _positive_int

GUI_DEFAULTS = {"demo": False, "demo_customers": 100, "user": None, "screenshot": None}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("gui", help="open the desktop window (the default command)")
    p.add_argument(
        "--demo",
        action="store_true",
        help="create and fill the database with demo data if it is empty, and sign in as the "
        "demo supervisor",
    )
    p.add_argument(
        "--demo-customers", type=_positive_int, default=100, metavar="N",
        help="customers in a new demo database (default 100)",
    )  # fmt: skip
    p.add_argument(
        "--user", metavar="NAME",
        help="sign in as NAME without the dialog; the password comes from CHURNWATCH_PASSWORD",
    )  # fmt: skip
    p.add_argument(
        "--screenshot", metavar="DIR",
        help="visit every page, save one PNG per page (and a Customer 360) into DIR, and exit",
    )  # fmt: skip
    p.set_defaults(handler=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    """Plain `churnwatch` has no gui options on its namespace: use the defaults."""
    for name, value in GUI_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    from desktop.ui.app import run

    return run(args)


# Plain `churnwatch` opens the window (see desktop.cli.build_parser).
DEFAULT_HANDLER = cmd_gui
