"""The service layer on SQLite and MariaDB: validation, optimistic locking, audit, atomicity."""

from __future__ import annotations

import pytest

from db import models as m
from db.choices import AccountStatus, AlertStatus, AlertType, Priority, TicketStatus
from db.passwords import hash_password
from db.tasks import Cancelled, TaskState
from db.validation import ValidationError
from desktop.core.auth import SignInError, sign_in
from desktop.core.services import (
    BATCH,
    InvalidTransition,
    NotAllowed,
    Services,
    StaleWrite,
)


def make_user(username: str = "agent", role: str = "agent", **kw) -> m.User:
    return m.User.create(
        username=username,
        email=f"{username}@staff.example",
        display_name=username.title(),
        role=role,
        password_hash=kw.pop("password_hash", "x"),
        **kw,
    )


def make_customer(n: int = 1, **kw) -> m.Customer:
    return m.Customer.create(name=f"Customer {n}", email=f"c{n}@example.com", **kw)


def make_alert(customer: m.Customer | None, n: int = 1, **kw) -> m.Alert:
    kw.setdefault("priority", Priority.HIGH.value)
    return m.Alert.create(
        type=AlertType.CHURN_RISK.value,
        customer=customer,
        title=f"Alert {n}",
        dedupe_key=f"churn:{n}",
        **kw,
    )


@pytest.fixture
def svc(database) -> Services:
    """A supervisor's services: these tests exercise every write (tags, account status, bulk
    actions); what each role may do is tests/test_permissions.py."""
    return Services(database, make_user("lead1", role="supervisor"))


def audit(action: str) -> list[m.AuditLog]:
    return list(m.AuditLog.select().where(m.AuditLog.action == action).order_by(m.AuditLog.id))


def test_sign_in_checks_hash_records_login_and_refuses_inactive(database, cheap_password_hashing):
    # The hashing cost itself is tested in test_passwords.
    user = make_user("sam", password_hash=hash_password("right"))
    make_user("gone", password_hash=hash_password("pw"), active=False)
    with pytest.raises(SignInError, match="wrong username or password"):
        sign_in(database, "sam", "wrong")
    with pytest.raises(SignInError, match="wrong username or password"):
        sign_in(database, "nobody", "right")
    with pytest.raises(SignInError, match="disabled"):
        sign_in(database, "gone", "pw")
    signed = sign_in(database, "sam", "right")
    assert signed.id == user.id
    assert m.User.get_by_id(user.id).last_login_at is not None
    assert "password_hash" not in str(audit("user.sign_in")[0].after)


def test_notes_are_authored_by_me_and_only_mine_can_change(database, svc):
    customer = make_customer()
    note = svc.add_note(customer.id, "  Called, no answer ")
    assert note.author_id == svc.user.id and note.body == "Called, no answer"
    svc.edit_note(note.id, "Called twice", version=note.version)
    assert m.CustomerNote.get_by_id(note.id).body == "Called twice"
    [edit] = audit("note.edit")
    assert edit.before == {"body": "Called, no answer"} and edit.after == {"body": "Called twice"}
    assert edit.user_id == svc.user.id

    other = Services(database, make_user("other"))
    with pytest.raises(NotAllowed, match="your own notes"):
        other.edit_note(note.id, "mine now")
    with pytest.raises(NotAllowed):
        other.delete_note(note.id)

    with pytest.raises(ValidationError) as err:
        svc.add_note(customer.id, "   ")
    assert "body" in err.value.errors
    svc.delete_note(note.id)
    assert m.CustomerNote.select().count() == 0
    assert audit("note.delete")[0].before["body"] == "Called twice"


def test_stale_edit_is_refused_and_names_who_changed_what(database, svc):
    customer = make_customer()
    note = svc.add_note(customer.id, "first")
    loaded_version = note.version
    svc.edit_note(note.id, "second", version=loaded_version)
    with pytest.raises(StaleWrite, match=r"changed by Lead1 at .*\(body\)"):
        svc.edit_note(note.id, "third", version=loaded_version)
    assert m.CustomerNote.get_by_id(note.id).body == "second"


