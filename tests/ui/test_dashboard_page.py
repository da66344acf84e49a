"""The Dashboard page on a small fixed dataset: tiles, what they open, and chart data."""

from __future__ import annotations

import math
from datetime import timedelta

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
    # The data's currency (most plans are in euros), per month, written the locale's way.
    assert tiles["revenue"] == ("€70.00", "per month (EUR), accounts at risk")
    assert tiles["churn"] == ("20.0 %", "1 customers churned")
    assert tiles["alerts"] == (
        "6",
        "2 of them acknowledged · critical 1 · high 2 · medium 1 · low 2",
    )
    assert tiles["response"] == (
        "8.0 h",
        "median, raised → first action (resolve, intervention or note)",
    )
    assert tiles["tickets"] == ("3", "median resolution 2.2 days")
    assert tiles["interventions"] == (
        "4",
        "started · 4 concluded: 75.0 % kept the customer, €150.00 retained",
    )


def test_money_follows_the_locale_and_names_other_currencies() -> None:
    from decimal import Decimal

    from PySide6.QtCore import QLocale

    from desktop.ui.pages.dashboard import format_money

    previous = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert format_money(Decimal("1234.5"), "EUR") == "1.234,50\xa0€"
        assert format_money(Decimal("1234.5"), "USD") == "1.234,50\xa0US$"
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert format_money(Decimal("1234.5"), "USD") == "$1,234.50"
        assert format_money(Decimal("1234.5"), "CHF") == "CHF1,234.50"
    finally:
        QLocale.setDefault(previous)


@pytest.mark.parametrize(
    ("tile", "page_name", "filters"),
    [
        ("at_risk", "customers", {"account_status": ["at_risk"]}),
        ("churn", "customers", {"account_status": ["churned"]}),
        ("alerts", "alerts", {"status": ["open", "acknowledged"]}),
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
    # One x per training run (its date), one line per metric and algorithm: the two models of
    # a run are two points at one x, never joined as if successive versions.
    models = {s.name: s for s in page.charts["models"].series}
    assert set(models) == {"ROC AUC · hgb", "ROC AUC · logreg", "F1 · hgb", "F1 · logreg"}
    assert models["ROC AUC · logreg"].x == ["2026-06-21", "2026-06-30"]
    assert models["ROC AUC · logreg"].y[0] == 0.81 and math.isnan(models["ROC AUC · logreg"].y[1])
    assert models["ROC AUC · hgb"].y[1] == 0.86
    ticks = page.charts["models"].plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [text for _, text in ticks] == ["06-21", "06-30"], "x is labelled"
    # The month the period ends in is counted so far, and says so.
    churn = page.charts["churn_by_month"]
    assert churn.series[0].x[-1] == "2026-06 (so far)"
    assert "so far" in churn.note.text()
    assert "current estimates" in page.charts["histogram"].note.text()


def test_the_refresh_runs_its_queries_as_separate_pool_jobs(
    qtbot: QtBot, dataset: pw.Database, page: DashboardPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real_submit = workers.submit
    monkeypatch.setattr(workers, "submit", lambda *a, **k: calls.append(a) or real_submit(*a, **k))
    data = show_and_load(qtbot, page)
    parts = d.refresh_parts(data.period, NOW)
    assert len(calls) >= len(parts), "one job per query, so both pool threads work"
    assert set(data.timings_ms) == set(parts), "each part timed on its own"
    assert data.kpis == d.kpis(NOW)
    assert data.churn_by_month == d.churn_rate_by_month(
        d.Period(data.period.end - timedelta(days=365), data.period.end)
    )


def test_refresh_uses_the_cache_until_forced(
    qtbot: QtBot, dataset: pw.Database, page: DashboardPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    show_and_load(qtbot, page)
    calls: list[object] = []
    real_submit = workers.submit
    monkeypatch.setattr(workers, "submit", lambda *a, **k: calls.append(a) or real_submit(*a, **k))

    page.picker.preset.setCurrentIndex(0)
    page.picker.preset.setCurrentIndex(2)  # back to the 90 days already loaded
    parts = len(d.refresh_parts(d.Period.last(7, NOW), NOW))
    assert len(calls) == parts, "only the new 7-day period was loaded"
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert page.data is not None and page.data.period.days == 90, "a late 7-day answer is not shown"
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh_button.click()
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert len(calls) >= 2 * parts, "Refresh always reloads"


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
