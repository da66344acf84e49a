"""The Dashboard: KPI tiles that open filtered tables, and charts of churn, alerts and models.

All numbers come from the queries of `desktop.core.read.dashboard.refresh_parts`, run side by
side on the database pool (each part a job) and put together by `assemble`; the page only draws
them. Results are cached briefly so flipping between pages costs nothing, refreshed on F5 or the
Refresh button, and every few minutes while the page is open.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db.models import utcnow
from desktop.core.read.dashboard import (
    OPEN_TICKET_STATUSES,
    DashboardData,
    ModelPoint,
    Period,
    Series,
    assemble,
    refresh_parts,
    timed,
)
from desktop.core.telemetry import telemetry
from desktop.ui import i18n, workers
from desktop.ui.messages import user_text
from desktop.ui.widgets.charts import RISK_COLORS, Chart
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.period import PeriodPicker

log = logging.getLogger(__name__)

REFRESH_INTERVAL_MS = 5 * 60 * 1000
TILE_WIDTH = 200  # px a tile needs for its number and a few lines of detail
CACHE_SECONDS = 60.0


def format_duration(seconds: float | None) -> str:
    """A duration in the unit that reads best, with the locale's decimal mark."""
    translate = QCoreApplication.translate
    if seconds is None:
        return "–"
    if seconds < 3600:
        return translate("Dashboard", "{n} min").format(n=i18n.decimal(seconds / 60, 0))
    if seconds < 2 * 86400:
        return translate("Dashboard", "{n} h").format(n=i18n.decimal(seconds / 3600, 1))
    return translate("Dashboard", "{n} days").format(n=i18n.decimal(seconds / 86400, 1))


# Symbols that name one currency only; any other code is written out (USD as US$ unless the
# user's locale is American: "$" alone is also the Canadian, Australian … dollar).
CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "USD": "US$"}


def format_money(value: Decimal, currency: str = "USD") -> str:
    """An amount in the data's currency, written the way the user's locale writes money."""
    locale = i18n.locale()
    code = currency.upper()
    if locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) == code:
        symbol = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    else:
        symbol = CURRENCY_SYMBOLS.get(code, code)
    return locale.toCurrencyString(float(value), symbol, 2)


def format_rate(value: float | None) -> str:
    return "–" if value is None else i18n.percent(value, 1)


