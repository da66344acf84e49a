"""Imports of a shop's data (`desktop.core.imports`) and the named mappings they save: admins
and supervisors only (`Perm.IMPORT`), one audit row per import (who, the file, the kind, the
counts), never one per data row."""

from __future__ import annotations

from typing import Any

import peewee as pw

from db import models as m
from db.tasks import TaskState
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.imports import runner
from desktop.core.imports.rows import Plan
from desktop.core.services.base import ServiceBase, unit
from desktop.core.services.permissions import Perm, require, require_operator

MAPPING_NAME_MAX = 64


def run_import(
    database: pw.Database,
    user: m.User | None,
    plan: Plan,
    state: TaskState | None = None,
    *,
    keep_valid: bool = False,
    dry_run: bool = False,
) -> runner.Report:
    """The import as `user` (None: the operator of a database without staff accounts)."""
    if user is None:
        require_operator(None, Perm.IMPORT)
    else:
        require(user, Perm.IMPORT)
    user_id = user.id if user is not None else None

    def audit(action: str, entity: str, entity_id: int | None,
              before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:  # fmt: skip
        m.AuditLog.create(user=user_id, action=action, entity=entity, entity_id=entity_id,
                          before=before, after=after)  # fmt: skip

    return runner.run(database, plan, state or TaskState(), user_id=user_id, audit=audit,
                      keep_valid=keep_valid, dry_run=dry_run)  # fmt: skip


class ImportsMixin(ServiceBase):
    """Import a file; save a named mapping for the next file of the same shape."""

    def import_file(
        self, plan: Plan, state: TaskState | None = None, *, keep_valid: bool = False,
        dry_run: bool = False,
    ) -> runner.Report:  # fmt: skip
        """Each part of the import is its own unit of work (see `runner`)."""
        return run_import(self.database, self.user, plan, state, keep_valid=keep_valid,
                          dry_run=dry_run)  # fmt: skip

    @unit(QT_TRANSLATE_NOOP("Writes", "the mapping"))
    def save_mapping(self, name: str, plan: Plan) -> m.ImportMapping:
        name = (name or "").strip()
        if not name:
            raise ValidationError(
                {"name": QT_TRANSLATE_NOOP("Services", "the mapping needs a name")},
                entity="ImportMapping",
            )
        if len(name) > MAPPING_NAME_MAX:
            raise ValidationError(
                {
                    "name": QT_TRANSLATE_NOOP(
                        "Services", "at most {mapping_name_max} characters"
                    ).format(mapping_name_max=MAPPING_NAME_MAX)
                },
                entity="ImportMapping",
            )
        options = plan.options.as_json()
        with self._tx():
            require(self.user, Perm.IMPORT)
            row = m.ImportMapping.get_or_none(m.ImportMapping.name == name)
            before = None
            if row is None:
                row = m.ImportMapping(name=name)
            else:
                before = {"kind": row.kind, "columns": row.columns, "options": row.options}
            row.kind, row.columns, row.options = plan.kind.name, dict(plan.columns), options
            row.save()
            self._audit("import.mapping", "ImportMapping", row.id, before,
                        {"kind": row.kind, "columns": row.columns, "options": options})  # fmt: skip
        return row
