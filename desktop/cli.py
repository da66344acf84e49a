"""`churnwatch` command line: subcommands registered by the modules in `desktop.commands`."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

import peewee as pw

from db.connection import DatabaseError, explain_server_error
from db.tasks import Cancelled
from db.validation import ValidationError
from desktop.commands import COMMAND_MODULES
from desktop.commands.common import error, install_translator, say
from desktop.core.auth import SignInError
from desktop.core.i18n import QT_TRANSLATE_NOOP, render_error
from desktop.core.services.base import ServiceError

log = logging.getLogger(__name__)


class _VersionAction(argparse.Action):
    """`--version`, reading the version only when asked (see `desktop._version`)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0,
            help="show the version and exit",
        )  # fmt: skip

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import desktop

        print(f"{parser.prog} {desktop.__version__}")  # on stdout, as argparse's own action
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="churnwatch",
        description="ChurnWatch – churn early warning for eCommerce and subscription businesses.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL: sqlite:///path/file.db or mysql://user@host:3306/name "
        "(default: $CHURNWATCH_DB, else the embedded database in your user data directory)",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(sub)
        # A module may name the handler for a bare `churnwatch` (the window, for gui), and the
        # options it takes there.
        if getattr(module, "DEFAULT_HANDLER", None) is not None:
            parser._default_handler = module.DEFAULT_HANDLER  # type: ignore[attr-defined]
            module.DEFAULT_OPTIONS(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler = getattr(args, "handler", None)
    if handler is None:
        default = getattr(parser, "_default_handler", None)
        if default is None:
            parser.print_help()
            return 0
        handler = default
    return _run(handler, args)


def _run(handler: Callable[[argparse.Namespace], int | None], args: argparse.Namespace) -> int:
    """The handler's exit code; errors a user can act on become one line and exit 2."""
    try:
        code = int(handler(args) or 0)
        sys.stdout.flush()  # here, so a closed pipe is seen inside the try
    except (DatabaseError, ValidationError, ServiceError, SignInError) as exc:
        error(user_text(exc))
        code = 2
    except pw.DatabaseError as exc:
        # Connection limits and missing privileges reached past `connect` (a worker's own
        # connection, init-db's CREATE TABLE); anything else is a bug and keeps its traceback.
        explained = explain_server_error(exc)
        if explained is None:
            raise
        error(user_text(explained))
        code = 2
    except BrokenPipeError:
        # The reader went away (`churnwatch db-check | head`): stop quietly. Python's recipe:
        # point stdout at devnull so the flush at exit does not complain again.
        _silence_stdout()
        code = 1
    except Cancelled as exc:
        say(
            QT_TRANSLATE_NOOP("Commands", "churnwatch: {message}").format(
                message=user_text(exc) or QT_TRANSLATE_NOOP("Commands", "cancelled")
            ),
            sys.stderr,
        )
        code = 130
    except KeyboardInterrupt:
        say(QT_TRANSLATE_NOOP("Commands", "churnwatch: interrupted"), sys.stderr)
        code = 130
    return code


def user_text(exc: BaseException) -> str:
    """An error in the system's language (LANGUAGE/LC_ALL/LANG), English when no catalogue fits.

    Qt's translator is loaded when the first line is printed (`desktop.commands.common`): QtCore
    needs no display, and `churnwatch --help` never imports it.
    """
    install_translator()
    return render_error(exc)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (tests, GUI)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
