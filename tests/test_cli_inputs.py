"""Command-line inputs that used to print a traceback: each is one clear line and exit 2.

(A malformed model is in test_model_check, TLS in test_connection_tls.)
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pymysql
import pytest

from db.connection import connect, parse_url
from db.migrations import init_db
from desktop.cli import main
from desktop.commands.models import MAX_CHUNK, MAX_LEASE_SECONDS, MAX_RUN_ID, MAX_WORKERS
from tests.churn_helpers import customer, quick_model
from tests.conftest import mysql_base
from tests.test_cli import assert_one_line_error, run
from tests.throwaway_mariadb import Server, mariadbd

ROOT = Path(__file__).resolve().parents[1]


def admin() -> pymysql.connections.Connection:
    url = parse_url(mysql_base() + "/mysql")
    return pymysql.connect(
        host=url.host, port=url.port, user=url.user, password=url.password or "", autocommit=True
    )


# --- the database named by --db ------------------------------------------------------------------


def test_a_file_that_is_not_a_sqlite_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("these are my notes, not a database\n" * 50)
    for command in ("db-check", "init-db"):
        code, _, err = run(capsys, "--db", f"sqlite://{notes}", command)
        assert_one_line_error(code, err, f"{notes} is not a SQLite database")
    assert notes.read_text().startswith("these are my notes")  # left as it was


def test_a_folder_that_cannot_be_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--db", f"sqlite://{blocker}/sub/cw.db", "init-db")
    assert_one_line_error(code, err, f"cannot create the folder {blocker}/sub for the SQLite file")
    assert f"{blocker} is a file, not a folder" in err
    code, _, err = run(capsys, "--db", "sqlite:///proc/churnwatch/cw.db", "init-db")
    assert_one_line_error(code, err, "cannot create the folder /proc/churnwatch")


def test_a_mysql_database_name_over_64_characters(capsys: pytest.CaptureFixture[str]) -> None:
    name = "c" * 65
    for command in ("init-db", "db-check"):
        code, _, err = run(capsys, "--db", f"mysql://root@127.0.0.1:3306/{name}", command)
        assert_one_line_error(
            code, err, "the database name has 65 characters; MySQL allows at most 64"
        )


@pytest.fixture
def limited_user() -> Iterator[tuple[str, str, str]]:
    """A throwaway MySQL account with SELECT, INSERT, UPDATE, DELETE on one database only."""
    name, password = f"cw_limited_{os.getpid()}", "limited-pw"
    database = f"churnwatch_limited_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    conn = admin()
    with conn.cursor() as cur:
        cur.execute(f"DROP USER IF EXISTS '{name}'@'%'")
        cur.execute(f"CREATE USER '{name}'@'%' IDENTIFIED BY '{password}'")
        cur.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON `{database}`.* TO '{name}'@'%'")
    yield name, password, database
    with conn.cursor() as cur:
        cur.execute(f"DROP USER IF EXISTS '{name}'@'%'")
        cur.execute(f"DROP DATABASE IF EXISTS `{database}`")
    conn.close()


@pytest.mark.mysql
def test_init_db_without_the_create_privilege(
    limited_user: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    name, password, database = limited_user
    base = parse_url(mysql_base() + "/mysql")
    url = f"mysql://{name}:{password}@{base.host}:{base.port}/{database}"

    code, _, err = run(capsys, "--db", url, "init-db")
    assert_one_line_error(code, err, f"user '{name}' may not create database '{database}'")
    assert "ask the database administrator to create it" in err

    # A DBA made the database, but the account still may not create tables in it.
    with admin().cursor() as cur:
        cur.execute(f"CREATE DATABASE `{database}`")
    code, _, err = run(capsys, "--db", url, "init-db")
    assert_one_line_error(code, err, "init-db needs an account that may CREATE and ALTER tables")
    assert "(the administrator's); the application account cannot" in err


# --- int options: upper bounds in the parser ----------------------------------------------------


@pytest.mark.parametrize(
    ("option", "maximum"),
    [
        ("--resume", MAX_RUN_ID),
        ("--chunk-size", MAX_CHUNK),
        ("--lease-seconds", MAX_LEASE_SECONDS),
        ("--workers", MAX_WORKERS),
    ],
)
def test_huge_score_options_are_refused_by_the_parser(
    option: str, maximum: int, capsys: pytest.CaptureFixture[str]
) -> None:
    for huge in (str(maximum + 1), "9" * 30):
        with pytest.raises(SystemExit) as info:
            main(["score", option, huge])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert f"argument {option}: must be at most {maximum:,}" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("option", ["--horizon-days", "--inactive-days"])
def test_huge_day_counts_for_train_are_refused(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["train", option, "9" * 12])
    assert info.value.code == 2
    assert "must be at most 3,650" in capsys.readouterr().err


@pytest.mark.parametrize("when", ["0001-01-05", "1969-12-31", "9999-12-31"])
def test_a_training_date_off_the_calendar_is_refused(
    when: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["train", "--as-of", when])
    assert info.value.code == 2
    assert "argument --as-of: must be a date from 1970 to 9000" in capsys.readouterr().err


def test_the_largest_accepted_values_work(
    database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db_url, "score", "--resume", str(MAX_RUN_ID))
    assert_one_line_error(code, err, f"there is no scoring run #{MAX_RUN_ID}")

    version = quick_model()
    for _ in range(3):
        customer()
    code, out, err = run(
        capsys, "--db", db_url, "score", "--model", version.name,
        "--chunk-size", str(MAX_CHUNK), "--lease-seconds", str(MAX_LEASE_SECONDS),
    )  # fmt: skip
    assert code == 0, err
    assert "3 customers scored" in out


# --- the server's connection limits -------------------------------------------------------------


@pytest.fixture
def one_connection_user(db_url: str) -> Iterator[str]:
    """The test database's URL for a throwaway account that may hold one connection at a time."""
    url = parse_url(db_url)
    name, password = f"cw_onecon_{os.getpid()}", "one-pw"
    conn = admin()
    with conn.cursor() as cur:
        cur.execute(f"DROP USER IF EXISTS '{name}'@'%'")
        cur.execute(
            f"CREATE USER '{name}'@'%' IDENTIFIED BY '{password}' WITH MAX_USER_CONNECTIONS 1"
        )
        cur.execute(f"GRANT ALL ON `{url.database}`.* TO '{name}'@'%'")
    yield f"mysql://{name}:{password}@{url.host}:{url.port}/{url.database}"
    with conn.cursor() as cur:
        cur.execute(f"DROP USER IF EXISTS '{name}'@'%'")
    conn.close()


