"""Benchmark: offline review on MariaDB.

    .venv/bin/python tests/benchmarks/bench_offline.py [--mysql URL] [--alerts N] [--actions K]

Fills a scratch database (default mysql://root@127.0.0.1:3306/churnwatch_bench_offline,
recreated) with N customers, each with one HIGH unassigned alert, a prediction, a health
score, three orders, a ticket with a message and a note, all last changed a day ago. Then:

  take     `offline.take` of the default queue (N alerts, capped at 5,000) with their
           customers into a new replica: time and the replica file's size
  refresh  1% of the rows of every taken table changed on the server, then `offline.refresh`:
           time and rows copied, beside the full take
  sync     K acknowledgements queued offline (each one action through the service layer on
           the replica), then `offline.sync` without the pull: the push alone; then the pull
  peer     the same K acknowledgements (of other taken alerts, the same user) applied online,
           one service call each: half just before the push and half just after, so a
           machine whose load drifts weighs on both alike

Goal: sync (push) ≤ 1.3 × the online peer.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import peewee as pw

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import models as m
from db.connection import connect, parse_url
from db.migrations import drop_all, init_db
from desktop.core.offline.outbox import act, replica_user
from desktop.core.offline.store import open_replica
from desktop.core.offline.sync import sync
from desktop.core.offline.take import refresh, take
from desktop.core.services import Services

BATCH = 500


def fill(n: int) -> m.User:
    now = m.utcnow()
    # Older than the last pull by more than its clock margin: what a refresh must not re-read.
    then = now - timedelta(days=1)
    stamp = {"created_at": then, "updated_at": then}
    lead = m.User.create(
        username="lead",
        email="lead@staff.example",
        display_name="Lead",
        role="supervisor",
        password_hash="x",
    )
    model = m.ModelVersion.create(name="bench", algorithm="none")
    rng = random.Random(15)
    for start in range(0, n, BATCH):
        ids = range(start + 1, min(n, start + BATCH) + 1)
        with m.DB.atomic():
            m.Customer.insert_many(
                [
                    {"id": i, "name": f"Customer {i}", "email": f"c{i}@example.com", **stamp}
                    for i in ids
                ]
            ).execute()
            m.ChurnPrediction.insert_many(
                [
                    {
                        "customer": i,
                        "model_version": model.id,
                        "probability": rng.random(),
                        "risk_level": "high",
                        "factors": [{"feature": "recency", "weight": 0.3}],
                        "scored_at": now,
                        **stamp,
                    }
                    for i in ids
                ]
            ).execute()
            m.CustomerHealthScore.insert_many(
                [
                    {
                        "customer": i,
                        "score": 40,
                        "purchase_score": 40,
                        "engagement_score": 40,
                        "support_score": 40,
                        "recency_score": 40,
                        "computed_at": now,
                        **stamp,
                    }
                    for i in ids
                ]
            ).execute()
            m.Order.insert_many(
                [
                    {
                        "order_number": f"ORD-{i}-{k}",
                        "customer": i,
                        "total": 20,
                        "placed_at": now,
                        **stamp,
                    }
                    for i in ids
                    for k in range(3)
                ]
            ).execute()
            m.SupportTicket.insert_many(
                [
                    {
                        "id": i,
                        "number": f"T-{i}",
                        "customer": i,
                        "subject": "Late parcel",
                        "category": "shipping",
                        "opened_at": now,
                        **stamp,
                    }
                    for i in ids
                ]
            ).execute()
            m.TicketMessage.insert_many(
                [{"ticket": i, "body": "Where is it?", "from_customer": True, **stamp} for i in ids]
            ).execute()
            m.CustomerNote.insert_many(
                [{"customer": i, "author": lead.id, "body": "VIP", **stamp} for i in ids]
            ).execute()
            m.Alert.insert_many(
                [
                    {
                        "type": "churn_risk",
                        "priority": "high",
                        "status": "open",
                        "customer": i,
                        "title": f"Risk {i}",
                        "dedupe_key": f"b:{i}",
                        "version": 1,
                        **stamp,
                    }
                    for i in ids
                ]
            ).execute()
    return lead


CHANGED_TABLES = (m.Alert, m.Customer, m.ChurnPrediction, m.CustomerHealthScore, m.Order,
                  m.SupportTicket, m.TicketMessage, m.CustomerNote)  # fmt: skip


def change_one_percent() -> int:
    """Every hundredth row of each taken table, changed on the server now."""
    now = m.utcnow()
    changed = 0
    for model in CHANGED_TABLES:
        changed += model.update(updated_at=now).where(pw.fn.MOD(model.id, 100) == 0).execute()
    return changed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mysql", default="mysql://root@127.0.0.1:3306/churnwatch_bench_offline")
    parser.add_argument("--alerts", type=int, default=6000)
    parser.add_argument("--actions", type=int, default=1000)
    args = parser.parse_args()
    database, _ = connect(args.mysql, create=True)
    drop_all(database)
    init_db(database)
    print(f"filling {args.alerts:,} customers with an alert each …", flush=True)
    lead = fill(args.alerts)
    folder = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    replica = open_replica(folder / "replica.db")

    t0 = time.perf_counter()
    result = take(database, replica, lead, server_name=str(parse_url(args.mysql)))
    took = time.perf_counter() - t0
    replica.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    size = (folder / "replica.db").stat().st_size
    print(
        f"take: {result.alerts:,} alerts, {result.customers:,} customers, {result.rows:,} rows "
        f"in {took:.2f} s; replica {size / 1e6:.1f} MB"
    )

    changed = change_one_percent()
    t0 = time.perf_counter()
    pulled = refresh(database, replica, replica_user(replica, lead.id))
    refresh_s = time.perf_counter() - t0
    print(
        f"refresh:       {changed:,} rows changed on the server (1%): {pulled.rows:,} rows "
        f"copied in {refresh_s:.2f} s ({refresh_s / took:.0%} of the take)"
    )

    with replica.active():
        taken = [a.id for a in m.Alert.select(m.Alert.id).order_by(m.Alert.id)]
    mine, theirs = taken[: args.actions], taken[args.actions : 2 * args.actions]
    me = replica_user(replica, lead.id)
    t0 = time.perf_counter()
    for alert_id in mine:
        act(replica, me, "alert.acknowledge", {"ids": [alert_id], "note": None})
    queued_s = time.perf_counter() - t0

    services = Services(database, lead)

    def online(ids: list[int]) -> float:
        t0 = time.perf_counter()
        for alert_id in ids:
            services.acknowledge_alerts([alert_id])
        return time.perf_counter() - t0

    half = len(theirs) // 2
    before_s = online(theirs[:half])
    t0 = time.perf_counter()
    report = sync(database, replica, pull=False)
    push_s = time.perf_counter() - t0
    after_s = online(theirs[half:])
    assert report.applied == args.actions, report
    online_s = before_s + after_s
    t0 = time.perf_counter()
    pulled = refresh(database, replica, replica_user(replica, lead.id))
    pull_s = time.perf_counter() - t0

    ratio = push_s / online_s
    print(f"queue offline: {args.actions:,} acknowledgements in {queued_s:.2f} s")
    print(f"sync push:     {push_s:.2f} s  (then the pull {pull_s:.2f} s, {pulled.rows:,} rows)")
    print(
        f"online peer:   {online_s:.2f} s  (the same actions through the service layer: "
        f"{before_s:.2f} s before the push, {after_s:.2f} s after)"
    )
    print(f"push / online: {ratio:.2f}×  (goal ≤ 1.30×) {'OK' if ratio <= 1.3 else 'OVER'}")
    replica.close()
    drop_all(database)
    database.execute_sql(f"DROP DATABASE `{parse_url(args.mysql).database}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
