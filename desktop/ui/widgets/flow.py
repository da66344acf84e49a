"""A layout that places its widgets in a row and wraps to the next row when they do not fit.

The filter bars use it: at full width the search and every filter sit on one line; in a
1024-pixel window they wrap instead of being squeezed to "Any ri".
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items keep their size hint (never narrower than their minimum) and wrap as needed;
    `stretch_first` lets the first item (the search box) take the room left on its row."""

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, *, stretch_first: bool = False
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.stretch_first = stretch_first
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        width = sum(self._hint(i).width() + self._spacing for i in self._visible())
        height = max((self._hint(i).height() for i in self._visible()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(self._hint(item))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    @staticmethod
    def _hint(item: QLayoutItem) -> QSize:
        return item.sizeHint().expandedTo(item.minimumSize())

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            w = self._hint(item).width()
            if rows[-1] and used + self._spacing + w > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + w
            rows[-1].append(item)
        return [r for r in rows if r]

    def _place(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        if not self._visible():
            return 0
        y = area.y()
        for n, row in enumerate(self._rows(area.width())):
            height = max(self._hint(i).height() for i in row)
            widths = [self._hint(i).width() for i in row]
            if n == 0 and self.stretch_first and row and row[0] is self._visible()[0]:
                room = area.width() - sum(widths) - self._spacing * (len(row) - 1)
                policy = row[0].widget().sizePolicy() if row[0].widget() else None
                grows = policy is None or policy.horizontalPolicy() != QSizePolicy.Policy.Fixed
                if room > 0 and grows:
                    widths[0] = min(widths[0] + room, row[0].maximumSize().width())
            x = area.x()
            for item, w in zip(row, widths, strict=True):
                if move:
                    h = self._hint(item).height()
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                x += w + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom()
