"""The Models page driven like a supervisor would: train, activate, score now, resume."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from db import demo
from db import models as m
from db.passwords import hash_password
from desktop.core.churn import scoring
from desktop.core.churn.training import TrainingConfig
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.models import ModelsPage, TrainDialog
from tests.churn_helpers import customer, quick_model

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def supervisor(database, cheap_password_hashing) -> m.User:
    return m.User.create(
        username="sam", email="sam@staff.example", display_name="Sam Lead", role="supervisor",
        password_hash=hash_password("pw"),
    )  # fmt: skip


def make_window(qtbot: QtBot, database, user: m.User, tmp_path) -> MainWindow:
    from db.connection import parse_url

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext.create(database, parse_url("sqlite:///x.db"), user, settings)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def window(database, supervisor, qtbot: QtBot, tmp_path):
    win = make_window(qtbot, database, supervisor, tmp_path)
    yield win
    win.connection.timer.stop()


def open_models(qtbot: QtBot, win: MainWindow) -> ModelsPage:
    win.show_page("models")
    page: ModelsPage = win.pages["models"]
    qtbot.waitUntil(lambda: page.data is not None and not page.loading, timeout=20_000)
    return page


def wait_job(qtbot: QtBot, page: ModelsPage, key: str) -> None:
    qtbot.waitUntil(lambda: key not in page.busy, timeout=180_000)
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)


def test_train_from_the_window_lists_each_model_and_activates_the_winner(qtbot, database, tmp_path):
    demo.generate_demo(database, customers=800, seed=5, today=date.today())
    window = make_window(qtbot, database, m.User.get(m.User.username == "supervisor"), tmp_path)
    page = open_models(qtbot, window)
    assert page.summary.text() == "No model yet: Train one from the customers' history"
    assert not page.score_button.isEnabled()

    page.start_training(TrainingConfig(), activate=True)
    assert not page.train_button.isEnabled(), "one training at a time"
    wait_job(qtbot, page, "train")

    statuses = [page.versions.item(r, 2).text() for r in range(page.versions.rowCount())]
    assert sorted(statuses) == ["active · winner", "candidate", "candidate"]
    algorithms = {page.versions.item(r, 1).text() for r in range(page.versions.rowCount())}
    assert algorithms == {"logistic regression", "gradient boosting", "RFM logistic regression"}
    active = m.ModelVersion.get(m.ModelVersion.status == "active")
    assert f"Active model: <b>{active.name}</b>" in page.summary.text()
    assert page.score_button.isEnabled()
    # The selected version's curves are drawn from what training stored.
    assert not page.roc.is_empty and not page.calibration.is_empty
    # Calibration is shown beside the reliability curve, and in the metrics.
    ece = m.ModelVersion.get(m.ModelVersion.name == page._selected()["name"]).metrics["ece"]
    assert page.calibration.note.text() == f"· calibration error (decile ECE) {ece:.3f}"
    assert "Calibration error (decile ECE)" in page.details.text()
    assert "Log loss" in page.details.text()
    assert "out-of-time" in page.details.text()  # which protocol produced the metrics
    size = active.training_summary["population"]["size"]
    assert f"metrics describe {size:,} customers not yet churned" in page.details.text()
    assert page.importance.series[0].y == sorted(page.importance.series[0].y, reverse=True)
    assert "Trained 3 models" in window.statusBar().currentMessage()
    window.connection.timer.stop()


def test_score_now_scores_every_customer_on_a_thread_pool(qtbot, window, database):
    quick_model(status="active", name="m1")
    people = [customer(f"c{i}@x.example") for i in range(12)]
    page = open_models(qtbot, window)
    page.threads.setValue(2)

    page.score()
    assert not page.score_button.isEnabled(), "one run at a time from this window"
    wait_job(qtbot, page, "score")

    scored = m.Customer.select().where(m.Customer.churn_probability.is_null(False)).count()
    assert scored == len(people)
    run = m.ScoringRun.get()
    assert (run.status, run.scored_customers, run.total_customers) == ("completed", 12, 12)
    assert page.runs.item(0, 2).text() == "completed"
    assert page.runs.item(0, 3).text() == "12 / 12"
    assert window.statusBar().currentMessage().startswith(f"Run #{run.id}: 12 customers scored")


def test_a_cancelled_run_can_be_resumed(qtbot, window, database):
    quick_model(status="active", name="m1")
    for i in range(6):
        customer(f"c{i}@x.example")
    run = scoring.create_run(database, None, chunk_size=2, user=window.ctx.user)
    scoring.cancel_run(database, run.id, "cancelled by the user", user=window.ctx.user)
    page = open_models(qtbot, window)

    page.runs.selectRow(0)
    assert page.resume_button.isEnabled()
    page.resume_button.click()
    wait_job(qtbot, page, "score")

    assert m.ScoringRun.get_by_id(run.id).status == "completed"
    assert m.ChurnPrediction.select().where(m.ChurnPrediction.run == run.id).count() == 6


def test_a_stalled_run_shows_as_such_and_can_be_resumed(qtbot, window, database):
    """A scorer was killed: its run stays 'running' with nobody on it. The page says so and
    Resume takes it over; Score now would start a new run rather than join a dead one."""
    from datetime import timedelta

    quick_model(status="active", name="m1")
    for i in range(4):
        customer(f"c{i}@x.example")
    run = scoring.create_run(database, None, chunk_size=2, user=window.ctx.user)
    m.ScoringChunk.update(updated_at=m.utcnow() - timedelta(minutes=5)).execute()
    page = open_models(qtbot, window)
    assert page.runs.item(0, 2).text() == "stalled (no scorer left)"
    page.runs.selectRow(0)
    assert page.resume_button.isEnabled()
    page.resume_button.click()
    wait_job(qtbot, page, "score")
    assert m.ScoringRun.get_by_id(run.id).status == "completed"
    assert m.ChurnPrediction.select().where(m.ChurnPrediction.run == run.id).count() == 4


def test_activate_and_retire_buttons(qtbot, window, database):
    quick_model(status="active", name="old")
    quick_model(status="candidate", name="new")
    page = open_models(qtbot, window)
    names = [page.versions.item(r, 0).text() for r in range(page.versions.rowCount())]
    page.versions.selectRow(names.index("new"))
    assert page.activate_button.isEnabled()

    page.activate_button.click()
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert m.ModelVersion.get(m.ModelVersion.name == "new").status == "active"
    assert m.ModelVersion.get(m.ModelVersion.name == "old").status == "retired"
    assert page.selected_version() == "new", "the selection stays on the version acted on"
    assert not page.activate_button.isEnabled()

    page.retire_button.click()
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert m.ModelVersion.get(m.ModelVersion.name == "new").status == "retired"
    assert page.summary.text().startswith("No active model")
    assert not page.score_button.isEnabled()
    audit = [a.action for a in m.AuditLog.select().order_by(m.AuditLog.id)]
    assert audit == ["retire", "activate", "retire"]


def test_train_dialog_shows_a_bad_value_next_to_its_field(qtbot):
    dialog = TrainDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.horizon.setValue(3)
    dialog.accept()
    assert dialog.isVisible(), "the dialog stays open"
    assert dialog.errors["horizon_days"].isVisible()
    assert dialog.errors["horizon_days"].text() == "the horizon must be at least 7 days"
    assert dialog.horizon.value() == 3, "what the user typed is kept"
    dialog.horizon.setValue(30)
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.config().horizon_days == 30


def test_a_version_s_training_reads_in_french(qtbot, database, supervisor, tmp_path, qapp):
    """The algorithm, the dates, the churn definition, the protocol and the population the
    metrics describe: stored as codes and English rules, shown in the viewer's language."""
    from PySide6.QtCore import QLocale

    from desktop.ui import i18n

    m.ModelVersion.create(
        name="churn-fr", algorithm="logistic_regression", status="active",
        trained_at=datetime(2026, 3, 4, 5, 6, 7),
        metrics={"roc_auc": 0.7123, "accuracy": 0.8},
        training_summary={
            "as_of": "2026-03-01 00:00:00", "selected": True, "horizon_days": 90,
            "churn_definition": "inactivity", "inactive_days": 120,
            "validation_protocol": "stratified k-fold",
            "train": {"rows": 1500, "churn_rate": 0.1,
                      "date_range": ["2025-11-02 00:00:00", "2026-01-31 00:00:00"]},
            "validation": {"rows": 400},
            "population": {"rule": "customers with an order in the 120 days before the cutoff",
                           "size": 1234},
        },
    )  # fmt: skip
    before = QLocale()
    i18n.install(qapp, "fr")
    try:
        win = make_window(qtbot, database, supervisor, tmp_path)
        page = open_models(qtbot, win)
        assert page.versions.item(0, 1).text() == "régression logistique"
        assert page.versions.item(0, 3).text() == "04/03/2026 05:06"
        assert page.versions.item(0, 4).text() == "0,712"
        assert "(entraîné au 01/03/2026)" in page.summary.text()
        page.versions.selectRow(0)
        details = page.details.text()
        assert "– régression logistique, actif" in details
        assert "02/11/2025 → 31/01/2026" in details
        assert "aucune commande depuis 120 jours" in details
        assert "validation croisée stratifiée" in details
        assert "1 234 clients ayant commandé dans les 120 jours" in details.replace("\u202f", " ")
        assert "customers" not in details and "cutoff" not in details
        win.connection.timer.stop()
    finally:
        i18n.uninstall(qapp)
        QLocale.setDefault(before)
