"""The customer summary columns an import changes, recomputed for the customers it touched:
orders, spend, average order, last order, returns and the first order (which moves
`customer_since` back, never forward); tickets; failed payments; the value per month of
active subscriptions; the latest recorded churn."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from db import models as m
from db.choices import OrderStatus, SubscriptionStatus, TransactionStatus
from desktop.core.churn.features.aggregates import NOT_A_SALE
from desktop.core.imports.store import CHURNED, LOOKUP_CHUNK, param, select_in

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


def recompute(database: pw.Database, kind: str, customer_ids: Iterable[int]) -> int:
    """Recompute the columns `kind` feeds for these customers; returns how many."""
    ids = sorted(set(customer_ids))
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


def _orders(database: pw.Database, ids: list[int]) -> None:
    O = m.Order  # noqa: E741, N806
    sale = O.status.not_in(NOT_A_SALE)
    query = (
        O.select(
            O.customer,
            pw.fn.SUM(pw.Case(None, [(sale, 1)], 0)),
            pw.fn.SUM(pw.Case(None, [(sale, O.total)], 0)),
            pw.fn.MAX(pw.Case(None, [(sale, O.placed_at)], None)),
            pw.fn.SUM(pw.Case(None, [(O.status == OrderStatus.RETURNED.value, 1)], 0)),
            pw.fn.MIN(O.placed_at),
        )
        .where(O.customer.in_(ids))
        .group_by(O.customer)
        .tuples()
    )
    C = m.Customer  # noqa: N806
    since = dict(select_in(database, C, (C.id, C.customer_since), C.id, ids))
    rows = []
    for cid, sales, sum_, last, returns, first in query:
        count = int(sales or 0)
        spent = Decimal(str(sum_ or 0)).quantize(CENT)
        average = (spent / count).quantize(CENT) if count else Decimal(0)
        first_day = _day(first)
        current = _day(since.get(cid))
        start = (
            min(d for d in (first_day, current) if d is not None)
            if (first_day or current)
            else None
        )
        rows.append([count, spent, average, _when(last), int(returns or 0), start, cid])
    _update(database, ("total_orders", "total_spent", "average_order_value", "last_order_at",
                       "returns_count", "customer_since"), rows)  # fmt: skip


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _when(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value)[:19])


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
