"""Offline review on SQLite and MariaDB servers, with a SQLite replica: take, act offline
through the service layer, push exactly once, conflicts kept, refresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import models as m
from db.choices import AlertStatus
from db.validation import ValidationError
from desktop.core.offline import store
from desktop.core.offline.outbox import act, replica_user
from desktop.core.offline.store import QueueState, open_conflicts, open_replica, queued, status
from desktop.core.offline.sync import SYNC_POLICY, keep_mine, keep_theirs, push_one, sync
from desktop.core.offline.take import TakeFilter, refresh, take
from desktop.core.services import NotAllowed, Services
from tests.offline_helpers import World, build_world, rows_of, taken_replica


@pytest.fixture
def world(database) -> World:
    return build_world(database)


@pytest.fixture
def replica(world: World, tmp_path: Path):
    replica = taken_replica(world, tmp_path / "replica.db")
    yield replica
    replica.close()


def server_alert(world: World, alert_id: int) -> m.Alert:
    with m.DB.using(world.server):
        return m.Alert.get_by_id(alert_id)


def test_take_copies_the_default_queue_with_customers_and_lookups(world, replica):
    s = status(replica)
    assert s.alerts == len(world.alerts)  # the LOW alert assigned to someone else stays behind
    assert s.customers == len(world.customers)
    assert s.waiting == 0 and s.conflicts == 0
    with replica.active():
        assert m.CustomerNote.select().count() == len(world.customers)
        other = m.User.get_by_id(world.other.id)
        assert other.password_hash == "!offline"  # nobody else's hash leaves the server


def test_take_honours_filter_and_limit(world, tmp_path):
    replica = open_replica(tmp_path / "r.db")
    result = take(world.server, replica, world.lead, server_name="t",
                  flt=TakeFilter.parse("assignee=any,priority=low"), limit=5)  # fmt: skip
    assert result.alerts == 1
    replica2 = open_replica(tmp_path / "r2.db")
    assert take(world.server, replica2, world.lead, server_name="t", limit=2).alerts == 2
    with pytest.raises(ValidationError, match="priority is one of"):
        TakeFilter.parse("priority=urgent")


def test_offline_action_goes_through_services_and_is_queued_durably(world, replica, tmp_path):
    me = replica_user(replica, world.lead.id)
    first = world.alerts[0].id
    act(replica, me, "alert.acknowledge", {"ids": [first], "note": "called, will retry"})
    with pytest.raises(ValidationError, match="resolution note"):
        act(replica, me, "alert.resolve", {"ids": [first], "note": "  "})
    replica.close()
    again = open_replica(tmp_path / "replica.db")  # a restart: the outbox is on disk
    waiting = queued(again)
    assert [w.operation for w in waiting] == ["alert.acknowledge"]
    assert waiting[0].reads == {f"Alert:{first}": {"version": 1, "values": {"status": "open"}}}
    with again.active():
        assert m.Alert.get_by_id(first).status == AlertStatus.ACKNOWLEDGED.value
        note = m.CustomerNote.get(m.CustomerNote.body == "called, will retry")
        assert note.id >= store.LOCAL_ID_BASE
    assert server_alert(world, first).status == AlertStatus.OPEN.value  # not yet pushed
    again.close()


def test_offline_permissions_are_the_online_ones(world, replica):
    with m.DB.using(world.server):
        agent = m.User.create(username="agent1", email="a1@staff.example", display_name="A",
                              role="agent", password_hash="x")  # fmt: skip
    take(world.server, replica, world.lead, server_name="t")  # brings the new account along
    with pytest.raises(NotAllowed):
        act(replica, replica_user(replica, agent.id), "alert.resolve",
            {"ids": [world.alerts[0].id, world.alerts[1].id], "note": "done"})  # fmt: skip
    assert queued(replica) == []


def test_sync_applies_once_audits_both_times_and_refreshes(world, replica):
    me = replica_user(replica, world.lead.id)
    a0, a1 = world.alerts[0].id, world.alerts[1].id
    act(replica, me, "alert.acknowledge", {"ids": [a0], "note": "left a message"})
    act(replica, me, "alert.resolve", {"ids": [a1], "note": "offered a discount"})
    act(replica, me, "note.add", {"customer_id": world.customers[1].id, "body": "offline note"})
    report = sync(world.server, replica)
    assert (report.pushed, report.applied, report.conflicts, report.waiting) == (3, 3, 0, 0)
    assert server_alert(world, a0).status == AlertStatus.ACKNOWLEDGED.value
    assert server_alert(world, a1).resolution_note == "offered a discount"
    with m.DB.using(world.server):
        audit = m.AuditLog.get(m.AuditLog.action == "alert.resolve")
        assert audit.device == replica.device and audit.acted_at is not None
        assert m.AppliedMutation.select().count() == 3
        notes = [n.body for n in m.CustomerNote.select().where(m.CustomerNote.author == me.id)]
    assert sorted(notes) == ["left a message", "offline note"]
    ids = [a.id for a in world.alerts]
    assert rows_of(replica.database, m.Alert, ids) == rows_of(world.server, m.Alert, ids)
    with replica.active():
        bodies = sorted(n.body for n in m.CustomerNote.select())
        assert all(n.id < store.LOCAL_ID_BASE for n in m.CustomerNote.select())
    assert bodies == sorted(["left a message", "offline note"]
                            + [f"server note {n}" for n in range(3)])  # fmt: skip
    # Pushing the same mutation again (a lost reply) is recognised, not applied twice.
    with replica.active():
        done = store.OutboxMutation.select().order_by(store.OutboxMutation.id).first()
    assert push_one(world.server, replica, done, SYNC_POLICY).already
    with m.DB.using(world.server):
        assert m.CustomerNote.select().where(m.CustomerNote.body == "left a message").count() == 1


def test_resolved_on_server_while_acknowledged_offline_stays_resolved_note_kept(world, replica):
    me = replica_user(replica, world.lead.id)
    a0 = world.alerts[0].id
    act(replica, me, "alert.acknowledge", {"ids": [a0], "note": "spoke to them"})
    with m.DB.using(world.server):
        Services(world.server, world.other).resolve_alerts([a0], "fixed by phone")
    report = sync(world.server, replica)
    assert report.conflicts == 0 and report.superseded == 1
    assert any("stays so; your note is kept" in n for n in report.notes)
    assert server_alert(world, a0).status == AlertStatus.RESOLVED.value
    with m.DB.using(world.server):
        assert m.CustomerNote.get_or_none(m.CustomerNote.body == "spoke to them") is not None


def test_different_fields_merge(world, replica):
    me = replica_user(replica, world.lead.id)
    a0 = world.alerts[0].id
    act(replica, me, "alert.resolve", {"ids": [a0], "note": "done offline"})
    with m.DB.using(world.server):
        Services(world.server, world.other).assign_alerts([a0], world.lead.id)
    report = sync(world.server, replica)
    assert report.conflicts == 0 and report.merged == 1
    alert = server_alert(world, a0)
    assert (alert.status, alert.assignee_id) == (AlertStatus.RESOLVED.value, world.lead.id)


def _conflicting_resolve(world: World, replica) -> tuple[int, int]:
    me = replica_user(replica, world.lead.id)
    a0 = world.alerts[0].id
    act(replica, me, "alert.resolve", {"ids": [a0], "note": "mine"})
    with m.DB.using(world.server):
        Services(world.server, world.other).dismiss_alerts([a0], "theirs")
    report = sync(world.server, replica)
    assert report.conflicts == 1
    [conflict] = open_conflicts(replica)
    assert conflict.mine["resolution_note"] == "mine"
    assert conflict.theirs["resolution_note"] == "theirs"
    assert server_alert(world, a0).status == AlertStatus.DISMISSED.value  # not overwritten
    with replica.active():  # the replica still shows mine until the conflict is settled
        assert m.Alert.get_by_id(a0).resolution_note == "mine"
    return a0, conflict.id


def test_conflict_keep_mine_reapplies_against_current_version(world, replica):
    a0, conflict = _conflicting_resolve(world, replica)
    keep_mine(replica, conflict)
    report = sync(world.server, replica)
    assert report.applied == 1 and report.conflicts == 0
    alert = server_alert(world, a0)
    assert (alert.status, alert.resolution_note, alert.resolved_by_id) == (
        AlertStatus.RESOLVED.value, "mine", world.lead.id)  # fmt: skip
    with m.DB.using(world.server):
        last = m.AuditLog.select().where(m.AuditLog.entity_id == a0).order_by(
            m.AuditLog.id.desc()).first()  # fmt: skip
    assert last.after["resolution_note"] == "mine" and last.device == replica.device
    assert open_conflicts(replica) == []


def test_conflict_keep_theirs_drops_mine(world, replica):
    a0, conflict = _conflicting_resolve(world, replica)
    rows = keep_theirs(replica, conflict)
    refresh(world.server, replica, replica_user(replica, world.lead.id), also=rows)
    assert server_alert(world, a0).resolution_note == "theirs"
    with replica.active():
        assert m.Alert.get_by_id(a0).resolution_note == "theirs"
        assert store.OutboxMutation.get().state == QueueState.DROPPED
    assert sync(world.server, replica).pushed == 0


def test_refresh_brings_server_changes_and_new_alerts(world, replica):
    a0 = world.alerts[0].id
    with m.DB.using(world.server):
        Services(world.server, world.other).acknowledge_alerts([a0])
        c = m.Customer.create(name="New One", email="new@example.com")
        m.Alert.create(type="churn_risk", customer=c, priority="critical", title="New",
                       dedupe_key="churn:new")  # fmt: skip
    result = refresh(world.server, replica, replica_user(replica, world.lead.id))
    assert result.new_customers == 1
    with replica.active():
        assert m.Alert.get_by_id(a0).status == AlertStatus.ACKNOWLEDGED.value
        assert m.Customer.get_or_none(m.Customer.email == "new@example.com") is not None


def test_note_edit_of_an_offline_note_follows_it_to_the_server(world, replica):
    me = replica_user(replica, world.lead.id)
    added = act(replica, me, "note.add", {"customer_id": world.customers[0].id, "body": "draft"})
    local_id = added.local_ids[0][1]
    act(replica, me, "note.edit", {"note_id": local_id, "body": "final"})
    report = sync(world.server, replica)
    assert report.applied == 2, report.notes
    with m.DB.using(world.server):
        assert m.CustomerNote.get(m.CustomerNote.author == me.id).body == "final"


def test_tickets_and_tags_offline(world, replica):
    with m.DB.using(world.server):
        ticket = m.SupportTicket.create(number="T-1", customer=world.customers[0].id,
                                        subject="Late parcel", category="shipping")  # fmt: skip
        tag = m.CustomerTag.create(name="vip")
    take(world.server, replica, world.lead, server_name="t")
    me = replica_user(replica, world.lead.id)
    act(replica, me, "ticket.reply", {"ticket_id": ticket.id, "body": "On its way"})
    act(replica, me, "ticket.status", {"ticket_id": ticket.id, "status": "in_progress"})
    act(replica, me, "customer.tag", {"customer_id": world.customers[0].id, "tag_id": tag.id})
    report = sync(world.server, replica)
    assert (report.applied, report.conflicts, report.refused) == (3, 0, 0), report.notes
    with m.DB.using(world.server):
        assert m.SupportTicket.get_by_id(ticket.id).status == "in_progress"
        assert m.TicketMessage.get(m.TicketMessage.ticket == ticket.id).body == "On its way"
        assert m.CustomerTagAssignment.select().count() == 1


def test_ticket_status_conflict_and_refusal_are_listed(world, replica):
    with m.DB.using(world.server):
        ticket = m.SupportTicket.create(number="T-2", customer=world.customers[1].id,
                                        subject="Refund", category="billing")  # fmt: skip
    take(world.server, replica, world.lead, server_name="t")
    me = replica_user(replica, world.lead.id)
    act(replica, me, "ticket.status", {"ticket_id": ticket.id, "status": "pending"})
    act(replica, me, "note.add", {"customer_id": world.customers[1].id, "body": "gone?"})
    with m.DB.using(world.server):
        Services(world.server, world.other).move_ticket(ticket.id, "resolved")
        m.Customer.delete().where(m.Customer.id == world.customers[1].id).execute()
    report = sync(world.server, replica)
    assert report.refused == 1  # the customer was deleted on the server
    kinds = sorted(c.reason.split(":")[0] for c in open_conflicts(replica))
    assert kinds == ["deleted on the server", "refused by the server"]
