"""Sign-in: a staff member's username and password against the stored scrypt hash."""

from __future__ import annotations

import logging

import peewee as pw

from db import models as m
from db.passwords import verify_password

log = logging.getLogger(__name__)

ENV_PASSWORD = "CHURNWATCH_PASSWORD"


class SignInError(Exception):
    """The sign-in was refused; the message is safe to show (it never says which part was
    wrong, so it does not reveal which usernames exist)."""


def sign_in(database: pw.Database, username: str, password: str) -> m.User:
    """The user with these credentials, with `last_login_at` updated; `SignInError` otherwise."""
    username = (username or "").strip()
    user = m.User.get_or_none(m.User.username == username) if username else None
    if user is None or not verify_password(password or "", user.password_hash):
        log.info("sign-in refused")
        raise SignInError("wrong username or password")
    if not user.active:
        raise SignInError("this account is disabled; ask an administrator")
    now = m.utcnow()
    with database.atomic():
        m.User.update(last_login_at=now).where(m.User.id == user.id).execute()
        m.AuditLog.create(
            user=user.id,
            action="user.sign_in",
            entity="User",
            entity_id=user.id,
            before=None,
            after={"last_login_at": now.isoformat(sep=" ")},
        )
    user.last_login_at = now
    log.info("user #%d signed in", user.id)
    return user
