"""Scoring runs: predictions, risk levels, health, alerts, claims, leases, cancel and resume."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import peewee as pw
import pytest

from db import models as m
from db.choices import AlertStatus, RiskLevel
from db.tasks import Cancelled, TaskState
from desktop.cli import main
from desktop.core.churn import scoring
from desktop.core.churn.alert_rules import risk_alerts
from desktop.core.churn.explain.additive import AdditiveExplainer
from desktop.core.churn.risk import risk_level
from desktop.core.churn.scoring import (
    LoadedModel,
    LostClaim,
    NoActiveModel,
    RunNotResumable,
    ScoringEngine,
    create_run,
    resume_run,
)
from tests.churn_helpers import (
    card,
    customer,
    days,
    order,
    quick_model,
    seed_cutoffs,
    ticket,
    transaction,
)

NOW = m.utcnow()


def _risky(n: int = 1, now: datetime = NOW) -> list[m.Customer]:
    """No order for ~6 months, tickets and failed payments lately: scores HIGH or above."""
    out = []
    for _ in range(n):
        who = customer(since=date(2022, 1, 1))
        order(who, now - days(190))
        for k in range(4):
            ticket(who, now - days(5 + k), escalated=True)
        transaction(who, now - days(40), "succeeded")
        for k in range(3):
            transaction(who, now - days(3 + k), "failed")
        out.append(who)
    return out


def _safe(n: int = 1, now: datetime = NOW) -> list[m.Customer]:
    """Ordering every week, no trouble: scores LOW."""
    out = []
    for _ in range(n):
        who = customer(since=date(2022, 1, 1))
        for k in range(4):
            order(who, now - days(2 + 7 * k))
        out.append(who)
    return out


def _predictions(run_id: int) -> dict[int, m.ChurnPrediction]:
    rows = m.ChurnPrediction.select().where(m.ChurnPrediction.run == run_id)
    return {p.customer_id: p for p in rows}


def test_a_run_scores_every_eligible_customer_once(database):
    seed_cutoffs()  # every risky customer alerts, whatever the share
    model = quick_model()
    risky, safe = _risky(2), _safe(3)
    churned = customer(status="churned", churned_at=NOW - days(30))
    report = scoring.score(database, model=model.name, chunk_size=2, workers=1)

    assert report.status == "completed"
    assert report.total == report.scored == report.scored_here == 5
    predictions = _predictions(report.run_id)
    assert set(predictions) == {c.id for c in risky + safe}
    assert churned.id not in predictions
    for cid, p in predictions.items():
        assert p.risk_level == risk_level(p.probability).value
        assert p.model_version_id == model.id
        assert 0.5 <= p.confidence <= 1.0
        fresh = m.Customer.get_by_id(cid)
        assert fresh.churn_probability == pytest.approx(p.probability)
        assert fresh.risk_level == p.risk_level
        assert fresh.health_score is not None
    for who in risky:
        p = predictions[who.id]
        assert p.risk_level in (RiskLevel.HIGH, RiskLevel.CRITICAL)
        assert m.Customer.get_by_id(who.id).account_status == "at_risk"
        # The factors name what drove the risk up, signed.
        raising = {f["feature"] for f in p.factors if f["contribution"] > 0}
        assert raising & {"tickets_90d", "failed_payments_90d", "recency_days"}
        # The top factors, then the rest as one "Other factors".
        assert len(p.factors) <= scoring.TOP_FACTORS + 1
        assert all(
            {"feature", "label", "value", "contribution", "text"} <= set(f) for f in p.factors
        )
        # Factors are ordered by weight; the alert names the first ones that raise the risk.
        named = [f for f in p.factors if f["feature"] != "_other"]
        weights = [abs(f["log_odds"]) for f in named]
        assert weights == sorted(weights, reverse=True)
        alert = m.Alert.get(m.Alert.customer == who.id, m.Alert.type == "churn_risk")
        reasons = [f"{f['label']} ({f['text']})" for f in named if f["contribution"] > 0]
        assert f"Top reasons: {', '.join(reasons[: scoring.REASONS])}" in alert.message
    for who in safe:
        assert predictions[who.id].risk_level == RiskLevel.LOW
        assert m.Customer.get_by_id(who.id).account_status == "active"
    assert m.Customer.get_by_id(churned.id).churn_probability is None

    health = {h.customer_id: h for h in m.CustomerHealthScore.select()}
    assert set(health) == set(predictions)
    worst, best = health[risky[0].id], health[safe[0].id]
    assert worst.score < best.score
    assert worst.support_score < best.support_score
    assert worst.recency_score < best.recency_score
    assert "Ask for an updated payment method" in worst.recommendations
    assert "Follow up on the open support issue" in worst.recommendations
    assert m.Customer.get_by_id(safe[0].id).health_score == best.score

    audit = m.AuditLog.get(m.AuditLog.entity == "ScoringRun")
    assert audit.entity_id == report.run_id and audit.action == "score"
    assert audit.after["customers"] == 5


@pytest.mark.parametrize("algorithm", ["logistic_regression", "gradient_boosting", "rfm_logistic"])
def test_stored_factors_add_up_to_the_probability(database, algorithm):
    """Baseline + the stored factors (top ones and "Other factors") = the shown probability;
    the boosted model's factors are exact TreeSHAP values."""
    model = quick_model(algorithm)
    (who,) = _risky(1)
    report = scoring.score(database, model=model.id, workers=1)
    p = _predictions(report.run_id)[who.id]
    baseline = AdditiveExplainer(LoadedModel.from_version(model).estimator).baseline_probability
    total = sum(f["contribution"] for f in p.factors)
    assert baseline + total == pytest.approx(p.probability, abs=1e-9)
    raising = {f["feature"] for f in p.factors if f["contribution"] > 0}
    assert raising & {"recency_days", "tickets_90d", "failed_payments_90d"}
    for f in p.factors:
        if f["feature"] == "recency_days":
            assert f["text"] == f"no order for {round(f['value']):,} days"


