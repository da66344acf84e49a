"""Retention on SQLite and MariaDB, against a hand-counted history: what goes, what stays and why,
the dry run, the audit row, the admin-only rule, cancel and resume."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from db import models as m
from db.tasks import Cancelled, TaskState
from desktop.cli import main
from desktop.core.services import NotAllowed, RetentionPolicy, Services
from desktop.core.services import retention as rt

NOW = datetime(2026, 6, 1, 12, 0)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def history(database):
    """Who and what, with the rows the default policy removes marked GOES."""
    admin = m.User.create(username="root", email="root@staff.example", role="admin",
                          display_name="Root Admin", password_hash="x")  # fmt: skip
    agent = m.User.create(username="ann", email="ann@staff.example", role="agent",
                          display_name="Ann Agent", password_hash="x")  # fmt: skip
    model = m.ModelVersion.create(name="old", algorithm="logistic_regression", status="retired")
    live = m.Customer.create(name="Live One", email="live@example.com")
    gone = m.Customer.create(name="Gone Long", email="gone@example.com", deleted_at=ago(40))
    recent = m.Customer.create(name="Gone Lately", email="lately@example.com", deleted_at=ago(10))
    m.Order.create(order_number="O-1", customer=gone, total=10, placed_at=ago(100))
    for days in (10, 89, 91, 200):  # 91 and 200: GOES
        m.CustomerEvent.create(customer=live, category="engagement", event_type="login",
                               occurred_at=ago(days))  # fmt: skip

    def predict(who, days):
        return m.ChurnPrediction.create(customer=who, model_version=model, probability=0.5,
                                        risk_level="MEDIUM", scored_at=ago(days))  # fmt: skip

    unreferenced = predict(live, 60)  # GOES
    closed_long = predict(live, 50)  # GOES: only a long-closed alert refers to it
    open_ref = predict(live, 40)  # stays: an open alert refers to it
    predict(live, 5)  # stays: recent, and live's latest
    predict(recent, 60)  # stays: old, but that customer's latest

    def alert(status, closed_days, prediction=None, key=None):
        return m.Alert.create(
            type="churn_risk", priority="high", status=status, customer=live, title="Alert",
            prediction=prediction, dedupe_key=key,
            resolved_at=ago(closed_days) if closed_days is not None else None,
        )  # fmt: skip

    alert("open", None, open_ref, key="k-open")
    alert("resolved", 20, closed_long)  # GOES
    alert("resolved", 8)  # GOES
    alert("dismissed", 3)  # stays: closed 3 days ago
    m.SystemMetric.create(name="scoring.duration_s", value=1, recorded_at=ago(400))  # GOES
    m.SystemMetric.create(name="scoring.duration_s", value=1, recorded_at=ago(100))
    return {"admin": admin, "agent": agent, "live": live, "gone": gone, "recent": recent,
            "unreferenced": unreferenced, "closed_long": closed_long}  # fmt: skip


EXPECTED = {"alert": 2, "churn_prediction": 2, "customer_event": 2, "system_metric": 1,
            "customer": 1}  # fmt: skip


def counts() -> dict[str, int]:
    return {
        "alert": m.Alert.select().count(),
        "churn_prediction": m.ChurnPrediction.select().count(),
        "customer_event": m.CustomerEvent.select().count(),
        "system_metric": m.SystemMetric.select().count(),
        "customer": m.Customer.select().count(),
    }


def test_the_dry_run_counts_exactly_what_would_go_and_changes_nothing(database, history):
    before = counts()
    report = Services(database, history["admin"]).apply_retention(dry_run=True, now=NOW)
    assert report.due == EXPECTED
    assert counts() == before
    assert report.kept == []  # no active model: nothing needs the events
    assert report.lines()[0] == "would remove 2 customer events (older than 2026-03-03 12:00 UTC)"


def test_retention_removes_what_the_policy_says_and_keeps_the_rest(database, history):
    before = counts()
    report = Services(database, history["admin"]).apply_retention(now=NOW)
    assert report.removed == EXPECTED
    assert counts() == {t: before[t] - EXPECTED[t] for t in before}
    left = {p.id for p in m.ChurnPrediction.select()}
    assert history["unreferenced"].id not in left and history["closed_long"].id not in left
    assert not m.Customer.select().where(m.Customer.id == history["gone"].id).exists()
    assert not m.Order.select().exists()  # went with its customer
    assert m.Customer.select().where(m.Customer.id == history["recent"].id).exists()
    assert sorted(a.status for a in m.Alert.select()) == ["dismissed", "open"]
    audit = m.AuditLog.get(m.AuditLog.action == "retention.apply")
    assert audit.user_id == history["admin"].id and audit.after["removed"] == EXPECTED
    assert audit.after["finished"] is True
    again = Services(database, history["admin"]).apply_retention(now=NOW)
    assert sum(again.removed.values()) == 0


def test_a_shorter_policy_never_removes_the_events_the_active_model_reads(database, history):
    m.ModelVersion.create(
        name="churn-live", algorithm="logistic_regression", status="active",
        feature_definitions={"features": [{"name": "logins_30d", "group": "engagement"}]},
        training_summary={"train": {"cutoffs": [str(ago(150)), str(ago(120))]}},
    )  # fmt: skip
    policy = RetentionPolicy(events_days=30)
    report = Services(database, history["admin"]).apply_retention(policy, now=NOW)
    # Kept: 150 days back to the oldest training snapshot, and 90 days of events before it.
    assert report.kept == [
        rt.Kept(
            "customer_event", 240,
            "the active model churn-live counts engagement events up to 90 days back from each "
            "training snapshot, the oldest 150 days ago (retraining it reads them)",
        )
    ]  # fmt: skip
    assert report.removed["customer_event"] == 0  # the oldest, 200 days ago, is within 240
    assert [e.occurred_at for e in m.CustomerEvent.select().order_by(m.CustomerEvent.id)] == [
        ago(10),
        ago(89),
        ago(91),
        ago(200),
    ]


def test_only_admins_run_retention_and_a_bad_policy_names_its_field(database, history):
    with pytest.raises(NotAllowed, match="only admins"):
        Services(database, history["agent"]).apply_retention(dry_run=True, now=NOW)
    with pytest.raises(Exception, match="predictions_days"):
        Services(database, history["admin"]).apply_retention(
            RetentionPolicy(predictions_days=0), now=NOW
        )
    assert counts()["alert"] == 4


def test_a_cancelled_run_keeps_whole_batches_and_the_next_run_finishes(
    database, history, monkeypatch
):
    monkeypatch.setattr(rt, "BATCH", 1)
    state: TaskState

    def progress(done, total, text):
        if done == 3:
            state.cancel()  # after the third batch: it is committed, the fourth never starts

    state = TaskState(on_progress=progress)
    with pytest.raises(Cancelled):
        Services(database, history["admin"]).apply_retention(state=state, now=NOW)
    audit = m.AuditLog.get(m.AuditLog.action == "retention.apply")
    assert audit.after["finished"] is False and sum(audit.after["removed"].values()) == 3
    rest = Services(database, history["admin"]).apply_retention(now=NOW)
    assert sum(rest.removed.values()) == sum(EXPECTED.values()) - 3


def test_the_command_prints_the_dry_run_and_refuses_without_an_admin(
    db_url, database, history, capsys, monkeypatch
):
    monkeypatch.setattr(rt.m, "utcnow", lambda: NOW)
    assert main(["--db", db_url, "retention", "--dry-run"]) == 2
    assert "add --as USERNAME" in capsys.readouterr().err
    monkeypatch.setattr(
        "desktop.commands.retention.acting_user", lambda args, database: history["admin"]
    )
    assert main(["--db", db_url, "retention", "--dry-run", "--metrics-days", "500"]) == 0
    out = capsys.readouterr().out
    assert "would remove 0 system metrics" in out and "would remove 2 closed alerts" in out
    assert counts()["system_metric"] == 2
    with pytest.raises(SystemExit) as refused:
        main(["--db", db_url, "retention", "--events-days", "0"])
    assert refused.value.code == 2 and "keep at least 1 day" in capsys.readouterr().err
