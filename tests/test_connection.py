"""Database URLs, password sources, SQLite settings and MySQL connection failures."""

from __future__ import annotations

from pathlib import Path

import pymysql
import pytest

from db.connection import (
    DatabaseConfigError,
    DatabaseUnavailable,
    connect,
    default_sqlite_path,
    parse_url,
    resolve_password,
    resolve_url,
)
from tests.conftest import mysql_base


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///tmp/cw.db", "/tmp/cw.db"),
        ("sqlite:////tmp/cw.db", "/tmp/cw.db"),
        ("sqlite:data/cw.db", "data/cw.db"),
    ],
)
def test_sqlite_urls(url: str, path: str) -> None:
    parsed = parse_url(url)
    assert parsed.backend == "sqlite"
    assert parsed.path == Path(path)


def test_mysql_url_with_everything() -> None:
    parsed = parse_url(
        "mysql://ops:s%40cret@db.internal:3307/churn?ssl_ca=/etc/ca.pem&ssl_verify=1"
    )
    assert (parsed.host, parsed.port, parsed.user, parsed.database) == (
        "db.internal",
        3307,
        "ops",
        "churn",
    )
    assert parsed.password == "s@cret"
    assert parsed.tls == {"ssl_ca": "/etc/ca.pem", "ssl_verify": "1"}
    assert "s@cret" not in str(parsed) and "s@cret" not in repr(parsed)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://x@h/db", "use sqlite:///path/to/file.db or mysql://user@host:3306/name"),
        ("mysql://root@127.0.0.1:3306", "name the database"),
        ("mysql://root@127.0.0.1:notaport/x", "Port could not be cast"),
        ("mysql://root@h/x?sslmode=on", "unknown parameter(s) sslmode"),
        ("sqlite://", "needs a file path"),
    ],
)
def test_bad_urls_say_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(DatabaseConfigError) as info:
        parse_url(url)
    assert message in str(info.value)


def test_bad_url_never_echoes_the_password() -> None:
    with pytest.raises(DatabaseConfigError) as info:
        parse_url("mysql://root:hunter2@h:3306")
    assert "hunter2" not in str(info.value)


def test_url_precedence_flag_then_environment_then_default() -> None:
    env = {"CHURNWATCH_DB": "mysql://env@h/x"}
    assert resolve_url("sqlite:///flag.db", env) == "sqlite:///flag.db"
    assert resolve_url(None, env) == "mysql://env@h/x"
    assert resolve_url(None, {}) == f"sqlite://{default_sqlite_path()}"
    assert default_sqlite_path().name == "churnwatch.db"


def test_password_precedence_url_then_environment_then_keyring() -> None:
    asked: list[str] = []

    def keyring(account: str) -> str | None:
        asked.append(account)
        return "from-keyring"

    with_pw = parse_url("mysql://ops:from-url@h:3306/x")
    without = parse_url("mysql://ops@h:3306/x")
    env = {"CHURNWATCH_DB_PASSWORD": "from-env"}
    assert resolve_password(with_pw, env, keyring) == "from-url"
    assert resolve_password(without, env, keyring) == "from-env"
    assert resolve_password(without, {}, keyring) == "from-keyring"
    assert asked == ["ops@h:3306"]
    assert resolve_password(without, {}, lambda _account: None) == ""


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    database, _ = connect(f"sqlite://{tmp_path / 'x.db'}")
    try:
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
    finally:
        database.close()


def test_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(DatabaseUnavailable) as info:
        connect("mysql://root@127.0.0.1:1/churnwatch")
    assert str(info.value) == "cannot reach the MySQL server at 127.0.0.1:1 (is it running?)"


@pytest.mark.mysql
def test_missing_database_says_how_to_create_it() -> None:
    with pytest.raises(DatabaseUnavailable) as info:
        connect(f"{mysql_base()}/churnwatch_does_not_exist_42")
    assert "has no database 'churnwatch_does_not_exist_42' (run: churnwatch init-db)" in str(
        info.value
    )


@pytest.mark.mysql
def test_wrong_password_is_one_clear_error(mysql_user: tuple[str, str]) -> None:
    name, _ = mysql_user
    admin = parse_url(mysql_base() + "/mysql")
    with pytest.raises(DatabaseUnavailable) as info:
        connect(f"mysql://{name}:wrong@{admin.host}:{admin.port}/mysql")
    assert f"refused user '{name}': wrong password?" in str(info.value)


@pytest.mark.mysql
def test_mysql_reconnects_after_the_server_drops_the_connection(mysql_url: str) -> None:
    database, _ = connect(mysql_url)
    try:
        first_id = database.execute_sql("SELECT CONNECTION_ID()").fetchone()[0]
        url = parse_url(mysql_url)
        killer = pymysql.connect(
            host=url.host, port=url.port, user=url.user, password=url.password or ""
        )
        with killer.cursor() as cur:
            cur.execute(f"KILL CONNECTION {int(first_id)}")
        killer.close()
        # The next unit of work runs on a fresh connection instead of failing.
        second_id = database.execute_sql("SELECT CONNECTION_ID()").fetchone()[0]
        assert second_id != first_id
    finally:
        database.close()
