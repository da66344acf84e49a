"""The lists the window shows: customers, alerts, tickets and orders, as `SPECS` by name.

Each is a `ListSpec` for the engine in `desktop.core.read.listing`: its columns, default order,
filters and a search that stays an index range on the columns it looks at. Customers are found
by any word of their name or email through the words table (`db.search`, why a table and not
FULLTEXT/FTS5 is said there), by the start of an email address, or by an order or ticket
number; orders and tickets by the digits of their number.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import Any, ClassVar

import peewee as pw

from db import models as m
from db import search
from db.choices import Priority
from db.connection import is_mysql
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.read.listing import (
    Column,
    ListQuery,
    ListSpec,
    PageArgs,
    SortSpec,
    contains,
    in_list,
    keyset_condition,
    prefix,
)

PRIORITY_RANK = {Priority.LOW: 1, Priority.MEDIUM: 2, Priority.HIGH: 3, Priority.CRITICAL: 4}


def priority_rank(expr: Any) -> pw.Case:
    return pw.Case(expr, [(p.value, r) for p, r in PRIORITY_RANK.items()], 0)


NUMBER_RE = re.compile(r"^(?:([A-Za-z]{1,4})\s*[-#]?\s*)?#?(\d{1,18})$")  # ORD-0000123, t-42, 0003

ORDER_PREFIX, ORDER_DIGITS = "ORD", 7  # ORD-0000123: how the shop numbers its orders
TICKET_PREFIX, TICKET_DIGITS = "T", 6  # T-000042 (T-000042-1a2b when that number was taken)


def parse_number(text: str) -> tuple[str, int] | None:
    """("ORD", 3) for "ord-3", "ORD-0000003" or "ORD3"; ("", 3) for "3" or "0003"; else None."""
    found = NUMBER_RE.match(text.strip())
    if found is None:
        return None
    return (found.group(1) or "").upper(), int(found.group(2))


def number_forms(prefix: str, digits: int, value: int, typed: str) -> list[str]:
    """The stored numbers a search for `value` means: the shop's zero-padded form, the bare
    digits after the prefix, and the text as typed (upper-case), each an exact lookup."""
    forms = [f"{prefix}-{value:0{digits}d}", f"{prefix}-{value}", typed.strip().upper()]
    return list(dict.fromkeys(forms))


def order_number_match(value: int, typed: str) -> Any:
    return m.Order.order_number.in_(number_forms(ORDER_PREFIX, ORDER_DIGITS, value, typed))


def ticket_number_match(value: int, typed: str) -> Any:
    forms = number_forms(TICKET_PREFIX, TICKET_DIGITS, value, typed)
    # A number taken when the ticket was created gets a suffix: T-000042-1a2b.
    return m.SupportTicket.number.in_(forms) | prefix(
        m.SupportTicket.number, forms[0] + "-", fold=False
    )


W = m.CustomerSearchToken
FEW_MATCHES = 2_000
MANY_MATCHES = 50_000
"""How a page of a word search is read, by how many customers it finds (`estimate_select`): up to
FEW_MATCHES, every match is read and sorted (a row read at random each); up to MANY_MATCHES,
the sort order's index is walked and each entry looked up in the set of matching ids (about
200 × customers / matches entries a page, all in indexes); beyond, the set itself would cost
more than the walk, which is short, and each entry is checked in the words table instead."""


def search_words(text: str) -> list[str]:
    """The distinct words of a search text, the longest first (the narrowest, as a rule)."""
    return sorted(dict.fromkeys(search.words(text)), key=len, reverse=True)


def words_rows(words: list[str], table: Any = W, *, once: bool = True) -> Any:
    """The rows of `table` (the words table or an alias) of customers that have every word:
    the key range of the first word's rows, whose `all_tokens` hold a word starting with each
    other word (" okafor" in " emma okafor "); `once`: each customer's first row in the range
    only (its `prev_token` sorts before the range)."""
    first, *others = words
    low, high = search.word_range(first)
    cond = (table.token >= low) & (table.token < high)
    if once:
        cond &= table.prev_token < low
    for word in others:
        cond &= pw.fn.INSTR(table.all_tokens, " " + word) > 0
    return cond


def words_match(column: Any, words: list[str]) -> Any:
    """Every word starts a word of the customer's name or email (`db.search`)."""
    if not words:
        return pw.SQL("1 = 0")  # punctuation alone: nothing to look for
    return column.in_(W.select(W.customer).where(words_rows(words)))


