"""Quick writes from buttons: a refused write is shown to the user, never raised into Qt."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import peewee as pw
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from db.validation import ValidationError
from desktop.core.services import ServiceError

log = logging.getLogger(__name__)


def error_box(parent: QWidget, exc: BaseException) -> None:
    QMessageBox.warning(parent, "ChurnWatch", str(exc))


def run_write(parent: QWidget, fn: Callable[[], Any]) -> Any:
    """Run a quick write from a button; show a refused write as a message box."""
    try:
        return fn()
    except (ValidationError, ServiceError, pw.DatabaseError) as exc:
        error_box(parent, exc)
        return None
