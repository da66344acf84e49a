"""Alerts: the few a customer's history raised, and two system alerts.

A customer's alerts are keyed like desktop.core.churn.alert_rules keys them (card expiring,
payment failed, ticket escalation), so scoring later does not raise the same condition again;
older ones were acknowledged or resolved by staff. The system alerts come after all customers.
"""

from __future__ import annotations

import peewee as pw

from db import models as m
from db.choices import AlertStatus, AlertType, Priority
from db.demo.clock import DAY, HOUR, Clock
from db.demo.facts import Facts
from db.demo.people import AGENT_IDS, SUPERVISOR_ID
from db.demo.rows import Draw, Row, Rows, to_json


def customer_alerts(r: Draw, clock: Clock, out: Rows, facts: Facts) -> None:
    """Alerts on an expiring card, the latest failed payment and escalated tickets."""
    cid, churned, tickets = facts.cid, facts.churned, facts.tickets
    ts = clock.ts
    alerts = out.by_model[m.Alert]
    aid = out.ids[m.Alert]
    if facts.expiring is not None and not churned and r() < 0.6:
        card_id, exp, created = facts.expiring
        year, month = exp // 12, exp % 12 + 1
        # Raised by a scoring run in the last days, once the expiry was within 30 days.
        lo = max(clock.month_start(exp + 1) - 30 * DAY, -10 * DAY, created) + HOUR
        if lo < -HOUR:
            aid += 1
            at = ts(lo + int(r() * (-HOUR - lo)))
            key = f"card_expiring:card:{card_id}:{year}-{month:02d}"
            alerts.append((aid, AlertType.CARD_EXPIRING.value, Priority.MEDIUM.value,
                           AlertStatus.OPEN.value, cid, f"Card expires {month:02d}/{year}",
                           "A card on file expires within 30 days; ask for a new one.",
                           to_json([{"payment_method": card_id}]), None, None, None, None,
                           None, None, key, None, 1, at, at))  # fmt: skip
    fail_t, fail_tx, fail_amount, why = facts.last_fail_tx
    if fail_tx and ((facts.recent_fail and not churned and r() < 0.7) or (churned and r() < 0.3)):
        aid += 1
        at_t = min(fail_t + 15 * 60, -60)
        at = ts(at_t)
        key = f"payment_failed:transaction:{fail_tx}"
        message = (f"A payment of {fail_amount:.2f} failed on {clock.days[fail_t // DAY]}"
                   f" ({why.replace('_', ' ')}).")  # fmt: skip
        correlated = to_json([{"payment_transaction": fail_tx}])
        assignee = AGENT_IDS[int(r() * 3)]
        if churned or at_t < -10 * DAY:
            done = min(at_t + 2 * DAY, -HOUR)
            done_at = ts(done)
            alerts.append((aid, AlertType.PAYMENT_FAILED.value, Priority.HIGH.value,
                           AlertStatus.RESOLVED.value, cid, "Payment failed", message,
                           correlated, assignee, assignee, done_at, assignee, done_at,
                           "Customer did not update the card." if churned else
                           "Card updated; the retry went through.", None, key, 3, at,
                           done_at))  # fmt: skip
        elif r() < 0.6 or at_t > -2 * HOUR:
            alerts.append((aid, AlertType.PAYMENT_FAILED.value, Priority.HIGH.value,
                           AlertStatus.OPEN.value, cid, "Payment failed", message, correlated,
                           assignee, None, None, None, None, None, key, None, 1, at,
                           at))  # fmt: skip
        else:
            ack = ts(at_t + HOUR)
            alerts.append((aid, AlertType.PAYMENT_FAILED.value, Priority.HIGH.value,
                           AlertStatus.ACKNOWLEDGED.value, cid, "Payment failed", message,
                           correlated, assignee, assignee, ack, None, None, None, key, None,
                           2, at, ack))  # fmt: skip
    for t, escalated, is_open, tkid in tickets:
        at_t = t + 2 * HOUR
        if not escalated or t < -120 * DAY or (is_open and at_t >= 0):
            continue
        aid += 1
        key = f"ticket_escalation:ticket:{tkid}"
        if is_open:
            at = ts(at_t)
            alerts.append((aid, AlertType.TICKET_ESCALATION.value, Priority.CRITICAL.value,
                           AlertStatus.OPEN.value, cid, f"Ticket T-{tkid:06d} escalated",
                           "An escalated ticket is still open.", None, SUPERVISOR_ID, None,
                           None, None, None, None, key, None, 1, at, at))  # fmt: skip
        else:
            done = min(at_t + DAY, -HOUR)
            at, done_at = ts(min(at_t, done)), ts(done)
            alerts.append((aid, AlertType.TICKET_ESCALATION.value, Priority.HIGH.value,
                           AlertStatus.RESOLVED.value, cid, f"Ticket T-{tkid:06d} escalated",
                           "A ticket was escalated to a supervisor.", None, SUPERVISOR_ID,
                           SUPERVISOR_ID, done_at, SUPERVISOR_ID, done_at,
                           "Handled with the customer.", None, key, 3, at,
                           done_at))  # fmt: skip
    out.ids[m.Alert] = aid


def system_alerts(clock: Clock, ids: dict[type[pw.Model], int]) -> list[Row]:
    """Two alerts about the system, not a customer: one acknowledged, one resolved."""
    ts = clock.ts
    aid = ids[m.Alert]
    t_ack = -2 * DAY - 5 * HOUR
    alerts = [
        (aid + 1, AlertType.SYSTEM.value, Priority.HIGH.value, AlertStatus.ACKNOWLEDGED.value,
         None, "Payment gateway failures above 5%",
         "Card payments failed more often than usual in the last 24 hours.", None,
         SUPERVISOR_ID, SUPERVISOR_ID, ts(t_ack + 40 * 60), None, None, None,
         "system:payment_gateway_failures", None, 2, ts(t_ack), ts(t_ack + 40 * 60)),
        (aid + 2, AlertType.SYSTEM.value, Priority.LOW.value, AlertStatus.RESOLVED.value,
         None, "Nightly backup finished late", "The backup took 3 h instead of 1 h.", None,
         1, 1, ts(-9 * DAY + 7 * HOUR), 1, ts(-9 * DAY + 8 * HOUR),
         "Storage was being migrated; back to normal.", None, "system:backup_late", 3,
         ts(-9 * DAY + 6 * HOUR), ts(-9 * DAY + 8 * HOUR)),
    ]  # fmt: skip
    ids[m.Alert] = aid + 2
    return alerts
