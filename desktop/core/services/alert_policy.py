"""The live alert policy's one write: "Apply" on the Alert policy page, `churnwatch policy apply`
and `churnwatch backtest --apply`. Supervisors and admins only; one audit row with the old and
the new policy; the version the user saw is checked (optimistic locking)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from db import models as m
from db.validation import ValidationError
from desktop.core.churn.policy.live import FIELDS, LivePolicy, read_live_policy
from desktop.core.churn.policy.rules import AlertPolicy, PolicyError, default_policy
from desktop.core.services.base import ServiceBase, unit
from desktop.core.services.permissions import Perm, require

log = logging.getLogger(__name__)

LABEL = "the alert policy"


def checked_policy(values: AlertPolicy | Mapping[str, Any]) -> AlertPolicy:
    """The policy, or `ValidationError` naming the field (the same on every backend: checked
    here, before any SQL)."""
    try:
        if isinstance(values, AlertPolicy):
            return AlertPolicy.from_json(values.to_json())
        return AlertPolicy.from_json(dict(values))
    except PolicyError as exc:
        raise ValidationError({exc.field: exc.message}, entity="AlertPolicy") from None


class AlertPolicyMixin(ServiceBase):
    def alert_policy(self) -> LivePolicy:
        """The live policy, its version and who applied it (everyone may read it)."""
        require(self.user, Perm.BROWSE)
        return read_live_policy()

    @unit(LABEL)
    def apply_alert_policy(
        self, values: AlertPolicy | Mapping[str, Any], version: int | None
    ) -> LivePolicy:
        """Make `values` the live policy; `version` is the one the user saw (None: they saw
        the default, before any row existed). `StaleWrite` when someone applied one since."""
        require(self.user, Perm.ALERT_POLICY)
        policy = checked_policy(values)
        new = policy.to_json()
        s = m.AlertPolicySetting
        with self._tx():
            row = s.get_or_none(s.id == 1)
            now = m.utcnow()
            if row is None:
                if version is not None:
                    raise self._stale("AlertPolicy", 1, LABEL)
                row = s(id=1, set_by=self.user.id, set_at=now, **new)
                row.validate()
                row.save(force_insert=True)
                old = default_policy().to_json()
            else:
                if version is None or row.version != version:
                    raise self._stale("AlertPolicy", 1, LABEL)
                old = {name: getattr(row, name) for name in FIELDS}
                changed = (
                    s.update(
                        {
                            **{s._meta.fields[k]: v for k, v in new.items()},
                            s.set_by: self.user.id,
                            s.set_at: now,
                            s.version: s.version + 1,
                            s.updated_at: now,
                        }
                    )
                    .where(s.id == 1, s.version == version)
                    .execute()
                )
                if changed != 1:
                    raise self._stale("AlertPolicy", 1, LABEL)
            self._audit("alert_policy.apply", "AlertPolicy", 1, old, new)
        log.info("alert policy applied (version %s)", "new" if version is None else version + 1)
        return read_live_policy()
