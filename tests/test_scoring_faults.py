"""Scoring on a database that misbehaves, as a support floor's shared MySQL does.

The scorer is the real `churnwatch score` process. Faults come from outside it: connections
KILLed from a second session (only this test's scratch database), a private mariadbd crashed and
restarted, a second scorer started at the same moment, agents creating tickets meanwhile. Every
test checks the promise: every eligible customer scored exactly once in the run, no open alert
raised twice, the process finishes by itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import peewee as pw
import pytest

from db import models as m
from db.choices import RunStatus
from db.connection import connect, parse_url
from db.demo import generate_demo
from db.migrations import init_db
from tests.churn_helpers import quick_model
from tests.conftest import mysql_base
from tests.faults import admin_connection, kill_connections, private_mariadb

pytestmark = [pytest.mark.mysql, pytest.mark.slow]

TOP = Path(__file__).resolve().parent.parent
CUSTOMERS = 10_000


def churnwatch(url: str, *args: str) -> subprocess.Popen[str]:
    """`churnwatch ARGS` as the demo supervisor (the demo has staff: scoring needs --as)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "CHURNWATCH_PASSWORD": "supervisor-demo"}
    if args and args[0] == "score":
        args = (*args, "--as", "supervisor")
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "--db", url, *args],
        cwd=TOP,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def _fill(url: str, customers: int) -> None:
    database, _ = connect(url, create=True)
    init_db(database)
    generate_demo(database, customers=customers, seed=11)
    quick_model()
    database.close()


@pytest.fixture(scope="module")
def scored_db() -> Iterator[str]:
    """A MySQL database of its own with 10,000 demo customers and an active model."""
    name = f"churnwatch_faults_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = f"{mysql_base()}/{name}"
    _fill(url, CUSTOMERS)
    yield url
    conn = admin_connection(url)
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    conn.close()


def _check_run(url: str, run_id: int) -> m.ScoringRun:
    """Every eligible customer scored once in the run, no open alert twice; the run complete."""
    database, _ = connect(url)
    try:
        run = m.ScoringRun.get_by_id(run_id)
        cp = m.ChurnPrediction
        predictions = cp.select().where(cp.run == run_id).count()
        distinct = cp.select(pw.fn.COUNT(cp.customer.distinct())).where(cp.run == run_id).scalar()
        assert run.status == RunStatus.COMPLETED.value
        assert predictions == distinct == run.total_customers
        a = m.Alert
        duplicated = (
            a.select(a.customer, a.type)
            .where(a.status.in_(("open", "acknowledged")))
            .group_by(a.customer, a.type, a.dedupe_key)
            .having(pw.fn.COUNT(a.id) > 1)
            .count()
        )
        assert duplicated == 0
        return run
    finally:
        database.close()


def _run_id(out: str) -> int:
    line = next(line for line in out.splitlines() if line.startswith("Run "))
    return int(line.split()[1])


def _reopen_alerting(url: str) -> None:
    """Close every alert (as agents would) so the next run raises them again: under faults."""
    database, _ = connect(url)
    m.Alert.update(status="resolved", dedupe_key=None).execute()
    database.close()


def _alerts_raised(out: str) -> int:
    line = next(line for line in out.splitlines() if line.startswith("Run "))
    return int(line.split("scored, ")[1].split(" alerts")[0].replace(",", ""))


def test_fifty_kills_during_a_run_and_the_scorer_still_finishes_exactly_once(scored_db, capsys):
    args = ("score", "--workers", "2", "--chunk-size", "100")
    _reopen_alerting(scored_db)
    started = time.perf_counter()
    code, out, err = finish(churnwatch(scored_db, *args))
    clean_s = time.perf_counter() - started
    assert code == 0, err
    _check_run(scored_db, _run_id(out))
    clean_alerts = _alerts_raised(out)

    _reopen_alerting(scored_db)
    process = churnwatch(scored_db, *args)
    kills = 0
    interval = clean_s / 120  # 50 KILLs spread over a run at least as long as the clean one
    started = time.perf_counter()
    while process.poll() is None and kills < 50:
        kills += kill_connections(scored_db) > 0
        time.sleep(interval)
    code, out, err = finish(process)
    faulty_s = time.perf_counter() - started
    assert code == 0, err
    assert "Traceback" not in err
    run = _check_run(scored_db, _run_id(out))
    assert _alerts_raised(out) > 0  # alerts were raised under fire, none twice (_check_run)
    with capsys.disabled():
        print(
            f"\n[faults] {kills} KILLs during a {run.total_customers:,}-customer run: "
            f"{faulty_s:.1f} s (without faults {clean_s:.1f} s; alerts {_alerts_raised(out)} vs "
            f"{clean_alerts}); {_retries(out)}"
        )
    assert kills == 50


def _retries(out: str) -> str:
    lines = [line.strip() for line in out.splitlines() if "retr" in line]
    return lines[0] if lines else "no retries reported"


def test_two_scorers_started_together_share_one_run(scored_db):
    first = churnwatch(scored_db, "score", "--workers", "1", "--chunk-size", "500")
    second = churnwatch(scored_db, "score", "--workers", "1", "--chunk-size", "500")
    (c1, out1, err1), (c2, out2, err2) = finish(first), finish(second)
    assert (c1, c2) == (0, 0), err1 + err2
    runs = {_run_id(out1), _run_id(out2)}
    assert len(runs) == 1  # the second joined the first's run instead of competing
    assert "Joined run" in (out1 + out2)
    _check_run(scored_db, runs.pop())
    database, _ = connect(scored_db)
    assert m.ScoringRun.select().where(m.ScoringRun.status == RunStatus.FAILED.value).count() == 0
    database.close()


def test_agents_create_tickets_while_a_run_writes_without_a_single_error(scored_db):
    from desktop.core.services import Services

    database, _ = connect(scored_db)
    agent = m.User.select().where(m.User.role == "agent").first()
    customer_ids = [c.id for c in m.Customer.select(m.Customer.id).limit(300)]
    database.close()
    process = churnwatch(scored_db, "score", "--workers", "2", "--chunk-size", "250")
    errors: list[BaseException] = []
    created = [0]
    stop = threading.Event()
    database, _ = connect(scored_db)  # one database object, a connection per thread
    services = Services(database, agent)

    def agent_loop(k: int) -> None:
        i = k
        try:
            while not stop.is_set():
                services.create_ticket(customer_ids[i % len(customer_ids)], f"Question {i}")
                created[0] += 1
                i += 3
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=agent_loop, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    code, out, err = finish(process)
    stop.set()
    for t in threads:
        t.join(30)
    assert code == 0, err
    assert errors == []
    assert created[0] > 0
    _check_run(scored_db, _run_id(out))


def test_a_server_crash_and_restart_mid_run_and_the_scorer_finishes(tmp_path):
    with private_mariadb() as server:
        url = server.server.url("churnwatch_crash")
        _fill(url, 3_000)
        process = churnwatch(url, "score", "--workers", "2", "--chunk-size", "50")
        database, _ = connect(url)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until it is writing
            if m.ScoringChunk.select().where(m.ScoringChunk.status == "done").count() >= 5:
                break
            time.sleep(0.05)
        database.close()
        server.crash()
        time.sleep(1.0)  # down for a moment, as a restart is
        server.start()
        code, out, err = finish(process)
        assert code == 0, err
        assert "Traceback" not in err
        _check_run(url, _run_id(out))
        assert parse_url(url).port == server.port
