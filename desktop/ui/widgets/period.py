"""A date-range picker: the last 7, 30 or 90 days, the last year, or custom dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop.core.read.dashboard import Period

PRESETS: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("PeriodPicker", "Last 7 days"), 7),
    (QT_TRANSLATE_NOOP("PeriodPicker", "Last 30 days"), 30),
    (QT_TRANSLATE_NOOP("PeriodPicker", "Last 90 days"), 90),
    (QT_TRANSLATE_NOOP("PeriodPicker", "Last year"), 365),
    (QT_TRANSLATE_NOOP("PeriodPicker", "Custom…"), None),
)


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class PeriodPicker(QWidget):
    """Emits `periodChanged(Period)` when the user picks another range."""

    periodChanged = Signal(object)

    def __init__(
        self,
        default_days: int = 30,
        now: Callable[[], datetime] = _utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self.preset = QComboBox(self)
        self.preset.setAccessibleName(self.tr("Period"))
        for label, days in PRESETS:
            self.preset.addItem(self.tr(label), days)
        self.start = QDateEdit(self, calendarPopup=True)
        self.end = QDateEdit(self, calendarPopup=True)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd")
        today = QDate.currentDate()
        self.start.setDate(today.addDays(-default_days))
        self.end.setDate(today)
        self.to_label = QLabel(self.tr("to"), self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.preset, self.start, self.to_label, self.end):
            layout.addWidget(widget)

        index = next((i for i, (_, d) in enumerate(PRESETS) if d == default_days), 1)
        self.preset.setCurrentIndex(index)
        self._show_custom(False)
        self.preset.currentIndexChanged.connect(self._on_preset)
        self.start.dateChanged.connect(self._on_custom)
        self.end.dateChanged.connect(self._on_custom)

    def _show_custom(self, visible: bool) -> None:
        for widget in (self.start, self.to_label, self.end):
            widget.setVisible(visible)

    def period(self) -> Period:
        days = self.preset.currentData()
        if days is not None:
            return Period.last(int(days), self._now())
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if end < start:
            start, end = end, start
        return Period(
            datetime.combine(start, time()), datetime.combine(end, time()) + timedelta(days=1)
        )

    def _on_preset(self) -> None:
        self._show_custom(self.preset.currentData() is None)
        self.periodChanged.emit(self.period())

    def _on_custom(self) -> None:
        if self.preset.currentData() is None:
            self.periodChanged.emit(self.period())
