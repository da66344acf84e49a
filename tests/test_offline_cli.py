"""`churnwatch offline|sync|alerts` drive the whole cycle: take, act while the shared MariaDB
is out of reach (through the fault proxy), sync when it is back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db import models as m
from db.connection import connect, parse_url
from db.passwords import hash_password
from desktop.cli import main
from tests.faults import FaultProxy
from tests.offline_helpers import build_world


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.mysql
def test_offline_cycle_through_the_command_line(
    empty_mysql_url, tmp_path: Path, capsys, monkeypatch, cheap_password_hashing
):
    server, _ = connect(empty_mysql_url)
    world = build_world(server)
    with m.DB.using(server):
        m.User.update(password_hash=hash_password("pw-lead1")).where(
            m.User.id == world.lead.id
        ).execute()
    server.close()
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "pw-lead1")
    url = parse_url(empty_mysql_url)
    replica = str(tmp_path / "replica.db")
    with FaultProxy(url.host, url.port) as proxy:
        via = f"mysql://{url.user}@127.0.0.1:{proxy.port}/{url.database}"
        common = ("--replica", replica)
        code, out, err = run(capsys, "--db", via, "offline", "take", "--as", "lead1", *common)
        assert code == 0, err
        assert "took 6 alerts and 3 customers" in out

        proxy.refuse()
        proxy.cut()  # the laptop leaves the office
        a0, a1 = world.alerts[0].id, world.alerts[1].id
        code, out, err = run(capsys, "--db", via, "alerts", "ack", str(a0), "--note",
                             "rang them", "--as", "lead1", *common)  # fmt: skip
        assert code == 0, err
        assert "done offline; 1 waiting" in out
        code, out, err = run(capsys, "--db", via, "alerts", "resolve", str(a1), "--as",
                             "lead1", *common)  # fmt: skip
        assert code == 2 and "resolution note" in err and len(err.strip().splitlines()) == 1
        code, out, _ = run(capsys, "--db", via, "alerts", "list", "--json", "--as", "lead1",
                           *common)  # fmt: skip
        listed = json.loads(out)
        assert listed["source"].startswith("offline copy")
        assert {r["id"]: r["status"] for r in listed["alerts"]}[a0] == "acknowledged"
        code, out, err = run(capsys, "--db", via, "sync", *common)
        assert code == 2 and "1 changes wait on this computer" in err
        code, out, _ = run(capsys, "--db", via, "offline", "status", "--json", *common)
        assert json.loads(out)["outbox"] == 1

        proxy.accept()  # back in the office
        code, out, err = run(capsys, "--db", via, "sync", "--json", *common)
        assert code == 0, err
        report = json.loads(out)
        assert (report["pushed"], report["applied"], report["conflicts"]) == (1, 1, 0)
        code, out, _ = run(capsys, "--db", via, "offline", "status", "--json", *common)
        assert json.loads(out)["outbox"] == 0
        code, out, _ = run(capsys, "--db", via, "alerts", "list", "--json", "--as", "lead1",
                           *common)  # fmt: skip
        assert json.loads(out)["source"] == "shared database"
    server, _ = connect(empty_mysql_url)
    with m.DB.using(server):
        assert m.Alert.get_by_id(a0).status == "acknowledged"
        assert m.CustomerNote.get_or_none(m.CustomerNote.body == "rang them") is not None
    server.close()


def test_status_without_a_copy_is_one_line(tmp_path: Path, capsys):
    code, _, err = run(capsys, "offline", "status", "--replica", str(tmp_path / "none.db"))
    assert code == 2 and "no offline copy" in err and len(err.strip().splitlines()) == 1


def test_bad_filter_names_the_field(tmp_path: Path, capsys):
    db = f"sqlite://{tmp_path / 's.db'}"
    assert run(capsys, "--db", db, "init-db")[0] == 0
    code, _, err = run(capsys, "--db", db, "offline", "take", "--filter", "colour=red",
                       "--replica", str(tmp_path / "r.db"))  # fmt: skip
    assert code == 2 and "unknown key 'colour'" in err
