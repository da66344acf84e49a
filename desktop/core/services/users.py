"""Staff accounts: add, disable and enable, change a role, reset a password (admins only), and
the first admin of a database that has no user yet.

Users are disabled, never deleted: their notes, actions and audit history keep pointing at them
(and the application's database account may not DELETE from `user`). Every change is audited
with the fields it changed; a password change is audited by its hashing scheme, never the hash.
"""

from __future__ import annotations

import re
from typing import Any

import peewee as pw

from db import models as m
from db.choices import Role
from db.passwords import hash_password, password_problems, scheme
from db.units import run_unit, write_transaction
from db.validation import ValidationError, required_error
from desktop.core.auth import attempt_key, clear_failures
from desktop.core.i18n import QT_TRANSLATE_NOOP, Joined
from desktop.core.services.base import NotAllowed, ServiceBase, snapshot, unit
from desktop.core.services.permissions import Perm, require

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
PLACEHOLDER_EMAIL_DOMAIN = "staff.churnwatch.invalid"  # when no address is given
USER_FIELDS = ["username", "email", "display_name", "role", "active"]


def account_errors(
    username: str, display_name: str, role: str, password: str, email: str | None = None
) -> dict[str, str]:
    """Field → message for a new account (the password rules included)."""
    errors: dict[str, str] = {}
    if msg := required_error(username, QT_TRANSLATE_NOOP("Validation", "a username")):
        errors["username"] = msg
    elif not USERNAME_RE.match(username):
        errors["username"] = QT_TRANSLATE_NOOP(
            "Services",
            "a username is 1–64 letters, digits, dots, dashes or underscores, "
            "starting with a letter or digit",
        )
    elif m.User.select().where(pw.fn.LOWER(m.User.username) == username.lower()).exists():
        errors["username"] = QT_TRANSLATE_NOOP(
            "Services", "the username '{username}' is taken"
        ).format(username=username)
    if msg := required_error(display_name, QT_TRANSLATE_NOOP("Validation", "a display name")):
        errors["display_name"] = msg
    if role not in Role.__members__.values():
        errors["role"] = QT_TRANSLATE_NOOP("Services", "the role must be one of {join}").format(
            join=", ".join(Role)
        )
    if problems := password_problems(password, username):
        errors["password"] = "; ".join(problems)
    if email and m.User.select().where(pw.fn.LOWER(m.User.email) == email.lower()).exists():
        errors["email"] = QT_TRANSLATE_NOOP(
            "Services", "the address '{email}' belongs to another account"
        ).format(email=email)
    return errors


def _new_user(
    username: str, display_name: str, role: str, password: str, email: str | None
) -> m.User:
    username, display_name = username.strip(), (display_name or "").strip() or username.strip()
    email = (email or "").strip() or None
    errors = account_errors(username, display_name, role, password, email)
    if errors:
        raise ValidationError(errors, entity="User")
    user = m.User(
        username=username,
        email=email or f"{username.lower()}@{PLACEHOLDER_EMAIL_DOMAIN}",
        display_name=display_name,
        role=role,
        password_hash=hash_password(password),
    )
    user.save()
    return user


def has_users() -> bool:
    """Whether the database has any staff account (active or not)."""
    return m.User.select().exists()


def create_first_admin(
    database: pw.Database,
    username: str,
    password: str,
    *,
    display_name: str = "",
    email: str | None = None,
) -> m.User:
    """The first account of a database without users: an admin, audited as its own creation.
    `NotAllowed` once any user exists (from then on an admin adds users)."""

    def create() -> m.User:
        with write_transaction(database):
            if has_users():
                raise NotAllowed(
                    QT_TRANSLATE_NOOP(
                        "Services",
                        "this database already has users; an admin adds new ones (--as USERNAME)",
                    )
                )
            user = _new_user(username, display_name, Role.ADMIN.value, password, email)
            m.AuditLog.create(
                user=user.id,
                action="user.create",
                entity="User",
                entity_id=user.id,
                before=None,
                after={**snapshot(user, USER_FIELDS), "first_admin": True},
            )
            return user

    return run_unit(database, create, what=QT_TRANSLATE_NOOP("Writes", "the account"))


