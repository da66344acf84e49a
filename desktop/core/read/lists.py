"""The lists the window shows: customers, alerts, tickets and orders, as `SPECS` by name.

Each is a `ListSpec` for the engine in `desktop.core.read.listing`: its columns, default order,
filters and a search that stays an index range on the columns it looks at.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import Any, ClassVar

import peewee as pw

from db import models as m
from db.choices import Priority
from desktop.core.read.listing import (
    Column,
    ListQuery,
    ListSpec,
    SortSpec,
    contains,
    in_list,
    name_prefix,
    prefix,
)

PRIORITY_RANK = {Priority.LOW: 1, Priority.MEDIUM: 2, Priority.HIGH: 3, Priority.CRITICAL: 4}


def priority_rank(expr: Any) -> pw.Case:
    return pw.Case(expr, [(p.value, r) for p, r in PRIORITY_RANK.items()], 0)


NUMBER_RE = re.compile(r"^[A-Za-z]{1,4}-\d+$")  # ORD-0000123, T-000042


def looks_like_email(text: str) -> bool:
    """ "ann@", "ann.lee" or "ann_lee42": the start of an email address, searched on the email
    index alone (names have no digits, dots or underscores); other text searches name and
    email starts."""
    return "@" in text or (" " not in text and any(ch in text for ch in "._+0123456789"))


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
    noun = ("customer", "customers")
    model = C
    choice_filters: ClassVar[dict[str, Any]] = {"account_status": C.account_status}
    columns = (
        Column("id", "ID", C.id, C.id, "int", shown=False),
        Column("name", "Name", C.name, C.name),
        Column("email", "Email", C.email, C.email),
        Column("account_status", "Account", C.account_status, C.account_status, "status"),
        Column("risk_level", "Risk", C.risk_level, C.churn_probability, "risk"),
        Column("churn_probability", "Churn", C.churn_probability, C.churn_probability, "percent"),
        Column("health_score", "Health", C.health_score, C.health_score, "int"),
        Column("total_orders", "Orders", C.total_orders, C.total_orders, "int"),
        Column("total_spent", "Spent", C.total_spent, C.total_spent, "money"),
        Column("account_value", "Value / month", C.account_value, C.account_value, "money"),
        Column("last_order_at", "Last order", C.last_order_at, C.last_order_at, "date"),
        Column("customer_since", "Since", C.customer_since, C.customer_since, "date"),
        Column("country", "Country", C.country, shown=False),
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
        """Every kind of text is an index range, never a scan (a million customers): an order
        number finds its customer, the start of an email the email index, other text the start
        of a name or of an email. A word inside a name ("smith" in "Ann Smith") is not found;
        the search box says so."""
        return functools.reduce(operator.or_, self.search_branches(text))

    def search_branches(self, text: str) -> list[Any]:
        if NUMBER_RE.match(text):
            by_order = m.Order.select(m.Order.customer).where(m.Order.order_number == text.upper())
            return [C.id.in_(by_order)]
        if looks_like_email(text):
            return [prefix(C.email, text)]
        if " " in text:  # no email has a space: the start of a name
            return [name_prefix(C.name, text)]
        return [name_prefix(C.name, text), prefix(C.email, text)]


A = m.Alert
AlertCustomer = m.Customer.alias("ac")
AlertAssignee = m.User.alias("aa")


class AlertList(ListSpec):
    """Alerts ordered by priority, then oldest first: the queue's working order."""

    name = "alerts"
    noun = ("alert", "alerts")
    choice_filters: ClassVar[dict[str, Any]] = {
        "priority": A.priority,
        "status": A.status,
        "type": A.type,
    }
    customer_column = A.customer
    assignee_column = A.assignee
    model = A
    columns = (
        Column("id", "ID", A.id, A.id, "int", shown=False),
        Column("priority", "Priority", A.priority, priority_rank(A.priority), "priority"),
        Column("title", "Alert", A.title),
        Column("type", "Type", A.type, A.type, "status"),
        Column("status", "Status", A.status, A.status, "status"),
        Column("customer_name", "Customer", AlertCustomer.name),
        Column("customer_id", "Customer ID", A.customer, shown=False),
        Column("assignee_name", "Assigned to", AlertAssignee.display_name),
        Column("created_at", "Raised", A.created_at, A.created_at, "datetime"),
        Column("acknowledged_at", "Acknowledged", A.acknowledged_at, A.acknowledged_at, "datetime"),
        Column("resolved_at", "Closed", A.resolved_at, A.resolved_at, "datetime", shown=False),
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
    noun = ("ticket", "tickets")
    model = T
    choice_filters: ClassVar[dict[str, Any]] = {
        "priority": T.priority,
        "status": T.status,
        "category": T.category,
    }
    customer_column = T.customer
    assignee_column = T.assignee
    columns = (
        Column("id", "ID", T.id, T.id, "int", shown=False),
        Column("number", "Number", T.number, T.number),
        Column("subject", "Subject", T.subject),
        Column("customer_name", "Customer", TicketCustomer.name),
        Column("customer_id", "Customer ID", T.customer, shown=False),
        Column("category", "Category", T.category, T.category, "status"),
        Column("priority", "Priority", T.priority, priority_rank(T.priority), "priority"),
        Column("status", "Status", T.status, T.status, "status"),
        Column("assignee_name", "Assigned to", TicketAssignee.display_name),
        Column("opened_at", "Opened", T.opened_at, T.opened_at, "datetime"),
        Column("first_response_at", "First response", T.first_response_at, None, "datetime"),
        Column("resolved_at", "Resolved", T.resolved_at, T.resolved_at, "datetime"),
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
    noun = ("order", "orders")
    model = Ord
    choice_filters: ClassVar[dict[str, Any]] = {"status": Ord.status}
    customer_column = Ord.customer
    item_count = m.OrderItem.select(pw.fn.COUNT(m.OrderItem.id)).where(m.OrderItem.order == Ord.id)
    columns = (
        Column("id", "ID", Ord.id, Ord.id, "int", shown=False),
        Column("order_number", "Order", Ord.order_number, Ord.order_number),
        Column("status", "Status", Ord.status, Ord.status, "status"),
        Column("payment_status", "Payment", Ord.payment_status, None, "status"),
        Column("items", "Items", item_count, None, "int"),
        Column("total", "Total", Ord.total, Ord.total, "money"),
        Column("placed_at", "Placed", Ord.placed_at, Ord.placed_at, "datetime"),
        Column("delivered_at", "Delivered", Ord.delivered_at, None, "datetime"),
    )
    default_sort: SortSpec = (("placed_at", True),)
    date_column = Ord.placed_at

    def search_condition(self, text: str) -> Any:
        return prefix(Ord.order_number, text.upper(), fold=False)


SPECS: dict[str, ListSpec] = {
    spec.name: spec for spec in (CustomerList(), AlertList(), TicketList(), OrderList())
}
