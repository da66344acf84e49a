"""The live alert policy on both backends: stored with its adaptive default, applied only
through the service layer (permission, validation naming the field, audit with the old and new
policy, optimistic locking), `churnwatch policy`, and scoring applying it (no more alerts than
the cap, the top K by expected lost value, the rise and payment rules)."""

from __future__ import annotations

import json
from datetime import date

import peewee as pw
import pytest

from db import models as m
from db.choices import AlertType
from db.validation import ValidationError
from desktop.cli import main
from desktop.core.churn import scoring
from desktop.core.churn.policy import AlertPolicy, PolicyMode, default_policy
from desktop.core.churn.policy.live import read_live_policy
from desktop.core.services import NotAllowed, Services, StaleWrite
from tests.churn_helpers import (
    customer,
    days,
    order,
    quick_model,
    set_alert_policy,
    ticket,
    transaction,
)

NOW = m.utcnow()
POLICY_TYPES = (AlertType.CHURN_RISK.value, AlertType.RISK_INCREASE.value)


def _user(name: str, role: str) -> m.User:
    return m.User.create(
        username=name, email=f"{name}@staff.example", display_name=name.title(), role=role,
        password_hash="x",
    )  # fmt: skip


# --- storage, validation, permission, audit -------------------------------------------------


def test_a_new_database_holds_the_adaptive_default(database: pw.Database) -> None:
    live = read_live_policy()
    assert live.policy == default_policy()
    assert live.policy.mode is PolicyMode.TOP_SHARE and live.policy.top_share == 0.10
    assert live.version == 1 and live.set_by is None and live.set_at is None


