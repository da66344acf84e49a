"""Schema versions: an integer in the database and an ordered ladder of upgrade steps.

A new database gets every table at once and is stamped with `SCHEMA_VERSION`. An older one is
upgraded one step at a time, each step inside a transaction with the version bump. MySQL commits
DDL implicitly, so every step is also written to be safe to run again: after a failure halfway,
running `init-db` again completes it. A SQLite file is copied aside before any upgrade.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

from db.connection import DatabaseError, is_mysql
from db.models import ALL_MODELS, DB, HEALTH_INDEX, SchemaVersion

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
MYSQL_LOCK_NAME = "churnwatch_schema"
MYSQL_LOCK_TIMEOUT_S = 60


class SchemaError(DatabaseError):
    """The database's schema does not match this version of ChurnWatch."""


class SchemaTooNew(SchemaError):
    pass


class SchemaNotReady(SchemaError):
    pass


@dataclass(frozen=True)
class MigrationResult:
    from_version: int
    to_version: int
    backup: Path | None = None

    @property
    def created(self) -> bool:
        return self.from_version == 0


def stored_version(database: pw.Database) -> int:
    """The schema version written in the database; 0 for a database without ChurnWatch tables."""
    if not database.table_exists(SchemaVersion._meta.table_name):
        return 0
    row = SchemaVersion.select(SchemaVersion.version).where(SchemaVersion.id == 1).first()
    return int(row.version) if row else 0


def check_schema(database: pw.Database) -> int:
    """Refuse a database this code cannot work with; return its version when it can."""
    version = stored_version(database)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the database is at schema version {version}, newer than this ChurnWatch "
            f"(knows up to {SCHEMA_VERSION}); upgrade ChurnWatch"
        )
    if version < SCHEMA_VERSION:
        state = "has no ChurnWatch tables" if version == 0 else f"is at schema version {version}"
        raise SchemaNotReady(
            f"the database {state}; run: churnwatch init-db (needs schema {SCHEMA_VERSION})"
        )
    return version


# --- the ladder -------------------------------------------------------------------------------
# Step N upgrades a database at version N-1 to version N. Version 1 is the first release's schema;
# a new database never runs the steps, it gets the current models directly.


def _step_2_customer_health_score(database: pw.Database) -> None:
    """Customer.health_score: sort and filter customers by health without a join; backfilled."""
    columns = {c.name for c in database.get_columns("customer")}
    migrator = SchemaMigrator.from_database(database)
    if "health_score" not in columns:
        migrate(migrator.add_column("customer", "health_score", pw.SmallIntegerField(null=True)))
    if HEALTH_INDEX not in {ix.name for ix in database.get_indexes("customer")}:
        database.execute_sql(f"CREATE INDEX {HEALTH_INDEX} ON customer (health_score)")
    database.execute_sql(
        "UPDATE customer SET health_score = ("
        " SELECT h.score FROM customer_health_score h WHERE h.customer_id = customer.id"
        " ORDER BY h.computed_at DESC, h.id DESC LIMIT 1)"
        " WHERE health_score IS NULL"
    )


STEPS: dict[int, Callable[[pw.Database], None]] = {
    2: _step_2_customer_health_score,
}
assert sorted(STEPS) == list(range(2, SCHEMA_VERSION + 1)), "every version needs exactly one step"


def backup_sqlite(database: pw.Database, from_version: int) -> Path | None:
    """Copy the SQLite file aside (the online backup API, safe with WAL) before an upgrade."""
    path = Path(database.database)
    if str(path) == ":memory:" or not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{from_version}-{stamp}.bak")
    source = sqlite3.connect(str(path))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    log.info("backed up the database before upgrading from schema %d", from_version)
    return target


def init_db(database: pw.Database | None = None, *, backup: bool = True) -> MigrationResult:
    """Create the schema, or upgrade it to `SCHEMA_VERSION`; refuse a newer one."""
    database = database if database is not None else DB.obj
    mysql = is_mysql(database)
    if mysql:
        got = database.execute_sql(
            "SELECT GET_LOCK(%s, %s)", (MYSQL_LOCK_NAME, MYSQL_LOCK_TIMEOUT_S)
        ).fetchone()[0]
        if got != 1:
            raise SchemaError("another workstation is changing the schema; try again in a minute")
    try:
        return _init_db_locked(database, backup=backup)
    finally:
        if mysql:
            database.execute_sql("SELECT RELEASE_LOCK(%s)", (MYSQL_LOCK_NAME,))


def _init_db_locked(database: pw.Database, *, backup: bool) -> MigrationResult:
    version = stored_version(database)
    if version > SCHEMA_VERSION:
        check_schema(database)
    if version == SCHEMA_VERSION:
        return MigrationResult(version, version)
    if version == 0:
        with database.atomic():
            database.create_tables(ALL_MODELS, safe=True)
            SchemaVersion.insert(id=1, version=SCHEMA_VERSION).on_conflict_replace().execute()
        log.info("created schema version %d", SCHEMA_VERSION)
        return MigrationResult(0, SCHEMA_VERSION)
    copy = backup_sqlite(database, version) if backup and not is_mysql(database) else None
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with database.atomic():
            STEPS[target](database)
            SchemaVersion.update(version=target).where(SchemaVersion.id == 1).execute()
        log.info("upgraded schema to version %d", target)
    return MigrationResult(version, SCHEMA_VERSION, copy)


def drop_all(database: pw.Database | None = None) -> None:
    """Remove every ChurnWatch table (demo --reset and test teardown)."""
    database = database if database is not None else DB.obj
    database.drop_tables(list(reversed(ALL_MODELS)), safe=True)
