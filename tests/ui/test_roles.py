"""Roles in the window: the controls each demo role may not use are disabled with the reason as
tooltip, the Audit and Admin pages are there for those who may see them, the first admin is
created in a setup dialog, the Admin page changes accounts, the Audit page pages and filters."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from db import models as m
from db.passwords import hash_password
from desktop.core.auth import sign_in
from desktop.core.read.listing import PAGE_SIZE
from desktop.core.services import Services, has_users
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.admin import FirstAdminDialog, ResetPasswordDialog
from tests.ui.test_main_window import loaded

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

DEMO_ROLES = {"agent1": "agent", "supervisor": "supervisor", "admin": "admin"}


@pytest.fixture
def staff(database, cheap_password_hashing) -> dict[str, m.User]:
    """The demo's staff usernames and roles, each with the password "pw-<username>"."""
    users = {}
    for name, role in DEMO_ROLES.items():
        users[name] = m.User.create(
            username=name, email=f"{name}@staff.example", display_name=name.title(), role=role,
            password_hash=hash_password(f"pw-{name}"),
        )  # fmt: skip
    customer = m.Customer.create(name="Ada", email="ada@example.com")
    m.Alert.create(type="churn_risk", priority="high", customer=customer, title="Alert",
                   dedupe_key="k1")  # fmt: skip
    return users


