"""A table model over a list query that never loads the whole table.

`rowCount()` is the matching count; rows come in pages of `PAGE_SIZE`, fetched on the database pool
when the view first asks for one of their cells (placeholders "…" until then) and kept in a page
cache. Each page is loaded with the cheapest plan `listing.plan_page` finds (keyset from a loaded
neighbour, or the nearer end). A new query or sort bumps a generation number, so answers to an old
query are dropped when they arrive.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from desktop.core.churn import alert_text
from desktop.core.read import listing
from desktop.core.read.listing import PAGE_SIZE, Column, ListQuery, ListSpec, Row
from desktop.ui import i18n, style, workers
from desktop.ui.messages import user_text
from desktop.ui.widgets.dialogs import percent, words

log = logging.getLogger(__name__)

PLACEHOLDER = "…"
IdRole = Qt.ItemDataRole.UserRole
RowRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

MAX_CACHED_PAGES = 200  # 40,000 rows at most in memory, whatever the table's size


def format_value(column: Column, value: Any) -> str:  # noqa: PLR0911
    """A cell as the user reads it: numbers, money and dates in the locale's form (ISO dates
    in English), codes (risk, priority, status) in the user's language."""
    if value is None:
        return "—" if column.kind in ("percent", "risk", "int", "date", "datetime") else ""
    kind = column.kind
    if kind == "percent":
        return percent(float(value))
    if kind == "money":
        return i18n.decimal(float(value), 2)
    if kind == "int":
        return i18n.number(int(value)) if column.key != "id" else str(value)
    if kind == "datetime" and isinstance(value, datetime):
        return i18n.moment(value)
    if kind in ("date", "datetime") and isinstance(value, (date, datetime)):
        return i18n.day(value)
    if kind in ("risk", "priority", "status"):
        return words(str(value))
    if kind == "alert":
        return user_text(alert_text.title(str(value)))
    return str(value)


