"""The permission matrix, row by row × role by role, through the service layer and the training
and scoring entry points, on SQLite and MariaDB.

Each case does one thing as the signed-in user ("me", in the role under test); the expected
roles are the issue's matrix. A refused case must raise `NotAllowed` and write nothing; an
allowed one must not raise `NotAllowed` (training on an empty database then stops at its data
check, which is past the permission check: such cases are marked `gate`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from db import models as m
from db.choices import AccountStatus, AlertType, Priority, Role
from db.validation import ValidationError
from desktop.core import imports
from desktop.core.churn import scoring, training
from desktop.core.churn.artifacts import ArtifactError
from desktop.core.read.listing import ListQuery
from desktop.core.read.lists import SPECS
from desktop.core.services import NotAllowed, Services
from desktop.core.services.permissions import RULES, Perm, allowed, refusal, why_not

AGENT, SUP, ADMIN = Role.AGENT, Role.SUPERVISOR, Role.ADMIN
EVERYONE = (AGENT, SUP, ADMIN)
LEADS = (SUP, ADMIN)
ADMINS = (ADMIN,)


class World:
    """One test's data: me (in the role under test), another agent, a customer, alerts (mine,
    someone else's, nobody's), tickets (mine, someone else's, nobody's), a tag, a model."""

    def __init__(self, database: Any, role: Role) -> None:
        self.database = database
        self.me = _user("me", role)
        self.other = _user("other", AGENT)
        _user("boss", ADMIN)  # there is always an admin besides "me"
        self.customer = m.Customer.create(name="Ada", email="ada@example.com")
        self.svc = Services(database, self.me)
        self.alert_mine = _alert(self.customer, 1, assignee=self.me)
        self.alert_mine2 = _alert(self.customer, 2, assignee=self.me)
        self.alert_others = _alert(self.customer, 3, assignee=self.other)
        self.alert_nobodys = _alert(self.customer, 4)
        self.ticket_mine = _ticket(self.customer, 1, self.me)
        self.ticket_others = _ticket(self.customer, 2, self.other)
        self.ticket_nobodys = _ticket(self.customer, 3, None)
        self.tag = m.CustomerTag.create(name="vip")
        self.note = m.CustomerNote.create(customer=self.customer, author=self.me, body="mine")
        self.model = m.ModelVersion.create(name="m1", algorithm="logistic_regression")
        self.prepared: Any = None


def _user(name: str, role: Role) -> m.User:
    return m.User.create(
        username=name, email=f"{name}@staff.example", display_name=name.title(), role=role.value,
        password_hash="x",
    )  # fmt: skip


def _alert(customer: m.Customer, n: int, assignee: m.User | None = None) -> m.Alert:
    return m.Alert.create(
        type=AlertType.CHURN_RISK.value, customer=customer, title=f"Alert {n}",
        priority=Priority.HIGH.value, dedupe_key=f"k{n}", assignee=assignee,
    )  # fmt: skip


def _ticket(customer: m.Customer, n: int, assignee: m.User | None) -> m.SupportTicket:
    return m.SupportTicket.create(
        number=f"T-{n}",
        customer=customer,
        subject=f"Ticket {n}",
        assignee=assignee,
        category="other",
    )


@dataclass(frozen=True)
class Case:
    name: str
    roles: tuple[Role, ...]
    act: Callable[[World], Any]
    gate: bool = False  # allowed means "passes the permission check"
    prepare: Callable[[World], Any] | None = None  # before the action; its result: w.prepared


def _import_plan(w: World) -> Any:
    """A one-customer CSV file's import plan (in a directory of its own)."""
    folder = Path(tempfile.mkdtemp(prefix="cw-import-"))
    (folder / "customers.csv").write_text("id,name,email\nS1,Sam,sam@example.com\n")
    return imports.prepare("customers", folder / "customers.csv")


def _run(w: World) -> int:
    """A running scoring run, started by an admin (not by "me")."""
    boss = m.User.get(m.User.username == "boss")
    return scoring.create_run(w.database, w.model, user=boss).id


def _export(w: World, name: str, **filters: Any) -> Any:
    """Export a list to a throwaway folder (the permission is checked before any file)."""
    folder = Path(tempfile.mkdtemp(prefix="cw-perm-"))
    try:
        return w.svc.export_list(SPECS[name], ListQuery(filters=filters), folder / "x.csv")
    finally:
        shutil.rmtree(folder)


def _summary(w: World) -> Any:
    folder = Path(tempfile.mkdtemp(prefix="cw-perm-"))
    try:
        return w.svc.export_customer_summary(
            w.customer.id, folder / "x.pdf", lambda _data, path: path.write_bytes(b"%PDF-")
        )
    finally:
        shutil.rmtree(folder)


