"""`churnwatch` command line: subcommands registered by the modules in `desktop.commands`."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import peewee as pw

from db.connection import DatabaseError, explain_server_error
from db.tasks import Cancelled
from db.validation import ValidationError
from desktop.commands import COMMAND_MODULES
from desktop.commands.common import error, install_translator, say, text_of
from desktop.core.auth import SignInError
from desktop.core.i18n import QT_TRANSLATE_NOOP, Message, render_error
from desktop.core.services.base import ServiceError

log = logging.getLogger(__name__)

# argparse's own words, as Python 3.11's argparse asks `gettext` for them (its msgids, exactly),
# listed so lupdate collects them; `_ArgparseWord` looks them up in the catalogue. Its messages
# about mistakes in the parser's own definition stay English: a user never sees them.
ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
)
USAGE = ARGPARSE_WORDS[0]
# The name argparse gives a `type=int` / `type=float` in "invalid %(type)s value".
ARGPARSE_TYPES = {
    "int": QT_TRANSLATE_NOOP("argparse", "int"),
    "float": QT_TRANSLATE_NOOP("argparse", "float"),
}
# A section heading and the colon argparse writes after it ("options:", French "options :").
HEADING = QT_TRANSLATE_NOOP("argparse", "{heading}:")


class _ArgparseWord(Message):
    """One of argparse's words (see `ARGPARSE_WORDS`): English as a `str`, so building the parser
    loads no translator; translated when shown. argparse fills its messages in with `%` just
    before it prints them (an error), so they are translated then, their values too."""

    def __mod__(self, values: object) -> str:
        if isinstance(values, dict):
            filled: object = {key: _shown(key, value) for key, value in values.items()}
        elif isinstance(values, tuple):
            filled = tuple(_shown("", value) for value in values)
        else:
            filled = _shown("", values)
        try:
            return text_of(self) % filled
        except (KeyError, TypeError, ValueError):  # a translation that does not fit: English
            log.warning("translation of argparse's %r does not match it", self.template)
            return str(self) % filled


def _shown(key: str, value: object) -> object:
    if key == "type" and value in ARGPARSE_TYPES:
        return text_of(ARGPARSE_TYPES[str(value)])
    return text_of(value) if isinstance(value, Message) else value


def _argparse_gettext(message: str) -> str:
    return _ArgparseWord(message, "argparse") if isinstance(message, str) else message


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    return _argparse_gettext(singular if count == 1 else plural)


class _HelpFormatter(argparse.HelpFormatter):
    """Renders the help texts (`Message`s) when the help is printed, in the user's language."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return text_of(action.help) if isinstance(action.help, Message) else action.help

    def _format_text(self, text: str) -> str:
        return super()._format_text(text_of(text) if isinstance(text, Message) else text)

    def start_section(self, heading: str | None) -> None:
        if heading is not None:
            heading = text_of(HEADING.format(heading=heading)).removesuffix(":")
        super().start_section(heading)

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        if prefix is None:
            prefix = text_of(USAGE)
        return super()._format_usage(usage, actions, groups, prefix)


class _ArgumentParser(argparse.ArgumentParser):
    """Every parser and subparser of `churnwatch`: its help in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _translate_argparse() -> None:
    """Route argparse's `gettext` to the Qt catalogue (context "argparse"), English without it."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


class _VersionAction(argparse.Action):
    """`--version`, reading the version only when asked (see `desktop._version`)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0,
            help=QT_TRANSLATE_NOOP("Commands", "show the version and exit"),
        )  # fmt: skip

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import desktop

        print(f"{parser.prog} {desktop.__version__}")  # on stdout, as argparse's own action
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    _translate_argparse()
    parser = _ArgumentParser(
        prog="churnwatch",
        description=QT_TRANSLATE_NOOP(
            "Commands",
            "ChurnWatch – churn early warning for eCommerce and subscription businesses.",
        ),
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        metavar="URL",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "database URL: sqlite:///path/file.db or mysql://user@host:3306/name "
            "(default: $CHURNWATCH_DB, else the embedded database in your user data directory)",
        ),
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0,
        help=QT_TRANSLATE_NOOP("Commands", "more logging"),
    )  # fmt: skip
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
