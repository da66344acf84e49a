"""Payments: each customer's cards on file, and the record of what was paid with them.

A customer holds one card after another (see `card_history`), each replacing the last around its
expiry; the `Wallet` keeps them with their failures and successes. The transactions are written
where the payment happens, against the card in use then: an order's failed payment in `orders`,
the monthly charges in `subscriptions`. Once those are known, `card_rows` writes the payment
methods with their status and counters.
"""

from __future__ import annotations

from db import models as m
from db.choices import PaymentMethodStatus
from db.demo.churn import Fate
from db.demo.clock import DAY, HOUR, NEVER, Clock
from db.demo.rows import Draw, Rows

CARD_BRANDS = ("visa", "visa", "visa", "mastercard", "mastercard", "amex", "discover")
CARD_YEARS = (2, 3, 3, 3, 4, 4, 5, 5)  # how long a new card is valid
# Card history (see card_history): what happens when a card runs out.
P_LATE = 0.25  # replaced only after it expired (1-60 days later)
P_LATE_SUBSCRIBER = 0.45  # many subscribers wait for the renewal charge to bounce
P_LAPSE = 0.06  # never replaced by a non-subscriber who stays (pays another way)
P_LATE_DECLINING = 0.35  # the same for a customer in decline
P_LAPSE_DECLINING = 0.25
P_INVOLUNTARY = 0.08  # churners whose card ran out in the two months before they left
SPARE_CARD_SHARE = 0.08
FAILURE_REASONS = ("insufficient_funds", "do_not_honor", "insufficient_funds", "processing_error")


class Wallet:
    """A customer's cards, oldest first (card k gets id `pm_base + 1 + k`), and its payments.

    Orders and subscription charges fill in the lists as they run: per card the failures and the
    latest failure and success; for the customer every failed payment and the latest one.
    """

    __slots__ = ("created", "ends", "fail_last", "fail_ts", "fails", "last_fail_tx", "months",
                 "ok_last", "pm_base")  # fmt: skip

    def __init__(self, clock: Clock, created: list[int], months: list[int], pm_base: int) -> None:
        n_cards = len(created)
        self.created = created
        self.months = months  # expiry month indexes
        self.ends = [clock.month_start(e + 1) for e in months]  # each card works until this moment
        self.pm_base = pm_base
        self.fails = [0] * n_cards
        self.fail_last = [-NEVER] * n_cards
        self.ok_last = [-NEVER] * n_cards
        self.fail_ts: list[int] = []  # failed payments (for metrics, health and alerts)
        # The latest failed payment: time, transaction id, amount, reason.
        self.last_fail_tx: tuple[int, int, float, str] = (-NEVER, 0, 0.0, "")


def draw_wallet(
    r: Draw, clock: Clock, out: Rows, fate: Fate, *, t_since: int, subscriber: bool
) -> Wallet:
    """The customer's cards, before anything is paid with them."""
    created, months = card_history(
        r, clock, t_since=t_since, tc=fate.tc, ds=fate.ds, on_path=fate.on_path,
        subscriber=subscriber,
    )  # fmt: skip
    return Wallet(clock, created, months, out.ids[m.PaymentMethod])


