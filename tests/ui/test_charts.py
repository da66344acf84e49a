"""Chart widgets: what hovering shows, exports, and the period picker."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.read.dashboard import Period, Series
from desktop.ui.widgets.charts import RISK_COLORS, Chart
from desktop.ui.widgets.period import PeriodPicker


def epoch(day: int) -> float:
    return (datetime(2026, 6, day) - datetime(1970, 1, 1)).total_seconds()


def test_hover_reads_the_nearest_value_of_every_line(qtbot: QtBot) -> None:
    chart = Chart("Latency", time_axis=True)
    qtbot.addWidget(chart)
    xs = [epoch(1), epoch(2), epoch(3)]
    chart.set_lines([Series("p50", xs, [10.0, 20.0, 30.0]), Series("p99", xs, [15.0, 25.0, 35.0])])
    assert chart.readout_at(epoch(2) + 3600) == "2026-06-02 00:00 — p50: 20   p99: 25"


def test_hover_over_the_plot_updates_the_readout(qtbot: QtBot) -> None:
    chart = Chart("Orders")
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    chart.set_lines([Series("orders", [0.0, 1.0, 2.0], [5.0, 7.0, 9.0])])
    qtbot.waitExposed(chart)
    view = chart.plot.getPlotItem().vb
    scene_pos = view.mapViewToScene(QPointF(1.0, 7.0))
    with qtbot.waitSignal(chart.hovered) as hovered:
        chart.plot.getPlotItem().scene().sigMouseMoved.emit(scene_pos)
    assert hovered.args[0] == "1 — orders: 7"
    assert chart.readout.text() == "1 — orders: 7"


def test_stacked_bars_read_out_each_segment(qtbot: QtBot) -> None:
    chart = Chart("Risk")
    qtbot.addWidget(chart)
    chart.set_stacked_bars(["run 1", "run 2"], {"LOW": [5, 6], "HIGH": [1, 3]}, colors=RISK_COLORS)
    assert chart.readout_at(1.1) == "run 2 — LOW: 6   HIGH: 3"
    assert [s.name for s in chart.series] == ["LOW", "HIGH"]


def test_long_series_are_downsampled_and_clipped(qtbot: QtBot) -> None:
    chart = Chart("Big", time_axis=True)
    qtbot.addWidget(chart)
    n = 200_000
    chart.set_lines(
        [Series("m", [epoch(1) + i for i in range(n)], [float(i % 97) for i in range(n)])]
    )
    curve = chart.plot.getPlotItem().listDataItems()[0]
    assert curve.opts["autoDownsample"] is True
    assert curve.opts["clipToView"] is True
    assert curve.opts["downsampleMethod"] == "peak"


def test_exports_png_and_exactly_the_shown_data_as_csv(qtbot: QtBot, tmp_path: Path) -> None:
    chart = Chart("Backlog")
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.set_bars(Series("open tickets", ["2026-06-01", "2026-06-02"], [3.0, 4.0]))
    chart.export_png(tmp_path / "chart.png")
    image = QImage(str(tmp_path / "chart.png"))
    assert not image.isNull() and image.width() > 100

    rows = chart.export_csv(tmp_path / "chart.csv")
    assert rows == 2
    with (tmp_path / "chart.csv").open(encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [
            ["x", "open tickets"],
            ["2026-06-01", "3.0"],
            ["2026-06-02", "4.0"],
        ]


def test_time_series_csv_has_readable_times_and_gaps(qtbot: QtBot, tmp_path: Path) -> None:
    chart = Chart("Metrics", time_axis=True)
    qtbot.addWidget(chart)
    chart.set_lines([Series("a", [epoch(1), epoch(2)], [1.0, 2.0]), Series("b", [epoch(2)], [5.0])])
    chart.export_csv(tmp_path / "m.csv")
    with (tmp_path / "m.csv").open(encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [
            ["time (UTC)", "a", "b"],
            ["2026-06-01 00:00:00", "1.0", ""],
            ["2026-06-02 00:00:00", "2.0", "5.0"],
        ]


def test_period_picker_presets_and_custom_range(qtbot: QtBot) -> None:
    now = datetime(2026, 6, 30, 12, 0)
    picker = PeriodPicker(default_days=30, now=lambda: now)
    qtbot.addWidget(picker)
    picker.show()
    assert picker.period() == Period(datetime(2026, 5, 31, 12, 0), now)
    assert not picker.start.isVisible()

    with qtbot.waitSignal(picker.periodChanged) as changed:
        picker.preset.setCurrentIndex(0)
    assert changed.args[0] == Period(datetime(2026, 6, 23, 12, 0), now)

    picker.preset.setCurrentIndex(picker.preset.count() - 1)
    assert picker.start.isVisible()
    picker.start.setDate(QDate(2026, 1, 1))
    with qtbot.waitSignal(picker.periodChanged) as changed:
        picker.end.setDate(QDate(2026, 1, 31))
    assert changed.args[0] == Period(datetime(2026, 1, 1), datetime(2026, 2, 1))
    assert changed.args[0].start.date() == date(2026, 1, 1)


def _page_with_charts(qtbot: QtBot) -> tuple[QScrollArea, list[Chart]]:
    """Charts in a scroll area taller than its window, as on the Dashboard."""
    area = QScrollArea()
    body = QWidget()
    column = QVBoxLayout(body)
    charts = []
    for n in range(4):
        chart = Chart(f"Chart {n}")
        chart.setMinimumHeight(300)
        chart.set_lines([Series("orders", [0.0, 1.0, 2.0, 3.0], [5.0, 7.0, 9.0, 4.0])])
        column.addWidget(chart)
        charts.append(chart)
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.resize(600, 400)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, charts


def _wheel(widget: QWidget, steps: int, modifiers: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    """A wheel turn over the middle of `widget`, delivered as Qt delivers the real one (to the
    widget under the pointer, propagating to its parents while ignored)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.NoButton,
        modifiers,
        Qt.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _click(widget: QWidget) -> None:
    """A click as the window system sends it (QTest's would complain that pyqtgraph's scene
    leaves a plain click unaccepted, which is how it should be: a click starts nothing)."""
    centre = QPointF(widget.rect().center())
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        buttons = Qt.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.NoButton
        event = QMouseEvent(
            kind, centre, QPointF(widget.mapToGlobal(centre.toPoint())), Qt.LeftButton,
            buttons, Qt.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(widget, event)


def _view_range(chart: Chart) -> list[list[float]]:
    return [list(r) for r in chart.plot.getPlotItem().vb.viewRange()]


def test_the_wheel_over_a_chart_scrolls_the_page_and_leaves_the_chart(qtbot: QtBot) -> None:
    area, charts = _page_with_charts(qtbot)
    chart = charts[0]
    before = _view_range(chart)
    bar = area.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0

    _wheel(chart.plot.viewport(), 2)

    qtbot.waitUntil(lambda: bar.value() > 0)
    assert _view_range(chart) == before, "the chart did not zoom"
    assert not chart.zooming


def test_ctrl_wheel_zooms_the_chart_and_not_the_page(qtbot: QtBot) -> None:
    area, charts = _page_with_charts(qtbot)
    chart = charts[0]
    before = _view_range(chart)

    _wheel(chart.plot.viewport(), -2, Qt.ControlModifier)  # away from the user: zoom in

    qtbot.waitUntil(lambda: _view_range(chart) != before)
    after = _view_range(chart)
    assert after[0][1] - after[0][0] < before[0][1] - before[0][0], "zoomed in"
    assert area.verticalScrollBar().value() == 0, "the page stayed"


def test_a_click_into_a_chart_lets_the_wheel_zoom_until_esc_or_leaving(qtbot: QtBot) -> None:
    area, charts = _page_with_charts(qtbot)
    chart = charts[0]
    viewport = chart.plot.viewport()
    _click(viewport)
    assert chart.zooming
    before = _view_range(chart)
    _wheel(viewport, 1)
    qtbot.waitUntil(lambda: _view_range(chart) != before)
    assert area.verticalScrollBar().value() == 0

    qtbot.keyClick(chart.plot, Qt.Key_Escape)
    assert not chart.zooming
    zoomed = _view_range(chart)
    _wheel(viewport, 1)
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0)
    assert _view_range(chart) == zoomed

    _click(viewport)
    assert chart.zooming
    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))
    assert not chart.zooming, "leaving the chart ends it"

    chart.reset_zoom()
    assert _view_range(chart) == before or _view_range(chart)[0][0] < 0.0, "⤢ shows it all"


