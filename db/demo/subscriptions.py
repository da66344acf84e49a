"""Subscriptions: the plans, and a customer's subscription with its monthly charges.

About two in five customers want one; it starts after joining, with a two-week trial, then is
charged every 30 days against the card in use (a failed charge is retried once, 3 days later).
Charges fail more often through a decline, and always on an expired card; a churner's
subscription is cancelled when it leaves. The status today (trialing, active, past due,
cancelled) follows from the charges.
"""

from __future__ import annotations

from db import models as m
from db.choices import SubscriptionStatus
from db.demo.churn import Fate
from db.demo.clock import DAY, EVENT_WINDOW_DAYS, Clock
from db.demo.payments import FAILURE_REASONS, Wallet
from db.demo.rows import EV_PAYMENT, TX_FAILED, TX_OK, Draw, Row, Rows

PLANS = ((1, "Basic", 999), (2, "Pro", 2999), (3, "Premium", 7999))  # id, name, cents a month
CANCEL_REASONS = (
    "too expensive",
    "not using it enough",
    "switched to a competitor",
    "payment failed repeatedly",
    "poor support experience",
)


def plan_rows(created: str) -> list[Row]:
    return [(pid, name, "month", cents / 100, "USD", 1, created, created)
            for pid, name, cents in PLANS]  # fmt: skip


def subscribe(
    r: Draw,
    clock: Clock,
    out: Rows,
    wallet: Wallet,
    fate: Fate,
    *,
    cid: int,
    t_since: int,
    wants: bool,
) -> tuple[str | None, int]:
    """The customer's subscription, if it wants one and has time to take it out: its status
    today and its plan's cents a month (None, 0 without one)."""
    sub_status = None
    plan_cents = 0
    # When a subscription starts does not depend on whether the customer leaves later (it is
    # only never taken out by one who left first): were it drawn before the churn date, at a
    # past cutoff churners would more often hold one than customers who stay.
    earliest = max(t_since, -365 * DAY)
    started = earliest + int(r() * 0.8 * max(-20 * DAY - earliest, 0))
    end, tc = fate.end, fate.tc
    if wants and started < end - 20 * DAY:
        out.ids[m.Subscription] += 1
        sub_id = out.ids[m.Subscription]
        x = r()
        plan_id, _, plan_cents = PLANS[0 if x < 0.5 else 1 if x < 0.85 else 2]
        stop_t = end
        cancelled_at = cancel_reason = None
        if fate.churned:
            cancelled_at = tc
            cancel_reason = CANCEL_REASONS[
                3 if any(wallet.fails) or (wallet.ends[-1] <= tc and r() < 0.7) else int(r() * 5)
            ]
        elif r() < 0.1 and -started > 90 * DAY:
            cancelled_at = started + int(r() * (-started - 30 * DAY)) + 30 * DAY
            cancel_reason = CANCEL_REASONS[1]
            stop_t = cancelled_at
        last_charge, last_failed, t = _monthly_charges(
            r, clock, out, wallet, fate, cid=cid, sub_id=sub_id, amount=plan_cents / 100,
            first=started + 14 * DAY, stop_t=stop_t,  # after a two-week trial
        )  # fmt: skip
        if cancelled_at is not None:
            sub_status = SubscriptionStatus.CANCELLED.value
            period_end = None
        elif last_charge is None:
            sub_status = SubscriptionStatus.TRIALING.value
            period_end = started + 14 * DAY
        else:
            sub_status = (SubscriptionStatus.PAST_DUE if last_failed
                          else SubscriptionStatus.ACTIVE).value  # fmt: skip
            period_end = t
        ts = clock.ts
        s_at = ts(started)
        out.by_model[m.Subscription].append((
            sub_id, cid, plan_id, sub_status, s_at,
            None if period_end is None else ts(period_end),
            None if cancelled_at is None else ts(cancelled_at), cancel_reason, s_at,
            ts(cancelled_at if cancelled_at is not None else max(last_charge or started,
                                                                 started)),
        ))  # fmt: skip
    return sub_status, plan_cents


def _monthly_charges(  # noqa: PLR0915 (one loop: the charges and their retries)
    r: Draw,
    clock: Clock,
    out: Rows,
    wallet: Wallet,
    fate: Fate,
    *,
    cid: int,
    sub_id: int,
    amount: float,
    first: int,
    stop_t: int,
) -> tuple[int | None, bool, int]:
    """Every 30 days from `first` until `stop_t`, a charge (retried once): its transactions, and
    a payment_failed event for each failure in the event window. Returns the last charge's time
    (None: none yet), whether it failed, and when the next one is due."""
    D, T = clock.days, clock.tod  # noqa: N806 (short: they format every timestamp)
    ids = out.ids
    add_tx = out.by_model[m.PaymentTransaction].append
    add_event = out.by_model[m.CustomerEvent].append
    txid = ids[m.PaymentTransaction]
    eid = ids[m.CustomerEvent]
    ds, act = fate.ds, fate.activity()
    c_created, c_end, pm_base = wallet.created, wallet.ends, wallet.pm_base
    n_cards = len(c_created)
    c_fails, c_fail_last, c_ok_last = wallet.fails, wallet.fail_last, wallet.ok_last
    fail_ts, last_fail_tx = wallet.fail_ts, wallet.last_fail_tx
    window = -EVENT_WINDOW_DAYS * DAY
    t = first
    last_charge = None
    last_failed = False
    base_fail = 0.015 + 0.12 * (1.0 - fate.reliability)
    ck = 0
    while t < stop_t:
        tries = 0
        tt = t
        while tt < stop_t and tries < 2:
            tries += 1
            why: str | None
            while ck + 1 < n_cards and c_created[ck + 1] <= tt:  # the card in use now
                ck += 1
            if tt >= c_end[ck]:
                ok, why = False, "card_expired"
            else:
                p_fail = base_fail + (0.4 * (1.0 - act(tt)) + 0.1 if tt >= ds else 0.0)
                ok = r() >= p_fail
                why = None if ok else FAILURE_REASONS[int(r() * 4)]
            txid += 1
            at = D[tt // DAY] + T[tt % DAY]
            add_tx((txid, cid, sub_id, None, pm_base + 1 + ck, amount, "USD",
                    TX_OK if ok else TX_FAILED, why, at, at, at))  # fmt: skip
            last_charge = tt
            last_failed = not ok
            if ok:
                c_ok_last[ck] = tt
                break
            fail_ts.append(tt)
            if tt >= last_fail_tx[0]:
                last_fail_tx = (tt, txid, amount, why or "")
            c_fails[ck] += 1
            c_fail_last[ck] = tt
            if tt >= window:
                eid += 1
                data = f'{{"amount":{amount},"reason":"{why}"}}'
                add_event((eid, cid, EV_PAYMENT, "payment_failed", None, None, at, data,
                           None, at, at))  # fmt: skip
            tt += 3 * DAY
        t += 30 * DAY
    ids[m.PaymentTransaction] = txid
    ids[m.CustomerEvent] = eid
    wallet.last_fail_tx = last_fail_tx
    return last_charge, last_failed, t
