"""Who may do what: the permission matrix, one table read by the service layer, the training
and scoring entry points, the command line and the window (which disables what a role cannot do
and says why in a tooltip).

`require(user, perm)` raises `NotAllowed` naming what is missing ("only supervisors and admins may
resolve alerts assigned to someone else"). Checks that depend on the row (an alert's or a
ticket's assignee) are made by the service method on the row it read inside its transaction.

"Assigned to me" for alerts means the alert's assignee is the signed-in user: an unassigned alert
is nobody's, so an agent takes it first (assigning an alert to yourself is always allowed, one
audited click) and then resolves it; tickets, per the matrix, may be worked when assigned to the
agent or to nobody. A bulk action is one call on more than one alert (the selection or "Apply to
all matching"); acknowledging one customer's open alerts from Customer 360 is one customer's
quick action, not a bulk action.

Exports carry personal data out of the application: supervisors and admins export any list
(customers, orders, alerts, tickets, the audit trail they may read) and a customer's printable
summary; an agent exports only their own queue, the alerts or tickets assigned to them.

A `user` of None is the operator of a command-line tool on a database without any active staff
account (the first run, before `churnwatch user add … --role admin`); once accounts exist, every
check needs a signed-in user (`--as USERNAME` on the command line).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from db import models as m
from db.choices import Role
from desktop.core.i18n import QT_TRANSLATE_NOOP, Joined
from desktop.core.services.base import NotAllowed

ALL = frozenset(Role)
LEADS = frozenset({Role.SUPERVISOR, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})


class Perm(StrEnum):
    BROWSE = "browse"
    OWN_NOTES = "note.own"
    TAG_CUSTOMER = "tag.customer"
    LOG_INTERVENTION = "intervention.log"
    ALERT_ACKNOWLEDGE = "alert.acknowledge"
    ALERT_RESOLVE_OWN = "alert.resolve_own"
    ALERT_RESOLVE_ANY = "alert.resolve_any"
    ALERT_BULK = "alert.bulk"
    ASSIGN_OTHERS = "assign.others"
    TICKET_OWN = "ticket.own"
    TICKET_ANY = "ticket.any"
    ACCOUNT_STATUS = "customer.status"
    CUSTOMER_EDIT = "customer.edit"
    TAG_MANAGE = "tag.manage"
    MODEL_TRAIN = "model.train"
    MODEL_STATUS = "model.status"
    SCORE = "model.score"
    ALERT_POLICY = "alert.policy"
    EXPORT_OWN_QUEUE = "export.own_queue"
    EXPORT = "export"
    IMPORT = "import"
    AUDIT_TEAM = "audit.team"
    AUDIT_ALL = "audit.all"
    USERS = "users"
    SETTINGS = "settings"
    RETENTION = "retention"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    what: str  # completes "only … may <what>"


RULES: dict[Perm, Rule] = {
    Perm.BROWSE: Rule(ALL, QT_TRANSLATE_NOOP("Services", "browse customers, alerts and tickets")),
    Perm.OWN_NOTES: Rule(ALL, QT_TRANSLATE_NOOP("Services", "write notes")),
    Perm.TAG_CUSTOMER: Rule(ALL, QT_TRANSLATE_NOOP("Services", "tag customers")),
    Perm.LOG_INTERVENTION: Rule(ALL, QT_TRANSLATE_NOOP("Services", "log interventions")),
    Perm.ALERT_ACKNOWLEDGE: Rule(ALL, QT_TRANSLATE_NOOP("Services", "acknowledge alerts")),
    Perm.ALERT_RESOLVE_OWN: Rule(
        ALL, QT_TRANSLATE_NOOP("Services", "resolve alerts assigned to them")
    ),
    Perm.ALERT_RESOLVE_ANY: Rule(
        LEADS, QT_TRANSLATE_NOOP("Services", "resolve alerts assigned to someone else or to nobody")
    ),
    Perm.ALERT_BULK: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "act on several alerts at once")),
    Perm.ASSIGN_OTHERS: Rule(
        LEADS, QT_TRANSLATE_NOOP("Services", "assign alerts and tickets to someone else")
    ),
    Perm.TICKET_OWN: Rule(
        ALL, QT_TRANSLATE_NOOP("Services", "work tickets assigned to them or unassigned")
    ),
    Perm.TICKET_ANY: Rule(
        LEADS, QT_TRANSLATE_NOOP("Services", "work tickets assigned to someone else")
    ),
    Perm.ACCOUNT_STATUS: Rule(
        LEADS, QT_TRANSLATE_NOOP("Services", "change a customer's account status")
    ),
    Perm.CUSTOMER_EDIT: Rule(
        LEADS, QT_TRANSLATE_NOOP("Services", "change a customer's name or email address")
    ),
    Perm.TAG_MANAGE: Rule(
        LEADS, QT_TRANSLATE_NOOP("Services", "create, rename or delete tags and segments")
    ),
    Perm.MODEL_TRAIN: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "train models")),
    Perm.MODEL_STATUS: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "activate or retire models")),
    Perm.SCORE: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "start or cancel a scoring run")),
    Perm.ALERT_POLICY: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "apply an alert policy")),
    Perm.EXPORT_OWN_QUEUE: Rule(
        ALL, QT_TRANSLATE_NOOP("Services", "export their own queue of alerts or tickets")
    ),
    Perm.EXPORT: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "export lists and customer summaries")),
    Perm.IMPORT: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "import data")),
    Perm.AUDIT_TEAM: Rule(LEADS, QT_TRANSLATE_NOOP("Services", "read the audit trail")),
    Perm.AUDIT_ALL: Rule(ADMINS, QT_TRANSLATE_NOOP("Services", "read everyone's audit trail")),
    Perm.USERS: Rule(ADMINS, QT_TRANSLATE_NOOP("Services", "manage users and roles")),
    Perm.SETTINGS: Rule(
        ADMINS, QT_TRANSLATE_NOOP("Services", "change the database connection and retention")
    ),
    Perm.RETENTION: Rule(
        ADMINS, QT_TRANSLATE_NOOP("Services", "set the retention policy and remove old data by it")
    ),
}
assert set(RULES) == set(Perm), "every permission needs its rule"

_PLURAL = {
    Role.AGENT: QT_TRANSLATE_NOOP("Services", "agents"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Services", "supervisors"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Services", "admins"),
}


def _role(user_or_role: m.User | Role | str | None) -> Role | None:
    if user_or_role is None:
        return None
    raw = user_or_role.role if isinstance(user_or_role, m.User) else user_or_role
    try:
        return Role(raw)
    except ValueError:
        return None


def allowed(user_or_role: m.User | Role | str | None, perm: Perm) -> bool:
    role = _role(user_or_role)
    return role is not None and role in RULES[perm].roles


def refusal(perm: Perm) -> str:
    """The message for a role without `perm`: "only supervisors and admins may …"."""
    rule = RULES[perm]
    names = [_PLURAL[r] for r in Role if r in rule.roles]
    who = (
        names[0]
        if len(names) == 1
        else QT_TRANSLATE_NOOP("Services", "{names} and {last}").format(
            names=Joined(", ", names[:-1]), last=names[-1]
        )
    )
    return QT_TRANSLATE_NOOP("Services", "only {who} may {what}").format(who=who, what=rule.what)


def why_not(user_or_role: m.User | Role | str | None, perm: Perm) -> str | None:
    """None when allowed, else the sentence a disabled control's tooltip shows."""
    return None if allowed(user_or_role, perm) else refusal(perm)


