"""Benchmark: `churnwatch demo` rows/s on MariaDB beside raw PyMySQL executemany of the same rows.

    .venv/bin/python tests/benchmarks/bench_demo_data.py [--customers N] [--mysql URL]

Three scratch databases get the current schema. The demo (generation and writing, as the CLI runs
it) fills the first with N/4 customers and the second with N; then the same N customers' rows,
generated beforehand and held in memory, go into the third with plain PyMySQL `executemany`, one
transaction per table batch. The goal: demo rows/s at least half the raw rate. The peak RSS after
the N/4 and the N demo shows that memory stays flat. The scratch databases are dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

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
    import peewee as pw

    mysql = pw.MySQLDatabase(None)  # only for the SQL text: quoting and %s placeholders
    sql = {model: insert_sql(mysql, model, columns) for model, columns in demo.COLUMNS.items()}
    rows = 0
    try:
        start = time.perf_counter()
        with conn.cursor() as cur:
            for batches in units:
                for batch in batches:
                    if batch.rows:
                        conn.begin()
                        cur.executemany(sql[batch.model], batch.rows)
                        conn.commit()
                        rows += len(batch.rows)
        elapsed = time.perf_counter() - start
    finally:
        conn.close()
    return rows, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--mysql", default=os.environ.get("CHURNWATCH_TEST_MYSQL", "mysql://root@127.0.0.1:3306")
    )
    args = parser.parse_args()
    n = args.customers
    today = datetime.now(UTC)
    tag = f"{os.getpid()}"
    names = [f"cw_bench_demo_small_{tag}", f"cw_bench_demo_{tag}", f"cw_bench_raw_{tag}"]
    try:
        small_url, demo_url, raw_url = (scratch(args.mysql, name) for name in names)
        rss_start = peak_rss_mib()
        small_rows, small_s = run_demo(small_url, max(n // 4, 1), args.seed, today)
        rss_small = peak_rss_mib()
        demo_rows, demo_s = run_demo(demo_url, n, args.seed, today)
        rss_demo = peak_rss_mib()
        raw_rows, raw_s = run_raw(raw_url, n, args.seed, today)
        rss_end = peak_rss_mib()
    finally:
        drop(args.mysql, names)

    assert demo_rows == raw_rows, (demo_rows, raw_rows)
    demo_rate, raw_rate = demo_rows / demo_s, raw_rows / raw_s
    ratio = demo_rate / raw_rate
    print(f"MariaDB demo benchmark: {n:,} customers, seed {args.seed}")
    print(f"  demo {max(n // 4, 1):>9,} customers: {small_rows:>10,} rows in {small_s:7.2f} s "
          f"= {small_rows / small_s:>9,.0f} rows/s")  # fmt: skip
    print(f"  demo {n:>9,} customers: {demo_rows:>10,} rows in {demo_s:7.2f} s "
          f"= {demo_rate:>9,.0f} rows/s")  # fmt: skip
    print(f"  raw PyMySQL executemany: {raw_rows:>10,} rows in {raw_s:7.2f} s "
          f"= {raw_rate:>9,.0f} rows/s")  # fmt: skip
    print(
        f"  ratio demo/raw: {ratio:.2f} (goal >= {GOAL})  {'OK' if ratio >= GOAL else 'BELOW GOAL'}"
    )
    print(f"  peak RSS: start {rss_start:.0f} MiB, after demo N/4 {rss_small:.0f} MiB, "
          f"after demo N {rss_demo:.0f} MiB (growth {rss_demo - rss_small:+.0f} MiB), "
          f"after raw with all rows in memory {rss_end:.0f} MiB")  # fmt: skip
    return 0 if ratio >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
