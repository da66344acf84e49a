"""Starting the window while the shared database is away: a supervisor who took an offline copy
on this computer signs in against it and works from it; anyone else, or a computer without a
copy, gets the plain "cannot reach" error as before."""

from __future__ import annotations

import pytest

from db import models as m
from db.connection import build_database, parse_url
from db.passwords import hash_password
from desktop.cli import main
from desktop.core.offline.store import open_replica, queued
from desktop.core.offline.take import take
from desktop.ui import app
from tests.faults import FaultProxy
from tests.offline_helpers import build_world

pytestmark = [pytest.mark.mysql, pytest.mark.qt_log_ignore("This plugin does not support")]

PASSWORD = "a long offline passphrase"


@pytest.fixture
def away(empty_mysql_url, monkeypatch, tmp_path, qapp):
    """A copy taken through the proxy by lead1, then the proxy refusing every connection."""
    url = parse_url(empty_mysql_url)
    replica_file = tmp_path / "replica.db"
    monkeypatch.setenv("CHURNWATCH_REPLICA", str(replica_file))
    previous = m.DB.obj
    with FaultProxy(url.host, url.port) as proxy:
        via = f"mysql://{url.user}@127.0.0.1:{proxy.port}/{url.database}"
        server = build_database(parse_url(via), url.password or "")
        world = build_world(server)
        with m.DB.using(server):
            m.User.update(password_hash=hash_password(PASSWORD)).execute()
            lead = m.User.get_by_id(world.lead.id)
        replica = open_replica(replica_file)
        take(server, replica, lead, server_name=via)
        replica.database.close()
        server.close()
        proxy.refuse()
        yield via, world, replica_file
    m.DB.initialize(previous)


def test_the_window_opens_offline_from_the_copy(away, monkeypatch, tmp_path, qtbot):
    via, world, replica_file = away
    seen = {}

    def look(window, directory):
        """What the user sees first: the banner, the copy's alerts; then ack one offline."""
        window.show_page("alerts")
        qtbot.waitUntil(lambda: window.pages["alerts"].model.rowCount() > 0, timeout=30_000)
        seen["offline"] = window.offline.offline
        seen["banner"] = window.banner.isVisibleTo(window)
        seen["alerts"] = window.pages["alerts"].model.rowCount()
        window.ctx.services.acknowledge_alerts([world.alerts[0].id])
        window.close()
        return 0

    monkeypatch.setattr(app, "screenshot", look)
    monkeypatch.setenv("CHURNWATCH_PASSWORD", PASSWORD)
    shots = tmp_path / "shots"
    assert main(["--db", via, "gui", "--user", "lead1", "--screenshot", str(shots)]) == 0
    assert seen["offline"] and seen["banner"]
    assert seen["alerts"] >= 1
    replica = open_replica(replica_file)
    assert [q.operation for q in queued(replica)] == ["alert.acknowledge"]
    replica.database.close()


def test_someone_else_cannot_sign_in_to_the_copy(away, monkeypatch, tmp_path, capsys):
    via, _world, _file = away
    monkeypatch.setenv("CHURNWATCH_PASSWORD", PASSWORD)
    shots = tmp_path / "shots"
    # lead2's password hash never leaves the server: the copy cannot check it.
    assert main(["--db", via, "gui", "--user", "lead2", "--screenshot", str(shots)]) == 2
    assert "wrong username or password" in capsys.readouterr().err


def test_without_a_copy_the_server_error_stays(away, monkeypatch, tmp_path, capsys):
    via, _world, replica_file = away
    replica_file.unlink()
    monkeypatch.setenv("CHURNWATCH_PASSWORD", PASSWORD)
    assert main(["--db", via, "gui", "--user", "lead1", "--screenshot", str(tmp_path)]) == 2
    assert "cannot reach the MySQL server" in capsys.readouterr().err
