"""`churnwatch backup [FILE]` and `churnwatch restore FILE`: the embedded database's backups.

Both work on the SQLite file `--db` names (`db.backup`); a MySQL database is backed up with the
server's own tools, which the error says. They need the file, not an account: whoever may read
the database file may copy it, and the restore keeps the file it replaces.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from db import backup as bk
from db.connection import DatabaseURL, parse_url, resolve_url
from db.migrations import SCHEMA_VERSION

MYSQL_HINT = (
    "backup and restore copy the embedded SQLite database; for MySQL use the server's tools, "
    "e.g. mysqldump --single-transaction --no-tablespaces DATABASE > churnwatch.sql "
    "(README: Backups)"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "backup", help="copy the embedded database consistently, also while it is in use"
    )
    p.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        type=Path,
        help="where to write the copy (default: beside the database, with the time in its name)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore", help="replace the embedded database with a checked backup (the old one is kept)"
    )
    p.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_restore)


def _sqlite_file(args: argparse.Namespace) -> Path:
    url: DatabaseURL = parse_url(resolve_url(args.db))
    if url.backend != "sqlite":
        raise bk.BackupError(MYSQL_HINT)
    if url.path is None or str(url.path) == ":memory:":
        raise bk.BackupError("an in-memory database has no file to back up")
    return url.path


def cmd_backup(args: argparse.Namespace) -> int:
    copy = bk.backup(_sqlite_file(args), args.file)
    if args.json:
        print(json.dumps({"file": str(copy.path), "bytes": copy.bytes,
                          "schema_version": copy.schema_version}))  # fmt: skip
    else:
        size = f"{copy.bytes / 1e6:,.1f} MB"
        print(f"Backed up to {copy.path} ({size}, schema {copy.schema_version})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    done = bk.restore(args.file, _sqlite_file(args))
    if args.json:
        print(json.dumps({"database": str(done.path), "schema_version": done.schema_version,
                          "kept": str(done.kept) if done.kept else None}))  # fmt: skip
        return 0
    print(f"Restored {args.file} into {done.path} (schema {done.schema_version})")
    if done.kept:
        print(f"The database it replaced is kept as {done.kept}")
    if done.schema_version < SCHEMA_VERSION:
        print(
            f"It is at schema {done.schema_version}; run `churnwatch init-db` to upgrade it "
            f"to {SCHEMA_VERSION}"
        )
    return 0
