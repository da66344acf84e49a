"""The audit trail as a list: who did what to which entity, with the before → after of each
changed field; paged by the list engine like any table (an index on `created_at`).

Supervisors see their team's actions (what agents and supervisors did); admins see everything,
including admins' actions and those of no one (the scorer, the first run). Secret fields never
appear: the services never write them, and `describe_changes` leaves them out all the same.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar

import peewee as pw

from db import models as m
from db.choices import Role
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.read.listing import Column, ListQuery, ListSpec, SortSpec, prefix
from desktop.core.services.base import SECRET_FIELDS

A = m.AuditLog
Who = m.User.alias("au")
TEAM_ROLES = (Role.AGENT.value, Role.SUPERVISOR.value)
SHOWN_MAX = 80  # a longer value is cut with an ellipsis in the table (an export keeps it whole)


def _value(value: Any, limit: int | None) -> str:
    text = "none" if value is None else value if isinstance(value, str) else json.dumps(value)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def describe_changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, limit: int | None = None
) -> str:
    """ "field: old → new; …" for the fields whose value changed (a creation lists the new
    values, a deletion the old ones); secret fields are left out."""
    before, after = dict(before or {}), dict(after or {})
    parts = []
    for key in sorted((before.keys() | after.keys()) - SECRET_FIELDS):
        if key in ("version", "updated_at"):
            continue
        old, new = before.get(key), after.get(key)
        if key in before and key in after and old == new:
            continue
        if key not in before:
            parts.append(f"{key}: {_value(new, limit)}")
        elif key not in after:
            parts.append(f"{key}: {_value(old, limit)} → (removed)")
        else:
            parts.append(f"{key}: {_value(old, limit)} → {_value(new, limit)}")
    return "; ".join(parts)


class AuditList(ListSpec):
    """`team_only`: the rows a supervisor may see (actions of agents and supervisors)."""

    name = "audit"
    noun = (QT_TRANSLATE_NOOP("Lists", "audit entry"), QT_TRANSLATE_NOOP("Lists", "audit entries"))
    model = A
    choice_filters: ClassVar[dict[str, Any]] = {"entity": A.entity, "action": A.action}
    columns = (
        Column("id", QT_TRANSLATE_NOOP("Lists", "ID"), A.id, A.id, "int", shown=False),
        Column(
            "created_at", QT_TRANSLATE_NOOP("Lists", "When"), A.created_at, A.created_at, "datetime"
        ),
        Column("user_name", QT_TRANSLATE_NOOP("Lists", "Who"), Who.display_name),
        Column("user_id", QT_TRANSLATE_NOOP("Lists", "User ID"), A.user, None, "int", shown=False),
        Column("action", QT_TRANSLATE_NOOP("Lists", "Action"), A.action, A.action),
        Column("entity", QT_TRANSLATE_NOOP("Lists", "Entity"), A.entity),
        Column("entity_id", QT_TRANSLATE_NOOP("Lists", "Entity ID"), A.entity_id, None, "int"),
        Column("changes", QT_TRANSLATE_NOOP("Lists", "Changes (before → after)"), A.after),
        Column("before", QT_TRANSLATE_NOOP("Lists", "Before"), A.before, shown=False),
    )
    default_sort: SortSpec = (("created_at", True),)
    date_column = A.created_at

    def __init__(self, *, team_only: bool = False) -> None:
        super().__init__()
        self.team_only = team_only

    def base(self) -> pw.Select:
        return A.select().join(Who, pw.JOIN.LEFT_OUTER, on=(A.user == Who.id))

    def conditions(self, query: ListQuery, me: int | None) -> list[Any]:
        conds = super().conditions(query, me)
        if query.filters.get("user"):
            conds.append(A.user == int(query.filters["user"]))
        if self.team_only:
            team = m.User.select(m.User.id).where(m.User.role.in_(TEAM_ROLES))
            conds.append(A.user.in_(team))
        return conds

    def search_condition(self, text: str) -> Any:
        return prefix(A.action, text) | prefix(A.entity, text)

    def row_values(self, values: dict[str, Any]) -> dict[str, Any]:
        before, after = _json(values.pop("before", None)), _json(values.get("changes"))
        values["changes"] = describe_changes(before, after, SHOWN_MAX)
        values["before"] = None
        values["_before"], values["_after"] = before, after
        return values

    def export_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """The changes in full (the table cuts long values)."""
        return {**values, "changes": describe_changes(values["_before"], values["_after"])}


def _json(value: Any) -> dict[str, Any] | None:
    if value is None or isinstance(value, dict):
        return value
    try:
        loaded = json.loads(value)
    except (TypeError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def audit_spec(role: str) -> AuditList:
    return AuditList(team_only=role != Role.ADMIN)


def filter_choices() -> dict[str, list[str]]:
    """The entities and actions that occur (for the filter boxes; distinct over an index)."""
    return {
        "entity": [r[0] for r in A.select(A.entity).distinct().order_by(A.entity).tuples()],
        "action": [r[0] for r in A.select(A.action).distinct().order_by(A.action).tuples()],
    }


def staff() -> list[tuple[str, int]]:
    return [(u.display_name, u.id) for u in m.User.select().order_by(m.User.display_name)]


def customer_of(entity: str, entity_id: int | None) -> int | None:
    """The customer an audited entity belongs to, for "open the entity"; None when it has none
    (a user, a model) or no longer exists."""
    if entity_id is None:
        return None
    if entity == "Customer":
        return entity_id if m.Customer.get_or_none(m.Customer.id == entity_id) else None
    owners: dict[str, Any] = {
        "Alert": m.Alert,
        "SupportTicket": m.SupportTicket,
        "CustomerNote": m.CustomerNote,
        "Intervention": m.Intervention,
        "CustomerTagAssignment": m.CustomerTagAssignment,
    }
    if entity == "TicketMessage":
        row = (
            m.SupportTicket.select(m.SupportTicket.customer)
            .join(m.TicketMessage, on=(m.TicketMessage.ticket == m.SupportTicket.id))
            .where(m.TicketMessage.id == entity_id)
            .first()
        )
        return row.customer_id if row is not None else None
    model = owners.get(entity)
    if model is None:
        return None
    row = model.select(model.customer).where(model.id == entity_id).first()
    return row.customer_id if row is not None and row.customer_id is not None else None