def make_window(qtbot, database, user: m.User, tmp_path) -> MainWindow:
    from db.connection import parse_url

    settings = QSettings(str(tmp_path / f"{user.username}.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.create(database, parse_url("sqlite:///x.db"), user, settings))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.mark.parametrize("username", list(DEMO_ROLES))
def test_several_selected_alerts_and_assigning_follow_the_role(
    qtbot, database, staff, tmp_path, username, monkeypatch
):
    """An agent works one alert at a time and assigns only to themselves: with two rows selected
    the actions are off and say why; the assign dialog offers only the agent."""
    from desktop.ui.widgets import dialogs

    customer = m.Customer.get()
    m.Alert.create(type="churn_risk", priority="high", customer=customer, title="Second",
                   dedupe_key="k2")  # fmt: skip
    user = sign_in(database, username, f"pw-{username}")
    win = make_window(qtbot, database, user, tmp_path)
    lead = DEMO_ROLES[username] != "agent"
    page = win.pages["alerts"]
    win.show_page("alerts")
    loaded(qtbot, page)
    page.view.selectRow(0)
    assert page.ack_button.isEnabled()
    page.view.selectAll()
    assert page.ack_button.isEnabled() == lead
    assert page.assign_button.isEnabled() == lead
    if not lead:
        assert page.resolve_button.toolTip() == (
            "Only supervisors and admins may act on several alerts at once."
        )
    page.view.selectRow(0)
    assert page.ack_button.isEnabled()
    offered: list[list[int | None]] = []

    def look(dialog) -> bool:
        combo = dialog.findChild(type(dialogs.staff_combo()))
        offered.append([combo.itemData(i) for i in range(combo.count())])
        return False  # cancelled

    monkeypatch.setattr(dialogs, "run_dialog", look)
    page.assign()
    if lead:
        assert user.id in offered[0] and len(offered[0]) > 2
    else:
        assert offered == [[user.id]]


@pytest.mark.parametrize("username", list(DEMO_ROLES))
def test_controls_follow_the_signed_in_role(qtbot, database, staff, tmp_path, username):
    user = sign_in(database, username, f"pw-{username}")
    win = make_window(qtbot, database, user, tmp_path)
    try:
        role = DEMO_ROLES[username]
        lead = role != "agent"
        alerts = win.pages["alerts"]
        assert alerts.all_matching.isEnabled() == lead
        assert alerts.ack_button.isEnabled()  # everyone acknowledges
        if not lead:
            assert alerts.all_matching.toolTip() == (
                "Only supervisors and admins may act on several alerts at once."
            )
        models = win.pages["models"]
        win.show_page("models")
        qtbot.waitUntil(lambda: models.data is not None and not models.loading, timeout=20_000)
        assert models.train_button.isEnabled() == lead
        if not lead:
            assert models.train_button.toolTip() == "Only supervisors and admins may train models."
            models._update_buttons()  # the page enables its buttons again: they stay off
            assert not models.train_button.isEnabled()
        assert win.pages["settings"].url.isEnabled() == (role == "admin")
        assert ("audit" in win.keys) == lead
        assert ("admin" in win.keys) == (role == "admin")
        titles = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert ("Admin" in titles) == (role == "admin")

        view = win.open_customer(m.Customer.get().id)
        qtbot.waitUntil(lambda: not view.loader.loading, timeout=15_000)
        assert view.status_button.isEnabled() == lead
        seen: dict[str, bool] = {}

        def look() -> None:  # the tag dialog is modal: look at it, then close it
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(20, look)
                return
            seen["new tag"] = dialog.name.isEnabled()
            dialog.reject()

        QTimer.singleShot(0, look)
        view.add_tag()  # no tag exists yet: the dialog offers "New tag…"
        assert seen == {"new tag": lead}
        view.close()
    finally:
        win.connection.timer.stop()


def test_the_first_admin_is_created_in_the_setup_dialog(qtbot, database, cheap_password_hashing):
    assert not has_users()
    dialog = FirstAdminDialog(database)
    qtbot.addWidget(dialog)
    assert not dialog.role.isEnabled() and dialog.role.currentData() == "admin"
    dialog.username.setText("boss")
    dialog.display_name.setText("The Boss")
    dialog.passwords.first.setText("password1234")
    assert "common password" in dialog.passwords.feedback.text()
    dialog.passwords.first.setText("violet-harbour-42")
    assert dialog.passwords.feedback.text() == "Good; type it again."
    dialog.passwords.again.setText("violet-harbour-4")
    assert "differ" in dialog.passwords.feedback.text()
    dialog.submit()
    assert dialog.result() == 0 and not has_users()
    assert "differ" in dialog.errors["password_again"].text()
    dialog.passwords.again.setText("violet-harbour-42")
    dialog.submit()  # the hash is made on the database pool, off the UI thread
    qtbot.waitUntil(lambda: dialog.user is not None)
    assert dialog.user.role == "admin"
    assert sign_in(database, "boss", "violet-harbour-42").display_name == "The Boss"


def test_the_admin_page_disables_changes_roles_and_resets(qtbot, database, staff, tmp_path):
    win = make_window(qtbot, database, staff["admin"], tmp_path)
    try:
        win.show_page("admin")
        page = win.pages["admin"]
        assert page.table.rowCount() == 3
        page.select("agent1")
        page.disable_button.click()
        assert not m.User.get(m.User.username == "agent1").active
        assert page.table.item(page.table.currentRow(), 3).text() == "no"
        page.select("agent1")
        page.enable_button.click()
        page.select("agent1")
        page.role_combo.setCurrentIndex(page.role_combo.findData("supervisor"))
        page.role_button.click()
        assert m.User.get(m.User.username == "agent1").role == "supervisor"

        dialog = ResetPasswordDialog(win.ctx, staff["agent1"], page)
        qtbot.addWidget(dialog)
        dialog.passwords.first.setText("copper-lantern-77")
        dialog.passwords.again.setText("copper-lantern-77")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted)
        assert sign_in(database, "agent1", "copper-lantern-77").id == staff["agent1"].id
        actions = [a.action for a in m.AuditLog.select().where(m.AuditLog.entity == "User")]
        assert {"user.disable", "user.enable", "user.role", "user.password_reset"} <= set(actions)
    finally:
        win.connection.timer.stop()


def _fill_audit(staff: dict[str, m.User], n: int) -> None:
    base = datetime(2026, 1, 1)
    rows = []
    for i in range(n):
        who = staff["agent1"] if i % 3 else staff["admin"]
        rows.append({
            "user": who.id, "action": "note.add" if i % 2 else "alert.acknowledge",
            "entity": "CustomerNote" if i % 2 else "Alert", "entity_id": i,
            "before": None if i % 2 else {"status": "open"},
            "after": {"body": f"note {i}"} if i % 2 else {"status": "acknowledged"},
            "created_at": base + timedelta(minutes=i), "updated_at": base,
        })  # fmt: skip
    m.AuditLog.insert_many(rows).execute()


def test_the_audit_page_pages_filters_exports_and_opens(
    qtbot, qtmodeltester, database, staff, tmp_path
):
    _fill_audit(staff, 2 * PAGE_SIZE + 50)
    Services(database, staff["supervisor"]).add_note(m.Customer.get().id, "on the page")
    win = make_window(qtbot, database, staff["admin"], tmp_path)
    try:
        win.show_page("audit")
        page = win.pages["audit"]
        loaded(qtbot, page)
        total = m.AuditLog.select().count()
        assert page.model.rowCount() == total
        qtmodeltester.check(page.model)
        first = page.model.row(0).values
        assert first["action"] == "note.add" and first["user_name"] == "Supervisor"
        col = page.model.column_index("changes")
        shown = page.model.data(page.model.index(0, col))
        assert shown == f"body: on the page; customer: {m.Customer.get().id}"
        acked = next(
            page.model.row(r).values for r in range(total)
            if page.model.row(r).values["action"] == "alert.acknowledge"
        )  # fmt: skip
        assert acked["changes"] == "status: open → acknowledged"

        page.set_filter("user", staff["admin"].id)
        loaded(qtbot, page)
        assert page.model.rowCount() == len(range(0, 2 * PAGE_SIZE + 50, 3))
        page.set_filter("action", ["note.add"])
        loaded(qtbot, page)
        admin_notes = [i for i in range(0, 2 * PAGE_SIZE + 50, 3) if i % 2]
        assert page.model.rowCount() == len(admin_notes)
        qtmodeltester.check(page.model)

        page.show_filtered({})
        page.set_custom_range(datetime(2026, 1, 1).date(), datetime(2026, 1, 1).date())
        loaded(qtbot, page)
        assert page.model.rowCount() == 2 * PAGE_SIZE + 50  # all on that day; the note is today

        target = tmp_path / "audit.csv"
        with qtbot.waitSignal(page.exported, timeout=20_000) as finished:
            page.export("csv", target)
        assert finished.args[0].rows == 2 * PAGE_SIZE + 50
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "ID,When,Who,Action,Entity,Entity ID,Changes (before → after)"
        assert len(lines) == 2 * PAGE_SIZE + 51 and "hash" not in target.read_text()

        page.show_filtered({})
        loaded(qtbot, page)
        opened: list[int] = []
        win.ctx.events.openCustomer.connect(opened.append)
        assert page.model.row(0).values["action"] == "export"  # the export is audited
        page.open_row(1)  # the supervisor's note: its customer opens
        assert opened == [m.Customer.get().id]
    finally:
        win.connection.timer.stop()


def test_supervisors_see_their_team_only(qtbot, database, staff, tmp_path):
    _fill_audit(staff, 30)
    win = make_window(qtbot, database, staff["supervisor"], tmp_path)
    try:
        win.show_page("audit")
        page = win.pages["audit"]
        loaded(qtbot, page)
        assert page.model.rowCount() == len([i for i in range(30) if i % 3])
        names = {page.model.row(r).values["user_name"] for r in range(page.model.rowCount())}
        assert names == {"Agent1"}
    finally:
        win.connection.timer.stop()


def test_a_refused_resolve_keeps_the_dialog_and_the_typed_note(qtbot, database, staff, tmp_path):
    """An agent may resolve only alerts they hold: resolving an unassigned one says so in the
    dialog, which stays open with the note typed; taking the alert first, the same note goes."""
    from PySide6.QtWidgets import QLabel

    from desktop.ui.widgets import dialogs

    agent = sign_in(database, "agent1", "pw-agent1")
    win = make_window(qtbot, database, agent, tmp_path)
    page = win.pages["alerts"]
    win.show_page("alerts")
    loaded(qtbot, page)
    page.view.selectRow(0)
    alert = m.Alert.get()
    seen: dict[str, object] = {}

    def refused(dialog):
        qtbot.keyClicks(dialog.text, "Called, card updated")
        dialog.submit()
        assert dialog.isVisible()  # refused: still open
        seen["text"] = dialog.text.toPlainText()
        seen["said"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        # The agent takes it in another window meanwhile; pressing Resolve again now goes.
        Services(database, agent).assign_alerts([alert.id], agent.id)
        dialog.submit()
        assert not dialog.isVisible()

    def attempt():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialogs.TextDialog):
            QTimer.singleShot(20, attempt)
            return
        try:
            refused(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, attempt)
    page.resolve()
    assert seen["text"] == "Called, card updated"
    assert "take the alert first" in str(seen["said"])
    alert = m.Alert.get_by_id(alert.id)
    assert alert.status == "resolved" and alert.resolution_note == "Called, card updated"
    win.connection.timer.stop()
