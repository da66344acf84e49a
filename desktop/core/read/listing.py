"""List queries that scale: filters, search, server-side sort and keyset pagination.

A table in the window never loads a whole table. It asks for the matching count, then for pages of
rows: the first page, the page after (or before) one it already has, keyed on the sort values of
that page's edge row plus the id as tie-break, so each page is an index range scan whatever its
depth; the last page comes from the reversed order, so jumping to the end is as fast as the start.
Only a jump into the middle of a large result falls back to OFFSET, from whichever end is nearer.

Sort keys may be NULL; both backends order NULL first ascending and last descending, and the
keyset conditions follow that rule.

The engine is generic: a `ListSpec` names its columns, filters and search; the lists the
window shows (customers, alerts, tickets, orders) are in `desktop.core.read.lists`.
"""

from __future__ import annotations

import functools
import logging
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, ClassVar

import peewee as pw

from db import models as m
from db.connection import is_mysql
from db.limits import check_search

log = logging.getLogger(__name__)

PAGE_SIZE = 200
SortSpec = tuple[tuple[str, bool], ...]  # (column key, descending)
Key = tuple[Any, ...]


@dataclass(frozen=True)
class Column:
    """A column a table can show; `sort` is the indexed expression it sorts by, or None."""

    key: str
    label: str
    expr: Any
    sort: Any = None
    kind: str = "text"  # text, int, money, percent, date, datetime, risk, priority, status,
    # alert (an alert's stored title, shown in the user's language: `churn.alert_text`)
    shown: bool = True  # shown unless the user hides it in the column chooser


@dataclass(frozen=True)
class ListQuery:
    """What the user asked to see: search text, filters and a sort order.

    Filters (all optional): risk_level, account_status, priority, status, type, category: a list
    of values; tag, segment, customer: an id; assigned_to_me: bool; date_from, date_to: dates.
    """

    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: SortSpec = ()

    def with_(self, **changes: Any) -> ListQuery:
        return ListQuery(
            search=changes.get("search", self.search),
            filters=changes.get("filters", self.filters),
            sort=changes.get("sort", self.sort),
        )


@dataclass
class Row:
    id: int
    values: dict[str, Any]
    key: Key


