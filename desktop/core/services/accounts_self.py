"""The signed-in user's own account: change my password (the current one is asked for first).

The scrypt work (checking the current password, hashing the new one) happens before the write
transaction, which only swaps the stored hash if it is still the one that was checked (someone
else's change meanwhile wins). The audit row says the password changed and with which scheme;
the hash never appears in it.
"""

from __future__ import annotations

import logging

from db import models as m
from db.passwords import hash_password, scheme, verify_password
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services.base import ServiceBase, StaleWrite, unit

log = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # scrypt takes any length; a pasted file is a mistake


class AccountsSelfMixin(ServiceBase):
    """What a staff member changes on their own account."""

    def change_own_password(self, current: str, new: str) -> None:
        """Replace my password; `ValidationError` names the field (current or new) when refused."""
        current, new = current or "", new or ""
        problem: str | None = None
        if len(new) < MIN_PASSWORD_LENGTH:
            problem = QT_TRANSLATE_NOOP(
                "Services", "the new password needs at least {n} characters"
            ).format(n=MIN_PASSWORD_LENGTH)
        elif len(new) > MAX_PASSWORD_LENGTH:
            problem = QT_TRANSLATE_NOOP(
                "Services", "the new password is limited to {n} characters"
            ).format(n=MAX_PASSWORD_LENGTH)
        elif new == current:
            problem = QT_TRANSLATE_NOOP(
                "Services", "the new password must differ from the current one"
            )
        if problem:
            raise ValidationError({"new_password": problem}, entity="User")
        stored = m.User.select(m.User.password_hash).where(m.User.id == self.user.id).scalar() or ""
        if not verify_password(current, stored):
            log.info("password change refused for user #%d: wrong current password", self.user.id)
            raise ValidationError(
                {
                    "current_password": QT_TRANSLATE_NOOP(
                        "Services", "that is not your current password"
                    )
                },
                entity="User",
            )
        self._swap_password(stored, hash_password(new))
        log.info("user #%d changed their password", self.user.id)

    @unit(QT_TRANSLATE_NOOP("Writes", "the new password"))
    def _swap_password(self, stored: str, new_hash: str) -> None:
        with self._tx():
            now = m.utcnow()
            changed = (
                m.User.update(password_hash=new_hash, version=m.User.version + 1, updated_at=now)
                .where((m.User.id == self.user.id) & (m.User.password_hash == stored))
                .execute()
            )
            if changed != 1:
                raise StaleWrite("Your password")
            self._audit(
                "user.password_change",
                "User",
                self.user.id,
                {"password_scheme": scheme(stored)},
                {"password_scheme": scheme(new_hash)},
            )
