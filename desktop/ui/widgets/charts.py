"""pyqtgraph charts for the dashboard: hover readout, zoom and pan, PNG and CSV export.

Long series stay fluid because pyqtgraph draws only what is in view (clip to view) and at most
a few points per pixel (peak downsampling keeps spikes visible).

The mouse wheel belongs to the page the chart sits in: it scrolls. A chart zooms with Ctrl+wheel,
or with the plain wheel once clicked into (until Esc, or the pointer leaves it); ⤢ resets.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
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


PARTIAL_SUFFIX = " (so far)"


def _short(label: str) -> str:
    """Tick text: 'YYYY-MM-DD' shows as 'MM-DD', 'YYYY-MM' as 'Jan 26' (the readout and the
    CSV keep the full label)."""
    if len(label) == 10 and label[4] == "-" and label[7] == "-":
        return label[5:]
    if label.endswith(PARTIAL_SUFFIX):
        return QCoreApplication.translate(
            "Chart", "so far"
        )  # short enough to fit at the axis' end (the readout names the month)
    if len(label) == 7 and label[4] == "-" and label[5:].isdigit():
        return QLocale().toString(datetime(int(label[:4]), int(label[5:]), 1).date(), "MMM yy")
    return label


def _sparse(y: np.ndarray, most: int = 60) -> bool:
    """Few points, or some without a neighbour to draw a line to (days between gaps)."""
    finite = np.isfinite(y)
    if not finite.any():
        return False
    if int(finite.sum()) <= most:
        return True
    alone = finite & ~np.r_[False, finite[:-1]] & ~np.r_[finite[1:], False]
    return bool(alone.any())


def _padded(low: float, high: float, share: float = 0.05) -> tuple[float, float]:
    """A range around [low, high] with a margin; a single value gets a unit around it."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return 0.0, 1.0
    if high <= low:
        half = max(abs(low) * 0.05, 0.5)
        return low - half, high + half
    margin = (high - low) * share
    return low - margin, high + margin


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
        unit: str = "",
        legend_at_bottom: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.unit = unit  # after each value in the hover readout (" %", " h")
        self.time_axis = time_axis
        self._series: list[Series] = []
        self._categories: list[str] = []
        self._lookup: list[tuple[str, np.ndarray, np.ndarray]] = []
        self._bars = False  # bar charts keep 0 in view
        self._stack_top: np.ndarray | None = None  # stacked bars: the top of each stack
        self._ranking: list[str] | None = None  # horizontal bars: their labels
        self.zooming = False  # the plain wheel zooms (after a click into the plot)

        axis = {"bottom": pg.DateAxisItem(utcOffset=0)} if time_axis else {}
        self.plot = pg.PlotWidget(axisItems=axis)
        self.plot.setObjectName("chartPlot")
        self._apply_palette()
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.setMenuEnabled(False)
        # pyqtgraph's own "A" (auto-range) button would range on the clipped curves; ⤢ does it.
        item.hideButtons()
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
        self._take_wheel_only_when_asked()

        self.readout = QLabel(" ")
        self.readout.setObjectName("chartReadout")
        self.readout.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.note = QLabel("")
        self.note.setObjectName("chartNote")
        # A narrow chart clips its note rather than growing the page sideways.
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty = QLabel(self.tr("No data"), self)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("chartEmpty")
        self.empty_message = self.tr("No data for this period")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._header(title))
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)

    def _header(self, title: str) -> QHBoxLayout:
        header = QHBoxLayout()
        header.addWidget(QLabel(f"<b>{title}</b>"))
        header.addWidget(self.note, 1)
        header.addWidget(
            self._tool(
                "⤢",
                QCoreApplication.translate(
                    "Chart",
                    "Reset zoom (zoom: Ctrl+wheel, or click into the chart and use the wheel)",
                ),
                self.reset_zoom,
            )
        )
        header.addWidget(
            self._tool(
                "PNG",
                QCoreApplication.translate("Chart", "Save the chart as a PNG image"),
                self._ask_png,
            )
        )
        header.addWidget(
            self._tool(
                "CSV",
                QCoreApplication.translate("Chart", "Save the chart's data as CSV"),
                self._ask_csv,
            )
        )
        return header

    def set_note(self, text: str) -> None:
        """A few words beside the title on what the data is (which run, a month so far)."""
        self.note.setText(f"· {text}" if text else "")

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

    # --- wheel and zoom ------------------------------------------------------------------------

    def _take_wheel_only_when_asked(self) -> None:
        self.plot.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.plot.viewport().installEventFilter(self)
        self.plot.installEventFilter(self)
        self._set_zooming(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        viewport = self.plot.viewport()
        if kind == QEvent.Type.Wheel and watched is viewport:
            assert isinstance(event, QWheelEvent)
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if not (ctrl or self.zooming):
                self._scroll_page(event)
                return True
            return False
        if kind == QEvent.Type.MouseButtonPress and watched is viewport:
            self._set_zooming(True)
        elif (kind == QEvent.Type.Leave and watched is viewport) or (
            kind == QEvent.Type.FocusOut and watched is self.plot
        ):
            self._set_zooming(False)
        elif kind == QEvent.Type.KeyPress and watched is self.plot:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.zooming:
                self._set_zooming(False)
                return True
        return super().eventFilter(watched, event)

    def _scroll_page(self, event: QWheelEvent) -> None:
        """Hand the wheel to the scroll area the chart sits in (the page scrolls). Qt would pass
        an ignored event up by itself, but only one from the window system; forwarding it works
        for every event and says which widget gets it."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()  # no page to scroll: let the parents have it
            return
        target = area.viewport()
        position = QPointF(target.mapFromGlobal(event.globalPosition().toPoint()))
        forwarded = QWheelEvent(
            position,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QApplication.sendEvent(target, forwarded)
        event.accept()

    def _set_zooming(self, on: bool) -> None:
        self.zooming = on
        color = self.palette().color(QPalette.ColorRole.Highlight).name() if on else "transparent"
        # A constant 2 px frame: only its colour changes, so nothing moves.
        self.plot.setStyleSheet(f"QGraphicsView {{ border: 2px solid {color}; }}")
        self.plot.setToolTip(
            self.tr("Wheel zooms, drag pans · Esc or leave to scroll the page again")
            if on
            else self.tr("Ctrl+wheel zooms · click to zoom with the wheel · drag pans")
        )

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
        # A page's message is translated in the page (or marked in the Chart context).
        self.empty.setText(QCoreApplication.translate("Chart", self.empty_message))
        self.stack.setCurrentWidget(self.plot if has_data else self.empty)

    def _reset(self) -> None:
        item = self.plot.getPlotItem()
        for child in list(item.listDataItems()):
            item.removeItem(child)
        self.legend.clear()
        self.legend.setVisible(True)
        self._lookup = []
        self._categories = []
        self._bars = False
        self._stack_top = None
        self._ranking = None
        item.getAxis("bottom").setTicks(None)
        item.getAxis("left").setTicks(None)

    def set_lines(self, series: Sequence[Series], categories: Sequence[str] | None = None) -> None:
        """Lines over numeric x; with `categories`, x is an index into these labels."""
        self._reset()
        self._series = list(series)
        for index, s in enumerate(series):
            x = np.asarray(s.x, dtype=float)
            y = np.asarray(s.y, dtype=float)
            color = str(s.meta.get("color") or SERIES_COLORS[index % len(SERIES_COLORS)])
            dashed = bool(s.meta.get("dashed"))
            pen = pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine if dashed else Qt.SolidLine)
            curve = self.plot.plot(
                x,
                y,
                pen=pen,
                name=s.name,
                connect="finite",
                # Markers where points are few, or a day between gaps would not show at all.
                symbol=str(s.meta.get("symbol") or "o") if _sparse(y) else None,
                symbolSize=7 if s.meta.get("symbol") else 5,
                symbolBrush=color,
                symbolPen=pg.mkPen(color),
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

    def _set_categories(self, labels: Sequence[str], max_ticks: int = 7) -> None:
        """Category ticks, at most `max_ticks` of them, always including the last label (the
        newest day or month is the one people look for)."""
        self._categories = [str(label) for label in labels]
        step = max(1, math.ceil(len(labels) / max_ticks))
        last = len(labels) - 1
        ticks = [
            (float(i), _short(str(label)))
            for i, label in enumerate(labels)
            if (last - i) % step == 0
        ]
        self.plot.getPlotItem().getAxis("bottom").setTicks([ticks, []])

    def set_bars(
        self,
        series: Series,
        colors: Mapping[str, str] | None = None,
        partial: Sequence[str] = (),
    ) -> None:
        """One bar per label; `colors` may colour bars by their label (risk levels). Labels in
        `partial` (a month not over yet) are drawn hatched and lighter and read "(so far)"."""
        self._reset()
        labels = [str(x) + (PARTIAL_SUFFIX if str(x) in partial else "") for x in series.x]
        self._series = [Series(series.name, list(labels), list(series.y), series.meta)]
        heights = np.nan_to_num(np.asarray(series.y, dtype=float))
        x = np.arange(len(labels), dtype=float)
        default = SERIES_COLORS[0]
        brushes = []
        for raw in series.x:
            color = QColor((colors or {}).get(str(raw), default))
            if str(raw) in partial:
                color.setAlpha(110)
                brushes.append(QBrush(color, Qt.BrushStyle.BDiagPattern))
            else:
                brushes.append(QBrush(color))
        pens = [
            pg.mkPen(QColor((colors or {}).get(str(raw), default)), width=1.5)
            if str(raw) in partial
            else pg.mkPen(None)
            for raw in series.x
        ]
        self.plot.addItem(
            pg.BarGraphItem(x=x, height=heights, width=0.8, brushes=brushes, pens=pens)
        )
        self._bars = True
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
        self._bars = True
        self._stack_top = base.copy()
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
            pg.BarGraphItem(
                x0=np.zeros(len(labels)),
                y=y,
                width=widths,
                height=0.7,
                brush=QColor(SERIES_COLORS[0]),
            )
        )
        self._lookup = []  # the hover readout follows x; rankings are read from the labels
        self._ranking = [str(label) for label in labels]
        left = self.plot.getPlotItem().getAxis("left")
        left.setTicks(
            [[(float(pos), str(label)) for pos, label in zip(y, labels, strict=True)], []]
        )
        self.legend.setVisible(False)
        self.stack.setCurrentWidget(self.plot if len(labels) else self.empty)
        self.reset_zoom()

    def reset_zoom(self) -> None:
        """Show all the data. The range is worked out from the data itself: pyqtgraph's own
        auto-range reads the curves clipped to the current view (clip to view), so a view
        that starts far from the data shrinks onto a point (x 58.75–59.25) instead."""
        item = self.plot.getPlotItem()
        xs = [x[np.isfinite(x)] for _, x, _ in self._lookup]
        ys = [y[np.isfinite(y)] for _, _, y in self._lookup]
        xs = [x for x in xs if len(x)]
        ys = [y for y in ys if len(y)]
        if self._ranking is not None:  # horizontal bars: no curve to clip, pyqtgraph's works
            item.enableAutoRange()
            item.autoRange()
            return
        if not xs or not ys:  # nothing to show (the empty message is up): a plain unit range
            item.disableAutoRange()
            item.getViewBox().setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=0)
            return
        x_low = min(float(x.min()) for x in xs)
        x_high = max(float(x.max()) for x in xs)
        y_low = min(float(y.min()) for y in ys)
        y_high = max(float(y.max()) for y in ys)
        if self._bars:
            # Room for the first and last tick's text: pyqtgraph drops text past the axis' end.
            x_low, x_high = x_low - 0.75, x_high + 0.75
            if self._stack_top is not None and len(self._stack_top):
                y_high = max(y_high, float(np.max(self._stack_top)))
            y_low = min(0.0, y_low)
            xr, yr = (x_low, x_high), (y_low, y_high * 1.08 if y_high > 0 else 1.0)
        else:
            xr, yr = _padded(x_low, x_high, 0.02), _padded(y_low, y_high)
        item.disableAutoRange()
        item.getViewBox().setRange(xRange=xr, yRange=yr, padding=0)

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
            shown = "–" if np.isnan(value) else f"{value:,.4g}{self.unit}"
            parts.append(f"{name}: {shown}")
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
            self,
            QCoreApplication.translate("Chart", "Save chart"),
            f"{self.title}.png",
            QCoreApplication.translate("Chart", "PNG (*.png)"),
        )
        if path:
            self.export_png(Path(path))

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Chart", "Save data"),
            f"{self.title}.csv",
            QCoreApplication.translate("Chart", "CSV (*.csv)"),
        )
        if path:
            self.export_csv(Path(path))
