"""A customer's account: its status, moved only along the account state machine, and the
name and email address it is known and found by."""

from __future__ import annotations

from typing import Any

from db import models as m
from db.choices import AccountStatus
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP
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
    """Set a customer's account status (active, at risk, resolved, churned); correct the
    customer's name or email address."""

    @unit(QT_TRANSLATE_NOOP("Writes", "the customer's details"))
    def update_customer(
        self,
        customer_id: int,
        *,
        name: str | None = None,
        email: str | None = None,
        version: int | None = None,
    ) -> m.Customer:
        """A new name or email address (None leaves it), audited; the customer is found by
        the new words only from this transaction on (`db.search`)."""
        require(self.user, Perm.CUSTOMER_EDIT)
        with self._tx():
            customer: m.Customer = self._get(m.Customer, customer_id, "Customer", lock=True)
            changes: dict[str, Any] = {}
            if name is not None:
                changes["name"] = name.strip()
            if email is not None:
                changes["email"] = email.strip().lower()
                taken = m.Customer.select(m.Customer.id).where(
                    (m.Customer.email == changes["email"]) & (m.Customer.id != customer_id)
                )
                if taken.exists():
                    raise ValidationError(
                        {
                            "email": QT_TRANSLATE_NOOP(
                                "Services", "another customer has this email address"
                            )
                        },
                        entity="Customer",
                    )
            if not changes:
                return customer
            self._versioned_update(
                customer, version, changes, action="customer.edit", label="The customer"
            )
        return customer

    @unit(QT_TRANSLATE_NOOP("Writes", "the account status"))
    def set_account_status(
        self, customer_id: int, status: str, version: int | None = None
    ) -> m.Customer:
        require(self.user, Perm.ACCOUNT_STATUS)
        with self._tx():
            customer: m.Customer = self._get(m.Customer, customer_id, "Customer")
            current = customer.account_status
            if status not in AccountStatus.__members__.values():
                raise ValidationError(
                    {
                        "account_status": QT_TRANSLATE_NOOP(
                            "Services", "unknown account status '{status}'"
                        ).format(status=status)
                    }
                )
            if status not in ACCOUNT_TRANSITIONS.get(current, frozenset()):
                allowed = sorted(ACCOUNT_TRANSITIONS.get(current, frozenset()))
                hint = (
                    f" (from {_words(current)} it can go to {', '.join(map(_words, allowed))})"
                    if allowed
                    else f" ({_words(current)} is final)"
                )
                raise InvalidTransition(
                    "account_status",
                    QT_TRANSLATE_NOOP(
                        "Services", "cannot move a customer from {words} to {words2}{hint}"
                    ).format(words=_words(current), words2=_words(status), hint=hint),
                    entity="Customer",
                )
            changes: dict[str, Any] = {"account_status": status}
            if status == AccountStatus.CHURNED:
                changes["churned_at"] = m.utcnow()
            self._versioned_update(
                customer, version, changes, action="customer.status", label="The customer"
            )
        return customer
