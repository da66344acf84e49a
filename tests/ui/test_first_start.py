"""The first window shows what the product is for, and a machine that cannot show a window says
why in one line: the demo's first start trains and scores in the background and opens on the
Dashboard; missing Qt system libraries or no display at all exit 2 with what to do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from db import demo
from db import models as m
from db.choices import RunStatus
from desktop.cli import main
from desktop.core.churn import first_model
from desktop.ui import app
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_demos_first_start_trains_and_scores_in_the_background(
    database, db_url, qtbot, tmp_path, cheap_password_hashing
):
    from db.connection import parse_url

    demo.generate_demo(database, customers=100)
    assert first_model.missing_step() == "train"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    user = m.User.get(m.User.username == "supervisor")
    window = MainWindow(AppContext.create(database, parse_url(db_url), user, settings))
    qtbot.addWidget(window)
    window.show_page("dashboard")
    window.show()

    state = app.prepare_first_model(window)

    assert state is not None and window.jobs.running, "a job in the status bar, not a wait"
    qtbot.waitUntil(lambda: not window.jobs.running, timeout=120_000)
    active = m.ModelVersion.get(m.ModelVersion.status == "active")
    run = m.ScoringRun.get(m.ScoringRun.model_version == active.id)
    assert run.status == RunStatus.COMPLETED and run.scored_customers > 0
    assert run.probability_bins and sum(run.probability_bins) == run.scored_customers
    assert m.Customer.select().where(m.Customer.risk_level.is_null(False)).count() > 0
    # The Dashboard reloads by itself and shows the scored customers.
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(
        lambda: (
            dashboard.data is not None
            and not dashboard.loading
            and sum(dashboard.data.risk_now.values()) == run.scored_customers
        ),
        timeout=30_000,
    )
    assert not dashboard.charts["histogram"].is_empty
    assert f"run #{run.id}" in dashboard.charts["histogram"].note.text()
    assert first_model.missing_step() is None
    assert app.prepare_first_model(window) is None, "only on the first start"
    window.close()


def test_a_demo_with_a_model_but_no_run_is_scored(database, cheap_password_hashing):
    from tests.churn_helpers import customer, quick_model

    quick_model(status="active", name="m-first")
    for _ in range(3):
        customer("First")
    assert first_model.missing_step() == "score"
    report = first_model.prepare(database)
    assert report is not None and report.trained is None and report.scored == 3
    assert first_model.prepare(database) is None


def test_demo_screenshot_opens_on_the_dashboard_with_risk(db_url, tmp_path, qapp):
    shots = tmp_path / "shots"
    code = main(["--db", db_url, "gui", "--demo", "--screenshot", str(shots)])
    assert code == 0
    assert m.ScoringRun.select().where(m.ScoringRun.status == RunStatus.COMPLETED).exists()
    assert m.Customer.select().where(m.Customer.risk_level.is_null(False)).exists()
    assert (shots / "01-dashboard.png").exists()


def _loader(missing: set[str]):
    def load(name: str) -> object:
        if name in missing:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        return object()

    return load


def test_missing_xcb_libraries_are_named_with_the_install_command() -> None:
    env = {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}
    problem = app.display_problem(
        env, "linux", _loader({"libxcb-icccm.so.4", "libxcb-keysyms.so.1"})
    )
    assert problem == (
        "Qt's xcb platform needs system libraries that are missing: libxcb-icccm.so.4, "
        "libxcb-keysyms.so.1; install them with: sudo apt-get install libxcb-icccm4 "
        "libxcb-keysyms1"
    )
    assert app.display_problem(env, "linux", _loader(set())) is None
    # Without QT_QPA_PLATFORM an X display means xcb too.
    assert app.display_problem({"DISPLAY": ":0"}, "linux", _loader({"libxcb-cursor.so.0"}))


def test_no_display_at_all_says_so() -> None:
    load = _loader(set())
    assert app.display_problem({}, "linux", load) == app.NO_DISPLAY
    assert app.display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", load) == app.NO_DISPLAY
    assert app.display_problem({"QT_QPA_PLATFORM": "wayland"}, "linux", load) == app.NO_DISPLAY
    assert app.display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", load) is None
    assert app.display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", load) is None
    assert app.display_problem({}, "win32", load) is None
    assert app.display_problem({}, "darwin", load) is None


def test_the_window_command_exits_2_with_one_line(monkeypatch, capsys, tmp_path) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["--db", f"sqlite:///{tmp_path / 'x.db'}", "gui"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"churnwatch: error: {app.NO_DISPLAY}"]

    monkeypatch.setenv("DISPLAY", ":99")
    real = app.display_problem
    missing = _loader({"libxcb-cursor.so.0"})
    monkeypatch.setattr(app, "display_problem", lambda: real(None, "linux", missing))
    assert main(["--db", f"sqlite:///{tmp_path / 'x.db'}", "gui"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "libxcb-cursor.so.0" in err[0]
    assert "sudo apt-get install libxcb-cursor0" in err[0]


def test_a_qt_library_that_does_not_load_is_named() -> None:
    exc = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    assert app.qt_import_problem(exc) == (
        "Qt cannot load a system library it needs: libEGL.so.1; install them with: "
        "sudo apt-get install libegl1"
    )