class UsersMixin(ServiceBase):
    """Staff accounts, for admins."""

    @unit(QT_TRANSLATE_NOOP("Writes", "the account"))
    def add_user(
        self,
        username: str,
        password: str,
        *,
        role: str = Role.AGENT.value,
        display_name: str = "",
        email: str | None = None,
    ) -> m.User:
        require(self.user, Perm.USERS)
        with self._tx():
            user = _new_user(username, display_name, role, password, email)
            self._audit("user.create", "User", user.id, None, snapshot(user, USER_FIELDS))
        return user

    def _account(self, user_id: int) -> m.User:
        require(self.user, Perm.USERS)
        user: m.User = self._get(m.User, user_id, "User", lock=True)
        return user

    def _keep_an_admin(self, user: m.User, changes: dict[str, Any]) -> None:
        """Refuse the change that would leave no active admin (nobody could manage users)."""
        stays_admin = changes.get("role", user.role) == Role.ADMIN and changes.get(
            "active", user.active
        )
        if user.role != Role.ADMIN or not user.active or stays_admin:
            return
        others = (
            m.User.select()
            .where((m.User.role == Role.ADMIN.value) & m.User.active & (m.User.id != user.id))
            .exists()
        )
        if not others:
            raise NotAllowed(
                QT_TRANSLATE_NOOP(
                    "Services", "this is the last active admin; make someone else an admin first"
                )
            )

    def _change(self, user_id: int, changes: dict[str, Any], action: str) -> m.User:
        with self._tx():
            user = self._account(user_id)
            self._keep_an_admin(user, changes)
            self._versioned_update(
                user, None, changes, action=action, label=f"User {user.username}"
            )
        return user

    @unit(QT_TRANSLATE_NOOP("Writes", "the account"))
    def disable_user(self, user_id: int) -> m.User:
        """The user can no longer sign in (or write: every check reads the flag again)."""
        return self._change(user_id, {"active": False}, "user.disable")

    @unit(QT_TRANSLATE_NOOP("Writes", "the account"))
    def enable_user(self, user_id: int) -> m.User:
        with self._tx():
            user = self._change(user_id, {"active": True}, "user.enable")
            clear_failures(attempt_key(user.username))
        return user

    @unit(QT_TRANSLATE_NOOP("Writes", "the role"))
    def set_role(self, user_id: int, role: str) -> m.User:
        if role not in Role.__members__.values():
            raise ValidationError(
                {
                    "role": QT_TRANSLATE_NOOP("Services", "the role must be one of {join}").format(
                        join=", ".join(Role)
                    )
                }
            )
        return self._change(user_id, {"role": role}, "user.role")

    @unit(QT_TRANSLATE_NOOP("Writes", "the password"))
    def reset_password(self, user_id: int, password: str) -> m.User:
        """Set someone's password (an admin's reset); their sign-in lock is lifted."""
        require(self.user, Perm.USERS)
        target = m.User.get_or_none(m.User.id == user_id)
        if target is None:
            raise ValidationError(
                {
                    "user": QT_TRANSLATE_NOOP("Services", "there is no user #{user_id}").format(
                        user_id=user_id
                    )
                }
            )
        if problems := password_problems(password, target.username):
            raise ValidationError({"password": Joined("; ", problems)}, entity="User")
        hashed = hash_password(password)  # before the transaction: it takes a while
        with self._tx():
            user = self._account(user_id)
            m.User.update(
                password_hash=hashed, version=m.User.version + 1, updated_at=m.utcnow()
            ).where(m.User.id == user_id).execute()
            clear_failures(attempt_key(user.username))
            self._audit(
                "user.password_reset",
                "User",
                user_id,
                {"password_scheme": scheme(user.password_hash)},
                {"password_scheme": scheme(hashed)},
            )
        return user


def find_user(name_or_id: str | int) -> m.User:
    """A user by username (ignoring case) or id; `ValidationError` when there is none."""
    text = str(name_or_id).strip()
    found = m.User.select().where(pw.fn.LOWER(m.User.username) == text.lower()).first()
    if found is None and text.isdigit():
        found = m.User.get_or_none(m.User.id == int(text))
    if found is None:
        raise ValidationError(
            {
                "user": QT_TRANSLATE_NOOP("Services", "there is no user named '{text}'").format(
                    text=text
                )
            },
            entity="User",
        )
    return found
