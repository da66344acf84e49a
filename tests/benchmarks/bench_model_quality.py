"""Benchmark: the model `churnwatch train` picks beside two classic peers, on exactly the same
customers, cutoff and labels.

    .venv/bin/python tests/benchmarks/bench_model_quality.py [--customers N] [--orders FILE.csv]
        [--simulated N] [--work DIR]

Settings, each in its own SQLite database under --work (default: a temporary folder):
- demo: `churnwatch init-db` and `churnwatch demo --customers N` (default 3,000), churn by
  account status (the demo's churned_at), `train`'s defaults;
- demo, orders only: the same database with every table but customers and orders emptied and
  the customers' status, churn date, points and attributes cleared; churn by inactivity (no
  order in the last 90 days of the horizon);
- an order file: `--orders FILE.csv` through the real importer (`churnwatch import orders
  --create-customers`), churn by inactivity; `--simulated N` writes such a file first from the
  BG/NBD story with a yearly season (`simulate`) and imports it the same way.

ChurnWatch: `training.train_models` (the code `train` runs), as of `churn.as_of.default_as_of`;
its winner's probabilities on the validation snapshot (out-of-time, or out-of-fold when training
validated by k-fold). Peers, fitted on exactly the training rows the winner was fitted on
(snapshots rebuilt with `build_snapshot`, the same cutoffs, sample and labels) and scored on
the same validation rows: a plain logistic regression on log recency, frequency, monetary value
and tenure; and BG/NBD — fitted as of each snapshot's cutoff on the orders before it — as the
probability of no purchase in the horizon (1 - P(alive) * (1 - exp(-E[Y] / P(alive))), a
Poisson approximation), recalibrated by a logistic fit on the training rows.
Printed: ROC AUC, PR AUC, Brier, decile ECE, and the paired bootstrap 95 % interval of the ROC
AUC difference (winner minus peer, 1,000 resamples of the validation rows).
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline as sk_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import models as m
from db.connection import connect
from desktop.core.churn.as_of import default_as_of
from desktop.core.churn.features import build_feature_spec, fit_history
from desktop.core.churn.training.fitting import KFOLD, KFOLD_SPLITS, _cutoffs, train_models
from desktop.core.churn.training.snapshots import ChurnDefinition, TrainingConfig, build_snapshot

CLI = [sys.executable, "-m", "desktop.cli"]
ORDERS_ONLY_EMPTIED = (
    "order_item", "subscription", "payment_method", "payment_transaction", "customer_event",
    "ticket_message", "support_ticket", "churn_record", "customer_health_score",
)  # fmt: skip

HORIZON = 90.0


def simulate(n: int, seed: int = 3) -> dict[str, list[tuple[float, float]]]:
    """BG/NBD customers over 3 years, with a yearly season in their purchase rate."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(0.9, 1 / 30.0, n)  # purchases per day
    p = rng.beta(1.5, 6.0, n)
    start = rng.uniform(0, 700, n)
    value = rng.gamma(2.0, 30.0, n)
    out: dict[str, list[tuple[float, float]]] = {}
    for i in range(n):
        t = start[i]
        rows = [(t, value[i])]
        while t < 1095:
            t += rng.exponential(1.0 / lam[i])
            season = 1.0 + 0.6 * np.sin(2 * np.pi * t / 365.0)
            if rng.random() > season / 1.6:  # thinning: fewer orders off-season
                continue
            if t >= 1095:
                break
            rows.append((t, value[i] * rng.uniform(0.7, 1.3)))
            if rng.random() < p[i]:
                break
        out[str(i)] = rows
    return out


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    order = np.argsort(p)
    total = 0.0
    for part in np.array_split(order, bins):
        if part.size:
            total += part.size * abs(float(y[part].mean()) - float(p[part].mean()))
    return total / y.size


def report(name: str, y: np.ndarray, p: np.ndarray) -> None:
    print(f"  {name:<32} ROC AUC {roc_auc_score(y, p):.4f}  PR AUC "
          f"{average_precision_score(y, p):.4f}  Brier {brier_score_loss(y, p):.4f}  "
          f"ECE {ece(y, p):.4f}")  # fmt: skip


def bootstrap(y: np.ndarray, a: np.ndarray, b: np.ndarray, reps: int = 1000) -> tuple[float, float]:
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(reps):
        idx = rng.integers(0, y.size, y.size)
        if y[idx].min() == y[idx].max():
            continue
        diffs.append(roc_auc_score(y[idx], a[idx]) - roc_auc_score(y[idx], b[idx]))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return float(lo), float(hi)


def write_orders(orders: dict[str, list[tuple[float, float]]], path: Path) -> None:
    """The simulated histories as an order file a shop would export (dates from 2023-01-01)."""
    origin = date(2023, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["order_id", "customer_id", "order_date", "total"])
        n = 0
        for cid, rows in orders.items():
            for day, amount in rows:
                n += 1
                when = origin + timedelta(days=int(day))
                out.writerow([f"S{n}", f"C{cid}", when.isoformat(), f"{amount:.2f}"])


def cli(url: str, *args: str) -> None:
    subprocess.run([*CLI, "--db", url, *args], check=True, stdout=subprocess.DEVNULL)


