"""Schema versions: an integer in the database and an ordered ladder of upgrade steps.

A new database gets every table at once and is stamped with `SCHEMA_VERSION`. An older one is
upgraded one step at a time, each step inside a transaction with the version bump. MySQL commits
DDL implicitly, so every step is also written to be safe to run again: after a failure halfway,
running `init-db` again completes it. A SQLite file is copied aside before any upgrade.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

from db import search
from db.connection import DatabaseError, is_mysql, lock_name
from db.i18n import QT_TRANSLATE_NOOP
from db.models import ALL_MODELS, DB, HEALTH_INDEX, SchemaVersion

log = logging.getLogger(__name__)

SCHEMA_VERSION = 11
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
            QT_TRANSLATE_NOOP(
                "Schema",
                "the database is at schema version {version}, newer than this ChurnWatch (knows "
                "up to {known}); upgrade ChurnWatch",
            ).format(version=version, known=SCHEMA_VERSION)
        )
    if version < SCHEMA_VERSION:
        if version == 0:
            template = QT_TRANSLATE_NOOP(
                "Schema",
                "the database has no ChurnWatch tables; run: churnwatch init-db (needs schema "
                "{known})",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "Schema",
                "the database is at schema version {version}; run: churnwatch init-db (needs "
                "schema {known})",
            )
        raise SchemaNotReady(template.format(version=version, known=SCHEMA_VERSION))
    return version


def refuse_newer(database: pw.Database) -> int:
    """Refuse a database newer than this code, even where the schema is replaced (demo
    --reset would drop only the tables it knows and stamp its older version); else its version."""
    version = stored_version(database)
    if version > SCHEMA_VERSION:
        check_schema(database)
    return version


# --- the ladder -------------------------------------------------------------------------------
# Step N upgrades a database at version N-1 to version N. Version 1 is the first release's schema;
# a new database never runs the steps, it gets the current models directly.
#
# Every schema change is a step (a column, a type, an index added or dropped, a table):
#   1. change the models in db/models.py;
#   2. write `_step_N_<what>` below: plain SQL with every table, column and index name spelled
#      out (never read from the models, which will have moved on by the time an old database
#      runs it), doing only what is missing, so that running it again after a failure halfway
#      completes it (MySQL commits each DDL statement at once);
#   3. add it to STEPS and set SCHEMA_VERSION = N.
# tests/test_schema_drift.py is the guard: it builds the version-1 schema on SQLite and MySQL,
# migrates it up this ladder and compares it with a new database (columns, types, nullability,
# defaults, indexes, foreign keys); a model change without its step fails it.


def _quote(database: pw.Database, name: str) -> str:
    left, right = database.quote[0], database.quote[1]
    return f"{left}{name}{right}"


def _column_types(database: pw.Database, table: str) -> dict[str, str]:
    return {c.name: c.data_type.lower() for c in database.get_columns(table)}


def _index_columns(database: pw.Database, table: str) -> dict[str, tuple[tuple[str, ...], bool]]:
    return {ix.name: (tuple(ix.columns), bool(ix.unique)) for ix in database.get_indexes(table)}


@dataclass(frozen=True)
class _TableChange:
    """What one step changes in one table; applied as one ALTER TABLE on MySQL (one rebuild of a
    large table, not one per change), statement by statement on SQLite."""

    table: str
    add_columns: tuple[tuple[str, str], ...] = ()  # (name, type and nullability)
    retype: tuple[tuple[str, str, str], ...] = ()  # MySQL only: (name, from type, new definition)
    add_indexes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name, columns), non-unique
    drop_indexes: tuple[str, ...] = ()


def _apply(database: pw.Database, change: _TableChange) -> None:
    """Make `change` true of its table, doing only the parts not yet done."""
    columns = _column_types(database, change.table)
    indexes = _index_columns(database, change.table)
    if is_mysql(database):
        clauses = _mysql_clauses(database, change, columns, indexes)
        if clauses:
            log.info("altering %s (%d changes)", change.table, len(clauses))
            database.execute_sql(
                f"ALTER TABLE {_quote(database, change.table)} {', '.join(clauses)}"
            )
    else:
        for sql in _sqlite_statements(database, change, columns, indexes):
            database.execute_sql(sql)


def _missing_indexes(
    change: _TableChange, indexes: dict[str, tuple[tuple[str, ...], bool]]
) -> list[tuple[str, tuple[str, ...], bool]]:
    """(name, columns, exists with other columns) for each index to (re)create."""
    return [
        (name, cols, name in indexes)
        for name, cols in change.add_indexes
        if indexes.get(name) != (cols, False)
    ]


def _mysql_clauses(
    database: pw.Database,
    change: _TableChange,
    columns: dict[str, str],
    indexes: dict[str, tuple[tuple[str, ...], bool]],
) -> list[str]:
    q = functools.partial(_quote, database)
    clauses = [
        f"ADD COLUMN {q(name)} {definition}"
        for name, definition in change.add_columns
        if name not in columns
    ]
    clauses += [
        f"MODIFY {q(name)} {definition}"
        for name, old_type, definition in change.retype
        if columns.get(name) == old_type
    ]
    for name, cols, exists in _missing_indexes(change, indexes):
        if exists:
            clauses.append(f"DROP INDEX {q(name)}")
        clauses.append(f"ADD INDEX {q(name)} ({', '.join(q(c) for c in cols)})")
    clauses += [f"DROP INDEX {q(name)}" for name in change.drop_indexes if name in indexes]
    return clauses


def _sqlite_statements(
    database: pw.Database,
    change: _TableChange,
    columns: dict[str, str],
    indexes: dict[str, tuple[tuple[str, ...], bool]],
) -> list[str]:
    """SQLite declares FLOAT and DOUBLE alike (REAL) and has one TEXT: `retype` is MySQL's."""
    q = functools.partial(_quote, database)
    table = q(change.table)
    statements = [
        f"ALTER TABLE {table} ADD COLUMN {q(name)} {definition}"
        for name, definition in change.add_columns
        if name not in columns
    ]
    for name, cols, exists in _missing_indexes(change, indexes):
        if exists:
            statements.append(f"DROP INDEX {q(name)}")
        statements.append(f"CREATE INDEX {q(name)} ON {table} ({', '.join(q(c) for c in cols)})")
    statements += [f"DROP INDEX {q(name)}" for name in change.drop_indexes if name in indexes]
    return statements


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