@pytest.mark.mysql
@pytest.mark.parametrize("db_url", ["mysql"], indirect=True)
def test_more_workers_than_the_account_may_connect(
    database, one_connection_user: str, capsys: pytest.CaptureFixture[str]
) -> None:
    version = quick_model()
    customer()
    code, _, err = run(
        capsys, "--db", one_connection_user, "score", "--model", version.name, "--workers", "4"
    )
    assert_one_line_error(code, err, "used all the connections it may open (max_user_connections)")
    assert "use fewer --workers" in err


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("small-mariadb")
    with mariadbd(root, ["--max-connections=10"]) as server:
        yield server


@pytest.mark.mysql
def test_a_server_out_of_connections(
    small_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = pymysql.connect(host=small_server.host, port=small_server.port, user="root")
    with conn.cursor() as cur:
        cur.execute("CREATE USER 'app'@'%'")
        cur.execute("GRANT SELECT ON *.* TO 'app'@'%'")  # not SUPER: no reserved extra slot
        cur.execute("SELECT @@max_connections")
        limit = int(cur.fetchone()[0])
    held = [
        pymysql.connect(host=small_server.host, port=small_server.port, user="root")
        for _ in range(limit - 1)
    ]
    try:
        code, _, err = run(capsys, "--db", small_server.url(user="app"), "db-check")
        assert_one_line_error(code, err, "the MySQL server has no connection to spare")
    finally:
        for c in [*held, conn]:
            c.close()


# --- output into a closed pipe -------------------------------------------------------------------


def test_db_check_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'cw.db'}"
    database, _ = connect(url)
    init_db(database)
    database.close()
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` having read its lines and gone
    try:
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", url, "db-check"],
            stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 1


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_inside_main_is_quiet(
    db_url: str, database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["--db", db_url, "db-check", "--json"]) == 1
    assert capsys.readouterr().err == ""


def test_no_one_to_type_the_password_is_one_clear_line(tmp_path: Path) -> None:
    """`--as NAME` in a script with stdin closed and no $CHURNWATCH_PASSWORD: getpass met the
    end of input and the command died with a traceback."""
    url = f"sqlite://{tmp_path / 'cw.db'}"
    database, _ = connect(url)
    init_db(database)
    database.close()
    env = {k: v for k, v in os.environ.items() if k != "CHURNWATCH_PASSWORD"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", url, "retention", "--dry-run",
         "--as", "ada"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, env=env,
        check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.rstrip().splitlines()[-1] == (
        "churnwatch: error: no password was typed (stdin is closed): set CHURNWATCH_PASSWORD "
        "or run the command in a terminal"
    )