def card_history(
    r: Draw,
    clock: Clock,
    *,
    t_since: int,
    tc: int,
    ds: int,
    on_path: bool,
    subscriber: bool,
) -> tuple[list[int], list[int]]:
    """Creation times and expiry months of the customer's cards, oldest first.

    Cards run 2-5 years, so loyal customers see theirs expire too: most enter the new one in
    the weeks before (the bank's updater, a reminder), some only after a charge bounced, a
    few never (they pay another way). A customer in decline is likelier to let it lapse,
    and for a few churners the lapse is the reason they go (involuntary churn). Moderate
    differences, so an expiring card raises the risk without settling it. A subscription needs a
    working card, so only a non-subscriber may let a card lapse for good.
    """
    month_of, month_start = clock.month_of, clock.month_start
    created = t_since  # the card given when joining, issued some time before
    years = CARD_YEARS[int(r() * len(CARD_YEARS))]
    exp = month_of(created + (60 + int(r() * (years * 365 - 60))) * DAY)
    lapse_at = tc - int(r() * 60 * DAY) if tc < NEVER and r() < P_INVOLUNTARY else NEVER
    times: list[int] = []
    months: list[int] = []
    while True:
        end = month_start(exp + 1)
        if end > lapse_at:  # the card in use then runs out at the start of that month
            month = month_of(lapse_at) - 1
            if month_start(month + 1) >= created + 60 * DAY:
                times.append(created)
                months.append(month)
                return times, months
            lapse_at = NEVER  # too new a card to run out then
        times.append(created)
        months.append(exp)
        if end > 40 * DAY:  # far from expiry: nobody replaced it yet
            return times, months
        if on_path and end >= ds - 30 * DAY:
            p_lapse, p_late = P_LAPSE_DECLINING, P_LATE_DECLINING
        elif subscriber:
            p_lapse, p_late = 0.0, P_LATE_SUBSCRIBER
        else:
            p_lapse, p_late = P_LAPSE, P_LATE
        x = r()
        if x < p_lapse:
            return times, months
        if x < p_lapse + p_late:  # after the expiry: a bounced charge, a reminder
            nxt = end + int((1 + r() * 59) * DAY)
        else:  # before it: the bank's updater, or the customer after a reminder
            nxt = end - int((1 + r() * 34) * DAY)
        nxt = max(nxt, created + DAY)
        if nxt >= min(tc, 0):  # gone by then, or not yet
            return times, months
        created = nxt
        exp = month_of(created) + 12 * CARD_YEARS[int(r() * len(CARD_YEARS))]


def card_rows(
    r: Draw, clock: Clock, out: Rows, wallet: Wallet, *, cid: int, t_since: int, end: int
) -> tuple[int, int, int] | None:
    """The payment methods, now that their payment history is known; and a live card that runs
    out within 30 days, as (card id, expiry month, created), if there is one.

    The newest card is the default; an older one stays on file, expired once its month is over.
    A few customers also keep a spare card, never the default.
    """
    ts = clock.ts
    add_card = out.by_model[m.PaymentMethod].append
    c_created, c_exp, c_end = wallet.created, wallet.months, wallet.ends
    c_fails, c_fail_last, c_ok_last = wallet.fails, wallet.fail_last, wallet.ok_last
    pm_base = wallet.pm_base
    n_cards = len(c_created)
    expiring: tuple[int, int, int] | None = None  # (card id, expiry month, created)
    for j in range(n_cards):
        created, exp, card_end = c_created[j], c_exp[j], c_end[j]
        last_fail = c_fail_last[j] if c_fails[j] else None
        ok_last = c_ok_last[j]
        default = j == n_cards - 1
        if card_end <= 0:
            status = PaymentMethodStatus.EXPIRED.value
        elif default and c_fails[j] >= 2 and c_fail_last[j] > ok_last:
            status = PaymentMethodStatus.FAILED.value
        else:
            status = PaymentMethodStatus.ACTIVE.value
            if card_end <= 30 * DAY:
                expiring = (pm_base + 1 + j, exp, created)
        replaced = -NEVER if default else c_created[j + 1]
        add_card((
            pm_base + 1 + j, cid, CARD_BRANDS[int(r() * 7)], f"{int(r() * 10000):04d}",
            exp % 12 + 1, exp // 12, status, int(default), c_fails[j],
            None if last_fail is None else ts(last_fail),
            None if ok_last < created else ts(ok_last), 1 if default else 2, ts(created),
            ts(max(created, last_fail or created, ok_last, replaced)),
        ))  # fmt: skip
    pm_last = pm_base + n_cards
    if r() < SPARE_CARD_SHARE and end - t_since > DAY:  # a second card, never the default
        created = t_since + int(r() * (end - t_since - HOUR))
        exp = clock.month_of(created) + 12 * CARD_YEARS[int(r() * len(CARD_YEARS))]
        card_end = clock.month_start(exp + 1)
        status = (PaymentMethodStatus.EXPIRED if card_end <= 0
                  else PaymentMethodStatus.ACTIVE).value  # fmt: skip
        pm_last += 1
        if expiring is None and 0 < card_end <= 30 * DAY:
            expiring = (pm_last, exp, created)
        c_at = ts(created)
        add_card((pm_last, cid, CARD_BRANDS[int(r() * 7)], f"{int(r() * 10000):04d}",
                  exp % 12 + 1, exp // 12, status, 0, 0, None, None, 1, c_at,
                  c_at))  # fmt: skip
    out.ids[m.PaymentMethod] = pm_last
    return expiring
