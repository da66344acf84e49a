"""Quick writes from buttons, and what a failed read or write tells the user.

A refused write is shown to the user, never raised into Qt. What the user reads is a sentence
they can act on: the service layer's own messages (`ValidationError`, `ServiceError` with
`StaleWrite` and `BulkIncomplete`, and `db.units.ConnectionLost` / `DatabaseBusy`) as they are,
and any other driver error as one line about the database. A driver's own text (error codes,
SQL, the values it refused) never reaches a message box or the log; the log gets the class.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

import peewee as pw
import pymysql
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from db.connection import DatabaseError
from db.units import transient_kind
from db.validation import ValidationError
from desktop.core.services import ServiceError
from desktop.ui.messages import user_text

log = logging.getLogger(__name__)


def _tr(text: str) -> str:  # texts marked with QT_TRANSLATE_NOOP above
    return QCoreApplication.translate("Writes", text)


# Errors from the database layer that are not the service's own sentences.
DRIVER_ERRORS: tuple[type[BaseException], ...] = (
    pw.PeeweeException,
    pymysql.MySQLError,
    sqlite3.Error,
    ConnectionError,
    TimeoutError,
)
# Everything a write from a button or dialog may raise that the user is told about.
WRITE_ERRORS: tuple[type[BaseException], ...] = (
    ValidationError,
    ServiceError,
    DatabaseError,
    *DRIVER_ERRORS,
)

NOT_REACHED = QT_TRANSLATE_NOOP("Writes", "The database could not be reached; nothing was saved.")
BUSY = QT_TRANSLATE_NOOP(
    "Writes", "The database is busy with other users' changes; nothing was saved."
)
REFUSED = QT_TRANSLATE_NOOP("Writes", "The database refused the change; nothing was saved.")


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def validation_text(exc: ValidationError) -> str:
    return "; ".join(sentence(user_text(m)) for m in exc.errors.values()) or sentence(
        user_text(exc)
    )


def write_message(exc: BaseException, *, kept: bool = False) -> str:
    """What a failed write tells the user. `kept`: the form with what they typed stays open."""
    if isinstance(exc, ValidationError):
        return validation_text(exc)
    if not isinstance(exc, DRIVER_ERRORS):
        # The application's own errors (services, units, the model registry) are sentences.
        return sentence(user_text(exc)) or QCoreApplication.translate(
            "Writes", "That did not work ({error})."
        ).format(error=type(exc).__name__)
    log.warning("write failed: %s", type(exc).__name__)
    kind = transient_kind(exc)
    if kind == "busy":
        base = BUSY
    elif kind == "lost" or isinstance(exc, pw.OperationalError | pw.InterfaceError):
        base = NOT_REACHED
    elif isinstance(exc, pw.IntegrityError):
        base = REFUSED
        base = _tr(base) + QCoreApplication.translate(
            "Writes", " It conflicts with a change someone else made."
        )
        return base + (
            QCoreApplication.translate("Writes", " Your text is kept — try again.")
            if kept
            else QCoreApplication.translate("Writes", " Try again.")
        )
    else:
        base = REFUSED
    return _tr(base) + (
        QCoreApplication.translate("Writes", " Your text is kept — try again.")
        if kept
        else QCoreApplication.translate("Writes", " Try again.")
    )


def read_message(exc: BaseException, what: str) -> str:
    """What a failed read tells the user: "Could not load this customer: …"."""
    if isinstance(exc, ServiceError | DatabaseError):
        reason = user_text(exc)
    elif isinstance(exc, DRIVER_ERRORS):
        log.warning("read failed: %s", type(exc).__name__)
        reason = (
            QCoreApplication.translate("Writes", "the database is busy")
            if transient_kind(exc) == "busy"
            else QCoreApplication.translate("Writes", "the database could not be reached")
        )
    else:
        log.warning("read failed: %s", type(exc).__name__)
        reason = QCoreApplication.translate("Writes", "something went wrong while reading it")
    return QCoreApplication.translate(
        "Writes", "Could not load {what}: {reason}. Press F5 to try again."
    ).format(what=what, reason=reason)


def error_box(parent: QWidget, exc: BaseException) -> None:
    QMessageBox.warning(parent, "ChurnWatch", write_message(exc))


class busy_cursor:  # noqa: N801 - used like a function: `with busy_cursor():`
    """A wait cursor for a write the user waits on (it may retry a lost connection)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()


def run_write(parent: QWidget, fn: Callable[[], Any]) -> Any:
    """Run a quick write from a button; show a refused write as a message box."""
    try:
        with busy_cursor():
            return fn()
    except WRITE_ERRORS as exc:
        error_box(parent, exc)
        return None
