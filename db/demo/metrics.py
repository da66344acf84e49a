"""The business's daily system metrics over the last METRIC_DAYS days.

Orders, revenue, tickets, failed payments, new and active customers are counted per day while
the customers are generated (`Series`), and written as system metric rows at the end.
"""

from __future__ import annotations

import peewee as pw

from db import models as m
from db.demo.clock import DAY, METRIC_DAYS, Clock
from db.demo.rows import Row


class Series:
    """Daily counts for the last METRIC_DAYS days (index = day + METRIC_DAYS)."""

    def __init__(self) -> None:
        self.orders = [0] * METRIC_DAYS
        self.revenue = [0] * METRIC_DAYS  # cents
        self.tickets = [0] * METRIC_DAYS
        self.failures = [0] * METRIC_DAYS
        self.new = [0] * METRIC_DAYS
        self.active_delta = [0] * (METRIC_DAYS + 1)
        self.active_before = 0

    def count_customer(self, *, since_day: int, churned: bool, tc: int, fail_ts: list[int]) -> None:
        """A customer's join day, failed payments and days active (orders and tickets are
        counted as they are made)."""
        if since_day >= -METRIC_DAYS:
            self.new[since_day + METRIC_DAYS] += 1
        metric_start = -METRIC_DAYS * DAY
        for ft in fail_ts:
            if ft >= metric_start:
                self.failures[ft // DAY + METRIC_DAYS] += 1
        # A customer counts as active from the day it joined up to (not including) its churn day.
        churn_day = tc // DAY if churned else None
        if churn_day is None or churn_day > -METRIC_DAYS:
            if since_day <= -METRIC_DAYS:
                self.active_before += 1
            else:
                self.active_delta[since_day + METRIC_DAYS] += 1
            if churn_day is not None:
                self.active_delta[churn_day + METRIC_DAYS] -= 1

    def metric_rows(self, clock: Clock, ids: dict[type[pw.Model], int]) -> list[Row]:
        """One row per series and day, stamped at the day's last second."""
        ts = clock.ts
        metric_rows: list[Row] = []
        mid = ids[m.SystemMetric]
        active = self.active_before
        series = (
            ("orders.daily", self.orders, '{"source":"demo","unit":"orders"}', 1),
            ("revenue.daily", self.revenue, '{"currency":"USD","source":"demo"}', 100),
            ("tickets.opened.daily", self.tickets, '{"source":"demo","unit":"tickets"}', 1),
            ("payments.failed.daily", self.failures, '{"source":"demo","unit":"payments"}', 1),
            ("customers.new.daily", self.new, '{"source":"demo","unit":"customers"}', 1),
        )
        for k in range(METRIC_DAYS):
            day = k - METRIC_DAYS
            at = ts(day * DAY + DAY - 1)
            active += self.active_delta[k]
            for name, values, tags, divisor in series:
                mid += 1
                metric_rows.append((mid, name, values[k] / divisor, tags, at, at, at))
            mid += 1
            metric_rows.append(
                (mid, "active_customers", float(active), '{"source":"demo"}', at, at, at)
            )
        ids[m.SystemMetric] = mid
        return metric_rows
