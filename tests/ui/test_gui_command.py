"""`churnwatch gui`: demo fill, scripted sign-in, and the screenshot run (docs, packaging)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from db import models as m
from desktop.cli import build_parser, main
from desktop.commands.gui import cmd_gui
from desktop.ui import style

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PAGES = ["dashboard", "customers", "alerts", "tickets", "models", "settings"]


def test_bare_churnwatch_opens_the_window():
    assert build_parser()._default_handler is cmd_gui


@pytest.mark.parametrize("command", [["gui"], []], ids=["churnwatch gui", "bare churnwatch"])
def test_screenshot_on_a_new_demo_database(db_url, tmp_path, qapp, capsys, command):
    shots = tmp_path / "shots"
    code = main(["--db", db_url, *command, "--demo", "--demo-customers", "30", "--screenshot",
                 str(shots)])  # fmt: skip
    assert code == 0
    names = sorted(p.name for p in shots.glob("*.png"))
    shown = [*PAGES, "audit"]  # the demo supervisor also has the Audit page
    assert names == [f"{i:02d}-{k}.png" for i, k in enumerate(shown, 1)] + ["08-customer-360.png"]
    for path in shots.glob("*.png"):
        image = QImage(str(path))
        assert image.width() >= 800 and image.height() >= 500
    assert "supervisor / supervisor-demo" in capsys.readouterr().err
    # The demo supervisor signed in (the audit log records it).
    signed = m.AuditLog.select().where(m.AuditLog.action == "user.sign_in").get()
    assert m.User.get_by_id(signed.user_id).username == "supervisor"


def test_scripted_sign_in_needs_the_right_password(db_url, tmp_path, qapp, monkeypatch, capsys):
    shots = tmp_path / "shots"
    assert main(["--db", db_url, "demo", "--customers", "5"]) == 0
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "wrong")
    assert main(["--db", db_url, "gui", "--user", "agent1", "--screenshot", str(shots)]) == 2
    assert "wrong username or password" in capsys.readouterr().err
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "agent-demo")
    assert main(["--db", db_url, "gui", "--user", "agent1", "--screenshot", str(shots)]) == 0
    assert len(list(shots.glob("*.png"))) == 7
    assert m.User.get(m.User.username == "agent1").last_login_at is not None


def test_dark_theme_screenshot(db_url, tmp_path, qapp):
    sheet, palette = qapp.styleSheet(), qapp.palette()
    shots = tmp_path / "shots"
    try:
        code = main(["--db", db_url, "gui", "--demo", "--demo-customers", "20", "--theme",
                     "dark", "--screenshot", str(shots)])  # fmt: skip
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
        style.icon.cache_clear()
    assert code == 0
    image = QImage(str(shots / "02-customers.png"))
    # The page is drawn dark: light text on dark backgrounds, on average.
    samples = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 17)
        for y in range(0, image.height(), 13)
    ]
    assert sum(samples) / len(samples) < 80
