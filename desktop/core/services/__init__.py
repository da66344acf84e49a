"""The one write path: every change a user makes goes through `Services`.

Each operation is one transaction that validates first (raising `ValidationError` with a message
per field, so a dialog can show it next to the field), checks optimistic locking where the user
edited a row they had loaded (`StaleWrite` when someone else changed it meanwhile), and writes one
`AuditLog` row per changed entity with the before/after values of the fields that changed. A
failed write rolls back completely. Bulk alert actions run in batches of `BATCH`, each batch one
transaction, so a cancelled or failed bulk run leaves whole batches done and nothing half-done.

The operations live in one module per thing they write (notes and tags, accounts, interventions,
alerts, tickets), each a mixin over `ServiceBase` (base.py: the errors and the shared plumbing);
`Services` composes them and is the one entry point.
"""

from __future__ import annotations

from desktop.core.services.accounts import ACCOUNT_TRANSITIONS, AccountsMixin
from desktop.core.services.alerts import BATCH, OPEN_ALERT_STATES, AlertsMixin
from desktop.core.services.base import (
    BulkResult,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ServiceBase,
    ServiceError,
    StaleWrite,
    snapshot,
)
from desktop.core.services.interventions import InterventionsMixin
from desktop.core.services.notes import NotesMixin
from desktop.core.services.tickets import TICKET_TRANSITIONS, TicketsMixin

__all__ = [
    "ACCOUNT_TRANSITIONS",
    "BATCH",
    "OPEN_ALERT_STATES",
    "TICKET_TRANSITIONS",
    "BulkResult",
    "InvalidTransition",
    "NotAllowed",
    "NotFound",
    "ServiceBase",
    "ServiceError",
    "Services",
    "StaleWrite",
    "snapshot",
]


class Services(NotesMixin, AccountsMixin, InterventionsMixin, AlertsMixin, TicketsMixin):
    """The write operations, bound to the database and the signed-in user (the author of every
    note and action, and "me" in filters)."""
