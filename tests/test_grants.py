"""The least-privilege application account on MariaDB: what `db-grants` gives it is enough for
the whole application (services, training, scoring, the window's pages), and no more: no DDL,
no UPDATE or DELETE on the audit log, no DELETE of a user.

The account is a throwaway one with a random name and password, dropped at the end; the shared
server's settings are never changed."""

from __future__ import annotations

import io
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import peewee as pw
import pymysql
import pytest

from db import demo
from db import models as m
from db.connection import connect, parse_url
from desktop.cli import main
from desktop.commands.grants import grant_statements
from desktop.core.auth import sign_in
from desktop.core.churn import scoring, training
from desktop.core.read import dashboard
from desktop.core.services import Services

pytestmark = pytest.mark.mysql
TOP = Path(__file__).resolve().parent.parent


def test_the_statements_cover_every_table_and_keep_the_audit_log_append_only():
    statements = grant_statements("shop", "'app'@'%'")
    assert statements[0] == "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'app'@'%'"
    tables = {s.split("`.`")[1].split("`")[0]: s for s in statements[1:]}
    assert set(tables) == {model._meta.table_name for model in m.ALL_MODELS}
    assert tables["audit_log"] == "GRANT SELECT, INSERT ON `shop`.`audit_log` TO 'app'@'%'"
    assert "DELETE" not in tables["user"] and "UPDATE" in tables["user"]
    assert "SELECT, INSERT, UPDATE, DELETE ON `shop`.`customer`" in tables["customer"]
    assert not any(word in " ".join(statements) for word in ("ALL ON", "CREATE", "ALTER", "DROP"))


@pytest.fixture
def app_account(empty_mysql_url: str, capsys) -> Iterator[tuple[str, str]]:
    """(admin URL, application URL): a fresh account granted by `db-grants --apply`."""
    name = f"cw_app_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(18)
    admin = parse_url(empty_mysql_url)
    sys_stdin, sys.stdin = sys.stdin, io.StringIO(password + "\n")
    try:
        code = main(["--db", empty_mysql_url, "db-grants", "--app-user", name, "--apply",
                     "--password-stdin"])  # fmt: skip
    finally:
        sys.stdin = sys_stdin
    out = capsys.readouterr().out
    assert code == 0, out
    assert password not in out and "IDENTIFIED BY '…'" in out
    app_url = f"mysql://{name}:{password}@{admin.host}:{admin.port}/{admin.database}"
    try:
        yield empty_mysql_url, app_url
    finally:
        conn = pymysql.connect(
            host=admin.host, port=admin.port, user=admin.user, password=admin.password or ""
        )
        try:
            with conn.cursor() as cur:
                cur.execute(f"DROP USER IF EXISTS '{name}'@'%'")
        finally:
            conn.close()


def _refused(database: pw.Database, sql: str) -> int:
    with pytest.raises(pw.DatabaseError) as err:
        database.execute_sql(sql)
    orig = err.value.args[0] if isinstance(err.value.args[0], Exception) else err.value
    return int(orig.args[0])


@pytest.mark.slow
def test_the_application_runs_under_the_application_account(app_account, capsys, tmp_path):
    admin_url, app_url = app_account
    admin_db, _ = connect(admin_url)
    demo.generate_demo(admin_db, customers=300, seed=3, today=date(2025, 6, 30))
    admin_db.close()

    database, _ = connect(app_url)  # binds the models to the application's connection
    try:
        lead = sign_in(database, "supervisor", "supervisor-demo")
        svc = Services(database, lead)
        customer = m.Customer.select().first()
        note = svc.add_note(customer.id, "called, all good")
        svc.edit_note(note.id, "called twice, all good")
        svc.delete_note(note.id)
        tag = svc.create_tag("grants test")
        svc.tag_customer(customer.id, tag.id)
        svc.delete_tag(tag.id)
        open_alerts = [a.id for a in m.Alert.select().where(m.Alert.status == "open").limit(3)]
        svc.acknowledge_alerts(open_alerts)
        ticket = svc.create_ticket(customer.id, "Where is my parcel?", body="Hello")
        svc.add_message(ticket.id, "On its way")
        admin = sign_in(database, "admin", "admin-demo")
        staff = Services(database, admin)
        newbie = staff.add_user("grants-newbie", "violet-harbour-42", role="agent")
        staff.disable_user(newbie.id)

        result = training.train_models(
            database, training.TrainingConfig(as_of=datetime(2025, 6, 1)), user=lead,
            activate=True,
        )  # fmt: skip
        report = scoring.score(database, user=lead, workers=2, chunk_size=100)
        assert report.status == "completed" and report.scored == report.total > 0
        assert result.winner_version.status == "active"
        assert dashboard.customers_by_risk()

        for sql in (
            "UPDATE audit_log SET action = 'x'",
            "DELETE FROM audit_log",
            f"DELETE FROM `user` WHERE id = {newbie.id}",
            "CREATE TABLE sneaky (id INT)",
            "ALTER TABLE customer ADD COLUMN sneaky INT",
            "DROP TABLE scoring_chunk",
        ):
            assert _refused(database, sql) in (1142, 1044), sql
        assert m.AuditLog.select().where(m.AuditLog.action == "user.disable").exists()
    finally:
        database.close()

    # init-db with the application account: one line naming the account it needs.
    admin_db, _ = connect(admin_url)
    m.SchemaVersion.update(version=6).execute()
    admin_db.close()
    assert main(["--db", app_url, "init-db"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "churnwatch: error: init-db needs an account that may CREATE and ALTER tables "
        "(the administrator's); the application account cannot\n"
    )
    assert main(["--db", admin_url, "init-db"]) == 0

    # The window's pages, each opened and drawn (its screenshot mode), signed in as a supervisor.
    env = {**os.environ, "CHURNWATCH_PASSWORD": "supervisor-demo", "QT_QPA_PLATFORM": "offscreen"}
    shots = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, str(TOP / "main.py"), "--db", app_url, "gui", "--user", "supervisor",
         "--screenshot", str(shots)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(list(shots.glob("*.png"))) >= 5
