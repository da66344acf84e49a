"""Fixtures: a fresh database per test, on embedded SQLite and on a scratch MySQL schema.

MySQL tests use `CHURNWATCH_TEST_MYSQL` (default mysql://root@127.0.0.1:3306). Without a reachable
server they are skipped with the reason shown; with `CHURNWATCH_REQUIRE_MYSQL=1` (as `.ci/run` sets)
a missing server fails the run instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import peewee as pw
import pymysql
import pytest

from db import passwords
from db.connection import connect, parse_url
from db.migrations import (
    SCHEMA_VERSION,
    drop_all,
    init_db,
    insert_default_alert_policy,
    stored_version,
)
from db.models import ALL_MODELS, SchemaVersion

pytest_plugins = ["tests.dashboard_dataset"]

MYSQL_ENV = "CHURNWATCH_TEST_MYSQL"
REQUIRE_ENV = "CHURNWATCH_REQUIRE_MYSQL"
DEFAULT_MYSQL = "mysql://root@127.0.0.1:3306"


def mysql_base() -> str:
    return os.environ.get(MYSQL_ENV, DEFAULT_MYSQL).rstrip("/")


def _mysql_problem() -> str | None:
    """Why MySQL tests cannot run here, or None when the server answers."""
    url = parse_url(mysql_base() + "/mysql")
    try:
        conn = pymysql.connect(
            host=url.host,
            port=url.port,
            user=url.user,
            password=url.password or os.environ.get("CHURNWATCH_DB_PASSWORD", ""),
            connect_timeout=3,
        )
    except pymysql.err.MySQLError as exc:
        return f"MySQL not reachable at {url.host}:{url.port} ({exc.args[-1]})"
    conn.close()
    return None


def pytest_configure(config: pytest.Config) -> None:
    config._churnwatch_mysql_problem = _mysql_problem()  # type: ignore[attr-defined]
    problem = config._churnwatch_mysql_problem  # type: ignore[attr-defined]
    if problem and os.environ.get(REQUIRE_ENV) == "1":
        raise pytest.UsageError(f"{REQUIRE_ENV}=1 but {problem}")


def pytest_report_header(config: pytest.Config) -> str:
    problem = config._churnwatch_mysql_problem  # type: ignore[attr-defined]
    if problem:
        return (
            f"MySQL tests: SKIPPED – {problem}; set {MYSQL_ENV}=mysql://user@host:port to run them"
        )
    return f"MySQL tests: on {mysql_base()}"


PACKAGING_ENV = "CHURNWATCH_RUN_PACKAGING"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-packaging",
        action="store_true",
        help=f"also run the tests that build the frozen app (minutes; or {PACKAGING_ENV}=1)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not (config.getoption("--run-packaging") or os.environ.get(PACKAGING_ENV) == "1"):
        build = pytest.mark.skip(
            reason=f"builds the frozen app (minutes): --run-packaging or {PACKAGING_ENV}=1"
        )
        for item in items:
            if "packaging" in item.keywords:
                item.add_marker(build)
    problem = config._churnwatch_mysql_problem  # type: ignore[attr-defined]
    if not problem:
        return
    skip = pytest.mark.skip(reason=f"{problem}; set {MYSQL_ENV} to run MySQL tests")
    for item in items:
        if "mysql" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def mysql_url() -> Iterator[str]:
    """A scratch MySQL database for this test session, dropped at the end."""
    name = f"churnwatch_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = f"{mysql_base()}/{name}"
    database, _ = connect(url, create=True)
    init_db(database)
    database.close()
    yield url
    parsed = parse_url(url)
    conn = pymysql.connect(
        host=parsed.host, port=parsed.port, user=parsed.user, password=parsed.password or ""
    )
    try:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    finally:
        conn.close()


def _empty_mysql(database: pw.Database) -> None:
    """Delete every row but the schema version, cheaply: tests start from an empty schema."""
    database.execute_sql("SET FOREIGN_KEY_CHECKS = 0")
    try:
        for model in reversed(ALL_MODELS):
            if model is not SchemaVersion:
                database.execute_sql(f"DELETE FROM `{model._meta.table_name}`")
    finally:
        database.execute_sql("SET FOREIGN_KEY_CHECKS = 1")
    insert_default_alert_policy(database)  # a new database has the live policy's row


@pytest.fixture(params=["sqlite", pytest.param("mysql", marks=pytest.mark.mysql)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, current-schema database: once on SQLite, once on MySQL."""
    if request.param == "sqlite":
        return f"sqlite://{tmp_path / 'churnwatch.db'}"
    return _fresh_mysql(request.getfixturevalue("mysql_url"))


@pytest.fixture
def empty_mysql_url(mysql_url: str) -> str:
    """The session's scratch MySQL database, emptied: for tests that open their own connections
    (threads, subprocesses, proxies) and mark themselves `mysql`."""
    return _fresh_mysql(mysql_url)


def _fresh_mysql(url: str) -> str:
    database, _ = connect(url)
    if stored_version(database) == SCHEMA_VERSION:
        _empty_mysql(database)
    else:  # a test left it at another version (migration tests do): start over
        drop_all(database)
        init_db(database)
    database.close()
    return url


@pytest.fixture
def database(db_url: str) -> Iterator[pw.Database]:
    """A connected, empty database at the current schema, bound to the models."""
    database, _ = connect(db_url, create=True)
    init_db(database)
    yield database
    database.close()


@pytest.fixture
def mysql_user() -> Iterator[tuple[str, str]]:
    """A throwaway MySQL account with a known password."""
    admin = parse_url(mysql_base() + "/mysql")
    conn = pymysql.connect(
        host=admin.host, port=admin.port, user=admin.user, password=admin.password or ""
    )
    name, password = "cw_test_user", "right-password"
    with conn.cursor() as cur:
        cur.execute(f"DROP USER IF EXISTS '{name}'@'%'")
        cur.execute(f"CREATE USER '{name}'@'%' IDENTIFIED BY '{password}'")
    yield name, password
    with conn.cursor() as cur:
        cur.execute(f"DROP USER IF EXISTS '{name}'@'%'")
    conn.close()


@pytest.fixture
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that store users but are not about passwords: new hashes at the lowest cost
    sign-in accepts (N=2^14, about 0.05 s) instead of today's (N=2^17, about 0.4 s)."""
    monkeypatch.setattr(passwords, "CURRENT", passwords.FLOOR)
