"""Background jobs in the status bar: a progress bar and a cancel button per running job."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from db.tasks import Cancelled, TaskState
from desktop.ui import workers

log = logging.getLogger(__name__)


class JobView(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.label = QLabel(title)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(True)
        self.cancel = QToolButton()
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Cancel: {job}").format(job=title))
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)

    def progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if text:
            self.bar.setToolTip(text)


class JobsBar(QWidget):
    """Holds the running jobs' views; a finished job reports through `on_done`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.running: dict[int, TaskState] = {}

    def start(
        self,
        title: str,
        fn: Callable[[TaskState], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        **where: Any,
    ) -> TaskState:
        """Run `fn` as a job with its progress bar and cancel button; `where`: the pool and
        database (`workers.submit_task`)."""
        view = JobView(title, self)
        self._layout.addWidget(view)

        def finish() -> None:
            self.running.pop(id(view), None)
            view.deleteLater()

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            if not isinstance(exc, Cancelled):
                on_error(exc)
            else:
                on_error(Cancelled(self.tr("{job}: cancelled").format(job=title)))

        state = workers.submit_task(fn, done, failed, view.progress, owner=self, **where)
        view.cancel.clicked.connect(state.cancel)
        self.running[id(view)] = state
        return state
