"""`backup` and `restore`: copies of the embedded SQLite database (`db.backup`).

The shared MySQL database is not copied from a workstation: the commands say so and point to
the server's tools (a consistent dump is described in the README, Backups).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from db.backup import backup_database, restore_database
from db.connection import DatabaseError, parse_url, resolve_url
from db.migrations import SCHEMA_VERSION
from desktop.commands.common import say
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number

MYSQL_TOOLS = QT_TRANSLATE_NOOP(
    "Backup",
    "the shared MySQL database is backed up and restored with the server's tools "
    "(mysqldump --single-transaction --no-tablespaces --skip-routines …, or mariadb-backup); "
    "see the README, Backups",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "backup",
        help=QT_TRANSLATE_NOOP(
            "Commands", "copy the embedded database consistently, even while it is in use"
        ),
    )
    p.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "where to write the copy (default: beside the database, named with the time)",
        ),
    )
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "replace the embedded database with a backup, after checking its schema and "
            "integrity (the current database is kept beside it)",
        ),
    )
    p.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help=QT_TRANSLATE_NOOP("Commands", "the backup to restore"),
    )
    p.set_defaults(handler=cmd_restore)


def _sqlite_path(args: argparse.Namespace) -> Path:
    url = parse_url(resolve_url(args.db))
    if url.backend != "sqlite":
        raise DatabaseError(MYSQL_TOOLS)
    assert url.path is not None
    return url.path


def cmd_backup(args: argparse.Namespace) -> int:
    done = backup_database(_sqlite_path(args), args.file)
    say(
        QT_TRANSLATE_NOOP("Commands", "Backed up schema {schema} to {path} ({size} bytes)").format(
            schema=done.schema_version, path=done.path, size=Number(done.bytes)
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    done = restore_database(args.file, _sqlite_path(args), SCHEMA_VERSION)
    say(
        QT_TRANSLATE_NOOP("Commands", "Restored {file} (schema {schema}) into {path}").format(
            file=args.file, schema=done.schema_version, path=done.path
        )
    )
    if done.previous is not None:
        say(
            QT_TRANSLATE_NOOP("Commands", "The database as it was before: {path}").format(
                path=done.previous
            )
        )
    if done.schema_version < SCHEMA_VERSION:
        say(
            QT_TRANSLATE_NOOP(
                "Commands",
                "Its schema is older than this ChurnWatch's: "
                "run `churnwatch init-db` to upgrade it",
            )
        )
    return 0
