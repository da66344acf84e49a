"""Retention on both backends, on a hand-counted history: what goes, what is kept and why,
batches that resume after a cancel, the audit, and the admin-only permission."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from db import models as m
from db.choices import AlertStatus, ModelStatus, Role
from db.passwords import hash_password
from db.tasks import Cancelled, TaskState
from db.validation import ValidationError
from desktop.cli import main
from desktop.core.churn.features import FeatureSpec
from desktop.core.retention import purge
from desktop.core.services import NotAllowed, Services, StaleWrite

NOW = m.utcnow()
PASSWORD = "quiet-harbour-2031"


def ago(n: float) -> object:
    return NOW - timedelta(days=n)


def _user(name: str, role: Role) -> m.User:
    return m.User.create(
        username=name, email=f"{name}@example.com", display_name=name.title(), role=role.value,
        password_hash=hash_password(PASSWORD),
    )  # fmt: skip


def _customer(name: str, deleted: float | None = None) -> m.Customer:
    return m.Customer.create(
        name=name, email=f"{name}@example.com", customer_since=date(2022, 1, 1),
        deleted_at=ago(deleted) if deleted is not None else None,
    )  # fmt: skip


def _prediction(who: m.Customer, model: m.ModelVersion, age: float) -> m.ChurnPrediction:
    return m.ChurnPrediction.create(
        customer=who, model_version=model, probability=0.5, risk_level="MEDIUM", scored_at=ago(age)
    )


def _alert(status: AlertStatus, closed: float | None = None, **kw: object) -> m.Alert:
    return m.Alert.create(
        type="churn_risk", priority="high", title="At risk", status=status.value,
        resolved_at=ago(closed) if closed is not None else None, **kw,
    )  # fmt: skip


@pytest.fixture
def history(database, cheap_password_hashing):
    """By hand, with the default policy (events 90 days, predictions 30, resolved alerts 7,
    metrics 365, deleted customers 30):

    events of Ann at 100 and 95 days go; at 60 and 5 days stay        → 2 go
    Ann's predictions at 70 days (nothing refers to it) and 40 days (its alert goes) go; at 50
      days an open alert refers to it, at 20 days it is young, at 1 day it is her latest; Bob's
      only prediction, at 60 days, is his latest                     → 2 go, 1 + 1 kept
    alerts resolved 10 and 8 days ago go; dismissed 3 days ago, and open, stay → 2 go
    metrics at 400 days go, at 300 stay                               → 1 goes
    Dee, deleted 40 days ago, goes (with her event); Eve, deleted 10 days ago, stays → 1 goes
    """
    admin = _user("ada", Role.ADMIN)
    model = m.ModelVersion.create(
        name="active-1", algorithm="logistic_regression", status=ModelStatus.ACTIVE.value,
        feature_definitions=FeatureSpec().definitions(),
    )  # fmt: skip
    ann, bob = _customer("ann"), _customer("bob")
    dee, _eve = _customer("dee", deleted=40), _customer("eve", deleted=10)
    for age in (100, 95, 60, 5):
        m.CustomerEvent.create(customer=ann, category="engagement", event_type="login",
                               occurred_at=ago(age))  # fmt: skip
    m.CustomerEvent.create(customer=dee, category="engagement", event_type="login",
                           occurred_at=ago(3))  # fmt: skip
    preds = {age: _prediction(ann, model, age) for age in (70, 50, 40, 20, 1)}
    _prediction(bob, model, 60)
    _alert(AlertStatus.OPEN, customer=ann, prediction=preds[50])
    _alert(AlertStatus.RESOLVED, 10, customer=ann, prediction=preds[40])
    _alert(AlertStatus.RESOLVED, 8)
    _alert(AlertStatus.DISMISSED, 3, customer=bob)
    m.SystemMetric.create(name="scoring.duration_s", value=1.0, recorded_at=ago(400))
    m.SystemMetric.create(name="scoring.duration_s", value=1.0, recorded_at=ago(300))
    return Services(database, admin)


EXPECTED_GOES = {
    "alert": 2,
    "churn_prediction": 2,
    "customer_event": 2,
    "system_metric": 1,
    "customer": 1,
}


def _counts() -> dict[str, int]:
    return {
        "alert": m.Alert.select().count(),
        "churn_prediction": m.ChurnPrediction.select().count(),
        "customer_event": m.CustomerEvent.select().count(),
        "system_metric": m.SystemMetric.select().count(),
        "customer": m.Customer.select().count(),
    }


def test_the_plan_counts_what_goes_and_what_is_kept_and_why(history):
    before = _counts()
    plan = history.retention_plan(NOW)
    assert {t.table: t.goes for t in plan.tables} == EXPECTED_GOES
    kept = {k.reason: k.rows for t in plan.tables for k in t.kept}
    assert kept == {"each customer's latest prediction": 1,
                    "referred to by alerts that are kept": 1}  # fmt: skip
    assert plan.warnings == []
    assert _counts() == before  # a plan changes nothing


def test_a_purge_removes_exactly_the_plan_and_audits_counts_per_table(history):
    before = _counts()
    report = purge(history, now=NOW, batch=1)
    assert report.deleted == EXPECTED_GOES
    after = _counts()
    # Dee's deletion took her event and nothing else counted above with it.
    assert {t: before[t] - after[t] for t in before} == {**EXPECTED_GOES, "customer_event": 3}
    assert {c.name for c in m.Customer.select()} == {"ann", "bob", "eve"}
    ages = sorted(round((NOW - p.scored_at).days) for p in m.ChurnPrediction.select())
    assert ages == [1, 20, 50, 60]
    assert {a.status for a in m.Alert.select()} == {"open", "dismissed"}
    audit = {
        a.entity: a.after["deleted"]
        for a in m.AuditLog.select().where(m.AuditLog.action == "retention.purge")
    }
    assert audit == EXPECTED_GOES
    assert m.RetentionRun.get_by_id(report.run_id).finished_at is not None
    again = purge(history, now=NOW)
    assert again.run_id != report.run_id and set(again.deleted.values()) == {0}


def test_a_cancelled_purge_is_resumed_with_its_own_cutoffs(history):
    state = TaskState(on_progress=lambda done, total, text: state.cancel() if done == 3 else None)
    with pytest.raises(Cancelled):
        purge(history, now=NOW, batch=1, state=state)
    run = m.RetentionRun.get()
    assert run.finished_at is None and sum(run.deleted.values()) == 3
    # Resumed a day later: the cutoffs are the first attempt's, so nothing more goes.
    plan = history.retention_plan(NOW + timedelta(days=1))
    assert plan.resumes == run.id
    report = purge(history, now=NOW + timedelta(days=1))
    assert report.resumed and report.run_id == run.id
    assert report.deleted == EXPECTED_GOES


def test_events_the_active_model_reads_are_kept_with_a_warning(history):
    history.set_retention_policy({"events_days": 30}, None)
    plan = history.retention_plan(NOW)
    (events,) = [t for t in plan.tables if t.table == "customer_event"]
    assert events.goes == 2  # still only the ones older than 90 days
    (warning,) = plan.warnings
    assert "kept 90 days, not 30" in warning and "active-1" in warning
    assert [k.rows for k in events.kept] == [1]  # the one 60 days old


def test_the_policy_is_validated_versioned_audited_and_admin_only(history, database):
    with pytest.raises(ValidationError) as refused:
        history.set_retention_policy({"metrics_days": 0}, None)
    assert "metrics_days" in refused.value.errors
    assert m.RetentionPolicy.select().count() == 0
    policy = history.set_retention_policy({"metrics_days": 730}, None)
    assert policy.metrics_days == 730 and policy.events_days == 90
    with pytest.raises(StaleWrite):
        history.set_retention_policy({"metrics_days": 800}, None)
    _, version = history.retention_policy()
    assert history.set_retention_policy({"metrics_days": 800}, version).metrics_days == 800
    assert m.AuditLog.select().where(m.AuditLog.action == "retention.policy").count() == 2
    boss = Services(database, _user("sue", Role.SUPERVISOR))
    for call in (boss.retention_plan, lambda: purge(boss),
                 lambda: boss.set_retention_policy({"events_days": 5}, version)):  # fmt: skip
        with pytest.raises(NotAllowed, match="only admins may set the retention policy"):
            call()


def test_the_command_prints_the_dry_run_and_refuses_in_one_line(
    history, db_url, capsys, monkeypatch
):
    before = _counts()
    assert main(["--db", db_url, "retention", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--as USERNAME" in err
    monkeypatch.setenv("CHURNWATCH_PASSWORD", PASSWORD)
    assert main(["--db", db_url, "retention", "--dry-run", "--as", "ada"]) == 0
    out = capsys.readouterr().out
    assert "customer_event: 2 customer events from before" in out
    assert "kept 1: referred to by alerts that are kept" in out
    assert _counts() == before
    assert main(["--db", db_url, "retention", "--as", "ada"]) == 0
    assert "system_metric" in capsys.readouterr().out
    assert _counts()["customer"] == before["customer"] - 1
