"""The one write path: every change a user makes goes through `Services`.

Each operation is one unit of work (`db.units`): one transaction, run again whole after a lost
connection or a deadlock, that validates first (raising `ValidationError` with a message
per field, so a dialog can show it next to the field), checks optimistic locking where the user
edited a row they had loaded (`StaleWrite` when someone else changed it meanwhile), and writes one
`AuditLog` row per changed entity with the before/after values of the fields that changed. A
failed write rolls back completely. Bulk alert actions run in batches of `BATCH`, each batch one
transaction (each retried on its own), so a cancelled or failed bulk run leaves whole batches done
and nothing half-done, and says how many it did (`BulkIncomplete`).

The operations live in one module per thing they write (notes and tags, accounts, interventions,
alerts, tickets, users, the signed-in user's own account, undo of the last action, the
audited exports, imports, retention and the live alert policy), each a mixin over
`ServiceBase` (base.py: the errors and the shared plumbing); `Services` composes them and is
the one entry point. Who may call what is one table, `permissions.RULES`, checked by each method
(`NotAllowed` names what is missing).
"""

from __future__ import annotations

from desktop.core.services.accounts import ACCOUNT_TRANSITIONS, AccountsMixin
from desktop.core.services.accounts_self import MIN_PASSWORD_LENGTH, AccountsSelfMixin
from desktop.core.services.alert_policy import AlertPolicyMixin
from desktop.core.services.alerts import BATCH, OPEN_ALERT_STATES, AlertsMixin
from desktop.core.services.base import (
    BulkIncomplete,
    BulkResult,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ServiceBase,
    ServiceError,
    StaleWrite,
    snapshot,
)
from desktop.core.services.exports import ExportsMixin
from desktop.core.services.imports import ImportsMixin
from desktop.core.services.interventions import InterventionsMixin
from desktop.core.services.notes import NotesMixin
from desktop.core.services.retention import RetentionMixin
from desktop.core.services.tickets import TICKET_TRANSITIONS, TicketsMixin
from desktop.core.services.undo import UNDO_LIMIT_S, UndoMixin, UndoRefused
from desktop.core.services.users import UsersMixin, create_first_admin, find_user, has_users

__all__ = [
    "ACCOUNT_TRANSITIONS",
    "BATCH",
    "MIN_PASSWORD_LENGTH",
    "OPEN_ALERT_STATES",
    "TICKET_TRANSITIONS",
    "UNDO_LIMIT_S",
    "BulkIncomplete",
    "BulkResult",
    "InvalidTransition",
    "NotAllowed",
    "NotFound",
    "ServiceBase",
    "ServiceError",
    "Services",
    "StaleWrite",
    "UndoRefused",
    "UsersMixin",
    "create_first_admin",
    "find_user",
    "has_users",
    "snapshot",
]


class Services(
    NotesMixin,
    AccountsMixin,
    InterventionsMixin,
    AlertsMixin,
    TicketsMixin,
    AccountsSelfMixin,
    UndoMixin,
    UsersMixin,
    RetentionMixin,
    AlertPolicyMixin,
    ExportsMixin,
    ImportsMixin,
):
    """The write operations, bound to the database and the signed-in user (the author of every
    note and action, and "me" in filters)."""