class LazyTableModel(QAbstractTableModel):
    countChanged = Signal(int)
    loadFailed = Signal(str)
    pageLoaded = Signal(int)

    def __init__(
        self, spec: ListSpec, me: int | None = None, page_size: int = PAGE_SIZE, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.me = me
        self.page_size = page_size
        self.columns = spec.columns
        self._query = ListQuery(sort=spec.default_sort)
        self._total = 0
        self._counted = False
        self._pages: dict[int, list[Row]] = {}
        self._stale: dict[int, list[Row]] = {}
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._recent: list[int] = []
        self._retried: set[tuple[int, int]] = set()  # pages the view asked for last: reloaded first
        self._gen = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(15)  # coalesce the page requests of one paint / one scroll step
        self._flush.timeout.connect(self._request_wanted)

    # --- state ----------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def counted(self) -> bool:
        return self._counted

    @property
    def busy(self) -> bool:
        return not self._counted or bool(self._pending) or bool(self._wanted)

    def set_query(self, query: ListQuery) -> None:
        """A new search, filter or sort: start over from the first row."""
        self._query = query
        self.beginResetModel()
        self._total = 0
        self._counted = False
        self._pages.clear()
        self._stale.clear()
        self._gen += 1
        self._pending.clear()
        self._wanted.clear()
        self.endResetModel()
        self._start_count()
        self._load(0)

    def reload(self) -> None:
        """Same query, fresh data (after a write or F5): keep the rows on screen until the new
        pages arrive, so the view does not flash or lose its place."""
        self._stale = {**self._stale, **self._pages}
        self._pages = {}
        self._pending.clear()
        self._wanted.clear()
        self._gen += 1
        # Pages are planned from the count, so none is asked for until the new count is in.
        self._counted = False
        self._start_count()

    def row(self, row: int) -> Row | None:
        page = self._pages.get(row // self.page_size) or self._stale.get(row // self.page_size)
        if page is None:
            return None
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def row_id(self, row: int) -> int | None:
        loaded = self.row(row)
        return loaded.id if loaded is not None else None

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        label = user_text(column.label)
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("Click to sort by {column}").format(column=label.lower())
                if column.sort is not None
                else self.tr("{column} cannot be sorted on (not indexed)").format(column=label)
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(  # noqa: PLR0911
        self, index: Index, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        row = self.row(index.row())
        page = index.row() // self.page_size
        if page not in self._pages:
            self._want(page)
        elif not self._recent or self._recent[-1] != page:
            self._recent = [*[p for p in self._recent if p != page], page][-4:]
        column = self.columns[index.column()]
        if row is None:
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        value = row.values.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(column, value)
        if role == Qt.ItemDataRole.DecorationRole and column.kind in ("risk", "priority"):
            return style.level_swatch(column.kind, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("int", "money", "percent"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "alert":
            return format_value(column, value)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind in ("text", "status"):
            return str(value) if value is not None else None
        if role == IdRole:
            return row.id
        if role == RowRole:
            return row.values
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the server; columns without an index are not sortable and are ignored."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort is None:
            return
        desc = order == Qt.SortOrder.DescendingOrder
        self.set_query(self._query.with_(sort=((self.columns[column].key, desc),)))

    # --- loading --------------------------------------------------------------------------

    def _start_count(self) -> None:
        gen, spec, query, me = self._gen, self.spec, self._query, self.me
        workers.submit(
            lambda: listing.count(spec, query, me),
            lambda n: self._counted_rows(gen, n),
            lambda exc: self._failed(gen, exc),
            owner=self,
        )

    def _counted_rows(self, gen: int, total: int) -> None:
        if gen != self._gen:
            return
        old = self._total
        if total > old:
            self.beginInsertRows(QModelIndex(), old, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < old:
            self.beginRemoveRows(QModelIndex(), total, old - 1)
            self._total = total
            self.endRemoveRows()
        self._counted = True
        first = self._pages.get(0)
        if first is not None and len(first) < min(self.page_size, total):
            # The first page was fetched before the count and rows were added in between: it
            # is short of what the count says, so fetch it again (show it meanwhile).
            self._stale[0] = self._pages.pop(0)
            self._want(0)
        # Stale rows were kept for display: fetch the pages the view showed last, and ask the
        # view to repaint so it asks for any other it shows.
        for page in self._recent:
            if page * self.page_size < total:
                self._want(page)
        if self._stale and total:
            self.dataChanged.emit(self.index(0, 0), self.index(total - 1, len(self.columns) - 1))
        elif not self._stale and 0 in self._pages and total:
            last = min(total, len(self._pages[0])) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, len(self.columns) - 1))
        self.countChanged.emit(total)

    def _want(self, page: int) -> None:
        if page in self._pending or not self._counted:
            return
        self._wanted.add(page)
        if not self._flush.isActive():
            self._flush.start()

    def _request_wanted(self) -> None:
        wanted, self._wanted = sorted(self._wanted), set()
        for page in wanted:
            if page not in self._pages and page not in self._pending:
                self._load(page)

    def _edges(self, page: int) -> tuple[Any, Any] | None:
        rows = self._pages.get(page)
        return (rows[0].key, rows[-1].key) if rows else None

    def _load(self, page: int) -> None:
        gen, spec, query, me = self._gen, self.spec, self._query, self.me
        if self._counted:
            plan = listing.plan_page(page, self._total, self._edges, self.page_size)
            if plan.limit <= 0:
                return
        else:  # the first page is fetched while the count is still running
            plan = listing.FetchPlan(page=0, first_row=0, limit=self.page_size)
        self._pending.add(page)
        workers.submit(
            lambda: listing.run_plan(spec, query, plan, me),
            lambda rows: self._loaded(gen, page, rows),
            lambda exc: self._failed(gen, exc),
            owner=self,
        )

    def _loaded(self, gen: int, page: int, rows: list[Row]) -> None:
        if gen != self._gen:
            return
        self._pending.discard(page)
        first = page * self.page_size
        expected = max(0, min(self.page_size, self._total - first))
        if self._counted and len(rows) < expected and (gen, page) not in self._retried:
            # Rows were added between the count and this fetch (planned on the old count):
            # fetch this page once more rather than show a gap.
            self._retried.add((gen, page))
            self._want(page)
            return
        if not self._counted and page == 0 and len(rows) > self._total:
            # The first page came before the count: show it now; the count adds the rest.
            self.beginInsertRows(QModelIndex(), self._total, len(rows) - 1)
            self._pages[page] = rows
            self._total = len(rows)
            self.endInsertRows()
        self._pages[page] = rows
        self._stale.pop(page, None)
        self._evict(page)
        last = min(first + len(rows), self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
        self.pageLoaded.emit(page)

    def _evict(self, keep: int) -> None:
        """Bound memory: drop the pages farthest from the one just loaded."""
        if len(self._pages) <= MAX_CACHED_PAGES:
            return
        for page in sorted(self._pages, key=lambda p: -abs(p - keep))[
            : len(self._pages) - MAX_CACHED_PAGES
        ]:
            del self._pages[page]

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._gen:
            return
        self._pending.clear()
        self._counted = True
        self.loadFailed.emit(f"could not load {self.spec.noun[1]}: {exc}")
