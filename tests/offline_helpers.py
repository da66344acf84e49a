"""A server with a supervisor, an agent, customers and alerts, for the offline tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from db import models as m
from db.choices import AlertStatus, AlertType, Priority
from desktop.core.offline.store import Replica, open_replica
from desktop.core.offline.take import take

TABLES_COMPARED = {
    m.Alert: ("status", "assignee", "acknowledged_by", "resolved_by", "resolution_note",
              "version"),
    m.CustomerNote: ("customer", "author", "body", "version"),
}  # fmt: skip


@dataclass
class World:
    server: pw.Database
    lead: m.User
    other: m.User
    customers: list[m.Customer]
    alerts: list[m.Alert]


def make_user(username: str, role: str = "supervisor") -> m.User:
    return m.User.create(
        username=username, email=f"{username}@staff.example", display_name=username.title(),
        role=role, password_hash="x",
    )  # fmt: skip


def build_world(server: pw.Database, customers: int = 3, per_customer: int = 2) -> World:
    """Alerts the supervisor's default filter takes (HIGH, unassigned) and one it does not."""
    with m.DB.using(server):
        lead = make_user("lead1")
        other = make_user("lead2")
        rows, alerts = [], []
        for n in range(customers):
            c = m.Customer.create(name=f"Customer {n}", email=f"c{n}@example.com")
            rows.append(c)
            for k in range(per_customer):
                alerts.append(
                    m.Alert.create(
                        type=AlertType.CHURN_RISK.value,
                        customer=c,
                        priority=Priority.HIGH.value,
                        title=f"Alert {n}.{k}",
                        dedupe_key=f"churn:{n}:{k}",
                    )
                )
            m.CustomerNote.create(customer=c, author=other.id, body=f"server note {n}")
        m.Alert.create(type=AlertType.CHURN_RISK.value, customer=rows[0],
                       priority=Priority.LOW.value, title="Low one", assignee=other.id,
                       status=AlertStatus.OPEN.value)  # fmt: skip
    return World(server, lead, other, rows, alerts)


def taken_replica(world: World, path: Path) -> Replica:
    replica = open_replica(path)
    take(world.server, replica, world.lead, server_name="test")
    return replica


def rows_of(database: pw.Database, model: type[m.BaseModel], ids: list[int]) -> dict[int, tuple]:
    fields = TABLES_COMPARED[model]
    with m.DB.using(database):
        return {
            r.id: tuple(r.__data__.get(model._meta.fields[f].name) for f in fields)
            for r in model.select().where(model.id.in_(ids))
        }
