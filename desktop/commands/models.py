"""Churn model subcommands: `train`, `models` (list, activate, retire) and `score`.

The model code (scikit-learn, skops) is imported by the handlers, not here: every `churnwatch`
command builds the whole parser, and importing it up front cost every command over a second.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from db.tasks import Cancelled, TaskState
from desktop.commands.common import (
    ProgressPrinter,
    acting_user,
    add_as_option,
    int_up_to,
    open_database,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP

# The engine's defaults, repeated so the parser needs no heavy import (a test keeps them equal).
DEFAULT_CHUNK = 2_000
LEASE_SECONDS = 45  # the engine's: a live scorer renews it by heartbeat
CHURN_DEFINITIONS = ("status", "inactivity")
# Upper bounds of the int options: far beyond any sensible use, well inside what the database
# (run ids are 32-bit) and the date arithmetic accept.
MAX_RUN_ID = 2**31 - 1
MAX_CHUNK = 100_000
MAX_WORKERS = 64
MAX_LEASE_SECONDS = 86_400
MAX_DAYS = 3_650
MAX_SNAPSHOTS = 61  # the training settings' limit (60 training snapshots) plus validation
MIN_YEAR, MAX_YEAR = 1970, 9000


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    p = sub.add_parser(
        "train",
        help="train churn models on the history, compare them and store them as versions",
    )
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="train as if today were DATE (YYYY-MM-DD; default now, or the day after the "
        "newest activity when that is older than the horizon)",
    )
    p.add_argument(
        "--horizon-days",
        type=int_up_to(MAX_DAYS),
        default=90,
        metavar="N",
        help="predict churn within N days (default 90)",
    )
    p.add_argument(
        "--churn-definition",
        choices=CHURN_DEFINITIONS,
        default=CHURN_DEFINITIONS[0],
        help="status: the account was marked churned; inactivity: no order for --inactive-days",
    )
    p.add_argument(
        "--inactive-days",
        type=int_up_to(MAX_DAYS),
        default=90,
        metavar="N",
        help="days without an order that count as churn (default 90)",
    )
    p.add_argument(
        "--snapshots",
        type=int_up_to(MAX_SNAPSHOTS),
        default=4,
        metavar="N",
        help="periods to learn from: N-1 for training and the newest for validation "
        "(default 4); 1 = a single period (a snapshot export), validated by stratified k-fold",
    )
    p.add_argument(
        "--snapshot-step",
        type=int_up_to(MAX_DAYS),
        default=30,
        metavar="DAYS",
        help="days between training snapshots (default 30)",
    )
    p.add_argument("--activate", action="store_true", help="make the winner the active model")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_as_option(p)
    p.set_defaults(handler=cmd_train)

    p = sub.add_parser("models", help="list model versions and their metrics; activate, retire")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_models)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser("activate", help="make a version the model scoring uses")
    a.add_argument("name", metavar="NAME")
    add_as_option(a)
    a.set_defaults(handler=cmd_activate)
    a = actions.add_parser("retire", help="take a version out of use")
    a.add_argument("name", metavar="NAME")
    add_as_option(a)
    a.set_defaults(handler=cmd_retire)

    p = sub.add_parser("score", help="score every customer with the active (or named) model")
    p.add_argument("--model", metavar="NAME", help="score with this version (default: active)")
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="compute features as of DATE (YYYY-MM-DD; default now, or the day after the newest "
        "activity when that is older than the model's horizon)",
    )
    p.add_argument(
        "--chunk-size",
        type=int_up_to(MAX_CHUNK),
        default=DEFAULT_CHUNK,
        metavar="N",
        help=f"customers per chunk (default {DEFAULT_CHUNK}, at most {MAX_CHUNK:,})",
    )
    p.add_argument(
        "--workers",
        type=int_up_to(MAX_WORKERS),
        default=2,
        metavar="N",
        help=f"threads, each with its own database connection (default 2, at most {MAX_WORKERS})",
    )
    p.add_argument(
        "--resume",
        type=int_up_to(MAX_RUN_ID),
        metavar="RUN",
        help="continue a cancelled or failed run (or help a running one) instead of starting",
    )
    p.add_argument(
        "--lease-seconds",
        type=int_up_to(MAX_LEASE_SECONDS),
        default=LEASE_SECONDS,
        metavar="S",
        help="a claimed chunk not finished within S seconds may be taken over "
        f"(default {LEASE_SECONDS}, at most {MAX_LEASE_SECONDS:,})",
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_score)


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            QT_TRANSLATE_NOOP("Commands", "'{text}' is not a date (use YYYY-MM-DD)").format(
                text=text
            )
        ) from None
    # Training looks years back from this date: far enough in the past it would leave the
    # calendar (a traceback) long before it found any history.
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            QT_TRANSLATE_NOOP("Commands", "must be a date from {min_year} to {max_year}").format(
                min_year=MIN_YEAR, max_year=MAX_YEAR
            )
        )
    return value


def _fmt(value: Any, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def cmd_train(args: argparse.Namespace) -> int:
    from desktop.core.churn import training
    from desktop.core.churn.as_of import default_as_of

    database, url = open_database(args)
    as_of = default_as_of(args.horizon_days, given=args.as_of)
    if as_of.note:
        print(as_of.note, file=sys.stderr if args.json else sys.stdout)
    config = training.TrainingConfig(
        as_of=as_of.value,
        horizon_days=args.horizon_days,
        churn_definition=training.ChurnDefinition(args.churn_definition),
        inactive_days=args.inactive_days,
        training_snapshots=args.snapshots - 1,
        snapshot_step_days=args.snapshot_step,
    )
    state = TaskState(on_progress=ProgressPrinter())
    user = acting_user(args, database)
    result = training.train_models(database, config, state=state, activate=args.activate, user=user)
    versions = [c.version for c in result.candidates if c.version is not None]
    if args.json:
        print(json.dumps([training.describe_model(v) for v in versions], indent=2))
        return 0
    s = result.summary
    train, val = s["train"], s["validation"]
    print(f"Trained on {url} as of {s['as_of'][:10]}: churn = {s['churn_definition']}, "
          f"horizon {s['horizon_days']} days")  # fmt: skip
    print(
        f"  training:   {train['rows']:,} rows ({train['customers']:,} customers), "
        f"{train['churn_rate']:.1%} churned, {train['date_range'][0][:10]} → "
        f"{train['date_range'][1][:10]} ({len(train['cutoffs'])} snapshots)"
    )
    if s.get("validation_protocol") == "stratified k-fold":
        print(f"  validation: stratified {result.winner.metrics.get('folds')}-fold on the one "
              f"period, not out-of-time: {s['validation_note']}")  # fmt: skip
    else:
        print(
            f"  validation: {val['rows']:,} rows, {val['churn_rate']:.1%} churned, "
            f"{val['date_range'][0][:10]} → {val['date_range'][1][:10]} (out-of-time)"
        )
    print(f"  {'':2}{'version':<34} {'algorithm':<20} {'PR AUC':>7} {'ROC AUC':>8} {'Brier':>7}")
    for c in result.candidates:
        mark = "*" if c is result.winner else " "
        name = c.version.name if c.version else "?"
        print(
            f"  {mark} {name:<34} {c.algorithm:<20} {_fmt(c.metrics['pr_auc']):>7} "
            f"{_fmt(c.metrics['roc_auc']):>8} {_fmt(c.metrics['brier']):>7}"
        )
    w = result.winner.metrics
    winner = result.winner_version
    print(f"Winner: {winner.name} ({winner.status}), validation metrics:")
    print(
        f"  accuracy {_fmt(w['accuracy'])}  precision {_fmt(w['precision'])}  recall "
        f"{_fmt(w['recall'])}  F1 {_fmt(w['f1'])}  at threshold {_fmt(w['threshold'])}"
    )
    print(
        f"  ROC AUC {_fmt(w['roc_auc'])}  PR AUC {_fmt(w['pr_auc'])}  Brier {_fmt(w['brier'])}  "
        f"top-decile lift {_fmt(w['top_decile_lift'], 2)}"
    )
    (tn, fp), (fn, tp) = w["confusion_matrix"]
    print(f"  confusion matrix: TN {tn:,}  FP {fp:,}  FN {fn:,}  TP {tp:,}")
    top = ", ".join(f["label"] for f in w["feature_importance"][:5])
    print(f"  most important: {top}")
    if s["constant_features"]:
        print(
            f"Note: {len(s['constant_features'])} features never varied in the training data "
            f"(e.g. no event history that far back): {', '.join(s['constant_features'][:6])}"
            + (" …" if len(s["constant_features"]) > 6 else "")
        )
    if not args.activate:
        print(f"Activate it with: churnwatch models activate {winner.name}")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from desktop.core.churn import training

    open_database(args)
    versions = [training.describe_model(v) for v in training.list_models()]
    if args.json:
        print(json.dumps(versions, indent=2))
        return 0
    if not versions:
        print("No model versions yet; train one with: churnwatch train")
        return 0
    print(
        f"{'name':<34} {'algorithm':<20} {'status':<10} {'trained':<16} {'as of':<10} "
        f"{'PR AUC':>7} {'ROC AUC':>8} {'Brier':>7} {'F1':>6} {'lift':>5}"
    )
    for v in versions:
        mt = v["metrics"]
        print(
            f"{v['name']:<34} {v['algorithm']:<20} {v['status']:<10} "
            f"{(v['trained_at'] or '')[:16]:<16} {(v['as_of'] or '–')[:10]:<10} "
            f"{_fmt(mt['pr_auc']):>7} "
            f"{_fmt(mt['roc_auc']):>8} {_fmt(mt['brier']):>7} {_fmt(mt['f1'], 2):>6} "
            f"{_fmt(mt['top_decile_lift'], 1):>5}"
        )
    return 0


def cmd_activate(args: argparse.Namespace) -> int:
    from desktop.core.churn import training

    database, _ = open_database(args)
    version = training.activate_model(database, args.name, user=acting_user(args, database))
    print(f"Active model: {version.name}")
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    from desktop.core.churn import training

    database, _ = open_database(args)
    version = training.retire_model(database, args.name, user=acting_user(args, database))
    print(f"Retired model: {version.name}")
    if training.active_model() is None:
        print("No model is active now; scoring needs one (churnwatch models activate NAME).")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from desktop.core.churn import scoring
    from desktop.core.churn.as_of import scoring_as_of

    database, _ = open_database(args)
    user = acting_user(args, database)
    as_of = None
    if args.resume is None:  # a resumed run keeps the as-of it was started with
        chosen = scoring_as_of(scoring.resolve_model(args.model), given=args.as_of)
        if chosen.note:
            print(chosen.note)
        as_of = chosen.run_value
    state = TaskState(on_progress=ProgressPrinter())
    engine = scoring.ScoringEngine(database, lease_seconds=args.lease_seconds)
    try:
        report = scoring.score(
            database,
            model=args.model,
            chunk_size=args.chunk_size,
            workers=args.workers,
            resume=args.resume,
            as_of=as_of,
            state=state,
            engine=engine,
            user=user,
        )
    except scoring.RunCancelled as exc:
        raise Cancelled(
            f"scoring run #{exc.run_id} was cancelled; resume it with: "
            f"churnwatch score --resume {exc.run_id}"
        ) from None
    if report.joined:
        print(f"Joined run {report.run_id}, already in progress for model {report.model}")
    print(
        f"Run {report.run_id} ({report.status}, model {report.model}, as of "
        f"{report.as_of:%Y-%m-%d %H:%M}): "
        f"{report.scored_here:,} customers scored, {report.alerts_here:,} alerts raised "
        f"in {report.elapsed:.1f} s"
    )
    if report.scored_here != report.scored:
        print(f"  the whole run: {report.scored:,} of {report.total:,} customers, "
              f"{report.alerts:,} alerts (other scorers helped)")  # fmt: skip
    if report.retries:
        kinds = ", ".join(f"{n} after a {k} connection" if k == "lost" else f"{n} after a lock wait"
                          for k, n in sorted(report.retries.items()))  # fmt: skip
        print(f"  {sum(report.retries.values())} retries ({kinds}); nothing was lost")
    if report.status != "completed":
        print(f"  resume it with: churnwatch score --resume {report.run_id}", file=sys.stderr)
        return 1
    return 0