# Step 3: what the builds stamped version 2 changed without a step (b40c627 FLOAT → DOUBLE,
# 9d8543c the name index and lower-case emails, 5ddcabb risk counts and fewer prediction and
# health-score indexes, d2484e3 customer indexes that lead with deleted_at). A database made by
# any of those builds has some of these and not others; each is done only where missing.
_STEP_3 = (
    _TableChange(
        "customer",
        retype=(
            ("email_engagement_rate", "float", "DOUBLE PRECISION NOT NULL"),
            ("discount_usage", "float", "DOUBLE PRECISION NOT NULL"),
            ("churn_probability", "float", "DOUBLE PRECISION NULL"),
        ),
        add_indexes=(
            ("customer_name", ("name",)),
            (
                "customer_deleted_at_risk_level_account_status_account_value",
                ("deleted_at", "risk_level", "account_status", "account_value"),
            ),
            ("customer_deleted_at_customer_since", ("deleted_at", "customer_since")),
            ("customer_deleted_at_churned_at", ("deleted_at", "churned_at")),
        ),
        drop_indexes=(
            "customer_customer_since",
            "customer_churned_at",
            "customer_risk_level",
            "customer_deleted_at",
        ),
    ),
    _TableChange("model_version", retype=(("threshold", "float", "DOUBLE PRECISION NOT NULL"),)),
    _TableChange("scoring_run", add_columns=(("risk_counts", "LONGTEXT NULL"),)),
    _TableChange("scoring_chunk", add_columns=(("risk_counts", "LONGTEXT NULL"),)),
    _TableChange(
        "churn_prediction",
        retype=(
            ("probability", "float", "DOUBLE PRECISION NOT NULL"),
            ("confidence", "float", "DOUBLE PRECISION NULL"),
        ),
        drop_indexes=(
            "churn_prediction_customer_id",  # (customer_id, scored_at) serves the foreign key
            "churn_prediction_run_id",  # (run_id, customer_id) serves the foreign key
            "churn_prediction_probability",
            "churn_prediction_risk_level",
        ),
    ),
    _TableChange(
        "customer_health_score",
        drop_indexes=("customer_health_score_customer_id",),  # (customer_id, computed_at) serves
    ),
    _TableChange("system_metric", retype=(("value", "float", "DOUBLE PRECISION NOT NULL"),)),
)


