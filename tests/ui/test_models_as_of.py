"""The window's Score now picks the as-of like `churnwatch score`, and shows it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db import models as m
from tests.churn_helpers import customer, order, quick_model
from tests.ui.test_models_page import open_models, supervisor, wait_job, window  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_score_now_on_an_old_history_scores_as_of_its_end_and_says_so(
    qtbot,
    window,  # noqa: F811 - the fixture imported above
    database,
):
    model = quick_model(status="active", name="m1")
    m.ModelVersion.update(
        training_summary={"horizon_days": 90, "as_of": "2024-06-01 00:00:00"}
    ).where(m.ModelVersion.id == model.id).execute()
    who = customer(since=date(2020, 1, 1))
    order(who, datetime(2024, 5, 31, 10, 0))
    page = open_models(qtbot, window)
    page.score()
    wait_job(qtbot, page, "score")

    run = m.ScoringRun.get()
    assert run.as_of == datetime(2024, 6, 1)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Run #{run.id}: 1 customers scored")
    assert ", as of 2024-06-01 00:00. As of 2024-06-01: the newest activity (2024-05-31)" in message
    assert page.runs.horizontalHeaderItem(7).text() == "As of"
    assert page.runs.item(0, 7).text() == "2024-06-01 00:00"
    assert "(trained as of 2024-06-01)" in page.summary.text()
    assert "as of 2024-06-01" in page.summary.text().split("last run")[1]
