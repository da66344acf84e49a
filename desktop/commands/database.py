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
from desktop.commands.common import (
    ProgressPrinter,
    error,
    number,
    open_database,
    positive_int,
    say,
    text_of,
    type_error,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number

MAX_DEMO_CUSTOMERS = 5_000_000


def demo_customers(text: str) -> int:
    """argparse type: a demo size from 1 to `MAX_DEMO_CUSTOMERS` (beyond it the generator would
    run for hours and its history would not fit in memory)."""
    value = positive_int(text)
    if value > MAX_DEMO_CUSTOMERS:
        raise type_error(
            QT_TRANSLATE_NOOP("Commands", "at most {max_demo_customers} customers").format(
                max_demo_customers=Number(MAX_DEMO_CUSTOMERS)
            )
        )
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "init-db",
        help=QT_TRANSLATE_NOOP(
            "Commands", "create the database schema, or upgrade it to this version"
        ),
    )
    p.set_defaults(handler=cmd_init_db)

    p = sub.add_parser(
        "demo",
        help=QT_TRANSLATE_NOOP(
            "Commands", "fill the database with a realistic, reproducible demo history"
        ),
    )
    p.add_argument(
        "--customers",
        type=demo_customers,
        default=100,
        metavar="N",
        help=QT_TRANSLATE_NOOP("Commands", "(default 100, at most {maximum})").format(
            maximum=Number(MAX_DEMO_CUSTOMERS)
        ),
    )
    p.add_argument(
        "--seed",
        type=int,
        default=42,
        metavar="S",
        help=QT_TRANSLATE_NOOP("Commands", "random seed (default 42)"),
    )
    p.add_argument(
        "--reset",
        action="store_true",
        help=QT_TRANSLATE_NOOP("Commands", "delete ALL data in the database first, then fill it"),
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser(
        "db-check",
        help=QT_TRANSLATE_NOOP(
            "Commands", "backend, server and schema version, latency, row counts"
        ),
    )
    p.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    p.set_defaults(handler=cmd_db_check)


DDL_REFUSED = (1142, 1044)  # command denied on a table; access denied to a database
ADMIN_NEEDED = QT_TRANSLATE_NOOP(
    "Commands",
    "{command} needs an account that may CREATE and ALTER tables (the administrator's); "
    "the application account cannot",
).format(command="init-db")


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
        say(
            QT_TRANSLATE_NOOP("Commands", "Created schema version {version} in {url}").format(
                version=result.to_version, url=url
            )
        )
    elif result.from_version == result.to_version:
        say(
            QT_TRANSLATE_NOOP("Commands", "{url} is already at schema version {version}").format(
                url=url, version=result.to_version
            )
        )
    else:
        say(
            QT_TRANSLATE_NOOP("Commands", "Upgraded {url} from schema {old} to {new}").format(
                url=url, old=result.from_version, new=result.to_version
            )
        )
        if result.backup:
            say(
                QT_TRANSLATE_NOOP("Commands", "Backup of the previous file: {path}").format(
                    path=result.backup
                )
            )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from db import demo

    database, url = open_database(args, create=True, check=False)
    if args.reset:
        refuse_newer(database)  # its tables may not be the ones this version knows to drop
        say(
            QT_TRANSLATE_NOOP("Commands", "Deleting all data in {url} …").format(url=url),
            sys.stderr,
        )
        with schema_changes(ADMIN_NEEDED.format(command="demo --reset")):
            drop_all(database)
    with schema_changes():
        init_db(database)
    existing = demo.customer_count(database)
    if existing:
        say(
            QT_TRANSLATE_NOOP(
                "Commands",
                "{url} already holds {customers} customers; nothing added "
                "(use --reset to delete everything and start over).",
            ).format(url=url, customers=Number(existing))
        )
        return 0
    state = TaskState(on_progress=ProgressPrinter())
    summary = demo.generate_demo(database, customers=args.customers, seed=args.seed, state=state)
    total = sum(summary.rows.values())
    rate = total / summary.elapsed if summary.elapsed else 0
    say(
        QT_TRANSLATE_NOOP(
            "Commands", "Demo data in {url}: {rows} rows in {seconds} s ({rate} rows/s)"
        ).format(url=url, rows=Number(total), seconds=Number(summary.elapsed, 1), rate=Number(rate))
    )
    for table, count in summary.rows.items():
        print(f"  {table:<28} {number(count):>12}")
    say(QT_TRANSLATE_NOOP("Commands", "Sign in with (username / password, role):"))
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
        _print_check(report, version, latency, counts)
    if version > SCHEMA_VERSION:
        error(
            QT_TRANSLATE_NOOP(
                "Commands",
                "the database's schema ({version}) is newer than this ChurnWatch ({expected}); "
                "upgrade ChurnWatch",
            ).format(version=version, expected=SCHEMA_VERSION)
        )
        return 2
    return 0 if version == SCHEMA_VERSION else 1


def _print_check(
    report: dict[str, Any], version: int, latency: float, counts: dict[str, int | None]
) -> None:
    """db-check's report for a person: one label a line, padded so the values line up."""
    labels = [
        text_of(QT_TRANSLATE_NOOP("Commands", "Database:")),
        text_of(QT_TRANSLATE_NOOP("Commands", "Backend:")),
        text_of(QT_TRANSLATE_NOOP("Commands", "Schema version:")),
        text_of(QT_TRANSLATE_NOOP("Commands", "Latency:")),
    ]
    width = max(15, *(len(label) for label in labels))
    database, backend, schema, latency_label = (label.ljust(width) for label in labels)
    if not version:
        state = QT_TRANSLATE_NOOP("Commands", "not initialised")
    elif report["schema_ok"]:
        state = QT_TRANSLATE_NOOP("Commands", "current")
    else:
        state = QT_TRANSLATE_NOOP("Commands", "code expects {expected}").format(
            expected=SCHEMA_VERSION
        )
    print(f"{database} {report['url']}")
    print(f"{backend} {report['backend']} ({report['server_version']})")
    print(f"{schema} {version} ({text_of(state)})")
    print(f"{latency_label} {number(latency, 2)} ms")
    say(QT_TRANSLATE_NOOP("Commands", "Rows:"))
    for table, count in counts.items():
        print(f"  {table:<28} {'-' if count is None else f'{number(count):>12}'}")