class KpiTile(QFrame):
    """A number with a title and a line of context; click or Enter opens the matching table."""

    activated = Signal()

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.StyledPanel)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(hint)
        self.setAccessibleName(title)
        self.title = QLabel(title, self)
        self.value = QLabel("…", self)
        self.value.setObjectName("kpiValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel(" ", self)
        self.detail.setWordWrap(True)
        self.detail.setObjectName("kpiDetail")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)

    def show_value(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleDescription(f"{value}. {detail}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)


# Which table each tile opens, with which filters (the keys of desktop.core.read.lists.SPECS).
TILE_TARGETS: dict[str, tuple[str, dict[str, list[str]]]] = {
    "at_risk": ("customers", {"account_status": ["at_risk"]}),
    "revenue": ("customers", {"account_status": ["at_risk"]}),
    "churn": ("customers", {"account_status": ["churned"]}),
    "alerts": ("alerts", {"status": ["open", "acknowledged"]}),
    "response": ("alerts", {"status": ["open", "acknowledged"]}),
    "tickets": ("tickets", {"status": [s.value for s in OPEN_TICKET_STATUSES]}),
    "interventions": ("customers", {"account_status": ["resolved"]}),
}


class DashboardPage(QWidget):
    """Emits `openFiltered(page, filters)` when a tile is activated."""

    openFiltered = Signal(str, dict)
    loaded = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = utcnow,
        refresh_interval_ms: int = REFRESH_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._cache: dict[tuple[object, ...], tuple[float, DashboardData]] = {}
        self._pending: tuple[object, ...] | None = None
        self._wanted: tuple[object, ...] | None = None
        self.data: DashboardData | None = None
        self.wall_ms = 0.0  # how long the last refresh took, its parts side by side
        self._again = False  # a forced refresh came while the same one was loading

        self.picker = PeriodPicker(default_days=90, now=now, parent=self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Reload every number and chart (F5)"))
        self.status = QLabel("", self)
        self.status.setObjectName("dashboardStatus")
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>{}</b>".format(self.tr("Charts for")), self))
        top.addWidget(self.picker)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)

        tiles = self._build_tiles()
        grid = self._build_charts()
        metric_bar = self._build_metric_bar()

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(tiles)
        body_layout.addLayout(grid)
        body_layout.addLayout(metric_bar)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.viewport().installEventFilter(self)  # its width sets the tiles' columns
        self.scroll = scroll

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self.refresh_button.clicked.connect(lambda: self.refresh(force=True))
        self.picker.periodChanged.connect(lambda _period: self.refresh(force=False))
        self.metric_list.itemChanged.connect(lambda _item: self.refresh(force=False))
        self.tag_filter.editingFinished.connect(lambda: self.refresh(force=False))
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_interval_ms)
        self.timer.timeout.connect(lambda: self.refresh(force=True))

    def _build_tiles(self) -> QGridLayout:
        self.tiles: dict[str, KpiTile] = {}
        self.tile_columns = 0
        tiles = QGridLayout()
        self._tile_grid = tiles
        specs = (
            (
                "at_risk",
                self.tr("At risk now"),
                self.tr(
                    "Accounts the alert policy moved to at risk, not yet resolved – "
                    "click to list them"
                ),
            ),
            (
                "revenue",
                self.tr("Revenue at risk"),
                self.tr("Account value per month of the accounts at risk – click to list them"),
            ),
            (
                "churn",
                self.tr("Churn, last 30 days"),
                self.tr("Customers who churned – click to list churned customers"),
            ),
            (
                "alerts",
                self.tr("Open alerts"),
                self.tr(
                    "Alerts not resolved yet, acknowledged ones included – click for the queue"
                ),
            ),
            (
                "response",
                self.tr("Alert response"),
                self.tr(
                    "Median time from an alert to the first real action on it – "
                    "resolving it, an "
                    "intervention or a note on its customer (acknowledging is not "
                    "one); alerts of "
                    "the last 30 days"
                ),
            ),
            ("tickets", self.tr("Open tickets"), self.tr("Open, in progress and pending tickets")),
            (
                "interventions",
                self.tr("Interventions, 30 days"),
                self.tr(
                    "Outreach started in the last 30 days; success and revenue "
                    "retained are those "
                    "of the interventions concluded in them – click for retained customers"
                ),
            ),
        )
        for key, title, hint in specs:
            tile = KpiTile(title, hint, self)
            tile.activated.connect(lambda key=key: self._open(key))
            self.tiles[key] = tile
        self._reflow_tiles(4)
        return tiles

    def _reflow_tiles(self, columns: int) -> None:
        """Tiles in rows of `columns`: all seven in one row on a wide screen, three at 1024 px,
        so none is cut off and no side-scrolling is needed."""
        if columns == self.tile_columns:
            return
        self.tile_columns = columns
        grid = self._tile_grid
        for tile in self.tiles.values():
            grid.removeWidget(tile)
        for column in range(grid.columnCount()):
            grid.setColumnStretch(column, 0)
        for index, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.scroll.viewport():
            width = self.scroll.viewport().width()
            self._reflow_tiles(max(2, min(len(self.tiles), width // TILE_WIDTH)))
        return super().eventFilter(watched, event)

    def _build_charts(self) -> QGridLayout:
        customers, hours = self.tr("customers"), self.tr("hours")
        self.charts = {
            "churn_by_month": Chart(
                self.tr("Churn rate by month"), y_label=self.tr("% churned"), unit=" %"
            ),
            "risk_now": Chart(self.tr("Risk levels now"), y_label=customers),
            "risk_by_run": Chart(self.tr("Risk levels per scoring run"), y_label=customers),
            "histogram": Chart(self.tr("Churn probability"), y_label=customers),
            "alert_volume": Chart(self.tr("Alerts raised per day"), y_label=self.tr("alerts")),
            "alert_response": Chart(
                self.tr("Alert response time (daily mean)"), y_label=hours, unit=" h"
            ),
            "ticket_backlog": Chart(self.tr("Open tickets at day end"), y_label=self.tr("tickets")),
            "ticket_resolution": Chart(
                self.tr("Ticket resolution time (daily mean)"), y_label=hours, unit=" h"
            ),
            "models": Chart(self.tr("Model metrics by version")),
            "metrics": Chart(self.tr("System metrics"), time_axis=True),
        }
        grid = QGridLayout()
        for index, chart in enumerate(self.charts.values()):
            chart.setMinimumHeight(260)
            grid.addWidget(chart, index // 2, index % 2)
        empty = {
            "risk_now": self.tr(
                "No customer has been scored yet – train and score on the Models page"
            ),
            "risk_by_run": self.tr("No scoring run finished in this period"),
            "histogram": self.tr("No customer has been scored yet"),
            "alert_volume": self.tr("No alerts were raised in this period"),
            "models": self.tr("No model versions yet – train one on the Models page"),
            "metrics": self.tr("Tick one or more system metrics below to chart them"),
        }
        for name, message in empty.items():
            self.charts[name].empty_message = message
        return grid

    def _build_metric_bar(self) -> QHBoxLayout:
        self.metric_list = QListWidget(self)
        self.metric_list.setAccessibleName(self.tr("System metrics to chart"))
        self.metric_list.setMaximumHeight(90)
        self.tag_filter = QLineEdit(self)
        self.tag_filter.setPlaceholderText(self.tr("tag filter, e.g. host=ws-12 query=kpis"))
        metric_bar = QHBoxLayout()
        metric_bar.addWidget(QLabel(self.tr("System metrics:"), self))
        metric_bar.addWidget(self.metric_list, 2)
        metric_bar.addWidget(self.tag_filter, 1)
        return metric_bar

    # --- loading ------------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self.timer.start()
        if self.data is None and self._pending is None:
            self.refresh(force=False)

    def hideEvent(self, event: object) -> None:  # type: ignore[override]
        self.timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def selected_metrics(self) -> list[str]:
        items = (self.metric_list.item(i) for i in range(self.metric_list.count()))
        return [item.text() for item in items if item.checkState() == Qt.Checked]

    def tag_filters(self) -> dict[str, str]:
        pairs = (part.split("=", 1) for part in self.tag_filter.text().split() if "=" in part)
        return {key.strip(): value.strip() for key, value in pairs if key.strip()}

    def refresh(self, force: bool = True) -> None:
        """Reload the numbers (F5, Refresh); without `force`, fresh cached numbers serve."""
        period = self.picker.period()
        names, tags = self.selected_metrics(), self.tag_filters()
        # Minute resolution: a preset period moves with the clock but should still hit the cache.
        key = (
            period.start.replace(second=0),
            period.end.replace(second=0),
            tuple(names),
            tuple(sorted(tags.items())),
        )
        self._wanted = key
        cached = self._cache.get(key)
        if not force and cached and time.monotonic() - cached[0] < CACHE_SECONDS:
            self._show(cached[1])
            return
        if self._pending == key:
            # The same numbers are on their way, but asked before whatever made this reload
            # (a finished scoring run): load again once they are in.
            self._again = self._again or force
            return
        self._pending = key
        self.status.setText(self.tr("Loading…"))
        self.refresh_button.setEnabled(False)
        now = self._now()
        self._load_parts(key, period, now, names, tags)

    def _load_parts(
        self,
        key: tuple[object, ...],
        period: Period,
        now: datetime,
        names: list[str],
        tags: dict[str, str],
    ) -> None:
        """Each independent query is its own job on the database pool, so its threads run them
        side by side; the last answer in puts the refresh together."""
        parts = refresh_parts(period, now, names, tags)
        results: dict[str, Any] = {}
        timings: dict[str, float] = {}
        started = time.perf_counter()
        failed: list[BaseException] = []

        def done(name: str, answer: tuple[Any, float]) -> None:
            results[name], timings[name] = answer
            if len(results) == len(parts) and not failed:
                wall_ms = (time.perf_counter() - started) * 1000
                self._on_loaded(key, assemble(period, now, results, timings), wall_ms)

        def error(exc: BaseException) -> None:
            if not failed:
                failed.append(exc)
                self._on_failed(key, exc)

        for name, fn in parts.items():
            workers.submit(
                lambda fn=fn: timed(fn),
                on_done=lambda answer, name=name: done(name, answer),
                on_error=error,
                owner=self,
            )

    @staticmethod
    def _record(data: DashboardData) -> None:
        """The refresh's own timings and the open alerts, as system metrics (a pool job)."""
        telemetry.record_timings("dashboard", data.timings_ms)
        for priority, count in data.kpis.open_alerts_by_priority.items():
            telemetry.record("alerts.open", count, {"priority": priority})

    def _on_loaded(self, key: tuple[object, ...], data: DashboardData, wall_ms: float) -> None:
        if self._pending == key:
            self._pending = None
            self.refresh_button.setEnabled(True)
        self._cache[key] = (time.monotonic(), data)
        self.wall_ms = wall_ms
        workers.submit(lambda: self._record(data))
        if key == self._wanted:  # the user may have picked another period meanwhile
            self._show(data)
        if self._again and self._pending is None:
            self._again = False
            self.refresh(force=True)

    def _on_failed(self, key: tuple[object, ...], exc: BaseException) -> None:
        if self._pending == key:
            self._pending = None
            self.refresh_button.setEnabled(True)
        if key == self._wanted:
            self.status.setText(self.tr("Could not load the dashboard: {why}").format(why=exc))

    def _open(self, key: str) -> None:
        page, filters = TILE_TARGETS[key]
        self.openFiltered.emit(page, {k: list(v) for k, v in filters.items()})

    # --- drawing ------------------------------------------------------------------------------

    def _show(self, data: DashboardData) -> None:
        self.data = data
        self._show_tiles(data)
        percent = Series(
            user_text(data.churn_by_month.name),
            data.churn_by_month.x,
            [100 * v for v in data.churn_by_month.y],
            data.churn_by_month.meta,
        )
        partial = str(data.churn_by_month.meta.get("partial") or "")
        self.charts["churn_by_month"].set_bars(percent, partial=[partial] if partial else ())
        self.charts["churn_by_month"].set_note(self.tr("hatched: so far") if partial else "")
        levels = list(data.risk_now)
        shown = {level: words(level) for level in levels}  # "Critique" in French
        colors = {shown[level]: RISK_COLORS[level] for level in levels if level in RISK_COLORS}
        self.charts["risk_now"].set_bars(
            Series(
                self.tr("customers"),
                [shown[level] for level in levels],
                [float(data.risk_now[level]) for level in levels],
            ),
            colors,
        )
        self.charts["risk_by_run"].set_stacked_bars(
            [started.strftime("%m-%d %H:%M") for started, _ in data.risk_by_run],
            {
                shown[level]: [float(counts.get(level, 0)) for _, counts in data.risk_by_run]
                for level in levels
            },
            colors,
        )
        hist = data.histogram
        self.charts["histogram"].set_bars(
            Series(user_text(hist.name), [f"{x:.2f}" for x in hist.x], hist.y)
        )
        as_of = hist.meta.get("as_of")
        if "run" in hist.meta:
            note = self.tr("scoring run #{run}").format(run=hist.meta["run"])
            note += f", {i18n.moment(as_of)} UTC" if isinstance(as_of, datetime) else ""
        else:
            note = self.tr("current estimates")
        self.charts["histogram"].set_note(note)
        volume = data.alert_volume
        self.charts["alert_volume"].set_bars(
            Series(user_text(volume.name), volume.x, volume.y, volume.meta)
        )
        for name in ("alert_response", "ticket_backlog", "ticket_resolution"):
            series: Series = getattr(data, name)
            self.charts[name].set_lines([_indexed(series)], categories=[str(x) for x in series.x])
        runs, lines = model_lines(data.model_metrics)
        self.charts["models"].set_lines(lines, categories=runs)
        self.charts["metrics"].set_lines(data.metrics)
        if self._fill_metric_list(data.metric_names):
            self.refresh(force=False)
        updated = self.tr("Updated {time} UTC").format(time=i18n.clock(data.loaded_at))
        self.status.setText(
            f"{updated} · {i18n.decimal(self.wall_ms, 0)} ms" if self.wall_ms else updated
        )
        self.loaded.emit(data)

    def _show_tiles(self, data: DashboardData) -> None:
        k = data.kpis

        def money(value: Decimal) -> str:
            return format_money(value, k.currency)

        n = i18n.number
        risk = k.customers_by_risk
        detail = self.tr("CRITICAL {critical} · HIGH {high} · MEDIUM {medium} · LOW {low}").format(
            critical=n(risk["CRITICAL"]),
            high=n(risk["HIGH"]),
            medium=n(risk["MEDIUM"]),
            low=n(risk["LOW"]),
        )
        if risk["UNSCORED"]:
            detail += self.tr(" · not scored {n}").format(n=n(risk["UNSCORED"]))
        if risk.get("LAPSED"):
            detail += self.tr(" · lapsed (win-back) {n}").format(n=n(risk["LAPSED"]))
        self.tiles["at_risk"].show_value(n(k.at_risk_accounts), detail)
        self.tiles["revenue"].show_value(
            money(k.revenue_at_risk),
            self.tr("per month ({currency}), accounts at risk").format(currency=k.currency),
        )
        self.tiles["churn"].show_value(
            format_rate(k.churn_rate_30d),
            self.tr("{n} customers churned").format(n=n(k.churned_30d)),
        )
        alerts = k.open_alerts_by_priority
        self.tiles["alerts"].show_value(
            n(sum(alerts.values())),
            self.tr(
                "{ack} of them acknowledged · critical {critical} · high {high} · "
                "medium {medium} · low {low}"
            ).format(
                ack=n(k.acknowledged_alerts),
                critical=n(alerts["critical"]),
                high=n(alerts["high"]),
                medium=n(alerts["medium"]),
                low=n(alerts["low"]),
            ),
        )
        self.tiles["response"].show_value(
            format_duration(k.median_alert_response_s),
            self.tr("median, raised → first action (resolve, intervention or note)"),
        )
        self.tiles["tickets"].show_value(
            n(k.open_tickets),
            self.tr("median resolution {time}").format(
                time=format_duration(k.median_ticket_resolution_s)
            ),
        )
        concluded = k.interventions_concluded
        self.tiles["interventions"].show_value(
            n(k.interventions),
            self.tr("started · {n} concluded: {rate} kept the customer, {money} retained").format(
                n=n(concluded),
                rate=format_rate(k.intervention_success_rate),
                money=money(k.revenue_retained),
            )
            if concluded
            else self.tr("started · none concluded yet"),
        )

    def _fill_metric_list(self, names: list[str]) -> bool:
        """Offer the metrics the database has; True when a first one was picked to show."""
        shown = set(self.selected_metrics())
        if [self.metric_list.item(i).text() for i in range(self.metric_list.count())] == names:
            return False
        first_fill = self.metric_list.count() == 0 and not shown and bool(names)
        if first_fill:
            # A business series with history first (orders a day), else a latency.
            preferred = [n for n in names if n.endswith(".daily")] + [
                n for n in names if n.endswith("latency_ms")
            ]
            shown = {preferred[0] if preferred else names[0]}
        self.metric_list.blockSignals(True)
        self.metric_list.clear()
        for name in names:
            item = QListWidgetItem(name, self.metric_list)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if name in shown else Qt.Unchecked)
        self.metric_list.blockSignals(False)
        return first_fill


METRIC_LABELS = {"pr_auc": "PR AUC", "roc_auc": "ROC AUC", "f1": "F1"}
ALGORITHM_LABELS = {
    "gradient_boosting": QT_TRANSLATE_NOOP("DashboardPage", "boosted"),
    "logistic_regression": QT_TRANSLATE_NOOP("DashboardPage", "logistic"),
    "rfm_logistic": QT_TRANSLATE_NOOP("DashboardPage", "RFM logistic"),
}
ALGORITHM_SYMBOLS = ("o", "t", "s", "d")
METRIC_COLORS = {"pr_auc": "#1f77b4", "roc_auc": "#ff7f0e", "f1": "#2ca02c"}


def _algorithm(name: str) -> str:
    label = ALGORITHM_LABELS.get(name)
    return QCoreApplication.translate("DashboardPage", label) if label else name


def model_lines(points: list[ModelPoint]) -> tuple[list[str], list[Series]]:
    """The model chart: one x per training run (its date; the versions trained together share
    it), one line per metric and algorithm, so a line joins an algorithm's successive versions
    and never the two models of one run. Colour names the metric, the marker the algorithm."""
    runs = sorted({p.trained_at for p in points if p.trained_at is not None})
    where = {run: i for i, run in enumerate(runs)}
    day_only = len({run.date() for run in runs}) == len(runs)
    labels = [f"{run:%Y-%m-%d}" if day_only else f"{run:%m-%d %H:%M}" for run in runs]
    algorithms = sorted({p.algorithm for p in points}, key=lambda a: (a not in ALGORITHM_LABELS, a))
    lines = []
    for metric, label in METRIC_LABELS.items():
        for number, algorithm in enumerate(algorithms):
            ys = [math.nan] * len(runs)
            for p in points:
                if p.algorithm == algorithm and p.trained_at in where and metric in p.metrics:
                    ys[where[p.trained_at]] = p.metrics[metric]
            if all(math.isnan(y) for y in ys):
                continue
            lines.append(
                Series(
                    f"{label} · {_algorithm(algorithm)}",
                    [float(i) for i in range(len(runs))],
                    ys,
                    {
                        "color": METRIC_COLORS[metric],
                        "symbol": ALGORITHM_SYMBOLS[number % len(ALGORITHM_SYMBOLS)],
                        "dashed": number % 2 == 1,
                    },
                )
            )
    return labels, lines


def _indexed(series: Series) -> Series:
    """Day labels become 0..n-1 so they plot as a line; the chart keeps the labels."""
    return Series(user_text(series.name), [float(i) for i in range(len(series.x))], series.y)
