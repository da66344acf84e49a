"""Benchmark: `churnwatch import orders` rows/s beside raw `executemany` of the same rows.

    .venv/bin/python tests/benchmarks/bench_import.py [--rows N] [--mysql URL] [--backend B]

A CSV file of N order rows (one order a row: id, customer id, date, status, amount, currency;
one customer per ten orders) is written to a temporary directory. For each backend, scratch
databases get the current schema and the same customers (inserted raw, not timed). The import
(reading, detecting, converting, checking, resolving the customers, writing, recomputing the
customer summaries, the audit row; all or nothing, as the CLI's default) fills one; the same rows,
converted beforehand and held in memory, go into another with plain `executemany` of one
prepared INSERT (PyMySQL, sqlite3) in batches of the import's size, in one transaction. Goals:
on MariaDB at least half the raw rate, on SQLite at least the raw rate. An import of N/10 rows
runs first: the peak RSS after it and after the N-row import shows whether memory stays flat.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import pymysql

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import models as m
from db.bulk import insert_sql
from db.connection import connect, parse_url
from db.migrations import init_db
from desktop.core import imports
from desktop.core.imports import runner
from desktop.core.services.imports import run_import

GOALS = {"mysql": 0.5, "sqlite": 1.0}
ORDER_COLUMNS = ("external_id", "order_number", "customer", "status", "subtotal", "discount",
                 "shipping", "total", "currency", "payment_status", "placed_at", "created_at",
                 "updated_at")  # fmt: skip
STATUSES = ("delivered", "paid", "shipped", "cancelled", "refunded")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_csv(path: Path, rows: int, customers: int, seed: int) -> None:
    rng = random.Random(seed)
    start = datetime(2019, 1, 1)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("OrderID,CustomerID,Order Date,Status,Amount,Currency\n")
        for i in range(rows):
            when = start + timedelta(seconds=rng.randrange(5 * 365 * 86400))
            handle.write(
                f"{seed}-{i},C{rng.randrange(customers)},{when:%Y-%m-%d %H:%M:%S},"
                f"{rng.choice(STATUSES)},{rng.randrange(100, 50_000) / 100:.2f},EUR\n"
            )


def raw_rows(path: Path, customer_ids: dict[str, int]) -> list[tuple[object, ...]]:
    """The file's rows as the driver takes them, converted beforehand (not timed)."""
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    out = []
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            ext, cust, when, status, amount, currency = line.rstrip("\n").split(",")
            out.append((ext, ext, customer_ids[cust], status, amount, "0", "0", amount, currency,
                        "pending", when, now, now))  # fmt: skip
    return out


def fresh(url: str) -> None:
    database, _ = connect(url, create=True)
    from db.migrations import drop_all

    drop_all(database)
    init_db(database)
    database.close()


def add_customers(url: str, customers: int) -> dict[str, int]:
    database, _ = connect(url)
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    cols = ("external_id", "name", "email", "customer_since", "account_status", "total_orders",
            "total_spent", "average_order_value", "email_engagement_rate", "logins_30d",
            "support_tickets", "returns_count", "payment_failures", "discount_usage",
            "loyalty_points", "account_value", "version", "created_at", "updated_at")  # fmt: skip
    rows = [(f"C{i}", f"Customer {i}", f"c{i}@example.com", "2018-01-01", "active", 0, 0, 0, 0.0,
             0, 0, 0, 0, 0.0, 0, 1, 1, now, now) for i in range(customers)]  # fmt: skip
    sql = insert_sql(database.obj if hasattr(database, "obj") else database, m.Customer, cols)
    with database.atomic():
        cursor = database.cursor()
        for s in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[s : s + 5000])
    ids = dict(m.Customer.select(m.Customer.external_id, m.Customer.id).tuples())
    database.close()
    return ids


def timed_import(url: str, path: Path) -> tuple[float, int]:
    database, _ = connect(url)
    plan = imports.prepare("orders", path)
    started = time.perf_counter()
    report = run_import(database, None, plan)
    seconds = time.perf_counter() - started
    assert report.written and report.inserted == report.read, report.problems
    database.close()
    return seconds, report.inserted


