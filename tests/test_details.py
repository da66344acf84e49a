"""The alert detail and ticket panel reads: everything the UI renders is fetched up front."""

from __future__ import annotations

from datetime import datetime, timedelta

from db import models as m
from desktop.core.read import details


def _users():
    return (
        m.User.create(username="sam", email="sam@x.example", display_name="Sam", password_hash="x"),
        m.User.create(username="ann", email="ann@x.example", display_name="Ann", password_hash="x"),
    )


def test_alert_detail_brings_its_customer_and_prediction(database):
    customer = m.Customer.create(name="Ada Byron", email="ada@shop.example")
    version = m.ModelVersion.create(name="v1", algorithm="logreg")
    prediction = m.ChurnPrediction.create(
        customer=customer, model_version=version, probability=0.83, risk_level="CRITICAL",
        factors=[{"name": "days_since_last_order", "contribution": 0.4}],
    )  # fmt: skip
    alert = m.Alert.create(
        type="churn_risk", priority="critical", customer=customer, prediction=prediction,
        title="Ada may churn",
    )  # fmt: skip
    system = m.Alert.create(type="system", priority="low", title="Scoring run finished")

    detail = details.load_alert(alert.id)
    assert detail.alert.title == "Ada may churn"
    assert detail.customer.name == "Ada Byron" and detail.prediction.probability == 0.83
    assert details.load_alert(system.id) == details.AlertDetail(
        details.load_alert(system.id).alert, None, None
    )
    m.Alert.delete().where(m.Alert.id == alert.id).execute()
    assert details.load_alert(alert.id) is None


def test_ticket_detail_thread_oldest_first_with_authors(database):
    sam, ann = _users()
    customer = m.Customer.create(name="Ada Byron", email="ada@shop.example")
    ticket = m.SupportTicket.create(
        number="T-000001", customer=customer, subject="Parcel lost", category="shipping",
        assignee=ann,
    )  # fmt: skip
    start = datetime(2024, 3, 1, 9)
    for minutes, author, from_customer, internal, body in [
        (0, None, True, False, "Where is my parcel?"),
        (30, sam, False, True, "Checking with the carrier"),
        (10, ann, False, False, "We are on it"),
    ]:
        m.TicketMessage.create(
            ticket=ticket, author=author, from_customer=from_customer, internal=internal,
            body=body, created_at=start + timedelta(minutes=minutes),
        )  # fmt: skip

    detail = details.load_ticket(ticket.id)
    assert detail.customer_name == "Ada Byron" and detail.assignee_name == "Ann"
    assert [(msg.author, msg.body, msg.internal) for msg in detail.messages] == [
        ("Customer", "Where is my parcel?", False),
        ("Ann", "We are on it", False),
        ("Sam", "Checking with the carrier", True),
    ]
    # A staff member whose account was removed is still shown as staff.
    m.TicketMessage.update(author=None).where(m.TicketMessage.author == sam.id).execute()
    assert details.load_ticket(ticket.id).messages[-1].author == "Staff"
    unassigned = m.SupportTicket.create(
        number="T-000002", customer=customer, subject="Other", category="billing"
    )
    assert details.load_ticket(unassigned.id).assignee_name is None
    assert details.load_ticket(unassigned.id).messages == []
    assert details.load_ticket(999_999) is None
