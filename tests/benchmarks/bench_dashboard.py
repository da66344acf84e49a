"""Dashboard benchmark: each dashboard query beside raw PyMySQL running the same SQL, and the frame
time of panning a 1,000,000-point series.

    .venv/bin/python tests/benchmarks/bench_dashboard.py [--mysql URL] [--customers N] [--points N]

The database must hold demo data (`churnwatch --db URL demo --customers N`); with `--customers` and
fewer customers present, the benchmark creates it first. When no model has scored yet, churn
probabilities are filled with a fixed pseudo-random value per customer so the risk queries have
something to aggregate (said in the output).

The probability histogram is read from the latest completed scoring run's stored bins (issue 11);
when no run has them, one completed run is stored with bins counted from the customers (said in
the output), and the counted query is measured beside it. The whole refresh is timed both one
query after the other and side by side on two threads, as the window's database pool runs it.

Goals (issue 5): each query under 500 ms; panning at 30 frames per second or more.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
import pymysql

from db import models as m
from db.connection import connect, parse_url
from db.migrations import init_db
from desktop.core.read import dashboard as d

REPEATS = 5


class QueryLog:
    """Collects the SQL Peewee sends (statement and parameters), to replay it through raw
    PyMySQL. Read at the database's `execute_sql`: the log records have their values redacted."""

    def __init__(self, database: Any) -> None:
        self.database = database
        self.queries: list[tuple[str, tuple]] = []

    def __enter__(self) -> QueryLog:
        real = type(self.database).execute_sql

        def execute_sql(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
            self.queries.append((sql, tuple(params or ())))
            return real(self.database, sql, params, *args, **kwargs)

        self.database.execute_sql = execute_sql
        return self

    def __exit__(self, *exc: object) -> None:
        del self.database.execute_sql


def best_of(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def ensure_data(url: str, customers: int) -> None:
    database, _ = connect(url, create=True)
    have = m.Customer.select().count() if database.table_exists("customer") else 0
    database.close()
    if have >= customers:
        return
    print(f"creating {customers:,} demo customers in {url} (this takes a while)…", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "--db",
            url,
            "demo",
            "--reset",
            "--customers",
            str(customers),
        ],
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mysql", default="mysql://root@127.0.0.1:3306/churnwatch_bench")
    parser.add_argument("--customers", type=int, default=0, help="create demo data if fewer")
    parser.add_argument("--points", type=int, default=1_000_000)
    args = parser.parse_args()

    if args.customers:
        ensure_data(args.mysql, args.customers)
    database, url = connect(args.mysql)
    init_db(database)  # a demo made before the runs kept their bins is upgraded (step 6)
    customers = m.Customer.select().count()
    if not m.Customer.select().where(m.Customer.churn_probability.is_null(False)).exists():
        database.execute_sql(
            "UPDATE customer SET churn_probability = RAND(id), risk_level = CASE"
            " WHEN RAND(id) >= 0.8 THEN 'CRITICAL' WHEN RAND(id) >= 0.6 THEN 'HIGH'"
            " WHEN RAND(id) >= 0.4 THEN 'MEDIUM' ELSE 'LOW' END"
        )
        print("no model has scored yet: filled churn probabilities with RAND(id)")
    ensure_run_with_bins()
    now = m.utcnow()
    period = d.Period.last(90, now)
    year = d.Period.last(365, now)
    queries: dict[str, Callable[[], object]] = {
        "customers by risk": d.customers_by_risk,
        "revenue at risk": d.revenue_at_risk,
        "churn rate 30 days": lambda: d.churn_rate(d.Period.last(30, now)),
        "open alerts (with ack.)": d.open_alerts,
        "median alert response": lambda: d.median_alert_response(d.Period.last(30, now)),
        "median ticket resolution": lambda: d.median_ticket_resolution(d.Period.last(30, now)),
        "interventions": lambda: d.intervention_summary(d.Period.last(30, now)),
        "churn rate by month (12)": lambda: d.churn_rate_by_month(year),
        "risk by scoring run": lambda: d.risk_distribution_by_run(period),
        "probability histogram": d.probability_histogram,
        "  counted (the old way)": d.counted_probability_histogram,
        "data currency": d.data_currency,
        "alerts per day (90)": lambda: d.alert_volume_and_response(period),
        "tickets per day (90)": lambda: d.ticket_backlog_and_resolution(period),
        "system metrics (90)": lambda: d.system_metric_series(d.metric_names()[:3], period),
        "model metrics": d.model_metrics_by_version,
    }

    parsed = parse_url(args.mysql)
    raw = pymysql.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.user,
        password=parsed.password or "",
        database=parsed.database,
        charset="utf8mb4",
    )

    version = ".".join(map(str, database.server_version))
    print(f"\n{url}: {customers:,} customers, MariaDB {version}")
    header = f"{'query':<28}{'ChurnWatch ms':>15}{'raw PyMySQL ms':>16}{'ratio':>8}{'SQL':>5}"
    print(header + "  goal <500 ms")
    worst = 0.0
    for name, fn in queries.items():
        with QueryLog(database) as capture:
            fn()
        ours = best_of(fn)

        def replay(statements: list[tuple[str, tuple]] = capture.queries) -> None:
            with raw.cursor() as cur:
                for sql, params in statements:
                    cur.execute(sql, params)
                    cur.fetchall()

        floor = best_of(replay)
        worst = max(worst, ours)
        verdict = "ok" if ours < 500 else "SLOW"
        print(
            f"{name:<28}{ours:>15.1f}{floor:>16.1f}{ours / floor if floor else 0:>8.2f}"
            f"{len(capture.queries):>5}  {verdict}"
        )
    one_refresh = best_of(lambda: d.load_dashboard(period, now))
    print(f"{'whole refresh (one thread)':<28}{one_refresh:>15.1f}")
    pool = ThreadPoolExecutor(2)  # the window's database pool: two threads, a connection each
    side_by_side = best_of(lambda: refresh_on(pool, database, period, now))
    print(f"{'whole refresh (2 threads)':<28}{side_by_side:>15.1f}")
    pool.shutdown()
    raw.close()
    database.close()

    frame_times = pan_frame_times(args.points)
    p50, p95 = np.percentile(frame_times, [50, 95])
    print(
        f"\npanning {args.points:,} points: median frame {p50:.1f} ms, p95 {p95:.1f} ms "
        f"→ {1000 / statistics.mean(frame_times):.0f} frames/s (goal ≥ 30)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; slowest query {worst:.0f} ms")


def ensure_run_with_bins() -> None:
    """A completed scoring run with stored bins for the histogram to read; without one (a demo
    nobody scored, or scored before runs kept bins) one is stored, its bins counted from the
    customers' estimates: reading them costs the same however the run was made."""
    latest = (
        m.ScoringRun.select()
        .where(m.ScoringRun.status == "completed")
        .order_by(m.ScoringRun.finished_at.desc(), m.ScoringRun.id.desc())
        .first()
    )
    if latest is not None and latest.probability_bins:
        return
    bins = [int(v) for v in d.counted_probability_histogram().y]
    version = m.ModelVersion.select().first() or m.ModelVersion.create(
        name="bench-histogram", algorithm="gradient_boosting", metrics={}
    )
    m.ScoringRun.create(
        model_version=version, status="completed", finished_at=m.utcnow(),
        total_customers=sum(bins), scored_customers=sum(bins), probability_bins=bins,
    )  # fmt: skip
    print("no completed run kept bins: stored one with bins counted from the customers")


def refresh_on(
    pool: ThreadPoolExecutor, database: Any, period: d.Period, now: Any
) -> d.DashboardData:
    """One refresh with its parts run side by side on the pool's threads, as the window does."""

    def run(fn: Callable[[], Any]) -> tuple[Any, float]:
        database.connect(reuse_if_open=True)
        return d.timed(fn)

    parts = d.refresh_parts(period, now)
    futures = {name: pool.submit(run, fn) for name, fn in parts.items()}
    answers = {name: future.result() for name, future in futures.items()}
    return d.assemble(
        period, now, {n: a[0] for n, a in answers.items()}, {n: a[1] for n, a in answers.items()}
    )


def pan_frame_times(points: int, frames: int = 120) -> list[float]:
    """Shift the visible range a little per frame and repaint synchronously, like a drag."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.widgets.charts import Chart

    app = QApplication.instance() or QApplication([])
    chart = Chart("pan", time_axis=True)
    chart.resize(1200, 500)
    x = 1.7e9 + np.arange(points, dtype=float) * 30
    y = np.sin(np.arange(points) / 5000) * 20 + np.random.default_rng(1).normal(0, 3, points)
    chart.set_lines([d.Series("metric", x, y)])  # type: ignore[arg-type]
    chart.show()
    app.processEvents()
    view = chart.plot.getPlotItem().vb
    span = (x[-1] - x[0]) / 4
    start = x[0]
    times = []
    for i in range(frames):
        begin = time.perf_counter()
        left = start + (i / frames) * (x[-1] - x[0] - span)
        view.setXRange(left, left + span, padding=0)
        chart.plot.repaint()
        app.processEvents()
        times.append((time.perf_counter() - begin) * 1000)
    chart.close()
    return times


if __name__ == "__main__":
    main()