def test_tags_create_assign_remove(database, svc):
    customer = make_customer()
    vip = svc.create_tag("VIP", "#FF0000")
    with pytest.raises(ValidationError) as err:
        svc.create_tag("VIP", "red")
    assert set(err.value.errors) == {"name", "color"}
    assert svc.tag_customer(customer.id, vip.id) is True
    assert svc.tag_customer(customer.id, vip.id) is False
    assert m.CustomerTagAssignment.get().assigned_by_id == svc.user.id
    assert svc.untag_customer(customer.id, vip.id) is True
    assert m.CustomerTagAssignment.select().count() == 0
    assert [a.action for a in m.AuditLog.select().order_by(m.AuditLog.id)] == [
        "tag.create",
        "tag.assign",
        "tag.remove",
    ]


@pytest.mark.parametrize(
    ("path", "target", "ok"),
    [
        ([], AccountStatus.AT_RISK, True),
        ([AccountStatus.AT_RISK], AccountStatus.RESOLVED, True),
        ([AccountStatus.AT_RISK], AccountStatus.CHURNED, True),
        ([AccountStatus.AT_RISK, AccountStatus.RESOLVED], AccountStatus.AT_RISK, True),
        ([], AccountStatus.CHURNED, False),
        ([], AccountStatus.RESOLVED, False),
        ([AccountStatus.AT_RISK, AccountStatus.CHURNED], AccountStatus.ACTIVE, False),
        ([AccountStatus.AT_RISK, AccountStatus.RESOLVED], AccountStatus.CHURNED, False),
    ],
)
def test_account_status_follows_the_state_machine(database, svc, path, target, ok):
    customer = make_customer()
    for step in path:
        svc.set_account_status(customer.id, step)
    before = m.Customer.get_by_id(customer.id)
    if ok:
        svc.set_account_status(customer.id, target, version=before.version)
        after = m.Customer.get_by_id(customer.id)
        assert after.account_status == target and after.version == before.version + 1
        assert (after.churned_at is not None) == (target == AccountStatus.CHURNED)
    else:
        with pytest.raises(InvalidTransition) as err:
            svc.set_account_status(customer.id, target)
        current = before.account_status.replace("_", " ")
        assert f"cannot move a customer from {current} to {target.replace('_', ' ')}" in str(
            err.value
        )
        assert "account_status" in err.value.errors
        assert m.Customer.get_by_id(customer.id).account_status == before.account_status


def test_intervention_logged_then_outcome_once(database, svc):
    customer = make_customer()
    with pytest.raises(ValidationError) as err:
        svc.log_intervention(customer.id, "pigeon", "check_in")
    assert "channel" in err.value.errors
    row = svc.log_intervention(customer.id, "phone", "retention_offer", "offered 10%")
    assert row.status == "initiated" and row.user_id == svc.user.id
    svc.record_outcome(row.id, "retained", revenue_retained=120)
    done = m.Intervention.get_by_id(row.id)
    assert (done.status, done.outcome) == ("completed", "retained")
    assert done.ended_at is not None and done.resolution_seconds >= 0
    assert done.revenue_retained == 120
    with pytest.raises(ValidationError, match="already has its outcome"):
        svc.record_outcome(row.id, "declined")


def test_alert_acknowledge_resolve_dismiss_free_the_dedupe_key(database, svc):
    customer = make_customer()
    a1, a2, a3 = (make_alert(customer, n) for n in (1, 2, 3))
    assert svc.acknowledge_alerts([a1.id]).changed == 1
    ack = m.Alert.get_by_id(a1.id)
    assert ack.status == AlertStatus.ACKNOWLEDGED and ack.acknowledged_by_id == svc.user.id
    assert ack.acknowledged_at is not None and ack.version == 2

    with pytest.raises(ValidationError) as err:
        svc.resolve_alerts([a1.id], "  ")
    assert "resolution_note" in err.value.errors
    assert svc.resolve_alerts([a1.id, a2.id], "called, card updated").changed == 2
    for alert_id in (a1.id, a2.id):
        done = m.Alert.get_by_id(alert_id)
        assert done.status == AlertStatus.RESOLVED and done.resolved_at is not None
        assert done.dedupe_key is None and done.dedupe_basis == f"churn:{alert_id - a1.id + 1}"
        assert done.acknowledged_at is not None  # resolving counts as the first response
    # The same condition may now raise a new alert.
    make_alert(customer, 1)

    result = svc.dismiss_alerts([a2.id, a3.id])
    assert (result.changed, result.skipped) == (1, 1)
    assert m.Alert.get_by_id(a3.id).status == AlertStatus.DISMISSED
    assert len(audit("alert.resolve")) == 2 and len(audit("alert.dismiss")) == 1


