"""A customer's account status, moved only along the account state machine."""

from __future__ import annotations

from typing import Any

from db import models as m
from db.choices import AccountStatus
from db.validation import ValidationError
from desktop.core.services.base import InvalidTransition, ServiceBase, _words, unit
from desktop.core.services.permissions import Perm, require

# Seed 003: the account status state machine.
ACCOUNT_TRANSITIONS: dict[str, frozenset[str]] = {
    AccountStatus.ACTIVE: frozenset({AccountStatus.AT_RISK}),
    AccountStatus.AT_RISK: frozenset({AccountStatus.RESOLVED, AccountStatus.CHURNED}),
    AccountStatus.RESOLVED: frozenset({AccountStatus.AT_RISK}),
    AccountStatus.CHURNED: frozenset(),
}


class AccountsMixin(ServiceBase):
    """Set a customer's account status (active, at risk, resolved, churned)."""

    @unit("the account status")
    def set_account_status(
        self, customer_id: int, status: str, version: int | None = None
    ) -> m.Customer:
        require(self.user, Perm.ACCOUNT_STATUS)
        with self._tx():
            customer: m.Customer = self._get(m.Customer, customer_id, "Customer")
            current = customer.account_status
            if status not in AccountStatus.__members__.values():
                raise ValidationError({"account_status": f"unknown account status '{status}'"})
            if status not in ACCOUNT_TRANSITIONS.get(current, frozenset()):
                allowed = sorted(ACCOUNT_TRANSITIONS.get(current, frozenset()))
                hint = (
                    f" (from {_words(current)} it can go to {', '.join(map(_words, allowed))})"
                    if allowed
                    else f" ({_words(current)} is final)"
                )
                raise InvalidTransition(
                    "account_status",
                    f"cannot move a customer from {_words(current)} to {_words(status)}{hint}",
                    entity="Customer",
                )
            changes: dict[str, Any] = {"account_status": status}
            if status == AccountStatus.CHURNED:
                changes["churned_at"] = m.utcnow()
            self._versioned_update(
                customer, version, changes, action="customer.status", label="The customer"
            )
        return customer