def _step_3_catch_up_unversioned_changes(database: pw.Database) -> None:
    """Bring a database made by any build stamped version 2 to what the last of them made."""
    for change in _STEP_3:
        _apply(database, change)
    _lower_case_emails(database)


def _lower_case_emails(database: pw.Database) -> None:
    """Customer emails in their stored form (trimmed, lower-case): the email search reads an
    index range of the lower-cased text. One statement: MySQL's unique index already ignores
    case, so no two emails can collide; SQLite's compares case, so an email whose lower-case
    form another customer already has is left as it is (OR IGNORE skips that row)."""
    if is_mysql(database):
        cursor = database.execute_sql(
            "UPDATE customer SET email = LOWER(TRIM(email))"
            " WHERE CAST(email AS BINARY) <> CAST(LOWER(TRIM(email)) AS BINARY)"
        )
    else:
        cursor = database.execute_sql(
            "UPDATE OR IGNORE customer SET email = LOWER(TRIM(email))"
            " WHERE email <> LOWER(TRIM(email))"
        )
    if cursor.rowcount:
        log.info("stored %d customer emails lower-case", cursor.rowcount)


# Step 4: text that people write gets room for a long note (MEDIUMTEXT: 16 MiB; TEXT stops at
# 65,535 bytes, which MySQL used to cut silently). SQLite has one text type: nothing to do.
_STEP_4 = (
    _TableChange("customer_note", retype=(("body", "text", "MEDIUMTEXT NOT NULL"),)),
    _TableChange("ticket_message", retype=(("body", "text", "MEDIUMTEXT NOT NULL"),)),
    _TableChange("alert", retype=(("resolution_note", "text", "MEDIUMTEXT NULL"),)),
    _TableChange("intervention", retype=(("notes", "text", "MEDIUMTEXT NULL"),)),
)


def _step_4_user_text_mediumtext(database: pw.Database) -> None:
    """Notes, ticket messages, resolution and outreach notes as MEDIUMTEXT on MySQL."""
    for change in _STEP_4:
        _apply(database, change)


# Step 5: the words customers are found by (db.search), one row per customer and word in word
# order, filled from the customers already stored (the tokeniser is today's: a later change to
# what is indexed needs a step of its own that fills the table again).
TOKEN_CUSTOMER_INDEX = "customer_search_token_customer_id"
BACKFILL_BATCH = 5_000  # customers read, tokenised and inserted per round


