"""Migrations cannot drift: a database migrated from version 1 reads exactly like a new one.

The version-1 and first-release schemas come from the first commit's models, frozen in
tests/schema_history/first_release.py; the comparison reads both databases back from the server
(tests/schema_snapshot.py). A model change without its migration step fails here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from db import migrations
from db import models as m
from db.connection import connect
from db.migrations import SCHEMA_VERSION, SchemaNotReady, check_schema, drop_all, init_db
from tests.schema_history.first_release import first_release_models
from tests.schema_snapshot import differences, snapshot


@pytest.fixture
def scratch(database: pw.Database) -> Iterator[pw.Database]:
    """The test's database without any table; left at the current schema afterwards (MySQL
    tests share one scratch database, so a failed test must not leave a drifted one behind)."""
    drop_all(database)
    yield database
    drop_all(database)
    init_db(database)


def _build_old(database: pw.Database, version: int) -> dict[str, type[pw.Model]]:
    """The first release's tables, at `version` 1 (before step 2) or 2 (what it stamped)."""
    models = first_release_models(database, health_score=version >= 2)
    database.create_tables(models)
    models[0].insert(id=1, version=version).execute()
    return {model._meta.table_name: model for model in models}


def _fresh_snapshot(database: pw.Database) -> dict[str, Any]:
    drop_all(database)
    init_db(database)
    return snapshot(database)


def _assert_no_drift(database: pw.Database) -> None:
    migrated = snapshot(database)
    fresh = _fresh_snapshot(database)
    assert differences(migrated, fresh) == []


def test_migrating_from_version_1_gives_the_schema_of_a_new_database(
    scratch: pw.Database,
) -> None:
    _build_old(scratch, 1)
    with pytest.raises(SchemaNotReady, match="run: churnwatch init-db"):
        check_schema(scratch)

    result = init_db(scratch)

    assert (result.from_version, result.to_version) == (1, SCHEMA_VERSION)
    _assert_no_drift(scratch)