@pytest.mark.parametrize("algorithm", ["logistic_regression", "gradient_boosting"])
def test_factors_add_up_with_the_order_rhythm_features(database, algorithm):
    """A model with the BG/NBD, gap and season columns: for every customer scored, baseline +
    stored factors = the shown probability, and the rhythm features are among the reasons."""
    model = quick_model(algorithm, history=True)
    people = _risky(2) + _safe(2)
    report = scoring.score(database, model=model.id, workers=1)
    predictions = _predictions(report.run_id)
    assert set(predictions) == {p.id for p in people}
    baseline = AdditiveExplainer(LoadedModel.from_version(model).estimator).baseline_probability
    named = set()
    for p in predictions.values():
        total = sum(f["contribution"] for f in p.factors)
        assert baseline + total == pytest.approx(p.probability, abs=1e-9)
        named |= {f["feature"] for f in p.factors}
    assert named & {"gap_overdue_ratio", "btyd_p_alive", "mean_gap_days"}


def test_alerts_are_raised_once_and_deduplicated(database):
    seed_cutoffs()
    model = quick_model()
    as_of = datetime(2031, 3, 20, 12, 0, 0)  # a fixed day: a March card expires in 12 days
    (risky,) = _risky(1, now=as_of)
    (safe,) = _safe(1, now=as_of)
    # The last prediction said 10 %: the new one is a rise of far more than 20 points.
    m.Customer.update(churn_probability=0.10, risk_level="LOW").where(
        m.Customer.id == risky.id
    ).execute()
    expiring = card(safe, 2031, 3)
    card(safe, 2031, 5)  # 42 days: not yet
    engine = ScoringEngine(database)

    def score_again() -> scoring.RunReport:
        run = create_run(database, model, as_of=as_of)
        return engine.run(run.id, TaskState(), workers=1)

    first = score_again()
    alerts = list(m.Alert.select())
    kinds = {(a.customer_id, a.type) for a in alerts}
    assert kinds == {
        (risky.id, "churn_risk"),
        (risky.id, "risk_increase"),
        (risky.id, "payment_failed"),
        (safe.id, "card_expiring"),
    }
    assert first.alerts == first.alerts_here == 4
    churn_alert = next(a for a in alerts if a.type == "churn_risk")
    assert churn_alert.prediction_id == _predictions(first.run_id)[risky.id].id
    assert churn_alert.priority in ("high", "critical")
    assert next(a for a in alerts if a.type == "card_expiring").dedupe_key == (
        f"card_expiring:card:{expiring.id}:2031-03"
    )

    # Scoring again: same conditions, no new alerts, predictions once per run.
    second = score_again()
    assert second.alerts == 0
    assert m.Alert.select().count() == 4
    assert len(_predictions(second.run_id)) == 2

    # Closing frees the keys. A one-off event (this failed payment, this card expiry) is not
    # raised again; a new change of state (risk back to LOW, then HIGH again) is.
    # (Two statements: MySQL applies SET assignments left to right.)
    m.Alert.update(status=AlertStatus.RESOLVED.value, dedupe_basis=m.Alert.dedupe_key).execute()
    m.Alert.update(dedupe_key=None).execute()
    m.Customer.update(churn_probability=0.10, risk_level="LOW").where(
        m.Customer.id == risky.id
    ).execute()
    third = score_again()
    open_now = {(a.customer_id, a.type) for a in m.Alert.select().where(m.Alert.status == "open")}
    assert open_now == {(risky.id, "churn_risk"), (risky.id, "risk_increase")}
    assert third.alerts == 2


