"""The Models page's Alert policy part, driven like a supervisor and an agent would: edit (a
bad value shown next to its field), backtest off the UI thread with its figures and sweep
chart, Apply (audited); an agent sees the policy read-only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db import models as m
from desktop.core.churn.policy import AlertPolicy, PolicyMode
from desktop.core.churn.policy.live import read_live_policy
from desktop.ui.pages.alert_policy import AlertPolicyPanel
from tests.churn_helpers import customer, days, order, quick_model
from tests.ui.test_models_page import make_window, open_models

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

NOW = m.utcnow()


def _history() -> None:
    """Four customers, two of whom churn after the backtest's cutoffs (a horizon before now)."""
    since = date(2022, 1, 1)
    a = customer("A", since=since, status="churned", churned_at=NOW - days(60))
    d = customer("D", since=since, status="churned", churned_at=NOW - days(30))
    b, c = customer("B", since=since), customer("C", since=since)
    order(a, NOW - days(280))
    order(d, NOW - days(370))
    order(b, NOW - days(100))
    order(c, NOW - days(150))
    quick_model()


def _user(role: str) -> m.User:
    from db.passwords import hash_password

    return m.User.create(
        username=role, email=f"{role}@staff.example", display_name=f"{role.title()} One",
        role=role, password_hash=hash_password("pw"),
    )  # fmt: skip


def _panel(qtbot: QtBot, database, user: m.User, tmp_path) -> tuple[object, AlertPolicyPanel]:
    win = make_window(qtbot, database, user, tmp_path)
    page = open_models(qtbot, win)
    panel = page.alert_policy
    page.sections.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.live is not None and not panel.loading, timeout=20_000)
    return win, panel


def test_a_supervisor_edits_backtests_and_applies(
    qtbot: QtBot, database, tmp_path, cheap_password_hashing
) -> None:
    _history()
    win, panel = _panel(qtbot, database, _user("supervisor"), tmp_path)
    try:
        assert "Live: top 10% by expected lost revenue per day" in panel.live_label.text()
        assert "the default (never changed)" in panel.live_label.text()
        assert panel.apply_button.isEnabled()

        # Edit: top K, with a bad K first — the message is next to the field, nothing saved.
        panel.mode.setCurrentIndex(panel.mode.findData("top_k"))
        assert panel.top_k.isEnabled() and not panel.top_share.isEnabled()
        panel.top_k.setValue(0)
        qtbot.mouseClick(panel.apply_button, Qt.LeftButton)
        assert not panel.errors["top_k"].isHidden()
        assert "must be at least 1" in panel.errors["top_k"].text()
        assert read_live_policy().version == 1
        panel.top_k.setValue(1)
        panel.rise_points.setValue(0)

        # Backtest on the pool: progress, then the figures and the sweep.
        panel.snapshots.setValue(2)
        with qtbot.waitSignal(panel.backtested, timeout=120_000) as got:
            qtbot.mouseClick(panel.backtest_button, Qt.LeftButton)
            assert not panel.backtest_button.isEnabled() and panel.cancel_button.isEnabled()
        report = got.args[0]
        assert report["policy"] == "top 1 by expected lost revenue per day"
        text = panel.figures.text()
        for label in ("Precision", "Recall", "Alerts per day", "Alerts per agent per day",
                      "Median lead time", "Revenue covered"):  # fmt: skip
            assert label in text
        assert "Backtested with model" in panel.progress.text()
        assert not panel.chart.is_empty
        names = [s.name for s in panel.chart.series]
        assert names[:2] == ["precision", "recall"]
        assert panel.backtest_button.isEnabled() and not panel.cancel_button.isEnabled()

        # Apply: live, audited, shown.
        qtbot.mouseClick(panel.apply_button, Qt.LeftButton)
        live = read_live_policy()
        assert live.policy == AlertPolicy(mode=PolicyMode.TOP_K, top_k=1, rise_points=0.0)
        assert live.version == 2
        audit = m.AuditLog.get(m.AuditLog.action == "alert_policy.apply")
        assert audit.after["top_k"] == 1 and audit.before["mode"] == "top_share"
        assert "applied by Supervisor One" in panel.live_label.text()
    finally:
        win.connection.timer.stop()


def test_a_backtest_can_be_cancelled(
    qtbot: QtBot, database, tmp_path, cheap_password_hashing
) -> None:
    _history()
    win, panel = _panel(qtbot, database, _user("supervisor"), tmp_path)
    try:
        state = panel.run_backtest()
        assert state is not None
        panel.cancel_backtest()  # asked before the first cutoff is scored: it stops there
        qtbot.waitUntil(lambda: panel.backtest_state is None, timeout=120_000)
        assert panel.progress.text() == "Backtest cancelled"
        assert panel.report is None and panel.backtest_button.isEnabled()
    finally:
        win.connection.timer.stop()


def test_an_agent_sees_the_policy_read_only(
    qtbot: QtBot, database, tmp_path, cheap_password_hashing
) -> None:
    m.AlertPolicySetting.update(mode="threshold", threshold=0.35).execute()
    win, panel = _panel(qtbot, database, _user("agent"), tmp_path)
    try:
        assert "Live: churn probability at least 35%" in panel.live_label.text()
        assert panel.mode.currentData() == "threshold"
        assert panel.threshold.value() == pytest.approx(35.0)
        for widget in (*panel.editors, panel.apply_button):
            assert not widget.isEnabled()
        assert panel.apply_button.toolTip() == (
            "Only supervisors and admins may apply an alert policy."
        )
        panel.apply()  # even called directly it writes nothing
        assert read_live_policy().version == 1
        assert panel.backtest_button.isEnabled(), "a backtest only reads"
    finally:
        win.connection.timer.stop()