CASES = [
    # browse; own notes, tags on customers, log interventions
    Case("add a note", EVERYONE, lambda w: w.svc.add_note(w.customer.id, "hello")),
    Case("edit my note", EVERYONE, lambda w: w.svc.edit_note(w.note.id, "edited")),
    Case("tag a customer", EVERYONE, lambda w: w.svc.tag_customer(w.customer.id, w.tag.id)),
    Case("untag a customer", EVERYONE, lambda w: w.svc.untag_customer(w.customer.id, w.tag.id)),
    Case(
        "log an intervention",
        EVERYONE,
        lambda w: w.svc.log_intervention(w.customer.id, "email", "check_in"),
    ),
    # acknowledge an alert; resolve an alert assigned to me
    Case("acknowledge an alert", EVERYONE, lambda w: w.svc.acknowledge_alerts([w.alert_others.id])),
    Case("resolve my alert", EVERYONE, lambda w: w.svc.resolve_alerts([w.alert_mine.id], "called")),
    Case("dismiss my alert", EVERYONE, lambda w: w.svc.dismiss_alerts([w.alert_mine.id])),
    Case(
        "take an unassigned alert",
        EVERYONE,
        lambda w: w.svc.assign_alerts([w.alert_nobodys.id], w.me.id),
    ),
    Case("give up my alert", EVERYONE, lambda w: w.svc.assign_alerts([w.alert_mine.id], None)),
    Case(
        "acknowledge a customer's alerts (Customer 360)",
        EVERYONE,
        lambda w: w.svc.acknowledge_customer_alerts(w.customer.id),
    ),
    # resolve others' alerts, any bulk action, assign alerts/tickets to others
    Case(
        "resolve someone else's alert",
        LEADS,
        lambda w: w.svc.resolve_alerts([w.alert_others.id], "done"),
    ),
    Case(
        "resolve an unassigned alert",
        LEADS,
        lambda w: w.svc.resolve_alerts([w.alert_nobodys.id], "done"),
    ),
    Case(
        "dismiss someone else's alert", LEADS, lambda w: w.svc.dismiss_alerts([w.alert_others.id])
    ),
    Case(
        "bulk acknowledge",
        LEADS,
        lambda w: w.svc.acknowledge_alerts([w.alert_mine.id, w.alert_mine2.id]),
    ),
    Case(
        "bulk resolve my alerts",
        LEADS,
        lambda w: w.svc.resolve_alerts([w.alert_mine.id, w.alert_mine2.id], "x"),
    ),
    Case(
        "assign an alert to someone else",
        LEADS,
        lambda w: w.svc.assign_alerts([w.alert_nobodys.id], w.other.id),
    ),
    Case(
        "take someone else's alert",
        LEADS,
        lambda w: w.svc.assign_alerts([w.alert_others.id], w.me.id),
    ),
    Case(
        "assign a ticket to someone else",
        LEADS,
        lambda w: w.svc.assign_ticket(w.ticket_nobodys.id, w.other.id),
    ),
    Case(
        "open a ticket for someone else",
        LEADS,
        lambda w: w.svc.create_ticket(w.customer.id, "Hi", assignee_id=w.other.id),
    ),
    # work tickets assigned to me or unassigned; reply; resolve
    Case("open a ticket", EVERYONE, lambda w: w.svc.create_ticket(w.customer.id, "Hello")),
    Case("reply to my ticket", EVERYONE, lambda w: w.svc.add_message(w.ticket_mine.id, "Hi")),
    Case(
        "reply to an unassigned ticket",
        EVERYONE,
        lambda w: w.svc.add_message(w.ticket_nobodys.id, "Hi"),
    ),
    Case(
        "resolve an unassigned ticket",
        EVERYONE,
        lambda w: w.svc.move_ticket(w.ticket_nobodys.id, "resolved"),
    ),
    Case(
        "edit my ticket",
        EVERYONE,
        lambda w: w.svc.edit_ticket(
            w.ticket_mine.id, subject="S", category="other", priority="high"
        ),
    ),
    Case(
        "take an unassigned ticket",
        EVERYONE,
        lambda w: w.svc.assign_ticket(w.ticket_nobodys.id, w.me.id),
    ),
    Case(
        "reply to someone else's ticket",
        LEADS,
        lambda w: w.svc.add_message(w.ticket_others.id, "Hi"),
    ),
    Case(
        "resolve someone else's ticket",
        LEADS,
        lambda w: w.svc.move_ticket(w.ticket_others.id, "resolved"),
    ),
    # change account status
    Case(
        "change an account status",
        LEADS,
        lambda w: w.svc.set_account_status(w.customer.id, AccountStatus.AT_RISK),
    ),
    Case(
        "change a customer's name",
        LEADS,
        lambda w: w.svc.update_customer(w.customer.id, name="Renamed Customer"),
    ),
    # create/rename/delete tags and segments
    Case("create a tag", LEADS, lambda w: w.svc.create_tag("new tag")),
    Case("rename a tag", LEADS, lambda w: w.svc.rename_tag(w.tag.id, "very important")),
    Case("delete a tag", LEADS, lambda w: w.svc.delete_tag(w.tag.id)),
    # train, activate, retire models; start or cancel a scoring run
    Case("train models", LEADS, lambda w: training.train_models(w.database, user=w.me), gate=True),
    Case("activate a model", LEADS, lambda w: training.activate_model(w.database, "m1", user=w.me)),
    Case("retire a model", LEADS, lambda w: training.retire_model(w.database, "m1", user=w.me)),
    Case(
        "start a scoring run",
        LEADS,
        lambda w: scoring.start_run(w.database, w.model, user=w.me, lease_seconds=45),
    ),
    Case("score", LEADS, lambda w: scoring.score(w.database, model=w.model, user=w.me), gate=True),
    Case(
        "cancel a scoring run",
        LEADS,
        lambda w: scoring.cancel_run(w.database, w.prepared, user=w.me),
        prepare=_run,
    ),
    # the live alert policy (issue 14)
    Case(
        "apply an alert policy",
        LEADS,
        lambda w: w.svc.apply_alert_policy({"mode": "top_k", "top_k": 5}, 1),
    ),
    # export: any list and a customer's summary (leads); one's own queue (everyone)
    Case("export customers", LEADS, lambda w: _export(w, "customers")),
    Case("export orders", LEADS, lambda w: _export(w, "orders")),
    Case("export every alert", LEADS, lambda w: _export(w, "alerts")),
    Case("export every ticket", LEADS, lambda w: _export(w, "tickets")),
    Case("export my alerts", EVERYONE, lambda w: _export(w, "alerts", assigned_to_me=True)),
    Case("export my tickets", EVERYONE, lambda w: _export(w, "tickets", assigned_to_me=True)),
    Case("export a customer summary", LEADS, _summary),
    # imports (issue 13)
    Case("import data", LEADS, lambda w: w.svc.import_file(w.prepared), prepare=_import_plan),
    Case(
        "save an import mapping",
        LEADS,
        lambda w: w.svc.save_mapping("shop", w.prepared),
        prepare=_import_plan,
    ),
    # users and roles
    Case(
        "add a user",
        ADMINS,
        lambda w: w.svc.add_user("newbie", "long-enough-secret-9", role="agent"),
    ),
    Case("disable a user", ADMINS, lambda w: w.svc.disable_user(w.other.id)),
    Case("enable a user", ADMINS, lambda w: w.svc.enable_user(w.other.id)),
    Case("change a role", ADMINS, lambda w: w.svc.set_role(w.other.id, "supervisor")),
    Case(
        "reset a password",
        ADMINS,
        lambda w: w.svc.reset_password(w.other.id, "long-enough-secret-9"),
    ),
]


