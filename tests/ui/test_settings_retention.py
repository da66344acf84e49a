"""The retention policy on the Settings page: an admin reads, previews and saves it (on the
database pool), other roles see it disabled with the reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db import models as m
from desktop.core.auth import sign_in
from tests.ui.test_roles import make_window, staff  # noqa: F401 - the fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_an_admin_previews_and_saves_the_policy(qtbot, database, staff, tmp_path):  # noqa: F811
    user = sign_in(database, "admin", "pw-admin")
    win = make_window(qtbot, database, user, tmp_path)
    try:
        page = win.pages["settings"]
        win.show_page("settings")
        assert page.retention.isEnabled()
        qtbot.waitUntil(lambda: page.days["events_days"].value() == 90, timeout=10_000)
        assert page.days["resolved_alerts_days"].value() == 7
        page.preview_policy()
        qtbot.waitUntil(lambda: "customer_event: 0" in page.retention_result.text(),
                        timeout=10_000)  # fmt: skip
        page.days["metrics_days"].setValue(730)
        qtbot.mouseClick(page.retention_save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.retention_result.text().startswith("Saved"),
                        timeout=10_000)  # fmt: skip
        assert m.RetentionPolicy.get_by_id(1).metrics_days == 730
        page.days["metrics_days"].setValue(800)
        page._policy_version = None  # as if shown before someone else saved: a conflict
        page.save_policy()
        qtbot.waitUntil(lambda: "retention policy" in page.retention_result.text(),
                        timeout=10_000)  # fmt: skip
        assert m.RetentionPolicy.get_by_id(1).metrics_days == 730
        assert page.retention_save.isEnabled()
    finally:
        win.connection.timer.stop()


def test_a_supervisor_sees_the_policy_disabled_with_the_reason(
    qtbot,
    database,
    staff,  # noqa: F811
    tmp_path,
):
    user = sign_in(database, "supervisor", "pw-supervisor")
    win = make_window(qtbot, database, user, tmp_path)
    try:
        page = win.pages["settings"]
        assert not page.retention.isEnabled()
        assert page.retention.toolTip() == (
            "Only admins may set the retention policy and remove old data by it."
        )
    finally:
        win.connection.timer.stop()
