"""Long work as plain functions that report progress and can be cancelled.

A task is `run(..., state: TaskState)`: it calls `state.progress(done, total, text)` now and then,
which raises `Cancelled` once someone called `state.cancel()`. The same function runs from the
command line (with a printing state) and in the window (a Qt runner forwards progress as signals);
the function itself knows nothing of Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled the task; not an error."""


class TaskState:
    """Progress sink and cancel flag shared between a task and whoever started it."""

    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._cancel = threading.Event()
        self._on_progress = on_progress
        self.done = 0
        self.total = 0
        self.text = ""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if cancel was asked for; call between units of work."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.done, self.total, self.text = done, total, text
        if self._on_progress is not None:
            self._on_progress(done, total, text)
        self.check()
