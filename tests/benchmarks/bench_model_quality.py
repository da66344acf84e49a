"""Benchmark: an order-history model with BG/NBD and gap features beside the two classic peers,
on exactly the same customers, cutoff and labels.

    .venv/bin/python tests/benchmarks/bench_model_quality.py [--orders FILE.csv] [--customers N]

Data: `--orders` reads a plain CSV of customer_id,order_date,amount (header row; read here, as
the importer of branch i13-import is not on this branch); without it, order histories are
simulated from the BG/NBD story with a yearly season (tests/test_btyd.py's generator, extended).
NOT YET: the runs on the demo database (full, and orders only), and "ChurnWatch's winner" as
`train` picks it: the BG/NBD and gap features are not in the feature catalogue yet, so the
contender here is ChurnWatch's own calibrated pipelines (`training.make_pipeline`, logistic and
gradient-boosted, the better one by cross-validated log loss on the training half) on RFM +
tenure + gap + BG/NBD features.

Cutoff: the horizon (90 days) before the last order date. Label: no order in the 90 days after
the cutoff. Customers: everyone with an order before the cutoff, split 50/50 by id hash into a
training and an evaluation half. BG/NBD is fitted on the calibration period (orders before the
cutoff, no labels). Peers: a plain logistic regression on recency, frequency, monetary value and
tenure; BG/NBD's probability of no purchase in the horizon (1 - P(alive) * (1 - exp(-E[Y]/P)),
a Poisson approximation), recalibrated by a logistic fit on the training half.
Printed: ROC AUC, PR AUC, Brier, decile ECE, and the paired bootstrap 95 % interval of the ROC
AUC difference (contender minus peer, 1,000 resamples of the evaluation half).
"""

from __future__ import annotations

import argparse
import csv
import sys
import zlib
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline as sk_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.churn.features import btyd
from desktop.core.churn.features.gaps import gap_features
from desktop.core.churn.training import make_pipeline

HORIZON = 90.0


def read_orders(path: Path) -> dict[str, list[tuple[float, float]]]:
    out: dict[str, list[tuple[float, float]]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                day = float(date.fromisoformat(row["order_date"].strip()[:10]).toordinal())
                amount = float(row.get("amount") or 0.0)
            except (KeyError, ValueError):
                sys.exit(f"{path}: line {line}: needs customer_id,order_date (YYYY-MM-DD),amount")
            out.setdefault(row["customer_id"].strip(), []).append((day, amount))
    return out


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


def dataset(orders: dict[str, list[tuple[float, float]]]):  # type: ignore[no-untyped-def]
    last = max(d for rows in orders.values() for d, _ in rows)
    cutoff = last + 1 - HORIZON
    ids, days, amounts, labels = [], [], [], []
    for cid, rows in orders.items():
        before = sorted(d for d, _ in rows if d < cutoff)
        if not before:
            continue
        ids.append(cid)
        days.append(np.array(before))
        amounts.append(np.mean([a for d, a in rows if d < cutoff]))
        labels.append(0.0 if any(cutoff <= d < cutoff + HORIZON for d, _ in rows) else 1.0)
    first = np.array([d[0] for d in days])
    tenure = cutoff - first
    recency = np.array([cutoff - d[-1] for d in days])
    frequency = np.array([float(np.unique(np.floor(d)).size) for d in days])
    rfm = np.column_stack([recency, frequency, np.array(amounts), tenure])
    weeks = [(d - cutoff) / 7.0 for d in days]
    x, t_x, t_cal, _ = btyd.summarise(weeks, 0.0)
    params = btyd.fit(x, t_x, t_cal)
    alive = btyd.probability_alive(params, x, t_x, t_cal)
    expected = btyd.expected_purchases(params, HORIZON / 7.0, x, t_x, t_cal)
    no_purchase = 1.0 - alive * (1.0 - np.exp(-expected / np.maximum(alive, 1e-9)))
    g = gap_features(days, cutoff, tenure, HORIZON)
    rich = np.column_stack(
        [rfm, alive, expected, g.mean_gap_days, g.gap_cv, g.overdue_ratio,
         g.orders_same_window_last_year]
    )  # fmt: skip
    # A deterministic half by a hash of the id text (Python's hash() changes per process).
    half = np.array([zlib.crc32(c.encode()) % 2 == 0 for c in ids])
    return rfm, rich, no_purchase, np.array(labels), half, params, cutoff


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


def run(label: str, orders: dict[str, list[tuple[float, float]]]) -> None:
    rfm, rich, no_purchase, y, train, params, _cutoff = dataset(orders)
    test = ~train
    fitted = f"r={params.r:.3g} alpha={params.alpha:.3g} a={params.a:.3g} b={params.b:.3g}"
    print(f"{label}: {y.size:,} customers, churn rate {y.mean():.1%}, BG/NBD {fitted}")
    peer_rfm = sk_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    peer_rfm.fit(np.log1p(rfm[train]), y[train])
    p_rfm = peer_rfm.predict_proba(np.log1p(rfm[test]))[:, 1]
    logit = np.log(np.clip(no_purchase, 1e-6, 1 - 1e-6) / np.clip(1 - no_purchase, 1e-6, 1))
    peer_bg = LogisticRegression().fit(logit[train, None], y[train])
    p_bg = peer_bg.predict_proba(logit[test, None])[:, 1]
    best, best_loss = None, np.inf
    for algorithm in ("logistic_regression", "gradient_boosting"):
        model = make_pipeline(algorithm, seed=42, rows=int(train.sum()))
        oof = cross_val_predict(model, rich[train], y[train], cv=3, method="predict_proba")[:, 1]
        loss = log_loss(y[train], oof)
        if loss < best_loss:
            best, best_loss = algorithm, loss
    assert best is not None
    contender = make_pipeline(best, seed=42, rows=int(train.sum())).fit(rich[train], y[train])
    p_cw = contender.predict_proba(rich[test])[:, 1]
    yt = y[test]
    report(f"ChurnWatch pipeline ({best})", yt, p_cw)
    report("peer: RFM + tenure logistic", yt, p_rfm)
    report("peer: BG/NBD (recalibrated)", yt, p_bg)
    for name, peer in (("RFM+tenure LR", p_rfm), ("BG/NBD", p_bg)):
        lo, hi = bootstrap(yt, p_cw, peer)
        print(f"  ROC AUC difference vs {name}: 95 % interval [{lo:+.4f}, {hi:+.4f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=Path, help="CSV of customer_id,order_date,amount")
    parser.add_argument("--customers", type=int, default=6000, help="simulated customers")
    args = parser.parse_args()
    if args.orders:
        run(f"orders from {args.orders}", read_orders(args.orders))
    else:
        run(f"simulated order histories ({args.customers:,} customers)", simulate(args.customers))


if __name__ == "__main__":
    main()