@pytest.mark.parametrize("role", EVERYONE, ids=lambda r: r.value)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_matrix(database, case: Case, role: Role) -> None:
    world = World(database, role)
    world.prepared = case.prepare(world) if case.prepare else None
    audits = m.AuditLog.select().count()
    if role in case.roles:
        try:
            case.act(world)
        except NotAllowed:
            raise
        except (ValidationError, scoring.ScoringError, ArtifactError) as exc:
            assert case.gate, f"{case.name} as {role}: {exc}"
    else:
        with pytest.raises(NotAllowed, match=r"^only (supervisors and admins|admins) may"):
            case.act(world)
        assert m.AuditLog.select().count() == audits, "a refused action wrote something"


def test_every_rule_names_who_may_and_what() -> None:
    assert refusal(Perm.ALERT_RESOLVE_ANY) == (
        "only supervisors and admins may resolve alerts assigned to someone else or to nobody"
    )
    assert refusal(Perm.USERS) == "only admins may manage users and roles"
    for perm, rule in RULES.items():
        for role in Role:
            assert allowed(role, perm) == (role in rule.roles)
            assert (why_not(role, perm) is None) == (role in rule.roles)


def test_a_role_changed_or_disabled_meanwhile_applies_at_the_next_write(database) -> None:
    world = World(database, SUP)
    world.svc.create_tag("first")
    m.User.update(role="agent").where(m.User.id == world.me.id).execute()
    with pytest.raises(NotAllowed, match="only supervisors and admins may create"):
        world.svc.create_tag("second")
    m.User.update(active=False).where(m.User.id == world.me.id).execute()
    with pytest.raises(NotAllowed, match="your account is disabled"):
        world.svc.add_note(world.customer.id, "still here?")


def test_without_a_signed_in_user_only_a_database_without_staff_may_train(database) -> None:
    m.ModelVersion.create(name="m1", algorithm="logistic_regression")
    assert training.activate_model(database, "m1").status == "active"  # nobody to sign in as
    _user("lead", SUP)
    with pytest.raises(NotAllowed, match=r"sign in to do this .*--as USERNAME"):
        training.retire_model(database, "m1")
    with pytest.raises(NotAllowed, match="sign in"):
        scoring.start_run(database, "m1", lease_seconds=45)
