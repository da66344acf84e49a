"""Retention outreach: logging an intervention and recording its outcome."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from db import models as m
from db.choices import Channel, InterventionKind, InterventionOutcome, InterventionStatus
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.base import ServiceBase, _words, snapshot, unit
from desktop.core.services.permissions import Perm, require


class InterventionsMixin(ServiceBase):
    """Log an outreach to a customer and, later, what came of it."""

    @unit(QT_TRANSLATE_NOOP("Writes", "the intervention"))
    def log_intervention(
        self, customer_id: int, channel: str, kind: str, notes: str | None = None
    ) -> m.Intervention:
        errors: dict[str, str] = {}
        if channel not in Channel.__members__.values():
            errors["channel"] = QT_TRANSLATE_NOOP("Services", "choose how you reached out")
        if kind not in InterventionKind.__members__.values():
            errors["kind"] = QT_TRANSLATE_NOOP("Services", "choose what kind of outreach this was")
        if errors:
            raise ValidationError(errors, entity="Intervention")
        with self._tx():
            require(self.user, Perm.LOG_INTERVENTION)
            self._get(m.Customer, customer_id, "Customer")
            row = m.Intervention(
                customer=customer_id,
                user=self.user.id,
                channel=channel,
                kind=kind,
                status=InterventionStatus.INITIATED.value,
                notes=(notes or "").strip() or None,
            )
            row.save()
            self._audit(
                "intervention.log",
                "Intervention",
                row.id,
                None,
                snapshot(row, ["customer", "channel", "kind", "status", "notes"]),
            )
        return row

    @unit(QT_TRANSLATE_NOOP("Writes", "the outcome"))
    def record_outcome(
        self,
        intervention_id: int,
        outcome: str,
        *,
        revenue_retained: Decimal | float | int = 0,
        notes: str | None = None,
        version: int | None = None,
    ) -> m.Intervention:
        with self._tx():
            require(self.user, Perm.LOG_INTERVENTION)
            row: m.Intervention = self._get(m.Intervention, intervention_id, "Intervention")
            if outcome not in InterventionOutcome.__members__.values():
                raise ValidationError(
                    {"outcome": QT_TRANSLATE_NOOP("Services", "choose an outcome")},
                    entity="Intervention",
                )
            if row.status in (InterventionStatus.COMPLETED, InterventionStatus.ABANDONED):
                raise ValidationError(
                    {
                        "outcome": QT_TRANSLATE_NOOP(
                            "Services", "this outreach already has its outcome ({words})"
                        ).format(words=_words(row.outcome))
                    },
                    entity="Intervention",
                )
            now = m.utcnow()
            status = (
                InterventionStatus.ABANDONED
                if outcome == InterventionOutcome.NO_RESPONSE
                else InterventionStatus.COMPLETED
            )
            changes: dict[str, Any] = {
                "outcome": outcome,
                "status": status.value,
                "ended_at": now,
                "resolution_seconds": max(0, int((now - row.started_at).total_seconds())),
                "revenue_retained": Decimal(str(revenue_retained or 0)),
            }
            if notes and notes.strip():
                changes["notes"] = f"{row.notes}\n{notes.strip()}" if row.notes else notes.strip()
            self._versioned_update(
                row, version, changes, action="intervention.outcome", label="The intervention"
            )
        return row