def orders_only(source: Path, target: Path) -> None:
    """A copy of the demo with nothing but customers (their ids, dates) and orders."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with sqlite3.connect(target) as con:
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        for table in ORDERS_ONLY_EMPTIED:
            if table in names:
                con.execute(f"DELETE FROM {table}")
        con.execute(
            "UPDATE customer SET account_status = 'active', churned_at = NULL, "
            "loyalty_points = 0, custom_attributes = NULL"
        )


def peer_rows(x: np.ndarray, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(RFM + tenure, BG/NBD logit of no purchase in the horizon) from the feature matrix."""
    col = {n: j for j, n in enumerate(names)}
    rfm = np.column_stack(
        [x[:, col[n]] for n in ("recency_days", "orders_total", "avg_order_value", "tenure_days")]
    )
    alive = np.clip(x[:, col["btyd_p_alive"]], 1e-9, 1.0)
    expected = x[:, col["btyd_expected_orders"]]
    none = 1.0 - alive * (1.0 - np.exp(-expected / alive))
    none = np.clip(none, 1e-6, 1 - 1e-6)
    # BG/NBD describes buyers only: a customer without an order gets logit 0 and a flag of
    # their own, not the 13.8 of a clipped "surely no purchase" that would bend the linear fit
    # (on the demo's orders-only copy it turned the peer's slope negative).
    bought = x[:, col["has_ordered"]] > 0
    logit = np.where(bought, np.log(none / (1 - none)), 0.0)
    return np.log1p(np.maximum(rfm, 0.0)), np.column_stack([logit, ~bought])


def run(label: str, url: str, definition: ChurnDefinition) -> None:
    database, _ = connect(url)
    probe = default_as_of(90)
    config = TrainingConfig(as_of=probe.value, churn_definition=definition)
    # The demo has staff accounts: train as its first admin, as `train --as` would.
    admin = m.User.select().where(m.User.role == "admin").order_by(m.User.id).first()
    result = train_models(database, config, user=admin)
    winner = result.winner
    y, p_cw = result.validation_y, winner.validation_probabilities
    # The same rows again, for the peers: the cutoffs, spec, fits and sample train used.
    validation_cutoff, training_cutoffs = _cutoffs(config, probe.value)
    spec = build_feature_spec(database, validation_cutoff, horizon_days=config.horizon_days)
    fraction = float(result.summary["sample_fraction"])

    def snap(cutoff):  # type: ignore[no-untyped-def]
        return build_snapshot(
            database, cutoff, config, fit_history(spec, cutoff), fraction=fraction,
            newest=cutoff == validation_cutoff,
        )  # fmt: skip

    validation = snap(validation_cutoff)
    assert np.array_equal(validation.ids, result.validation_ids), "not the winner's rows"
    names = spec.names
    v_rfm, v_bg = peer_rows(validation.x, names)
    rfm_model = sk_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    bg_model = LogisticRegression()
    if result.summary["validation_protocol"] == KFOLD:
        folds = StratifiedKFold(KFOLD_SPLITS, shuffle=True, random_state=config.seed)
        p_rfm = cross_val_predict(rfm_model, v_rfm, y, cv=folds, method="predict_proba")[:, 1]
        p_bg = cross_val_predict(bg_model, v_bg, y, cv=folds, method="predict_proba")[:, 1]
    else:
        training = [snap(c) for c in training_cutoffs]
        training = [s for s in training if s.y.size]
        t_x = np.vstack([s.x for s in training])
        t_y = np.concatenate([s.y for s in training])
        t_rfm, t_bg = peer_rows(t_x, names)
        p_rfm = rfm_model.fit(t_rfm, t_y).predict_proba(v_rfm)[:, 1]
        p_bg = bg_model.fit(t_bg, t_y).predict_proba(v_bg)[:, 1]
    params = result.summary.get("btyd_parameters")
    fitted = "none" if not params else " ".join(f"{v:.3g}" for v in params)
    print(
        f"{label}: as of {probe.value:%Y-%m-%d}, churn by {definition}, "
        f"{result.summary['validation_protocol']}, {y.size:,} validation customers, "
        f"churn rate {y.mean():.1%}; BG/NBD r, alpha, a, b = {fitted}"
    )
    report(f"ChurnWatch winner ({winner.algorithm})", y, p_cw)
    report("peer: RFM + tenure logistic", y, p_rfm)
    report("peer: BG/NBD (recalibrated)", y, p_bg)
    for name, peer in (("RFM+tenure LR", p_rfm), ("BG/NBD", p_bg)):
        lo, hi = bootstrap(y, p_cw, peer)
        print(f"  ROC AUC difference vs {name}: 95 % interval [{lo:+.4f}, {hi:+.4f}]")
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=3000, help="demo customers")
    parser.add_argument("--orders", type=Path, help="an order file to import and compare on")
    parser.add_argument("--simulated", type=int, default=0, help="simulated customers' orders")
    parser.add_argument("--work", type=Path, help="folder for the databases (default: temporary)")
    parser.add_argument("--skip-demo", action="store_true", help="only the order file runs")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_quality_"))
    work.mkdir(parents=True, exist_ok=True)
    if not args.skip_demo:
        demo = work / "demo.db"
        demo.unlink(missing_ok=True)
        cli(f"sqlite:///{demo}", "init-db")
        cli(f"sqlite:///{demo}", "demo", "--customers", str(args.customers))
        run(f"demo ({args.customers:,} customers)", f"sqlite:///{demo}", ChurnDefinition.STATUS)
        only = work / "orders_only.db"
        orders_only(demo, only)
        run("demo, orders only", f"sqlite:///{only}", ChurnDefinition.INACTIVITY)
    files = [args.orders] if args.orders else []
    if args.simulated:
        simulated = work / "simulated_orders.csv"
        write_orders(simulate(args.simulated), simulated)
        files.append(simulated)
    for i, path in enumerate(files):
        target = work / f"orders_{i}.db"
        target.unlink(missing_ok=True)
        cli(f"sqlite:///{target}", "init-db")
        cli(f"sqlite:///{target}", "import", "orders", str(path), "--create-customers")
        run(f"orders from {path.name}", f"sqlite:///{target}", ChurnDefinition.INACTIVITY)


if __name__ == "__main__":
    main()
