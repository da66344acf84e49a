"""The replica file and its own tables: the outbox, the conflicts, and the replica's state.

The replica holds the server's schema (created by `db.migrations.init_db`, so it follows the
same ladder) plus three tables of its own. It is a partial copy — a prediction's scoring run or
an order's items are not taken — so SQLite's foreign-key checks are off for it; the service
layer still checks that every row an action names exists.

Rows created offline get ids from `LOCAL_ID_BASE` up, so a pull of the server's rows (ids below
it) never overwrites them; a sync replaces them with the server's.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee as pw

from db import models as m
from db.connection import SQLITE_BUSY_TIMEOUT_MS, DatabaseConfigError
from db.fields import JSONField, MediumTextField
from db.guard import GuardedSqliteDatabase
from db.migrations import init_db
from desktop.core.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

LOCAL_ID_BASE = 2_000_000_000  # ids of rows created offline: above any server id, in an INT


class QueueState:
    QUEUED = "queued"
    APPLIED = "applied"  # the server applied it (maybe merged, maybe superseded by a rule)
    CONFLICT = "conflict"  # not applied (wholly or in part): see SyncConflict
    DROPPED = "dropped"  # the user kept the server's version


class OutboxMutation(m.BaseModel):
    """One offline action, in the order it was made: what to do, as whom, from which device,
    and the rows it read (their version and the values the action touches)."""

    mutation_id = pw.CharField(max_length=36, unique=True)
    device = pw.CharField(max_length=64)
    user = pw.IntegerField()
    operation = pw.CharField(max_length=32)
    args = JSONField()
    reads = JSONField()  # {"Alert:12": {"version": 3, "values": {"status": "open"}}}
    acted_at = pw.DateTimeField()
    force = pw.BooleanField(default=False)  # "keep mine": applied over the server's change
    state = pw.CharField(max_length=16, default=QueueState.QUEUED, index=True)
    local_ids = JSONField(null=True)  # rows the action created in the replica
    result = JSONField(null=True)  # what the server said: outcome, message, created ids
    applied_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "offline_outbox"


class SyncConflict(m.BaseModel):
    """A change of mine the server did not take because the same fields changed there since I
    read them (or the server refused it); waits for "keep mine" or "keep theirs"."""

    mutation = pw.ForeignKeyField(OutboxMutation, backref="conflicts", on_delete="CASCADE")
    entity = pw.CharField(max_length=48)
    entity_id = pw.IntegerField(null=True)
    label = pw.CharField(max_length=200)
    fields = JSONField()
    mine = JSONField(null=True)
    theirs = JSONField(null=True)
    reason = MediumTextField()
    resolution = pw.CharField(max_length=8, null=True)  # "mine" or "theirs"
    resolved_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "offline_conflict"


class ReplicaState(m.BaseModel):
    """Key → value facts about the replica: device, user, server, filter, pull times."""

    key = pw.CharField(max_length=32, unique=True)
    value = JSONField(null=True)

    class Meta:
        table_name = "offline_state"


REPLICA_MODELS: tuple[type[m.BaseModel], ...] = (OutboxMutation, SyncConflict, ReplicaState)


def default_replica_path(server: str) -> Path:
    """The replica for a server in the user's data folder, one file per server."""
    from platformdirs import user_data_path

    digest = hashlib.sha256(server.encode("utf-8")).hexdigest()[:16]
    return user_data_path("ChurnWatch", appauthor=False) / "offline" / f"replica-{digest}.db"


@dataclass
class Replica:
    """An open replica file."""

    path: Path
    database: pw.Database

    @contextmanager
    def active(self) -> Iterator[pw.Database]:
        """Route this thread's model queries to the replica inside the block."""
        with m.DB.using(self.database):
            yield self.database

    def get(self, key: str, default: Any = None) -> Any:
        with self.active():
            row = ReplicaState.get_or_none(ReplicaState.key == key)
            return default if row is None else row.value

    def put(self, **values: Any) -> None:
        with self.active(), self.database.atomic():
            for key, value in values.items():
                ReplicaState.insert(key=key, value=value, created_at=m.utcnow(),
                                    updated_at=m.utcnow()).on_conflict(
                    conflict_target=[ReplicaState.key],
                    update={ReplicaState.value: value, ReplicaState.updated_at: m.utcnow()},
                ).execute()  # fmt: skip

    @property
    def device(self) -> str:
        return str(self.get("device"))

    def close(self) -> None:
        if not self.database.is_closed():
            self.database.close()


def open_replica(path: Path) -> Replica:
    """Open (creating if need be) the replica at `path`, its schema brought up to date."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseConfigError(
            QT_TRANSLATE_NOOP(
                "Offline", "cannot create the folder {folder} for the offline copy: {problem}"
            ).format(folder=str(path.parent), problem=exc.strerror or str(exc))
        ) from None
    database = GuardedSqliteDatabase(
        str(path),
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 0,  # a partial copy: see the module's docstring
            "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
            "synchronous": "normal",
        },
        timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
    )
    database.connect(reuse_if_open=True)
    replica = Replica(path, database)
    with replica.active():
        init_db(database, backup=False)
        database.create_tables(list(REPLICA_MODELS), safe=True)
    if replica.get("device") is None:
        replica.put(device=uuid.uuid4().hex)
    return replica


def replica_exists(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def queued(replica: Replica) -> list[OutboxMutation]:
    """The mutations waiting to be pushed, in the order they were made."""
    with replica.active():
        return list(
            OutboxMutation.select()
            .where(OutboxMutation.state == QueueState.QUEUED)
            .order_by(OutboxMutation.id)
        )


def open_conflicts(replica: Replica) -> list[SyncConflict]:
    with replica.active():
        return list(
            SyncConflict.select(SyncConflict, OutboxMutation)
            .join(OutboxMutation)
            .where(SyncConflict.resolution.is_null())
            .order_by(SyncConflict.id)
        )


@dataclass(frozen=True)
class Status:
    """What `offline status` and the window's banner show."""

    path: str
    user: str | None
    taken_at: datetime | None
    pulled_at: datetime | None
    alerts: int
    customers: int
    waiting: int
    conflicts: int

    def as_json(self) -> dict[str, Any]:
        return {
            "replica": self.path,
            "user": self.user,
            "taken_at": self.taken_at.isoformat(sep=" ") if self.taken_at else None,
            "pulled_at": self.pulled_at.isoformat(sep=" ") if self.pulled_at else None,
            "age_seconds": (
                int((m.utcnow() - self.pulled_at).total_seconds()) if self.pulled_at else None
            ),
            "alerts": self.alerts,
            "customers": self.customers,
            "outbox": self.waiting,
            "conflicts": self.conflicts,
        }


def _when(text: Any) -> datetime | None:
    return datetime.fromisoformat(text) if isinstance(text, str) else None


def status(replica: Replica) -> Status:
    with replica.active():
        return Status(
            path=str(replica.path),
            user=replica.get("username"),
            taken_at=_when(replica.get("taken_at")),
            pulled_at=_when(replica.get("pulled_at")),
            alerts=m.Alert.select().count(),
            customers=m.Customer.select().count(),
            waiting=OutboxMutation.select()
            .where(OutboxMutation.state == QueueState.QUEUED)
            .count(),
            conflicts=SyncConflict.select().where(SyncConflict.resolution.is_null()).count(),
        )