def current_role(user: m.User) -> Role:
    """The user's role as stored now (an admin may have changed it since sign-in); `NotAllowed`
    when the account was disabled meanwhile."""
    row = m.User.select(m.User.role, m.User.active).where(m.User.id == user.id).tuples().first()
    role = _role(row[0]) if row is not None else None
    if row is None or not row[1] or role is None:
        raise NotAllowed(
            QT_TRANSLATE_NOOP("Services", "your account is disabled; ask an administrator")
        )
    return role


def require(user: m.User | None, perm: Perm) -> Role | None:
    """`NotAllowed` unless the user's role has `perm`; the role, read again from the database,
    so a change an admin made meanwhile applies at the next write (None for the operator)."""
    if user is None:
        require_operator(None, perm)
        return None
    role = current_role(user)
    if role not in RULES[perm].roles:
        raise NotAllowed(refusal(perm))
    return role


def has_staff() -> bool:
    return m.User.select().where(m.User.active == True).exists()  # noqa: E712


def require_operator(user: m.User | None, perm: Perm) -> None:
    """For entry points a command-line tool calls without a signed-in user: None passes only
    while the database has no active staff account (the first run)."""
    if user is not None:
        require(user, perm)
    elif has_staff():
        raise NotAllowed(
            QT_TRANSLATE_NOOP(
                "Services", "sign in to do this ({refusal}): on the command line, --as USERNAME"
            ).format(refusal=refusal(perm))
        )
