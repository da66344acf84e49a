"""Sign-in: a staff member's username and password against the stored scrypt hash."""

from __future__ import annotations

import logging

import peewee as pw

from db import models as m
from db.passwords import dummy_hash, hash_password, needs_rehash, scheme, verify_password

log = logging.getLogger(__name__)

ENV_PASSWORD = "CHURNWATCH_PASSWORD"


class SignInError(Exception):
    """The sign-in was refused; the message is safe to show (it never says which part was
    wrong, so it does not reveal which usernames exist)."""


def sign_in(database: pw.Database, username: str, password: str) -> m.User:
    """The user with these credentials, with `last_login_at` updated; `SignInError` otherwise.

    An unknown username is verified against a dummy hash, so it costs what a wrong password
    costs and the time taken does not tell which usernames exist. A hash made with weaker
    parameters than new ones get is replaced in the same transaction as `last_login_at`.
    """
    username = (username or "").strip()
    user = m.User.get_or_none(m.User.username == username) if username else None
    stored = user.password_hash if user is not None else dummy_hash()
    if not verify_password(password or "", stored) or user is None:
        log.info("sign-in refused")
        raise SignInError("wrong username or password")
    if not user.active:
        raise SignInError("this account is disabled; ask an administrator")
    now = m.utcnow()
    rehashed = hash_password(password) if needs_rehash(stored) else None
    with database.atomic():
        m.User.update(last_login_at=now).where(m.User.id == user.id).execute()
        if rehashed is not None:
            # Only if nobody changed the password meanwhile: that change wins.
            changed = (
                m.User.update(password_hash=rehashed)
                .where(m.User.id == user.id, m.User.password_hash == stored)
                .execute()
            )
            if changed:
                m.AuditLog.create(
                    user=user.id,
                    action="user.password_rehash",
                    entity="User",
                    entity_id=user.id,
                    before={"password_scheme": scheme(stored)},
                    after={"password_scheme": scheme(rehashed)},
                )
                user.password_hash = rehashed
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
