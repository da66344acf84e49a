"""Backups of the embedded database: a consistent copy while a scorer writes, a checked restore
that keeps the file it replaces, and one clear line for every file it refuses."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from db import backup as bk
from db import models as m
from db.connection import connect
from db.migrations import SCHEMA_VERSION, init_db
from desktop.cli import main
from desktop.core.churn import scoring
from tests.churn_helpers import customer, days, order, quick_model

NOW = m.utcnow()


@pytest.fixture
def embedded(tmp_path: Path):
    """A ChurnWatch SQLite file (with the proxy bound to it) and its path."""
    path = tmp_path / "churnwatch.db"
    database, _ = connect(f"sqlite:///{path}", create=True)
    init_db(database)
    yield database, path
    database.close()


def _consistent(path: Path) -> tuple[int, int]:
    """(predictions, scored by finished chunks) in a copy: equal in any consistent snapshot,
    since a chunk is marked done in the transaction that writes its predictions."""
    conn = sqlite3.connect(path)
    try:
        predictions = conn.execute("SELECT COUNT(*) FROM churn_prediction").fetchone()[0]
        scored = conn.execute(
            "SELECT COALESCE(SUM(scored), 0) FROM scoring_chunk WHERE status = 'done'"
        ).fetchone()[0]
    finally:
        conn.close()
    return predictions, scored


def test_a_backup_taken_while_a_scorer_writes_is_a_consistent_snapshot(embedded, tmp_path):
    database, path = embedded
    quick_model()
    for i in range(240):
        who = customer(since=date(2023, 1, 1))
        order(who, NOW - days(5 + i % 200))
    done = threading.Event()

    def score() -> None:
        try:
            scoring.score(database, chunk_size=4, workers=1)
        finally:
            done.set()

    scorer = threading.Thread(target=score)
    scorer.start()
    copies = []
    while not done.is_set() and len(copies) < 200:
        copies.append(bk.backup(path, tmp_path / f"copy-{len(copies)}.db"))
    scorer.join()
    copies.append(bk.backup(path, tmp_path / "after.db"))
    assert len(copies) >= 2
    seen = [_consistent(copy.path) for copy in copies]
    for predictions, scored in seen:
        assert predictions == scored  # never a chunk without its predictions, or the reverse
    assert seen[-1][0] == 240
    during = [copy for copy, (p, _) in zip(copies, seen, strict=True) if 0 < p < 240]
    assert during, "no copy was taken while the scorer wrote"
    assert all(copy.schema_version == SCHEMA_VERSION for copy in copies)

    # Restore a copy from the middle of the run: the current file is kept, db-check passes.
    middle = during[len(during) // 2]
    database.close()
    assert main(["--db", f"sqlite:///{path}", "restore", str(middle.path)]) == 0
    assert _consistent(path) == _consistent(middle.path)
    kept = [
        p for p in tmp_path.iterdir()
        if ".before-restore-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]  # fmt: skip
    assert len(kept) == 1 and _consistent(kept[0])[0] == 240  # nothing lost: the old one stays
    assert main(["--db", f"sqlite:///{path}", "db-check"]) == 0


def test_backup_writes_beside_the_database_by_default_and_never_overwrites(
    embedded, tmp_path, capsys
):
    _, path = embedded
    m.Customer.create(name="Ada Okafor", email="ada@example.com")
    assert main(["--db", f"sqlite:///{path}", "backup"]) == 0
    made = [p for p in tmp_path.iterdir() if p.name.startswith("churnwatch-backup-")]
    assert len(made) == 1 and made[0].suffix == ".db"
    assert "Backed up to" in capsys.readouterr().out
    conn = sqlite3.connect(made[0])
    assert conn.execute("SELECT name FROM customer").fetchall() == [("Ada Okafor",)]
    conn.close()
    assert main(["--db", f"sqlite:///{path}", "backup", str(made[0])]) == 2
    assert "already exists" in capsys.readouterr().err


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_bytes(b"not a database at all"), "not an SQLite database"),
        (_other_sqlite, "not a ChurnWatch database"),
        (None, "no such file"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_good_backup(embedded, tmp_path, capsys, make, said):
    _, path = embedded
    m.Customer.create(name="Kept", email="kept@example.com")
    candidate = tmp_path / "candidate.db"
    if make is not None:
        make(candidate)
    assert main(["--db", f"sqlite:///{path}", "restore", str(candidate)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("churnwatch: error: ") and said in err and err.count("\n") == 1
    assert m.Customer.select().count() == 1  # the database was not touched


def test_restore_refuses_a_newer_schema_and_a_torn_file(embedded, tmp_path, capsys):
    _, path = embedded
    for i in range(300):
        m.Customer.create(name=f"Customer {i}", email=f"c{i}@example.com")
    newer = bk.backup(path, tmp_path / "newer.db").path
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    assert main(["--db", f"sqlite:///{path}", "restore", str(newer)]) == 2
    assert "newer than this ChurnWatch" in capsys.readouterr().err

    torn = bk.backup(path, tmp_path / "torn.db").path
    data = bytearray(torn.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\xff" * 200  # a damaged page in the middle
    torn.write_bytes(bytes(data))
    assert main(["--db", f"sqlite:///{path}", "restore", str(torn)]) == 2
    err = capsys.readouterr().err
    assert "integrity check failed" in err or "cannot be read" in err
    assert m.Customer.select().count() == 300


def test_restore_refuses_while_another_connection_writes(embedded, tmp_path, monkeypatch):
    _, path = embedded
    copy = bk.backup(path, tmp_path / "copy.db").path
    monkeypatch.setattr(bk, "LOCK_TIMEOUT_S", 0.1)
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(bk.BackupError, match="in use by a ChurnWatch that is writing"):
            bk.restore(copy, path)
    finally:
        writer.rollback()
        writer.close()
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_backup_and_restore_name_the_server_tools_for_mysql(capsys):
    assert main(["--db", "mysql://root@127.0.0.1:3306/churnwatch", "backup"]) == 2
    err = capsys.readouterr().err
    assert "mysqldump --single-transaction" in err and err.count("\n") == 1
