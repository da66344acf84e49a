"""Units of work survive a lost connection, a KILL, a deadlock and a busy SQLite file."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import peewee as pw
import pymysql
import pytest

from db import models as m
from db.connection import connect, parse_url
from db.units import (
    RETRIES,
    ConnectionLost,
    DatabaseBusy,
    RetryPolicy,
    retrying,
    run_unit,
    transient_kind,
)
from tests.faults import FaultProxy, kill_connections

FAST = RetryPolicy(busy_attempts=6, lost_deadline_s=5.0, base_delay_s=0.01, max_delay_s=0.05)


def _tag(name: str) -> m.CustomerTag:
    return m.CustomerTag.create(name=name, color="#112233")


def _tags() -> list[str]:
    return sorted(t.name for t in m.CustomerTag.select())


def test_errors_are_told_apart_by_what_to_do():
    assert transient_kind(pymysql.err.OperationalError(1213, "Deadlock found")) == "busy"
    assert transient_kind(pymysql.err.OperationalError(1205, "Lock wait timeout")) == "busy"
    assert transient_kind(pymysql.err.OperationalError(2013, "Lost connection")) == "lost"
    assert transient_kind(pymysql.err.InterfaceError(0, "")) == "lost"
    assert transient_kind(sqlite3.OperationalError("database is locked")) == "busy"
    # Wrapped the way Peewee wraps driver errors, with the cause chained.
    try:
        try:
            raise pymysql.err.OperationalError(2006, "MySQL server has gone away")
        except pymysql.err.OperationalError as exc:
            raise pw.OperationalError(*exc.args) from exc
    except pw.OperationalError as wrapped:
        assert transient_kind(wrapped) == "lost"
    # Mistakes are not retried.
    assert transient_kind(pymysql.err.IntegrityError(1062, "Duplicate entry")) is None
    assert transient_kind(pymysql.err.ProgrammingError(1064, "syntax")) is None
    assert transient_kind(ValueError("bad")) is None


def test_a_unit_that_fails_for_good_is_not_retried(database):
    calls = []

    def unit() -> None:
        calls.append(1)
        _tag("once")
        raise ValueError("a bug, not a fault")

    with pytest.raises(ValueError):
        run_unit(database, unit, policy=FAST)
    assert calls == [1]
    assert _tags() == []  # rolled back


@pytest.mark.mysql
def test_a_unit_killed_mid_transaction_runs_again_whole_and_commits_once(empty_mysql_url):
    database, _ = connect(empty_mysql_url)
    attempts = []

    def unit() -> None:
        attempts.append(1)
        _tag(f"killed-{len(attempts)}")
        if len(attempts) == 1:
            assert kill_connections(empty_mysql_url) >= 1  # this very connection, mid-transaction
        _tag("after-kill")

    before = RETRIES["lost"]
    run_unit(database, unit, policy=FAST)
    assert len(attempts) == 2
    assert _tags() == ["after-kill", "killed-2"]  # the first attempt left nothing behind
    assert RETRIES["lost"] == before + 1
    # The same thread's connection works afterwards.
    assert database.execute_sql("SELECT 1").fetchone()[0] == 1
    database.close()


@pytest.mark.mysql
def test_a_unit_through_a_cut_network_runs_again_and_commits_once(empty_mysql_url):
    url = parse_url(empty_mysql_url)
    with FaultProxy(url.host, url.port) as proxy:
        database, _ = connect(f"mysql://{url.user}@127.0.0.1:{proxy.port}/{url.database}")
        attempts = []

        def unit() -> None:
            attempts.append(1)
            _tag(f"cut-{len(attempts)}")
            if len(attempts) == 1:
                assert proxy.cut() >= 1

        run_unit(database, unit, policy=FAST)
        assert _tags() == ["cut-2"]
        database.close()


@pytest.mark.mysql
def test_a_server_that_stays_away_ends_in_one_clear_line_and_nothing_saved(empty_mysql_url):
    url = parse_url(empty_mysql_url)
    with FaultProxy(url.host, url.port) as proxy:
        database, _ = connect(f"mysql://{url.user}@127.0.0.1:{proxy.port}/{url.database}")
        policy = RetryPolicy(lost_deadline_s=0.3, base_delay_s=0.01, max_delay_s=0.05)

        def unit() -> None:
            _tag("never")
            proxy.refuse()
            proxy.cut()

        with pytest.raises(ConnectionLost) as caught:
            run_unit(database, unit, what="the tag", policy=policy)
        assert (
            str(caught.value) == "the database connection was lost; the tag was not saved — retry"
        )
        proxy.accept()
        database.close()
    check, _ = connect(empty_mysql_url)
    assert _tags() == []
    check.close()


@pytest.mark.mysql
def test_two_units_that_deadlock_both_commit(empty_mysql_url):
    """Two transactions lock two rows in opposite order: MySQL kills one, it runs again."""
    # One database, a connection per thread: as the window and the scorer use it (connecting
    # again per thread would rebind the models' proxy under the other thread's feet).
    database, _ = connect(empty_mysql_url)
    first, second = _tag("first"), _tag("second")
    barrier = threading.Barrier(2, timeout=10)
    errors: list[BaseException] = []
    attempts = {"a": 0, "b": 0}

    def worker(key: str, order: tuple[int, int]) -> None:
        def unit() -> None:
            attempts[key] += 1
            m.CustomerTag.update(description=key).where(m.CustomerTag.id == order[0]).execute()
            if attempts[key] == 1:
                barrier.wait()  # both hold their first row now
            m.CustomerTag.update(description=key).where(m.CustomerTag.id == order[1]).execute()

        try:
            run_unit(database, unit, policy=FAST)
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.close()  # this thread's connection

    before = RETRIES["busy"]
    threads = [
        threading.Thread(target=worker, args=("a", (first.id, second.id))),
        threading.Thread(target=worker, args=("b", (second.id, first.id))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert RETRIES["busy"] >= before + 1
    assert sorted(attempts.values())[1] == 2  # the victim ran again, whole
    assert {t.description for t in m.CustomerTag.select()} <= {"a", "b"}
    database.close()


def test_a_busy_sqlite_file_waits_and_then_says_so(tmp_path: Path):
    path = tmp_path / "busy.db"
    database, _ = connect(f"sqlite://{path}", create=True)
    from db.migrations import init_db

    init_db(database)
    holder = sqlite3.connect(str(path), timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    database.execute_sql("PRAGMA busy_timeout = 10")
    tries = []

    def unit() -> None:
        tries.append(1)
        _tag("busy")

    with pytest.raises(DatabaseBusy) as caught:
        run_unit(database, unit, what="the tag", policy=FAST)
    assert "the tag was not saved" in str(caught.value)
    assert len(tries) <= FAST.busy_attempts
    holder.rollback()
    holder.close()
    run_unit(database, unit, policy=FAST)  # the lock is gone: it goes through
    assert _tags() == ["busy"]
    database.close()


def test_inside_an_open_transaction_the_outer_unit_owns_the_retry(database):
    calls = []

    def inner() -> None:
        calls.append(1)
        raise pymysql.err.OperationalError(1213, "Deadlock found")

    with database.atomic(), pytest.raises(pymysql.err.OperationalError):
        retrying(database, inner, policy=FAST)
    assert calls == [1]
