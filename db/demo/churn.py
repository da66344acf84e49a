"""The churn signal: each customer's latent traits, its fate, and the account status it ends in.

Traits (engagement, price sensitivity, service friction, payment reliability) and tenure set a
churn risk; a customer drawn onto the churn path declines before it goes (its activity fades
from the decline start to the churn time), or goes suddenly. Others stay, some as quiet
occasional shoppers, some after a dip they recovered from. Every other part of the history reads
the fate through `Fate.activity`, so orders thin out, engagement fades and tickets and payment
failures rise on the way out: a model finds real signal, far from perfect.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from db.choices import AccountStatus
from db.demo.clock import DAY, NEVER
from db.demo.rows import Draw

CHURN_WINDOW_DAYS = 360  # churned customers left within the last year
FUTURE_CHURN_DAYS = 90  # customers "in decline" would leave within this many days from today


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(slots=True)
class Fate:
    """A customer's traits and path. Times are seconds relative to today's start (NEVER: never)."""

    eng: float  # engagement, 0..1, centred
    price: float  # price sensitivity
    friction: float  # service friction: most customers have little
    reliability: float  # payment reliability: mostly high
    on_path: bool  # on the churn path (declining now, or already gone)
    tc: int  # churn time (in the future for a customer in decline now)
    ds: int  # start of the decline (== tc for a sudden churner)
    depth: float  # how far activity falls by the churn time
    span: int  # tc - ds, at least 1
    rs: int  # a past dip the customer recovered from: start and end (both 0 without one)
    re_: int
    dip: float  # activity during that dip
    occasional: float  # activity scale of a loyal but quiet customer
    churned: bool  # gone by today
    end: int  # activity ends at churn (or now)

    def activity(self) -> Callable[[int], float]:
        """act(t): 1 normally, fading through a decline, 0 after churning (a closure: it runs
        in every loop over a customer's time)."""
        ds, tc, depth, span = self.ds, self.tc, self.depth, self.span
        rs, re_, dip = self.rs, self.re_, self.dip

        def act(t: int) -> float:
            """Activity level at t: 1 normally, fading through a decline, 0 after churning."""
            if t >= ds:
                if t >= tc:
                    return 0.0
                return 1.0 - depth * ((t - ds) / span) ** 0.6
            if rs <= t < re_:
                return dip
            return 1.0

        return act


def draw_fate(rng: random.Random, since_days: int, t_since: int) -> Fate:
    """Latent traits, then whether and how the customer churns."""
    r = rng.random
    eng = (r() + r() + r()) / 3  # engagement, 0..1, centred
    price = r()  # price sensitivity
    friction = r() ** 2  # service friction: most customers have little
    reliability = 1.0 - 0.8 * r() ** 3  # payment reliability: mostly high
    logit = (
        -0.8
        + 3.2 * (0.5 - eng)
        + 1.0 * (price - 0.5)
        + 2.2 * (friction - 0.33)
        + 2.6 * (0.8 - reliability)
        + (0.5 if since_days < 180 else 0.0)
        + rng.gauss(0.0, 0.6)
    )
    on_path = r() < _sigmoid(logit)
    tc = ds = NEVER  # churn time, decline start
    depth = 0.0
    span = 1
    rs = re_ = 0  # a past dip the customer recovered from
    dip = 1.0
    occasional = 1.0  # activity scale of a loyal but quiet customer
    if on_path and since_days > 45:
        lo = max(-CHURN_WINDOW_DAYS * DAY, t_since + 40 * DAY)
        tc = lo + int(r() * (FUTURE_CHURN_DAYS * DAY - lo))
        if r() < 0.15:  # sudden: no warning signs
            ds = tc
        else:
            ds = max(tc - (45 + int(r() * 105)) * DAY, t_since + 7 * DAY)
            depth = 0.7 + 0.27 * r()
            span = max(tc - ds, 1)
    else:
        on_path = False
        if r() < 0.12:  # an occasional (seasonal) shopper: quiet, yet staying
            occasional = 0.3
        elif since_days > 150 and r() < 0.08:
            re_ = -(10 + int(r() * 100)) * DAY
            rs = re_ - (30 + int(r() * 40)) * DAY
            dip = 0.3
    churned = tc <= 0
    end = tc if churned else 0  # activity ends at churn (or now)
    return Fate(eng, price, friction, reliability, on_path, tc, ds, depth, span, rs, re_, dip,
                occasional, churned, end)  # fmt: skip


def account_status(r: Draw, fate: Fate) -> str:
    """The status staff see today: churned, at risk (mostly, not only, customers in decline),
    resolved (recovered from a dip, mostly), or active."""
    declining_now = fate.on_path and not fate.churned and fate.ds < 0
    if fate.churned:
        return AccountStatus.CHURNED.value
    if declining_now and -fate.ds > 14 * DAY and r() < 0.65:
        return AccountStatus.AT_RISK.value
    if fate.re_ < 0 and r() < 0.8:
        return AccountStatus.RESOLVED.value
    if r() < 0.007:
        return AccountStatus.AT_RISK.value  # a false alarm
    return AccountStatus.ACTIVE.value
