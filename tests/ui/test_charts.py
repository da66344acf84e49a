"""Chart widgets: what hovering shows, exports, and the period picker."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QPointF
from PySide6.QtGui import QImage
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
