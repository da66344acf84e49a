"""A page around one lazy table: filter bar, debounced search, count, column chooser, export.

The header's state (column widths, hidden columns, sort) is remembered per page in QSettings.
Enter or double-click opens the row; the context menu holds the row actions. Down or Enter in
the search box moves into the results; a search or filter that matches nothing says so and
offers to clear them. Export writes what the table shows (its search, filters, sort and shown
columns in their order, every matching row) to CSV or XLSX as a background job.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from desktop.core.read.listing import Column, ListQuery, ListSpec
from desktop.ui import style
from desktop.ui.context import AppContext
from desktop.ui.messages import user_text
from desktop.ui.widgets import export
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.table_model import LazyTableModel

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300
MIN_TABLE_WIDTH = 360  # px: below this a remembered split is not used
HEADER_PADDING = 30  # px beside a column title: the section's margins and the sort arrow
COLUMN_WIDTHS = {
    "text": 160, "int": 70, "money": 95, "percent": 65, "date": 95, "datetime": 130,
    "risk": 95, "priority": 95, "status": 110,
}  # fmt: skip
# Widths by column where the kind's is wrong for what it holds.
KEY_WIDTHS = {
    "name": 170, "email": 250, "title": 200, "subject": 200, "number": 90,
    "order_number": 110, "customer_name": 150, "assignee_name": 120, "account_status": 90,
    "category": 100, "type": 120, "status": 100, "acknowledged_at": 130,
}  # fmt: skip
# The columns that take the room a wide window has beyond the columns' widths (by share), so
# a long name, email or subject shows whole instead of the last column stretching.
STRETCH_WEIGHTS = {"name": 2.0, "email": 3.0, "title": 3.0, "subject": 3.0, "customer_name": 1.0}


def column_width(column: Column) -> int:
    return KEY_WIDTHS.get(column.key, COLUMN_WIDTHS.get(column.kind, 110))


class ColumnFitter(QObject):
    """Gives the width the columns leave free to the text columns in `weights` (by share), so
    a wide window widens what is cut, not the last column; in a narrow one the table scrolls.

    Each weighted column keeps its own width (its default, or what the user dragged it to) and
    gets its share of the room on top; only a change of the table's width or of the shown
    columns refits, never the user's drag.
    """

    def __init__(self, view: QTableView, weights: dict[int, float]) -> None:
        super().__init__(view)
        self.view = view
        self.weights = weights
        self.base: dict[int, int] = {}
        self._fitting = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)

    def restore(self, saved: object) -> None:
        header = self.view.horizontalHeader()
        widths: dict[int, int] = {}
        if isinstance(saved, str):
            for part in saved.split(","):
                col, _, width = part.partition(":")
                if col.isdigit() and width.isdigit():
                    widths[int(col)] = int(width)
        for col in self.weights:
            self.base[col] = widths.get(col) or header.sectionSize(col)
        self.fit()

    def saved(self) -> str:
        return ",".join(f"{col}:{width}" for col, width in sorted(self.base.items()))

    def _resized(self, column: int, _old: int, new: int) -> None:
        if not self._fitting and column in self.weights:
            self.base[column] = new  # the user's width: their share starts again from it

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        stretch = [c for c in shown if c in self.weights and c in self.base]
        if not stretch:
            return
        fixed = sum(header.sectionSize(c) for c in shown if c not in stretch)
        room = self.view.viewport().width() - fixed - sum(self.base[c] for c in stretch) - 1
        share = sum(self.weights[c] for c in stretch)
        self._fitting = True
        try:
            for c in stretch:
                # At most twice its own width: past that the room stays empty on the right.
                extra = min(int(max(0, room) * self.weights[c] / share), self.base[c])
                header.resizeSection(c, self.base[c] + extra)
        finally:
            self._fitting = False


CUSTOM_RANGE = "custom"
DATE_RANGES = (
    (QT_TRANSLATE_NOOP("ListPage", "Any time"), None),
    (QT_TRANSLATE_NOOP("ListPage", "Last 7 days"), 7),
    (QT_TRANSLATE_NOOP("ListPage", "Last 30 days"), 30),
    (QT_TRANSLATE_NOOP("ListPage", "Last 90 days"), 90),
    (QT_TRANSLATE_NOOP("ListPage", "Last 365 days"), 365),
    (QT_TRANSLATE_NOOP("ListPage", "Custom range…"), CUSTOM_RANGE),
)


class ListPage(QWidget):
    """Subclasses add filters in `build_filters` and row actions in `row_actions`."""

    exported = Signal(object)  # an export finished: its ExportResult, or the exception

    # A page's own texts: marked by the page with QT_TRANSLATE_NOOP in its class's context,
    # shown through `_page_text` (the class's name is the context).
    title = ""
    search_hint = QT_TRANSLATE_NOOP("ListPage", "Search")
    date_label = QT_TRANSLATE_NOOP("ListPage", "Date")
    # The columns a narrow window shows first (the rest follow in the list's order); the
    # user's own order, once they move a column, is remembered instead.
    column_order: tuple[str, ...] = ()

    def __init__(  # noqa: PLR0915 - builds the layout
        self, ctx: AppContext, spec: ListSpec, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.model = LazyTableModel(spec, me=ctx.user.id, parent=self)
        self._filters: dict[str, QComboBox | QCheckBox] = {}

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(self._page_text(self.title))
        heading.setProperty("role", "title")
        top.addWidget(heading)
        top.addStretch(1)
        self.count_label = QLabel(QCoreApplication.translate("ListPage", "Counting…"))
        self.count_label.setProperty("role", "count")
        self.count_label.setObjectName("count")
        top.addWidget(self.count_label)
        self.columns_button = QToolButton()
        style.set_icon(self.columns_button, "columns")
        self.columns_button.setToolTip(
            QCoreApplication.translate("ListPage", "Choose the columns to show")
        )
        self.columns_button.setAccessibleName(QCoreApplication.translate("ListPage", "Columns"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        top.addWidget(self.columns_button)
        self.export_button = QToolButton()
        self.export_button.setObjectName("export_list")
        self.export_button.setText(QCoreApplication.translate("ListPage", "Export"))
        self.export_button.setToolTip(
            QCoreApplication.translate(
                "ListPage",
                "Write every {noun} the search and filters match, with the shown columns "
                "in their order, to a CSV file or an Excel workbook",
            ).format(noun=user_text(spec.noun[0]))
        )
        self.export_button.setAccessibleName(QCoreApplication.translate("ListPage", "Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        for fmt, label in (
            ("csv", QCoreApplication.translate("ListPage", "Export as CSV…")),
            ("xlsx", QCoreApplication.translate("ListPage", "Export as Excel workbook…")),
        ):
            action = export_menu.addAction(label)
            action.setObjectName(f"export_{fmt}")
            action.triggered.connect(lambda _c=False, f=fmt: self.export(f))
        self.export_button.setMenu(export_menu)
        top.addWidget(self.export_button)
        refresh = QToolButton()
        style.set_icon(refresh, "refresh")
        refresh.setToolTip(QCoreApplication.translate("ListPage", "Refresh (F5)"))
        refresh.setAccessibleName(QCoreApplication.translate("ListPage", "Refresh"))
        refresh.clicked.connect(self.refresh)
        top.addWidget(refresh)
        outer.addLayout(top)

        # The search, the filters and the page's buttons: one row at full width, wrapped in a
        # narrow window (never squeezed into unreadable "Any ri" boxes).
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self._page_text(self.search_hint))
        self.search.setClearButtonEnabled(True)
        search_icon = self.search.addAction(
            style.icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        search_icon.setProperty(style.ICON_PROPERTY, "search")
        self.search.setMinimumWidth(300)
        self.search.setMaximumWidth(460)
        self.filter_bar = FlowLayout(stretch_first=True)
        self.filter_bar.addWidget(self.search)
        self.build_filters()
        self.date_range = self.add_combo(
            "date_range",
            [(QCoreApplication.translate("ListPage", label), days) for label, days in DATE_RANGES],
            self._page_text(self.date_label),
        )
        self._build_custom_range()
        outer.addLayout(self.filter_bar)
        outer.addWidget(self.range_bar)
        self._build_empty_bar()
        outer.addWidget(self.empty_bar)

        # The table and, on pages with one, the detail pane beside it (`add_side`), with a
        # handle between them; the split is remembered.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{spec.name}_split")
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter, 1)
        self.view = QTableView()
        self.view.setObjectName(f"{spec.name}_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table (to the detail pane)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.view.installEventFilter(self)
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self._columns_menu().exec(header.mapToGlobal(pos))
        )
        header.sectionClicked.connect(self._header_clicked)
        self.splitter.addWidget(self.view)
        self.fitter = ColumnFitter(
            self.view,
            {
                i: STRETCH_WEIGHTS[c.key]
                for i, c in enumerate(spec.columns)
                if c.key in STRETCH_WEIGHTS
            },
        )
        self.columns_button.setMenu(self._columns_menu())

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.installEventFilter(self)
        self._focus_results = False  # move into the results once the new search has rows
        self.model.countChanged.connect(self._show_count)
        self.model.loadFailed.connect(self._load_failed)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.current_changed(current.row())
        )
        self.model.pageLoaded.connect(self._page_loaded)
        self.model.countChanged.connect(lambda _n: self._page_loaded(0))
        self._restore()
        self._started = False

    def add_side(self, widget: QWidget, minimum: int = 300) -> None:
        """The detail pane right of the table; the table gets the larger share at first."""
        widget.setMinimumWidth(minimum)
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        saved = self.ctx.settings.value(self._settings_key("split"))
        self._split_restored = isinstance(saved, QByteArray) and self.splitter.restoreState(saved)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.splitter.count() > 1 and not self._split_usable():
            # First time shown, or a remembered split that would squeeze the table (saved
            # before the page was ever laid out, or from a much wider screen): three fifths
            # for the table, whatever the panes' size hints.
            self._split_restored = True
            width = self.splitter.width()
            side = max(self.splitter.widget(1).minimumWidth(), width * 2 // 5)
            self.splitter.setSizes([width - side, side])

    def _split_usable(self) -> bool:
        if not getattr(self, "_split_restored", True):
            return False
        table, *_ = self.splitter.sizes()
        return table >= min(MIN_TABLE_WIDTH, self.splitter.width() // 2)

    # --- filters --------------------------------------------------------------------------

    def build_filters(self) -> None:
        """Subclasses add their filter widgets here."""

    def add_combo(
        self, key: str, items: list[tuple[str, Any]], tooltip: str, default: int = 0
    ) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"filter_{key}")
        combo.setToolTip(tooltip)
        combo.setAccessibleName(tooltip)
        # As wide as its longest choice: "Any risk", never "Any ri".
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(default)
        combo.currentIndexChanged.connect(lambda _i: self.apply())
        self.filter_bar.addWidget(combo)
        self._filters[key] = combo
        return combo

    def _build_custom_range(self) -> None:
        """Two date edits (from, to; both days included) on a row of their own under the
        filters (the filter row has no room left), shown when "Custom range…" is chosen; each
        keeps the other in order, so the range is never empty by mistake."""
        today = QDate(m.utcnow().date())
        self.range_bar = QWidget()
        self.range_bar.setObjectName("range_bar")
        row = QHBoxLayout(self.range_bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        label = self._page_text(self.date_label)
        from_text = QCoreApplication.translate("ListPage", "{date} from")
        row.addWidget(QLabel(from_text.format(date=label)))
        for edit, name, tip in (
            (
                self.date_from,
                "date_from",
                QCoreApplication.translate("ListPage", "{date}: from (included)").format(
                    date=label
                ),
            ),
            (
                self.date_to,
                "date_to",
                QCoreApplication.translate("ListPage", "{date}: to (included)").format(date=label),
            ),
        ):
            edit.setObjectName(name)
            edit.setToolTip(tip)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            # Typing a date changes it digit by digit: wait for a pause, as the search does.
            edit.dateChanged.connect(lambda _d: self._search_timer.start())
            row.addWidget(edit)
            if edit is self.date_from:
                row.addWidget(QLabel(QCoreApplication.translate("ListPage", "to")))
        row.addWidget(QLabel(QCoreApplication.translate("ListPage", "(both days included)")))
        row.addStretch(1)
        self.range_bar.hide()
        self.date_from.dateChanged.connect(self.date_to.setMinimumDate)
        self.date_to.dateChanged.connect(self.date_from.setMaximumDate)
        self.date_to.setMinimumDate(self.date_from.date())
        self.date_from.setMaximumDate(self.date_to.date())
        self.date_range.currentIndexChanged.connect(lambda _i: self._show_custom_range())

    def _build_empty_bar(self) -> None:
        """ "No customers match …" and a button that clears the search and the filters, shown
        when a search or a filter leaves nothing."""
        self.empty_bar = QWidget()
        self.empty_bar.setObjectName("empty_bar")
        row = QHBoxLayout(self.empty_bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("empty_label")
        self.clear_button = QPushButton(
            QCoreApplication.translate("ListPage", "Clear search and filters")
        )
        self.clear_button.setObjectName("clear_search")
        self.clear_button.clicked.connect(self.clear_search_and_filters)
        row.addWidget(self.empty_label)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.empty_bar.hide()

    def clear_search_and_filters(self) -> None:
        """Every filter back to "any", the search empty, one reload; focus back in the search."""
        self.show_filtered({})
        self._show_custom_range()
        self.search.setFocus()

    def _show_custom_range(self) -> None:
        self.range_bar.setVisible(self.date_range.currentData() == CUSTOM_RANGE)

    def set_custom_range(self, start: date, end: date) -> None:
        """Choose "Custom range…" from `start` to `end` (both included) and reload once."""
        self.date_range.blockSignals(True)
        self.date_range.setCurrentIndex(self.date_range.findData(CUSTOM_RANGE))
        self.date_range.blockSignals(False)
        self._show_custom_range()
        self.date_from.setMaximumDate(QDate(end))
        self.date_to.setMinimumDate(QDate(start))
        self.date_from.setDate(QDate(start))
        self.date_to.setDate(QDate(end))
        self.apply()

    def add_check(self, key: str, label: str) -> QCheckBox:
        check = QCheckBox(label)
        check.setObjectName(f"filter_{key}")
        check.toggled.connect(lambda _c: self.apply())
        self.filter_bar.addWidget(check)
        self._filters[key] = check
        return check

    def set_filter(self, key: str, value: Any) -> None:
        """Select the combo item whose data is `value` (tests and links from other pages)."""
        widget = self._filters[key]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            index = widget.findData(value)
            if index < 0:
                raise ValueError(f"{key} has no choice {value!r}")
            widget.setCurrentIndex(index)

    def show_filtered(self, filters: dict[str, Any]) -> None:
        """Show exactly these filters (links from the dashboard): the others go back to "any",
        the search is cleared, and the list reloads once."""
        widgets = [*self._filters.values(), self.search]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for widget in self._filters.values():
                if isinstance(widget, QCheckBox):
                    widget.setChecked(False)
                elif (any_index := widget.findData(None)) >= 0:
                    widget.setCurrentIndex(any_index)
            for key, value in filters.items():
                self.set_filter(key, value)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._started = True
        self.apply()

    def filters(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self._filters.items():
            if isinstance(widget, QCheckBox):
                if widget.isChecked():
                    out[key] = True
                continue
            value = widget.currentData()
            if value is None:
                continue
            if key == "date_range" and value == CUSTOM_RANGE:
                out["date_from"] = self.date_from.date().toPython()
                out["date_to"] = self.date_to.date().toPython()
            elif key == "date_range":
                out["date_from"] = m.utcnow().date() - timedelta(days=int(value))
            else:
                out[key] = value
        return out

    def current_query(self) -> ListQuery:
        return ListQuery(
            search=self.search.text().strip(), filters=self.filters(), sort=self.model.query.sort
        )

    def apply(self) -> None:
        self._search_timer.stop()
        self.count_label.setText(QCoreApplication.translate("ListPage", "Counting…"))
        self.model.set_query(self.current_query())
        self.current_changed(-1)

    def start(self) -> None:
        """First load, when the page is first shown (pages nobody opens cost no query)."""
        if not self._started:
            self._started = True
            self.apply()

    def refresh(self) -> None:
        if not self._started:
            self.start()
            return
        self.model.reload()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- rows -----------------------------------------------------------------------------

    def selected_ids(self) -> tuple[list[int], int]:
        """Ids of the selected rows that are loaded, and how many selected rows are not."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        ids, missing = [], 0
        for r in rows:
            row_id = self.model.row_id(r)
            if row_id is None:
                missing += 1
            else:
                ids.append(row_id)
        return ids, missing

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def current_values(self) -> dict[str, Any] | None:
        row = self.model.row(self.current_row()) if self.current_row() >= 0 else None
        return row.values if row is not None else None

    def open_row(self, row: int) -> None:
        """Enter / double-click; the default opens the row's customer."""
        loaded = self.model.row(row)
        if loaded is None:
            return
        customer_id = loaded.values.get("customer_id", loaded.id)
        if customer_id is not None:
            self.ctx.events.openCustomer.emit(int(customer_id))

    def current_changed(self, row: int) -> None:
        """Subclasses with a detail pane show the current row."""

    def _page_loaded(self, page: int) -> None:
        """Keyboard-first: the first row is current as soon as it is there."""
        first_loaded = self.model.row(0) is not None
        if self.current_row() < 0 and page == 0 and first_loaded and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, self._first_visible_column()))
        elif self.current_row() >= 0:
            self.current_changed(self.current_row())
        if self._focus_results and self.model.counted and not self._search_timer.isActive():
            if self.model.rowCount() == 0:
                self._focus_results = False
                if self.empty_bar.isVisible():
                    self.clear_button.setFocus()
            elif first_loaded:
                self._focus_results = False
                self._enter_results()

    def into_results(self) -> None:
        """Down or Enter in the search box: to the first result, once the search typed so far
        has run (at once when it already has)."""
        self._focus_results = True
        if self._search_timer.isActive() or self.current_query() != self.model.query:
            self.apply()
        else:
            self._page_loaded(0)

    def _enter_results(self) -> None:
        index = self.model.index(0, self._first_visible_column())
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.setCurrentIndex(index)
        self.view.selectRow(0)
        self.view.scrollTo(index)

    def _first_visible_column(self) -> int:
        header = self.view.horizontalHeader()
        return header.logicalIndex(
            next(
                v
                for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))
            )
        )

    def row_actions(self, menu: QMenu) -> None:
        open_action = menu.addAction(QCoreApplication.translate("ListPage", "Open customer"))
        open_action.triggered.connect(lambda: self.open_row(self.current_row()))

    def handle_key(self, event: QKeyEvent) -> bool:
        """Page-specific single-key actions; True when handled."""
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            search_key: QKeyEvent = event  # type: ignore[assignment]
            if search_key.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.into_results()
                return True
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            key = key_event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_row(self.current_row())
                return True
            shift_f10 = key == Qt.Key.Key_F10 and (
                key_event.modifiers() == Qt.KeyboardModifier.ShiftModifier
            )
            if shift_f10:  # the Menu key arrives as a context-menu request already
                self._context_menu(QPoint(-1, -1))
                return True
            if key in (Qt.Key.Key_J, Qt.Key.Key_K) and not key_event.modifiers():
                step = 1 if key == Qt.Key.Key_J else -1
                row = max(0, min(self.model.rowCount() - 1, self.current_row() + step))
                self.view.selectRow(row)
                return True
            if self.handle_key(key_event):
                return True
        return super().eventFilter(obj, event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid() or not self.view.viewport().rect().contains(pos):
            # The Menu key or Shift+F10: the current row's menu, shown at that row.
            index = self.view.currentIndex()
            if not index.isValid():
                return
            pos = self.view.visualRect(index).center()
        if not self.view.selectionModel().isRowSelected(index.row()):
            self.view.selectRow(index.row())
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        self.row_actions(menu)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # --- export ---------------------------------------------------------------------------

    def visible_columns(self) -> list[str]:
        """The keys of the shown columns, in the order the header shows them."""
        header = self.view.horizontalHeader()
        keys = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                keys.append(self.model.columns[logical].key)
        return keys

    def export(self, fmt: str, path: Path | None = None) -> Any:
        """Export what the table shows to `path` (asked for when None); the job's state, or
        None when the user cancelled the file dialog. `exported` reports how it went."""
        if path is None:
            path = export.choose_save_path(
                self,
                QCoreApplication.translate("ListPage", "Export {nouns}").format(
                    nouns=user_text(self.spec.noun[1])
                ),
                f"{self.spec.name}.{fmt}",
                fmt,
            )
            if path is None:
                return None
        return export.start_list_export(
            self, self.ctx, self.spec, self.model.query,
            columns=self.visible_columns(), fmt=fmt, path=path, report=self.exported.emit,
        )  # fmt: skip

    # --- header, count, settings ----------------------------------------------------------

    def _columns_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setTitle(QCoreApplication.translate("ListPage", "Columns"))
        for i, column in enumerate(self.model.columns):
            action = QAction(user_text(column.label), menu)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self._show_column(i, on))
            menu.addAction(action)
        menu.aboutToShow.connect(lambda: self._sync_columns_menu(menu))
        return menu

    def _show_column(self, column: int, shown: bool) -> None:
        self.view.setColumnHidden(column, not shown)
        self.fitter.fit()

    def _sync_columns_menu(self, menu: QMenu) -> None:
        for i, action in enumerate(menu.actions()):
            action.blockSignals(True)
            action.setChecked(not self.view.isColumnHidden(i))
            action.blockSignals(False)

    def _header_clicked(self, section: int) -> None:
        header = self.view.horizontalHeader()
        column = self.model.columns[section]
        if column.sort is None:
            self.ctx.events.message.emit(
                QCoreApplication.translate(
                    "ListPage", "{column} cannot be sorted on (not indexed)"
                ).format(column=user_text(column.label))
            )
            self._show_sort()
            return
        current = dict(self.model.query.sort)
        desc = (
            not current.get(column.key, True)
            if column.key in current
            else column.kind
            in (
                "percent",
                "risk",
                "money",
                "int",
                "priority",
                "date",
                "datetime",
            )
        )
        header.setSortIndicator(
            section, Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder
        )
        self.model.set_query(self.current_query().with_(sort=((column.key, desc),)))

    def _show_sort(self) -> None:
        header = self.view.horizontalHeader()
        sort = self.model.query.sort or self.spec.default_sort
        key, desc = sort[0]
        header.setSortIndicator(
            self.model.column_index(key),
            Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder,
        )

    def _show_count(self, total: int) -> None:
        noun = user_text(self.spec.noun[0] if total == 1 else self.spec.noun[1])
        self.count_label.setText(f"{QLocale().toString(total)} {noun}")
        query = self.model.query
        searched, filtered = bool(query.search), bool(query.filters)
        if total or not (searched or filtered):
            self.empty_bar.hide()
            return
        nouns = user_text(self.spec.noun[1])
        if searched and filtered:
            text = QCoreApplication.translate(
                "ListPage", "No {nouns} match “{search}” with these filters."
            )
        elif searched:
            text = QCoreApplication.translate("ListPage", "No {nouns} match “{search}”.")
        else:
            text = QCoreApplication.translate("ListPage", "No {nouns} match these filters.")
        self.empty_label.setText(text.format(nouns=nouns, search=query.search))
        self.empty_bar.show()

    def _page_text(self, text: str) -> str:
        """A page's title or hint, translated in its class's context (else ListPage's)."""
        if not text:
            return text
        own = QCoreApplication.translate(type(self).__name__, text)
        return own if own != text else QCoreApplication.translate("ListPage", text)

    def _load_failed(self, message: str) -> None:
        self.count_label.setText(QCoreApplication.translate("ListPage", "Not loaded"))
        self.ctx.events.message.emit(message)

    def _settings_key(self, name: str) -> str:
        return f"pages/{self.spec.name}/{name}"

    def _header_width(self, section: int) -> int:
        """What the column's title needs whole, with room for the sort arrow: a French title
        ("Dernière commande") is longer than the kind's width allows."""
        header = self.view.horizontalHeader()
        title = str(self.model.headerData(section, Qt.Orientation.Horizontal) or "")
        return header.fontMetrics().horizontalAdvance(title) + HEADER_PADDING

    def _restore(self) -> None:
        header = self.view.horizontalHeader()
        for i, column in enumerate(self.model.columns):
            self.view.setColumnHidden(i, not column.shown)
            header.resizeSection(i, max(column_width(column), self._header_width(i)))
        for visual, key in enumerate(self.column_order):
            header.moveSection(header.visualIndex(self.model.column_index(key)), visual)
        state = self.ctx.settings.value(self._settings_key("header"))
        if state is not None:
            header.restoreState(state)
            header.setStretchLastSection(False)
        self.fitter.restore(self.ctx.settings.value(self._settings_key("widths")))
        saved = self.ctx.settings.value(self._settings_key("sort"))
        if isinstance(saved, str) and ":" in saved:
            # Every sort column, in order ("priority:desc,created_at:asc"); a column that can
            # no longer be sorted on (renamed, index dropped) is skipped.
            sort = tuple(
                (key, direction == "desc")
                for key, _, direction in (part.partition(":") for part in saved.split(","))
                if self.spec.sortable(key)
            )
            if sort:
                self.model._query = self.model.query.with_(sort=sort)
        self._show_sort()

    def save_state(self) -> None:
        header = self.view.horizontalHeader()
        self.ctx.settings.setValue(self._settings_key("header"), header.saveState())
        self.ctx.settings.setValue(self._settings_key("widths"), self.fitter.saved())
        if self.splitter.count() > 1 and min(self.splitter.sizes()) > 0:
            # Only a split the user has seen: one saved before the page was first shown holds
            # no sizes, and restoring it would leave the table at its size hint.
            self.ctx.settings.setValue(self._settings_key("split"), self.splitter.saveState())
        sort = self.model.query.sort or self.spec.default_sort
        if sort:
            self.ctx.settings.setValue(
                self._settings_key("sort"),
                ",".join(f"{key}:{'desc' if desc else 'asc'}" for key, desc in sort),
            )


def choice_options(any_label: str, values: list[str]) -> list[tuple[str, Any]]:
    """Filter choices: "Any …" first, then each value by its words."""
    return [(any_label, None)] + [(words(v), [v]) for v in values]