def estimate_select(words: list[str]) -> pw.Select:
    """How many customers have the words, counted up to MANY_MATCHES + 1 (a key range, stopped
    early): which plan reads a page."""
    found = W.select(W.customer).where(words_rows(words)).limit(MANY_MATCHES + 1).alias("w")
    return pw.Select([found], [pw.fn.COUNT(pw.SQL("*"))]).bind(m.DB)


def has_words(column: Any, words: list[str]) -> Any:
    """The customer `column` has the words: looked up in the words table for this customer
    alone (its index on customer_id holds the words), a correlated subquery that MariaDB
    evaluates entry by entry instead of building the set of every match."""
    P = W.alias("probe")  # noqa: N806
    probe = P.select(pw.SQL("1")).where((P.customer == column) & words_rows(words, P, once=False))
    return pw.NodeList((probe.limit(1), pw.SQL("IS NOT NULL")))


def single_column_index(field: Any) -> str | None:
    """The name of the model's index on `field` alone, if it has one."""
    for index in field.model._meta.fields_to_index():
        expressions = list(index._expressions)
        if len(expressions) == 1 and expressions[0] is field:  # (== builds an expression)
            return str(index._name)
    return None


def probability_band(levels: list[str]) -> Any:
    """The churn probability range the risk levels cover, when they are contiguous.

    Risk levels are a function of the probability (desktop.core.churn.risk), so the range adds no
    filtering; it lets the database walk the probability index, which the default order uses,
    instead of sorting every row of the level.
    """
    from desktop.core.churn import risk

    ranks = sorted(risk.LEVELS.index(level) for level in levels if level in risk.LEVELS)
    if not ranks or ranks != list(range(ranks[0], ranks[-1] + 1)):
        return None
    lows = (0.0, *risk.BOUNDS)
    cond = C.churn_probability >= lows[ranks[0]]
    if ranks[-1] + 1 < len(lows):
        cond &= C.churn_probability < lows[ranks[-1] + 1]
    return cond


C = m.Customer