def test_risk_alert_rules():
    ids, probs, levels = (
        [1, 2, 3, 4, 5],
        [0.85, 0.65, 0.62, 0.55, 0.90],
        [
            "CRITICAL",
            "HIGH",
            "HIGH",
            "MEDIUM",
            "CRITICAL",
        ],
    )
    previous = {
        1: (0.70, "HIGH"),  # HIGH -> CRITICAL: newly critical
        2: (0.62, "HIGH"),  # still HIGH: nothing
        3: (None, None),  # first prediction: newly HIGH, no rise to compare
        4: (0.35, "LOW"),  # +20 points exactly, but only MEDIUM
        5: (0.85, "CRITICAL"),
    }
    got = {(a.customer_id, a.type) for a in risk_alerts(ids, probs, levels, previous)}
    assert got == {(1, "churn_risk"), (3, "churn_risk"), (4, "risk_increase")}


def test_no_active_model_is_a_clear_error(database):
    quick_model(status="candidate")
    with pytest.raises(NoActiveModel, match="no model is active"):
        scoring.score(database)


def test_two_scorers_share_a_run_and_score_each_customer_once(database):
    """Two scorers, each in its own thread with its own connection, finish one run."""
    model = quick_model()
    people = _risky(3) + _safe(9)
    run = create_run(database, model, chunk_size=1)

    started = threading.Barrier(2, timeout=30)

    class Scorer(ScoringEngine):
        """Holds its first chunk until the other scorer has claimed one too."""

        first = True

        def score_chunk(self, *args, **kwargs):
            if self.first:
                self.first = False
                started.wait()
            return super().score_chunk(*args, **kwargs)

    engines = [Scorer(database, name=f"ws{k}", poll_seconds=0.05) for k in (1, 2)]
    results: dict[str, scoring.WorkerStats] = {}
    errors: list[BaseException] = []

    def work(engine: ScoringEngine) -> None:
        try:
            results[engine.name] = engine.work(run.id)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert {name: s.chunks > 0 for name, s in results.items()} == {"ws1": True, "ws2": True}
    assert sum(s.chunks for s in results.values()) == 12
    counts = (
        m.ChurnPrediction.select(m.ChurnPrediction.customer, pw.fn.COUNT(m.ChurnPrediction.id))
        .where(m.ChurnPrediction.run == run.id)
        .group_by(m.ChurnPrediction.customer)
        .tuples()
    )
    assert dict(counts) == {c.id: 1 for c in people}
    final = m.ScoringRun.get_by_id(run.id)
    assert final.status == "completed" and final.scored_customers == 12
    claimed_by = {ch.claimed_by.split(":")[0] for ch in m.ScoringChunk.select()}
    assert claimed_by == {"ws1", "ws2"}


