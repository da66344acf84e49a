"""Service writes under faults: a KILLed or cut connection mid-write, a conflict on MySQL, a bulk
action that loses its connection part-way."""

from __future__ import annotations

import threading

import pytest

from db import models as m
from db.choices import AlertStatus, Priority
from db.connection import connect, parse_url
from db.units import RetryPolicy
from desktop.core.services import BulkIncomplete, Services, StaleWrite
from desktop.core.services import alerts as alert_actions
from tests.faults import FaultProxy, kill_connections
from tests.test_services import make_alert, make_customer, make_user

FAST = RetryPolicy(lost_deadline_s=5.0, base_delay_s=0.01, max_delay_s=0.05)


@pytest.mark.mysql
def test_a_note_whose_connection_is_killed_mid_write_is_saved_once(empty_mysql_url, monkeypatch):
    database, _ = connect(empty_mysql_url)
    svc = Services(database, make_user(), policy=FAST)
    customer = make_customer()
    original = Services._audit
    calls = []

    def audit_then_kill(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # the note is inserted; the transaction is still open
            kill_connections(empty_mysql_url)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Services, "_audit", audit_then_kill)
    note = svc.add_note(customer.id, "Called about the renewal")
    assert len(calls) == 2  # the whole unit ran again
    assert [n.body for n in m.CustomerNote.select()] == ["Called about the renewal"]
    assert m.AuditLog.select().where(m.AuditLog.action == "note.add").count() == 1
    assert note.id == m.CustomerNote.get().id
    database.close()


@pytest.mark.mysql
def test_the_conflict_message_names_the_change_that_won_on_mysql(empty_mysql_url, monkeypatch):
    """B saves while A's transaction is already open: A's snapshot does not show B's audit row,
    so the message must be composed after A's rollback."""
    database, _ = connect(empty_mysql_url)
    a = Services(database, make_user("ann"))
    b = Services(database, make_user("bob"))
    customer = make_customer()
    ticket = a.create_ticket(customer.id, "Refund", priority=Priority.LOW.value)
    loaded_version = ticket.version
    original = Services._versioned_update
    raced = []

    def race(self, obj, version, changes, **kwargs):
        if self is a and not raced:
            raced.append(1)

            def bob() -> None:
                b.edit_ticket(
                    ticket.id, subject="Refund", category=ticket.category, priority="high"
                )
                database.close()

            t = threading.Thread(target=bob)
            t.start()
            t.join()
        return original(self, obj, version, changes, **kwargs)

    monkeypatch.setattr(Services, "_versioned_update", race)
    with pytest.raises(StaleWrite) as caught:
        a.edit_ticket(
            ticket.id,
            subject="Refund please",
            category=ticket.category,
            priority=Priority.LOW.value,
            version=loaded_version,
        )
    assert "by Bob" in str(caught.value)
    assert "priority: low → high" in str(caught.value)
    assert m.SupportTicket.get_by_id(ticket.id).subject == "Refund"  # A saved nothing
    database.close()


def _alerts(n: int) -> list[int]:
    customer = make_customer()
    rows = [
        {
            "type": "churn_risk",
            "priority": Priority.HIGH.value,
            "status": AlertStatus.OPEN.value,
            "customer": customer.id,
            "title": f"Alert {k}",
            "dedupe_key": f"churn:{k}",
        }
        for k in range(n)
    ]
    m.Alert.insert_many(rows).execute()
    return [a.id for a in m.Alert.select(m.Alert.id).order_by(m.Alert.id)]


def _through_proxy(url_text: str, proxy: FaultProxy):
    url = parse_url(url_text)
    database, _ = connect(f"mysql://{url.user}@127.0.0.1:{proxy.port}/{url.database}")
    return database


@pytest.mark.mysql
@pytest.mark.parametrize("server_comes_back", [True, False])
def test_a_bulk_resolve_whose_connection_is_cut_reports_what_it_committed(
    empty_mysql_url, monkeypatch, server_comes_back
):
    url = parse_url(empty_mysql_url)
    monkeypatch.setattr(alert_actions, "BATCH", 100)
    with FaultProxy(url.host, url.port) as proxy:
        database = _through_proxy(empty_mysql_url, proxy)
        svc = Services(database, make_user(role="supervisor"), policy=FAST)
        ids = _alerts(450)
        original = m.AuditLog.insert_many.__func__
        batches = []

        def insert_then_cut(cls, rows, *args, **kwargs):
            batches.append(1)
            if len(batches) == 3:  # inside the third batch's transaction
                if not server_comes_back:
                    proxy.refuse()
                proxy.cut()
            return original(cls, rows, *args, **kwargs)

        monkeypatch.setattr(m.AuditLog, "insert_many", classmethod(insert_then_cut))
        if server_comes_back:
            result = svc.resolve_alerts(ids, "Called them")
            assert (result.changed, result.skipped) == (450, 0)
        else:
            with pytest.raises(BulkIncomplete) as caught:
                svc.resolve_alerts(ids, "Called them")
            assert str(caught.value) == (
                "200 of 450 resolved; the rest were not changed (the database connection was lost)"
            )
            assert caught.value.result.changed == 200
        proxy.accept()
        database.close()
    check, _ = connect(empty_mysql_url)
    resolved = m.Alert.select().where(m.Alert.status == AlertStatus.RESOLVED.value).count()
    assert resolved == (450 if server_comes_back else 200)
    audited = m.AuditLog.select().where(m.AuditLog.action == "alert.resolve").count()
    assert audited == resolved  # one audit row per resolved alert, none for a rolled-back one
    check.close()


def test_a_bulk_action_that_fails_part_way_says_how_far_it_got(database, monkeypatch):
    monkeypatch.setattr(alert_actions, "BATCH", 2)
    svc = Services(database, make_user(role="supervisor"))
    ids = [make_alert(make_customer(k), k).id for k in range(1, 6)]
    original = alert_actions.AlertsMixin._alert_batch
    seen = []

    def fail_third(self, chunk, *args, **kwargs):
        seen.append(1)
        if len(seen) == 3:
            raise ValueError("disk full")
        return original(self, chunk, *args, **kwargs)

    monkeypatch.setattr(alert_actions.AlertsMixin, "_alert_batch", fail_third)
    with pytest.raises(BulkIncomplete, match=r"^4 of 5 acknowledged; the rest were not changed"):
        svc.acknowledge_alerts(ids)
    assert m.Alert.select().where(m.Alert.status == AlertStatus.ACKNOWLEDGED.value).count() == 4