class CustomerList(ListSpec):
    name = "customers"
    noun = (QT_TRANSLATE_NOOP("Lists", "customer"), QT_TRANSLATE_NOOP("Lists", "customers"))
    model = C
    choice_filters: ClassVar[dict[str, Any]] = {"account_status": C.account_status}
    columns = (
        Column("id", QT_TRANSLATE_NOOP("Lists", "ID"), C.id, C.id, "int", shown=False),
        Column("name", QT_TRANSLATE_NOOP("Lists", "Name"), C.name, C.name),
        Column("email", QT_TRANSLATE_NOOP("Lists", "Email"), C.email, C.email),
        Column(
            "account_status",
            QT_TRANSLATE_NOOP("Lists", "Account"),
            C.account_status,
            C.account_status,
            "status",
        ),
        Column(
            "risk_level",
            QT_TRANSLATE_NOOP("Lists", "Risk"),
            C.risk_level,
            C.churn_probability,
            "risk",
        ),
        Column(
            "churn_probability",
            QT_TRANSLATE_NOOP("Lists", "Churn"),
            C.churn_probability,
            C.churn_probability,
            "percent",
        ),
        Column(
            "health_score",
            QT_TRANSLATE_NOOP("Lists", "Health"),
            C.health_score,
            C.health_score,
            "int",
        ),
        Column(
            "total_orders",
            QT_TRANSLATE_NOOP("Lists", "Orders"),
            C.total_orders,
            C.total_orders,
            "int",
        ),
        Column(
            "total_spent",
            QT_TRANSLATE_NOOP("Lists", "Spent"),
            C.total_spent,
            C.total_spent,
            "money",
        ),
        Column(
            "account_value",
            QT_TRANSLATE_NOOP("Lists", "Value / month"),
            C.account_value,
            C.account_value,
            "money",
        ),
        Column(
            "last_order_at",
            QT_TRANSLATE_NOOP("Lists", "Last order"),
            C.last_order_at,
            C.last_order_at,
            "date",
        ),
        Column(
            "customer_since",
            QT_TRANSLATE_NOOP("Lists", "Since"),
            C.customer_since,
            C.customer_since,
            "date",
        ),
        Column("country", QT_TRANSLATE_NOOP("Lists", "Country"), C.country, shown=False),
    )
    default_sort: SortSpec = (("churn_probability", True),)
    date_column = C.customer_since

    def conditions(self, query: ListQuery, me: int | None, *, for_count: bool = False) -> list[Any]:
        conds = [] if for_count else [C.deleted_at.is_null()]
        conds += super().conditions(query, me)
        f = query.filters
        if risks := in_list(f.get("risk_level")):
            conds.append(C.risk_level.in_(risks))
            band = probability_band(risks)
            if band is not None and not for_count:
                conds.append(band)
        if f.get("tag"):
            tagged = m.CustomerTagAssignment.select(m.CustomerTagAssignment.customer).where(
                m.CustomerTagAssignment.tag == int(f["tag"])
            )
            conds.append(C.id.in_(tagged))
        if f.get("segment"):
            members = m.CustomerSegmentAssignment.select(
                m.CustomerSegmentAssignment.customer
            ).where(m.CustomerSegmentAssignment.segment == int(f["segment"]))
            conds.append(C.id.in_(members))
        return conds

    def count_parts(
        self, query: ListQuery, me: int | None, search: Any = None
    ) -> list[tuple[int, Any]]:
        """The matching live customers, counted from an index alone wherever one covers them.

        The risk level and the "customer since" date are indexed behind `deleted_at` (see
        `Customer.Meta`): with `deleted_at IS NULL` first, such a filter is one covering range.
        Other filters (account status, a name or email start) have indexes of their own, which
        do not hold `deleted_at`: checking it would read every matching row, so those count all
        matching rows minus the soft-deleted ones among them (few, found by `deleted_at`).
        """
        conds = self.conditions(query, me, for_count=True)
        text = query.search.strip()
        if search is None and text:
            search = self.search_condition(text)
        if search is not None:
            conds.append(search)
        f = query.filters
        if f.get("risk_level") or f.get("date_from") or f.get("date_to"):
            return [(1, functools.reduce(operator.and_, [C.deleted_at.is_null(), *conds]))]
        everything = functools.reduce(operator.and_, conds) if conds else None
        deleted = C.deleted_at.is_null(False)
        return [(1, everything), (-1, deleted if everything is None else everything & deleted)]

    def search_condition(self, text: str) -> Any:
        """Every kind of text is an index range, never a scan (a million customers): a number
        finds the customer of that order ("3", "ord-3", "ORD-0000003") or ticket ("T-3"), text
        with an "@" the start of an email address, other text customers with a word of the name
        or email starting with each word typed ("okafor", "jo smi"; `db.search`)."""
        number = parse_number(text)
        if number is not None and number[0] in ("", ORDER_PREFIX):
            orders = m.Order.select(m.Order.customer).where(order_number_match(number[1], text))
            return C.id.in_(orders)
        if number is not None and number[0] == TICKET_PREFIX:
            tickets = m.SupportTicket.select(m.SupportTicket.customer).where(
                ticket_number_match(number[1], text)
            )
            return C.id.in_(tickets)
        if "@" in text.strip()[1:]:
            return prefix(C.email, text)
        return words_match(C.id, search_words(text))

    def word_search(self, query: ListQuery) -> list[str] | None:
        """The words of a search that is a word search (not a number or an email start)."""
        text = query.search.strip()
        if not text or parse_number(text) is not None or "@" in text[1:]:
            return None
        return search_words(text)

    def count_queries(self, query: ListQuery, me: int | None) -> list[tuple[int, Any]] | None:
        """A word search with no filter counts the customers in the words table alone (a
        deleted customer has no words): one key range, each customer's first row in it."""
        words = self.word_search(query)
        if not words or self.conditions(query, me, for_count=True):
            return None
        return [(1, W.select(pw.fn.COUNT(pw.SQL("*"))).where(words_rows(words)))]

    def page_select(self, query: ListQuery, me: int | None, page: PageArgs) -> Any:
        """A word search with no filter that finds many customers, on MySQL: the page's ids
        from the sort order's own index (FORCE INDEX: MariaDB would rather read and sort every
        match), each entry checked against the matches (see MANY_MATCHES), then the page's
        rows. Only ids and sort values are read until the page is known; a deleted customer
        has no words, so no row is read to find out. Few matches, SQLite (a small database,
        whose planner picks well) or a filter: the engine's plan."""
        if is_mysql() and not query.search.strip():
            return self.date_window_page(query, me, page)
        words = self.word_search(query)
        if not words or not is_mysql() or self.conditions(query, me, for_count=True):
            return None
        (first, _desc), *rest = page.terms_q
        index = single_column_index(first) if len(rest) == 1 else None
        found = int(estimate_select(words).scalar() or 0) if index is not None else 0
        if found <= FEW_MATCHES:
            return None
        matches = has_words(C.id, words) if found > MANY_MATCHES else words_match(C.id, words)
        source = pw.NodeList((C, pw.SQL(f"FORCE INDEX (`{index}`)")))
        ids = C.select(C.id.alias("page_id")).from_(source).where(matches)
        if page.edge is not None:
            ids = ids.where(keyset_condition(page.terms_q, page.edge))
        ids = ids.order_by(*page.order).limit(page.limit)
        if page.skip:
            ids = ids.offset(page.skip)
        page_ids = ids.alias("page_ids")
        return (
            C.select(*page.selected)
            .join(page_ids, on=(C.id == page_ids.c.page_id))
            .where(C.deleted_at.is_null())
            .order_by(*page.order)
            .limit(page.limit)
        )

    def date_window_page(self, query: ListQuery, me: int | None, page: PageArgs) -> Any:
        """Customers who joined in a date range, sorted by another indexed column (the
        default: churn probability), on MySQL: MariaDB reads every customer of the range from
        the (deleted_at, customer_since) index and a row for each, then sorts them (30 days of a
        million customers: 27,000 rows, 0.3-0.4 s), where walking the sort column's index and
        checking each row's date finds a page after about 50 x customers / matches rows. The
        walk is forced when it reads fewer rows than the range holds (matches² > 50 ×
        customers, both counted from indexes); a narrow range keeps the engine's plan."""
        f = query.filters
        if not (f.get("date_from") or f.get("date_to")):
            return None
        dates = ListSpec.conditions(self, ListQuery(filters={
            k: f[k] for k in ("date_from", "date_to") if f.get(k)
        }), me)  # fmt: skip
        if len(self.conditions(query, me, for_count=True)) != len(dates):
            return None  # another filter too: the engine's plan
        (first, _desc), *rest = page.terms_q
        index = single_column_index(first) if len(rest) == 1 else None
        if index is None or first is C.customer_since:
            return None
        live = C.deleted_at.is_null()
        window = functools.reduce(operator.and_, [live, *dates])
        matches = int(C.select(pw.fn.COUNT(pw.SQL("*"))).where(window).scalar() or 0)
        customers = table_rows_estimate(C)
        if matches * matches <= page.limit * customers:
            return None
        source = pw.NodeList((C, pw.SQL(f"FORCE INDEX (`{index}`)")))
        rows = C.select(*page.selected).from_(source).where(window)
        if page.edge is not None:
            rows = rows.where(keyset_condition(page.terms_q, page.edge))
        rows = rows.order_by(*page.order).limit(page.limit)
        return rows.offset(page.skip) if page.skip else rows


