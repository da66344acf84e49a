"""The Dashboard page on a small fixed dataset: tiles, what they open, and chart data."""

from __future__ import annotations

import peewee as pw
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.read import dashboard as d
from desktop.ui import workers
from desktop.ui.pages.dashboard import DashboardPage
from tests.dashboard_dataset import NOW


@pytest.fixture
def page(qtbot: QtBot) -> DashboardPage:
    widget = DashboardPage(now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    return widget


def show_and_load(qtbot: QtBot, page: DashboardPage) -> d.DashboardData:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show()
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)  # the metric list's own reload
    assert page.data is not None
    return page.data


def test_tiles_show_the_numbers_worked_out_by_hand(
    qtbot: QtBot, dataset: pw.Database, page: DashboardPage
) -> None:
    show_and_load(qtbot, page)
    tiles = {key: (tile.value.text(), tile.detail.text()) for key, tile in page.tiles.items()}
    assert tiles["at_risk"] == ("2", "CRITICAL 1 · HIGH 1 · MEDIUM 1 · LOW 1 · not scored 1")
    assert tiles["revenue"][0] == "$70.00"
    assert tiles["churn"] == ("20.0 %", "1 customers churned")
    assert tiles["alerts"][0] == "3"
    assert tiles["alerts"][1].startswith("critical 1 · high 2 · medium 0 · low 0")
    assert tiles["response"][0] == "2.0 h"
    assert tiles["tickets"] == ("3", "median resolution 2.2 days")
    assert tiles["interventions"] == ("4", "success 66.7 % · $50.00 retained")


@pytest.mark.parametrize(
    ("tile", "page_name", "filters"),
    [
        ("at_risk", "customers", {"risk_level": ["HIGH", "CRITICAL"]}),
        ("churn", "customers", {"account_status": ["churned"]}),
        ("alerts", "alerts", {"status": ["open"]}),
        ("tickets", "tickets", {"status": ["open", "in_progress", "pending"]}),
    ],
)
def test_a_tile_opens_the_matching_filtered_table(
    qtbot: QtBot,
    dataset: pw.Database,
    page: DashboardPage,
    tile: str,
    page_name: str,
    filters: dict,
) -> None:
    show_and_load(qtbot, page)
    with qtbot.waitSignal(page.openFiltered) as opened:
        qtbot.mouseClick(page.tiles[tile], Qt.LeftButton)
    assert opened.args == [page_name, filters]

    page.tiles[tile].setFocus()
    with qtbot.waitSignal(page.openFiltered) as opened:
        qtbot.keyClick(page.tiles[tile], Qt.Key_Return)
    assert opened.args == [page_name, filters]


def test_charts_show_exactly_what_their_queries_return(
    qtbot: QtBot, dataset: pw.Database, page: DashboardPage
) -> None:
    page.picker.preset.setCurrentIndex(0)  # last 7 days
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.show()
    period = d.Period.last(7, NOW)
    volume, _ = d.alert_volume_and_response(period)
    backlog, _ = d.ticket_backlog_and_resolution(period)
    assert page.charts["alert_volume"].series == [volume]
    assert page.charts["ticket_backlog"].series[0].y == backlog.y
    assert page.charts["ticket_backlog"].series[0].x == backlog.x, "day labels, not indexes"
    assert page.charts["risk_now"].series[0].y == [1.0, 1.0, 1.0, 1.0]
    assert page.charts["histogram"].series[0].y == d.probability_histogram().y
    models = {s.name: s for s in page.charts["models"].series}
    assert models["roc_auc"].x == ["v1", "v2"]
    assert models["roc_auc"].y == [0.81, 0.86]


def test_refresh_uses_the_cache_until_forced(
    qtbot: QtBot, dataset: pw.Database, page: DashboardPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    show_and_load(qtbot, page)
    calls: list[object] = []
    real_submit = workers.submit
    monkeypatch.setattr(workers, "submit", lambda *a, **k: calls.append(a) or real_submit(*a, **k))

    page.picker.preset.setCurrentIndex(0)
    page.picker.preset.setCurrentIndex(2)  # back to the 90 days already loaded
    assert len(calls) == 1, "only the new 7-day period was loaded"
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert page.data is not None and page.data.period.days == 90, "a late 7-day answer is not shown"
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh_button.click()
    assert len(calls) == 2, "Refresh always reloads"


def test_an_empty_database_explains_the_empty_charts(
    qtbot: QtBot, database: pw.Database, page: DashboardPage
) -> None:
    show_and_load(qtbot, page)
    assert page.tiles["churn"].value.text() == "–"
    assert page.tiles["response"].value.text() == "–"
    assert page.charts["models"].is_empty
    assert (
        page.charts["models"].empty.text() == "No model versions yet – train one on the Models page"
    )
    assert page.charts["histogram"].is_empty
