"""Take work offline: copy the user's alerts, their customers and the lookup data to the
replica, and refresh it incrementally (rows changed on the server since the last pull).

Only selects run on the server. The replica's rows are replaced whole (INSERT OR REPLACE); a
row with a change of mine still waiting in the outbox is left as I changed it until the sync
has applied the change. Deleted server rows are not seen by a refresh; a new `take` sees them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import peewee as pw

from db import models as m
from db import search
from db.choices import AlertStatus, Priority
from db.tasks import TaskState
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number
from desktop.core.offline.store import (
    LOCAL_ID_BASE,
    OutboxMutation,
    QueueState,
    Replica,
)

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 5000
LAST_ORDERS = 20  # per customer, as the 360 shows
CHUNK = 500  # ids per IN (...) list
# Rows changed this long before the last pull are read again: workstations' clocks (which
# stamp updated_at) may differ by a little.
CLOCK_MARGIN = timedelta(minutes=2)
NO_PASSWORD = "!offline"  # other staff's password hashes never leave the server


@dataclass(frozen=True)
class TakeFilter:
    """Which alerts to take: by status, assignee and priority."""

    statuses: tuple[str, ...] = (AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value)
    assignee: str = "default"  # "default": mine or unassigned HIGH/CRITICAL; "mine"; "any"
    priorities: tuple[str, ...] = ()

    def where(self, user_id: int) -> pw.Expression:
        a = m.Alert
        cond = a.status.in_(list(self.statuses)) & a.customer.is_null(False)
        if self.priorities:
            cond &= a.priority.in_(list(self.priorities))
        if self.assignee == "mine":
            cond &= a.assignee == user_id
        elif self.assignee == "default":
            urgent = [Priority.HIGH.value, Priority.CRITICAL.value]
            cond &= (a.assignee == user_id) | (a.assignee.is_null() & a.priority.in_(urgent))
        return cond

    def as_json(self) -> dict[str, Any]:
        return {"statuses": list(self.statuses), "assignee": self.assignee,
                "priorities": list(self.priorities)}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> TakeFilter:
        if not data:
            return cls()
        return cls(tuple(data["statuses"]), data["assignee"], tuple(data["priorities"]))

    @classmethod
    def parse(cls, text: str | None) -> TakeFilter:
        """`assignee=mine,priority=high+critical,status=open`; each part optional."""
        if not text or text.strip() == "default":
            return cls()
        values: dict[str, Any] = {}
        for part in text.split(","):
            key, sep, value = part.strip().partition("=")
            options = [v for v in value.replace("+", " ").split() if v]
            if not sep or not options:
                raise ValidationError(
                    {
                        "filter": QT_TRANSLATE_NOOP("Offline", "'{part}' is not key=value").format(
                            part=part.strip()
                        )
                    }
                )
            if key == "assignee":
                if options[0] not in ("default", "mine", "any"):
                    raise ValidationError(
                        {"filter": QT_TRANSLATE_NOOP("Offline", "assignee is default, mine or any")}
                    )
                values["assignee"] = options[0]
            elif key == "priority":
                bad = [o for o in options if o not in Priority.__members__.values()]
                if bad:
                    raise ValidationError(
                        {
                            "filter": QT_TRANSLATE_NOOP(
                                "Offline", "priority is one of {join}"
                            ).format(join=", ".join(Priority))
                        }
                    )
                values["priorities"] = tuple(options)
            elif key == "status":
                bad = [o for o in options if o not in AlertStatus.__members__.values()]
                if bad:
                    raise ValidationError(
                        {
                            "filter": QT_TRANSLATE_NOOP(
                                "Offline", "status is one of {join}"
                            ).format(join=", ".join(AlertStatus))
                        }
                    )
                values["statuses"] = tuple(options)
            else:
                raise ValidationError(
                    {
                        "filter": QT_TRANSLATE_NOOP(
                            "Offline", "unknown key '{key}' (assignee, priority, status)"
                        ).format(key=key)
                    }
                )
        return cls(**values)


@dataclass
class PullResult:
    """What a take or refresh copied."""

    alerts: int = 0
    customers: int = 0
    rows: int = 0
    new_customers: int = 0
    started_at: datetime = field(default_factory=m.utcnow)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _in(field: pw.Field, ids: Sequence[int]) -> pw.Expression:
    """`field IN (1, 2, …)` with the ids written in the statement: a take sends a hundred such
    lists of 500, and Peewee's handling of 500 parameters each costs more than the query."""
    if not ids:
        return pw.SQL("0 = 1")
    return pw.Expression(field, pw.OP.IN, pw.SQL(f"({', '.join(str(int(i)) for i in ids)})"))


