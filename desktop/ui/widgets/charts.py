"""pyqtgraph charts for the dashboard: hover readout, zoom and pan, PNG and CSV export.

Long series stay fluid because pyqtgraph draws only what is in view (clip to view) and at most
a few points per pixel (peak downsampling keeps spikes visible).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.read.dashboard import Series
from desktop.core.read.export import write_series_csv
from desktop.ui.style import RISK_COLORS

__all__ = ["RISK_COLORS", "Chart"]

log = logging.getLogger(__name__)

# Distinct under common colour-vision deficiencies; text always accompanies colour.
SERIES_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf")


def _nearest(xs: np.ndarray, x: float) -> int | None:
    """Index of the value in sorted `xs` closest to `x`, or None when there are none."""
    if len(xs) == 0:
        return None
    index = int(np.clip(np.searchsorted(xs, x), 0, len(xs) - 1))
    if index > 0 and abs(xs[index - 1] - x) <= abs(xs[index] - x):
        index -= 1
    return index


def _short(label: str) -> str:
    """Tick text: 'YYYY-MM-DD' shows as 'MM-DD', 'YYYY-MM' as 'Jan 26' (the readout and the
    CSV keep the full label)."""
    if len(label) == 10 and label[4] == "-" and label[7] == "-":
        return label[5:]
    if len(label) == 7 and label[4] == "-" and label[5:].isdigit():
        return datetime(int(label[:4]), int(label[5:]), 1).strftime("%b %y")
    return label


class Chart(QWidget):
    """A titled plot with a toolbar (reset zoom, PNG, CSV) and a hover readout under it.

    `set_lines` takes numeric or epoch-second x (`time_axis=True`); `set_bars` and
    `set_stacked_bars` take category labels.
    """

    hovered = Signal(str)

    def __init__(
        self,
        title: str,
        *,
        time_axis: bool = False,
        y_label: str = "",
        legend_at_bottom: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.time_axis = time_axis
        self._series: list[Series] = []
        self._categories: list[str] = []
        self._lookup: list[tuple[str, np.ndarray, np.ndarray]] = []

        axis = {"bottom": pg.DateAxisItem(utcOffset=0)} if time_axis else {}
        self.plot = pg.PlotWidget(axisItems=axis)
        self.plot.setObjectName("chartPlot")
        self._apply_palette()
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.setMenuEnabled(False)
        if y_label:
            item.setLabel("left", y_label)
        palette = self.palette()
        self.legend = item.addLegend(
            offset=(-10, -10 if legend_at_bottom else 10),
            labelTextColor=palette.color(QPalette.Text),
            brush=pg.mkBrush(palette.color(QPalette.Base)),
            pen=pg.mkPen(palette.color(QPalette.Mid)),
        )

        self._vline = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen("#888", style=Qt.DashLine)
        )
        self._vline.setVisible(False)
        item.addItem(self._vline, ignoreBounds=True)
        item.scene().sigMouseMoved.connect(self._on_mouse_moved)

        title_label = QLabel(f"<b>{title}</b>")
        self.readout = QLabel(" ")
        self.readout.setObjectName("chartReadout")
        self.readout.setTextInteractionFlags(Qt.TextSelectableByMouse)

        reset = self._tool("⤢", "Reset zoom", self.reset_zoom)
        png = self._tool("PNG", "Save the chart as a PNG image", self._ask_png)
        csv = self._tool("CSV", "Save the chart's data as CSV", self._ask_csv)

        header = QHBoxLayout()
        header.addWidget(title_label, 1)
        for button in (reset, png, csv):
            header.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.empty = QLabel("No data", self)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("chartEmpty")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty)
        self.empty_message = "No data for this period"
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)

    def _tool(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _apply_palette(self) -> None:
        """Follow the system's light or dark palette."""
        palette = self.palette()
        self.plot.setBackground(palette.color(QPalette.Base))
        fg = palette.color(QPalette.Text)
        for name in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(name)
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))

    # --- data ---------------------------------------------------------------------------------

    @property
    def series(self) -> list[Series]:
        return list(self._series)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def _show_empty_if_no_data(self, zero_is_empty: bool = True) -> None:
        """Swap the plot for a message when there is nothing to see (all bars zero, no points)."""
        has_data = any(
            np.isfinite(ys).any() and (not zero_is_empty or (ys != 0).any())
            for _, _, ys in self._lookup
        )
        self.empty.setText(self.empty_message)
        self.stack.setCurrentWidget(self.plot if has_data else self.empty)

    def _reset(self) -> None:
        item = self.plot.getPlotItem()
        for child in list(item.listDataItems()):
            item.removeItem(child)
        self.legend.clear()
        self.legend.setVisible(True)
        self._lookup = []
        self._categories = []
        item.getAxis("bottom").setTicks(None)
        item.getAxis("left").setTicks(None)

    def set_lines(self, series: Sequence[Series], categories: Sequence[str] | None = None) -> None:
        """Lines over numeric x; with `categories`, x is an index into these labels."""
        self._reset()
        self._series = list(series)
        for index, s in enumerate(series):
            x = np.asarray(s.x, dtype=float)
            y = np.asarray(s.y, dtype=float)
            color = SERIES_COLORS[index % len(SERIES_COLORS)]
            curve = self.plot.plot(
                x,
                y,
                pen=pg.mkPen(color, width=2),
                name=s.name,
                connect="finite",
                symbol="o" if len(x) <= 60 else None,
                symbolSize=5,
                symbolBrush=color,
            )
            curve.setSkipFiniteCheck(True)
            self._lookup.append((s.name, x, y))
        if categories is not None:
            self._set_categories(categories)
            self._series = [
                Series(s.name, [self._categories[int(x)] for x in s.x], list(s.y)) for s in series
            ]
        self._show_empty_if_no_data(zero_is_empty=False)
        self.reset_zoom()

    def _set_categories(self, labels: Sequence[str]) -> None:
        self._categories = [str(label) for label in labels]
        step = max(1, math.ceil(len(labels) / 7))
        ticks = [(float(i), _short(str(label))) for i, label in enumerate(labels) if i % step == 0]
        self.plot.getPlotItem().getAxis("bottom").setTicks([ticks, []])

    def set_bars(self, series: Series, colors: Mapping[str, str] | None = None) -> None:
        """One bar per label; `colors` may colour bars by their label (risk levels)."""
        self._reset()
        labels = [str(x) for x in series.x]
        self._series = [series]
        heights = np.nan_to_num(np.asarray(series.y, dtype=float))
        x = np.arange(len(labels), dtype=float)
        default = SERIES_COLORS[0]
        brushes = [QColor((colors or {}).get(label, default)) for label in labels]
        self.plot.addItem(pg.BarGraphItem(x=x, height=heights, width=0.8, brushes=brushes))
        self._lookup.append((series.name, x, heights))
        self._set_categories(labels)
        self.legend.setVisible(False)  # one unnamed series: the title says what it is
        self._show_empty_if_no_data()
        self.reset_zoom()

    def set_stacked_bars(
        self,
        labels: Sequence[str],
        stacks: Mapping[str, Sequence[float]],
        colors: Sequence[str] | Mapping[str, str] | None = None,
    ) -> None:
        """Bars per label, one segment per stack name, bottom-up in the mapping's order."""
        self._reset()
        self._series = [Series(name, list(labels), list(values)) for name, values in stacks.items()]
        x = np.arange(len(labels), dtype=float)
        base = np.zeros(len(labels))
        for index, (name, values) in enumerate(stacks.items()):
            heights = np.nan_to_num(np.asarray(values, dtype=float))
            if isinstance(colors, Mapping):
                color = colors.get(name, SERIES_COLORS[index % len(SERIES_COLORS)])
            elif colors:
                color = colors[index % len(colors)]
            else:
                color = SERIES_COLORS[index % len(SERIES_COLORS)]
            bars = pg.BarGraphItem(
                x=x, height=heights, y0=base.copy(), width=0.8, brush=QColor(color), name=name
            )
            self.plot.addItem(bars)  # named items join the legend by themselves
            self._lookup.append((name, x, heights))
            base += heights
        self._set_categories(labels)
        self._show_empty_if_no_data()
        self.reset_zoom()

    def set_hbars(self, labels: Sequence[str], values: Sequence[float], name: str) -> None:
        """Horizontal bars, first label on top (rankings such as feature importance)."""
        self._reset()
        self._series = [Series(name, list(labels), [float(v) for v in values])]
        y = np.arange(len(labels), dtype=float)[::-1]
        widths = np.nan_to_num(np.asarray(values, dtype=float))
        self.plot.addItem(
            pg.BarGraphItem(x0=np.zeros(len(labels)), y=y, width=widths, height=0.7,
                            brush=QColor(SERIES_COLORS[0]))
        )  # fmt: skip
        self._lookup = []  # the hover readout follows x; rankings are read from the labels
        left = self.plot.getPlotItem().getAxis("left")
        left.setTicks(
            [[(float(pos), str(label)) for pos, label in zip(y, labels, strict=True)], []]
        )
        self.legend.setVisible(False)
        self.stack.setCurrentWidget(self.plot if len(labels) else self.empty)
        self.reset_zoom()

    def reset_zoom(self) -> None:
        self.plot.getPlotItem().enableAutoRange()
        self.plot.getPlotItem().autoRange()

    # --- hover --------------------------------------------------------------------------------

    def _format_x(self, x: float) -> str:
        if self._categories:
            index = round(x)
            return self._categories[index] if 0 <= index < len(self._categories) else ""
        if self.time_axis:
            return datetime.fromtimestamp(x, UTC).strftime("%Y-%m-%d %H:%M")
        return f"{x:g}"

    def readout_at(self, x: float) -> str:
        """The text shown when hovering at data coordinate `x`: each series' nearest value."""
        parts: list[str] = []
        snap: float | None = None
        for name, xs, ys in self._lookup:
            index = _nearest(xs, x)
            if index is None:
                continue
            if snap is None:
                snap = float(xs[index])
            value = ys[index]
            parts.append(f"{name}: {'–' if np.isnan(value) else f'{value:,.4g}'}")
        if snap is None:
            return " "
        return f"{self._format_x(snap)} — " + "   ".join(parts)

    def _on_mouse_moved(self, pos: QPointF) -> None:
        item = self.plot.getPlotItem()
        if not item.sceneBoundingRect().contains(pos):
            return
        point = item.vb.mapSceneToView(pos)
        self._vline.setPos(point.x())
        self._vline.setVisible(True)
        text = self.readout_at(point.x())
        self.readout.setText(text)
        self.hovered.emit(text)

    # --- export -------------------------------------------------------------------------------

    def export_png(self, path: Path) -> None:
        if not self.plot.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")

    def export_csv(self, path: Path) -> int:
        return write_series_csv(
            path, self._series, time_axis=self.time_axis and not self._categories
        )

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save chart", f"{self.title}.png", "PNG (*.png)"
        )
        if path:
            self.export_png(Path(path))

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save data", f"{self.title}.csv", "CSV (*.csv)")
        if path:
            self.export_csv(Path(path))
