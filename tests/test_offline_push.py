"""What makes a push cheap must not change what it does: the rows a group reads are read once,
but a row an earlier mutation changed is read again; the keys go in once per group, but only
for what was applied; and a refresh copies only what changed since the last pull."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import peewee as pw
import pytest

from db import models as m
from db.choices import AlertStatus
from desktop.core.offline.outbox import act, replica_user
from desktop.core.offline.store import open_conflicts
from desktop.core.offline.sync import sync
from desktop.core.offline.take import refresh, take
from desktop.core.services import Services
from tests.offline_helpers import World, build_world, taken_replica

# Every table a take copies from the fixtures' server.
TAKEN = (m.Alert, m.Customer, m.CustomerNote, m.User, m.SupportTicket, m.TicketMessage,
         m.CustomerTag)  # fmt: skip


@pytest.fixture
def world(database) -> World:
    return build_world(database)


@pytest.fixture
def replica(world: World, tmp_path: Path):
    replica = taken_replica(world, tmp_path / "replica.db")
    yield replica
    replica.close()


@contextmanager
def counted(database: pw.Database) -> Iterator[list[str]]:
    """The statements sent to `database` inside the block."""
    sent: list[str] = []
    original = database.execute_sql

    def execute_sql(sql: str, params: object = None, commit: object = None) -> object:
        sent.append(sql)
        return original(sql, params)

    database.execute_sql = execute_sql  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        del database.execute_sql


def test_a_push_costs_no_more_round_trips_than_working_online(world, replica):
    """Per acknowledgement: the online call's statements and one savepoint, nothing else
    (the group's keys, rows and user are read or written once for the whole group)."""
    me = replica_user(replica, world.lead.id)
    mine, theirs = world.alerts[:3], world.alerts[3:6]
    for alert in mine:
        act(replica, me, "alert.acknowledge", {"ids": [alert.id], "note": None})
    with counted(world.server) as pushed:
        report = sync(world.server, replica, pull=False)
    assert report.applied == len(mine)
    services = Services(world.server, world.lead)
    with m.DB.using(world.server), counted(world.server) as online:
        for alert in theirs:
            services.acknowledge_alerts([alert.id])
    group = 5  # rows locked, keys looked up, the user, the keys inserted, and slack for one
    assert len(pushed) <= len(online) + len(mine) + group, pushed
    with m.DB.using(world.server):
        keys = m.AppliedMutation.select().count()
        audited = m.AuditLog.select().where(m.AuditLog.device.is_null(False)).count()
    assert (keys, audited) == (len(mine), len(mine))


def test_a_row_changed_by_an_earlier_mutation_of_the_push_is_read_again(world, tmp_path):
    """A reply stamps the ticket's first response (a new version); the status change queued
    after it read that version offline, so it applies plainly, neither merged nor refused."""
    with m.DB.using(world.server):
        ticket = m.SupportTicket.create(number="T-9", customer=world.customers[0].id,
                                        subject="Late parcel", category="shipping")  # fmt: skip
    replica = taken_replica(world, tmp_path / "r.db")
    me = replica_user(replica, world.lead.id)
    alert = world.alerts[0].id
    act(replica, me, "ticket.reply", {"ticket_id": ticket.id, "body": "On its way"})
    act(replica, me, "ticket.status", {"ticket_id": ticket.id, "status": "in_progress"})
    act(replica, me, "alert.acknowledge", {"ids": [alert], "note": None})
    act(replica, me, "alert.resolve", {"ids": [alert], "note": "called back"})
    report = sync(world.server, replica)
    assert (report.applied, report.merged, report.conflicts, report.refused) == (4, 0, 0, 0)
    with m.DB.using(world.server):
        assert m.SupportTicket.get_by_id(ticket.id).status == "in_progress"
        assert m.Alert.get_by_id(alert).status == AlertStatus.RESOLVED.value
    replica.close()


def test_a_refusal_in_a_group_undoes_it_alone_and_stores_no_key_for_it(world, replica):
    me = replica_user(replica, world.lead.id)
    first, second = world.alerts[0].id, world.alerts[4].id  # customers 0 and 2
    act(replica, me, "alert.acknowledge", {"ids": [first], "note": "left a message"})
    act(replica, me, "note.add", {"customer_id": world.customers[1].id, "body": "gone?"})
    act(replica, me, "alert.acknowledge", {"ids": [second], "note": None})
    with m.DB.using(world.server):
        m.Customer.delete().where(m.Customer.id == world.customers[1].id).execute()
    report = sync(world.server, replica)
    assert (report.applied, report.refused) == (2, 1), report.notes
    with m.DB.using(world.server):
        outcomes = sorted(a.outcome for a in m.AppliedMutation.select())
        notes = [n.body for n in m.CustomerNote.select().where(m.CustomerNote.author == me.id)]
        statuses = {a.id: a.status for a in m.Alert.select().where(m.Alert.id << [first, second])}
    assert outcomes == ["applied", "applied"]
    assert notes == ["left a message"]  # the refused note left nothing behind
    assert set(statuses.values()) == {AlertStatus.ACKNOWLEDGED.value}
    assert [c.reason.split(":")[0] for c in open_conflicts(replica)] == ["refused by the server"]
    # Sent again (a lost reply), nothing is applied twice.
    again = sync(world.server, replica)
    assert again.pushed == 0


def _age(server: pw.Database) -> None:
    """Every row last changed a day ago: older than any pull's clock margin."""
    then = m.utcnow() - timedelta(days=1)
    with m.DB.using(server):
        for model in TAKEN:
            model.update(updated_at=then).execute()


def test_refresh_copies_only_what_changed_since_the_last_pull(database, tmp_path):
    world = build_world(database, customers=4)
    with m.DB.using(world.server):
        ticket = m.SupportTicket.create(number="T-5", customer=world.customers[2].id,
                                        subject="Refund", category="billing")  # fmt: skip
        m.TicketMessage.create(ticket=ticket.id, body="Where is it?", from_customer=True)
    _age(world.server)
    replica = tmp_path / "r.db"
    from desktop.core.offline.store import open_replica

    opened = open_replica(replica)
    full = take(world.server, opened, world.lead, server_name="t")
    me = replica_user(opened, world.lead.id)
    nothing = refresh(world.server, opened, me)
    assert nothing.rows == 1  # my own account, always read again (my role, my password)
    with m.DB.using(world.server):
        Services(world.server, world.other).acknowledge_alerts([world.alerts[1].id])
        m.TicketMessage.create(ticket=ticket.id, body="Still waiting", from_customer=True)
    changed = refresh(world.server, opened, me)
    assert changed.rows == 3 < full.rows  # the alert, the new message, my account
    with opened.active():
        assert m.Alert.get_by_id(world.alerts[1].id).status == AlertStatus.ACKNOWLEDGED.value
        assert m.TicketMessage.select().where(m.TicketMessage.ticket == ticket.id).count() == 2
    opened.close()
