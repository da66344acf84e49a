"""Health scores: a rule-based score per customer (purchase, engagement, support, recency).

The newest, computed in the last hours, goes on the customer; customers older than 45 days
often have a month-old one too. Factors and recommendations explain the score as staff see it.
"""

from __future__ import annotations

from db import models as m
from db.demo.clock import DAY, HOUR, NEWSLETTERS_90D, Clock
from db.demo.facts import Facts
from db.demo.rows import Draw, Row, Rows, to_json


def health_scores(r: Draw, clock: Clock, out: Rows, facts: Facts) -> tuple[int, int]:
    """The customer's health score rows; returns the newest score and when it was computed."""
    hs_t = -int((1 + r() * 5) * HOUR)
    health_rows = out.by_model[m.CustomerHealthScore]
    hid = out.ids[m.CustomerHealthScore]
    if facts.since_days > 45 and r() < 0.5:
        hid += 1
        health_rows.append(health_score(clock, hid, facts, hs_t - 30 * DAY))
    hid += 1
    newest = health_score(clock, hid, facts, hs_t)
    health_rows.append(newest)
    out.ids[m.CustomerHealthScore] = hid
    return newest[2], hs_t


def health_score(clock: Clock, hid: int, facts: Facts, as_of: int) -> Row:
    """A rule-based health score as of `as_of`: purchase, engagement, support, recency."""
    order_ts, login_ts, open_ts = facts.order_ts, facts.login_ts, facts.open_ts
    tickets, fail_ts = facts.tickets, facts.fail_ts
    orders_180 = sum(1 for x in order_ts if as_of - 180 * DAY <= x < as_of)
    lifetime = sum(1 for x in order_ts if x < as_of)
    purchase = min(100, orders_180 * 25 + (15 if lifetime >= 5 else 0))
    logins_30 = sum(1 for x in login_ts if as_of - 30 * DAY <= x < as_of)
    opens_90 = sum(1 for x in open_ts if as_of - 90 * DAY <= x < as_of)
    engagement = min(100, logins_30 * 15 + round(40 * min(1.0, opens_90 / NEWSLETTERS_90D)))
    tickets_90 = esc_90 = 0
    for t, escalated, _, _ in tickets:
        if as_of - 90 * DAY <= t < as_of:
            tickets_90 += 1
            esc_90 += escalated
    fails_90 = sum(1 for x in fail_ts if as_of - 90 * DAY <= x < as_of)
    support = max(0, 100 - 25 * tickets_90 - 20 * esc_90 - 15 * fails_90)
    last = max((x for x in order_ts if x < as_of), default=None)
    days = None if last is None else (as_of - last) // DAY
    if days is None:
        recency = 0
    elif days <= 14:
        recency = 100
    else:
        recency = max(0, round(100 - (days - 14) * 100 / 166))
    score = round(0.3 * purchase + 0.25 * engagement + 0.2 * support + 0.25 * recency)
    factors: list[str] = []
    advice: list[str] = []
    if days is None or days > 60:
        factors.append("no order yet" if days is None else f"no order in {days} days")
        advice.append("send a win-back offer")
    if fails_90:
        factors.append(f"{fails_90} failed payment{'s' if fails_90 > 1 else ''} in 90 days")
        advice.append("ask for an updated payment method")
    if tickets_90 >= 2 or esc_90:
        factors.append(f"{tickets_90} support tickets in 90 days")
        advice.append("follow up on the support issue")
    if logins_30 == 0:
        factors.append("no login in 30 days")
        advice.append("send a re-engagement email")
    if orders_180 >= 3:
        factors.append("orders regularly")
    if opens_90 >= 4:
        factors.append("reads the newsletter")
    if score >= 75:
        advice.append("invite to the loyalty programme")
    at = clock.ts(as_of)
    return (hid, facts.cid, score, purchase, engagement, support, recency, to_json(factors),
            to_json(advice), at, at, at)  # fmt: skip