def _fields(model: type[m.BaseModel], skip: tuple[str, ...] = ()) -> list[pw.Field]:
    return [f for name, f in model._meta.fields.items() if name not in skip]


def _read(
    server: pw.Database, model: type[m.BaseModel], where: pw.Expression, skip: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    with m.DB.using(server):
        return list(model.select(*_fields(model, skip)).where(where).dicts())


def _since(model: type[m.BaseModel], since: datetime | None) -> pw.Expression:
    return (model.updated_at >= since) if since is not None else pw.SQL("1 = 1")


class _Writer:
    """Writes pulled rows into the replica, leaving rows with a pending change of mine alone."""

    def __init__(self, replica: Replica) -> None:
        self.replica = replica
        self.pending: set[tuple[str, int]] = set()
        self.count = 0
        with replica.active():
            for mutation in OutboxMutation.select().where(
                OutboxMutation.state.in_([QueueState.QUEUED, QueueState.CONFLICT])
            ):
                for key in mutation.reads or {}:
                    entity, _, ident = key.partition(":")
                    self.pending.add((entity, int(ident)))

    def write(self, model: type[m.BaseModel], rows: list[dict[str, Any]]) -> None:
        name = model.__name__
        rows = [r for r in rows if (name, r["id"]) not in self.pending]
        if not rows:
            return
        with self.replica.active(), self.replica.database.atomic():
            for start in range(0, len(rows), 100):
                model.insert_many(rows[start : start + 100]).on_conflict_replace().execute()
        self.count += len(rows)


def take(
    server: pw.Database,
    replica: Replica,
    user: m.User,
    *,
    server_name: str,
    flt: TakeFilter | None = None,
    limit: int = DEFAULT_LIMIT,
    state: TaskState | None = None,
) -> PullResult:
    """Copy the alerts matching `flt` (at most `limit`), their customers with what the 360
    needs, and the lookup data; the replica remembers the filter for later refreshes."""
    flt = flt or TakeFilter()
    if limit < 1:
        raise ValidationError({"limit": QT_TRANSLATE_NOOP("Offline", "take at least 1 alert")})
    replica.put(
        user_id=user.id, username=user.username, server=server_name, filter=flt.as_json(),
        limit=limit, taken_at=m.utcnow().isoformat(sep=" "),
    )  # fmt: skip
    return _pull(server, replica, user, flt, limit, since=None, state=state)


def refresh(
    server: pw.Database,
    replica: Replica,
    user: m.User,
    *,
    also: Iterable[tuple[str, int]] = (),
    state: TaskState | None = None,
) -> PullResult:
    """Bring the replica up to date with the rows changed on the server since the last pull
    (and the rows in `also`, which a sync just changed)."""
    flt = TakeFilter.from_json(replica.get("filter"))
    limit = int(replica.get("limit", DEFAULT_LIMIT))
    mark = replica.get("pulled_at")
    since = datetime.fromisoformat(mark) - CLOCK_MARGIN if mark else None
    return _pull(server, replica, user, flt, limit, since=since, also=set(also), state=state)


def _progress(state: TaskState | None, done: int, total: int, text: str) -> None:
    if state is not None:
        state.progress(done, total, text)


def _pull(
    server: pw.Database,
    replica: Replica,
    user: m.User,
    flt: TakeFilter,
    limit: int,
    *,
    since: datetime | None,
    also: set[tuple[str, int]] | None = None,
    state: TaskState | None = None,
) -> PullResult:
    result = PullResult()
    writer = _Writer(replica)
    steps = 4
    _progress(state, 0, steps, QT_TRANSLATE_NOOP("Offline", "reading the alerts"))
    a = m.Alert
    with m.DB.using(server):
        ids = [
            r.id
            for r in a.select(a.id)
            .where(flt.where(user.id) & _since(a, since))
            .order_by(a.id.desc())
            .limit(limit)
        ]
    with replica.active():
        held = [r.id for r in a.select(a.id).where(a.id < LOCAL_ID_BASE)]
        known_customers = {r.id for r in m.Customer.select(m.Customer.id)}
    forced = {i for e, i in also or () if e == "Alert"}
    if since is not None:
        # Alerts already held that changed on the server (resolved by someone else, say).
        for chunk in _chunks(held):
            with m.DB.using(server):
                ids += [r.id for r in a.select(a.id).where(_in(a.id, chunk) & _since(a, since))]
    ids = sorted(set(ids) | (forced & set(held)))
    alerts = []
    for chunk in _chunks(ids):
        alerts += _read(server, a, _in(a.id, chunk))
    writer.write(a, alerts)
    result.alerts = len(alerts)
    customers = sorted({r["customer"] for r in alerts} | known_customers)
    new = sorted({r["customer"] for r in alerts} - known_customers)
    result.new_customers = len(new)
    _progress(state, 1, steps, QT_TRANSLATE_NOOP("Offline", "reading the customers"))
    _copy_customers(server, writer, new, since=None, state=state)
    old = sorted(known_customers)
    _copy_customers(server, writer, old, since=since, also=also or set(), state=state)
    result.customers = len(customers)
    _progress(state, 3, steps, QT_TRANSLATE_NOOP("Offline", "reading users, tags and segments"))
    _copy_lookups(server, writer, user, since)
    replica.put(pulled_at=result.started_at.isoformat(sep=" "))
    result.rows = writer.count
    done = QT_TRANSLATE_NOOP("Offline", "{alerts} alerts, {customers} customers")
    _progress(
        state,
        steps,
        steps,
        done.format(alerts=Number(result.alerts), customers=Number(result.customers)),
    )
    log.info("offline pull: %d alerts, %d rows", result.alerts, result.rows)
    return result


def _copy_customers(
    server: pw.Database,
    writer: _Writer,
    ids: list[int],
    *,
    since: datetime | None,
    also: set[tuple[str, int]] | None = None,
    state: TaskState | None = None,
) -> None:
    """The customers and what the 360 shows of them: latest prediction and health score,
    payment methods, the last orders, tickets and their messages, notes, interventions, tags
    and segments."""
    c = m.Customer
    also = also or set()
    for chunk in _chunks(ids):
        if state is not None:
            state.check()
        rows = _read(server, c, _in(c.id, chunk) & _since(c, since))
        writer.write(c, rows)
        if rows:
            with writer.replica.active():
                search.index_customers(
                    writer.replica.database,
                    [(r["id"], r["name"], r["email"], r["deleted_at"]) for r in rows],
                )
        for model in (m.PaymentMethod, m.CustomerNote, m.Intervention, m.SupportTicket,
                      m.CustomerTagAssignment, m.CustomerSegmentAssignment):  # fmt: skip
            mine = [i for e, i in also if e == model.__name__]
            cond = _in(model.customer, chunk) & _since(model, since)
            if mine:
                cond |= _in(model.id, mine)
            writer.write(model, _read(server, model, cond))
        tm, st = m.TicketMessage, m.SupportTicket
        with m.DB.using(server):
            # Through a join, so a refresh reads only the changed messages, not every ticket id.
            changed = _in(st.customer, chunk) & _since(tm, since)
            messages = list(
                tm.select(*_fields(tm)).join(st, on=(tm.ticket == st.id)).where(changed).dicts()
            )
        writer.write(tm, messages)
        _copy_latest(server, writer, chunk, since)


def _copy_latest(
    server: pw.Database, writer: _Writer, chunk: list[int], since: datetime | None
) -> None:
    """Each customer's latest prediction and health score, and their last orders."""
    for model in (m.ChurnPrediction, m.CustomerHealthScore):
        with m.DB.using(server):
            latest = (
                model.select(pw.fn.MAX(model.id))
                .where(_in(model.customer, chunk) & _since(model, since))
                .group_by(model.customer)
            )
            rows = list(model.select().where(model.id.in_(latest)).dicts())
        writer.write(model, rows)
    o = m.Order
    with m.DB.using(server):
        orders = list(o.select().where(_in(o.customer, chunk) & _since(o, since))
                      .order_by(o.customer, o.placed_at.desc()).dicts())  # fmt: skip
    per: dict[int, int] = {}
    kept = []
    for row in orders:
        per[row["customer"]] = per.get(row["customer"], 0) + 1
        if per[row["customer"]] <= LAST_ORDERS:
            kept.append(row)
    writer.write(o, kept)


def _copy_lookups(
    server: pw.Database, writer: _Writer, user: m.User, since: datetime | None
) -> None:
    """Staff (only my own password hash comes along, for signing in offline), tags, segments
    and model versions (without their artifacts: nothing is scored offline)."""
    users = _read(server, m.User, _since(m.User, since) | (m.User.id == user.id))
    for row in users:
        if row["id"] != user.id:
            row["password_hash"] = NO_PASSWORD
    writer.write(m.User, users)
    for model in (m.CustomerTag, m.CustomerSegment):
        writer.write(model, _read(server, model, _since(model, since)))
    writer.write(m.ModelVersion, _read(server, m.ModelVersion, _since(m.ModelVersion, since),
                                       skip=("artifact",)))  # fmt: skip