def test_a_supervisor_applies_a_policy_audited_with_old_and_new(database: pw.Database) -> None:
    boss = _user("sam", "supervisor")
    svc = Services(database, boss)
    live = svc.apply_alert_policy({"mode": "top_k", "top_k": 7, "rise_points": 15}, 1)
    assert live.policy == AlertPolicy(mode=PolicyMode.TOP_K, top_k=7, rise_points=15.0)
    assert (live.version, live.set_by) == (2, "Sam")
    assert live.set_at is not None
    assert read_live_policy() == live

    audit = m.AuditLog.get(m.AuditLog.action == "alert_policy.apply")
    assert (audit.entity, audit.entity_id, audit.user_id) == ("AlertPolicy", 1, boss.id)
    assert audit.before == default_policy().to_json()
    assert audit.after == live.policy.to_json()

    # An admin applies over the version they saw; a second Apply on the old version is stale.
    admin = Services(database, _user("ada", "admin"))
    again = admin.apply_alert_policy(AlertPolicy(mode=PolicyMode.THRESHOLD, threshold=0.3), 2)
    assert again.version == 3
    with pytest.raises(StaleWrite, match="the alert policy was changed by Ada"):
        svc.apply_alert_policy({"mode": "top_share", "top_share": 0.2}, 2)
    assert read_live_policy().policy.mode is PolicyMode.THRESHOLD


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"mode": "everyone"}, "mode"),
        ({"top_share": 0.0}, "top_share"),
        ({"top_share": 1.5}, "top_share"),
        ({"threshold": 1.2}, "threshold"),
        ({"threshold": "high"}, "threshold"),
        ({"top_k": 0}, "top_k"),
        ({"per_agent_per_day": -1}, "per_agent_per_day"),
        ({"rise_points": 101}, "rise_points"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(
    database: pw.Database, values: dict[str, object], field: str
) -> None:
    svc = Services(database, _user("sam", "supervisor"))
    with pytest.raises(ValidationError) as info:
        svc.apply_alert_policy(values, 1)
    assert list(info.value.errors) == [field]
    assert read_live_policy().version == 1, "nothing was saved"
    assert not m.AuditLog.select().exists()


def test_an_agent_may_read_the_policy_but_not_apply_one(database: pw.Database) -> None:
    svc = Services(database, _user("alex", "agent"))
    assert svc.alert_policy().policy == default_policy()
    with pytest.raises(NotAllowed, match=r"^only supervisors and admins may apply an alert policy"):
        svc.apply_alert_policy({"mode": "top_k", "top_k": 1}, 1)
    assert read_live_policy().version == 1
    assert not m.AuditLog.select().exists()


def test_cli_policy_show_and_apply(
    db_url: str,
    database: pw.Database,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cheap_password_hashing: None,
) -> None:
    from db.passwords import hash_password

    m.User.create(username="sam", email="sam@staff.example", display_name="Sam", role="supervisor",
                  password_hash=hash_password("pw-sam-123"))  # fmt: skip
    m.User.create(username="alex", email="alex@staff.example", display_name="Alex",
                  role="agent", password_hash=hash_password("pw-alex-123"))  # fmt: skip
    assert main(["--db", db_url, "policy", "show"]) == 0
    assert "the default, never changed (version 1)" in capsys.readouterr().out
    assert main(["--db", db_url, "policy", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["policy"] == default_policy().to_json() and shown["version"] == 1

    # Without --as, and as an agent: refused in one line, nothing changed.
    assert main(["--db", db_url, "policy", "apply", "--mode", "top_k", "--top-k", "5"]) != 0
    assert "--as" in capsys.readouterr().err
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "pw-alex-123")
    assert main(["--db", db_url, "policy", "apply", "--top-k", "5", "--as", "alex"]) != 0
    assert "only supervisors and admins may apply an alert policy" in capsys.readouterr().err
    # A bad value names the field.
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "pw-sam-123")
    assert main(["--db", db_url, "policy", "apply", "--rise-points", "150", "--as", "sam"]) != 0
    assert "rise_points: must be between 0 and 100 points" in capsys.readouterr().err
    assert read_live_policy().version == 1

    # Values left out keep the live policy's.
    code = main(["--db", db_url, "policy", "apply", "--mode", "top_k", "--top-k", "5",
                 "--no-payment-at-risk", "--as", "sam"])  # fmt: skip
    assert code == 0
    assert "Live alert policy (version 2): top 5 by expected lost revenue" in (
        capsys.readouterr().out
    )
    live = read_live_policy()
    assert live.policy == AlertPolicy(mode=PolicyMode.TOP_K, top_k=5, payment_at_risk=False)
    assert main(["--db", db_url, "policy", "show"]) == 0
    out = capsys.readouterr().out
    assert "applied by Sam" in out and "top_k              5" in out


# --- scoring applies it ---------------------------------------------------------------------


def _risky(spend: float) -> m.Customer:
    """Silent for ~6 months with trouble lately: a high churn probability; `spend` sets the
    revenue per day, so the expected lost value ranks the risky by what they bring."""
    who = customer(since=date(2022, 1, 1))
    order(who, NOW - days(190), total=spend)
    for k in range(3):
        ticket(who, NOW - days(5 + k), escalated=True)
    return who


def _safe() -> m.Customer:
    who = customer(since=date(2022, 1, 1))
    for k in range(4):
        order(who, NOW - days(2 + 7 * k))
    return who


def _policy_alerts(run_id: int) -> list[m.Alert]:
    cp = m.ChurnPrediction
    return list(
        m.Alert.select()
        .join(cp, on=(m.Alert.prediction == cp.id))
        .where(cp.run == run_id, m.Alert.type.in_(POLICY_TYPES))
    )


def _top_by_value(run_id: int, k: int) -> set[int]:
    cp = m.ChurnPrediction
    rows = (
        cp.select(cp.customer)
        .where(cp.run == run_id, cp.expected_loss.is_null(False))
        .order_by(cp.expected_loss.desc())
        .limit(k)
    )
    return {r.customer_id for r in rows}


def test_scoring_raises_the_top_k_by_expected_lost_value_and_no_more(
    database: pw.Database,
) -> None:
    set_alert_policy(mode="top_k", top_k=3, rise_points=0.0)
    model = quick_model()
    risky = [_risky(spend) for spend in (100, 900, 300, 700, 500, 200)]
    safe = [_safe() for _ in range(3)]

    # The first run has no previous run to take a cut-off from: the chunks raise nothing by
    # rank and the after-run pass picks the best three.
    first = scoring.score(database, model=model.id, chunk_size=2, workers=2)
    run = m.ScoringRun.get_by_id(first.run_id)
    assert run.alert_policy["policy"]["mode"] == "top_k" and run.alert_policy["cutoff"] is None
    alerts = _policy_alerts(first.run_id)
    assert len(alerts) == 3
    alerted = {a.customer_id for a in alerts}
    assert alerted == _top_by_value(first.run_id, 3)
    assert alerted <= {c.id for c in risky}
    assert "alert policy: top 3 by expected lost revenue per day" in alerts[0].message
    assert first.alerts == run.alerts_raised == 3
    for who in risky + safe:
        status = m.Customer.get_by_id(who.id).account_status
        assert status == ("at_risk" if who.id in alerted else "active")

    # A later run takes its cut-off from the first run's values. Make it too low (everyone
    # qualifies in their chunk) and free every customer: the after-run pass trims to the cap.
    m.ChurnPrediction.update(expected_loss=0.0).where(
        m.ChurnPrediction.run == first.run_id
    ).execute()
    m.Alert.delete().execute()
    m.Customer.update(churn_probability=None, account_status="active").execute()
    second = scoring.score(database, model=model.id, chunk_size=2, workers=2)
    assert m.ScoringRun.get_by_id(second.run_id).alert_policy["cutoff"] == 0.0
    again = _policy_alerts(second.run_id)
    assert len(again) == 3
    assert {a.customer_id for a in again} == _top_by_value(second.run_id, 3)
    moved = {c.id for c in m.Customer.select().where(m.Customer.account_status == "at_risk")}
    assert moved == {a.customer_id for a in again}


def test_the_default_policy_alerts_the_top_decile(database: pw.Database) -> None:
    model = quick_model()
    for k in range(12):
        _risky(100 + 50 * k)
    for _ in range(8):
        _safe()
    report = scoring.score(database, model=model.id, chunk_size=5, workers=1)
    assert len(_policy_alerts(report.run_id)) == 2  # ceil(10 % of 20)


def test_a_threshold_policy_has_no_cap_and_the_rise_rule_alerts(database: pw.Database) -> None:
    set_alert_policy(mode="threshold", threshold=0.6, rise_points=5.0)
    model = quick_model()
    risky = [_risky(100) for _ in range(4)]
    (safe,) = [_safe()]
    # The safe customer was at 0 % before: any rise of 5 points or more alerts.
    m.Customer.update(churn_probability=0.0).where(m.Customer.id == safe.id).execute()
    report = scoring.score(database, model=model.id, workers=1)
    kinds = {(a.customer_id, a.type) for a in _policy_alerts(report.run_id)}
    p_safe = m.Customer.get_by_id(safe.id).churn_probability
    assert {(c.id, "churn_risk") for c in risky} <= kinds
    assert ((safe.id, "risk_increase") in kinds) == (p_safe >= 0.05)
    assert all(m.Customer.get_by_id(c.id).account_status == "at_risk" for c in risky)


@pytest.mark.parametrize("payment_at_risk", [True, False])
def test_payment_failures_move_accounts_to_at_risk_by_the_policy(
    database: pw.Database, payment_at_risk: bool
) -> None:
    set_alert_policy(mode="top_k", top_k=1, payment_at_risk=payment_at_risk)
    model = quick_model()
    top = _risky(5000)
    failing = _safe()
    transaction(failing, NOW - days(3), "failed")
    scoring.score(database, model=model.id, workers=1)
    assert m.Customer.get_by_id(top.id).account_status == "at_risk"
    expected = "at_risk" if payment_at_risk else "active"
    assert m.Customer.get_by_id(failing.id).account_status == expected
    # The payment alert itself is raised either way (the seed's rule).
    assert (
        m.Alert.select()
        .where(m.Alert.customer == failing.id, m.Alert.type == "payment_failed")
        .exists()
    )
