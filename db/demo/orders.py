"""Orders: what each customer bought, its items, its order events and an order's failed payment.

Orders arrive as a Poisson process whose rate follows engagement; through a decline they thin
out (`Fate.activity`) and are more often cancelled or returned. An order whose payment fails
leaves a failed transaction against the card in use (the `Wallet`) and a payment_failed event.
Paid orders count into the daily revenue series.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from db import models as m
from db.choices import OrderStatus, PaymentStatus
from db.demo.churn import Fate
from db.demo.clock import DAY, EVENT_WINDOW_DAYS, HOUR, METRIC_DAYS, NEVER, Clock
from db.demo.metrics import Series
from db.demo.payments import FAILURE_REASONS, Wallet
from db.demo.people import DEVICES
from db.demo.rows import EV_ORDER, EV_PAYMENT, TX_FAILED, Draw, Rows

PRODUCTS: tuple[tuple[str, str, int], ...] = tuple(
    (f"SKU-{n:04d}", name, cents)
    for n, (name, cents) in enumerate(
        (
            ("Organic coffee beans 1 kg", 2490),
            ("Green tea sampler", 1850),
            ("Ceramic pour-over set", 3900),
            ("Insulated travel mug", 2400),
            ("Stainless kettle", 5900),
            ("Espresso cups (4)", 2200),
            ("Cold brew bottle", 1990),
            ("Hand grinder", 6900),
            ("Oat milk barista 6-pack", 1599),
            ("Dark chocolate bar", 499),
            ("Almond biscotti", 699),
            ("Single-origin sampler", 3450),
            ("Decaf blend 500 g", 1390),
            ("Milk frother", 2900),
            ("Digital scale", 3290),
            ("Paper filters (100)", 650),
            ("Gift card", 5000),
            ("Coffee subscription box", 4500),
            ("Cleaning tablets", 899),
            ("Linen apron", 3100),
            ("Glass carafe", 2750),
            ("Chai spice mix", 1190),
            ("Matcha whisk set", 2890),
            ("Espresso machine", 34900),
        ),
        start=1,
    )
)
CARRIERS = ("UPS", "DHL", "FedEx", "USPS", "PostNL")
CARRIERS = ("UPS", "DHL", "FedEx", "USPS", "PostNL")

# Enum values as plain strings (drivers send str, not a str subclass they do not know).
_ORDER_PENDING = OrderStatus.PENDING.value
_ORDER_PAID = OrderStatus.PAID.value
_ORDER_SHIPPED = OrderStatus.SHIPPED.value
_ORDER_DELIVERED = OrderStatus.DELIVERED.value
_ORDER_CANCELLED = OrderStatus.CANCELLED.value
_ORDER_REFUNDED = OrderStatus.REFUNDED.value
_ORDER_RETURNED = OrderStatus.RETURNED.value
_PAY_PENDING = PaymentStatus.PENDING.value
_PAY_PAID = PaymentStatus.PAID.value
_PAY_FAILED = PaymentStatus.FAILED.value
_PAY_REFUNDED = PaymentStatus.REFUNDED.value


@dataclass(slots=True)
class OrderHistory:
    order_ts: list[int]  # when each order was placed, in order
    n_orders: int
    n_paid: int
    n_disc: int  # with a discount
    n_returns: int
    spent: int  # cents, paid orders only
    last_order: int  # the latest order not cancelled (-NEVER: none)


def place_orders(  # noqa: PLR0912, PLR0915
    r: Draw,
    clock: Clock,
    out: Rows,
    wallet: Wallet,
    fate: Fate,
    *,
    series: Series,
    cid: int,
    t_since: int,
    device_pref: str,
) -> OrderHistory:
    """The customer's orders from joining up to churning (or today), one after another."""
    log_ = math.log
    D, T = clock.days, clock.tod  # noqa: N806 (short: they format every timestamp)
    ids = out.ids
    by = out.by_model
    add_order = by[m.Order].append
    add_item = by[m.OrderItem].append
    add_event = by[m.CustomerEvent].append
    add_tx = by[m.PaymentTransaction].append
    oid = ids[m.Order]
    iid = ids[m.OrderItem]
    eid = ids[m.CustomerEvent]
    txid = ids[m.PaymentTransaction]
    m_orders, m_revenue = series.orders, series.revenue
    eng, price, reliability, occasional = fate.eng, fate.price, fate.reliability, fate.occasional
    ds, end, act = fate.ds, fate.end, fate.activity()
    c_created, c_end, pm_base = wallet.created, wallet.ends, wallet.pm_base
    n_cards = len(c_created)
    c_fails, c_fail_last, c_ok_last = wallet.fails, wallet.fail_last, wallet.ok_last
    fail_ts, last_fail_tx = wallet.fail_ts, wallet.last_fail_tx
    ck = 0  # the card in use (the newest one created by then); times only grow

    order_ts: list[int] = []
    n_orders = n_paid = n_disc = n_returns = 0
    spent = 0
    last_order = -NEVER
    disc_p = 0.05 + 0.55 * price
    per_year = 0.8 + 5.0 * eng * (0.6 + 0.8 * r())
    rate = per_year / 365 * occasional  # orders a day
    gap = DAY / rate
    window = -EVENT_WINDOW_DAYS * DAY
    metric_start = -METRIC_DAYS * DAY
    t = t_since + int(r() * 2 * DAY)
    while t < end:
        a = act(t)
        if a >= 1.0 or r() < a:
            oid += 1
            n_orders += 1
            order_ts.append(t)
            placed = D[t // DAY] + T[t % DAY]
            n_items = 1 + (r() < 0.45) + (r() < 0.2)
            subtotal = 0
            for _ in range(n_items):
                sku, pname, cents = PRODUCTS[int(r() * 24)]
                qty = 2 if r() < 0.15 else 1
                subtotal += qty * cents
                iid += 1
                add_item((iid, oid, sku, pname, qty, cents / 100, placed, placed))
            discount = 0
            if r() < disc_p:
                discount = subtotal * (10 + int(r() * 16)) // 100
                n_disc += 1
            shipping = 0 if subtotal >= 5000 else 499
            total = subtotal - discount + shipping
            declining = t >= ds
            x = r()
            p_cancel = 0.03 + (0.10 if declining else 0.0)
            p_return = p_cancel + 0.02 + 0.04 * price + (0.07 if declining else 0.0)
            age = -t
            delivered_t = t + (2 + int(r() * 4)) * DAY + int(r() * 8 * HOUR)
            pay_failed = False
            carrier = tracking = delivered = None
            updated = placed
            if x < p_cancel:
                status = _ORDER_CANCELLED
                pay_failed = r() < 0.25 + 0.5 * (1.0 - reliability) + (0.3 if declining else 0)
                pay = _PAY_FAILED if pay_failed else _PAY_REFUNDED
            elif x < p_return and delivered_t + 3 * DAY < 0:
                status = _ORDER_RETURNED
                pay = _PAY_REFUNDED
                n_returns += 1
            elif x < p_return + 0.015:
                status = _ORDER_REFUNDED
                pay = _PAY_REFUNDED
            elif age < 6 * HOUR:
                status, pay = _ORDER_PENDING, _PAY_PENDING
            elif delivered_t >= 0:
                status = _ORDER_PAID if age < DAY else _ORDER_SHIPPED
                pay = _PAY_PAID
            else:
                status, pay = _ORDER_DELIVERED, _PAY_PAID
            if status in (_ORDER_SHIPPED, _ORDER_DELIVERED, _ORDER_RETURNED):
                carrier = CARRIERS[int(r() * 5)]
                tracking = f"TRK{oid:010d}"
                if status != _ORDER_SHIPPED:
                    delivered = D[delivered_t // DAY] + T[delivered_t % DAY]
                    updated = delivered
            while ck + 1 < n_cards and c_created[ck + 1] <= t:
                ck += 1
            if pay == _PAY_PAID:
                n_paid += 1
                spent += total
                last_order = t
                if t < c_end[ck]:
                    c_ok_last[ck] = t
                if t >= metric_start:
                    k = t // DAY + METRIC_DAYS
                    m_orders[k] += 1
                    m_revenue[k] += total
            elif status != _ORDER_CANCELLED:
                last_order = t
            add_order((
                oid, f"ORD-{oid:07d}", cid, status, subtotal / 100, discount / 100,
                shipping / 100, total / 100, "USD", pay, carrier, tracking, placed, delivered,
                placed, updated,
            ))  # fmt: skip
            if pay_failed:
                ft = min(t + 60 + int(r() * 600), -1)
                reason = "card_expired" if t >= c_end[ck] else FAILURE_REASONS[int(r() * 4)]
                txid += 1
                f_at = D[ft // DAY] + T[ft % DAY]
                add_tx((txid, cid, None, oid, pm_base + 1 + ck, total / 100, "USD", TX_FAILED,
                        reason, f_at, f_at, f_at))  # fmt: skip
                fail_ts.append(ft)
                if ft >= last_fail_tx[0]:
                    last_fail_tx = (ft, txid, total / 100, reason)
                c_fails[ck] += 1
                c_fail_last[ck] = max(c_fail_last[ck], ft)
                if ft >= window:
                    eid += 1
                    add_event((eid, cid, EV_PAYMENT, "payment_failed", None, None, f_at,
                               f'{{"amount":{total / 100},"reason":"{reason}"}}', oid, f_at,
                               f_at))  # fmt: skip
            if t >= window:
                dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                eid += 1
                add_event((eid, cid, EV_ORDER, "order_placed", f"s{cid}-{t // 1800}", dev,
                           placed, f'{{"items":{n_items},"total":{total / 100}}}', oid,
                           placed, placed))  # fmt: skip
                if status == _ORDER_CANCELLED:
                    ct = min(t + 600 + int(r() * 3 * HOUR), -1)
                    c_at = D[ct // DAY] + T[ct % DAY]
                    eid += 1
                    add_event((eid, cid, EV_ORDER, "order_cancelled", None, dev, c_at,
                               None, oid, c_at, c_at))  # fmt: skip
                elif status == _ORDER_RETURNED:
                    rt = delivered_t + DAY + int(r() * DAY)
                    r_at = D[rt // DAY] + T[rt % DAY]
                    eid += 1
                    add_event((eid, cid, EV_ORDER, "refund_requested", None, dev, r_at,
                               None, oid, r_at, r_at))  # fmt: skip
        t += int(-log_(1.0 - r()) * gap) + 1

    ids[m.Order] = oid
    ids[m.OrderItem] = iid
    ids[m.CustomerEvent] = eid
    ids[m.PaymentTransaction] = txid
    wallet.last_fail_tx = last_fail_tx
    return OrderHistory(order_ts, n_orders, n_paid, n_disc, n_returns, spent, last_order)