def test_a_crashed_scorers_chunk_is_reclaimed_after_its_lease(database):
    model = quick_model()
    people = _safe(3)
    run = create_run(database, model, chunk_size=10)
    t0 = datetime(2030, 1, 1, 12, 0, 0)
    crashed = ScoringEngine(database, name="crashed", lease_seconds=60, clock=lambda: t0)
    claimed = crashed.claim(run.id)
    assert claimed is not None
    chunk, token = claimed

    # Before the lease ends nobody else may take it.
    early = ScoringEngine(database, name="early", lease_seconds=60, clock=lambda: t0)
    assert early.claim(run.id) is None

    later = t0 + timedelta(seconds=61)
    rescuer = ScoringEngine(database, name="rescuer", lease_seconds=60, clock=lambda: later)
    stats = rescuer.work(run.id)
    assert stats.chunks == 1 and stats.scored == 3
    reclaimed = m.ScoringChunk.get_by_id(chunk.id)
    assert reclaimed.attempts == 2 and reclaimed.claimed_by.startswith("rescuer")

    # The crashed scorer wakes up and tries to finish: its claim is gone, nothing is written.
    with pytest.raises(LostClaim):
        crashed.score_chunk(m.ScoringRun.get_by_id(run.id), chunk, token)
    assert len(_predictions(run.id)) == 3
    assert m.ScoringRun.get_by_id(run.id).scored_customers == 3
    assert {p for p in _predictions(run.id)} == {c.id for c in people}


