"""The customer summary columns an import changes, recomputed for the customers it touched:
orders, spend, average order, last order, returns and the first order (which moves
`customer_since` back, never forward); tickets; failed payments; the value per month of
active subscriptions; the latest recorded churn."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from db import models as m
from db.choices import OrderStatus, SubscriptionStatus, TransactionStatus
from db.connection import is_mysql
from desktop.core.churn.features.aggregates import NOT_A_SALE
from desktop.core.imports.store import CHURNED, LOOKUP_CHUNK, param

CENT = Decimal("0.01")
LIVE_SUBSCRIPTIONS = (SubscriptionStatus.ACTIVE.value, SubscriptionStatus.TRIALING.value,
                      SubscriptionStatus.PAST_DUE.value)  # fmt: skip


def _update(database: pw.Database, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
    if not rows:
        return
    db = getattr(database, "obj", None) or database
    q = db.quote
    sets = ", ".join(f"{q[0]}{c}{q[1]} = {db.param}" for c in columns)
    sql = f"UPDATE {q[0]}customer{q[1]} SET {sets} WHERE {q[0]}id{q[1]} = {db.param}"
    cursor = db.cursor()
    try:
        cursor.executemany(sql, [[param(v) for v in row] for row in rows])
    finally:
        cursor.close()


def recompute(
    database: pw.Database,
    kind: str,
    customer_ids: Iterable[int],
    *,
    scan: bool = False,
    fresh: bool = False,
) -> int:
    """Recompute the columns `kind` feeds for these customers; returns how many.

    A large import's orders are grouped in one pass over the table rather than through the
    customer index a customer at a time (a random read an order, slow once the table is larger
    than the cache): `scan`, the table holds mostly this import's rows (SQLite: the ids go in
    one JSON parameter); `fresh`, the table was empty when the import began, so the customers
    with orders are exactly the ones it touched (MySQL: no list of ids is needed)."""
    ids = sorted(set(customer_ids))
    if kind == "orders" and ids and (scan or fresh):
        if _json_each(database):
            _orders(database, ids, every="json")
            return len(ids)
        if fresh and is_mysql(getattr(database, "obj", None) or database):
            _orders(database, ids, every="table")
            return len(ids)
    for start in range(0, len(ids), LOOKUP_CHUNK):
        part = ids[start : start + LOOKUP_CHUNK]
        if kind in ("orders", "order-items"):
            _orders(database, part)
        elif kind == "tickets":
            _count(database, part, m.SupportTicket, None, "support_tickets")
        elif kind == "transactions":
            failed = m.PaymentTransaction.status == TransactionStatus.FAILED.value
            _count(database, part, m.PaymentTransaction, failed, "payment_failures")
        elif kind == "subscriptions":
            _subscriptions(database, part)
        elif kind == "churn":
            _churn(database, part)
    return len(ids)


def _json_each(database: pw.Database) -> bool:
    """Whether the database is SQLite with `json_each` built in (3.38 on)."""
    db = getattr(database, "obj", None) or database
    return isinstance(db, pw.SqliteDatabase) and sqlite3.sqlite_version_info >= (3, 38)


def _orders(database: pw.Database, ids: list[int], *, every: str | None = None) -> None:
    """One UPDATE joined to the customers' grouped orders: the server computes and writes
    (row-by-row updates would cost a round trip a customer on MySQL). `every` (see
    `recompute`): "json", the ids in one JSON parameter; "table", every customer with orders,
    the table read in the order it is stored."""
    db = getattr(database, "obj", None) or database
    q = db.quote

    def n(name: str) -> str:
        return f"{q[0]}{name}{q[1]}"

    p = db.param
    wanted = f"SELECT value FROM json_each({p})" if every == "json" else ", ".join([p] * len(ids))
    not_sale = ", ".join([p] * len(NOT_A_SALE))
    sale = f"{n('status')} NOT IN ({not_sale})"
    grouped = (
        f"SELECT {n('customer_id')} AS cid,"
        f" SUM(CASE WHEN {sale} THEN 1 ELSE 0 END) AS cnt,"
        f" SUM(CASE WHEN {sale} THEN {n('total')} ELSE 0 END) AS spent,"
        f" MAX(CASE WHEN {sale} THEN {n('placed_at')} END) AS last_at,"
        f" SUM(CASE WHEN {n('status')} = {p} THEN 1 ELSE 0 END) AS returned,"
        f" MIN({n('placed_at')}) AS first_at"
        + (
            f" FROM {n('orders')} FORCE INDEX (PRIMARY)"
            if every == "table"
            else f" FROM {n('orders')} WHERE {n('customer_id')} IN ({wanted})"
        )
        + f" GROUP BY {n('customer_id')}"
    )
    params: list[Any] = [*NOT_A_SALE, *NOT_A_SALE, *NOT_A_SALE, OrderStatus.RETURNED.value]
    if every != "table":
        params += [json.dumps(ids)] if every == "json" else ids
    average = "CASE WHEN a.cnt > 0 THEN ROUND(a.spent / a.cnt, 2) ELSE 0 END"
    if is_mysql(db):
        sql = (
            f"UPDATE {n('customer')} c JOIN ({grouped}) a ON a.cid = c.{n('id')} SET"
            f" c.{n('total_orders')} = a.cnt, c.{n('total_spent')} = ROUND(a.spent, 2),"
            f" c.{n('average_order_value')} = {average}, c.{n('last_order_at')} = a.last_at,"
            f" c.{n('returns_count')} = a.returned,"
            f" c.{n('customer_since')} = LEAST(c.{n('customer_since')}, DATE(a.first_at))"
        )
    else:
        sql = (
            f"UPDATE {n('customer')} SET {n('total_orders')} = a.cnt,"
            f" {n('total_spent')} = ROUND(a.spent, 2),"
            f" {n('average_order_value')} = {average.replace('a.spent', 'a.spent * 1.0')},"
            f" {n('last_order_at')} = a.last_at, {n('returns_count')} = a.returned,"
            f" {n('customer_since')} = MIN({n('customer_since')}, date(a.first_at))"
            f" FROM ({grouped}) AS a WHERE a.cid = {n('customer')}.{n('id')}"
        )
    db.execute_sql(sql, params).close()


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _count(database: pw.Database, ids: list[int], model: Any, where: Any, column: str) -> None:
    query = model.select(model.customer, pw.fn.COUNT(model.id)).where(model.customer.in_(ids))
    if where is not None:
        query = query.where(where)
    counts = dict(query.group_by(model.customer).tuples())
    _update(database, (column,), [[int(counts.get(cid, 0)), cid] for cid in ids])


def _subscriptions(database: pw.Database, ids: list[int]) -> None:
    S, P = m.Subscription, m.Plan  # noqa: N806
    monthly: dict[int, Decimal] = defaultdict(Decimal)
    query = (
        S.select(S.customer, P.price, P.interval)
        .join(P)
        .where(S.customer.in_(ids) & S.status.in_(LIVE_SUBSCRIPTIONS))
        .tuples()
    )
    for cid, price, interval in query:
        value = Decimal(str(price))
        monthly[cid] += value / 12 if interval == "year" else value
    rows = [[v.quantize(CENT), cid] for cid, v in monthly.items() if v > 0]
    _update(database, ("account_value",), rows)


def _churn(database: pw.Database, ids: list[int]) -> None:
    R = m.ChurnRecord  # noqa: N806
    latest = (R.select(R.customer, pw.fn.MAX(R.churned_on)).where(R.customer.in_(ids))
              .group_by(R.customer).tuples())  # fmt: skip
    rows = []
    for cid, day in latest:
        on = _day(day)
        if on is not None:
            rows.append([datetime(on.year, on.month, on.day), CHURNED, cid])
    _update(database, ("churned_at", "account_status"), rows)
