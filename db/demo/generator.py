"""DemoGenerator: the three stages of the demo, and the order one customer's history is made in.

Each customer draws from its own `Random(f"{seed}:{index}")`, in a fixed order: profile, fate,
cards, orders, subscription, engagement, tickets, card rows, account status, health score, then
the staff's traces and alerts. That order is the output: change it and every later row changes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import peewee as pw

from db import models as m
from db.choices import AccountStatus
from db.demo.alerts import customer_alerts, system_alerts
from db.demo.churn import account_status, draw_fate
from db.demo.clock import DAY, EVENT_WINDOW_DAYS, HOUR, MAX_TENURE_DAYS, NEVER, Clock
from db.demo.engagement import EventTexts, card_updated_event, engagement_events
from db.demo.facts import Facts
from db.demo.health import health_scores
from db.demo.metrics import Series
from db.demo.orders import place_orders
from db.demo.payments import card_rows, draw_wallet
from db.demo.people import customer_row, draw_profile, staff_users
from db.demo.rows import COLUMNS, DEMO_MODELS, Batch, Rows
from db.demo.staff import (
    interventions,
    segment_customer,
    segment_rows,
    staff_note,
    tag_customer,
    tag_rows,
)
from db.demo.subscriptions import plan_rows, subscribe
from db.demo.support import support_tickets
from db.search import token_rows

DEFAULT_CHUNK = 1_000


class DemoGenerator:
    """Produces the demo rows: reference data, then chunks of customers, then series and alerts.

    Ids are counted as rows are made, so children name their parents without reading back, and a
    given seed and day always produce the same ids. Times are whole seconds relative to midnight
    (UTC) at the start of `today` (see `db.demo.clock`).
    """

    def __init__(self, customers: int, seed: int, today: date) -> None:
        self.customers = customers
        self.seed = seed
        self.today = today
        self.clock = Clock(today)
        self.texts = EventTexts(today)
        # Running ids (the last one used) per table.
        self.ids: dict[type[pw.Model], int] = {model: 0 for model in DEMO_MODELS}
        self.series = Series()  # daily business series for the last METRIC_DAYS days

    # -- the three stages -------------------------------------------------------------------------

    def static_batches(self) -> list[Batch]:
        """Staff, plans, tags and segments: the reference rows customers point at."""
        users = staff_users(self.clock)
        created = self.clock.ts(-MAX_TENURE_DAYS * DAY - DAY)
        plans, tags, segments = plan_rows(created), tag_rows(created), segment_rows(created)
        for model, rows in ((m.User, users), (m.Plan, plans), (m.CustomerTag, tags),
                            (m.CustomerSegment, segments)):  # fmt: skip
            self.ids[model] = len(rows)
        return [
            Batch(m.User, COLUMNS[m.User], users),
            Batch(m.Plan, COLUMNS[m.Plan], plans),
            Batch(m.CustomerTag, COLUMNS[m.CustomerTag], tags),
            Batch(m.CustomerSegment, COLUMNS[m.CustomerSegment], segments),
        ]

    def chunk_batches(self, start: int, stop: int) -> list[Batch]:
        """Customers with indexes start..stop-1 (ids start+1..stop) and everything they own."""
        rows = Rows(self.ids)
        for index in range(start, stop):
            self._customer(index, rows)
        return rows.batches()

    def final_batches(self) -> list[Batch]:
        """Daily system metrics over the last 90 days, and a few system alerts."""
        metric_rows = self.series.metric_rows(self.clock, self.ids)
        alerts = system_alerts(self.clock, self.ids)
        return [
            Batch(m.Alert, COLUMNS[m.Alert], alerts),
            Batch(m.SystemMetric, COLUMNS[m.SystemMetric], metric_rows),
        ]

    def batches(self, chunk_size: int = DEFAULT_CHUNK) -> Iterator[tuple[int, list[Batch]]]:
        """(customers done, batches) per unit of work: reference data, each chunk, final rows."""
        yield 0, self.static_batches()
        for start in range(0, self.customers, chunk_size):
            stop = min(start + chunk_size, self.customers)
            yield stop, self.chunk_batches(start, stop)
        yield self.customers, self.final_batches()

    # -- one customer ---------------------------------------------------------------------------

    def _customer(self, index: int, out: Rows) -> None:
        """All rows of one customer, from its own seeded random stream (in this order)."""
        rng = random.Random(f"{self.seed}:{index}")
        r = rng.random
        clock, series = self.clock, self.series
        cid = index + 1

        profile = draw_profile(r, cid)
        t_since, device_pref = profile.t_since, profile.device_pref
        fate = draw_fate(rng, profile.since_days, t_since)
        # Cards: one after another, each replacing the last around its expiry (whether the
        # customer wants a subscription changes how it lets a card lapse).
        wants_sub = r() < 0.4
        wallet = draw_wallet(r, clock, out, fate, t_since=t_since, subscriber=wants_sub)
        orders = place_orders(r, clock, out, wallet, fate, series=series, cid=cid, t_since=t_since,
                              device_pref=device_pref)  # fmt: skip
        sub_status, plan_cents = subscribe(r, clock, out, wallet, fate, cid=cid, t_since=t_since,
                                           wants=wants_sub)  # fmt: skip
        engagement = engagement_events(r, clock, self.texts, out, fate, cid=cid, t_since=t_since,
                                       device_pref=device_pref)  # fmt: skip
        tickets = support_tickets(r, clock, out, series, fate, cid=cid, t_since=t_since)
        expiring = card_rows(r, clock, out, wallet, cid=cid, t_since=t_since, end=fate.end)
        status = account_status(r, fate)

        last_event = engagement.last_event
        if status == AccountStatus.RESOLVED.value and fate.re_ >= -EVENT_WINDOW_DAYS * DAY:
            # Card updated after the recovery: a payment_update intervention's trace.
            card_updated_event(clock, out, cid=cid, device_pref=device_pref,
                               at_t=fate.re_ - 2 * HOUR)  # fmt: skip
            last_event = max(last_event, fate.re_ - 2 * HOUR)

        fail_ts = wallet.fail_ts
        fail_ts.sort()
        order_ts, spent, n_orders = orders.order_ts, orders.spent, orders.n_orders
        last_ticket = tickets[-1][0] if tickets else -NEVER
        last_activity = max(
            orders.last_order, last_event, last_ticket, order_ts[-1] if order_ts else -NEVER
        )
        active_days = max((fate.end - t_since) // DAY, 30)
        value_cents = plan_cents + spent * 30 // active_days
        value_cents = max(value_cents, 100)
        facts = Facts(
            cid=cid, account_status=status, churned=fate.churned, tc=fate.tc, ds=fate.ds,
            dip_start=fate.rs, dip_end=fate.re_, t_since=t_since, since_days=profile.since_days,
            spent=spent, discount_share=orders.n_disc / n_orders if n_orders else 0.0,
            price=fate.price, opens_90=sum(1 for x in engagement.open_ts if x >= -90 * DAY),
            sub_status=sub_status, last_order=orders.last_order, value_cents=value_cents,
            expiring=expiring, order_ts=order_ts, login_ts=engagement.login_ts,
            open_ts=engagement.open_ts, fail_ts=fail_ts, tickets=tickets,
            last_fail_tx=wallet.last_fail_tx,
        )  # fmt: skip
        score, scored_at = health_scores(r, clock, out, facts)
        out.by_model[m.Customer].append(customer_row(
            clock, profile, facts, orders, last_activity=last_activity, health_score=score,
            scored_at=scored_at,
        ))  # fmt: skip
        out.by_model[m.CustomerSearchToken] += token_rows(cid, profile.name, profile.email)
        series.count_customer(since_day=profile.since_day, churned=fate.churned, tc=fate.tc,
                              fail_ts=fail_ts)  # fmt: skip

        # The staff's traces, then the alerts.
        interventions(r, clock, out, facts)
        staff_note(r, clock, out, facts)
        tag_customer(r, clock, out, facts)
        segment_customer(r, clock, out, facts)
        customer_alerts(r, clock, out, facts)
