"""The window's offline session, without Qt: the same service calls the pages make, done on
the replica and queued; the banner's words; the reconnect backoff; conflicts side by side.

`OfflineServices` stands in for `Services` while the shared database is away. The methods the
pages call for the actions allowed offline go through `outbox.act` (the service layer on the
replica, then the outbox row, in one transaction) and return what the online method returns;
every other method raises `NeedsServer`, a sentence the page shows like any refused write.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from db import models as m
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.offline.outbox import act
from desktop.core.offline.store import Replica, default_replica_path, open_conflicts
from desktop.core.services import BulkResult, ServiceError

ENV_REPLICA = "CHURNWATCH_REPLICA"  # the same variable `churnwatch offline` reads


class NeedsServer(ServiceError):
    """The action is not one of those kept for later: it needs the shared database."""


def replica_path(server: str) -> Path:
    """Where the window keeps the replica: `$CHURNWATCH_REPLICA`, else one per server."""
    named = os.environ.get(ENV_REPLICA)
    return Path(named) if named else default_replica_path(server)


class OfflineServices:
    """The subset of `Services` that works offline, on the replica, queued in the outbox."""

    offline = True  # the window offers no undo for these (undo needs the server's audit)

    def __init__(self, replica: Replica, user: m.User) -> None:
        self.replica = replica
        self.user = user

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)

        def refused(*_args: Any, **_kwargs: Any) -> Any:
            raise NeedsServer(
                QT_TRANSLATE_NOOP(
                    "Offline",
                    "This needs the shared database, which cannot be reached now; it can be done "
                    "when the connection is back.",
                )
            )

        return refused

    def _statuses(self, ids: list[int]) -> dict[int, str]:
        with self.replica.active():
            return {a.id: a.status for a in m.Alert.select(m.Alert.id, m.Alert.status)
                    .where(m.Alert.id.in_(ids))}  # fmt: skip

    def _alerts(self, operation: str, ids: Iterable[int], note: str | None) -> BulkResult:
        id_list = list(dict.fromkeys(int(i) for i in ids))
        before = self._statuses(id_list)
        act(self.replica, self.user, operation, {"ids": id_list, "note": note})
        after = self._statuses(id_list)
        changed = sum(1 for i in id_list if before.get(i) != after.get(i))
        return BulkResult(changed=changed, skipped=len(id_list) - changed)

    def acknowledge_alerts(self, ids: Iterable[int], state: Any = None) -> BulkResult:
        return self._alerts("alert.acknowledge", ids, None)

    def resolve_alerts(self, ids: Iterable[int], note: str, state: Any = None) -> BulkResult:
        return self._alerts("alert.resolve", ids, note)

    def _created(self, mutation: Any, model: type[m.BaseModel]) -> Any:
        _name, ident = next(c for c in mutation.local_ids or [] if c[0] == model.__name__)
        with self.replica.active():
            return model.get_by_id(ident)

    def add_note(self, customer_id: int, body: str) -> m.CustomerNote:
        mutation = act(self.replica, self.user, "note.add",
                       {"customer_id": customer_id, "body": body})  # fmt: skip
        return self._created(mutation, m.CustomerNote)

    def edit_note(self, note_id: int, body: str, version: int | None = None) -> m.CustomerNote:
        act(self.replica, self.user, "note.edit", {"note_id": note_id, "body": body})
        with self.replica.active():
            return m.CustomerNote.get_by_id(note_id)

    def tag_customer(self, customer_id: int, tag_id: int) -> bool:
        with self.replica.active():
            there = (
                m.CustomerTagAssignment.select()
                .where(
                    (m.CustomerTagAssignment.customer == customer_id)
                    & (m.CustomerTagAssignment.tag == tag_id)
                )
                .exists()
            )
        if there:
            return False
        act(self.replica, self.user, "customer.tag",
            {"customer_id": customer_id, "tag_id": tag_id})  # fmt: skip
        return True

    def log_intervention(
        self, customer_id: int, channel: str, kind: str, notes: str | None = None
    ) -> m.Intervention:
        mutation = act(self.replica, self.user, "intervention.log",
                       {"customer_id": customer_id, "channel": channel, "kind": kind,
                        "notes": notes})  # fmt: skip
        return self._created(mutation, m.Intervention)

    def move_ticket(
        self, ticket_id: int, status: str, version: int | None = None
    ) -> m.SupportTicket:
        act(self.replica, self.user, "ticket.status", {"ticket_id": ticket_id, "status": status})
        with self.replica.active():
            return m.SupportTicket.get_by_id(ticket_id)

    def add_message(
        self, ticket_id: int, body: str, *, internal: bool = False, from_customer: bool = False
    ) -> m.TicketMessage:
        if from_customer:
            raise NeedsServer(
                QT_TRANSLATE_NOOP(
                    "Offline", "Recording the customer's own message needs the shared database."
                )
            )
        mutation = act(self.replica, self.user, "ticket.reply",
                       {"ticket_id": ticket_id, "body": body, "internal": internal})  # fmt: skip
        return self._created(mutation, m.TicketMessage)


def banner_text(since: datetime, waiting: int, *, has_copy: bool = True) -> str:
    """The offline banner's sentence (times in the computer's local time)."""
    when = since.strftime("%H:%M")
    if not has_copy:
        return (
            f"Offline since {when} — the shared database cannot be reached and no offline "
            "copy was taken on this computer (File → Work offline… when it is back)"
        )
    return (
        f"Offline since {when} — your changes are kept on this computer and sent when the "
        f"database is back · {waiting:,} waiting"
    )


class Backoff:
    """Reconnect attempts: 2 s, 4 s, 8 s … up to a minute; `reset` after a success."""

    def __init__(self, first_s: float = 2.0, most_s: float = 60.0) -> None:
        self.first_s, self.most_s = first_s, most_s
        self.attempt = 0

    def next_s(self) -> float:
        delay = min(self.most_s, self.first_s * (2**self.attempt))
        self.attempt += 1
        return delay

    def reset(self) -> None:
        self.attempt = 0


@dataclass(frozen=True)
class ConflictRow:
    """One field of one open conflict, mine beside theirs."""

    conflict_id: int
    change: str
    field: str
    mine: str
    theirs: str
    reason: str
    acted_at: datetime


def _shown(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def conflict_rows(replica: Replica) -> list[ConflictRow]:
    """The open conflicts, one row per field they name."""
    out = []
    for c in open_conflicts(replica):
        mine: dict[str, Any] = c.mine or {}
        theirs: dict[str, Any] = c.theirs or {}
        names = [f for f in (c.fields or []) if f in mine or f in theirs] or ["(the change)"]
        for name in names:
            out.append(ConflictRow(
                c.id, c.label, name, _shown(mine.get(name)),
                _shown(theirs.get(name)) if c.theirs is not None else "(refused)",
                c.reason, c.mutation.acted_at,
            ))  # fmt: skip
    return out