def _step_5_customer_search_words(database: pw.Database) -> None:
    """customer_search_token: the start of any word of a name or email is a key range."""
    if is_mysql(database):
        word = "VARCHAR({}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL"
        database.execute_sql(
            "CREATE TABLE IF NOT EXISTS `customer_search_token` ("
            f"`token` {word.format(64)}, `customer_id` INTEGER NOT NULL,"
            f" `prev_token` {word.format(64)}, `all_tokens` {word.format(600)},"
            " PRIMARY KEY (`token`, `customer_id`),"
            f" INDEX `{TOKEN_CUSTOMER_INDEX}` (`customer_id`),"
            " FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`) ON DELETE CASCADE)"
        )
    else:
        database.execute_sql(
            'CREATE TABLE IF NOT EXISTS "customer_search_token" ("token" VARCHAR(64) NOT NULL,'
            ' "customer_id" INTEGER NOT NULL, "prev_token" VARCHAR(64) NOT NULL,'
            ' "all_tokens" VARCHAR(600) NOT NULL, PRIMARY KEY ("token", "customer_id"),'
            ' FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)'
        )
        database.execute_sql(
            f'CREATE INDEX IF NOT EXISTS "{TOKEN_CUSTOMER_INDEX}"'
            ' ON "customer_search_token" ("customer_id")'
        )
    words = _backfill_search_words(database)
    if words:
        log.info("indexed %d search words", words)


def _backfill_search_words(database: pw.Database, batch: int = BACKFILL_BATCH) -> int:
    """The words of every live customer that has none yet, a batch of customers at a time in
    id order (a key range of each table), so a run stopped halfway resumes."""
    q = functools.partial(_quote, database)
    p = database.param
    insert = (
        f"INSERT INTO {q('customer_search_token')}"
        f" ({q('token')}, {q('customer_id')}, {q('prev_token')}, {q('all_tokens')})"
        f" VALUES ({p}, {p}, {p}, {p})"
    )
    last, written = 0, 0
    while True:
        customers = database.execute_sql(
            f"SELECT {q('id')}, {q('name')}, {q('email')}, {q('deleted_at')} FROM {q('customer')}"
            f" WHERE {q('id')} > {p} ORDER BY {q('id')} LIMIT {int(batch)}",
            (last,),
        ).fetchall()
        if not customers:
            return written
        first, last = int(customers[0][0]), int(customers[-1][0])
        done = {
            int(r[0])
            for r in database.execute_sql(
                f"SELECT DISTINCT {q('customer_id')} FROM {q('customer_search_token')}"
                f" WHERE {q('customer_id')} >= {p} AND {q('customer_id')} <= {p}",
                (first, last),
            ).fetchall()
        }
        rows = [
            row
            for cid, name, email, deleted_at in customers
            if int(cid) not in done and deleted_at is None  # a deleted customer has no words
            for row in search.token_rows(int(cid), name, email)
        ]
        if rows:
            cursor = database.cursor()
            try:
                cursor.executemany(insert, rows)
            finally:
                cursor.close()
            written += len(rows)


# Step 6: scoring runs and their chunks keep the churn-probability histogram (customers per bin),
# as they keep their risk counts, so the dashboard never buckets a million customers.
_STEP_6 = (
    _TableChange("scoring_run", add_columns=(("probability_bins", "LONGTEXT NULL"),)),
    _TableChange("scoring_chunk", add_columns=(("probability_bins", "LONGTEXT NULL"),)),
)


def _step_6_run_probability_bins(database: pw.Database) -> None:
    """ScoringRun.probability_bins and ScoringChunk.probability_bins."""
    for change in _STEP_6:
        _apply(database, change)


def _step_7_sign_in_attempts(database: pw.Database) -> None:
    """sign_in_attempt: failed sign-ins and the lockout per username, shared by workstations."""
    q = functools.partial(_quote, database)
    key = (
        "INTEGER AUTO_INCREMENT NOT NULL PRIMARY KEY"
        if is_mysql(database)
        else ("INTEGER NOT NULL PRIMARY KEY")
    )
    database.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {q('sign_in_attempt')} ({q('id')} {key},"
        f" {q('created_at')} DATETIME NOT NULL, {q('updated_at')} DATETIME NOT NULL,"
        f" {q('username')} VARCHAR(64) NOT NULL, {q('failures')} INTEGER NOT NULL,"
        f" {q('locked_until')} DATETIME)"
    )
    if "sign_in_attempt_username" not in _index_columns(database, "sign_in_attempt"):
        database.execute_sql(
            f"CREATE UNIQUE INDEX {q('sign_in_attempt_username')}"
            f" ON {q('sign_in_attempt')} ({q('username')})"
        )


