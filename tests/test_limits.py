"""No silent truncation: the same input is stored whole or refused with a message, on both backends.

The inputs the issue observed being cut on MySQL (a 70,000-character note, a 300-character tag
name, a ticket message or resolution note over 65,535 bytes, 10^12 in an INT column) go through
the service layer on SQLite and MariaDB; MySQL sessions run strict, so what slips past validation
is refused by the server itself, and nothing of this leaves a connection that no longer works.
"""

from __future__ import annotations

import re
from decimal import Decimal

import peewee as pw
import pytest

from db import limits
from db import models as m
from db.choices import AlertStatus, AlertType, Channel, InterventionKind, Priority
from db.fields import USER_TEXT_MAX_CHARS, JSONField, MediumTextField
from db.guard import StatementTooLarge
from db.validation import ValidationError
from desktop.core.read import listing, lists
from desktop.core.read.listing import ListQuery
from desktop.core.services import Services

LONG_NOTE = ("Called about the renewal; " * 2700)[:70_000]  # the note MySQL cut to 65,535 bytes
TOO_LONG = "x" * (USER_TEXT_MAX_CHARS + 1)
LIMIT_MESSAGE = f"at most {USER_TEXT_MAX_CHARS:,} characters (this is {USER_TEXT_MAX_CHARS + 1:,})"


def _alive(database: pw.Database) -> None:
    """The same connection still answers, and still writes."""
    assert database.execute_sql("SELECT 1").fetchone()[0] == 1
    row = m.SystemMetric.create(name="still.alive", value=1.0)
    assert m.SystemMetric.get_by_id(row.id).name == "still.alive"


mysql_only = pytest.mark.parametrize(
    "db_url", [pytest.param("mysql", marks=pytest.mark.mysql)], indirect=True
)


@pytest.fixture
def svc(database: pw.Database) -> Services:
    user = m.User.create(  # a supervisor: these tests create tags and resolve in bulk
        username="lead", email="lead@staff.example", display_name="Lead", password_hash="x",
        role="supervisor",
    )  # fmt: skip
    return Services(database, user)


@pytest.fixture
def customer(database: pw.Database) -> m.Customer:
    return m.Customer.create(name="Ann Lee", email="ann@example.com", account_value=10)


def _alerts(customer: m.Customer, count: int) -> list[int]:
    m.Alert.insert_many(
        [
            {
                "type": AlertType.CHURN_RISK.value,
                "priority": Priority.HIGH.value,
                "customer": customer.id,
                "title": f"Alert {i}",
                "dedupe_key": f"k{i}",
            }
            for i in range(count)
        ]
    ).execute()
    return [a.id for a in m.Alert.select(m.Alert.id).order_by(m.Alert.id)]


# --- MySQL runs strict ------------------------------------------------------------------------


@mysql_only
def test_every_mysql_session_runs_in_strict_mode(database: pw.Database) -> None:
    wanted = {
        "STRICT_ALL_TABLES",
        "PIPES_AS_CONCAT",
        "NO_ZERO_DATE",
        "NO_ZERO_IN_DATE",
        "ERROR_FOR_DIVISION_BY_ZERO",
        "NO_ENGINE_SUBSTITUTION",
    }
    modes = set(database.execute_sql("SELECT @@SESSION.sql_mode").fetchone()[0].split(","))
    assert wanted <= modes
    database.close()
    database.connect()  # a reconnected session is strict too
    modes = set(database.execute_sql("SELECT @@SESSION.sql_mode").fetchone()[0].split(","))
    assert wanted <= modes


