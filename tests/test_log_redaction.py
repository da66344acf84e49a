"""What users type never reaches a log, at any level: Peewee's statement parameters are redacted
and failures are logged without the driver's message."""

from __future__ import annotations

import logging

import peewee as pw
import pytest

from db import models as m
from db.choices import AlertType, Priority
from db.log_redaction import describe_failure, redact_sql
from desktop.core.read import listing as ls
from desktop.core.read import lists
from desktop.core.read.listing import ListQuery
from desktop.core.services import Services

# Recognisable texts, one per kind of typed input.
NOTE = "card 4111 1111 1111 1111 exp 12/29 zebracorn"
SUBJECT = "Refund for order of Mrs Quetzalcoatl"
RESOLUTION = "Called Mrs Quetzalcoatl back, xylophone agreed"
SEARCH = "quetzal-search-term"
EMAIL = "wombat.private@example.com"
SECRETS = (NOTE, SUBJECT, RESOLUTION, SEARCH, EMAIL, "4111", "zebracorn", "Quetzalcoatl", "wombat")


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    """Everything the records could show: the formatted text, and msg and args as given."""
    parts = [caplog.text]
    for record in caplog.records:
        parts += [record.getMessage(), repr(record.msg), repr(record.args)]
    return "\n".join(parts)


def test_typed_text_reaches_no_log_at_debug(
    database: pw.Database, caplog: pytest.LogCaptureFixture
) -> None:
    user = m.User.create(username="sam", email="sam@staff.example", display_name="Sam",
                         password_hash="x", role="supervisor")  # fmt: skip
    customer = m.Customer.create(name="Q. Customer", email=EMAIL)
    alert = m.Alert.create(
        type=AlertType.CHURN_RISK.value, customer=customer, title="Risk",
        priority=Priority.HIGH.value, dedupe_key="churn:1",
    )  # fmt: skip
    svc = Services(database, user)
    caplog.set_level(logging.DEBUG)  # the root logger: every logger at every level

    svc.add_note(customer.id, NOTE)
    svc.create_ticket(customer.id, SUBJECT)
    svc.resolve_alerts([alert.id], RESOLUTION)
    ls.fetch(lists.SPECS["customers"], ListQuery(search=SEARCH))
    ls.count(lists.SPECS["customers"], ListQuery(search=SEARCH))
    ls.fetch(lists.SPECS["customers"], ListQuery(search=EMAIL))

    # The writes and searches happened and were logged, statement by statement...
    assert m.CustomerNote.get().body == NOTE
    statements = [r.getMessage() for r in caplog.records if r.name == "peewee"]
    assert any("INSERT INTO" in s and "customer_note" in s for s in statements)
    assert any("customer_search_token" in s for s in statements)  # the word search
    assert all("parameter(s) redacted" in s for s in statements)
    # ... and nothing the user typed is in any of it.
    text = logged_text(caplog)
    for secret in SECRETS:
        assert secret not in text, secret


def test_literals_in_sql_text_are_redacted() -> None:
    sql = "SELECT 1 FROM t WHERE a = 'it''s 4111' AND b = 'x\\'y' AND c = ?"
    assert redact_sql(sql) == "SELECT 1 FROM t WHERE a = '?' AND b = '?' AND c = ?"


def test_a_failure_is_logged_without_the_values_its_message_quotes(database: pw.Database) -> None:
    # MySQL's message reads "Duplicate entry 'wombat.private@…' for key 'email'".
    m.Customer.create(name="A", email=EMAIL)
    with pytest.raises(pw.IntegrityError) as info, database.atomic():
        m.Customer.create(name="B", email=EMAIL)
    described = describe_failure(info.value)
    assert "IntegrityError" in described
    assert "test_log_redaction.py" in described  # where it happened
    assert "wombat" not in described