_STEP_8_EXTERNAL_IDS = (
    "customer",
    "orders",
    "order_item",
    "subscription",
    "payment_method",
    "payment_transaction",
    "customer_event",
    "support_ticket",
    "ticket_message",
)


def _create_table(database: pw.Database, table: str, columns: list[tuple[str, str]],
                  tail: str = "") -> None:  # fmt: skip
    """CREATE TABLE IF NOT EXISTS with an id key, the timestamps and `columns` (name, SQL)."""
    q = functools.partial(_quote, database)
    key = (
        "INTEGER AUTO_INCREMENT NOT NULL PRIMARY KEY"
        if is_mysql(database)
        else ("INTEGER NOT NULL PRIMARY KEY")
    )
    spec = [f"{q('id')} {key}", f"{q('created_at')} DATETIME NOT NULL",
            f"{q('updated_at')} DATETIME NOT NULL"]  # fmt: skip
    spec += [f"{q(name)} {definition}" for name, definition in columns]
    if tail:
        spec.append(tail)
    database.execute_sql(f"CREATE TABLE IF NOT EXISTS {q(table)} ({', '.join(spec)})")


def _create_index(
    database: pw.Database, table: str, name: str, columns: tuple[str, ...], *, unique: bool
) -> None:
    if name in _index_columns(database, table):
        return
    q = functools.partial(_quote, database)
    kind = "UNIQUE INDEX" if unique else "INDEX"
    database.execute_sql(
        f"CREATE {kind} {q(name)} ON {q(table)} ({', '.join(q(c) for c in columns)})"
    )


def _step_8_imports(database: pw.Database) -> None:
    """Imports: the source's id (`external_id`, unique) on every kind a file can bring, the
    churn records a shop exports, named column mappings, and the import runs (their marker)."""
    q = functools.partial(_quote, database)
    for table in _STEP_8_EXTERNAL_IDS:
        _apply(database, _TableChange(table, add_columns=(("external_id", "VARCHAR(64) NULL"),)))
        _create_index(database, table, f"{table}_external_id", ("external_id",), unique=True)
    _create_table(
        database,
        "churn_record",
        [("customer_id", "INTEGER NOT NULL"), ("external_id", "VARCHAR(64) NULL"),
         ("churned_on", "DATE NOT NULL"), ("reason", "VARCHAR(255) NULL")],
        f"FOREIGN KEY ({q('customer_id')}) REFERENCES {q('customer')} ({q('id')})"
        " ON DELETE CASCADE",
    )  # fmt: skip
    _create_index(database, "churn_record", "churn_record_customer_id", ("customer_id",),
                  unique=False)  # fmt: skip
    _create_index(database, "churn_record", "churn_record_external_id", ("external_id",),
                  unique=True)  # fmt: skip
    _create_table(
        database,
        "import_mapping",
        [("name", "VARCHAR(64) NOT NULL"), ("kind", "VARCHAR(24) NOT NULL"),
         ("columns", "LONGTEXT NOT NULL"), ("options", "LONGTEXT NULL")],
    )  # fmt: skip
    _create_index(database, "import_mapping", "import_mapping_name", ("name",), unique=True)
    _create_table(
        database,
        "import_run",
        [("kind", "VARCHAR(24) NOT NULL"), ("file_name", "VARCHAR(255) NOT NULL"),
         ("fingerprint", "VARCHAR(64) NOT NULL"), ("status", "VARCHAR(16) NOT NULL"),
         ("lines_done", "INTEGER NOT NULL"), ("rows_read", "INTEGER NOT NULL"),
         ("inserted", "INTEGER NOT NULL"), ("updated", "INTEGER NOT NULL"),
         ("rejected", "INTEGER NOT NULL"), ("user_id", "INTEGER NULL"),
         ("finished_at", "DATETIME NULL")],
        f"FOREIGN KEY ({q('user_id')}) REFERENCES {q('user')} ({q('id')}) ON DELETE SET NULL",
    )  # fmt: skip
    _create_index(database, "import_run", "import_run_fingerprint", ("fingerprint",),
                  unique=False)  # fmt: skip
    _create_index(database, "import_run", "import_run_user_id", ("user_id",), unique=False)


