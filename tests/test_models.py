"""The models on both backends: constraints, validation messages, cascades, field round-trips."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import peewee as pw
import pytest

from db import models as m
from db.passwords import hash_password
from db.validation import ValidationError

# MariaDB reports a failed CHECK as error 4025, which peewee maps to OperationalError.
CONSTRAINT_ERRORS = (pw.IntegrityError, pw.OperationalError)

# The users made here only fill a column; their passwords are tested elsewhere.
pytestmark = pytest.mark.usefixtures("cheap_password_hashing")


def make_user(username: str = "agent") -> m.User:
    return m.User.create(
        username=username,
        email=f"{username}@staff.example",
        display_name=username.title(),
        role="agent",
        password_hash=hash_password("pw"),
    )


def make_customer(email: str = "ada@example.com", **kwargs: object) -> m.Customer:
    return m.Customer.create(
        name="Ada Lovelace", email=email, account_value=Decimal("19.90"), **kwargs
    )


def test_unique_customer_email(database: pw.Database) -> None:
    make_customer("same@example.com")
    with pytest.raises(pw.IntegrityError), database.atomic():
        make_customer("same@example.com")
    assert m.Customer.select().count() == 1


def test_unique_order_number_and_ticket_number(database: pw.Database) -> None:
    c = make_customer()
    m.Order.create(order_number="ORD-1", customer=c)
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.Order.create(order_number="ORD-1", customer=c)
    m.SupportTicket.create(number="T-1", customer=c, subject="Late", category="shipping")
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.SupportTicket.create(number="T-1", customer=c, subject="Again", category="shipping")


def test_tag_assigned_once_per_customer(database: pw.Database) -> None:
    c = make_customer()
    tag = m.CustomerTag.create(name="VIP", color="#FFAA00")
    m.CustomerTagAssignment.create(customer=c, tag=tag)
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.CustomerTagAssignment.create(customer=c, tag=tag)
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.CustomerTag.create(name="VIP", color="#000000")


def test_open_alert_dedupe_key_is_unique(database: pw.Database) -> None:
    c = make_customer()
    m.Alert.create(type="card_expiring", priority="high", customer=c, title="Card", dedupe_key="k1")
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.Alert.create(
            type="card_expiring", priority="high", customer=c, title="Card", dedupe_key="k1"
        )
    # Alerts without a key (closed ones) do not collide.
    m.Alert.create(type="system", priority="low", title="A", dedupe_key=None)
    m.Alert.create(type="system", priority="low", title="B", dedupe_key=None)


def test_one_prediction_per_customer_and_run(database: pw.Database) -> None:
    c = make_customer()
    version = m.ModelVersion.create(name="v1", algorithm="logreg")
    run = m.ScoringRun.create(model_version=version)
    m.ChurnPrediction.create(
        customer=c, model_version=version, run=run, probability=0.5, risk_level="MEDIUM"
    )
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.ChurnPrediction.create(
            customer=c, model_version=version, run=run, probability=0.6, risk_level="HIGH"
        )


def test_foreign_keys_are_enforced(database: pw.Database) -> None:
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.Order.insert(order_number="ORD-X", customer=999_999).execute()


def test_validation_names_each_field(database: pw.Database) -> None:
    with pytest.raises(ValidationError) as info:
        m.Customer.create(name=" ", email="not-an-email", account_value=0)
    errors = info.value.errors
    assert errors["email"] == "'not-an-email' is not a valid email address"
    assert errors["account_value"] == "the account value must be a positive amount"
    assert errors["name"] == "a name is required"
    assert m.Customer.select().count() == 0


def test_payment_method_rules_from_the_seed(database: pw.Database) -> None:
    c = make_customer()
    this_year = m.utcnow().year
    with pytest.raises(ValidationError) as info:
        m.PaymentMethod.create(
            customer=c, brand="visa", last_four="12a4", expiry_month=13, expiry_year=this_year - 1
        )
    errors = info.value.errors
    assert errors["last_four"] == "the last four digits must be exactly 4 digits (0–9)"
    assert errors["expiry_month"] == "the expiry month must be between 1 and 12"
    assert errors["expiry_year"] == f"the expiry year must be {this_year} or later"
    card = m.PaymentMethod.create(
        customer=c, brand="visa", last_four="4242", expiry_month=12, expiry_year=this_year
    )
    # An existing card may pass its expiry and still be saved (status expired).
    card.expiry_year = this_year - 1
    card.status = "expired"
    card.save()


def test_database_checks_guard_bulk_writes_too(database: pw.Database) -> None:
    """Writes that skip model validation still cannot store an impossible expiry month."""
    c = make_customer()
    with pytest.raises(CONSTRAINT_ERRORS), database.atomic():
        m.PaymentMethod.insert(
            customer=c, brand="visa", last_four="4242", expiry_month=13, expiry_year=2030
        ).execute()
    with pytest.raises(CONSTRAINT_ERRORS), database.atomic():
        m.PaymentMethod.insert(
            customer=c,
            brand="visa",
            last_four="4242",
            expiry_month=1,
            expiry_year=2030,
            failure_count=-1,
        ).execute()


def test_deleting_a_customer_removes_their_history(database: pw.Database) -> None:
    staff = make_user()
    c = make_customer()
    order = m.Order.create(order_number="ORD-1", customer=c)
    m.OrderItem.create(order=order, sku="SKU-1", name="Mug", quantity=2, unit_price=Decimal("7.50"))
    m.CustomerEvent.create(customer=c, category="engagement", event_type="login", order=order)
    m.CustomerNote.create(customer=c, author=staff, body="Called, no answer")
    tag = m.CustomerTag.create(name="VIP")
    m.CustomerTagAssignment.create(customer=c, tag=tag, assigned_by=staff)
    ticket = m.SupportTicket.create(
        number="T-1", customer=c, subject="Where is it", category="shipping"
    )
    m.TicketMessage.create(ticket=ticket, from_customer=True, body="Still waiting")
    other = make_customer("other@example.com")
    m.Order.create(order_number="ORD-2", customer=other)

    c.delete_instance()

    assert m.Order.select().count() == 1
    assert m.OrderItem.select().count() == 0
    assert m.CustomerEvent.select().count() == 0
    assert m.CustomerNote.select().count() == 0
    assert m.TicketMessage.select().count() == 0
    assert m.CustomerTag.select().count() == 1, "the tag itself stays for other customers"
    assert m.User.select().count() == 1


def test_removing_staff_keeps_their_work(database: pw.Database) -> None:
    staff = make_user()
    c = make_customer()
    ticket = m.SupportTicket.create(
        number="T-1", customer=c, subject="Refund", category="billing", assignee=staff
    )
    staff.delete_instance()
    assert m.SupportTicket.get_by_id(ticket.id).assignee is None


def test_staff_with_notes_cannot_be_deleted(database: pw.Database) -> None:
    """Notes keep their author: deactivate staff instead of deleting them."""
    staff = make_user()
    m.CustomerNote.create(customer=make_customer(), author=staff, body="VIP, handle with care")
    with pytest.raises(pw.IntegrityError), database.atomic():
        staff.delete_instance()


def test_json_and_large_blobs_round_trip(database: pw.Database) -> None:
    c = make_customer(custom_attributes={"plan": "Pro", "seats": 12, "tags": ["été", "東京"]})
    assert m.Customer.get_by_id(c.id).custom_attributes == {
        "plan": "Pro",
        "seats": 12,
        "tags": ["été", "東京"],
    }
    artifact = bytes(range(256)) * 1024  # 256 KiB: more than a MySQL BLOB holds
    version = m.ModelVersion.create(name="big", algorithm="hgb", artifact=artifact)
    assert bytes(m.ModelVersion.get_by_id(version.id).artifact) == artifact


def test_save_moves_updated_at(database: pw.Database) -> None:
    c = make_customer()
    earlier = datetime(2020, 1, 1)
    m.Customer.update(updated_at=earlier).where(m.Customer.id == c.id).execute()
    c = m.Customer.get_by_id(c.id)
    c.phone = "+33 1 23 45 67 89"
    c.save()
    assert m.Customer.get_by_id(c.id).updated_at > earlier + timedelta(days=1)


@pytest.mark.parametrize(
    ("model", "columns"),
    [
        (m.Customer, ["deleted_at", "churn_probability", "account_status", "health_score", "name"]),
        (m.Alert, ["status", "priority", "type", "customer_id", "assignee_id"]),
        (m.SupportTicket, ["status", "priority", "assignee_id", "customer_id", "opened_at"]),
        (m.CustomerEvent, ["customer_id", "occurred_at", "category"]),
        (m.Order, ["customer_id", "placed_at", "status"]),
        (m.ChurnPrediction, ["customer_id", "scored_at", "run_id"]),
    ],
)
def test_list_columns_are_indexed(
    database: pw.Database, model: type[m.BaseModel], columns: list[str]
) -> None:
    """Lists filter and sort by these columns; each must lead some index."""
    leading = {ix.columns[0] for ix in database.get_indexes(model._meta.table_name)}
    assert set(columns) <= leading


def test_customer_email_is_stored_lower_case(database: pw.Database) -> None:
    """Email prefix search walks an index of lower-case emails."""
    c = make_customer("  Ada.Lovelace@Example.COM ")
    assert m.Customer.get_by_id(c.id).email == "ada.lovelace@example.com"
    with pytest.raises(pw.IntegrityError), database.atomic():
        make_customer("ADA.LOVELACE@example.com")
