"""Engagement: the customer's logins, product views, searches and newsletter opens and clicks.

Events are kept for the last EVENT_WINDOW_DAYS days (what the churn features read). They arrive
at a rate set by engagement and fade through a decline ahead of the orders; a customer who left
still opens the odd newsletter. A recovered customer's card update, the trace of a payment_update
intervention, is an account event made here too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from db import models as m
from db.demo.churn import Fate
from db.demo.clock import DAY, EVENT_WINDOW_DAYS, NEVER, Clock
from db.demo.orders import PRODUCTS
from db.demo.people import DEVICES
from db.demo.rows import EV_ACCOUNT, EV_ENGAGEMENT, Draw, Rows, to_json

SEARCHES = ("decaf", "grinder", "gift", "espresso", "tea", "filters")


class EventTexts:
    """Event data as JSON text, made once: the weekly newsletter campaigns, products, searches."""

    def __init__(self, today: date) -> None:
        weeks = EVENT_WINDOW_DAYS // 7 + 3
        # campaigns[w] for the week w weeks before today's (negative w index from the end).
        self.campaigns: list[str] = [
            '{"campaign":"newsletter-%s"}' % (today + timedelta(weeks=w)).strftime("%G-w%V")  # noqa: UP031
            for w in range(-weeks, 0)
        ]
        self.sku_json = [f'{{"sku":"{sku}"}}' for sku, _, _ in PRODUCTS]
        self.search_json = [to_json({"query": q}) for q in SEARCHES]


@dataclass(slots=True)
class Engagement:
    login_ts: list[int]
    open_ts: list[int]  # newsletter opens
    last_event: int  # the latest event the customer did itself (not an open), -NEVER: none


def engagement_events(
    r: Draw,
    clock: Clock,
    texts: EventTexts,
    out: Rows,
    fate: Fate,
    *,
    cid: int,
    t_since: int,
    device_pref: str,
) -> Engagement:
    """The customer's engagement events in the event window, up to today."""
    log_ = math.log
    D, T = clock.days, clock.tod  # noqa: N806 (short: they format every timestamp)
    add_event = out.by_model[m.CustomerEvent].append
    eid = out.ids[m.CustomerEvent]
    tc, act = fate.tc, fate.activity()
    window = -EVENT_WINDOW_DAYS * DAY
    e_start = max(window, t_since)
    gap = DAY / ((0.011 + 0.07 * fate.eng) * fate.occasional)
    login_ts: list[int] = []
    open_ts: list[int] = []
    last_event = -NEVER
    campaigns, sku_json, search_json = texts.campaigns, texts.sku_json, texts.search_json
    t = e_start + int(-log_(1.0 - r()) * gap)
    while t < 0:
        if t >= tc:
            a = 0.04  # gone, but still opens the odd newsletter
        else:
            a = act(t)
            a *= a  # engagement fades ahead of purchases
        if a >= 1.0 or r() < a:
            x = r() if t < tc else 0.5
            at = D[t // DAY] + T[t % DAY]
            eid += 1
            if x < 0.35:
                login_ts.append(t)
                dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                add_event((eid, cid, EV_ENGAGEMENT, "login", f"s{cid}-{t // 1800}", dev, at,
                           None, None, at, at))  # fmt: skip
                last_event = t
            elif x < 0.47:
                dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                add_event((eid, cid, EV_ENGAGEMENT, "product_view", f"s{cid}-{t // 1800}",
                           dev, at, sku_json[int(r() * 24)], None, at, at))  # fmt: skip
                last_event = t
            elif x < 0.8:
                open_ts.append(t)
                add_event((eid, cid, EV_ENGAGEMENT, "email_open", None, None, at,
                           campaigns[(t // DAY) // 7], None, at, at))  # fmt: skip
            elif x < 0.92:
                add_event((eid, cid, EV_ENGAGEMENT, "email_click", None, None, at,
                           campaigns[(t // DAY) // 7], None, at, at))  # fmt: skip
                last_event = t
            elif x < 0.97:
                dev = device_pref if r() < 0.8 else DEVICES[int(r() * 3)]
                add_event((eid, cid, EV_ENGAGEMENT, "search", f"s{cid}-{t // 1800}", dev, at,
                           search_json[int(r() * 6)], None, at, at))  # fmt: skip
                last_event = t
            else:
                add_event((eid, cid, EV_ACCOUNT, "profile_updated", None, device_pref, at,
                           '{"fields":["phone"]}', None, at, at))  # fmt: skip
                last_event = t
        t += int(-log_(1.0 - r()) * gap) + 1
    out.ids[m.CustomerEvent] = eid
    return Engagement(login_ts, open_ts, last_event)


def card_updated_event(clock: Clock, out: Rows, *, cid: int, device_pref: str, at_t: int) -> None:
    """A card updated through the update link (a recovered customer's payment_update)."""
    out.ids[m.CustomerEvent] += 1
    u_at = clock.ts(at_t)
    out.by_model[m.CustomerEvent].append((
        out.ids[m.CustomerEvent], cid, EV_ACCOUNT, "card_updated", None, device_pref, u_at,
        '{"source":"update_link"}', None, u_at, u_at,
    ))  # fmt: skip