_STEP_9_AUDIT = _TableChange(
    "audit_log", add_columns=(("device", "VARCHAR(64) NULL"), ("acted_at", "DATETIME NULL"))
)


def _step_9_offline_sync(database: pw.Database) -> None:
    """applied_mutation (offline changes a sync applied, unique per device and mutation id),
    and audit_log.device / acted_at (where and when an offline change was made)."""
    _apply(database, _STEP_9_AUDIT)
    _create_table(
        database,
        "applied_mutation",
        [
            ("device", "VARCHAR(64) NOT NULL"),
            ("mutation_id", "VARCHAR(36) NOT NULL"),
            ("user_id", "INTEGER"),
            ("operation", "VARCHAR(32) NOT NULL"),
            ("acted_at", "DATETIME NOT NULL"),
            ("outcome", "VARCHAR(16) NOT NULL"),
            ("detail", "LONGTEXT"),
        ],
        tail=f"FOREIGN KEY ({_quote(database, 'user_id')}) REFERENCES "
        f"{_quote(database, 'user')} ({_quote(database, 'id')}) ON DELETE SET NULL",
    )
    _create_index(database, "applied_mutation", "applied_mutation_user_id", ("user_id",),
                  unique=False)  # fmt: skip
    _create_index(database, "applied_mutation", "applied_mutation_device_mutation_id",
                  ("device", "mutation_id"), unique=True)  # fmt: skip


def _step_10_retention(database: pw.Database) -> None:
    """retention_policy (the admin's policy) and retention_run (the resumable purge marker)."""
    q = functools.partial(_quote, database)
    mysql = is_mysql(database)
    key = "INTEGER AUTO_INCREMENT NOT NULL PRIMARY KEY" if mysql else "INTEGER NOT NULL PRIMARY KEY"
    text = "LONGTEXT"
    stamps = f"{q('created_at')} DATETIME NOT NULL, {q('updated_at')} DATETIME NOT NULL"
    days = ", ".join(
        f"{q(name)} INTEGER NOT NULL"
        for name in (
            "events_days", "predictions_days", "resolved_alerts_days", "metrics_days",
            "deleted_customers_days", "version",
        )
    )  # fmt: skip
    database.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {q('retention_policy')} ({q('id')} {key}, {stamps}, {days})"
    )
    user_fk = (
        f", FOREIGN KEY ({q('started_by_id')}) REFERENCES {q('user')} ({q('id')})"
        " ON DELETE SET NULL"
    )
    database.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {q('retention_run')} ({q('id')} {key}, {stamps},"
        f" {q('started_by_id')} INTEGER, {q('plan')} {text} NOT NULL, {q('deleted')} {text},"
        f" {q('finished_at')} DATETIME{user_fk})"
    )
    indexes = _index_columns(database, "retention_run")
    for name, column in (
        ("retention_run_started_by_id", "started_by_id"),
        ("retention_run_finished_at", "finished_at"),
    ):
        if name not in indexes:
            database.execute_sql(f"CREATE INDEX {q(name)} ON {q('retention_run')} ({q(column)})")


_STEP_11_RUN = _TableChange("scoring_run", add_columns=(("alert_policy", "LONGTEXT NULL"),))


