"""Alert actions, one alert or many: acknowledge, resolve, dismiss and assign.

Bulk actions run in batches of `BATCH`, each batch one transaction, so a cancelled or failed run
leaves whole batches done and nothing half-done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from db import models as m
from db.bulk import insert_rows
from db.choices import AlertStatus
from db.connection import is_mysql
from db.tasks import TaskState
from db.units import retrying
from db.validation import ValidationError, required_error
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.base import (
    BulkIncomplete,
    BulkResult,
    NotAllowed,
    ServiceBase,
    snapshot,
    unit,
)
from desktop.core.services.permissions import Perm, allowed, refusal, require

Permit = Callable[[m.Alert], None]  # raises NotAllowed for an alert the user may not change

log = logging.getLogger(__name__)

BATCH = 500

OPEN_ALERT_STATES = (AlertStatus.OPEN.value, AlertStatus.ACKNOWLEDGED.value)


class AlertsMixin(ServiceBase):
    """The alert queue's actions, each applied to the alerts still in a state it applies to."""

    def acknowledge_alerts(self, ids: Iterable[int], state: TaskState | None = None) -> BulkResult:
        return self._acknowledge(ids, state, quick=False)

    def _acknowledge(
        self, ids: Iterable[int], state: TaskState | None, *, quick: bool
    ) -> BulkResult:
        id_list = self._checked_ids(ids, Perm.ALERT_ACKNOWLEDGE, quick=quick)
        now = m.utcnow()
        return self._bulk_alerts(
            id_list,
            action="alert.acknowledge",
            eligible=(AlertStatus.OPEN.value,),
            changes=lambda a: {
                "status": AlertStatus.ACKNOWLEDGED.value,
                "acknowledged_by": self.user.id,
                "acknowledged_at": now,
            },
            state=state,
        )

    def resolve_alerts(
        self, ids: Iterable[int], note: str, state: TaskState | None = None
    ) -> BulkResult:
        note = (note or "").strip()
        if msg := required_error(note, QT_TRANSLATE_NOOP("Validation", "a resolution note")):
            raise ValidationError({"resolution_note": msg}, entity="Alert")
        return self._close_alerts(ids, AlertStatus.RESOLVED, note, "alert.resolve", state)

    def dismiss_alerts(
        self, ids: Iterable[int], note: str | None = None, state: TaskState | None = None
    ) -> BulkResult:
        return self._close_alerts(
            ids, AlertStatus.DISMISSED, (note or "").strip() or None, "alert.dismiss", state
        )

    def assign_alerts(
        self, ids: Iterable[int], user_id: int | None, state: TaskState | None = None
    ) -> BulkResult:
        """Anyone may take an alert that is unassigned or theirs (assign it to themselves) or
        give up their own; assigning to someone else needs `Perm.ASSIGN_OTHERS`."""
        id_list = self._checked_ids(ids, Perm.ALERT_ACKNOWLEDGE)
        me = self.user.id
        may_others = allowed(require(self.user, Perm.ALERT_ACKNOWLEDGE), Perm.ASSIGN_OTHERS)
        if user_id not in (None, me) and not may_others:
            raise NotAllowed(refusal(Perm.ASSIGN_OTHERS))

        def permit(alert: m.Alert) -> None:
            if not may_others and alert.assignee_id not in (None, me):
                raise NotAllowed(refusal(Perm.ASSIGN_OTHERS))

        if user_id is not None:
            assignee = m.User.get_or_none(m.User.id == user_id)
            if assignee is None or not assignee.active:
                raise ValidationError(
                    {"assignee": QT_TRANSLATE_NOOP("Services", "choose an active staff member")}
                )
        return self._bulk_alerts(
            id_list,
            action="alert.assign",
            eligible=OPEN_ALERT_STATES,
            changes=lambda a: {"assignee": user_id},
            state=state,
            permit=permit,
        )

    @unit(QT_TRANSLATE_NOOP("Writes", "the resolution"))
    def restate_resolution(
        self, alert_id: int, status: str, note: str | None, version: int
    ) -> m.Alert:
        """Close an alert again with my status and note over someone else's closing ("keep
        mine" after an offline conflict), checked against the version the user was shown."""
        if status not in (AlertStatus.RESOLVED.value, AlertStatus.DISMISSED.value):
            raise ValidationError(
                {
                    "status": QT_TRANSLATE_NOOP(
                        "Services", "an alert is closed as resolved or dismissed"
                    )
                }
            )
        note = (note or "").strip() or None
        if status == AlertStatus.RESOLVED.value and (
            msg := required_error(note, QT_TRANSLATE_NOOP("Validation", "a note"))
        ):
            raise ValidationError({"resolution_note": msg}, entity="Alert")
        with self._tx():
            may_any = allowed(require(self.user, Perm.ALERT_RESOLVE_OWN), Perm.ALERT_RESOLVE_ANY)
            alert: m.Alert = self._get(m.Alert, alert_id, "Alert", lock=True)
            if not may_any and alert.assignee_id != self.user.id:
                raise NotAllowed(refusal(Perm.ALERT_RESOLVE_ANY))
            changes: dict[str, Any] = {
                "status": status,
                "resolution_note": note,
                "resolved_by": self.user.id,
                "resolved_at": m.utcnow(),
            }
            if alert.dedupe_key is not None:
                changes["dedupe_key"] = None
                changes["dedupe_basis"] = alert.dedupe_key
            action = "alert.dismiss" if status == AlertStatus.DISMISSED.value else "alert.resolve"
            self._versioned_update(
                alert, version, changes, action=action, label=f"Alert #{alert.id}"
            )
        return alert

    def acknowledge_customer_alerts(self, customer_id: int) -> BulkResult:
        ids = [
            a.id
            for a in m.Alert.select(m.Alert.id).where(
                (m.Alert.customer == customer_id) & (m.Alert.status == AlertStatus.OPEN.value)
            )
        ]
        return self._acknowledge(ids, None, quick=True)

    def _checked_ids(self, ids: Iterable[int], perm: Perm, *, quick: bool = False) -> list[int]:
        """The ids, once each; `NotAllowed` without `perm`, or for several alerts at once
        without `Perm.ALERT_BULK` (one customer's alerts from Customer 360 are `quick`)."""
        id_list = list(dict.fromkeys(int(i) for i in ids))
        role = require(self.user, perm)
        if len(id_list) > 1 and not quick and not allowed(role, Perm.ALERT_BULK):
            raise NotAllowed(refusal(Perm.ALERT_BULK))
        return id_list

    def _close_alerts(
        self,
        ids: Iterable[int],
        status: AlertStatus,
        note: str | None,
        action: str,
        state: TaskState | None,
    ) -> BulkResult:
        id_list = self._checked_ids(ids, Perm.ALERT_RESOLVE_OWN)
        me = self.user.id
        may_any = allowed(require(self.user, Perm.ALERT_RESOLVE_OWN), Perm.ALERT_RESOLVE_ANY)

        def permit(alert: m.Alert) -> None:
            if not may_any and alert.assignee_id != me:
                raise NotAllowed(
                    QT_TRANSLATE_NOOP(
                        "Services", "{refusal} (take the alert first: assign it to you)"
                    ).format(refusal=refusal(Perm.ALERT_RESOLVE_ANY))
                )

        now = m.utcnow()

        def changes(alert: m.Alert) -> dict[str, Any]:
            out: dict[str, Any] = {
                "status": status.value,
                "resolved_by": self.user.id,
                "resolved_at": now,
                "resolution_note": note,
                # Free the key so the same condition can raise a new alert (see Alert).
                "dedupe_key": None,
                "dedupe_basis": alert.dedupe_key or alert.dedupe_basis,
            }
            if alert.acknowledged_at is None:
                # Closing is the first response: it counts as the acknowledgement too.
                out["acknowledged_by"] = self.user.id
                out["acknowledged_at"] = now
            return out

        return self._bulk_alerts(
            id_list,
            action=action,
            eligible=OPEN_ALERT_STATES,
            changes=changes,
            state=state,
            permit=permit,
        )

    def _bulk_alerts(
        self,
        ids: Iterable[int],
        *,
        action: str,
        eligible: Sequence[str],
        changes: Callable[[m.Alert], dict[str, Any]],
        state: TaskState | None,
        permit: Permit | None = None,
    ) -> BulkResult:
        """Apply `changes` to the alerts among `ids` still in an `eligible` status, in batches.

        Rows are locked (MySQL) or the database is (SQLite) for the batch, so the audit rows
        describe exactly the rows updated. Rows that are no longer eligible are skipped.
        """
        id_list = list(dict.fromkeys(int(i) for i in ids))
        changed = skipped = 0
        total = len(id_list)
        for start in range(0, total, BATCH):
            chunk = id_list[start : start + BATCH]
            try:
                done, passed = self._alert_batch(chunk, action, eligible, changes, permit)
            except Exception as exc:
                if changed or skipped:
                    raise BulkIncomplete(BulkResult(changed, skipped), total, action, exc) from exc
                raise
            changed += done
            skipped += passed
            if state is not None:
                state.progress(min(start + BATCH, total), total, f"{action}: {changed:,} done")
        log.info("%s: %d changed, %d skipped", action, changed, skipped)
        return BulkResult(changed, skipped)

    def _alert_batch(
        self,
        chunk: list[int],
        action: str,
        eligible: Sequence[str],
        changes: Callable[[m.Alert], dict[str, Any]],
        permit: Permit | None = None,
    ) -> tuple[int, int]:
        """One batch in one transaction, run again whole after a lost connection or a deadlock.

        Rows are locked (MySQL) or the database is (SQLite) for the batch, so the audit rows
        describe exactly the rows updated. A commit whose reply was lost is found again by its
        audit rows (same user, action and time), so the count reports what was committed.
        """
        now = m.utcnow()
        attempts = 0

        def batch() -> tuple[int, int]:
            nonlocal attempts
            attempts += 1
            earlier = 0
            if attempts > 1:
                au = m.AuditLog
                earlier = (
                    au.select()
                    .where(
                        (au.user == self.user.id)
                        & (au.action == action)
                        & (au.created_at == now)
                        & au.entity_id.in_(chunk)
                        & (au.entity == "Alert")
                    )
                    .count()
                )
            with self._tx():
                query = m.Alert.select().where(
                    m.Alert.id.in_(chunk) & m.Alert.status.in_(list(eligible))
                )
                if is_mysql(self.database):
                    query = query.for_update()
                alerts = list(query)
                if permit is not None:
                    for alert in alerts:
                        permit(alert)  # nothing is written when one of them is not the user's
                audits = []
                # Group rows with identical new values: one UPDATE per distinct change set.
                groups: dict[tuple[tuple[str, Any], ...], list[int]] = {}
                for alert in alerts:
                    new = changes(alert)
                    before = snapshot(alert, new)
                    for name, value in new.items():
                        setattr(alert, name, value)
                    alert.validate()
                    audits.append(
                        {
                            "user": self.user.id,
                            "action": action,
                            "entity": "Alert",
                            "entity_id": alert.id,
                            "before": before,
                            "after": snapshot(alert, new),
                            "created_at": now,
                            "updated_at": now,
                            **self._origin_columns(),
                        }
                    )
                    groups.setdefault(tuple(sorted(new.items())), []).append(alert.id)
                for key, group_ids in groups.items():
                    values: dict[Any, Any] = {m.Alert._meta.fields[k]: v for k, v in key}
                    values[m.Alert.version] = m.Alert.version + 1
                    values[m.Alert.updated_at] = now
                    m.Alert.update(values).where(m.Alert.id.in_(group_ids)).execute()
                if audits:
                    insert_rows(m.AuditLog, audits)  # split when notes are long
            return len(alerts) + earlier, len(chunk) - len(alerts) - earlier

        return retrying(
            self.database, batch, what=QT_TRANSLATE_NOOP("Writes", "the rest"), policy=self.policy
        )
