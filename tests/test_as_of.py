"""The as-of date of training and scoring: now, or the day after the data's newest activity."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db import models as m
from desktop.cli import main
from desktop.core.churn.as_of import default_as_of, newest_activity
from tests.churn_helpers import customer, days, event, order, quick_model

NOW = datetime(2026, 3, 15, 14, 30)


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (89, NOW),  # a full horizon of data after it: now
        (90, NOW),  # exactly the horizon ago: still now
        (91, datetime(2025, 12, 15)),  # one day more: midnight after the activity
    ],
)
def test_default_as_of_moves_back_only_past_the_horizon(database, age, expected):
    who = customer()
    order(who, datetime(2025, 1, 1))
    order(who, datetime.combine(NOW.date() - days(age), datetime.min.time()).replace(hour=9))
    chosen = default_as_of(90, now=NOW)
    if age == 91:
        assert expected.date() - days(1) == NOW.date() - days(91)
    assert chosen.value == expected
    assert chosen.moved == (age == 91)
    if chosen.moved:
        assert chosen.note is not None
        assert "As of 2025-12-15" in chosen.note and "91 days old" in chosen.note
        assert "--as-of" in chosen.note


def test_events_count_as_activity_and_a_given_date_is_kept(database):
    who = customer()
    order(who, NOW - days(400))
    event(who, NOW - days(30))
    assert newest_activity() == NOW - days(30)
    assert default_as_of(90, now=NOW).value == NOW
    given = datetime(2024, 1, 1)
    chosen = default_as_of(30, given=given, now=NOW)
    assert chosen.value == given and not chosen.moved


def test_no_activity_means_now(database):
    customer()
    chosen = default_as_of(90, now=NOW)
    assert chosen.value == NOW and chosen.newest_activity is None and not chosen.moved


def test_train_on_an_old_history_says_the_as_of_and_the_hint_names_it(database, db_url, capsys):
    who = customer(since=date(2020, 1, 1))
    order(who, m.utcnow() - days(400))
    assert main(["--db", db_url, "train"]) == 2
    captured = capsys.readouterr()
    newest = (m.utcnow() - days(400)).date()
    moved = newest + days(1)
    notes = [line for line in captured.out.splitlines() if line.startswith("As of")]
    assert notes == [
        f"As of {moved:%Y-%m-%d}: the newest activity ({newest:%Y-%m-%d}) is 400 days old, "
        "more than the 90-day horizon, so the day after it is used (choose another with "
        "--as-of DATE)"
    ]
    assert "--as-of YYYY-MM-DD" in captured.err  # the refusal's hint


def test_score_as_of_defaults_to_the_end_of_an_old_history(database, db_url, capsys):
    quick_model(name="m1")
    who = customer(since=date(2020, 1, 1))
    last = datetime(2024, 5, 31, 10, 0)
    order(who, last)
    assert main(["--db", db_url, "score", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    run = m.ScoringRun.select().order_by(m.ScoringRun.id.desc()).first()
    assert run.as_of == datetime(2024, 6, 1)
    assert out.splitlines()[0].startswith("As of 2024-06-01: the newest activity (2024-05-31)")
    assert f"Run {run.id} (completed, model m1, as of 2024-06-01 00:00): 1 customers" in out
    # Features as of then: the last order was 14 hours before, not years.
    prediction = m.ChurnPrediction.get(m.ChurnPrediction.run == run.id)
    factors = {f["feature"]: f["value"] for f in prediction.factors}
    assert factors["recency_days"] == pytest.approx(14 / 24, abs=1e-3)

    assert main(["--db", db_url, "score", "--workers", "1", "--as-of", "2024-03-01"]) == 0
    out = capsys.readouterr().out
    run = m.ScoringRun.select().order_by(m.ScoringRun.id.desc()).first()
    assert run.as_of == datetime(2024, 3, 1)
    assert "As of 2024-03-01:" not in out and "as of 2024-03-01 00:00" in out


def test_score_of_recent_data_is_as_of_now(database, db_url, capsys):
    quick_model(name="m2")
    who = customer(since=date(2020, 1, 1))
    order(who, m.utcnow() - days(90))
    before = m.utcnow().replace(microsecond=0)
    assert main(["--db", db_url, "score", "--workers", "1"]) == 0
    assert not capsys.readouterr().out.startswith("As of")
    run = m.ScoringRun.select().order_by(m.ScoringRun.id.desc()).first()
    assert run.as_of >= before


def test_a_run_is_given_an_as_of_only_when_it_is_not_plain_now(database):
    """Runs of "now" keep joining each other; a moved or chosen date is passed on."""
    who = customer()
    order(who, NOW - days(10))
    assert default_as_of(90, now=NOW).run_value is None
    assert default_as_of(5, now=NOW).run_value == datetime(2026, 3, 6)
    assert default_as_of(90, given=datetime(2025, 1, 1), now=NOW).run_value == datetime(2025, 1, 1)
