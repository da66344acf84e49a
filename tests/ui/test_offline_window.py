"""Offline mode in the real window, on MariaDB through a TCP proxy that can cut the network:
the copy taken in the background, the cut → the banner, actions queued from the pages, the
pages that need the server saying so, reconnect → sync, and a conflict resolved both ways."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings

from db import models as m
from db.connection import build_database, parse_url
from desktop.core.services import Services
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from tests.faults import FaultProxy
from tests.offline_helpers import build_world
from tests.ui.test_main_window import answer, loaded

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

WAIT = 30_000  # a generous limit for background work on a shared machine, not a measurement


@pytest.fixture
def proxied(empty_mysql_url, monkeypatch, tmp_path):
    """The shared database, as the window sees it (through the proxy) and as another user's
    workstation does (directly)."""
    url = parse_url(empty_mysql_url)
    monkeypatch.setenv("CHURNWATCH_REPLICA", str(tmp_path / "replica.db"))
    with FaultProxy(url.host, url.port) as proxy:
        via = parse_url(f"mysql://{url.user}@127.0.0.1:{proxy.port}/{url.database}")
        server = build_database(via, url.password or "")
        direct = build_database(url, url.password or "")
        previous = m.DB.obj
        m.DB.initialize(server)
        world = build_world(direct)
        yield proxy, server, direct, via, world
        m.DB.initialize(previous)
        server.close()
        direct.close()


def select_ids(page, ids: list[int]) -> None:
    model, selection = page.model, page.view.selectionModel()
    selection.clearSelection()
    for r in range(model.rowCount()):
        if model.row_id(r) in ids:
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.select(model.index(r, 0), flags)


def server_alert(direct, alert_id: int) -> m.Alert:
    with m.DB.using(direct):
        return m.Alert.get_by_id(alert_id)


def resolve_with(qtbot, page, note: str) -> None:
    def fill(dialog):
        dialog.text.setPlainText(note)
        dialog.submit()

    answer(qtbot, fill)
    page.resolve()


@pytest.mark.mysql
def test_cut_banner_queue_sync_and_conflicts(proxied, qtbot, tmp_path):
    proxy, server, direct, via, world = proxied
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with m.DB.using(server):
        lead = m.User.get_by_id(world.lead.id)
    win = MainWindow(AppContext.create(server, via, lead, settings), auto_offline=True)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    ctrl = win.offline
    # Online with a good connection: the queue is taken in the background, nothing shown.
    qtbot.waitUntil(lambda: ctrl.has_copy and not ctrl.busy, timeout=WAIT)
    assert Path(os.environ["CHURNWATCH_REPLICA"]).is_file()
    assert win.banner.isHidden()
    page = win.pages["alerts"]
    win.show_page("alerts")
    loaded(qtbot, page)
    a, b, c = (x.id for x in world.alerts[:3])

    # The network goes: the probe notices within seconds and the window switches over.
    proxy.refuse()
    proxy.cut()
    qtbot.waitUntil(win.banner.isVisible, timeout=WAIT)
    assert ctrl.offline
    assert win.banner.text.text().startswith("Offline since ")
    assert "your changes are kept on this computer" in win.banner.text.text()
    assert win.banner.sync_button.isVisible()
    win.show_page("dashboard")  # a page that needs the server says so instead of failing
    assert win.stack.currentWidget() is win.offline_notice
    assert "needs the shared database" in win.offline_notice.text()
    win.show_page("alerts")
    loaded(qtbot, page)  # the Alerts page reads the copy
    assert page.model.total == 6

    # Acknowledge one alert, resolve two (bulk) from the page: queued, counted in the banner.
    select_ids(page, [a])
    page.acknowledge()
    qtbot.waitUntil(lambda: "1 waiting" in win.banner.text.text(), timeout=WAIT)
    loaded(qtbot, page)
    select_ids(page, [b, c])
    resolve_with(qtbot, page, "Called offline, sorted")
    qtbot.waitUntil(lambda: "2 waiting" in win.banner.text.text(), timeout=WAIT)
    assert server_alert(direct, a).status == "open"  # nothing reached the server yet

    # Meanwhile another supervisor closes b and c on the server, differently.
    with m.DB.using(direct):
        other = m.User.get_by_id(world.other.id)
        Services(direct, other).resolve_alerts([b, c], "Refund issued by Lead2")

    # The network is back: Sync now sends the outbox off the UI thread, then refreshes.
    proxy.accept()
    qtbot.mouseClick(win.banner.sync_button, qtbot_left())
    qtbot.waitUntil(lambda: not ctrl.offline and not ctrl.syncing, timeout=WAIT)
    assert server_alert(direct, a).status == "acknowledged"
    assert ctrl.waiting == 0 and ctrl.conflicts == 2
    # Back on the server: the page reads it again (b and c are resolved there: not listed).
    qtbot.waitUntil(lambda: page.count_label.text() == "4 alerts", timeout=WAIT)
    qtbot.waitUntil(win.banner.conflicts_button.isVisible, timeout=WAIT)
    assert "not applied" in win.banner.text.text()

    # Conflicts: mine beside theirs, keep mine for b, keep theirs for c.
    dialog = win.banner.show_conflicts()
    rows = {
        dialog.table.item(r, 0).text(): (
            dialog.table.item(r, 2).text(),
            dialog.table.item(r, 3).text(),
        )
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, 1).text() == "resolution_note"
    }
    assert rows[f"Resolve alert #{b}"] == ("Called offline, sorted", "Refund issued by Lead2")
    assert rows[f"Resolve alert #{c}"] == ("Called offline, sorted", "Refund issued by Lead2")
    pick(dialog, b)
    qtbot.mouseClick(dialog.mine, qtbot_left())
    qtbot.waitUntil(
        lambda: (
            server_alert(direct, b).resolution_note == "Called offline, sorted" and not ctrl.syncing
        ),
        timeout=WAIT,
    )
    pick(dialog, c)
    qtbot.mouseClick(dialog.theirs, qtbot_left())
    qtbot.waitUntil(lambda: ctrl.conflicts == 0 and not ctrl.busy, timeout=WAIT)
    assert server_alert(direct, c).resolution_note == "Refund issued by Lead2"
    assert dialog.table.rowCount() == 0
    qtbot.waitUntil(win.banner.isHidden, timeout=WAIT)
    with ctrl.replica.active():  # the copy converges with the server
        assert m.Alert.get_by_id(c).resolution_note == "Refund issued by Lead2"
        assert m.Alert.get_by_id(b).resolution_note == "Called offline, sorted"
    dialog.close()
    win.close()


def pick(dialog, alert_id: int) -> None:
    for r in range(dialog.table.rowCount()):
        if dialog.table.item(r, 0).text() == f"Resolve alert #{alert_id}":
            dialog.table.selectRow(r)
            return
    raise AssertionError(f"no conflict row for alert #{alert_id}")


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_offline_and_back_on_the_probes_verdicts(database, qtbot, tmp_path, monkeypatch):
    """On SQLite and MariaDB servers alike (a SQLite file cannot be cut from the network):
    the probe's verdicts are given to the window directly; the rest (the copy, the pages, the
    queue, sync) is the same."""
    from db.connection import parse_url

    monkeypatch.setenv("CHURNWATCH_REPLICA", str(tmp_path / "replica.db"))
    world = build_world(database)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    url = parse_url(f"sqlite://{tmp_path / 'churnwatch.db'}")
    win = MainWindow(AppContext.create(database, url, world.lead, settings), auto_offline=True)
    qtbot.addWidget(win)
    win.show()
    ctrl = win.offline
    qtbot.waitUntil(lambda: ctrl.has_copy and not ctrl.busy, timeout=WAIT)
    win.connection.timer.stop()
    page = win.pages["alerts"]
    win.show_page("alerts")
    loaded(qtbot, page)
    ctrl.connection_state("unreachable")
    assert win.banner.isVisible() and "0 waiting" in win.banner.text.text()
    a = world.alerts[0].id
    select_ids(page, [a])
    page.acknowledge()
    assert "1 waiting" in win.banner.text.text()
    assert server_alert(database, a).status == "open"
    view = win.open_customer(world.customers[0].id)  # the 360 reads the copy
    qtbot.waitUntil(lambda: not view.loader.loading, timeout=WAIT)
    assert view.data is not None and view.data.customer.name == "Customer 0"
    assert view.load_state.property("role") != "error"
    view.close()
    win.connection.state = "connected"
    ctrl.connection_state("connected")
    qtbot.waitUntil(lambda: not ctrl.offline and not ctrl.syncing, timeout=WAIT)
    assert server_alert(database, a).status == "acknowledged"
    assert ctrl.waiting == 0
    qtbot.waitUntil(win.banner.isHidden, timeout=WAIT)

    # Offline again, one more change, and the window is closed before the server is back:
    # the outbox is on disk and the next window, online, sends it.
    ctrl.connection_state("unreachable")
    b = world.alerts[1].id
    loaded(qtbot, page)
    select_ids(page, [b])
    page.acknowledge()
    assert "1 waiting" in win.banner.text.text()
    win.close()
    again = MainWindow(AppContext.create(database, url, world.lead, settings), auto_offline=True)
    qtbot.addWidget(again)
    again.connection.timer.stop()
    qtbot.waitUntil(lambda: server_alert(database, b).status == "acknowledged", timeout=WAIT)
    qtbot.waitUntil(lambda: again.offline.waiting == 0 and not again.offline.syncing, timeout=WAIT)
    again.close()


def test_work_offline_dialog_takes_the_chosen_alerts(database, qtbot, tmp_path, monkeypatch):
    """File → Work offline…: the filter and the cap chosen, taken as a job, and remembered."""
    from db.connection import parse_url
    from desktop.core.offline.store import status

    monkeypatch.setenv("CHURNWATCH_REPLICA", str(tmp_path / "replica.db"))
    world = build_world(database)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    url = parse_url(f"sqlite://{tmp_path / 'churnwatch.db'}")
    win = MainWindow(AppContext.create(database, url, world.lead, settings))
    qtbot.addWidget(win)
    win.show()
    win.connection.timer.stop()

    def fill(dialog):
        assert dialog.limit.value() == 5000  # the default cap
        dialog.assignee.setCurrentIndex(dialog.assignee.findData("any"))
        dialog.priorities["low"].setChecked(True)
        dialog.submit()

    answer(qtbot, fill)
    assert win.work_offline()
    ctrl = win.offline
    qtbot.waitUntil(lambda: ctrl.has_copy and not ctrl.busy, timeout=WAIT)
    assert status(ctrl.replica).alerts == 1  # the one LOW alert, someone else's
    assert settings.value("offline/filter") == "assignee=any,status=open+acknowledged,priority=low"
    assert ctrl.saved_choice()[0].priorities == ("low",)
    win.close()


@pytest.mark.mysql
def test_sign_out_after_the_server_came_back_signs_in_on_the_server(
    database, qtbot, tmp_path, monkeypatch
):
    """Started offline from the copy, back online, signed out: the next person signs in on
    the server (a colleague added there since the copy was taken can), and their window is
    online; signing out while still offline keeps the copy for the next sign-in."""
    import shiboken6

    from db.connection import parse_url
    from db.passwords import hash_password
    from desktop.ui.app import Shell
    from tests.offline_helpers import make_user, taken_replica

    monkeypatch.setenv("CHURNWATCH_REPLICA", str(tmp_path / "replica.db"))
    world = build_world(database)
    replica = taken_replica(world, tmp_path / "replica.db")
    with m.DB.using(database):
        newcomer = make_user("newcomer", role="agent")
        m.User.update(password_hash=hash_password("a long passphrase")).where(
            m.User.id == newcomer.id
        ).execute()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    url = parse_url(f"sqlite://{tmp_path / 'churnwatch.db'}")
    shell = Shell(database, url, settings, replica)
    first = shell.open(world.lead)
    first.connection.timer.stop()
    assert first.offline.offline  # started from the copy
    assert shell.next_replica(first) is replica  # a sign-out now would stay on the copy
    first.connection.state = "connected"
    first.offline.connection_state("connected")
    qtbot.waitUntil(lambda: not first.offline.offline and not first.offline.syncing, timeout=WAIT)

    seen = {}

    def as_newcomer(dialog):
        seen["database"] = dialog.database
        dialog.username.setText("newcomer")
        dialog.password.setText("a long passphrase")
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)

    answer(qtbot, as_newcomer)
    first.actions_by_name["sign_out"].trigger()
    second = shell.window
    assert second is not None, "the newcomer could not sign in on the server"
    qtbot.addWidget(second)
    second.connection.timer.stop()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))
    assert seen["database"] is database
    assert shell.replica is None
    assert second.ctx.user.username == "newcomer" and not second.offline.offline
    assert m.DB.obj is database  # the pages read the server
    second.close()
    replica.database.close()
