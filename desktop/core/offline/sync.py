"""Sync: push the outbox to the server in order, exactly once each, conflicts never silent.

Each mutation is one server transaction (retried whole on a lost connection, `db.units`) that
first looks for its (device, mutation id) in `applied_mutation`, then locks and compares the
rows it read, applies what may be applied through the service layer (audited with the device
and the time the user acted), and records (device, mutation id) with what it decided. A retry
after the server committed but before the reply arrived finds that row and is told the same
decision again, so nothing is applied twice. The replica then marks the mutation, lists its
conflicts, and is refreshed from the server.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from db import models as m
from db.connection import DatabaseError, is_mysql
from db.units import RetryPolicy, retrying, transient_kind, write_transaction
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.offline.operations import OPERATIONS, Operation
from desktop.core.offline.outbox import forget_local_rows
from desktop.core.offline.store import (
    LOCAL_ID_BASE,
    OutboxMutation,
    QueueState,
    Replica,
    SyncConflict,
    queued,
)
from desktop.core.offline.take import PullResult, refresh
from desktop.core.services import ServiceError, Services, snapshot

log = logging.getLogger(__name__)

# A sync gives up on an unreachable server quickly: the outbox stays, the next try sends it.
SYNC_POLICY = RetryPolicy(lost_deadline_s=15.0, max_delay_s=1.0)


class ReferenceUnresolved(ServiceError):
    """A change names a row made offline by a change the server did not take."""


@dataclass
class Decision:
    """What the server decided for one mutation (stored with it in `applied_mutation`)."""

    outcome: str  # applied, merged, superseded, partial, conflict, refused
    rows: list[dict[str, Any]] = field(default_factory=list)  # per target: id, verdict, why
    created: list[tuple[str, int]] = field(default_factory=list)
    message: str = ""
    already: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "rows": self.rows, "created": self.created,
                "message": self.message}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any], *, already: bool) -> Decision:
        return cls(data["outcome"], data.get("rows", []),
                   [(str(c[0]), int(c[1])) for c in data.get("created", [])],
                   data.get("message", ""), already)  # fmt: skip


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    already_applied: int = 0
    merged: int = 0
    superseded: int = 0
    conflicts: int = 0
    refused: int = 0
    waiting: int = 0
    stopped: str | None = None  # why the push stopped early (the server went away)
    pulled: PullResult | None = None
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed, "applied": self.applied,
            "already_applied": self.already_applied, "merged": self.merged,
            "superseded": self.superseded, "conflicts": self.conflicts,
            "refused": self.refused, "waiting": self.waiting, "stopped": self.stopped,
            "pulled_rows": self.pulled.rows if self.pulled else None, "notes": self.notes,
        }  # fmt: skip


def _server_ids(
    replica: Replica,
    op: Operation,
    args: dict[str, Any],
    earlier: list[tuple[OutboxMutation, Decision]],
) -> dict[str, Any]:
    """The arguments with rows made offline named by the ids the server gave them (by an
    earlier mutation of this push, or of an earlier one)."""
    args = dict(args)
    for key, model_name in op.local_refs:
        ident = int(args[key])
        if ident < LOCAL_ID_BASE:
            continue
        found = [
            created[local.index((model_name, ident))][1]
            for mutation, decision in earlier
            if (local := [tuple(x) for x in mutation.local_ids or []])
            and (model_name, ident) in local
            and len(created := decision.created) == len(local)
        ]
        if found:
            args[key] = found[0]
            continue
        with replica.active():
            for before in OutboxMutation.select().where(OutboxMutation.state == QueueState.APPLIED):
                local = [tuple(x) for x in before.local_ids or []]
                created = [tuple(x) for x in (before.result or {}).get("created", [])]
                if (model_name, ident) in local and len(created) == len(local):
                    args[key] = created[local.index((model_name, ident))][1]
                    break
            else:
                raise ReferenceUnresolved(
                    "it changes something made offline that the server did not take"
                )
    return args


def _decide(  # noqa: PLR0912 - one verdict per row, then one outcome
    services: Services, op: Operation, mutation: OutboxMutation, args: dict[str, Any]
) -> Decision:
    """Inside the server transaction: lock and judge each row read, then apply."""
    if op.model is None:
        return Decision("applied", created=op.run(services, args, []))
    apply_ids: list[int] = []
    rows: list[dict[str, Any]] = []
    reads: dict[str, Any] = mutation.reads or {}
    read_keys = [f"{op.model.__name__}:{i}" for i in op.targets(mutation.args)]
    for ident, key in zip(op.targets(args), read_keys, strict=True):
        query = op.model.select().where(op.model.id == ident)
        if is_mysql(services.database):
            query = query.for_update()
        row = query.first()
        if row is None:
            rows.append({"id": ident, "verdict": "conflict", "why": "deleted on the server",
                         "theirs": None})  # fmt: skip
            continue
        theirs = snapshot(row, op.fields)
        read = reads.get(key, {})
        base = read.get("values", theirs)
        if mutation.force:
            verdict, why = "apply", "kept mine over the server's change"
        elif row.version == read.get("version"):
            verdict, why = "apply", ""
        elif theirs == base:
            verdict, why = "apply", "merged with changes to other fields"
        else:
            verdict, why = op.judge(base, theirs, args)
        rows.append({"id": ident, "verdict": verdict, "why": why, "theirs": theirs,
                     "version": row.version})  # fmt: skip
        if verdict == "apply":
            apply_ids.append(ident)
    created: list[tuple[str, int]] = []
    if mutation.force and op.force is not None:
        for ident in apply_ids:
            version = next(r["version"] for r in rows if r["id"] == ident)
            created += op.force(services, args, ident, version)
    elif apply_ids or op.model is m.Alert:
        created = op.run(services, args, apply_ids)
    verdicts = {r["verdict"] for r in rows}
    if verdicts <= {"apply"}:
        outcome = "merged" if any(r["why"] for r in rows) else "applied"
    elif "conflict" not in verdicts:
        outcome = "superseded" if "apply" not in verdicts else "merged"
    else:
        outcome = "partial" if apply_ids or created else "conflict"
    return Decision(outcome, rows, created)


GROUP = 100  # mutations per server transaction; each has its own savepoint and key


def push_one(
    server: pw.Database, replica: Replica, mutation: OutboxMutation, policy: RetryPolicy
) -> Decision:
    """Apply one mutation on the server, or learn what was decided for it before."""
    return push_group(server, replica, [mutation], policy)[0]


def push_group(
    server: pw.Database, replica: Replica, mutations: list[OutboxMutation], policy: RetryPolicy
) -> list[Decision]:
    """Apply mutations in order in one server transaction (one commit for the group, which is
    what makes a sync as fast as working online), each in a savepoint of its own with its
    (device, mutation id) row: a refusal undoes that mutation alone; a lost connection undoes
    the group, which runs again whole; a lost reply after the commit finds every key."""
    am = m.AppliedMutation

    def attempt() -> list[Decision]:
        out: list[tuple[OutboxMutation, Decision]] = []
        with m.DB.using(server), write_transaction(server):
            done = {
                a.mutation_id: a
                for a in am.select().where(
                    (am.device == mutations[0].device)
                    & am.mutation_id.in_([mu.mutation_id for mu in mutations])
                )
            }
            users: dict[int, m.User | None] = {}
            for mutation in mutations:
                if mutation.mutation_id in done:
                    row = done[mutation.mutation_id]
                    data = row.detail or {"outcome": row.outcome}
                    out.append((mutation, Decision.from_json(data, already=True)))
                    continue
                if mutation.user not in users:
                    users[mutation.user] = m.User.get_or_none(m.User.id == mutation.user)
                decision = _apply(
                    server, replica, mutation, users[mutation.user], policy=policy, earlier=out
                )
                out.append((mutation, decision))
        return [decision for _, decision in out]

    return retrying(server, attempt, what="the sync", policy=policy)


def _apply(
    server: pw.Database,
    replica: Replica,
    mutation: OutboxMutation,
    user: m.User | None,
    *,
    policy: RetryPolicy,
    earlier: list[tuple[OutboxMutation, Decision]],
) -> Decision:
    """One mutation in its savepoint: judged, applied, and its key recorded; or refused."""
    op = OPERATIONS[mutation.operation]
    try:
        with server.atomic():
            if user is None:
                raise ServiceError(
                    QT_TRANSLATE_NOOP("Offline", "the staff account that made it no longer exists")
                )
            services = Services(server, user, policy=policy)
            services.origin = (mutation.device, mutation.acted_at)
            args = _server_ids(replica, op, mutation.args, earlier)
            decision = _decide(services, op, mutation, args)
            m.AppliedMutation.create(
                device=mutation.device, mutation_id=mutation.mutation_id, user=user.id,
                operation=mutation.operation, acted_at=mutation.acted_at,
                outcome=decision.outcome, detail=decision.as_json(),
            )  # fmt: skip
            return decision
    except (ServiceError, ValidationError) as exc:
        # Nothing of it was written; the same refusal would come again, so it is listed.
        return Decision("refused", message=str(exc))


def _record(replica: Replica, mutation: OutboxMutation, decision: Decision) -> None:
    """Mark the mutation in the replica and list its conflicts (one transaction)."""
    op = OPERATIONS[mutation.operation]
    with replica.active(), write_transaction(replica.database):
        conflicted = [r for r in decision.rows if r["verdict"] == "conflict"]
        if decision.outcome == "refused":
            SyncConflict.create(
                mutation=mutation.id, entity=op.model.__name__ if op.model else "",
                entity_id=next(iter(op.targets(mutation.args)), None),
                label=op.describe(mutation.args), fields=list(op.fields), mine=mutation.args,
                theirs=None, reason=f"refused by the server: {decision.message}",
            )  # fmt: skip
        for row in conflicted:
            SyncConflict.create(
                mutation=mutation.id, entity=op.model.__name__ if op.model else "",
                entity_id=row["id"], label=op.describe({**mutation.args, "ids": [row["id"]]}),
                fields=list(op.fields), mine=op.mine(mutation.args), theirs=row["theirs"],
                reason=row["why"],
            )  # fmt: skip
        state = (
            QueueState.CONFLICT
            if conflicted or decision.outcome == "refused"
            else QueueState.APPLIED
        )
        OutboxMutation.update(state=state, result=decision.as_json(),
                              applied_at=m.utcnow()).where(
            OutboxMutation.id == mutation.id
        ).execute()  # fmt: skip


def sync(  # noqa: PLR0912 - one count per outcome
    server: pw.Database,
    replica: Replica,
    *,
    policy: RetryPolicy = SYNC_POLICY,
    pull: bool = True,
) -> SyncReport:
    """Push every queued mutation in order, then refresh the replica from the server."""
    report = SyncReport()
    touched: set[tuple[str, int]] = set()
    applied: list[OutboxMutation] = []
    waiting = queued(replica)
    pairs: list[tuple[OutboxMutation, Decision]] = []
    for start in range(0, len(waiting), GROUP):
        group = waiting[start : start + GROUP]
        try:
            decisions = push_group(server, replica, group, policy)
        except Exception as exc:
            if isinstance(exc, DatabaseError) or transient_kind(exc) is not None:
                report.stopped = str(exc)
                break
            raise
        with replica.active(), write_transaction(replica.database):
            for mutation, decision in zip(group, decisions, strict=True):
                _record(replica, mutation, decision)
        pairs += zip(group, decisions, strict=True)
    for mutation, decision in pairs:
        report.pushed += 1
        op = OPERATIONS[mutation.operation]
        if op.model is not None:
            touched |= {(op.model.__name__, i) for i in op.targets(mutation.args)}
        if decision.already:
            report.already_applied += 1
        if decision.outcome == "refused":
            report.refused += 1
            report.notes.append(f"{op.describe(mutation.args)}: {decision.message}")
            continue
        report.conflicts += sum(1 for r in decision.rows if r["verdict"] == "conflict")
        if decision.outcome in ("applied", "merged", "partial", "superseded"):
            if not decision.already:
                report.applied += 1
            applied.append(mutation)
        if decision.outcome == "merged":
            report.merged += 1
        if decision.outcome == "superseded":
            report.superseded += 1
        for row in decision.rows:
            if row["verdict"] == "superseded":
                report.notes.append(f"{op.describe({**mutation.args, 'ids': [row['id']]})}: "
                                    f"{row['why']}")  # fmt: skip
    report.waiting = len(queued(replica))
    if report.stopped is None and pull:
        with replica.active():
            ids = [mu.id for mu in applied]
            fresh = list(OutboxMutation.select().where(OutboxMutation.id.in_(ids)))
        forget_local_rows(replica, fresh)
        user = _user(replica)
        if user is not None:
            report.pulled = refresh(server, replica, user, also=touched)
    log.info("sync: %d pushed, %d conflicts", report.pushed, report.conflicts)
    return report


def _user(replica: Replica) -> m.User | None:
    user_id = replica.get("user_id")
    if user_id is None:
        return None
    with replica.active():
        return m.User.get_or_none(m.User.id == int(user_id))


def keep_mine(replica: Replica, conflict_id: int) -> OutboxMutation:
    """Queue my change again, to be applied over the server's current version (audited as
    any change); the next sync sends it."""
    with replica.active(), write_transaction(replica.database):
        conflict = SyncConflict.get_by_id(conflict_id)
        original = conflict.mutation
        args = dict(original.args)
        if "ids" in args and conflict.entity_id is not None:
            args["ids"] = [conflict.entity_id]
        again = OutboxMutation.create(
            mutation_id=str(uuid.uuid4()), device=original.device, user=original.user,
            operation=original.operation, args=args, reads=original.reads,
            acted_at=original.acted_at, force=conflict.theirs is not None,
        )  # fmt: skip
        _resolve(conflict, "mine")
    return again


def keep_theirs(replica: Replica, conflict_id: int) -> set[tuple[str, int]]:
    """Drop my change; the server's version stays. Returns the rows to refresh (`take.refresh`
    with `also`) so the replica shows the server's version."""
    with replica.active(), write_transaction(replica.database):
        conflict = SyncConflict.get_by_id(conflict_id)
        _resolve(conflict, "theirs")
    return {(conflict.entity, conflict.entity_id)} if conflict.entity_id is not None else set()


def _resolve(conflict: SyncConflict, side: str) -> None:
    SyncConflict.update(resolution=side, resolved_at=m.utcnow()).where(
        SyncConflict.id == conflict.id
    ).execute()
    left = (
        SyncConflict.select()
        .where((SyncConflict.mutation == conflict.mutation_id) & SyncConflict.resolution.is_null())
        .count()
    )
    if left == 0:
        mutation = OutboxMutation.get_by_id(conflict.mutation_id)
        if mutation.state == QueueState.CONFLICT:
            # Nothing of it waits any more: what was applied stays applied, the rest is settled.
            OutboxMutation.update(state=QueueState.DROPPED).where(
                OutboxMutation.id == mutation.id
            ).execute()


def touched_rows(mutations: Iterable[OutboxMutation]) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    for mutation in mutations:
        op = OPERATIONS[mutation.operation]
        if op.model is not None:
            out |= {(op.model.__name__, i) for i in op.targets(mutation.args)}
    return out
