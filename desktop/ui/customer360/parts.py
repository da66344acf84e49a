"""Small building blocks of the 360 and compare views: titled cards and read-only tables."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

log = logging.getLogger(__name__)


def card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    heading = QLabel(f"<b>{html.escape(title)}</b>")
    layout.addWidget(heading)
    return frame, layout


def table(headers: list[str]) -> QTableWidget:
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.verticalHeader().hide()
    widget.verticalHeader().setDefaultSectionSize(24)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setAlternatingRowColors(True)
    widget.setWordWrap(False)
    widget.setTabKeyNavigation(False)  # Tab moves on to the next control, as everywhere
    widget.horizontalHeader().setStretchLastSection(True)
    return widget


def stretch_column(widget: QTableWidget, column: int) -> None:
    """This column takes the width the others leave (the others fit their contents)."""
    header = widget.horizontalHeader()
    header.setStretchLastSection(False)
    widget.setProperty("stretch_column", column)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def fill(widget: QTableWidget, rows: list[list[Any]], ids: list[int] | None = None) -> None:
    widget.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if ids is not None:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            widget.setItem(r, c, item)
    stretch = widget.property("stretch_column")
    for c in range(widget.columnCount()):
        if c != stretch:
            widget.resizeColumnToContents(c)
