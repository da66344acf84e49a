"""Benchmark: browsing the customers table on MariaDB, beside raw PyMySQL running the same SQL.

    .venv/bin/python tests/benchmarks/bench_browse.py [--customers N] [--mysql URL] [--repeat R]

The database (default mysql://root@127.0.0.1:3306/churnwatch_browse) is filled with N demo
customers if it is empty (N defaults to 1,000,000; the demo writes about 1,000 customers/s, so
fill it once beforehand with `churnwatch --db URL demo --customers N` and reuse it). Demo customers
carry no churn estimate until a model scores them; if no customer has one, every customer gets a
synthetic, deterministic probability (and its risk level) so the probability sort and the CRITICAL
filter have something to work on; the script says when it does this. A scored database is used as
it is (the script writes nothing to it).

Each scenario runs what the customers table runs (the list queries in `desktop.core.read.listing`,
through Peewee) and then the same SQL text through a plain PyMySQL cursor, R times each after one
warm-up, and prints the medians:

  first rows     the first page in the default order (churn probability, highest first)
  count          the matching count (runs beside the first page in the window)
  sort           the first page sorted by churn probability ascending, and the next page by keyset
  filter         risk level CRITICAL: count and first page
  jump to last   the last page (reverse order, no OFFSET)
  search         email words ("sofia.jones.9999") and start ("sofia.jones.99999@exa"), a
                 surname ("okafor"), a first name ("Camila"), two word starts ("Camila N"),
                 two words few customers have ("okafor leo"), one letter ("s"), nothing found:
                 any word of a name or email by its start, through the words table
                 (db.search); count and first page; a first name sorted by name: first, next
                 and last page. Raw SQL runs the same statements, the plan's estimate included
  number         an order number by its digits on the Customers page ("3", "ord-3",
                 "ORD-0000003") and a ticket number on the Tickets page ("3", "T-000003")
  name           the first page sorted by name, the next page by keyset, the last page
  date range     customers who joined in a 30-day window (the "Custom range…" filter)
  model          the Qt table model (offscreen): set a query until its first rows are shown, and a
                 jump to the last row until it is shown, including the hop to the worker thread

Goals: each under 300 ms, jump and search under 100 ms, the process's peak memory under 400 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import peewee as pw
import pymysql

from db import demo
from db import models as m
from db.connection import connect, parse_url
from db.migrations import init_db
from db.tasks import TaskState
from desktop.core.read import listing, lists
from desktop.core.read.listing import ListQuery

CUSTOMERS = lists.SPECS["customers"]
TICKETS = lists.SPECS["tickets"]
GOAL_MS = 300.0
FAST_GOAL_MS = 100.0
MEMORY_GOAL_MIB = 400.0
FILL_CHUNK = 50_000


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time in ms over `repeat` runs, after one warm-up run."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def ensure_data(url: str, customers: int) -> Any:
    database, _ = connect(url, create=True)
    init_db(database)
    have = demo.customer_count(database)
    if have == 0:
        from desktop.commands.common import ProgressPrinter

        print(f"Filling with {customers:,} demo customers (about {customers / 1000:.0f} s)…")
        demo.generate_demo(
            database, customers=customers, state=TaskState(on_progress=ProgressPrinter())
        )
    elif have != customers:
        print(f"Note: the database holds {have:,} customers (asked for {customers:,}); using it.")
    scored = m.Customer.select().where(m.Customer.churn_probability.is_null(False)).exists()
    if scored:
        # A model scored the customers (churned accounts are not scored): use its estimates,
        # and write nothing.
        return database
    missing = m.Customer.select().where(m.Customer.churn_probability.is_null()).count()
    if missing:
        print(f"Giving {missing:,} unscored customers a synthetic churn probability…")
        last = m.Customer.select(pw.fn.MAX(m.Customer.id)).scalar() or 0
        for start in range(0, last + 1, FILL_CHUNK):
            with database.atomic():
                database.execute_sql(
                    "UPDATE customer SET"
                    " churn_probability = POW(MOD(id * 7919, 10007) / 10007.0, 2),"
                    " risk_level = CASE"
                    "  WHEN POW(MOD(id * 7919, 10007) / 10007.0, 2) >= 0.8 THEN 'CRITICAL'"
                    "  WHEN POW(MOD(id * 7919, 10007) / 10007.0, 2) >= 0.6 THEN 'HIGH'"
                    "  WHEN POW(MOD(id * 7919, 10007) / 10007.0, 2) >= 0.4 THEN 'MEDIUM'"
                    "  ELSE 'LOW' END"
                    " WHERE id >= %s AND id < %s AND churn_probability IS NULL",
                    (start, start + FILL_CHUNK),
                )
        database.execute_sql("ANALYZE TABLE customer")
    return database


def raw_connection(url: str) -> pymysql.connections.Connection:
    parsed = parse_url(url)
    return pymysql.connect(
        host=parsed.host, port=parsed.port, user=parsed.user, password=parsed.password or "",
        database=parsed.database, charset="utf8mb4", autocommit=True,
    )  # fmt: skip


def raw_runner(conn: Any, select: Any) -> Callable[[], Any]:
    sql, params = select.sql()

    def run() -> Any:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    return run


def plan_statements(spec: listing.ListSpec, query: ListQuery) -> list[Any]:
    """What a page of a word search runs before its SELECT: the estimate that picks the plan
    (a capped count per word, see lists.FEW_MATCHES)."""
    if not isinstance(spec, lists.CustomerList) or spec.conditions(query, None, for_count=True):
        return []
    words = spec.word_search(query)
    return [lists.estimate_select(words)] if words else []


def scenario_rows(
    name: str,
    query: ListQuery,
    repeat: int,
    conn: Any,
    spec: listing.ListSpec = CUSTOMERS,
    **fetch_args: Any,
) -> tuple[str, float, float]:
    select, _ = listing.fetch_select(spec, query, **fetch_args)
    runners = [raw_runner(conn, s) for s in (*plan_statements(spec, query), select)]
    ours = timed(lambda: listing.fetch(spec, query, **fetch_args), repeat)
    raw = timed(lambda: [run() for run in runners], repeat)
    return name, ours, raw


def scenario_count(
    name: str, query: ListQuery, repeat: int, conn: Any, spec: listing.ListSpec = CUSTOMERS
) -> tuple[str, float, float]:
    ours = timed(lambda: listing.count(spec, query), repeat)
    runners = [raw_runner(conn, s) for _sign, s in listing.count_selects(spec, query)]
    raw = timed(lambda: [run() for run in runners], repeat)
    return name, ours, raw


def search_scenarios(
    name: str, text: str, repeat: int, conn: Any, spec: listing.ListSpec = CUSTOMERS
) -> list[tuple[str, float, float]]:
    query = ListQuery(search=text, sort=spec.default_sort)
    found = listing.count(spec, query)
    print(f"  {name}: {found:,} {spec.noun[0] if found == 1 else spec.noun[1]}")
    return [
        scenario_rows(f"{name}: rows", query, repeat, conn, spec),
        scenario_count(f"{name}: count", query, repeat, conn, spec),
    ]


def model_figures(repeat: int) -> tuple[float, float]:
    """Through the Qt table model: query set → first rows shown; jump → last row shown."""
    from PySide6.QtCore import QCoreApplication

    from desktop.ui import workers
    from desktop.ui.widgets.table_model import LazyTableModel

    app = QCoreApplication.instance() or QCoreApplication([])
    email = [c.key for c in CUSTOMERS.columns].index("email")

    def spin_until(check: Callable[[], bool]) -> None:
        while not check():
            app.processEvents()
            time.sleep(0.001)

    first_times, jump_times = [], []
    for _ in range(repeat + 1):
        model = LazyTableModel(CUSTOMERS)
        start = time.perf_counter()
        model.set_query(ListQuery(sort=CUSTOMERS.default_sort))
        spin_until(lambda m=model: m.rowCount() > 0 and m.row(0) is not None)
        first_times.append((time.perf_counter() - start) * 1000)
        spin_until(lambda m=model: m.counted)
        last = model.rowCount() - 1
        start = time.perf_counter()
        model.data(model.index(last, email))
        spin_until(lambda m=model, last=last: m.row(last) is not None)
        jump_times.append((time.perf_counter() - start) * 1000)
        workers.wait_idle()
    return statistics.median(first_times[1:]), statistics.median(jump_times[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mysql", default="mysql://root@127.0.0.1:3306/churnwatch_browse")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    ensure_data(args.mysql, args.customers)
    conn = raw_connection(args.mysql)
    total = listing.count(CUSTOMERS, ListQuery())
    sample_email = m.Customer.select(m.Customer.email).order_by(m.Customer.id.desc()).scalar()
    prefix = sample_email.split("@")[0][:-1]  # e.g. "sofia.jones.99999" minus its last digit
    email_start = sample_email[: sample_email.index("@") + 4]  # "sofia.jones.999999@exa"
    default = ListQuery(sort=CUSTOMERS.default_sort)
    by_prob_asc = ListQuery(sort=(("churn_probability", False),))
    critical = ListQuery(filters={"risk_level": ["CRITICAL"]}, sort=CUSTOMERS.default_sort)
    search = ListQuery(search=prefix, sort=CUSTOMERS.default_sort)
    first_sorted = listing.fetch(CUSTOMERS, by_prob_asc)
    by_name = ListQuery(sort=(("name", False),))
    first_by_name = listing.fetch(CUSTOMERS, by_name)
    sample_name = m.Customer.select(m.Customer.name).order_by(m.Customer.id.desc()).scalar()
    first_word = sample_name.split()[0]  # e.g. "Camila": a broad name start (a UNION)
    full_name = f"{first_word} {sample_name.split()[-1][:1]}"  # "Camila N": a narrow one
    word_by_name = ListQuery(search=first_word, sort=(("name", False),))
    first_word_page = listing.fetch(CUSTOMERS, word_by_name)
    newest = m.Customer.select(pw.fn.MAX(m.Customer.customer_since)).scalar()
    month = ListQuery(
        filters={"date_from": newest - timedelta(days=60), "date_to": newest - timedelta(days=30)},
        sort=CUSTOMERS.default_sort,
    )

    print(f"Customers: {total:,} (MariaDB at {parse_url(args.mysql).host}); page size "
          f"{listing.PAGE_SIZE}; medians of {args.repeat} runs")  # fmt: skip
    rows: list[tuple[str, float, float]] = [
        scenario_rows("first rows (churn desc)", default, args.repeat, conn),
        scenario_count("count (all customers)", default, args.repeat, conn),
        scenario_rows("sort by churn ascending", by_prob_asc, args.repeat, conn),
        scenario_rows(
            "  next page by keyset", by_prob_asc, args.repeat, conn, after=first_sorted[-1].key
        ),
        scenario_rows("filter CRITICAL: first rows", critical, args.repeat, conn),
        scenario_count("filter CRITICAL: count", critical, args.repeat, conn),
        scenario_rows("jump to the last row", default, args.repeat, conn, from_end=True),
        scenario_rows(f"search email words '{prefix}': rows", search, args.repeat, conn),
        scenario_count("search email words: count", search, args.repeat, conn),
        *search_scenarios(f"search email start '{email_start}'", email_start, args.repeat, conn),
        *search_scenarios("search surname 'okafor'", "okafor", args.repeat, conn),
        *search_scenarios(f"search word '{first_word}'", first_word, args.repeat, conn),
        *search_scenarios(f"search words '{full_name}'", full_name, args.repeat, conn),
        *search_scenarios("search words 'okafor leo' (few)", "okafor leo", args.repeat, conn),
        *search_scenarios("search one letter 's'", "s", args.repeat, conn),
        scenario_rows(f"search word '{first_word}' by name", word_by_name, args.repeat, conn),
        scenario_rows(
            "  next page by keyset", word_by_name, args.repeat, conn, after=first_word_page[-1].key
        ),
        scenario_rows("  jump to the last row", word_by_name, args.repeat, conn, from_end=True),
        *search_scenarios("search nothing found 'zzq'", "zzq", args.repeat, conn),
        *search_scenarios("search order '3'", "3", args.repeat, conn),
        *search_scenarios("search order 'ord-3'", "ord-3", args.repeat, conn),
        *search_scenarios("search order 'ORD-0000003'", "ORD-0000003", args.repeat, conn),
        *search_scenarios("search ticket '3' (Tickets)", "3", args.repeat, conn, TICKETS),
        *search_scenarios(
            "search ticket 'T-000003' (Tickets)", "T-000003", args.repeat, conn, TICKETS
        ),
        scenario_rows("sort by name", by_name, args.repeat, conn),
        scenario_rows(
            "  next page by keyset", by_name, args.repeat, conn, after=first_by_name[-1].key
        ),
        scenario_rows("  jump to the last row", by_name, args.repeat, conn, from_end=True),
        scenario_rows("custom date range: first rows", month, args.repeat, conn),
        scenario_count("custom date range: count", month, args.repeat, conn),
    ]
    goals = {
        "jump to the last row": FAST_GOAL_MS,
        "  jump to the last row": FAST_GOAL_MS,
    }
    failures = 0
    print(f"{'scenario':<44} {'ChurnWatch':>11} {'raw PyMySQL':>12} {'goal':>8}")
    for name, ours, raw in rows:
        goal = goals.get(name, FAST_GOAL_MS if name.startswith("search") else GOAL_MS)
        ok = ours <= goal
        failures += not ok
        print(f"{name:<44} {ours:>8.1f} ms {raw:>9.1f} ms {goal:>5.0f} ms {'ok' if ok else 'MISS'}")
    first_ms, jump_ms = model_figures(args.repeat)
    for name, value, goal in (
        ("table model: first rows shown", first_ms, GOAL_MS),
        ("table model: last row shown", jump_ms, FAST_GOAL_MS),
    ):
        ok = value <= goal
        failures += not ok
        print(f"{name:<44} {value:>8.1f} ms {'':>12} {goal:>5.0f} ms {'ok' if ok else 'MISS'}")
    # The plan the date range had before `CustomerList.date_window_page`: the range's own
    # index, a row read for each customer in it, then sorted. Raw, beside the rows above.
    walk = lists.CustomerList.date_window_page
    lists.CustomerList.date_window_page = lambda *_args: None  # type: ignore[method-assign]
    try:
        before, _ = listing.fetch_select(CUSTOMERS, month)
        before_ms = timed(raw_runner(conn, before), args.repeat)
    finally:
        lists.CustomerList.date_window_page = walk  # type: ignore[method-assign]
    print(f"{'custom date range, the plan before (raw)':<44} {'':>11} {before_ms:>9.1f} ms")
    peak = peak_rss_mib()
    ok = peak <= MEMORY_GOAL_MIB
    failures += not ok
    print(f"{'peak memory (RSS)':<44} {peak:>8.0f} MiB {'':>11} {MEMORY_GOAL_MIB:>5.0f} MiB "
          f"{'ok' if ok else 'MISS'}")  # fmt: skip
    conn.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
