"""Benchmark: `churnwatch demo` rows/s on MariaDB beside raw PyMySQL executemany of the same rows.

    .venv/bin/python tests/benchmarks/bench_demo_data.py [--customers N] [--mysql URL]

Three scratch databases get the current schema. The demo (generation and writing, as the CLI runs
it) fills the first with N/4 customers and the second with N; then the same N customers' rows,
generated beforehand and held in memory, go into the third with plain PyMySQL `executemany`, in
the same transactions as the demo (one per chunk of customers, each table's rows one batch). The
goal: demo rows/s at least half the raw rate. The peak RSS after the N/4 and the N demo shows that
memory stays flat. The scratch databases are dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import peewee as pw
import pymysql

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import demo
from db.bulk import insert_sql
from db.connection import connect, parse_url
from db.migrations import init_db

GOAL = 0.5


def peak_rss_mib() -> float:
    """The process's peak resident set so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scratch(base: str, name: str) -> str:
    url = f"{base.rstrip('/')}/{name}"
    database, _ = connect(url, create=True)
    init_db(database)
    database.close()
    return url


def drop(base: str, names: list[str]) -> None:
    url = parse_url(base.rstrip("/") + "/mysql")
    conn = pymysql.connect(host=url.host, port=url.port, user=url.user, password=url.password or "")
    try:
        with conn.cursor() as cur:
            for name in names:
                cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    finally:
        conn.close()


def run_demo(url: str, customers: int, seed: int, today: datetime) -> tuple[int, float]:
    database, _ = connect(url)
    try:
        summary = demo.generate_demo(database, customers=customers, seed=seed, today=today.date())
    finally:
        database.close()
    return sum(summary.rows.values()), summary.elapsed


def run_raw(url: str, customers: int, seed: int, today: datetime) -> tuple[int, float]:
    """The floor: the same rows, already made, through bare PyMySQL executemany."""
    generator = demo.DemoGenerator(customers, seed, today.date())
    units = [batches for _, batches in generator.batches(demo.DEFAULT_CHUNK)]
    parsed = parse_url(url)
    conn = pymysql.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.user,
        password=parsed.password or "",
        database=parsed.database,
        charset="utf8mb4",
        autocommit=False,
    )
    mysql = pw.MySQLDatabase(None)  # only for the SQL text: quoting and %s placeholders
    sql = {model: insert_sql(mysql, model, columns) for model, columns in demo.COLUMNS.items()}
    rows = 0
    try:
        start = time.perf_counter()
        with conn.cursor() as cur:
            for batches in units:  # one transaction per chunk, as the demo commits
                conn.begin()
                for batch in batches:
                    if batch.rows:
                        cur.executemany(sql[batch.model], batch.rows)
                        rows += len(batch.rows)
                conn.commit()
        elapsed = time.perf_counter() - start
    finally:
        conn.close()
    return rows, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rounds", type=int, default=2, help="alternating demo/raw runs")
    parser.add_argument(
        "--mysql", default=os.environ.get("CHURNWATCH_TEST_MYSQL", "mysql://root@127.0.0.1:3306")
    )
    args = parser.parse_args()
    n, small = args.customers, max(args.customers // 4, 1)
    today = datetime.now(UTC)
    names: list[str] = []

    def fresh(kind: str) -> str:
        name = f"cw_bench_{kind}_{os.getpid()}_{len(names)}"
        names.append(name)
        return scratch(args.mysql, name)

    def timed(
        run: Callable[..., tuple[int, float]], kind: str, customers: int
    ) -> tuple[int, float]:
        url = fresh(kind)
        try:
            return run(url, customers, args.seed, today)
        finally:
            drop(args.mysql, [names[-1]])

    demo_runs: list[tuple[int, float]] = []
    raw_runs: list[tuple[int, float]] = []
    try:
        rss_start = peak_rss_mib()
        small_rows, small_s = timed(run_demo, "demo", small)
        rss_small = peak_rss_mib()
        # The demo's memory is measured before the raw runs hold every row in memory.
        demo_runs.append(timed(run_demo, "demo", n))
        rss_demo = peak_rss_mib()
        raw_runs.append(timed(run_raw, "raw", n))
        for _ in range(args.rounds - 1):
            demo_runs.append(timed(run_demo, "demo", n))
            raw_runs.append(timed(run_raw, "raw", n))
        rss_end = peak_rss_mib()
    finally:
        drop(args.mysql, names)

    rows = demo_runs[0][0]
    assert all(r == rows for r, _ in demo_runs + raw_runs), (demo_runs, raw_runs)
    demo_s = min(s for _, s in demo_runs)
    raw_s = min(s for _, s in raw_runs)
    demo_rate, raw_rate = rows / demo_s, rows / raw_s
    ratio = demo_rate / raw_rate
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"MariaDB demo benchmark: {n:,} customers, seed {args.seed}, best of {args.rounds} "
          f"alternating runs (load average now {load})")  # fmt: skip
    print(f"  demo {small:>9,} customers: {small_rows:>10,} rows in {small_s:7.2f} s "
          f"= {small_rows / small_s:>9,.0f} rows/s")  # fmt: skip
    demo_all = ", ".join(f"{s:.2f}" for _, s in demo_runs)
    raw_all = ", ".join(f"{s:.2f}" for _, s in raw_runs)
    print(f"  demo {n:>9,} customers: {rows:>10,} rows in {demo_s:7.2f} s "
          f"= {demo_rate:>9,.0f} rows/s   (runs: {demo_all} s)")  # fmt: skip
    print(f"  raw PyMySQL executemany: {rows:>10,} rows in {raw_s:7.2f} s "
          f"= {raw_rate:>9,.0f} rows/s   (runs: {raw_all} s)")  # fmt: skip
    print(
        f"  ratio demo/raw: {ratio:.2f} (goal >= {GOAL})  {'OK' if ratio >= GOAL else 'BELOW GOAL'}"
    )
    print(f"  peak RSS: start {rss_start:.0f} MiB, after demo N/4 {rss_small:.0f} MiB, "
          f"after demo N {rss_demo:.0f} MiB (growth {rss_demo - rss_small:+.0f} MiB), "
          f"at the end, raw rows held in memory {rss_end:.0f} MiB")  # fmt: skip
    return 0 if ratio >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
