"""The window's offline session without Qt, on SQLite and MariaDB servers: the service calls
the pages make, done on the replica and queued, with what the online calls return; what needs
the server says so; the banner's words, the reconnect pauses, conflicts side by side."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from db import models as m
from db.validation import ValidationError
from desktop.core.offline.outbox import replica_user
from desktop.core.offline.session import (
    Backoff,
    NeedsServer,
    OfflineServices,
    banner_text,
    conflict_rows,
    replica_path,
)
from desktop.core.offline.store import status
from desktop.core.offline.sync import sync
from desktop.core.offline.take import take
from desktop.core.services import Services
from tests.offline_helpers import World, build_world, taken_replica


@pytest.fixture
def world(database) -> World:
    return build_world(database)


@pytest.fixture
def replica(world: World, tmp_path: Path):
    replica = taken_replica(world, tmp_path / "replica.db")
    yield replica
    replica.close()


@pytest.fixture
def offline(world, replica) -> OfflineServices:
    return OfflineServices(replica, replica_user(replica, world.lead.id))


def test_page_calls_are_queued_and_answer_like_online(world, replica, offline):
    a, b = world.alerts[0].id, world.alerts[1].id
    result = offline.acknowledge_alerts([a, b], None)
    assert (result.changed, result.skipped) == (2, 0)
    again = offline.acknowledge_alerts([a], None)  # already acknowledged here: skipped
    assert (again.changed, again.skipped) == (0, 1)
    resolved = offline.resolve_alerts([a], "Called, sorted", None)
    assert resolved.changed == 1
    customer = world.customers[0].id
    note = offline.add_note(customer, "Prefers phone")
    assert note.body == "Prefers phone" and note.id >= 2_000_000_000  # a local row
    assert offline.edit_note(note.id, "Prefers phone, mornings").body == "Prefers phone, mornings"
    done = offline.log_intervention(customer, "phone", "check_in", "Friendly call")
    assert done.channel == "phone"
    assert status(replica).waiting == 6
    with pytest.raises(ValidationError):  # the same validation as online, nothing queued
        offline.resolve_alerts([b], "  ", None)
    assert status(replica).waiting == 6

    report = sync(world.server, replica)
    assert report.conflicts == 0 and report.refused == 0, report.notes
    with m.DB.using(world.server):
        assert m.Alert.get_by_id(a).status == "resolved"
        assert m.Alert.get_by_id(b).status == "acknowledged"
        assert m.CustomerNote.get(m.CustomerNote.body == "Prefers phone, mornings")
        logged = m.Intervention.get(m.Intervention.customer == customer)
        assert (logged.kind, logged.notes) == ("check_in", "Friendly call")


def test_tickets_and_tags_through_the_page_calls(world, replica, offline):
    with m.DB.using(world.server):
        ticket = m.SupportTicket.create(number="T-1", customer=world.customers[0].id,
                                        subject="Late parcel", category="shipping")  # fmt: skip
        tag = m.CustomerTag.create(name="vip")
    take(world.server, replica, world.lead, server_name="t")
    assert offline.add_message(ticket.id, "On its way").body == "On its way"
    assert offline.move_ticket(ticket.id, "in_progress", version=1).status == "in_progress"
    assert offline.tag_customer(world.customers[0].id, tag.id) is True
    assert offline.tag_customer(world.customers[0].id, tag.id) is False  # already there
    with pytest.raises(NeedsServer):
        offline.add_message(ticket.id, "Where is it?", from_customer=True)
    report = sync(world.server, replica)
    assert (report.applied, report.conflicts) == (3, 0), report.notes


def test_what_needs_the_server_says_so(offline):
    with pytest.raises(NeedsServer, match="needs the shared database"):
        offline.assign_alerts([1], None, None)
    with pytest.raises(NeedsServer):
        offline.export_list()
    assert offline.offline is True


def test_conflicts_side_by_side(world, replica, offline):
    a = world.alerts[0].id
    offline.resolve_alerts([a], "Mine", None)
    with m.DB.using(world.server):
        Services(world.server, world.other).resolve_alerts([a], "Theirs")
    sync(world.server, replica)
    rows = [r for r in conflict_rows(replica) if r.field == "resolution_note"]
    assert [(r.change, r.mine, r.theirs) for r in rows] == [
        (f"Resolve alert #{a}", "Mine", "Theirs")
    ]


def test_banner_words_and_reconnect_pauses(monkeypatch, tmp_path):
    when = datetime(2026, 12, 2, 14, 2)
    assert banner_text(when, 12) == (
        "Offline since 14:02 — your changes are kept on this computer and sent when the "
        "database is back · 12 waiting"
    )
    assert "no offline copy" in banner_text(when, 0, has_copy=False)
    backoff = Backoff()
    assert [backoff.next_s() for _ in range(8)] == [2, 4, 8, 16, 32, 60, 60, 60]
    backoff.reset()
    assert backoff.next_s() == 2
    monkeypatch.setenv("CHURNWATCH_REPLICA", str(tmp_path / "r.db"))
    assert replica_path("mysql://x") == tmp_path / "r.db"
