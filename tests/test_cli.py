"""The command line: subcommands, db-check's report and one clear line for every user error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from db import models as m
from db.connection import connect
from db.migrations import SCHEMA_VERSION, drop_all
from desktop.cli import main
from tests.schema_history.first_release import first_release_models


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, fragment: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got: {err!r}"
    assert lines[0].startswith("churnwatch: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("init-db", "demo", "db-check"):
        assert command in out
    assert "--db URL" in out


def test_main_py_runs_the_same_cli() -> None:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, str(root / "main.py"), "--help"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert done.returncode == 0
    assert "db-check" in done.stdout


def test_init_db_then_db_check(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_url, "init-db")
    assert code == 0
    assert f"schema version {SCHEMA_VERSION}" in out

    database, _ = connect(db_url)
    m.Customer.create(name="Ada", email="ada@example.com", account_value=5)
    database.close()

    code, out, _ = run(capsys, "--db", db_url, "db-check", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["schema_version"] == SCHEMA_VERSION
    assert report["schema_ok"] is True
    assert report["backend"] in ("sqlite", "mysql")
    assert report["row_counts"]["customer"] == 1
    assert report["row_counts"]["orders"] == 0
    assert report["latency_ms"] >= 0

    code, out, _ = run(capsys, "--db", db_url, "db-check")
    assert code == 0
    assert f"Schema version: {SCHEMA_VERSION} (current)" in out


def test_db_check_on_an_empty_database_says_not_initialised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", f"sqlite://{tmp_path / 'new.db'}", "db-check")
    assert code == 1
    assert "Schema version: 0 (not initialised)" in out


def test_bad_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "postgres://nobody@h/x", "db-check")
    assert_one_line_error(code, err, "bad database URL")


def test_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "mysql://root@127.0.0.1:1/x", "db-check")
    assert_one_line_error(code, err, "cannot reach the MySQL server at 127.0.0.1:1")


@pytest.mark.mysql
def test_wrong_password_is_one_line(
    mysql_user: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    name, _ = mysql_user
    code, _, err = run(capsys, "--db", f"mysql://{name}:nope@127.0.0.1:3306/mysql", "db-check")
    assert_one_line_error(code, err, "wrong password?")


def test_newer_schema_is_refused_in_one_line(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", db_url, "init-db")
    database, _ = connect(db_url)
    m.SchemaVersion.update(version=SCHEMA_VERSION + 1).execute()
    database.close()
    code, _, err = run(capsys, "--db", db_url, "init-db")
    assert_one_line_error(code, err, "newer than this ChurnWatch")


def test_bad_argument_value_is_reported_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["demo", "--customers", "zero"])
    assert info.value.code == 2
    assert "'zero' is not a whole number" in capsys.readouterr().err


def test_a_database_from_an_older_build_is_reported_and_upgraded(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first release stamped its schema 2, as every build since did until schema 3: such a
    database needs the upgrade, and scoring says so instead of failing on a missing column."""
    database, _ = connect(db_url, create=True)
    drop_all(database)
    models = first_release_models(database)
    database.create_tables(models)
    models[0].insert(id=1, version=2).execute()
    database.close()

    code, out, _ = run(capsys, "--db", db_url, "db-check")
    assert code == 1
    assert f"Schema version: 2 (code expects {SCHEMA_VERSION})" in out
    code, _, err = run(capsys, "--db", db_url, "score")
    assert_one_line_error(code, err, "is at schema version 2; run: churnwatch init-db")

    code, out, _ = run(capsys, "--db", db_url, "init-db")
    assert code == 0
    assert f"from schema 2 to {SCHEMA_VERSION}" in out
    code, out, _ = run(capsys, "--db", db_url, "db-check")
    assert code == 0
    assert f"Schema version: {SCHEMA_VERSION} (current)" in out


def test_demo_reset_refuses_a_newer_schema(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", db_url, "init-db")
    database, _ = connect(db_url)
    m.Customer.create(name="Kept", email="kept@example.com", account_value=5)
    m.SchemaVersion.update(version=SCHEMA_VERSION + 1).execute()
    database.close()

    code, _, err = run(capsys, "--db", db_url, "demo", "--reset", "--customers", "1")

    assert_one_line_error(code, err, "newer than this ChurnWatch")
    database, _ = connect(db_url)
    assert m.Customer.select().count() == 1, "nothing dropped"
    assert m.SchemaVersion.get().version == SCHEMA_VERSION + 1, "not re-stamped"
    database.close()


def test_demo_size_has_an_upper_bound(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["demo", "--customers", "5000001"])
    assert info.value.code == 2
    assert "argument --customers: at most 5,000,000 customers" in capsys.readouterr().err