@mysql_only
def test_the_server_itself_refuses_what_bypasses_validation(
    database: pw.Database, customer: m.Customer
) -> None:
    """insert()/update() skip the model's validation: strict mode refuses instead of cutting."""
    with pytest.raises(ValidationError, match="name: too long for its database column"):
        m.CustomerTag.insert(name="t" * 300).execute()
    assert m.CustomerTag.select().count() == 0, "not stored cut to 48 characters"
    with pytest.raises(ValidationError, match="loyalty_points: out of range"):
        m.Customer.update(loyalty_points=10**12).where(m.Customer.id == customer.id).execute()
    assert m.Customer.get_by_id(customer.id).loyalty_points == 0, "not clamped to 2,147,483,647"
    with (
        pytest.raises(ValidationError, match="message: too long for its database column"),
        database.atomic(),
    ):
        database.execute_sql(
            "INSERT INTO alert (created_at, updated_at, type, priority, status, title, message,"
            " version) VALUES (NOW(), NOW(), 'system', 'low', 'open', 't', %s, 1)",
            ("x" * 70_000,),  # beyond TEXT's 65,535 bytes
        )
    with pytest.raises(ValidationError, match="message: does not fit its database column"):
        m.Alert.insert(type="system", priority="low", title="t", message="é" * 40_000).execute()
    assert m.Alert.select().count() == 0
    _alive(database)


# --- the inputs, through the services -------------------------------------------------


