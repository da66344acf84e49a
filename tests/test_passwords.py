"""Passwords: scrypt at OWASP's parameters, a floor on what verifies, rehash on sign-in, and an
unknown username that costs what a wrong password costs."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any

import pytest

from db import models as m
from db import passwords
from db.passwords import (
    CURRENT,
    FLOOR,
    ScryptParams,
    hash_password,
    needs_rehash,
    verify_password,
)
from desktop.core import auth
from desktop.core.auth import SignInError, sign_in


def hash_with(password: str, params: ScryptParams, *, salt_bytes: int = 16) -> str:
    """A stored hash made with any parameters, as an older build (or an attacker) would."""
    salt = secrets.token_bytes(salt_bytes)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=params.n, r=params.r, p=params.p, dklen=32,
        maxmem=params.memory + 2**20,
    )  # fmt: skip
    b64 = base64.urlsafe_b64encode
    return f"scrypt${params.n}${params.r}${params.p}${b64(salt).decode()}${b64(digest).decode()}"


def make_user(username: str, password_hash: str, **kw: Any) -> m.User:
    return m.User.create(
        username=username,
        email=f"{username}@staff.example",
        display_name=username.title(),
        password_hash=password_hash,
        **kw,
    )


def test_new_hashes_use_owasps_parameters() -> None:
    assert (CURRENT.n, CURRENT.r, CURRENT.p) == (2**17, 8, 1)
    stored = hash_password("correct horse")
    assert stored.startswith(f"scrypt${2**17}$8$1$")
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horse!", stored)
    assert not needs_rehash(stored)
    assert hash_password("correct horse") != stored  # a fresh salt each time


def test_hashes_below_the_floor_never_match() -> None:
    assert verify_password("pw", hash_with("pw", FLOOR))  # what earlier builds stored
    for weak in (ScryptParams(2**13, 8, 1), ScryptParams(2**14, 4, 1), ScryptParams(2, 1, 1)):
        assert not verify_password("pw", hash_with("pw", weak)), weak
    assert not verify_password("pw", hash_with("pw", FLOOR, salt_bytes=4))


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "pw",
        "bcrypt$2b$12$abc",
        "scrypt$16384$8$1$!!$!!",
        "scrypt$16385$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        # Parameters that would make one sign-in take gigabytes: refused, not attempted.
        f"scrypt${2**24}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    ],
)
def test_malformed_or_unbounded_hashes_never_match(
    stored: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_scrypt(monkeypatch)
    assert not verify_password("pw", stored)
    assert not needs_rehash(stored)
    # Refused at the price of one ordinary verification, never at the stored parameters.
    assert calls == [CURRENT]


def test_needs_rehash_when_weaker_than_today() -> None:
    assert needs_rehash(hash_with("pw", FLOOR))
    assert needs_rehash(hash_with("pw", ScryptParams(2**16, 8, 1)))
    assert not needs_rehash(hash_with("pw", ScryptParams(2**17, 8, 2)))


def audit(action: str) -> list[m.AuditLog]:
    return list(m.AuditLog.select().where(m.AuditLog.action == action).order_by(m.AuditLog.id))


def test_sign_in_rehashes_a_weak_hash_with_the_login(database) -> None:
    old = hash_with("pw", FLOOR)
    user = make_user("sam", old)
    with pytest.raises(SignInError):
        sign_in(database, "sam", "wrong")
    assert m.User.get_by_id(user.id).password_hash == old  # no rehash without the password

    signed = sign_in(database, "sam", "pw")
    stored = m.User.get_by_id(user.id)
    assert stored.password_hash != old and stored.password_hash == signed.password_hash
    assert stored.password_hash.startswith(f"scrypt${CURRENT.n}${CURRENT.r}${CURRENT.p}$")
    assert verify_password("pw", stored.password_hash)
    assert stored.last_login_at is not None
    [rehash] = audit("user.password_rehash")
    assert rehash.entity_id == user.id and rehash.user_id == user.id
    assert rehash.before == {"password_scheme": "scrypt N=2^14, r=8, p=1"}
    assert rehash.after == {"password_scheme": "scrypt N=2^17, r=8, p=1"}
    for row in m.AuditLog.select():
        text = f"{row.before} {row.after}"
        assert old not in text and stored.password_hash not in text and "$" not in text

    sign_in(database, "sam", "pw")  # current now: nothing more to do
    assert len(audit("user.password_rehash")) == 1
    assert len(audit("user.sign_in")) == 2


def test_a_password_changed_during_the_rehash_is_kept(database, monkeypatch) -> None:
    user = make_user("sam", hash_with("pw", FLOOR))
    set_by_admin = hash_with("new-pw", FLOOR)
    real = auth.hash_password

    def admin_changes_it_meanwhile(password: str) -> str:
        m.User.update(password_hash=set_by_admin).where(m.User.id == user.id).execute()
        return real(password)

    monkeypatch.setattr(auth, "hash_password", admin_changes_it_meanwhile)
    sign_in(database, "sam", "pw")
    assert m.User.get_by_id(user.id).password_hash == set_by_admin
    assert audit("user.password_rehash") == []


def count_scrypt(monkeypatch: pytest.MonkeyPatch) -> list[ScryptParams]:
    """Record the parameters of every scrypt call, answering at once (no real work)."""
    calls: list[ScryptParams] = []

    def fake(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int,
             maxmem: int) -> bytes:  # fmt: skip
        calls.append(ScryptParams(n, r, p))
        return b"\0" * dklen

    monkeypatch.setattr(passwords.hashlib, "scrypt", fake)
    return calls


def test_an_unknown_username_costs_what_a_wrong_password_costs(database, monkeypatch) -> None:
    make_user("sam", hash_password("right"))
    make_user("broken", "not a hash")
    calls = count_scrypt(monkeypatch)
    attempts = {
        "wrong password": ("sam", "wrong"),
        "unknown user": ("nobody", "wrong"),
        "no username": ("", "wrong"),
        "damaged hash": ("broken", "wrong"),
    }
    seen = {}
    for what, (username, password) in attempts.items():
        calls.clear()
        with pytest.raises(SignInError, match="wrong username or password"):
            sign_in(database, username, password)
        seen[what] = list(calls)
    # The same work every time: one scrypt at today's parameters.
    assert seen == {what: [CURRENT] for what in attempts}
