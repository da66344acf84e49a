"""Sync: push the outbox to the server in order, exactly once each, conflicts never silent.

Mutations go in groups, one server transaction each (retried whole on a lost connection,
`db.units`), each mutation in a savepoint of its own. The group first locks the rows its
mutations read and looks up their (device, mutation id) keys in `applied_mutation`; each
mutation not found there is judged against the rows it read, applied where it may be through
the service layer (audited with the device and the time the user acted), and its key goes in
with what was decided, in the same transaction. A retry after the server committed but before
the reply arrived finds the keys and is told the same decisions again, so nothing is applied
twice. The replica then marks the mutations, lists their conflicts, and is refreshed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from db import models as m
from db.bulk import insert_rows
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


class _LocalIds:
    """Which server id each row made offline got: from the mutations this push applied, else
    from those applied before (read from the replica once per push, when first needed)."""

    def __init__(self, replica: Replica) -> None:
        self.replica = replica
        self.known: dict[tuple[str, int], int] | None = None

    def learn(self, mutation: OutboxMutation, created: list[tuple[str, int]]) -> None:
        local = [(str(x[0]), int(x[1])) for x in mutation.local_ids or []]
        if self.known is not None and local and len(created) == len(local):
            self.known.update(zip(local, (ident for _, ident in created), strict=True))

    def server_id(self, model_name: str, ident: int) -> int | None:
        if self.known is None:
            self.known = {}
            with self.replica.active():
                for before in OutboxMutation.select().where(
                    OutboxMutation.state == QueueState.APPLIED
                ):
                    created = [tuple(x) for x in (before.result or {}).get("created", [])]
                    self.learn(before, [(str(c[0]), int(c[1])) for c in created])
        return self.known.get((model_name, ident))


def _server_ids(
    op: Operation,
    args: dict[str, Any],
    earlier: list[tuple[OutboxMutation, Decision]],
    local_ids: _LocalIds,
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
        server_id = found[0] if found else local_ids.server_id(model_name, ident)
        if server_id is None:
            raise ReferenceUnresolved(
                QT_TRANSLATE_NOOP(
                    "Offline", "it changes something made offline that the server did not take"
                )
            )
        args[key] = server_id
    return args


class _Rows:
    """The server's rows a group of mutations read, locked and read in one query per model
    when the group starts (instead of one per mutation). A row an earlier mutation of the
    group may have changed is read again, locked, when a later one needs it."""

    def __init__(self, server: pw.Database) -> None:
        self.server = server
        self.rows: dict[tuple[str, int], m.BaseModel] = {}

    def prefetch(self, mutations: list[OutboxMutation]) -> None:
        wanted: dict[type[m.BaseModel], set[int]] = {}
        for mutation in mutations:
            op = OPERATIONS[mutation.operation]
            if op.model is not None:
                ids = {i for i in op.targets(mutation.args) if i < LOCAL_ID_BASE}
                wanted.setdefault(op.model, set()).update(ids)
        for model, ids in wanted.items():
            ordered = sorted(ids)  # one lock order for every sync
            for start in range(0, len(ordered), 500):
                query = model.select().where(model.id.in_(ordered[start : start + 500]))
                query = query.order_by(model.id)
                if is_mysql(self.server):
                    query = query.for_update()
                for row in query:
                    self.rows[(model.__name__, row.id)] = row

    def get(self, model: type[m.BaseModel], ident: int) -> Any:
        row = self.rows.get((model.__name__, ident))
        if row is not None:
            return row
        query = model.select().where(model.id == ident)
        if is_mysql(self.server):
            query = query.for_update()
        return query.first()

    def changed(self, op: Operation, args: dict[str, Any]) -> None:
        """Forget the rows `op` may have changed (its targets and what it changes besides)."""
        if op.changes_also is None:
            self.rows.clear()
            return
        if op.model is not None:
            for ident in op.targets(args):
                self.rows.pop((op.model.__name__, ident), None)
        for name in op.changes_also:
            for key in [k for k in self.rows if k[0] == name]:
                del self.rows[key]


def _decide(  # noqa: PLR0912 - one verdict per row, then one outcome
    services: Services,
    op: Operation,
    mutation: OutboxMutation,
    args: dict[str, Any],
    server_rows: _Rows,
) -> Decision:
    """Inside the server transaction: judge each row read (locked), then apply."""
    if op.model is None:
        return Decision("applied", created=op.run(services, args, []))
    apply_ids: list[int] = []
    rows: list[dict[str, Any]] = []
    reads: dict[str, Any] = mutation.reads or {}
    read_keys = [f"{op.model.__name__}:{i}" for i in op.targets(mutation.args)]
    for ident, key in zip(op.targets(args), read_keys, strict=True):
        row = server_rows.get(op.model, ident)
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
SAVEPOINT = "sync_mutation"  # set again (same name) before each mutation of a group


def push_one(
    server: pw.Database, replica: Replica, mutation: OutboxMutation, policy: RetryPolicy
) -> Decision:
    """Apply one mutation on the server, or learn what was decided for it before."""
    return push_group(server, replica, [mutation], policy)[0]


def push_group(
    server: pw.Database,
    replica: Replica,
    mutations: list[OutboxMutation],
    policy: RetryPolicy,
    *,
    local_ids: _LocalIds | None = None,
) -> list[Decision]:
    """Apply mutations in order in one server transaction (one commit for the group, which is
    what makes a sync as fast as working online), each in a savepoint of its own: a refusal
    undoes that mutation alone; a lost connection undoes the group, which runs again whole;
    a lost reply after the commit finds every key.

    Round trips are what a push costs, so the group's (device, mutation id) keys are looked
    up in one query and inserted in one statement, in the same transaction as the changes
    they stand for; the rows the group reads are locked and read in one query per model;
    and a mutation's savepoint is not released (the next one replaces it; the commit ends
    them all)."""
    am = m.AppliedMutation
    local_ids = local_ids or _LocalIds(replica)

    def attempt() -> list[Decision]:
        out: list[tuple[OutboxMutation, Decision]] = []
        keys: list[dict[str, Any]] = []
        with m.DB.using(server), write_transaction(server):
            # Locks first: a second push of the same outbox (the window's and a script's)
            # waits here for the first to commit, then finds its keys below.
            server_rows = _Rows(server)
            server_rows.prefetch(mutations)
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
                user = users[mutation.user]
                decision = _apply(
                    server, mutation, user, policy=policy, earlier=out,
                    local_ids=local_ids, server_rows=server_rows,
                )  # fmt: skip
                if decision.outcome != "refused" and user is not None:
                    now = m.utcnow()
                    keys.append({
                        "device": mutation.device, "mutation_id": mutation.mutation_id,
                        "user": user.id, "operation": mutation.operation,
                        "acted_at": mutation.acted_at, "outcome": decision.outcome,
                        "detail": decision.as_json(), "created_at": now, "updated_at": now,
                    })  # fmt: skip
                out.append((mutation, decision))
            if keys:
                insert_rows(am, keys)
        for mutation, decision in out:
            # As the replica will record it: only a mutation applied whole names its rows.
            conflicted = any(r["verdict"] == "conflict" for r in decision.rows)
            if not decision.already and decision.outcome != "refused" and not conflicted:
                local_ids.learn(mutation, decision.created)
        return [decision for _, decision in out]

    return retrying(server, attempt, what=QT_TRANSLATE_NOOP("Writes", "the sync"), policy=policy)


def _apply(
    server: pw.Database,
    mutation: OutboxMutation,
    user: m.User | None,
    *,
    policy: RetryPolicy,
    earlier: list[tuple[OutboxMutation, Decision]],
    local_ids: _LocalIds,
    server_rows: _Rows,
) -> Decision:
    """One mutation in its savepoint: judged and applied; or refused, and undone."""
    op = OPERATIONS[mutation.operation]
    server.execute_sql(f"SAVEPOINT {SAVEPOINT}")
    try:
        if user is None:
            raise ServiceError(
                QT_TRANSLATE_NOOP("Offline", "the staff account that made it no longer exists")
            )
        services = Services(server, user, policy=policy)
        services.origin = (mutation.device, mutation.acted_at)
        services.joins_savepoint = True
        args = _server_ids(op, mutation.args, earlier, local_ids)
        decision = _decide(services, op, mutation, args, server_rows)
        server_rows.changed(op, args)
        return decision
    except (ServiceError, ValidationError) as exc:
        # Nothing of it was written; the same refusal would come again, so it is listed.
        server.execute_sql(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
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
    local_ids = _LocalIds(replica)
    for start in range(0, len(waiting), GROUP):
        group = waiting[start : start + GROUP]
        try:
            decisions = push_group(server, replica, group, policy, local_ids=local_ids)
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
