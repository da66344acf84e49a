"""Staff accounts: password rules, the first admin, `churnwatch user …`, the sign-in lockout."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest

from db import models as m
from db.passwords import hash_password, password_problems
from db.validation import ValidationError
from desktop.cli import main
from desktop.core.auth import LOCKOUT, MAX_FAILURES, SignInError, sign_in
from desktop.core.services import NotAllowed, Services, create_first_admin

GOOD = "violet-harbour-42"
OTHER_GOOD = "copper-lantern-77"


@pytest.fixture(autouse=True)
def _cheap(cheap_password_hashing):
    """Hashes at the lowest cost sign-in accepts: these tests make many."""


def test_password_rules_say_what_is_wrong():
    assert password_problems(GOOD, "sam") == []
    assert password_problems("short", "sam") == ["use at least 12 characters (this is 5)"]
    assert password_problems("Password1234", "sam") == ["it is a common password"]
    assert "it may not be the username" in password_problems("samantha-jones", "samantha-jones")
    assert "it is one character repeated" in password_problems("x" * 14)


def test_the_first_admin_then_only_admins_add_users(database):
    admin = create_first_admin(database, "boss", GOOD, display_name="The Boss")
    assert admin.role == "admin" and admin.display_name == "The Boss"
    with pytest.raises(NotAllowed, match="already has users"):
        create_first_admin(database, "second", GOOD)
    svc = Services(database, admin)
    agent = svc.add_user("ann", OTHER_GOOD, role="agent", display_name="Ann")
    with pytest.raises(ValidationError) as err:
        svc.add_user("ANN", "short", role="boss")
    assert set(err.value.errors) == {"username", "password", "role"}
    with pytest.raises(NotAllowed, match="only admins may manage users"):
        Services(database, agent).add_user("bob", GOOD, role="agent")

    created = [a for a in m.AuditLog.select() if a.action == "user.create"]
    assert [a.after["username"] for a in created] == ["boss", "ann"]
    assert all("password_hash" not in (a.after or {}) for a in m.AuditLog.select())


def test_disable_enable_role_reset_are_audited_and_an_admin_always_remains(database):
    admin = create_first_admin(database, "boss", GOOD)
    svc = Services(database, admin)
    ann = svc.add_user("ann", OTHER_GOOD, role="agent")
    with pytest.raises(NotAllowed, match="last active admin"):
        svc.disable_user(admin.id)
    with pytest.raises(NotAllowed, match="last active admin"):
        svc.set_role(admin.id, "agent")

    svc.disable_user(ann.id)
    with pytest.raises(SignInError, match="disabled"):
        sign_in(database, "ann", OTHER_GOOD)
    svc.enable_user(ann.id)
    svc.set_role(ann.id, "supervisor")
    svc.reset_password(ann.id, "fresh-meadow-2031")
    assert sign_in(database, "ann", "fresh-meadow-2031").role == "supervisor"
    with pytest.raises(ValidationError, match="common password"):
        svc.reset_password(ann.id, "password1234")

    actions = [a.action for a in m.AuditLog.select().where(m.AuditLog.entity_id == ann.id)]
    assert actions[:5] == [
        "user.create", "user.disable", "user.enable", "user.role", "user.password_reset"
    ]  # fmt: skip
    reset = m.AuditLog.get(m.AuditLog.action == "user.password_reset")
    assert set(reset.after) == {"password_scheme"} and "scrypt" in reset.after["password_scheme"]
    role = m.AuditLog.get(m.AuditLog.action == "user.role")
    assert (role.before, role.after) == ({"role": "agent"}, {"role": "supervisor"})


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 9, 0)

    def __call__(self) -> datetime:
        return self.now


def test_five_failures_lock_a_username_for_15_minutes_known_or_not(database):
    m.User.create(username="sam", email="sam@x.example", display_name="Sam",
                  password_hash=hash_password(GOOD))  # fmt: skip
    clock = Clock()
    for name in ("sam", "nobody"):
        for attempt in range(1, MAX_FAILURES + 1):
            with pytest.raises(SignInError) as err:
                sign_in(database, name, "wrong", clock=clock)
            locked = attempt == MAX_FAILURES
            assert ("try again in 15 minutes" in str(err.value)) == locked
        with pytest.raises(SignInError) as err:  # even the right password, while locked
            sign_in(database, name, GOOD, clock=clock)
        assert str(err.value).startswith("too many failed sign-ins for this username")
    # Known and unknown usernames read the same: nothing tells which exists.
    with pytest.raises(SignInError) as known:
        sign_in(database, "SAM", "x", clock=clock)
    with pytest.raises(SignInError) as unknown:
        sign_in(database, "nobody", "x", clock=clock)
    assert str(known.value) == str(unknown.value)

    clock.now += LOCKOUT - timedelta(seconds=1)
    with pytest.raises(SignInError, match="try again in 1 minute "):
        sign_in(database, "sam", GOOD, clock=clock)
    clock.now += timedelta(seconds=1)
    assert sign_in(database, "sam", GOOD, clock=clock).username == "sam"
    assert not m.SignInAttempt.select().where(m.SignInAttempt.username == "sam").exists()
    # After an expired lock, counting starts again from one.
    clock.now += LOCKOUT
    with pytest.raises(SignInError) as err:
        sign_in(database, "nobody", "wrong", clock=clock)
    assert str(err.value) == "wrong username or password"


def test_a_reset_password_lifts_the_lock(database):
    admin = create_first_admin(database, "boss", GOOD)
    ann = Services(database, admin).add_user("ann", OTHER_GOOD, role="agent")
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInError):
            sign_in(database, "ann", "wrong")
    Services(database, admin).reset_password(ann.id, "fresh-meadow-2031")
    assert sign_in(database, "ann", "fresh-meadow-2031").id == ann.id


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text + "\n"))


def test_user_commands_first_admin_then_as_an_admin(database, db_url, capsys, monkeypatch):
    db = ["--db", db_url]
    assert main([*db, "user", "list"]) == 0
    assert "No users yet" in capsys.readouterr().out
    _stdin(monkeypatch, GOOD)
    assert main([*db, "user", "add", "ann", "--role", "agent", "--password-stdin"]) == 2
    assert "the first account must be an admin" in capsys.readouterr().err
    _stdin(monkeypatch, GOOD)
    assert main([*db, "user", "add", "boss", "--role", "admin", "--password-stdin",
                 "--display-name", "The Boss"]) == 0  # fmt: skip
    assert "the first account" in capsys.readouterr().out

    _stdin(monkeypatch, OTHER_GOOD)
    assert main([*db, "user", "add", "ann", "--role", "agent", "--password-stdin"]) == 2
    assert "add --as USERNAME" in capsys.readouterr().err
    monkeypatch.setenv("CHURNWATCH_PASSWORD", GOOD)
    me = ["--as", "boss"]
    _stdin(monkeypatch, "short")
    assert main([*db, "user", "add", "ann", "--role", "agent", "--password-stdin", *me]) == 2
    err = capsys.readouterr().err
    assert err.startswith("churnwatch: error:") and "at least 12 characters" in err
    assert err.count("\n") == 1
    _stdin(monkeypatch, OTHER_GOOD)
    assert main([*db, "user", "add", "ann", "--role", "agent", "--password-stdin", *me]) == 0
    assert main([*db, "user", "set-role", "ann", "supervisor", *me]) == 0
    assert main([*db, "user", "disable", "ann", *me]) == 0
    assert main([*db, "user", "enable", "ann", *me]) == 0
    _stdin(monkeypatch, "fresh-meadow-2031")
    assert main([*db, "user", "passwd", "ann", "--password-stdin", *me]) == 0
    capsys.readouterr()
    assert main([*db, "user", "list", "--json"]) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["ann"]["role"] == "supervisor" and listed["ann"]["active"]
    assert "password_hash" not in listed["ann"]

    monkeypatch.setenv("CHURNWATCH_PASSWORD", "fresh-meadow-2031")
    assert main([*db, "user", "disable", "boss", "--as", "ann"]) == 2
    assert "only admins may manage users and roles" in capsys.readouterr().err
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "wrong")
    assert main([*db, "user", "disable", "ann", *me]) == 2
    assert capsys.readouterr().err == "churnwatch: error: wrong username or password\n"
