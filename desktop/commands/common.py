"""What every subcommand needs: the database named by `--db`, progress printing."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import peewee as pw

from db import models as m
from db.connection import DatabaseURL, connect, resolve_url
from db.migrations import check_schema
from desktop.cli_language import install_translator
from desktop.core.auth import ENV_PASSWORD, SignInError, sign_in
from desktop.core.i18n import (
    QT_TRANSLATE_NOOP,
    Number,
    render,
    render_error,
)


def text_of(message: object) -> str:
    """A message (or a plain string) in the user's language."""
    install_translator()
    return render(message)


def say(message: object, file: TextIO | None = None) -> None:
    """Print one message in the user's language (stdout unless `file`)."""
    print(text_of(message), file=sys.stdout if file is None else file)


def warn(message: object) -> None:
    """A warning on stderr, as `churnwatch: warning: ...`."""
    say(
        QT_TRANSLATE_NOOP("Commands", "churnwatch: warning: {message}").format(message=message),
        sys.stderr,
    )


def error(message: object) -> None:
    """An error (a message or an exception) on stderr, as `churnwatch: error: ...`."""
    if isinstance(message, BaseException):
        install_translator()
        message = render_error(message)
    say(
        QT_TRANSLATE_NOOP("Commands", "churnwatch: error: {message}").format(message=message),
        sys.stderr,
    )


def number(value: float, digits: int = 0) -> str:
    """A figure in a table column, with the language's marks (1,234 · 1 234)."""
    return text_of(Number(value, digits))


def open_database(
    args: argparse.Namespace, *, create: bool = False, check: bool = True
) -> tuple[pw.Database, DatabaseURL]:
    """Connect to the database `--db` names; by default refuse one whose schema is not current."""
    database, url = connect(resolve_url(args.db), create=create)
    if check:
        check_schema(database)
    return database, url


class ProgressPrinter:
    """Prints task progress to stderr, at most a few times a second, overwriting one line."""

    def __init__(self, stream: TextIO | None = None, interval: float = 0.5) -> None:
        # Resolved now, not at import: sys.stderr may have been replaced since (tests, GUI).
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self._last = 0.0
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if now - self._last < self.interval and done < total:
            return
        self._last = now
        pct = text_of(Number(done / total, 1, share=True)).rjust(6) if total else ""
        line = f"{pct} {text_of(text)}".strip()
        if self._tty:
            self.stream.write(f"\r\x1b[K{line}")
            if total and done >= total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def type_error(message: object) -> argparse.ArgumentTypeError:
    """A refused option value: argparse prints `str(exc)`, so the message is rendered now."""
    return argparse.ArgumentTypeError(text_of(message))


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1, with a message that says which."""
    try:
        value = int(text)
    except ValueError:
        raise type_error(
            QT_TRANSLATE_NOOP("Commands", "'{text}' is not a whole number").format(text=text)
        ) from None
    if value < 1:
        raise type_error(QT_TRANSLATE_NOOP("Commands", "must be at least 1"))
    return value


def int_up_to(maximum: int) -> Callable[[str], int]:
    """argparse type: a whole number from 1 to `maximum`, so a huge value is refused with a
    message instead of overflowing a database integer or a date further on."""

    def parse(text: str) -> int:
        value = positive_int(text)
        if value > maximum:
            raise type_error(
                QT_TRANSLATE_NOOP("Commands", "must be at most {maximum}").format(
                    maximum=Number(maximum)
                )
            )
        return value

    parse.__name__ = "whole number"  # argparse names the type in some messages
    return parse


AS_HELP = QT_TRANSLATE_NOOP(
    "Commands",
    "act as this staff member (password from $CHURNWATCH_PASSWORD, else a prompt); required "
    "once the database has staff accounts, and the permission matrix applies",
)


def add_as_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", help=AS_HELP)


def acting_user(args: argparse.Namespace, database: pw.Database) -> m.User | None:
    """The staff member `--as` names, signed in (lockout and all); None without `--as`, which
    the permission checks accept only while the database has no active staff account."""
    name = getattr(args, "as_user", None)
    if not name:
        return None
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        password = ask_password(
            QT_TRANSLATE_NOOP("Commands", "password for {name}: ").format(name=name)
        )
    return sign_in(database, name, password)


NO_USERS_YET = QT_TRANSLATE_NOOP(
    "Commands",
    "the database has no users yet; add the first admin: "
    "churnwatch user add NAME --role admin --password-stdin",
)


def services_as(args: argparse.Namespace, database: pw.Database, refused: object) -> Any:
    """The services of the staff member `--as` names; without `--as`, one line: how to add the
    first admin while there is none, else `refused` (what the command needs and `--as`)."""
    from desktop.core.services import NotAllowed, Services, has_users  # not at start-up

    user = acting_user(args, database)
    if user is None:
        raise NotAllowed(refused if has_users() else NO_USERS_YET)
    return Services(database, user)


def ask_password(prompt: object) -> str:
    """A password typed at the terminal; a clear error, not a traceback, when there is no one
    to ask (a script, a cron job: stdin closed or empty, and no $CHURNWATCH_PASSWORD)."""
    try:
        return getpass.getpass(text_of(prompt))
    except EOFError:
        print(file=sys.stderr)  # end the prompt's line
        raise SignInError(
            QT_TRANSLATE_NOOP(
                "Commands",
                "no password was typed (stdin is closed): set {variable} or run the command in "
                "a terminal",
            ).format(variable=ENV_PASSWORD)
        ) from None