class ListSpec:
    """One listable entity: its columns, its default order, and how filters and search apply."""

    name = ""
    noun = ("row", "rows")
    model: type[m.BaseModel]
    columns: tuple[Column, ...] = ()
    default_sort: SortSpec = ()
    date_column: Any = None
    # Filters that are a list of allowed values for one column (status, priority, …).
    choice_filters: ClassVar[dict[str, Any]] = {}
    customer_column: Any = None  # the "customer" filter (a Customer 360 tab)
    assignee_column: Any = None  # the "assigned to me" filter
    # The columns an export always carries, shown or not, so a re-import can match its rows.
    identity: tuple[str, ...] = ("id",)

    def __init__(self) -> None:
        self.by_key = {c.key: c for c in self.columns}

    def base(self) -> pw.Select:
        """The FROM part with the joins the columns and search need."""
        return self.model.select()

    def conditions(self, query: ListQuery, me: int | None) -> list[Any]:
        conds: list[Any] = []
        f = query.filters
        if self.date_column is not None:
            if f.get("date_from"):
                conds.append(self.date_column >= _start_of(f["date_from"]))
            if f.get("date_to"):
                conds.append(self.date_column < _start_of(f["date_to"], next_day=True))
        for key, column in self.choice_filters.items():
            if values := in_list(f.get(key)):
                conds.append(column.in_(values))
        if self.customer_column is not None and f.get("customer"):
            conds.append(self.customer_column == int(f["customer"]))
        if self.assignee_column is not None and f.get("assigned_to_me") and me is not None:
            conds.append(self.assignee_column == me)
        return conds

    def search_condition(self, text: str) -> Any:
        return None

    def row_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """A fetched row's values as the table shows them (a spec may derive a column)."""
        return values

    def export_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """A row's values as an export writes them (whole where the table cuts them)."""
        return values

    def search_branches(self, text: str) -> list[Any]:
        """The search as alternatives that are each one index range. Several are run as a UNION
        of one query per index: for an OR of two indexes MariaDB reads and sorts every
        matching row (index merge), ten times slower on a broad prefix."""
        cond = self.search_condition(text)
        return [] if cond is None else [cond]

    def count_parts(
        self, query: ListQuery, me: int | None, search: Any = None
    ) -> list[tuple[int, Any]]:
        """(sign, condition) pairs whose signed counts add up to the matching count; `search`
        replaces the query's search condition (one branch of it)."""
        return [(1, self.where(query, me, search))]

    def count_queries(self, query: ListQuery, me: int | None) -> list[tuple[int, Any]] | None:
        """Signed COUNT queries of the spec's own making (read from another table), or None
        for the ones `count_parts` gives."""
        return None

    def page_select(self, query: ListQuery, me: int | None, page: PageArgs) -> Any:
        """A SELECT of the spec's own making for one page (another plan for the same rows),
        or None for the engine's."""
        return None

    def where(self, query: ListQuery, me: int | None, search: Any = None) -> Any:
        conds = self.conditions(query, me)
        text = query.search.strip()
        if search is None and text:
            search = self.search_condition(text)
        if search is not None:
            conds.append(search)
        return functools.reduce(operator.and_, conds) if conds else None

    def order_terms(self, sort: SortSpec) -> list[tuple[Any, bool]]:
        """Sort expressions with directions, ending with the id as a unique tie-break."""
        terms: list[tuple[Any, bool]] = []
        for key, desc in sort or self.default_sort:
            column = self.by_key.get(key)
            if column is None or column.sort is None:
                continue
            terms.append((column.sort, desc))
        if not terms:
            terms = [(self.by_key[k].sort, d) for k, d in self.default_sort]
        last_desc = terms[-1][1] if terms else False
        terms.append((self.model._meta.primary_key, last_desc))
        return terms

    def sortable(self, key: str) -> bool:
        column = self.by_key.get(key)
        return column is not None and column.sort is not None


@dataclass(frozen=True)
class PageArgs:
    """One page as `fetch_select` plans it: the columns, the order (reversed for a page read
    backwards), the edge row's key, the rows to skip and to return."""

    selected: list[Any]
    terms_q: list[tuple[Any, bool]]
    edge: Key | None
    skip: int
    limit: int

    @property
    def order(self) -> list[Any]:
        return [expr.desc() if desc else expr.asc() for expr, desc in self.terms_q]


def _start_of(value: date | datetime, *, next_day: bool = False) -> datetime:
    day = value.date() if isinstance(value, datetime) else value
    start = datetime.combine(day, time())
    if next_day:
        from datetime import timedelta

        start += timedelta(days=1)
    return start


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(expr: Any, text: str) -> Any:
    """Case-insensitive substring match (a scan; fine for names and subjects)."""
    pattern = f"%{_escape_like(text)}%"
    if is_mysql():
        return pw.Expression(expr, pw.OP.ILIKE, pattern)  # plain LIKE; backslash escapes
    return pw.NodeList((expr, pw.SQL("LIKE"), pattern, pw.SQL("ESCAPE '\\'")))


def prefix(expr: Any, text: str, *, fold: bool = True) -> Any:
    """Prefix match that uses the column's index on both backends.

    MySQL's LIKE 'abc%' is an index range (case-insensitive with the table's collation). SQLite's
    LIKE only uses an index on a NOCASE column, so there it is a binary range on the lowercased
    text (`fold`: emails are stored lowercase) or on the text as given (numbers, stored upper).
    """
    if is_mysql():
        return pw.Expression(expr, pw.OP.ILIKE, f"{_escape_like(text)}%")
    low = text.lower() if fold else text
    return (expr >= low) & (expr < low + "\U0010ffff")