def timed_raw(url: str, rows: list[tuple[object, ...]]) -> float:
    database, parsed = connect(url)
    sql = insert_sql(database.obj if hasattr(database, "obj") else database, m.Order,
                     ORDER_COLUMNS)  # fmt: skip
    # The peer's connection is set up as the app's is (WAL, foreign keys, cache, synchronous).
    pragmas = list(getattr(getattr(database, "obj", database), "_pragmas", ()))
    database.close()
    if parsed.backend == "mysql":
        conn = pymysql.connect(
            host=parsed.host,
            port=parsed.port,
            user=parsed.user,
            password=parsed.password or "",
            database=parsed.database,
        )
        started = time.perf_counter()
        with conn.cursor() as cur:
            for s in range(0, len(rows), runner.BATCH):
                cur.executemany(sql, rows[s : s + runner.BATCH])
        conn.commit()
        seconds = time.perf_counter() - started
        conn.close()
        return seconds
    conn = sqlite3.connect(str(parsed.path))
    for name, value in pragmas or [("journal_mode", "wal"), ("foreign_keys", 1)]:
        conn.execute(f"PRAGMA {name}={value}")
    started = time.perf_counter()
    with conn:
        for s in range(0, len(rows), runner.BATCH):
            conn.executemany(sql, rows[s : s + runner.BATCH])
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def bench(backend: str, base: str, folder: Path, rows: int, small: Path, big: Path) -> None:
    customers = max(rows // 10, 1)
    urls = [f"{base}/cw_bench_import_{name}" if backend == "mysql" else
            f"sqlite:///{folder}/{name}.db" for name in ("small", "import", "raw")]  # fmt: skip
    for url in urls:
        fresh(url)
    ids = {url: add_customers(url, customers) for url in urls}
    print(f"\n{backend}: {rows:,} order rows, {customers:,} customers")
    t_small, n_small = timed_import(urls[0], small)
    rss_small = peak_rss_mib()
    t_big, n_big = timed_import(urls[1], big)
    rss_big = peak_rss_mib()
    raw = raw_rows(big, ids[urls[2]])
    t_raw = timed_raw(urls[2], raw)
    rate, raw_rate = n_big / t_big, len(raw) / t_raw
    goal = GOALS[backend]
    print(f"  import  {n_small:>10,} rows {t_small:7.1f} s  {n_small / t_small:>9,.0f} rows/s"
          f"  peak RSS {rss_small:6.0f} MiB")  # fmt: skip
    print(f"  import  {n_big:>10,} rows {t_big:7.1f} s  {rate:>9,.0f} rows/s"
          f"  peak RSS {rss_big:6.0f} MiB")  # fmt: skip
    print(f"  raw executemany      {t_raw:7.1f} s  {raw_rate:>9,.0f} rows/s")
    verdict = "meets" if rate / raw_rate >= goal else "MISSES"
    print(f"  ratio import/raw {rate / raw_rate:.2f} (goal ≥ {goal}: {verdict})")
    if backend == "mysql":
        conn = pymysql.connect(host=parse_url(base + "/x").host, port=parse_url(base + "/x").port,
                               user=parse_url(base + "/x").user)  # fmt: skip
        with conn.cursor() as cur:
            for name in ("small", "import", "raw"):
                cur.execute(f"DROP DATABASE IF EXISTS `cw_bench_import_{name}`")
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--mysql", default=os.environ.get("CHURNWATCH_TEST_MYSQL", "mysql://root@127.0.0.1:3306")
    )
    parser.add_argument("--backend", choices=("both", "sqlite", "mysql"), default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cw-bench-import-") as tmp:
        folder = Path(tmp)
        small, big = folder / "small.csv", folder / "orders.csv"
        customers = max(args.rows // 10, 1)
        write_csv(small, args.rows // 10, customers, 1)
        write_csv(big, args.rows, customers, 2)
        print(f"CSV: {big.stat().st_size / 2**20:.0f} MiB, {args.rows:,} rows")
        for backend in ("sqlite", "mysql"):
            if args.backend in ("both", backend):
                bench(backend, args.mysql.rstrip("/"), folder, args.rows, small, big)


if __name__ == "__main__":
    main()