def test_a_missing_part_of_a_step_is_caught(
    scratch: pw.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard itself: leave the prediction table's part out of step 3 and the comparison
    names what is left over (the dropped indexes; on MySQL the FLOAT columns too)."""
    monkeypatch.setattr(
        migrations,
        "_STEP_3",
        tuple(c for c in migrations._STEP_3 if c.table != "churn_prediction"),
    )
    _build_old(scratch, 1)
    init_db(scratch)

    drift = differences(snapshot(scratch), _fresh_snapshot(scratch))

    assert any("churn_prediction: index churn_prediction_probability" in d for d in drift), drift
    if isinstance(scratch, pw.MySQLDatabase):
        assert any("column probability: ('float'" in d for d in drift), drift


def test_steps_complete_when_run_again(scratch: pw.Database) -> None:
    """MySQL commits DDL at once: a step cut off halfway (here: step 3 done for the customer
    table only) completes on the next init-db, and a step run over a finished one is harmless."""
    _build_old(scratch, 2)
    customer_part = next(c for c in migrations._STEP_3 if c.table == "customer")
    migrations._apply(scratch, replace(customer_part, drop_indexes=customer_part.drop_indexes[:2]))
    init_db(scratch)
    m.SchemaVersion.update(version=1).execute()

    again = init_db(scratch)

    assert (again.from_version, again.to_version) == (1, SCHEMA_VERSION)
    _assert_no_drift(scratch)


# --- an old database holding data -------------------------------------------------------------


def _fill_first_release(t: dict[str, type[pw.Model]]) -> None:
    """A row or two in every table, with values that show a loss: accents, a 60,000-character
    message (TEXT held it; MEDIUMTEXT must keep it), fractions in FLOAT columns, a blob."""
    user = t["user"].create(
        username="ann", email="ann@example.com", display_name="Ann Ör", password_hash="x"
    )
    ada = t["customer"].create(
        name="Zoë Ünal",
        email="Zoe.Unal@Example.COM",  # stored before emails were lower-cased
        account_value=Decimal("1234.56"),
        total_spent=Decimal("99.95"),
        email_engagement_rate=0.4375,
        discount_usage=0.1234567,
        churn_probability=0.87654321,
        risk_level="CRITICAL",
        health_score=41,
        custom_attributes={"tier": "gold", "n": [1, 2]},
        customer_since=date(2024, 2, 29),
    )
    bob = t["customer"].create(
        name="Bob", email="bob@example.com", account_value=5, deleted_at=datetime(2026, 3, 1)
    )
    order = t["orders"].create(order_number="ORD-1", customer=ada, total=Decimal("42.10"))
    t["order_item"].create(order=order, sku="S1", name="Mug", quantity=2, unit_price=21.05)
    plan = t["plan"].create(name="Pro", price=Decimal("9.99"))
    sub = t["subscription"].create(customer=ada, plan=plan, cancel_reason="too dear")
    card = t["payment_method"].create(
        customer=ada, brand="visa", last_four="4242", expiry_month=5, expiry_year=2031
    )
    t["payment_transaction"].create(
        customer=ada, subscription=sub, order=order, payment_method=card, amount=9.99, status="ok"
    )
    t["customer_event"].create(customer=bob, category="support", event_type="x", data={"a": 1})
    ticket = t["support_ticket"].create(
        number="T-000001", customer=ada, subject="Broken mug", category="product"
    )
    t["ticket_message"].create(ticket=ticket, author=user, body="long message " * 4615)
    model = t["model_version"].create(
        name="m1", algorithm="logreg", threshold=0.37, artifact=b"\x00\xffskops", metrics={"a": 1}
    )
    run = t["scoring_run"].create(model_version=model, total_customers=2, error="é" * 100)
    t["scoring_chunk"].create(run=run, seq=0, first_customer_id=1, last_customer_id=2)
    prediction = t["churn_prediction"].create(
        customer=ada, model_version=model, run=run, probability=0.9, risk_level="CRITICAL",
        confidence=0.25, factors=[{"f": "x", "w": 0.5}],
    )  # fmt: skip
    t["alert"].create(
        type="churn_risk", priority="high", customer=ada, prediction=prediction,
        title="Churn risk", message="m", resolution_note="called ✓", dedupe_key="k1",
    )  # fmt: skip
    t["system_metric"].create(name="score.ms", value=3.14159, tags={"run": 1})
    t["customer_note"].create(customer=ada, author=user, body="prefers email 📧")
    tag = t["customer_tag"].create(name="vip")
    t["customer_tag_assignment"].create(customer=ada, tag=tag, assigned_by=user)
    segment = t["customer_segment"].create(name="loyal", criteria={"min": 3})
    t["customer_segment_assignment"].create(customer=bob, segment=segment)
    t["customer_health_score"].create(
        customer=ada, score=41, purchase_score=1, engagement_score=2, support_score=3,
        recency_score=4, factors={"p": 1},
    )  # fmt: skip
    t["intervention"].create(
        customer=ada, user=user, channel="phone", kind="call", notes="left a message"
    )
    t["audit_log"].create(user=user, action="note.add", entity="CustomerNote", after={"b": "x"})


def _rows(database: pw.Database, table: str) -> list[dict[str, Any]]:
    cursor = database.execute_sql(
        f"SELECT * FROM {database.quote[0]}{table}{database.quote[1]} ORDER BY id"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, float):
        # FLOAT → DOUBLE keeps the single-precision value stored; MySQL prints a FLOAT with six
        # significant digits (0.123457), the DOUBLE it becomes with all (0.12345670163631439).
        return isinstance(after, float) and math.isclose(before, after, rel_tol=1e-5)
    if isinstance(before, (bytes, bytearray, memoryview)):
        return bytes(before) == bytes(after)
    return bool(before == after)


def test_a_first_release_database_with_data_is_upgraded_without_loss(
    scratch: pw.Database,
) -> None:
    tables = _build_old(scratch, 2)
    _fill_first_release(tables)
    before = {table: _rows(scratch, table) for table in tables}
    with pytest.raises(SchemaNotReady, match="at schema version 2; run: churnwatch init-db"):
        check_schema(scratch)

    init_db(scratch)

    after = {table: _rows(scratch, table) for table in tables}
    assert {t: len(r) for t, r in after.items()} == {t: len(r) for t, r in before.items()}
    assert all(before[t] for t in tables if t != "schema_version"), "every table held data"
    lost = [
        f"{table}.{column} #{old['id']}: {value!r} -> {new.get(column, 'missing')!r}"
        for table in tables
        for old, new in zip(before[table], after[table], strict=True)
        for column, value in old.items()
        if (table, column) not in {("customer", "email"), ("schema_version", "version")}
        and not _same(value, new.get(column))
    ]
    assert lost == []
    emails = [c.email for c in m.Customer.select().order_by(m.Customer.id)]
    assert emails == ["zoe.unal@example.com", "bob@example.com"], "stored lower-case"
    assert m.ScoringRun.get().risk_counts is None
    assert len(m.TicketMessage.get().body) == len("long message ") * 4615
    _assert_no_drift(scratch)


def test_an_email_whose_lower_case_form_is_taken_is_left_as_it_is(tmp_path: Path) -> None:
    """Only SQLite can hold both (MySQL's unique index ignores case): the upgrade lower-cases
    the rest and keeps that one, instead of failing on the unique index."""
    database, _ = connect(f"sqlite://{tmp_path / 'old.db'}")
    tables = _build_old(database, 2)
    for email in ("Ann@Example.com", "ann@example.com", "Bob@Example.com"):
        tables["customer"].create(name="x", email=email, account_value=1)

    init_db(database)

    emails = [c.email for c in m.Customer.select().order_by(m.Customer.id)]
    database.close()
    assert emails == ["Ann@Example.com", "ann@example.com", "bob@example.com"]
