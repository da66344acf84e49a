"""`churnwatch backup` and `restore` on the embedded database: a consistent copy while a scorer
writes, checks before a restore replaces anything, one-line refusals."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from db import models as m
from db.choices import ChunkStatus
from db.connection import connect
from db.migrations import SCHEMA_VERSION, init_db
from db.tasks import TaskState
from desktop.cli import main
from desktop.core.churn import scoring
from tests.churn_helpers import customer, days, order, quick_model, ticket


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _file_db(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "churnwatch.db"
    database, _ = connect(f"sqlite://{path}")
    init_db(database)
    return f"sqlite://{path}", path


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("customer", "churn_prediction", "scoring_chunk")
        }
    finally:
        conn.close()


def test_a_backup_taken_while_a_scorer_writes_is_whole_and_restores(tmp_path, capsys):
    url, path = _file_db(tmp_path)
    now = m.utcnow()
    model = quick_model()
    for k in range(12):
        who = customer(since=date(2022, 1, 1))
        order(who, now - days(10 + 20 * k))
        if k % 3 == 0:
            ticket(who, now - days(3), escalated=True)
    first_chunk = threading.Event()
    backup_taken = threading.Event()

    def progress(done: int, total: int, text: str) -> None:
        if done and not first_chunk.is_set():
            first_chunk.set()
            backup_taken.wait(60)  # the scorer goes on once the backup has its snapshot

    report: list[object] = []
    scorer = threading.Thread(
        target=lambda: report.append(
            scoring.score(
                m.DB.obj,
                model=model.name,
                chunk_size=2,
                workers=1,
                state=TaskState(on_progress=progress),
            )
        )
    )
    scorer.start()
    assert first_chunk.wait(60)
    target = tmp_path / "copy.db"
    try:
        code, out, err = run(capsys, "--db", url, "backup", str(target))
    finally:
        backup_taken.set()
        scorer.join(120)
    assert code == 0, err
    assert str(target) in out
    assert report and report[0].status == "completed"  # type: ignore[attr-defined]

    # The copy is a whole database: its predictions are exactly the chunks it saw finished.
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done_scored = conn.execute(
        "SELECT COALESCE(SUM(scored), 0) FROM scoring_chunk WHERE status = ?",
        (ChunkStatus.DONE.value,),
    ).fetchone()[0]
    predictions = conn.execute("SELECT COUNT(*) FROM churn_prediction").fetchone()[0]
    conn.close()
    assert 0 < predictions == done_scored < 12
    assert _counts(path)["churn_prediction"] == 12

    # Restore the copy over the scored database, then db-check it.
    m.DB.obj.close()
    code, out, err = run(capsys, "--db", url, "restore", str(target))
    assert code == 0, err
    kept = next(tmp_path.glob("churnwatch.db.before-restore-*.db"))
    assert _counts(kept)["churn_prediction"] == 12  # the old database is kept
    assert _counts(path)["churn_prediction"] == predictions
    code, out, err = run(capsys, "--db", url, "db-check")
    assert code == 0, err
    assert f"Schema version: {SCHEMA_VERSION} (current)" in out


def test_a_backup_without_a_name_goes_beside_the_database(tmp_path, capsys):
    url, _path = _file_db(tmp_path)
    customer()
    code, _out, _ = run(capsys, "--db", url, "backup")
    assert code == 0
    (copy,) = tmp_path.glob("churnwatch.db.backup-*.db")
    assert _counts(copy)["customer"] == 1
    code, _, err = run(capsys, "--db", url, "backup", str(copy))
    assert code == 2
    assert err.count("\n") == 1 and "already exists" in err


def test_restore_refuses_a_damaged_a_foreign_and_a_newer_file(tmp_path, capsys):
    url, path = _file_db(tmp_path)
    customer()
    before = path.read_bytes()

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    newer = tmp_path / "newer.db"
    code, _, _ = run(capsys, "--db", url, "backup", str(newer))
    assert code == 0
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()

    for bad, words in (
        (junk, "not a SQLite database"),
        (foreign, "not a ChurnWatch database"),
        (newer, "newer than this ChurnWatch"),
        (tmp_path / "missing.db", "no backup file"),
    ):
        code, _, err = run(capsys, "--db", url, "restore", str(bad))
        assert code == 2, bad
        assert err.startswith("churnwatch: error: ") and err.count("\n") == 1, err
        assert words in err
    assert path.read_bytes() == before  # nothing replaced
    assert not list(tmp_path.glob("*.before-restore-*"))


@pytest.mark.mysql
def test_on_mysql_the_commands_point_to_the_servers_tools(empty_mysql_url, capsys):
    for argv in (("backup",), ("restore", "x.db")):
        code, _, err = run(capsys, "--db", empty_mysql_url, *argv)
        assert code == 2
        assert "mysqldump --single-transaction" in err and err.count("\n") == 1
