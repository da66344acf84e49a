"""Changing my own password, and undoing my last alert or ticket action, on SQLite and MariaDB."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db import models as m
from db.passwords import hash_password, verify_password
from db.validation import ValidationError
from desktop.core.auth import SignInError, sign_in
from desktop.core.services import UNDO_LIMIT_S, Services, UndoRefused


def make_user(username: str, password: str = "old-password-1") -> m.User:
    """A supervisor: the undo tests act on several alerts at once, which agents may not."""
    return m.User.create(
        username=username, email=f"{username}@staff.example", display_name=username.title(),
        password_hash=hash_password(password), role="supervisor",
    )  # fmt: skip


@pytest.fixture
def people(database, cheap_password_hashing):
    me, other = make_user("sam"), make_user("ann")
    return Services(database, me), Services(database, other)


def test_change_own_password_checks_the_current_one_and_is_audited_without_the_hash(
    database, people
):
    mine, _ = people
    with pytest.raises(ValidationError) as short:
        mine.change_own_password("old-password-1", "too-short")
    assert short.value.errors == {"new_password": "the new password needs at least 12 characters"}
    with pytest.raises(ValidationError) as wrong:
        mine.change_own_password("not-my-password", "a-long-new-password")
    assert set(wrong.value.errors) == {"current_password"}
    assert not m.AuditLog.select().where(m.AuditLog.action == "user.password_change").exists()

    mine.change_own_password("old-password-1", "a-long-new-password")
    stored = m.User.get(m.User.username == "sam").password_hash
    assert verify_password("a-long-new-password", stored)
    with pytest.raises(SignInError):
        sign_in(database, "sam", "old-password-1")
    assert sign_in(database, "sam", "a-long-new-password").username == "sam"
    row = m.AuditLog.get(m.AuditLog.action == "user.password_change")
    assert row.user_id == mine.user.id and row.entity_id == mine.user.id
    assert stored not in str(row.before) + str(row.after)
    assert row.after == {"password_scheme": row.after["password_scheme"]}


def alerts(n: int) -> list[m.Alert]:
    customer = m.Customer.create(name="Ada", email="ada@shop.example")
    return [
        m.Alert.create(
            type="churn_risk",
            priority="high",
            customer=customer,
            title=f"A{i}",
            dedupe_key=f"churn:{i}",
        )
        for i in range(n)
    ]


def test_undo_puts_back_my_alert_action_unless_someone_changed_the_alert_since(database, people):
    mine, theirs = people
    a, b, c = alerts(3)
    mine.acknowledge_alerts([a.id, b.id, c.id])
    theirs.resolve_alerts([b.id], "handled it")  # changed since by a colleague
    m.Alert.update(title="touched", updated_at=m.utcnow() + timedelta(seconds=1)).where(
        m.Alert.id == c.id
    ).execute()  # changed since without an audit row (a scorer, a script)
    assert theirs.undo_alert_action([a.id], "alert.acknowledge").changed == 0  # not theirs

    result = mine.undo_alert_action([a.id, b.id, c.id], "alert.acknowledge")
    assert (result.changed, result.skipped) == (1, 2)
    back = m.Alert.get_by_id(a.id)
    assert back.status == "open" and back.acknowledged_at is None and back.acknowledged_by is None
    assert m.Alert.get_by_id(b.id).status == "resolved"
    assert m.Alert.get_by_id(c.id).status == "acknowledged"
    undo = m.AuditLog.get(m.AuditLog.action == "alert.acknowledge.undo")
    assert undo.user_id == mine.user.id and undo.entity_id == a.id
    assert undo.before["status"] == "acknowledged" and undo.after["status"] == "open"
    # Undone once: a second undo finds its own undo as the last change, and does nothing.
    assert mine.undo_alert_action([a.id], "alert.acknowledge").changed == 0

    mine.resolve_alerts([a.id], "wrong queue")
    assert mine.undo_alert_action([a.id], "alert.resolve").changed == 1
    back = m.Alert.get_by_id(a.id)
    assert back.status == "open" and back.resolved_at is None and back.resolution_note is None
    assert back.dedupe_key == "churn:0" and back.dedupe_basis is None


def test_undo_refuses_an_old_action_and_a_taken_dedupe_key(database, people):
    mine, _ = people
    a, b = alerts(2)
    mine.acknowledge_alerts([a.id])
    long_ago = m.utcnow() - timedelta(seconds=UNDO_LIMIT_S + 5)
    m.AuditLog.update(created_at=long_ago).execute()
    m.Alert.update(updated_at=long_ago).execute()
    assert mine.undo_alert_action([a.id], "alert.acknowledge").changed == 0

    mine.dismiss_alerts([b.id])
    m.Alert.create(type="churn_risk", priority="high", title="again", dedupe_key="churn:1")
    assert mine.undo_alert_action([b.id], "alert.dismiss").changed == 0
    assert m.Alert.get_by_id(b.id).status == "dismissed"


def test_undo_a_ticket_move_only_at_the_version_it_left(database, people):
    mine, theirs = people
    customer = m.Customer.create(name="Ada", email="ada@shop.example")
    ticket = mine.create_ticket(customer.id, "Parcel lost")
    moved = mine.move_ticket(ticket.id, "resolved", version=ticket.version)
    back = mine.undo_ticket_action(ticket.id, "ticket.status", moved.version)
    assert back.status == "open" and back.resolved_at is None
    assert m.AuditLog.select().where(m.AuditLog.action == "ticket.status.undo").count() == 1

    moved = mine.move_ticket(ticket.id, "in_progress")
    theirs.assign_ticket(ticket.id, theirs.user.id)
    with pytest.raises(UndoRefused) as refused:
        mine.undo_ticket_action(ticket.id, "ticket.status", moved.version)
    assert str(refused.value).startswith(f"Ticket {ticket.number} was changed by Ann at ")
    assert m.SupportTicket.get_by_id(ticket.id).status == "in_progress"
