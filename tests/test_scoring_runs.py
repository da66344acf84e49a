"""No run stuck for ever: the model is checked before a run exists, leases are renewed by a
heartbeat, a run whose scorers are gone shows as stalled and is taken over, Ctrl-C and cancel
release the chunks at once, and a second start joins the run in progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db import models as m
from db.choices import ChunkStatus, RunStatus
from db.tasks import Cancelled, TaskState
from desktop.core.churn import scoring
from desktop.core.churn.artifacts import ArtifactTampered
from desktop.core.churn.scoring import ScoringEngine, create_run, is_stalled, start_run
from tests.churn_helpers import quick_model
from tests.test_scoring import _safe

TOP = Path(__file__).resolve().parent.parent


def test_a_refused_model_leaves_no_run_behind(database):
    model = quick_model()
    _safe(2)
    m.ModelVersion.update(artifact_sha256="0" * 64).where(m.ModelVersion.id == model.id).execute()
    with pytest.raises(ArtifactTampered):
        scoring.score(database, workers=1)
    assert m.ScoringRun.select().count() == 0


def test_the_heartbeat_renews_the_leases_a_live_scorer_holds(database):
    quick_model()
    _safe(3)
    run = create_run(database, chunk_size=1)
    t0 = datetime(2030, 1, 1, 12, 0, 0)
    clock = [t0]
    engine = ScoringEngine(database, name="live", lease_seconds=30, clock=lambda: clock[0])
    chunk, _token = engine.claim(run.id)
    assert m.ScoringChunk.get_by_id(chunk.id).lease_expires_at == t0 + timedelta(seconds=30)
    clock[0] = t0 + timedelta(seconds=20)
    assert engine.heartbeat() == 1
    assert m.ScoringChunk.get_by_id(chunk.id).lease_expires_at == t0 + timedelta(seconds=50)
    # Nobody takes a chunk whose scorer keeps beating, even past the first lease.
    other = ScoringEngine(database, name="other", lease_seconds=30, clock=lambda: clock[0])
    clock[0] = t0 + timedelta(seconds=40)
    claimed = other.claim(run.id)
    assert claimed is not None and claimed[0].id != chunk.id


def test_a_run_whose_scorers_are_gone_is_stalled_and_a_new_start_does_not_join_it(database):
    model = quick_model()
    _safe(4)
    run = create_run(database, chunk_size=2)
    now = m.utcnow()
    assert not is_stalled(run.id, now, 45)  # just created: its chunks are fresh
    later = now + timedelta(seconds=60)
    assert is_stalled(run.id, later, 45)
    assert scoring.run_summary(run.id).stalled is False
    # Chunks last touched a minute ago, nobody holds one: stalled.
    m.ScoringChunk.update(updated_at=now - timedelta(seconds=120)).execute()
    assert scoring.run_summary(run.id).stalled is True
    started, joined = start_run(database, model, chunk_size=2, lease_seconds=45)
    assert not joined and started.id != run.id
    old = m.ScoringRun.get_by_id(run.id)
    assert old.status == RunStatus.CANCELLED.value and "stalled" in old.error
    # A live run is joined.
    again, joined = start_run(database, model, chunk_size=2, lease_seconds=45)
    assert joined and again.id == started.id
    assert m.ScoringRun.select().where(m.ScoringRun.status == "running").count() == 1


def test_score_joins_the_run_in_progress_and_says_so(database):
    quick_model()
    people = _safe(5)
    first, joined = start_run(database, chunk_size=2, lease_seconds=45)
    assert not joined
    report = scoring.score(database, workers=1, chunk_size=2)
    assert report.joined and report.run_id == first.id
    assert report.status == "completed" and report.scored == len(people)


def test_cancel_releases_every_chunk_at_once(database):
    quick_model()
    _safe(6)
    run = create_run(database, chunk_size=1)
    state = TaskState()

    def stop_after_first(done: int, total: int, text: str) -> None:
        if done >= 1:
            state.cancel()

    state._on_progress = stop_after_first
    with pytest.raises(Cancelled, match=f"scoring run #{run.id} was cancelled"):
        ScoringEngine(database).run(run.id, state, workers=2)
    claimed = m.ScoringChunk.select().where(m.ScoringChunk.status == ChunkStatus.CLAIMED.value)
    assert claimed.count() == 0
    assert m.ScoringRun.get_by_id(run.id).status == RunStatus.CANCELLED.value


def _score_process(db_url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "--db", db_url, "score", *args],
        cwd=TOP,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_done_chunks(n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if m.ScoringChunk.select().where(m.ScoringChunk.status == "done").count() >= n:
            return
        time.sleep(0.02)
    raise AssertionError("the scorer never got going")


@pytest.mark.slow
def test_ctrl_c_cancels_the_run_and_releases_its_chunks(database, db_url):
    quick_model()
    _safe(300)
    process = _score_process(db_url, "--workers", "2", "--chunk-size", "1")
    _wait_for_done_chunks(3)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert "was cancelled" in err and "--resume" in err
    run = m.ScoringRun.select().get()
    assert run.status == RunStatus.CANCELLED.value
    claimed = m.ScoringChunk.select().where(m.ScoringChunk.status == ChunkStatus.CLAIMED.value)
    assert [(c.seq, c.claimed_by, c.attempts, c.updated_at) for c in claimed] == [], err


@pytest.mark.slow
def test_a_killed_scorers_run_is_stalled_and_resumed_soon(database, db_url):
    quick_model()
    people = _safe(300)
    process = _score_process(db_url, "--workers", "1", "--chunk-size", "1", "--lease-seconds", "2")
    _wait_for_done_chunks(3)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    run = m.ScoringRun.select().get()
    assert run.status == RunStatus.RUNNING.value  # nobody could say otherwise: kill -9
    deadline = time.monotonic() + 30
    while not scoring.run_summary(run.id, lease_seconds=2).stalled:
        assert time.monotonic() < deadline, "the dead scorer's run never showed as stalled"
        time.sleep(0.2)
    resumer = _score_process(db_url, "--resume", str(run.id), "--lease-seconds", "2")
    _out, err = resumer.communicate(timeout=120)
    assert resumer.returncode == 0, err
    done = m.ScoringRun.get_by_id(run.id)
    assert done.status == RunStatus.COMPLETED.value
    predictions = m.ChurnPrediction.select().where(m.ChurnPrediction.run == run.id)
    assert predictions.count() == len(people)