def test_a_time_series_opens_showing_all_its_points(qtbot: QtBot) -> None:
    """Clip to view once made the first range shrink onto one point (x 58.75–59.25, a flat
    line) until ⤢ was pressed."""
    chart = Chart("Latency", time_axis=True)
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    xs = [epoch(1) + 3600 * i for i in range(60)]
    chart.set_lines([Series("ms", xs, [float(i % 7) for i in range(60)])])
    (x0, x1), (y0, y1) = chart.plot.getPlotItem().vb.viewRange()
    assert x0 <= xs[0] and x1 >= xs[-1]
    assert y0 <= 0.0 and y1 >= 6.0


def test_a_month_not_over_yet_is_marked_so_far(qtbot: QtBot) -> None:
    chart = Chart("Churn")
    qtbot.addWidget(chart)
    chart.set_bars(Series("churn", ["2026-05", "2026-06"], [2.0, 0.5]), partial=["2026-06"])
    assert chart.series[0].x == ["2026-05", "2026-06 (so far)"]
    assert chart.readout_at(1.0).startswith("2026-06 (so far)")
    ticks = chart.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert ticks[-1][1] == "so far"
    bars = chart.plot.getPlotItem().items[-1]
    brushes = bars.opts["brushes"]
    assert brushes[1].style() == Qt.BrushStyle.BDiagPattern
    assert brushes[0].style() == Qt.BrushStyle.SolidPattern


def test_the_hover_readout_names_the_unit(qtbot: QtBot) -> None:
    chart = Chart("Churn rate by month", y_label="% churned", unit=" %")
    qtbot.addWidget(chart)
    chart.set_bars(Series("churn rate", ["2026-05", "2026-06"], [2.2514, 0.5]))
    assert chart.readout_at(0.0) == "2026-05 — churn rate: 2.251 %"