def test_bulk_alert_action_runs_in_batches_and_cancel_keeps_whole_batches(database, svc):
    customer = make_customer()
    m.Alert.insert_many(
        [
            {
                "type": "churn_risk",
                "priority": "high",
                "customer": customer.id,
                "title": f"A{i}",
                "dedupe_key": f"k{i}",
            }
            for i in range(BATCH + 20)
        ]
    ).execute()
    ids = [a.id for a in m.Alert.select(m.Alert.id)]
    state = TaskState()
    state.progress = lambda done, total, text="": (  # type: ignore[method-assign]
        state.cancel(),
        TaskState.progress(state, done, total, text),
    )
    with pytest.raises(Cancelled):
        svc.acknowledge_alerts(ids, state=state)
    acked = m.Alert.select().where(m.Alert.status == "acknowledged").count()
    assert acked == BATCH  # the first batch committed, the second never started
    assert len(audit("alert.acknowledge")) == BATCH

    other = make_user("lead", role="supervisor")
    result = svc.assign_alerts(ids, other.id)
    assert result.changed == BATCH + 20
    assert m.Alert.select().where(m.Alert.assignee == other.id).count() == BATCH + 20


def test_customer_quick_action_acknowledges_only_their_open_alerts(database, svc):
    c1, c2 = make_customer(1), make_customer(2)
    mine = [make_alert(c1, 1), make_alert(c1, 2)]
    theirs = make_alert(c2, 3)
    assert svc.acknowledge_customer_alerts(c1.id).changed == 2
    assert {m.Alert.get_by_id(a.id).status for a in mine} == {"acknowledged"}
    assert m.Alert.get_by_id(theirs.id).status == "open"


def test_ticket_lifecycle_and_response_times(database, svc):
    customer = make_customer()
    with pytest.raises(ValidationError) as err:
        svc.create_ticket(customer.id, " ", category="nonsense")
    assert set(err.value.errors) >= {"subject", "category"}
    assert m.SupportTicket.select().count() == 0

    ticket = svc.create_ticket(
        customer.id, "Card declined", category="billing", priority="high", body="It fails"
    )
    assert ticket.number.startswith("T-") and ticket.status == TicketStatus.OPEN
    assert m.Customer.get_by_id(customer.id).support_tickets == 1
    assert m.TicketMessage.get().from_customer

    svc.add_message(ticket.id, "checking internally", internal=True)
    assert m.SupportTicket.get_by_id(ticket.id).first_response_at is None
    svc.add_message(ticket.id, "We are on it")
    first = m.SupportTicket.get_by_id(ticket.id).first_response_at
    assert first is not None

    with pytest.raises(InvalidTransition, match="cannot move a ticket from open to closed"):
        svc.move_ticket(ticket.id, TicketStatus.CLOSED)
    for status in (TicketStatus.IN_PROGRESS, TicketStatus.PENDING, TicketStatus.RESOLVED):
        svc.move_ticket(ticket.id, status)
    assert m.SupportTicket.get_by_id(ticket.id).resolved_at is not None
    svc.move_ticket(ticket.id, TicketStatus.OPEN)  # reopen
    reopened = m.SupportTicket.get_by_id(ticket.id)
    assert reopened.resolved_at is None and reopened.first_response_at == first
    assert [a.action for a in audit("ticket.reopen")] == ["ticket.reopen"]

    lead = make_user("lead", role="supervisor")
    stale_version = reopened.version
    svc.assign_ticket(ticket.id, lead.id, version=stale_version)
    with pytest.raises(StaleWrite, match=r"Ticket T-\d+ was changed by Lead1 .*\(assignee\)"):
        svc.edit_ticket(
            ticket.id, subject="x", category="billing", priority="low", version=stale_version
        )
    svc.edit_ticket(ticket.id, subject="Card declined twice", category="billing", priority="low")
    assert m.SupportTicket.get_by_id(ticket.id).assignee_id == lead.id


def test_failed_write_leaves_nothing_behind(database, svc, monkeypatch):
    """An error after the first statement rolls the whole operation back, audit included."""
    customer = make_customer()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Services, "_audit", boom)
    with pytest.raises(RuntimeError):
        svc.create_ticket(customer.id, "Where is my order", category="shipping")
    assert m.SupportTicket.select().count() == 0
    assert m.Customer.get_by_id(customer.id).support_tickets == 0
    with pytest.raises(RuntimeError):
        svc.set_account_status(customer.id, AccountStatus.AT_RISK)
    assert m.Customer.get_by_id(customer.id).account_status == AccountStatus.ACTIVE
