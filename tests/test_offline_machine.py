"""A hypothesis state machine over a MariaDB server (reached through the fault proxy) and a
SQLite replica: offline actions, other users' edits on the server, connection cuts during the
push (also after the server committed, before the laptop heard back), restarts with a
non-empty outbox, pulls and conflict settlements, in random order.

Invariants: every outbox mutation is applied exactly once or listed as a conflict; no change
another user made on the server is lost without a conflict the user settled as "keep mine";
after a sync and pull the replica equals the server for the taken rows.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from db import models as m
from db.choices import AlertStatus
from db.connection import build_database, connect, parse_url
from db.units import RetryPolicy
from desktop.core.offline.outbox import act, replica_user
from desktop.core.offline.store import (
    OutboxMutation,
    QueueState,
    SyncConflict,
    open_conflicts,
    open_replica,
    queued,
)
from desktop.core.offline.sync import keep_mine, keep_theirs, push_one, sync
from desktop.core.offline.take import refresh, take
from desktop.core.services import Services
from tests.conftest import _fresh_mysql
from tests.faults import FaultProxy
from tests.offline_helpers import build_world, rows_of

POLICY = RetryPolicy(lost_deadline_s=20.0, base_delay_s=0.01, max_delay_s=0.2)
ALERTS = 6


class OfflineMachine(RuleBasedStateMachine):
    url: str

    def __init__(self) -> None:
        super().__init__()
        _fresh_mysql(self.url)
        self.direct, _ = connect(self.url)  # other users, and the test's own checks
        self.world = build_world(self.direct)
        parsed = parse_url(self.url)
        self.proxy = FaultProxy(parsed.host, parsed.port)
        via = parse_url(f"mysql://{parsed.user}@127.0.0.1:{self.proxy.port}/{parsed.database}")
        self.server = build_database(via, parsed.password or "")
        self.folder = Path(tempfile.mkdtemp(prefix="churnwatch-offline-"))
        self.replica = open_replica(self.folder / "replica.db")
        take(self.server, self.replica, self.world.lead, server_name="machine")
        self.me = replica_user(self.replica, self.world.lead.id)
        self.alert_ids = [a.id for a in self.world.alerts]
        self.words = itertools.count()
        # Changes others made on the server: alert id -> (status, note) they closed it with.
        self.theirs: dict[int, tuple[str, str | None]] = {}
        self.offline_notes: list[str] = []

    def teardown(self) -> None:
        self.replica.close()
        self.server.close()
        self.proxy.close()
        self.direct.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- offline, on the laptop --

    @rule(k=st.integers(0, ALERTS - 1), with_note=st.booleans())
    def acknowledge_offline(self, k: int, with_note: bool) -> None:
        note = f"ack note {next(self.words)}" if with_note else None
        act(self.replica, self.me, "alert.acknowledge", {"ids": [self.alert_ids[k]], "note": note})
        if note:
            self.offline_notes.append(note)

    @rule(k=st.integers(0, ALERTS - 1))
    def resolve_offline(self, k: int) -> None:
        act(self.replica, self.me, "alert.resolve",
            {"ids": [self.alert_ids[k]], "note": f"mine {next(self.words)}"})  # fmt: skip

    @rule(c=st.integers(0, 2))
    def note_offline(self, c: int) -> None:
        body = f"offline note {next(self.words)}"
        act(self.replica, self.me, "note.add",
            {"customer_id": self.world.customers[c].id, "body": body})  # fmt: skip
        self.offline_notes.append(body)

    # -- others, on the server --

    @rule(k=st.integers(0, ALERTS - 1), how=st.sampled_from(["resolve", "dismiss", "ack"]))
    def other_user_edits(self, k: int, how: str) -> None:
        alert_id = self.alert_ids[k]
        other = Services(self.direct, self.world.other)
        with m.DB.using(self.direct):
            if how == "ack":
                other.acknowledge_alerts([alert_id])
                return
            note = f"theirs {next(self.words)}"
            closed = (other.resolve_alerts if how == "resolve" else other.dismiss_alerts)(
                [alert_id], note
            )
            if closed.changed:
                status = AlertStatus.RESOLVED.value if how == "resolve" else "dismissed"
                self.theirs[alert_id] = (status, note)

    # -- the connection and the app --

    @rule()
    def cut_then_sync(self) -> None:
        self.proxy.cut()  # the pooled connection is dead; the push reconnects
        self._sync()

    @precondition(lambda self: bool(queued(self.replica)))
    @rule()
    def committed_but_reply_lost(self) -> None:
        """The server commits the first mutation, the connection drops before the laptop
        records it, and the app is restarted: the next sync must not apply it again."""
        first = queued(self.replica)[0]
        push_one(self.server, self.replica, first, POLICY)
        self.proxy.cut()
        self.restart()
        self._sync()

    @rule()
    def restart(self) -> None:
        self.replica.close()
        self.replica = open_replica(self.folder / "replica.db")

    @rule()
    def pull(self) -> None:
        refresh(self.server, self.replica, self.me)

    @precondition(lambda self: bool(open_conflicts(self.replica)))
    @rule(mine=st.booleans())
    def settle_a_conflict(self, mine: bool) -> None:
        conflict = open_conflicts(self.replica)[0]
        if mine:
            keep_mine(self.replica, conflict.id)
            self.theirs.pop(conflict.entity_id, None)  # overwritten, knowingly
        else:
            refresh(self.server, self.replica, self.me,
                    also=keep_theirs(self.replica, conflict.id))  # fmt: skip

    def _sync(self) -> None:
        report = sync(self.server, self.replica, policy=POLICY)
        assert report.stopped is None, report.stopped
        assert report.waiting == 0
        self._check_converged()

    # -- invariants --

    @invariant()
    def every_mutation_once_or_a_conflict(self) -> None:
        with self.replica.active():
            done = list(OutboxMutation.select().where(OutboxMutation.state != QueueState.QUEUED))
            listed = {c.mutation_id for c in SyncConflict.select()}
        with m.DB.using(self.direct):
            applied = {
                a.mutation_id: a.outcome
                for a in m.AppliedMutation.select().where(
                    m.AppliedMutation.device == self.replica.device
                )
            }
        for mutation in done:
            if mutation.state == QueueState.APPLIED:
                assert mutation.mutation_id in applied
            else:
                assert mutation.id in listed
        # Exactly once: each note made offline is on the server at most once (once, when sent).
        with m.DB.using(self.direct):
            for body in self.offline_notes:
                assert m.CustomerNote.select().where(m.CustomerNote.body == body).count() <= 1

    @invariant()
    def no_server_change_lost_silently(self) -> None:
        with m.DB.using(self.direct):
            for alert_id, (status, note) in self.theirs.items():
                alert = m.Alert.get_by_id(alert_id)
                assert (alert.status, alert.resolution_note) == (status, note)
                assert alert.resolved_by_id == self.world.other.id

    def _check_converged(self) -> None:
        refresh(self.server, self.replica, self.me)
        with self.replica.active():
            pending = {c.entity_id for c in open_conflicts(self.replica)}
        ids = [i for i in self.alert_ids if i not in pending]
        assert rows_of(self.replica.database, m.Alert, ids) == rows_of(self.direct, m.Alert, ids)
        with m.DB.using(self.direct):
            server_notes = sorted(n.body for n in m.CustomerNote.select())
        with self.replica.active():
            local_notes = sorted(n.body for n in m.CustomerNote.select())
        if not queued(self.replica) and not pending:
            assert local_notes == server_notes
            for body in self.offline_notes:
                assert server_notes.count(body) == 1, body


@pytest.mark.mysql
def test_offline_sync_state_machine(mysql_url: str) -> None:
    OfflineMachine.url = mysql_url
    OfflineMachine.TestCase.settings = settings(
        max_examples=8,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    OfflineMachine.TestCase().runTest()