def _step_11_alert_policy(database: pw.Database) -> None:
    """alert_policy (the live alert policy, one row holding the adaptive default), the policy a
    scoring run applies, and each prediction's expected lost value (what the policy ranks by)."""
    q = functools.partial(_quote, database)
    mysql = is_mysql(database)
    double = "DOUBLE PRECISION" if mysql else "REAL"  # how each declares a DoubleField
    _apply(database, _STEP_11_RUN)
    _apply(
        database,
        _TableChange("churn_prediction", add_columns=(("expected_loss", f"{double} NULL"),)),
    )
    boolean = "BOOL" if mysql else "INTEGER"
    _create_table(
        database,
        "alert_policy",
        [("mode", "VARCHAR(16) NOT NULL"), ("top_share", f"{double} NOT NULL"),
         ("threshold", f"{double} NOT NULL"), ("top_k", "INTEGER NOT NULL"),
         ("per_agent_per_day", "INTEGER NOT NULL"), ("rise_points", f"{double} NOT NULL"),
         ("payment_at_risk", f"{boolean} NOT NULL"), ("set_by_id", "INTEGER NULL"),
         ("set_at", "DATETIME NULL"), ("version", "INTEGER NOT NULL")],
        f"FOREIGN KEY ({q('set_by_id')}) REFERENCES {q('user')} ({q('id')}) ON DELETE SET NULL",
    )  # fmt: skip
    _create_index(database, "alert_policy", "alert_policy_set_by_id", ("set_by_id",),
                  unique=False)  # fmt: skip
    insert_default_alert_policy(database)


def insert_default_alert_policy(database: pw.Database) -> None:
    """The live policy's one row with the adaptive default, unless it is there already."""
    q = functools.partial(_quote, database)
    table = q("alert_policy")
    if database.execute_sql(f"SELECT COUNT(*) FROM {table} WHERE {q('id')} = 1").fetchone()[0]:
        return
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    database.execute_sql(
        f"INSERT INTO {table} ({q('id')}, {q('created_at')}, {q('updated_at')}, {q('mode')},"
        f" {q('top_share')}, {q('threshold')}, {q('top_k')}, {q('per_agent_per_day')},"
        f" {q('rise_points')}, {q('payment_at_risk')}, {q('version')})"
        " VALUES (1, %s, %s, 'top_share', 0.1, 0.5, 50, 5, 20.0, 1, 1)".replace(
            "%s", database.param
        ),
        (now, now),
    )


STEPS: dict[int, Callable[[pw.Database], None]] = {
    2: _step_2_customer_health_score,
    3: _step_3_catch_up_unversioned_changes,
    4: _step_4_user_text_mediumtext,
    5: _step_5_customer_search_words,
    6: _step_6_run_probability_bins,
    7: _step_7_sign_in_attempts,
    8: _step_8_imports,
    9: _step_9_offline_sync,
    10: _step_10_retention,
    11: _step_11_alert_policy,
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
    lock = lock_name(database, "schema")
    if mysql:
        got = database.execute_sql(
            "SELECT GET_LOCK(%s, %s)", (lock, MYSQL_LOCK_TIMEOUT_S)
        ).fetchone()[0]
        if got != 1:
            raise SchemaError(
                QT_TRANSLATE_NOOP(
                    "Schema", "another workstation is changing the schema; try again in a minute"
                )
            )
    try:
        return _init_db_locked(database, backup=backup)
    finally:
        if mysql:
            database.execute_sql("SELECT RELEASE_LOCK(%s)", (lock,))


def _init_db_locked(database: pw.Database, *, backup: bool) -> MigrationResult:
    version = refuse_newer(database)
    if version == SCHEMA_VERSION:
        return MigrationResult(version, version)
    if version == 0:
        with database.atomic():
            database.create_tables(ALL_MODELS, safe=True)
            insert_default_alert_policy(database)
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