def test_cancel_then_resume_scores_the_rest_exactly_once(database):
    model = quick_model()
    people = _safe(6)
    run = create_run(database, model, chunk_size=2)
    state = TaskState()
    seen: list[int] = []

    def on_progress(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done >= 2:
            state.cancel()

    state._on_progress = on_progress
    engine = ScoringEngine(database)
    with pytest.raises(Cancelled):
        engine.run(run.id, state, workers=1)
    stopped = m.ScoringRun.get_by_id(run.id)
    assert stopped.status == "cancelled"
    assert 0 < stopped.scored_customers < 6
    assert not m.ScoringChunk.select().where(m.ScoringChunk.status == "claimed").exists()

    resumed = resume_run(database, run.id)
    assert resumed.status == "running"
    report = engine.run(run.id, TaskState(), workers=2)
    assert report.status == "completed" and report.scored == 6
    assert set(_predictions(run.id)) == {c.id for c in people}
    assert m.ChurnPrediction.select().where(m.ChurnPrediction.run == run.id).count() == 6
    with pytest.raises(RunNotResumable, match="already complete"):
        resume_run(database, run.id)
    assert m.AuditLog.select().where(m.AuditLog.action == "resume").count() == 1


def test_rescoring_a_run_never_duplicates_predictions(database):
    """The (run, customer) index backs the claim protocol: a second write of a chunk fails."""
    model = quick_model()
    _safe(2)
    report = scoring.score(database, model=model.name, workers=1)
    with pytest.raises(pw.IntegrityError), database.atomic():
        m.ChurnPrediction.create(
            customer=m.Customer.select().first(),
            model_version=model,
            run=report.run_id,
            probability=0.5,
            risk_level="MEDIUM",
        )
    assert ScoringEngine(database).claim(report.run_id) is None


def test_score_and_models_commands(database, db_url, capsys):
    model = quick_model(status="candidate", name="cli-model")
    _risky(1)
    _safe(2)
    assert main(["--db", db_url, "models", "activate", "cli-model"]) == 0
    assert "Active model: cli-model" in capsys.readouterr().out
    assert main(["--db", db_url, "score", "--chunk-size", "2", "--workers", "2"]) == 0
    out = capsys.readouterr().out
    run = m.ScoringRun.select().order_by(m.ScoringRun.id.desc()).first()
    assert f"Run {run.id} (completed, model cli-model, as of " in out
    assert "): 3 customers scored" in out
    assert f"{run.alerts_raised} alerts raised" in out and " s" in out
    assert m.ModelVersion.get_by_id(model.id).status == "active"
    assert LoadedModel.from_version(model).name == "cli-model"
    assert main(["--db", db_url, "score", "--resume", str(run.id)]) == 2
    assert "already complete" in capsys.readouterr().err


def test_progress_reaches_the_total_and_any_spawner_runs_the_workers(database):
    """The window passes its own spawner (a QThreadPool); any callable running the jobs will do."""
    model = quick_model()
    _safe(5)
    seen: list[tuple[int, int]] = []
    ran: list[int] = []

    def sequential(jobs):
        ran.append(len(jobs))
        for job in jobs:
            job()

    state = TaskState(on_progress=lambda done, total, _text: seen.append((done, total)))
    report = scoring.score(
        database, model=model.name, chunk_size=2, workers=3, state=state, spawn=sequential
    )
    assert ran == [3]
    assert report.status == "completed" and report.scored == 5
    assert seen[-1] == (5, 5)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_run_records_its_duration_customers_and_alerts_as_system_metrics(database):
    """The dashboard charts scoring like any other metric."""
    quick_model(status="active", name="m-metrics")
    for i in range(5):
        customer(f"metric{i}@x.example")
    report = scoring.score(database, workers=1)
    points = {
        p.name: p for p in m.SystemMetric.select().where(m.SystemMetric.name.startswith("scoring."))
    }
    assert set(points) == {"scoring.duration_s", "scoring.customers", "scoring.alerts_raised"}
    assert points["scoring.customers"].value == report.scored_here == 5
    assert points["scoring.alerts_raised"].value == report.alerts_here
    assert points["scoring.duration_s"].tags["run"] == str(report.run_id)
    assert points["scoring.duration_s"].tags["model"] == "m-metrics"


def test_the_command_line_defaults_match_the_engine():
    from desktop.commands import models as command
    from desktop.core.churn import training

    assert command.DEFAULT_CHUNK == scoring.DEFAULT_CHUNK
    assert command.LEASE_SECONDS == scoring.LEASE_SECONDS
    assert tuple(d.value for d in training.ChurnDefinition) == command.CHURN_DEFINITIONS


def test_a_completed_run_keeps_its_risk_counts(database):
    """Summed from the chunks as they were written: the dashboard reads these, not predictions."""
    quick_model(status="active", name="m-counts")
    for i in range(7):
        customer(f"count{i}@x.example")
    report = scoring.score(database, chunk_size=3, workers=1)
    run = m.ScoringRun.get_by_id(report.run_id)
    cp = m.ChurnPrediction
    grouped = dict(
        cp.select(cp.risk_level, pw.fn.COUNT(cp.id))
        .where(cp.run == run.id)
        .group_by(cp.risk_level)
        .tuples()
    )
    assert run.risk_counts == {level.value: grouped.get(level.value, 0) for level in RiskLevel}
    assert sum(run.risk_counts.values()) == 7


def test_a_completed_run_keeps_the_histogram_the_dashboard_would_count(database):
    """The run's probability bins, summed from its chunks, equal the histogram bucketed in SQL
    from the customers' estimates on the same data; the dashboard then reads the run's."""
    from desktop.core.read import dashboard

    quick_model(status="active", name="m-bins")
    _risky(3), _safe(4)
    for _ in range(5):
        customer("Bins")
    report = scoring.score(database, chunk_size=3, workers=1)
    run = m.ScoringRun.get_by_id(report.run_id)
    chunks = list(m.ScoringChunk.select().where(m.ScoringChunk.run == run.id))
    assert len(chunks) == 4 and all(len(c.probability_bins) == 20 for c in chunks)
    counted = dashboard.counted_probability_histogram()
    assert run.probability_bins == [int(v) for v in counted.y]
    assert sum(run.probability_bins) == 12
    stored = dashboard.probability_histogram()
    assert stored.y == counted.y
    assert stored.meta["run"] == run.id


def test_probability_bins_match_the_sql_buckets_at_the_edges(database):
    """0.45 * 20 is 8.999… in floating point; both put it in bin 9, and 1.0 in the last bin."""
    from desktop.core.churn.risk import probability_bins
    from desktop.core.read import dashboard

    values = [0.0, 0.05, 0.1, 0.15, 0.45, 0.5, 0.55, 0.7, 0.95, 0.999999, 1.0, 1 / 3]
    for p in values:
        customer("Edge", churn_probability=p)
    counted = dashboard.counted_probability_histogram()
    assert probability_bins(values) == [int(v) for v in counted.y]


def test_a_run_with_a_chunk_from_before_the_bins_keeps_none(database):
    """A chunk written by an older version has no bins: the run's would be short of customers,
    so it stores none and the dashboard counts the customers instead."""
    from desktop.core.read import dashboard

    quick_model(status="active", name="m-old-chunk")
    for _ in range(4):
        customer("Old")
    report = scoring.score(database, chunk_size=2, workers=1)
    first = m.ScoringChunk.select().where(m.ScoringChunk.run == report.run_id).first()
    m.ScoringChunk.update(probability_bins=None).where(m.ScoringChunk.id == first.id).execute()
    assert scoring.run_probability_bins(report.run_id) is None
    m.ScoringRun.update(probability_bins=None).execute()
    series = dashboard.probability_histogram()
    assert "run" not in series.meta and sum(series.y) == 4