def table_rows_estimate(model: Any) -> int:
    """The server's estimate of a table's rows (MySQL's statistics: instant, within a few
    percent after ANALYZE), for choosing a plan, never for showing."""
    found = m.DB.execute_sql(
        "SELECT TABLE_ROWS FROM information_schema.TABLES"
        " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
        (model._meta.table_name,),
    ).fetchone()
    return int(found[0] or 0) if found else 0


A = m.Alert
AlertCustomer = m.Customer.alias("ac")
AlertAssignee = m.User.alias("aa")


class AlertList(ListSpec):
    """Alerts ordered by priority, then oldest first: the queue's working order."""

    name = "alerts"
    noun = (QT_TRANSLATE_NOOP("Lists", "alert"), QT_TRANSLATE_NOOP("Lists", "alerts"))
    choice_filters: ClassVar[dict[str, Any]] = {
        "priority": A.priority,
        "status": A.status,
        "type": A.type,
    }
    customer_column = A.customer
    assignee_column = A.assignee
    identity = ("id", "customer_id")
    model = A
    columns = (
        Column("id", QT_TRANSLATE_NOOP("Lists", "ID"), A.id, A.id, "int", shown=False),
        Column(
            "priority",
            QT_TRANSLATE_NOOP("Lists", "Priority"),
            A.priority,
            priority_rank(A.priority),
            "priority",
        ),
        Column("title", QT_TRANSLATE_NOOP("Lists", "Alert"), A.title, kind="alert"),
        Column("type", QT_TRANSLATE_NOOP("Lists", "Type"), A.type, A.type, "status"),
        Column("status", QT_TRANSLATE_NOOP("Lists", "Status"), A.status, A.status, "status"),
        Column("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), AlertCustomer.name),
        Column("customer_id", QT_TRANSLATE_NOOP("Lists", "Customer ID"), A.customer, shown=False),
        Column(
            "assignee_name", QT_TRANSLATE_NOOP("Lists", "Assigned to"), AlertAssignee.display_name
        ),
        Column(
            "created_at",
            QT_TRANSLATE_NOOP("Lists", "Raised"),
            A.created_at,
            A.created_at,
            "datetime",
        ),
        Column(
            "acknowledged_at",
            QT_TRANSLATE_NOOP("Lists", "Acknowledged"),
            A.acknowledged_at,
            A.acknowledged_at,
            "datetime",
        ),
        Column(
            "resolved_at",
            QT_TRANSLATE_NOOP("Lists", "Closed"),
            A.resolved_at,
            A.resolved_at,
            "datetime",
            shown=False,
        ),
    )
    default_sort: SortSpec = (("priority", True), ("created_at", False))
    date_column = A.created_at

    def base(self) -> pw.Select:
        return (
            A.select()
            .join(AlertCustomer, pw.JOIN.LEFT_OUTER, on=(A.customer == AlertCustomer.id))
            .switch(A)
            .join(AlertAssignee, pw.JOIN.LEFT_OUTER, on=(A.assignee == AlertAssignee.id))
        )

    def order_terms(self, sort: SortSpec) -> list[tuple[Any, bool]]:
        terms = super().order_terms(sort)
        # Priority alone ties a lot: break ties by age, oldest first, as the queue works.
        if len(terms) == 2 and terms[0][0] is self.by_key["priority"].sort:
            terms.insert(1, (A.created_at, False))
            terms[-1] = (A.id, False)
        return terms

    def search_condition(self, text: str) -> Any:
        if "@" in text:
            return prefix(AlertCustomer.email, text)
        return (
            contains(A.title, text)
            | contains(AlertCustomer.name, text)
            | prefix(AlertCustomer.email, text)
        )


T = m.SupportTicket
TicketCustomer = m.Customer.alias("tc")
TicketAssignee = m.User.alias("ta")


class TicketList(ListSpec):
    name = "tickets"
    noun = (QT_TRANSLATE_NOOP("Lists", "ticket"), QT_TRANSLATE_NOOP("Lists", "tickets"))
    model = T
    choice_filters: ClassVar[dict[str, Any]] = {
        "priority": T.priority,
        "status": T.status,
        "category": T.category,
    }
    customer_column = T.customer
    assignee_column = T.assignee
    identity = ("id", "customer_id")
    columns = (
        Column("id", QT_TRANSLATE_NOOP("Lists", "ID"), T.id, T.id, "int", shown=False),
        Column("number", QT_TRANSLATE_NOOP("Lists", "Number"), T.number, T.number),
        Column("subject", QT_TRANSLATE_NOOP("Lists", "Subject"), T.subject),
        Column("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), TicketCustomer.name),
        Column("customer_id", QT_TRANSLATE_NOOP("Lists", "Customer ID"), T.customer, shown=False),
        Column(
            "category", QT_TRANSLATE_NOOP("Lists", "Category"), T.category, T.category, "status"
        ),
        Column(
            "priority",
            QT_TRANSLATE_NOOP("Lists", "Priority"),
            T.priority,
            priority_rank(T.priority),
            "priority",
        ),
        Column("status", QT_TRANSLATE_NOOP("Lists", "Status"), T.status, T.status, "status"),
        Column(
            "assignee_name", QT_TRANSLATE_NOOP("Lists", "Assigned to"), TicketAssignee.display_name
        ),
        Column(
            "opened_at", QT_TRANSLATE_NOOP("Lists", "Opened"), T.opened_at, T.opened_at, "datetime"
        ),
        Column(
            "first_response_at",
            QT_TRANSLATE_NOOP("Lists", "First response"),
            T.first_response_at,
            None,
            "datetime",
        ),
        Column(
            "resolved_at",
            QT_TRANSLATE_NOOP("Lists", "Resolved"),
            T.resolved_at,
            T.resolved_at,
            "datetime",
        ),
    )
    default_sort: SortSpec = (("opened_at", True),)
    date_column = T.opened_at

    def base(self) -> pw.Select:
        return (
            T.select()
            .join(TicketCustomer, pw.JOIN.LEFT_OUTER, on=(T.customer == TicketCustomer.id))
            .switch(T)
            .join(TicketAssignee, pw.JOIN.LEFT_OUTER, on=(T.assignee == TicketAssignee.id))
        )

    def search_condition(self, text: str) -> Any:
        """A ticket number by its digits ("42", "t-42", "T-000042"); else the text inside the
        subject or the customer's name, or the start of the customer's email."""
        number = parse_number(text)
        if number is not None and number[0] in ("", TICKET_PREFIX):
            return ticket_number_match(number[1], text)
        if "@" in text:
            return prefix(TicketCustomer.email, text)
        return (
            contains(T.subject, text)
            | prefix(T.number, text.upper(), fold=False)
            | contains(TicketCustomer.name, text)
            | prefix(TicketCustomer.email, text)
        )


Ord = m.Order


class OrderList(ListSpec):
    name = "orders"
    noun = (QT_TRANSLATE_NOOP("Lists", "order"), QT_TRANSLATE_NOOP("Lists", "orders"))
    model = Ord
    choice_filters: ClassVar[dict[str, Any]] = {"status": Ord.status}
    customer_column = Ord.customer
    identity = ("id", "customer_id")
    item_count = m.OrderItem.select(pw.fn.COUNT(m.OrderItem.id)).where(m.OrderItem.order == Ord.id)
    columns = (
        Column("id", QT_TRANSLATE_NOOP("Lists", "ID"), Ord.id, Ord.id, "int", shown=False),
        Column(
            "order_number", QT_TRANSLATE_NOOP("Lists", "Order"), Ord.order_number, Ord.order_number
        ),
        Column(
            "customer_id",
            QT_TRANSLATE_NOOP("Lists", "Customer ID"),
            Ord.customer,
            None,
            "int",
            shown=False,
        ),
        Column("status", QT_TRANSLATE_NOOP("Lists", "Status"), Ord.status, Ord.status, "status"),
        Column(
            "payment_status",
            QT_TRANSLATE_NOOP("Lists", "Payment"),
            Ord.payment_status,
            None,
            "status",
        ),
        Column("items", QT_TRANSLATE_NOOP("Lists", "Items"), item_count, None, "int"),
        Column("total", QT_TRANSLATE_NOOP("Lists", "Total"), Ord.total, Ord.total, "money"),
        Column(
            "placed_at",
            QT_TRANSLATE_NOOP("Lists", "Placed"),
            Ord.placed_at,
            Ord.placed_at,
            "datetime",
        ),
        Column(
            "delivered_at",
            QT_TRANSLATE_NOOP("Lists", "Delivered"),
            Ord.delivered_at,
            None,
            "datetime",
        ),
    )
    default_sort: SortSpec = (("placed_at", True),)
    date_column = Ord.placed_at

    def search_condition(self, text: str) -> Any:
        """An order number by its digits ("3", "ord-3", "ORD-0000003"), else its start."""
        number = parse_number(text)
        if number is not None and number[0] in ("", ORDER_PREFIX):
            return order_number_match(number[1], text)
        return prefix(Ord.order_number, text.upper(), fold=False)


SPECS: dict[str, ListSpec] = {
    spec.name: spec for spec in (CustomerList(), AlertList(), TicketList(), OrderList())
}
