"""The backtest over a stored history, on both backends: past cutoffs scored with the model,
the replay worked out by hand, and `churnwatch backtest --json`."""

from __future__ import annotations

import json
from datetime import date, datetime

import peewee as pw
import pytest

from desktop.cli import main
from desktop.core.churn.policy import AlertPolicy, PolicyMode
from desktop.core.churn.policy.runner import run_backtest
from tests.churn_helpers import customer, order, quick_model

AS_OF = datetime(2026, 6, 1)
# Quick models carry no training summary: status definition, 90-day horizon. Two cutoffs a week
# apart, the last one a horizon before AS_OF: 2026-02-24 and 2026-03-03.


def _history() -> dict[str, int]:
    since = date(2023, 1, 1)
    a = customer("A", since=since, status="churned", churned_at=datetime(2026, 3, 20))
    d = customer("D", since=since, status="churned", churned_at=datetime(2026, 5, 1))
    b = customer("B", since=since)
    c = customer("C", since=since)
    order(a, datetime(2025, 9, 1))  # silent 176 days at the first cutoff
    order(d, datetime(2025, 6, 1))  # silent 268 days: the highest risk
    order(b, datetime(2026, 2, 20))
    order(c, datetime(2026, 1, 1))
    return {"A": a.id, "B": b.id, "C": c.id, "D": d.id}


def test_top_one_a_week_by_hand(database: pw.Database) -> None:
    """Equal spend and tenure, so the ranking is the model's: D first (2026-02-24, churns 66 days
    later), then D holds its alert and A goes (2026-03-03, churns 17 days later)."""
    _history()
    quick_model()
    policy = AlertPolicy(mode=PolicyMode.TOP_K, top_k=1, rise_points=0)
    report = run_backtest(
        database, policy, as_of=AS_OF, snapshots=2, step_days=7, agents=1, sweep_too=False
    )
    assert report["cutoffs"] == ["2026-02-24", "2026-03-03"]
    r = report["result"]
    assert (r["alerts"], r["true_alerts"], r["churners"], r["churners_caught"]) == (2, 2, 2, 2)
    assert r["precision"] == 1.0 and r["recall"] == 1.0
    assert r["median_lead_days"] == pytest.approx((66 + 17) / 2)
    assert r["alerts_per_day"] == pytest.approx(2 / 14)


def test_cli_backtest_json_and_sweep(
    db_url: str, database: pw.Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _history()
    quick_model()
    code = main(
        ["--db", db_url, "backtest", "--as-of", "2026-06-01", "--snapshots", "2",
         "--top-share", "100%", "--sweep", "--json"]
    )  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == 0
    report = json.loads(out)
    r = report["result"]
    # Everyone alerted at the first cutoff: the two churners of four.
    assert (r["alerts"], r["true_alerts"], r["recall"]) == (4, 2, 1.0)
    assert r["median_lead_days"] == pytest.approx((24 + 66) / 2)
    shares = [p["policy"]["top_share"] for p in report["sweep"]]
    assert shares == sorted(shares) and len(shares) == 8


def test_cli_backtest_refuses_a_bad_share_in_one_line(
    db_url: str, database: pw.Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db_url, "backtest", "--top-share", "150%"])
    assert exit_info.value.code == 2
    assert "--top-share" in capsys.readouterr().err


def test_cli_backtest_without_a_model_names_it(
    db_url: str, database: pw.Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", db_url, "backtest"])
    assert code == 2
    assert "model" in capsys.readouterr().err


def test_cli_backtest_apply_makes_the_tested_policy_live(
    db_url: str,
    database: pw.Database,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cheap_password_hashing: None,
) -> None:
    from db import models as m
    from db.passwords import hash_password
    from desktop.core.churn.policy.live import read_live_policy

    _history()
    quick_model()
    m.User.create(username="sam", email="sam@staff.example", display_name="Sam",
                  role="supervisor", password_hash=hash_password("pw-sam-123"))  # fmt: skip
    args = ["--db", db_url, "backtest", "--as-of", "2026-06-01", "--snapshots", "2",
            "--mode", "top_k", "--top-k", "1", "--apply"]  # fmt: skip
    assert main(args) == 2, "applying needs --as"
    assert "--as" in capsys.readouterr().err
    assert read_live_policy().version == 1
    monkeypatch.setenv("CHURNWATCH_PASSWORD", "pw-sam-123")
    assert main([*args, "--as", "sam"]) == 0
    out = capsys.readouterr().out
    assert "precision 100.0%" in out
    assert "Live alert policy (version 2): top 1 by expected lost revenue per day" in out
    live = read_live_policy()
    assert (live.policy.mode, live.policy.top_k, live.set_by) == (PolicyMode.TOP_K, 1, "Sam")
