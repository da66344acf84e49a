"""Backups of the embedded SQLite database: a consistent copy while the app is in use, and a
restore that checks a file before it replaces the current one.

Both go through SQLite's online backup API (`sqlite3.Connection.backup`), never a file copy: a
copy of a WAL database taken while a scorer writes can miss the pages still in the `-wal` file,
and a restore written page by page into the open database is seen whole by every connection
(or not at all), where renaming files under a running app would not be. The shared MySQL
database is backed up with the server's own tools (README, Backups).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.connection import DatabaseError
from db.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0  # a restore waits this long for a writer (a scoring chunk) to finish


class BackupError(DatabaseError):
    """A backup or restore refused, with the reason a user can act on."""


@dataclass(frozen=True)
class Backup:
    path: Path
    bytes: int
    schema_version: int


@dataclass(frozen=True)
class Restored:
    path: Path
    previous: Path | None  # the database as it was before the restore (None: there was none)
    schema_version: int


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%dT%H%M%S")


def default_backup_path(database_path: Path) -> Path:
    """`churnwatch.db` → `churnwatch.db.backup-20260101T120000.db`, beside the database."""
    return database_path.with_name(f"{database_path.name}.backup-{_stamp()}.db")


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    dest = sqlite3.connect(str(target_path))
    try:
        source.backup(dest)
    finally:
        dest.close()


def backup_database(database_path: Path, target: Path | None = None) -> Backup:
    """Copy the database to `target` (default: beside it, stamped) while others keep writing:
    the backup reads one snapshot, so a chunk a scorer commits meanwhile is in it whole or not
    at all. Refuses to overwrite a file."""
    if not database_path.exists():
        raise BackupError(
            QT_TRANSLATE_NOOP("Backup", "there is no database file at {path}").format(
                path=str(database_path)
            )
        )
    target = target if target is not None else default_backup_path(database_path)
    if target.exists():
        raise BackupError(
            QT_TRANSLATE_NOOP("Backup", "{path} already exists; name a new file").format(
                path=str(target)
            )
        )
    if target.resolve() == database_path.resolve():
        raise BackupError(
            QT_TRANSLATE_NOOP("Backup", "the backup file must not be the database itself")
        )
    if not target.parent.is_dir():
        raise BackupError(
            QT_TRANSLATE_NOOP("Backup", "there is no folder {path}").format(path=str(target.parent))
        )
    source = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        version = _schema_version(source, database_path)
        _copy(source, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    log.info("backed up the database (schema %d)", version)
    return Backup(target, target.stat().st_size, version)


def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
    try:
        row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if row is None:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "Backup", "{path} is not a ChurnWatch database (it has no schema version)"
            ).format(path=str(path))
        )
    return int(row[0])


def check_backup(path: Path, code_version: int) -> int:
    """The file's schema version, after checking it is a whole SQLite database
    (`PRAGMA integrity_check`) of a schema this ChurnWatch can open; `BackupError` otherwise."""
    if not path.is_file():
        raise BackupError(
            QT_TRANSLATE_NOOP("Backup", "there is no backup file at {path}").format(path=str(path))
        )
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                QT_TRANSLATE_NOOP("Backup", "{path} is not a SQLite database ({why})").format(
                    path=str(path), why=str(exc)
                )
            ) from None
        if problems != ["ok"]:
            raise BackupError(
                QT_TRANSLATE_NOOP("Backup", "{path} is damaged: {problem}").format(
                    path=str(path), problem=str(problems[0])
                )
            )
        version = _schema_version(conn, path)
    finally:
        conn.close()
    if version > code_version:
        raise BackupError(
            QT_TRANSLATE_NOOP(
                "Backup",
                "{path} has schema {version}, newer than this ChurnWatch ({code_version}); "
                "restore it with a newer ChurnWatch",
            ).format(path=str(path), version=version, code_version=code_version)
        )
    if version < 1:
        raise BackupError(
            QT_TRANSLATE_NOOP("Backup", "{path} has no usable schema version ({version})").format(
                path=str(path), version=version
            )
        )
    return version


def restore_database(backup: Path, database_path: Path, code_version: int) -> Restored:
    """Check `backup`, keep the current database as `<name>.before-restore-<stamp>.db`, then
    write the backup into the current database through the backup API (one transaction, so a
    window that has it open sees the old or the restored data, never a mix)."""
    version = check_backup(backup, code_version)
    if backup.resolve() == database_path.resolve():
        raise BackupError(QT_TRANSLATE_NOOP("Backup", "the backup file is the database itself"))
    previous: Path | None = None
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        if database_path.exists():
            previous = database_path.with_name(f"{database_path.name}.before-restore-{_stamp()}.db")
            current = sqlite3.connect(str(database_path), timeout=BUSY_TIMEOUT_S)
            try:
                _copy(current, previous)
                source.backup(current)
            finally:
                current.close()
        else:
            _copy(source, database_path)
    finally:
        source.close()
    log.info("restored a backup at schema %d", version)
    return Restored(database_path, previous, version)
