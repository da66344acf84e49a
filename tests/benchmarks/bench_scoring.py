"""Benchmark: end-to-end scoring on MariaDB beside a raw PyMySQL floor measured in the same run.

    .venv/bin/python tests/benchmarks/bench_scoring.py [--customers N] [--mysql URL]
        [--chunk-size N] [--workers N]

The database named by `--mysql` (default: a scratch database on the local server) is reused when
it already holds exactly N demo customers, so the 1,000,000-customer run only generates its data
once; otherwise it is reset and filled with `churnwatch demo` data. A model is trained if none is
active (on a sample of at most 150,000 rows, to keep the setup short).

Measured:
- scoring: `churnwatch score` as the CLI runs it (a new run over every customer, chunks, worker
  threads, all writes), in a child process so its peak RSS is the scorer's alone;
- the floor: a raw PyMySQL stream read (SSCursor) of the rows the features come from (customers,
  orders, the last 90 days of events, tickets, transactions, cards, subscriptions), plus a bulk
  write of one value per customer (multi-row INSERT into a scratch table), nothing else.

Goals: scoring within 2x the floor; the scorer's peak memory under 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pymysql
import pymysql.cursors

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import demo
from db import models as m
from db.connection import connect, parse_url
from db.migrations import drop_all, init_db

GOAL_RATIO = 2.0
GOAL_MEMORY_MIB = 1024
DEFAULT_URL = "mysql://root@127.0.0.1:3306/churnwatch_bench_scoring"


def raw_connection(url_text: str, **kwargs: object) -> pymysql.connections.Connection:
    url = parse_url(url_text)
    return pymysql.connect(
        host=url.host,
        port=url.port,
        user=url.user,
        password=url.password or os.environ.get("CHURNWATCH_DB_PASSWORD", ""),
        database=url.database,
        charset="utf8mb4",
        **kwargs,  # type: ignore[arg-type]
    )


def prepare(url: str, customers: int) -> None:
    """Reuse the database if it holds exactly `customers` demo customers, else rebuild it."""
    database, _ = connect(url, create=True)
    init_db(database)
    have = demo.customer_count(database)
    if have == customers:
        print(f"reusing {url} with {have:,} customers")
    else:
        print(f"filling {url} with {customers:,} demo customers (had {have:,}) …", flush=True)
        drop_all(database)
        init_db(database)
        started = time.perf_counter()
        demo.generate_demo(database, customers=customers, seed=42)
        print(f"  demo data written in {time.perf_counter() - started:.0f} s")
    from desktop.core.churn.training import TrainingConfig, active_model, train_models

    if active_model() is None:
        print("training a model …", flush=True)
        started = time.perf_counter()
        result = train_models(database, TrainingConfig(max_training_rows=150_000), activate=True)
        w = result.winner.metrics
        print(
            f"  {result.winner_version.name}: ROC AUC {w['roc_auc']:.3f}, PR AUC "
            f"{w['pr_auc']:.3f} in {time.perf_counter() - started:.0f} s"
        )
    database.close()


def floor(url: str) -> tuple[float, float, int]:
    """Seconds to stream-read the feature rows and to write one value per customer."""
    now = m.utcnow()
    window = now - timedelta(days=90)
    queries = [
        "SELECT id, customer_since, loyalty_points, custom_attributes FROM customer "
        "WHERE deleted_at IS NULL AND account_status <> 'churned' ORDER BY id",
        "SELECT customer_id, status, total, discount, subtotal, placed_at FROM orders "
        "WHERE placed_at < %s",
        "SELECT customer_id, category, event_type, occurred_at FROM customer_event "
        "WHERE occurred_at >= %s AND occurred_at < %s",
        "SELECT customer_id, opened_at, resolved_at, escalated, satisfaction FROM support_ticket "
        "WHERE opened_at < %s",
        "SELECT customer_id, status, occurred_at FROM payment_transaction WHERE occurred_at < %s",
        "SELECT customer_id, expiry_year, expiry_month FROM payment_method WHERE created_at < %s",
        "SELECT s.customer_id, p.name, p.price, s.cancelled_at FROM subscription s "
        "JOIN plan p ON p.id = s.plan_id WHERE s.started_at < %s",
    ]
    params = [(), (now,), (window, now), (now,), (now,), (now,), (now,)]
    conn = raw_connection(url, cursorclass=pymysql.cursors.SSCursor)
    ids: list[int] = []
    rows = 0
    started = time.perf_counter()
    try:
        for k, (sql, args) in enumerate(zip(queries, params, strict=True)):
            with conn.cursor() as cur:
                cur.execute(sql, args)
                for row in cur.fetchall_unbuffered():
                    rows += 1
                    if k == 0:
                        ids.append(row[0])
    finally:
        conn.close()
    read = time.perf_counter() - started

    conn = raw_connection(url)
    started = time.perf_counter()
    try:
        with conn.cursor() as cur:
            cur.execute("DROP TABLE IF EXISTS bench_floor")
            cur.execute("CREATE TABLE bench_floor (id INT PRIMARY KEY, value DOUBLE)")
            for start in range(0, len(ids), 5000):
                batch = [(cid, 0.5) for cid in ids[start : start + 5000]]
                cur.executemany("INSERT INTO bench_floor (id, value) VALUES (%s, %s)", batch)
                conn.commit()
        write = time.perf_counter() - started
        with conn.cursor() as cur:
            cur.execute("DROP TABLE bench_floor")
    finally:
        conn.close()
    print(f"  floor read {rows:,} rows, wrote {len(ids):,} values")
    return read, write, len(ids)


def score_in_child(url: str, chunk_size: int, workers: int) -> dict[str, float]:
    cmd = [
        sys.executable,
        __file__,
        "--phase",
        "score",
        "--mysql",
        url,
        "--chunk-size",
        str(chunk_size),
        "--workers",
        str(workers),
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def score_phase(url: str, chunk_size: int, workers: int) -> None:
    """In the child: score every customer as `churnwatch score` does; print JSON figures."""
    from desktop.core.churn.scoring import score

    database, _ = connect(url)
    started = time.perf_counter()
    report = score(database, chunk_size=chunk_size, workers=workers)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "run": report.run_id,
                "scored": report.scored,
                "alerts": report.alerts,
                "elapsed": elapsed,
                "peak_mib": peak,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--mysql", default=os.environ.get("CHURNWATCH_BENCH_MYSQL", DEFAULT_URL))
    parser.add_argument("--chunk-size", type=int, default=2_000)
    # As `churnwatch score`. On this 2-core box the local MariaDB competes with the scorer
    # threads for the cores; compare with --workers 1.
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--phase", choices=["all", "score"], default="all", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "score":
        score_phase(args.mysql, args.chunk_size, args.workers)
        return 0

    prepare(args.mysql, args.customers)
    print("measuring the floor …", flush=True)
    read, write, eligible = floor(args.mysql)
    print(
        f"scoring {eligible:,} customers ({args.workers} worker(s), chunks of "
        f"{args.chunk_size:,}) …",
        flush=True,
    )
    figures = score_in_child(args.mysql, args.chunk_size, args.workers)
    base = read + write
    elapsed = figures["elapsed"]
    ratio = elapsed / base if base else float("inf")
    print()
    print(f"customers scored        {int(figures['scored']):>12,}   (run {int(figures['run'])}, "
          f"{int(figures['alerts']):,} alerts)")  # fmt: skip
    print(f"scoring end to end      {elapsed:>12.1f} s   {figures['scored'] / elapsed:>10,.0f} /s")
    print(f"floor: stream read      {read:>12.1f} s")
    print(f"floor: bulk write       {write:>12.1f} s")
    print(f"floor total             {base:>12.1f} s   {eligible / base:>10,.0f} /s")
    print(f"scoring / floor         {ratio:>12.2f} x   (goal ≤ {GOAL_RATIO:.0f}x: "
          f"{'met' if ratio <= GOAL_RATIO else 'NOT met'})")  # fmt: skip
    peak = figures["peak_mib"]
    print(f"scorer peak RSS         {peak:>12.0f} MiB (goal < {GOAL_MEMORY_MIB} MiB: "
          f"{'met' if peak < GOAL_MEMORY_MIB else 'NOT met'})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