def test_a_70000_character_note_is_stored_whole(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    note = svc.add_note(customer.id, LONG_NOTE)
    assert m.CustomerNote.get_by_id(note.id).body == LONG_NOTE
    svc.edit_note(note.id, LONG_NOTE + " Again.")
    assert m.CustomerNote.get_by_id(note.id).body == LONG_NOTE + " Again."


def test_a_note_over_the_cap_is_refused_naming_field_and_limit(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    with pytest.raises(ValidationError) as refused:
        svc.add_note(customer.id, TOO_LONG)
    assert refused.value.errors == {"body": LIMIT_MESSAGE}
    assert f"body: {LIMIT_MESSAGE}" in str(refused.value)
    assert m.CustomerNote.select().count() == 0
    note = svc.add_note(customer.id, "short")
    with pytest.raises(ValidationError, match="body: at most 100,000 characters"):
        svc.edit_note(note.id, TOO_LONG)
    assert m.CustomerNote.get_by_id(note.id).body == "short"


def test_a_300_character_tag_name_is_refused(database: pw.Database, svc: Services) -> None:
    with pytest.raises(ValidationError) as refused:
        svc.create_tag("t" * 300)
    assert refused.value.errors == {"name": "at most 48 characters (this is 300)"}
    assert m.CustomerTag.select().count() == 0
    assert svc.create_tag("t" * 48).name == "t" * 48


def test_ticket_messages_fit_a_long_text_and_refuse_a_longer_one(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    ticket = svc.create_ticket(customer.id, "Broken", body=LONG_NOTE)
    assert m.TicketMessage.get().body == LONG_NOTE
    with pytest.raises(ValidationError, match=re.escape(f"body: {LIMIT_MESSAGE}")):
        svc.add_message(ticket.id, TOO_LONG)
    with pytest.raises(ValidationError, match="body: at most 100,000"):
        svc.create_ticket(customer.id, "Also broken", body=TOO_LONG)
    assert m.SupportTicket.select().count() == 1, "the refused ticket was not half-created"
    assert m.TicketMessage.select().count() == 1
    with pytest.raises(ValidationError, match=r"subject: .*200 characters"):
        svc.create_ticket(customer.id, "s" * 201)


def test_resolution_notes_fit_a_long_text_and_refuse_a_longer_one(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    first, second = _alerts(customer, 2)
    with pytest.raises(ValidationError, match=re.escape(f"resolution_note: {LIMIT_MESSAGE}")):
        svc.resolve_alerts([first], TOO_LONG)
    assert m.Alert.get_by_id(first).status == AlertStatus.OPEN.value
    svc.resolve_alerts([first, second], LONG_NOTE)
    assert {a.resolution_note for a in m.Alert.select()} == {LONG_NOTE}


def test_a_bulk_resolve_with_a_note_at_the_cap_fits_in_the_server_packet(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    """200 audit rows quoting a 100,000-character note were one 20 MB INSERT, beyond MariaDB's
    16 MiB max_allowed_packet: the audit rows are now sent in statements of about 1 MB."""
    ids = _alerts(customer, 200)
    note = "n" * USER_TEXT_MAX_CHARS
    result = svc.resolve_alerts(ids, note)
    assert result.changed == 200
    assert m.Alert.select().where(m.Alert.resolution_note == note).count() == 200
    assert m.AuditLog.select().where(m.AuditLog.action == "alert.resolve").count() == 200


def test_intervention_notes_fit_a_long_text_and_refuse_a_longer_one(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    row = svc.log_intervention(customer.id, Channel.PHONE.value, InterventionKind.CHECK_IN.value)
    with pytest.raises(ValidationError, match="notes: at most 100,000"):
        svc.log_intervention(customer.id, Channel.PHONE.value, "check_in", notes=TOO_LONG)
    svc.record_outcome(row.id, "retained", notes=LONG_NOTE)
    assert m.Intervention.get_by_id(row.id).notes == LONG_NOTE


def test_numbers_beyond_their_column_are_refused(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    customer.loyalty_points = 10**12
    with pytest.raises(ValidationError) as refused:
        customer.save()
    assert refused.value.errors == {"loyalty_points": "at most 2,147,483,647"}
    customer.loyalty_points = -(2**31) - 1
    with pytest.raises(ValidationError, match="loyalty_points: at least -2,147,483,648"):
        customer.save()
    assert m.Customer.get_by_id(customer.id).loyalty_points == 0
    card = m.PaymentMethod(
        customer=customer, brand="visa", last_four="4242", expiry_month=1, expiry_year=40_000
    )
    with pytest.raises(ValidationError, match="expiry_year: at most 32,767"):
        card.save()
    row = svc.log_intervention(customer.id, Channel.PHONE.value, InterventionKind.CHECK_IN.value)
    with pytest.raises(ValidationError, match=r"revenue_retained: at most 9,999,999,999\.99"):
        svc.record_outcome(row.id, "retained", revenue_retained=10**12)
    svc.record_outcome(row.id, "retained", revenue_retained=Decimal("9999999999.99"))
    assert m.Intervention.get_by_id(row.id).revenue_retained == Decimal("9999999999.99")


# --- what neither backend can take --------------------------------------------------------------


def test_a_lone_surrogate_is_a_message_naming_the_field(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    with pytest.raises(ValidationError) as refused:
        svc.add_note(customer.id, "half an emoji \ud83d here")
    assert refused.value.errors == {"body": limits.SURROGATE_MESSAGE}
    with pytest.raises(ValidationError, match="name: contains a character that cannot be stored"):
        svc.create_tag("tag\udfff")
    _alive(database)


def test_a_lone_surrogate_past_validation_leaves_the_connection_working(
    database: pw.Database, svc: Services, customer: m.Customer
) -> None:
    """The driver refuses to encode it before anything is sent: a message, inside a
    transaction or not, and the same connection goes on."""
    with pytest.raises(ValidationError, match="text: contains a character that cannot be stored"):
        m.CustomerTag.insert(name="\ud800").execute()
    with pytest.raises(ValidationError, match="cannot be stored"), database.atomic():
        m.CustomerTag.insert(name="fine").execute()
        m.CustomerTag.insert(name="\ud800x").execute()
    assert m.CustomerTag.select().count() == 0, "the transaction was rolled back"
    _alive(database)


def test_a_search_longer_than_any_value_is_a_message(
    database: pw.Database, customer: m.Customer
) -> None:
    """Refused rather than sent (SQLite refuses a LIKE pattern over 50,000 bytes; nothing over
    254 characters, the longest searchable value, can match anyway)."""
    spec = lists.SPECS["customers"]
    for text in ("a" * 255, "a" * 60_000):
        query = ListQuery(search=text)
        with pytest.raises(ValidationError, match="search: at most 254 characters"):
            listing.count(spec, query)
        with pytest.raises(ValidationError, match="search: at most 254 characters"):
            listing.fetch(spec, query)
        with pytest.raises(ValidationError, match="search: at most 254 characters"):
            next(listing.matching_ids(spec, query))
    with pytest.raises(ValidationError, match="search: contains a character"):
        listing.count(lists.SPECS["tickets"], ListQuery(search="ann\ud800"))
    longest = "a" * 254
    assert listing.count(spec, ListQuery(search=longest)) == 0
    assert listing.count(spec, ListQuery(search="Ann")) == 1
    _alive(database)


@mysql_only
def test_a_statement_over_max_allowed_packet_is_a_message_and_the_connection_lives(
    database: pw.Database,
) -> None:
    limit = int(database.execute_sql("SELECT @@max_allowed_packet").fetchone()[0])
    huge = "x" * (limit + 1024)
    with pytest.raises(StatementTooLarge, match="too much data for one statement") as refused:
        database.execute_sql("SELECT LENGTH(%s)", (huge,))
    assert f"at most {limit / 1e6:.1f} MB" in str(refused.value)
    _alive(database)
    # Inside a transaction MariaDB drops the connection mid-send (2013, then InterfaceError on
    # every later query): the message is the same and the thread gets a working connection.
    with pytest.raises(StatementTooLarge), database.atomic():
        m.SystemMetric.create(name="rolled.back", value=1.0)
        database.execute_sql("SELECT LENGTH(%s)", (huge,))
    assert m.SystemMetric.select().where(m.SystemMetric.name == "rolled.back").count() == 0
    _alive(database)


# --- the rules, read from the field definitions ------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (pw.CharField(max_length=48), "t" * 49, "at most 48 characters (this is 49)"),
        (pw.CharField(max_length=48), "é" * 48, None),  # characters, not bytes
        (pw.TextField(), "x" * (limits.TEXT_MAX_CHARS + 1), "at most 16,383 characters"),
        (MediumTextField(), "x" * USER_TEXT_MAX_CHARS, None),
        (MediumTextField(max_chars=10), "x" * 11, "at most 10 characters"),
        (JSONField(), "x" * 10_000_000, None),  # LONGTEXT, ChurnWatch's own
        (pw.TextField(), "ok \ud800", limits.SURROGATE_MESSAGE),
        (pw.IntegerField(), 2**31 - 1, None),
        (pw.IntegerField(), 2**31, "at most 2,147,483,647"),
        (pw.SmallIntegerField(), 2**15, "at most 32,767"),
        (pw.SmallIntegerField(), -(2**15) - 1, "at least -32,768"),
        (pw.BigIntegerField(), 2**62, None),
        (pw.BigIntegerField(), 2**63, "at most 9,223,372,036,854,775,807"),
        (m.CustomerNote.customer, 10**12, "at most 2,147,483,647"),
        (pw.DecimalField(max_digits=12, decimal_places=2), Decimal("9999999999.99"), None),
        (pw.DecimalField(max_digits=12, decimal_places=2), 10**10, "at most 9,999,999,999.99"),
        (pw.DecimalField(max_digits=5, decimal_places=2), 999.996, "at most 999.99"),
        (pw.DecimalField(max_digits=5, decimal_places=2), float("nan"), "finite"),
        (pw.DoubleField(), float("inf"), "must be a finite number"),
        (pw.BooleanField(), True, None),
        (pw.IntegerField(), m.Customer.loyalty_points + 1, None),  # an expression: the database's
    ],
)
def test_field_rules(field: pw.Field, value: object, message: str | None) -> None:
    got = limits.field_error(field, value)
    assert (got is None) if message is None else (got is not None and message in got), got


def test_row_errors_check_insert_and_update_values_by_field_or_name() -> None:
    errors = limits.row_errors(
        m.CustomerNote, {m.CustomerNote.body: TOO_LONG, "version": 10**12, "unknown": 1}
    )
    assert errors == {"body": LIMIT_MESSAGE, "version": "at most 2,147,483,647"}
    with pytest.raises(ValidationError, match="CustomerTag is not valid – name: at most 48"):
        limits.check_row(m.CustomerTag, {"name": "t" * 49})
