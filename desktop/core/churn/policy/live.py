"""The live alert policy: the one row a supervisor sets ("Apply"), read by scoring at the start
of each run and shown by the Alert policy page. Writes go through
`Services.apply_alert_policy`; this module only reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee as pw

from db import models as m
from db.choices import Role
from desktop.core.churn.policy.rules import AlertPolicy, default_policy

FIELDS = ("mode", "top_share", "threshold", "top_k", "per_agent_per_day", "rise_points",
          "payment_at_risk")  # fmt: skip


@dataclass(frozen=True)
class LivePolicy:
    """The policy in force, its row's version (None: no row, the default applies), and who
    applied it when (None: nobody yet, the default)."""

    policy: AlertPolicy
    version: int | None
    set_by: str | None = None
    set_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy.to_json(),
            "describe": self.policy.describe(),
            "version": self.version,
            "set_by": self.set_by,
            "set_at": self.set_at.isoformat(sep=" ") if self.set_at else None,
        }


def policy_of(row: m.AlertPolicySetting) -> AlertPolicy:
    """The row as a policy; a row made invalid by hand raises `PolicyError` naming the field."""
    return AlertPolicy.from_json({name: getattr(row, name) for name in FIELDS})


def active_agents() -> int:
    """Active agents in the database, at least 1: who works the alerts."""
    u = m.User
    count = u.select().where(u.active == True, u.role == Role.AGENT.value).count()  # noqa: E712
    return max(int(count), 1)


def read_live_policy() -> LivePolicy:
    """The live policy (the default when the row is missing)."""
    s, u = m.AlertPolicySetting, m.User
    row = (
        s.select(s, u.display_name)
        .join(u, pw.JOIN.LEFT_OUTER, on=(s.set_by == u.id))
        .where(s.id == 1)
        .objects()
        .first()
    )
    if row is None:
        return LivePolicy(default_policy(), None)
    name = getattr(row, "display_name", None)
    return LivePolicy(policy_of(row), int(row.version), name, row.set_at)
