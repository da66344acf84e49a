"""Act offline: the same service call against the replica, and the change queued durably.

The action and its outbox row commit in one replica transaction, so closing the laptop mid-way
leaves either both or neither. The outbox keeps the versions and values of the rows the action
read, which the sync compares with the server's.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any

from db import models as m
from db.units import write_transaction
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.offline.operations import OPERATIONS, Created
from desktop.core.offline.store import LOCAL_ID_BASE, OutboxMutation, Replica
from desktop.core.services import NotFound, Services, snapshot

log = logging.getLogger(__name__)

_MODELS: dict[str, type[m.BaseModel]] = {
    "CustomerNote": m.CustomerNote,
    "TicketMessage": m.TicketMessage,
    "Intervention": m.Intervention,
}


def replica_user(replica: Replica, user_id: int) -> m.User:
    with replica.active():
        return m.User.get_by_id(user_id)


def act(replica: Replica, user: m.User, operation: str, args: Mapping[str, Any]) -> OutboxMutation:
    """Do `operation` on the replica as `user` (validation and permissions as online) and queue
    it for the server; the service layer's errors come back as they would online."""
    op = OPERATIONS[operation]
    args = dict(args)
    with replica.active(), write_transaction(replica.database):
        me = m.User.get_by_id(user.id)  # the replica's copy: the role it had at the last pull
        reads: dict[str, Any] = {}
        if op.model is not None:
            for ident in op.targets(args):
                row = op.model.get_or_none(op.model.id == ident)
                if row is None:
                    raise NotFound(
                        QT_TRANSLATE_NOOP(
                            "Offline", "{name__} #{ident} is not in the offline copy"
                        ).format(name__=op.model.__name__, ident=ident)
                    )
                reads[f"{op.model.__name__}:{ident}"] = {
                    "version": row.version,
                    "values": snapshot(row, op.fields),
                }
        services = Services(replica.database, me)
        created = _localise(replica, op.run(services, args, op.targets(args)))
        mutation = OutboxMutation.create(
            mutation_id=str(uuid.uuid4()),
            device=replica.device,
            user=user.id,
            operation=operation,
            args=args,
            reads=reads,
            acted_at=m.utcnow(),
            local_ids=created,
        )
    log.info("queued %s offline", operation)
    return mutation


def _localise(replica: Replica, created: Created) -> Created:
    """Move rows the action inserted into the local id range (see `store.LOCAL_ID_BASE`),
    never reusing an id, so a later action can name a row made offline without doubt."""
    out: Created = []
    for name, ident in created:
        model = _MODELS[name]
        local = int(replica.get("next_local_id", LOCAL_ID_BASE))
        model.update(id=local).where(model.id == ident).execute()
        replica.put(next_local_id=local + 1)
        out.append((name, local))
    return out


def forget_local_rows(replica: Replica, mutations: list[OutboxMutation]) -> None:
    """Delete the rows these applied mutations created offline: the server's copies (with
    their server ids) replace them at the next pull."""
    with replica.active(), write_transaction(replica.database):
        for mutation in mutations:
            for name, ident in mutation.local_ids or []:
                model = _MODELS[name]
                model.delete().where(model.id == ident).execute()
