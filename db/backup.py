"""Backups of the embedded SQLite database: a consistent copy while it is in use, a checked restore.

A copy is taken with SQLite's online backup API in one step, from a read transaction: with the
database in WAL mode (as ChurnWatch opens it) writers go on meanwhile, and the copy is the
database as of that transaction's start, never a mix. Copying the file with `cp` is not safe:
the last writes live in the `-wal` file until a checkpoint, and a copy taken during a write can
be torn.

A restore checks the file before it touches anything: an SQLite database, `PRAGMA
integrity_check` clean, a ChurnWatch schema this version knows. It refuses while another
connection writes to the current database, checkpoints it, and moves it (with any `-wal` and
`-shm` beside it, which would otherwise be replayed into the restored file) aside under a
`.before-restore-<time>` name, so a restore loses nothing either.

MySQL databases are backed up with the server's own tools (README, "Backups").
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.connection import DatabaseError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")
LOCK_TIMEOUT_S = 5.0  # how long a restore waits for a writer to finish before refusing


class BackupError(DatabaseError):
    """A backup or restore that cannot be done, in words the user can act on."""


@dataclass(frozen=True)
class Copy:
    path: Path
    bytes: int
    schema_version: int


@dataclass(frozen=True)
class Restored:
    path: Path
    schema_version: int
    kept: Path | None  # where the database it replaced was moved


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")


def default_backup_path(database: Path, now: datetime | None = None) -> Path:
    """`churnwatch-backup-20261201-224500.db` beside the database."""
    return database.with_name(f"{database.stem}-backup-{stamp(now)}{database.suffix or '.db'}")


def _open(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=LOCK_TIMEOUT_S)
    return sqlite3.connect(path, timeout=LOCK_TIMEOUT_S)


def inspect(path: Path) -> int:
    """The schema version of a ChurnWatch SQLite file that passes the integrity check; else a
    BackupError saying what is wrong with it."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path}: not an SQLite database")
    try:
        conn = _open(path, readonly=True)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            if problems != ["ok"]:
                raise BackupError(
                    f"{path}: the integrity check failed ({problems[0]}"
                    f"{f' and {len(problems) - 1} more' if len(problems) > 1 else ''})"
                )
            try:
                row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
            except sqlite3.DatabaseError:
                row = None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: cannot be read as a database ({exc})") from None
    if row is None:
        raise BackupError(f"{path}: not a ChurnWatch database (it has no schema version)")
    return int(row[0])


def _known(path: Path, version: int) -> None:
    from db.migrations import SCHEMA_VERSION

    if version > SCHEMA_VERSION:
        raise BackupError(
            f"{path}: its schema version {version} is newer than this ChurnWatch "
            f"(knows up to {SCHEMA_VERSION}); restore it with a newer ChurnWatch"
        )


def _copy(source: Path, target: Path) -> None:
    """Online backup of `source` into a new `target`, atomically (a temporary file renamed)."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    src = _open(source, readonly=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # one step: one read transaction, a consistent snapshot
            dst.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"{source}: the copy failed ({exc})") from None
    finally:
        src.close()
    os.replace(partial, target)


def backup(database: Path, target: Path | None = None) -> Copy:
    """A consistent copy of the database at `database`, checked, at `target` (by default
    beside it with the time in its name). Refuses to overwrite a file."""
    if not database.is_file():
        raise BackupError(f"{database}: no such database file")
    target = target or default_backup_path(database)
    if target.exists():
        raise BackupError(f"{target}: already exists (choose another file name)")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent}: no such folder")
    if target.resolve() == database.resolve():
        raise BackupError("the backup file must not be the database itself")
    _copy(database, target)
    version = inspect(target)
    log.info("backed up the database (schema %d, %d bytes)", version, target.stat().st_size)
    return Copy(target, target.stat().st_size, version)


def _quiesce(database: Path) -> None:
    """Wait for writers to finish, then fold the WAL into the file; refuse if one keeps on."""
    try:
        conn = _open(database)
        try:
            conn.execute("BEGIN IMMEDIATE")  # no other writer now
            conn.execute("ROLLBACK")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError(
                f"{database}: in use by a ChurnWatch that is writing to it; close ChurnWatch "
                "(the window, scoring) and restore again"
            ) from None
        raise BackupError(f"{database}: {exc}") from None


def restore(backup_file: Path, database: Path, now: datetime | None = None) -> Restored:
    """Replace the database at `database` with the checked copy `backup_file`; the database it
    replaces is kept beside it (`kept`)."""
    if backup_file.resolve() == database.resolve():
        raise BackupError("the file to restore is the database itself")
    version = inspect(backup_file)
    _known(backup_file, version)
    if not database.parent.is_dir():
        raise BackupError(f"{database.parent}: no such folder")
    kept: Path | None = None
    if database.exists():
        _quiesce(database)
        kept = database.with_name(f"{database.name}.before-restore-{stamp(now)}")
        incoming = database.with_name(f".{database.name}.restoring")
        _copy(backup_file, incoming)  # the new file is complete before the old one moves
        os.replace(database, kept)
        for side in SIDE_FILES:
            extra = Path(f"{database}{side}")
            if extra.exists():
                os.replace(extra, Path(f"{kept}{side}"))
        os.replace(incoming, database)
    else:
        _copy(backup_file, database)
    log.info("restored a backup (schema %d)", version)
    return Restored(database, version, kept)
