"""Schema versions: create, upgrade an older database with data, refuse a newer one."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import peewee as pw
import pytest
from playhouse.migrate import SchemaMigrator, migrate

from db import models as m
from db.connection import connect
from db.migrations import (
    SCHEMA_VERSION,
    SchemaNotReady,
    SchemaTooNew,
    check_schema,
    init_db,
    stored_version,
)


def _set_version(version: int) -> None:
    m.SchemaVersion.update(version=version).where(m.SchemaVersion.id == 1).execute()


def _fill(count: int) -> None:
    """Customers with two health scores each; the newer one is the one that counts."""
    for i in range(count):
        c = m.Customer.create(name=f"C{i}", email=f"c{i}@example.com", account_value=Decimal("10"))
        m.CustomerHealthScore.create(
            customer=c,
            score=10,
            purchase_score=10,
            engagement_score=10,
            support_score=10,
            recency_score=10,
            computed_at=datetime(2026, 1, 1),
        )
        m.CustomerHealthScore.create(
            customer=c,
            score=50 + i,
            purchase_score=50,
            engagement_score=50,
            support_score=50,
            recency_score=50,
            computed_at=datetime(2026, 6, 1),
        )


def _downgrade_to_v1(database: pw.Database) -> None:
    """Make the database what version 1 created: no customer.health_score, version row 1."""
    database.execute_sql(
        f"DROP INDEX {m.HEALTH_INDEX}"
        + (" ON customer" if isinstance(database, pw.MySQLDatabase) else "")
    )
    migrate(SchemaMigrator.from_database(database).drop_column("customer", "health_score"))
    _set_version(1)
    assert "health_score" not in {c.name for c in database.get_columns("customer")}


def _counts() -> dict[str, int]:
    return {model._meta.table_name: model.select().count() for model in m.ALL_MODELS}


def test_new_database_gets_the_current_schema(database: pw.Database) -> None:
    assert stored_version(database) == SCHEMA_VERSION
    assert check_schema(database) == SCHEMA_VERSION
    again = init_db(database)
    assert (again.from_version, again.to_version) == (SCHEMA_VERSION, SCHEMA_VERSION)


def test_upgrade_from_version_1_keeps_every_row(database: pw.Database) -> None:
    _fill(5)
    _downgrade_to_v1(database)
    before = _counts()
    with pytest.raises(SchemaNotReady, match="run: churnwatch init-db"):
        check_schema(database)

    result = init_db(database)

    assert (result.from_version, result.to_version) == (1, SCHEMA_VERSION)
    assert _counts() == before
    scores = [c.health_score for c in m.Customer.select().order_by(m.Customer.id)]
    assert scores == [50, 51, 52, 53, 54], "backfilled from each customer's newest health score"
    assert m.HEALTH_INDEX in {ix.name for ix in database.get_indexes("customer")}


def test_a_half_applied_step_completes_when_run_again(database: pw.Database) -> None:
    """MySQL commits DDL at once: a step interrupted after adding its column must still finish."""
    _fill(2)
    _downgrade_to_v1(database)
    migrate(
        SchemaMigrator.from_database(database).add_column(
            "customer", "health_score", pw.SmallIntegerField(null=True)
        )
    )
    init_db(database)
    assert stored_version(database) == SCHEMA_VERSION
    assert [c.health_score for c in m.Customer.select().order_by(m.Customer.id)] == [50, 51]


def test_sqlite_file_is_backed_up_before_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    database, _ = connect(f"sqlite://{path}")
    init_db(database)
    _fill(3)
    _downgrade_to_v1(database)

    result = init_db(database)
    database.close()

    assert result.backup is not None and result.backup.exists()
    assert result.backup.name.startswith("cw.db.v1-")
    copy = sqlite3.connect(result.backup)
    try:
        assert copy.execute("SELECT version FROM schema_version").fetchone()[0] == 1
        assert copy.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 3
    finally:
        copy.close()


def test_a_newer_database_is_refused(database: pw.Database) -> None:
    _set_version(SCHEMA_VERSION + 1)
    message = f"schema version {SCHEMA_VERSION + 1}, newer than this ChurnWatch"
    with pytest.raises(SchemaTooNew, match=message):
        check_schema(database)
    with pytest.raises(SchemaTooNew, match=message):
        init_db(database)
    assert stored_version(database) == SCHEMA_VERSION + 1, "left untouched"


def test_empty_database_is_not_ready(tmp_path: Path) -> None:
    database, _ = connect(f"sqlite://{tmp_path / 'empty.db'}")
    try:
        with pytest.raises(SchemaNotReady, match="has no ChurnWatch tables"):
            check_schema(database)
    finally:
        database.close()
