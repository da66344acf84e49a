"""Benchmark: exporting the customers list (every row, the default columns and order) to CSV and
XLSX, beside a raw `csv.writer` over a raw cursor running the same SQL in one go.

    .venv/bin/python tests/benchmarks/bench_export.py [--customers N] [--mysql URL] [--no-mysql]

N (default 120,000) synthetic customers are inserted into a temporary SQLite file and, when the
server answers, a scratch MariaDB database (default mysql://root@127.0.0.1:3306/
churnwatch_bench_export, dropped at the end). Each backend then runs, once each:

  raw csv     the engine's SQL for the whole list (`listing.fetch_select` without its limit),
              run on a DB-API cursor, `csv.writer.writerows` over the cursor: the floor
  export csv  `Services.export_list` to CSV: keyset batches, typed cells, temp file, audit row
  export xlsx the same to XLSX (openpyxl write-only mode)

and prints rows/s, the ratio to the raw floor, and the process's peak memory. Goal: CSV at
least half the raw rate; memory flat (the rows are never all held).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import peewee as pw
import pymysql

from db import models as m
from db.connection import connect, parse_url
from db.migrations import drop_all, init_db
from desktop.core.read import listing
from desktop.core.read.listing import ListQuery
from desktop.core.read.lists import SPECS
from desktop.core.services import Services

SPEC = SPECS["customers"]
CHUNK = 5_000
CSV_GOAL = 0.5  # of the raw rate


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(database: pw.Database, n: int) -> m.User:
    rng = random.Random(7)
    base = datetime(2024, 1, 1)
    with database.atomic():
        lead = m.User.create(username="lead", email="lead@staff.example", display_name="Lead",
                             role="supervisor", password_hash="x")  # fmt: skip
        for start in range(0, n, CHUNK):
            rows = []
            for i in range(start, min(n, start + CHUNK)):
                p = rng.random()
                rows.append({
                    "name": f"Customer {i:07d}", "email": f"c{i:07d}@shop.example",
                    "churn_probability": p, "risk_level": "HIGH" if p > 0.6 else "LOW",
                    "health_score": rng.randint(0, 100), "total_orders": rng.randint(0, 40),
                    "total_spent": Decimal(rng.randint(0, 500_000)) / 100,
                    "last_order_at": base + timedelta(minutes=rng.randint(0, 900_000)),
                    "customer_since": date(2020, 1, 1) + timedelta(days=rng.randint(0, 1500)),
                })  # fmt: skip
            m.Customer.insert_many(rows).execute()
    return lead


def raw_csv(database: pw.Database, path: Path) -> int:
    """The floor: the same SELECT, every row in one statement, written as it comes."""
    total = listing.count(SPEC, ListQuery())
    select, _reverse = listing.fetch_select(SPEC, ListQuery(), limit=total + 1)
    sql, params = select.sql()
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        cursor = database.execute_sql(sql, params)
        for row in cursor:
            writer.writerow(row)
            written += 1
    return written


def run(label: str, database: pw.Database, n: int, folder: Path) -> None:
    lead = fill(database, n)
    svc = Services(database, lead)
    print(f"\n{label}: {n:,} customers")
    timings: dict[str, tuple[int, float]] = {}
    for name, job in (
        ("raw csv", lambda: raw_csv(database, folder / "raw.csv")),
        ("export csv", lambda: svc.export_list(SPEC, ListQuery(), folder / "c.csv").rows),
        ("export xlsx", lambda: svc.export_list(SPEC, ListQuery(), folder / "c.xlsx",
                                                fmt="xlsx").rows),
    ):  # fmt: skip
        start = time.perf_counter()
        rows = job()
        timings[name] = (rows, time.perf_counter() - start)
    floor = timings["raw csv"][0] / timings["raw csv"][1]
    for name, (rows, seconds) in timings.items():
        rate = rows / seconds
        note = ""
        if name == "export csv":
            note = "  ok" if rate >= CSV_GOAL * floor else f"  BELOW the goal ({CSV_GOAL:.0%})"
        print(f"  {name:12s} {rows:>9,} rows {seconds:7.2f} s {rate:>10,.0f} rows/s "
              f"{rate / floor:5.2f}× raw{note}")  # fmt: skip
    print(f"  peak memory so far {peak_rss_mib():.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=120_000)
    parser.add_argument("--mysql", default="mysql://root@127.0.0.1:3306/churnwatch_bench_export")
    parser.add_argument("--no-mysql", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database, _ = connect(f"sqlite://{folder / 'bench.db'}", create=True)
        init_db(database)
        run("SQLite", database, args.customers, folder)
        database.close()
        if args.no_mysql:
            return
        url = parse_url(args.mysql)
        try:
            database, _ = connect(args.mysql, create=True)
        except Exception as exc:  # a missing server is reported, not a failure
            print(f"\nMariaDB skipped: {exc}")
            return
        try:
            drop_all(database)
            init_db(database)
            run("MariaDB", database, args.customers, folder)
        finally:
            database.close()
            password = url.password or os.environ.get("CHURNWATCH_DB_PASSWORD", "")
            conn = pymysql.connect(host=url.host, port=url.port, user=url.user, password=password)
            with conn.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{url.database}`")
            conn.close()


if __name__ == "__main__":
    main()
