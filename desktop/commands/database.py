"""Database subcommands: `init-db`, `demo` and `db-check`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import peewee as pw

from db.connection import DatabaseError, ping, server_version
from db.migrations import SCHEMA_VERSION, drop_all, init_db, refuse_newer, stored_version
from db.models import DATA_MODELS
from db.tasks import TaskState
from desktop.commands.common import ProgressPrinter, open_database, positive_int
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number

MAX_DEMO_CUSTOMERS = 5_000_000


def demo_customers(text: str) -> int:
    """argparse type: a demo size from 1 to `MAX_DEMO_CUSTOMERS` (beyond it the generator would
    run for hours and its history would not fit in memory)."""
    value = positive_int(text)
    if value > MAX_DEMO_CUSTOMERS:
        raise argparse.ArgumentTypeError(
            QT_TRANSLATE_NOOP("Commands", "at most {max_demo_customers} customers").format(
                max_demo_customers=Number(MAX_DEMO_CUSTOMERS)
            )
        )
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init-db", help="create the database schema, or upgrade it to this version")
    p.set_defaults(handler=cmd_init_db)

    p = sub.add_parser("demo", help="fill the database with a realistic, reproducible demo history")
    p.add_argument(
        "--customers",
        type=demo_customers,
        default=100,
        metavar="N",
        help=f"(default 100, at most {MAX_DEMO_CUSTOMERS:,})",
    )
    p.add_argument("--seed", type=int, default=42, metavar="S", help="random seed (default 42)")
    p.add_argument(
        "--reset", action="store_true", help="delete ALL data in the database first, then fill it"
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("db-check", help="backend, server and schema version, latency, row counts")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_db_check)


DDL_REFUSED = (1142, 1044)  # command denied on a table; access denied to a database
ADMIN_NEEDED = (
    "init-db needs an account that may CREATE and ALTER tables (the administrator's); "
    "the application account cannot"
)


@contextmanager
def schema_changes(what: str = ADMIN_NEEDED) -> Iterator[None]:
    """Turn the server's refusal of DDL (the application account's) into one line naming the
    account that is needed."""
    try:
        yield
    except pw.DatabaseError as exc:
        seen: BaseException | None = exc
        while seen is not None:
            args = [a for a in seen.args if isinstance(a, int | BaseException)][:2]
            if any(isinstance(a, int) and a in DDL_REFUSED for a in args):
                raise DatabaseError(what) from None
            nested = next((a for a in args if isinstance(a, BaseException)), None)
            seen = nested or seen.__cause__ or seen.__context__
        raise


def cmd_init_db(args: argparse.Namespace) -> int:
    database, url = open_database(args, create=True, check=False)
    with schema_changes():
        result = init_db(database)
    if result.created:
        print(f"Created schema version {result.to_version} in {url}")
    elif result.from_version == result.to_version:
        print(f"{url} is already at schema version {result.to_version}")
    else:
        print(f"Upgraded {url} from schema {result.from_version} to {result.to_version}")
        if result.backup:
            print(f"Backup of the previous file: {result.backup}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from db import demo

    database, url = open_database(args, create=True, check=False)
    if args.reset:
        refuse_newer(database)  # its tables may not be the ones this version knows to drop
        print(f"Deleting all data in {url} …", file=sys.stderr)
        with schema_changes(ADMIN_NEEDED.replace("init-db", "demo --reset")):
            drop_all(database)
    with schema_changes():
        init_db(database)
    existing = demo.customer_count(database)
    if existing:
        print(
            f"{url} already holds {existing:,} customers; nothing added "
            "(use --reset to delete everything and start over)."
        )
        return 0
    state = TaskState(on_progress=ProgressPrinter())
    summary = demo.generate_demo(database, customers=args.customers, seed=args.seed, state=state)
    total = sum(summary.rows.values())
    rate = total / summary.elapsed if summary.elapsed else 0
    print(f"Demo data in {url}: {total:,} rows in {summary.elapsed:.1f} s ({rate:,.0f} rows/s)")
    for table, count in summary.rows.items():
        print(f"  {table:<28} {count:>12,}")
    print("Sign in with (username / password, role):")
    for username, password, role in summary.credentials:
        print(f"  {username} / {password}  ({role})")
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    database, url = open_database(args, check=False)
    latency = min(ping(database) for _ in range(3))
    version = stored_version(database)
    counts: dict[str, int | None] = {}
    for model in DATA_MODELS:
        table = model._meta.table_name
        counts[table] = model.select().count() if database.table_exists(table) else None
    report: dict[str, Any] = {
        "url": str(url),
        "backend": url.backend,
        "server_version": server_version(database),
        "schema_version": version,
        "code_schema_version": SCHEMA_VERSION,
        "schema_ok": version == SCHEMA_VERSION,
        "latency_ms": round(latency, 3),
        "row_counts": counts,
        "checked_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"Database:       {report['url']}")
        print(f"Backend:        {report['backend']} ({report['server_version']})")
        state = "current" if report["schema_ok"] else f"code expects {SCHEMA_VERSION}"
        print(f"Schema version: {version} ({state if version else 'not initialised'})")
        print(f"Latency:        {latency:.2f} ms")
        print("Rows:")
        for table, count in counts.items():
            print(f"  {table:<28} {'-' if count is None else f'{count:>12,}'}")
    if version > SCHEMA_VERSION:
        print(
            f"churnwatch: error: the database's schema ({version}) is newer than this ChurnWatch "
            f"({SCHEMA_VERSION}); upgrade ChurnWatch",
            file=sys.stderr,
        )
        return 2
    return 0 if version == SCHEMA_VERSION else 1