def in_list(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


# --- queries -----------------------------------------------------------------------------------


def _filtered(spec: ListSpec, query: ListQuery, me: int | None, select: pw.Select) -> pw.Select:
    cond = spec.where(query, me)
    return select.where(cond) if cond is not None else select


def count_selects(
    spec: ListSpec, query: ListQuery, me: int | None = None
) -> list[tuple[int, pw.Select]]:
    """The signed COUNT queries whose sum is the matching count."""
    text = query.search.strip()
    check_search(text)  # longer than any searchable value, or not storable: a clear message
    own = spec.count_queries(query, me)
    if own is not None:
        return own
    branches = spec.search_branches(text) if text else []
    out = []
    if len(branches) <= 1:
        for sign, cond in spec.count_parts(query, me):
            base = spec.base() if _needs_joins(spec, query) else spec.model.select()
            select = base.select(pw.fn.COUNT(pw.SQL("*")))
            out.append((sign, select.where(cond) if cond is not None else select))
        return out
    # COUNT over the UNION of each branch's ids (each read from its index alone).
    pk = spec.model._meta.primary_key
    per_branch = [spec.count_parts(query, me, search=b) for b in branches]
    for i, (sign, _cond) in enumerate(per_branch[0]):
        members = []
        for parts in per_branch:
            base = spec.base() if _needs_joins(spec, query) else spec.model.select()
            members.append(base.select(pk).where(parts[i][1]))
        union = functools.reduce(operator.or_, members)
        select = pw.Select([union.alias("u")], [pw.fn.COUNT(pw.SQL("*"))])
        out.append((sign, select.bind(spec.model._meta.database)))
    return out


def count(spec: ListSpec, query: ListQuery, me: int | None = None) -> int:
    """How many rows match (the table's row count and the "12,345 customers" label)."""
    return sum(sign * int(select.scalar() or 0) for sign, select in count_selects(spec, query, me))


def _needs_joins(spec: ListSpec, query: ListQuery) -> bool:
    """Counting skips the display joins unless the search looks into a joined table."""
    return bool(query.search.strip()) and type(spec).base is not ListSpec.base


def _eq(expr: Any, value: Any) -> Any:
    return expr.is_null() if value is None else expr == value


def _after(expr: Any, desc: bool, value: Any) -> Any:
    """Rows strictly after `value` in this column's order (NULLs first asc, last desc)."""
    if desc:
        return None if value is None else ((expr < value) | expr.is_null())
    return expr.is_null(False) if value is None else (expr > value)


def keyset_condition(terms: Sequence[tuple[Any, bool]], key: Key) -> Any:
    """Rows after `key` in the lexicographic order of `terms`."""
    clauses = []
    for i, (expr, desc) in enumerate(terms):
        after = _after(expr, desc, key[i])
        if after is None:
            continue
        parts = [_eq(terms[j][0], key[j]) for j in range(i)] + [after]
        clauses.append(functools.reduce(operator.and_, parts))
    if not clauses:
        return pw.SQL("1 = 0")
    return functools.reduce(operator.or_, clauses)


def fetch(
    spec: ListSpec,
    query: ListQuery,
    *,
    me: int | None = None,
    after: Key | None = None,
    before: Key | None = None,
    offset: int = 0,
    from_end: bool = False,
    limit: int = PAGE_SIZE,
) -> list[Row]:
    """One page of rows in the query's order.

    `after`/`before`: the page right after/before the row with that key. `from_end`: count
    `offset` from the last row instead of the first (the rows still come in display order).
    """
    select, reverse = fetch_select(
        spec, query, me=me, after=after, before=before, offset=offset, from_end=from_end,
        limit=limit,
    )  # fmt: skip
    terms = spec.order_terms(query.sort)
    sort_aliases = [f"_s{i}" for i in range(len(terms))]
    dicts = list(select.dicts())
    rows = [
        Row(
            id=int(r[sort_aliases[-1]]),
            values=spec.row_values({c.key: r[c.key] for c in spec.columns}),
            key=tuple(r[a] for a in sort_aliases),
        )
        for r in dicts
    ]
    if reverse:
        rows.reverse()
    return rows


def fetch_select(
    spec: ListSpec,
    query: ListQuery,
    *,
    me: int | None = None,
    after: Key | None = None,
    before: Key | None = None,
    offset: int = 0,
    from_end: bool = False,
    limit: int = PAGE_SIZE,
) -> tuple[pw.Select, bool]:
    """The SELECT `fetch` runs, and whether its rows come in reverse display order."""
    check_search(query.search.strip())
    terms = spec.order_terms(query.sort)
    reverse = before is not None or from_end
    terms_q = [(expr, not desc) for expr, desc in terms] if reverse else list(terms)
    sort_aliases = [f"_s{i}" for i in range(len(terms))]
    selected = [c.expr.alias(c.key) for c in spec.columns]
    selected += [expr.alias(alias) for (expr, _), alias in zip(terms, sort_aliases, strict=True)]
    edge = before if before is not None else after
    order = [expr.desc() if desc else expr.asc() for expr, desc in terms_q]
    skip = offset if offset and edge is None else 0
    own = spec.page_select(query, me, PageArgs(selected, terms_q, edge, skip, limit))
    if own is not None:
        return own, reverse
    text = query.search.strip()
    branches = spec.search_branches(text) if text else []
    if len(branches) > 1:
        union = _union_select(
            spec, query, me, selected=selected, terms_q=terms_q, edge=edge, offset=offset,
            limit=limit,
        )  # fmt: skip
        return union, reverse
    select = _filtered(spec, query, me, spec.base().select(*selected))
    if edge is not None:
        select = select.where(keyset_condition(terms_q, edge))
    select = select.order_by(*order).limit(limit)
    if offset and edge is None:
        select = select.offset(offset)
    return select, reverse


def _union_select(
    spec: ListSpec,
    query: ListQuery,
    me: int | None,
    *,
    selected: list[Any],
    terms_q: list[tuple[Any, bool]],
    edge: Key | None,
    offset: int,
    limit: int,
) -> pw.Select:
    """One page from the UNION of each search branch's page of ids (each one index range,
    ordered and limited on its own), joined back to the rows and ordered and limited again:
    the rows of the OR, in its order. Only ids go through the UNION (which also drops an id
    both branches found), so each branch sorts narrow rows; the wide ones are read for the
    page alone."""
    skip = offset if offset and edge is None else 0
    order = [expr.desc() if desc else expr.asc() for expr, desc in terms_q]
    pk = spec.model._meta.primary_key
    members = []
    for i, branch in enumerate(spec.search_branches(query.search.strip())):
        ids = spec.base().select(pk.alias("page_id")).where(spec.where(query, me, branch))
        if edge is not None:
            ids = ids.where(keyset_condition(terms_q, edge))
        ids = ids.order_by(*order).limit(skip + limit)
        # Wrapped: SQLite allows no ORDER BY or LIMIT on a UNION's member itself.
        members.append(pw.Select([ids.alias(f"b{i}")], [pw.SQL("page_id")]))
    union = functools.reduce(operator.or_, members).alias("u")
    select = (
        spec.base()
        .select(*selected)
        .join(union, on=(pk == union.c.page_id))
        .order_by(*order)
        .limit(limit)
    )
    return select.offset(skip) if skip else select


def matching_ids(
    spec: ListSpec, query: ListQuery, me: int | None = None, batch: int = 1000
) -> Iterator[list[int]]:
    """Every matching id, in id order, a batch at a time ("all N matching" bulk actions)."""
    check_search(query.search.strip())
    pk = spec.model._meta.primary_key
    last = 0
    while True:
        select = _filtered(spec, query, me, spec.base().select(pk)).where(pk > last)
        ids = [r[0] for r in select.order_by(pk).limit(batch).tuples()]
        if not ids:
            return
        yield ids
        last = ids[-1]


EXPORT_BATCH = 2000


def _same(value: Any) -> Any:
    return value


def _reader(expr: Any) -> Callable[[Any], Any]:
    """How a raw cursor value of `expr` becomes what Peewee's row would hold."""
    if isinstance(expr, pw.DateTimeField):
        convert = expr.python_value

        def read_datetime(value: Any) -> Any:
            if isinstance(value, str):
                try:
                    return datetime.fromisoformat(value)
                except ValueError:
                    pass
            return convert(value)

        return read_datetime
    if isinstance(expr, pw.DateField):
        convert_day = expr.python_value

        def read_date(value: Any) -> Any:
            if isinstance(value, str) and len(value) == 10:
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    pass
            return convert_day(value)

        return read_date
    if isinstance(expr, pw.Field):
        return expr.python_value
    return _same


def stream(
    spec: ListSpec, query: ListQuery, me: int | None = None, batch: int | None = None
) -> Iterator[list[Row]]:
    """Every matching row in the query's own order, a batch at a time (an export).

    Each batch is the keyset range after the previous batch's last row (`fetch_select` with
    `after`), so every batch is an index range read, never an OFFSET that rereads what came
    before. The rows are read from the cursor with each column's own conversion, dates parsed
    as ISO text (Peewee tries `strptime` formats one by one: most of an export's time on
    SQLite); the values are the ones `fetch` gives.
    """
    size = batch or EXPORT_BATCH
    terms = spec.order_terms(query.sort)
    readers = [_reader(c.expr) for c in spec.columns] + [_reader(e) for e, _ in terms]
    keys = [c.key for c in spec.columns]
    width = len(keys)
    after: Key | None = None
    while True:
        select, _reverse = fetch_select(spec, query, me=me, after=after, limit=size)
        sql, params = select.sql()
        rows = []
        for raw in spec.model._meta.database.execute_sql(sql, params):
            values = [read(v) for read, v in zip(readers, raw, strict=True)]
            rows.append(
                Row(
                    id=int(values[-1]),
                    values=spec.row_values(dict(zip(keys, values[:width], strict=True))),
                    key=tuple(values[width:]),
                )
            )
        if rows:
            yield rows
        if len(rows) < size:
            return
        after = rows[-1].key


@dataclass(frozen=True)
class FetchPlan:
    """How to load one page: the arguments to `fetch` and which rows they fill."""

    page: int
    first_row: int
    after: Key | None = None
    before: Key | None = None
    offset: int = 0
    from_end: bool = False
    limit: int = PAGE_SIZE


def plan_page(
    page: int,
    total: int,
    edges: Callable[[int], tuple[Key, Key] | None],
    page_size: int = PAGE_SIZE,
) -> FetchPlan:
    """Choose the cheapest way to load page `page` of `total` rows.

    `edges(p)` gives the first and last key of page `p` if it is loaded. A neighbour's edge gives
    an index range scan; otherwise the nearer end with an OFFSET (zero for the first and last
    pages).
    """
    first = page * page_size
    size = max(0, min(page_size, total - first))
    prev, nxt = edges(page - 1), edges(page + 1)
    if prev is not None:
        return FetchPlan(page, first, after=prev[1], limit=size)
    if nxt is not None:
        return FetchPlan(page, first, before=nxt[0], limit=size)
    from_end_offset = total - (first + size)
    if from_end_offset < first:
        return FetchPlan(page, first, offset=from_end_offset, from_end=True, limit=size)
    return FetchPlan(page, first, offset=first, limit=size)


def run_plan(spec: ListSpec, query: ListQuery, plan: FetchPlan, me: int | None) -> list[Row]:
    return fetch(
        spec,
        query,
        me=me,
        after=plan.after,
        before=plan.before,
        offset=plan.offset,
        from_end=plan.from_end,
        limit=plan.limit,
    )
