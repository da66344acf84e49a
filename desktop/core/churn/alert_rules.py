"""Which alerts a scoring chunk raises, and which it must not raise again.

Four conditions (the seed's): a customer newly HIGH or CRITICAL, a rise of 20 points or more since
the last prediction, a card expiring within 30 days, a failed payment in the last 30 days.
Scoring raises the first two by the live alert policy instead (`scoring.alerting.chunk_alerts`:
the selection and the rise the supervisor set, the cap enforced after the run); `risk_alerts`
stays as the seed's fixed-level rule (the policy `threshold 60 %, rise 20 points` is close to
it). The card and payment conditions and the deduplication below are scoring's.

Every alert has a dedupe key. A condition about the customer's state (churn risk, risk increase)
is keyed by customer: while such an alert is open or acknowledged, scoring again adds nothing;
once it is closed the key is free, and the condition can raise a new alert when it arises again
(the risk alerts fire on a change, so an unchanged risk does not). A condition about one thing that
happened (this card expiring in this month, this failed transaction) is keyed by that thing and is
raised once: a closed alert keeps its key in `dedupe_basis`, which is checked too, so dismissing it
is final. On top of the keys, an open alert of the same type for the customer (whatever its key,
e.g. one an agent or the demo created) also suppresses a new one.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce
from typing import Any

import peewee as pw

from db import models as m
from db.choices import AlertStatus, AlertType, Priority, RiskLevel, TransactionStatus
from desktop.core.churn import alert_text as text
from desktop.core.churn.features import (
    CARD_EXPIRY_DAYS,
    CustomerSelection,
    card_expiry_end,
    where_customer,
)
from desktop.core.churn.risk import ALERT_PRIORITY, ALERTING_LEVELS, LEVEL_RANK

RISK_INCREASE_POINTS = 0.20
FAILED_PAYMENT_DAYS = 30
OPEN_STATES = (AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value)
EVENT_TYPES = frozenset({AlertType.CARD_EXPIRING.value, AlertType.PAYMENT_FAILED.value})


@dataclass
class AlertCandidate:
    customer_id: int
    type: str
    priority: str
    title: str
    message: str
    dedupe_key: str
    correlated: list[dict[str, Any]] | None = None
    details: dict[str, Any] = field(default_factory=dict)


def risk_alerts(
    ids: Sequence[int],
    probabilities: Sequence[float],
    levels: Sequence[str],
    previous: dict[int, tuple[float | None, str | None]],
    reasons: Sequence[str] | None = None,
) -> list[AlertCandidate]:
    """Newly HIGH/CRITICAL (entering the band, or rising to CRITICAL) and 20-point rises."""
    out: list[AlertCandidate] = []
    for i, cid in enumerate(ids):
        p, level = float(probabilities[i]), str(levels[i])
        before_p, before_level = previous.get(cid, (None, None))
        why = reasons[i] if reasons is not None else ""
        newly = level in ALERTING_LEVELS and (
            before_level not in ALERTING_LEVELS
            or LEVEL_RANK[RiskLevel(level)] > LEVEL_RANK[RiskLevel(before_level)]
        )
        if newly:
            out.append(
                AlertCandidate(
                    customer_id=cid,
                    type=AlertType.CHURN_RISK.value,
                    priority=ALERT_PRIORITY[RiskLevel(level)].value,
                    title=text.churn_title(level, p),
                    message=text.churn_message(p, before=before_p, why=why),
                    dedupe_key=f"churn_risk:customer:{cid}",
                )
            )
        if before_p is not None and p - before_p >= RISK_INCREASE_POINTS - 1e-9:
            out.append(
                AlertCandidate(
                    customer_id=cid,
                    type=AlertType.RISK_INCREASE.value,
                    priority=(Priority.HIGH if level in ALERTING_LEVELS else Priority.MEDIUM).value,
                    title=text.rise_title(round((p - before_p) * 100)),
                    message=text.rise_message(before_p, p, why),
                    dedupe_key=f"risk_increase:customer:{cid}",
                )
            )
    return out


def card_alerts(customers: CustomerSelection, as_of: datetime) -> list[AlertCandidate]:
    """Cards whose validity ends within 30 days of `as_of`: one alert per card and month."""
    p = m.PaymentMethod
    soon = as_of + timedelta(days=CARD_EXPIRY_DAYS)
    # Only the expiry months that can end in (as_of, soon]: this month and the next two.
    months = {(d.year, d.month) for d in (as_of, as_of + timedelta(days=31), soon)}
    in_window = reduce(
        operator.or_,
        [(p.expiry_year == y) & (p.expiry_month == mo) for y, mo in sorted(months)],
    )
    rows = p.select(p.id, p.customer, p.expiry_year, p.expiry_month).where(
        where_customer(p.customer, customers),
        p.status.not_in(("expired", "invalid")),
        p.created_at < as_of,
        in_window,
    )
    out = []
    for pm_id, cid, year, month in rows.tuples():
        end = card_expiry_end(int(year), int(month))
        if as_of < end <= soon:
            out.append(
                AlertCandidate(
                    customer_id=cid,
                    type=AlertType.CARD_EXPIRING.value,
                    priority=Priority.MEDIUM.value,
                    title=text.card_title(int(month), int(year)),
                    message=text.CARD_MESSAGE,
                    dedupe_key=f"card_expiring:card:{pm_id}:{int(year)}-{int(month):02d}",
                    correlated=[{"payment_method": pm_id}],
                )
            )
    return out


def payment_alerts(customers: CustomerSelection, as_of: datetime) -> list[AlertCandidate]:
    """The latest failed payment of each customer in the 30 days before `as_of`."""
    t = m.PaymentTransaction
    since = as_of - timedelta(days=FAILED_PAYMENT_DAYS)
    rows = (
        t.select(t.id, t.customer, t.occurred_at, t.amount, t.failure_reason)
        .where(
            where_customer(t.customer, customers),
            t.status == TransactionStatus.FAILED.value,
            t.occurred_at >= since,
            t.occurred_at < as_of,
        )
        .order_by(t.customer, t.occurred_at, t.id)
    )
    latest: dict[int, tuple[Any, ...]] = {}
    for row in rows.tuples():
        latest[row[1]] = row
    out = []
    for cid, (tx_id, _cid, occurred_at, amount, reason) in latest.items():
        out.append(
            AlertCandidate(
                customer_id=cid,
                type=AlertType.PAYMENT_FAILED.value,
                priority=Priority.HIGH.value,
                title=text.PAYMENT_TITLE,
                message=text.payment_message(float(amount), occurred_at, reason),
                dedupe_key=f"payment_failed:transaction:{tx_id}",
                correlated=[{"payment_transaction": tx_id}],
            )
        )
    return out


def deduplicate(
    candidates: Iterable[AlertCandidate], customers: CustomerSelection
) -> list[AlertCandidate]:
    """Drop candidates an open alert already covers, and one-off events already alerted."""
    pending = list(candidates)
    if not pending:
        return []
    a = m.Alert
    open_rows = a.select(a.customer, a.type, a.dedupe_key).where(
        where_customer(a.customer, customers), a.status.in_(OPEN_STATES)
    )
    open_types: set[tuple[int, str]] = set()
    open_keys: set[str] = set()
    for cid, kind, key in open_rows.tuples():
        open_types.add((cid, kind))
        if key:
            open_keys.add(key)
    event_keys = [c.dedupe_key for c in pending if c.type in EVENT_TYPES]
    closed: set[str] = set()
    for start in range(0, len(event_keys), 500):
        batch = event_keys[start : start + 500]
        closed.update(
            key for (key,) in a.select(a.dedupe_basis).where(a.dedupe_basis.in_(batch)).tuples()
        )
    seen: set[str] = set()
    out = []
    for c in pending:
        if c.dedupe_key in seen or c.dedupe_key in open_keys:
            continue
        if (c.customer_id, c.type) in open_types or c.dedupe_key in closed:
            continue
        seen.add(c.dedupe_key)
        out.append(c)
    return out


def open_alert_count(customer_ids: Sequence[int]) -> int:
    """Open or acknowledged alerts of these customers (for tests and summaries)."""
    a = m.Alert
    return int(
        a.select(pw.fn.COUNT(a.id))
        .where(a.customer.in_(list(customer_ids)), a.status.in_(OPEN_STATES))
        .scalar()
        or 0
    )
