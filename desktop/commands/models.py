"""Churn model subcommands: `train`, `models` (list, activate, retire) and `score`.

The model code (scikit-learn, skops) is imported by the handlers, not here: every `churnwatch`
command builds the whole parser, and importing it up front cost every command over a second.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any

from db.tasks import Cancelled, TaskState
from desktop.commands.common import (
    ProgressPrinter,
    acting_user,
    add_as_option,
    int_up_to,
    open_database,
    say,
    text_of,
    type_error,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP, Day, Number

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
        help=QT_TRANSLATE_NOOP(
            "Commands", "train churn models on the history, compare them and store them as versions"
        ),
    )
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "train as if today were DATE (YYYY-MM-DD; default now, or the day after the "
            "newest activity when that is older than the horizon)",
        ),
    )
    p.add_argument(
        "--horizon-days",
        type=int_up_to(MAX_DAYS),
        default=90,
        metavar="N",
        help=QT_TRANSLATE_NOOP("Commands", "predict churn within N days (default 90)"),
    )
    p.add_argument(
        "--churn-definition",
        choices=CHURN_DEFINITIONS,
        default=CHURN_DEFINITIONS[0],
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "status: the account was marked churned; inactivity: no order for --inactive-days",
        ),
    )
    p.add_argument(
        "--inactive-days",
        type=int_up_to(MAX_DAYS),
        default=90,
        metavar="N",
        help=QT_TRANSLATE_NOOP(
            "Commands", "days without an order that count as churn (default 90)"
        ),
    )
    p.add_argument(
        "--snapshots",
        type=int_up_to(MAX_SNAPSHOTS),
        default=4,
        metavar="N",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "periods to learn from: N-1 for training and the newest for validation "
            "(default 4); 1 = a single period (a snapshot export), validated by stratified "
            "k-fold",
        ),
    )
    p.add_argument(
        "--snapshot-step",
        type=int_up_to(MAX_DAYS),
        default=30,
        metavar="DAYS",
        help=QT_TRANSLATE_NOOP("Commands", "days between training snapshots (default 30)"),
    )
    p.add_argument(
        "--activate",
        action="store_true",
        help=QT_TRANSLATE_NOOP("Commands", "make the winner the active model"),
    )
    p.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_train)

    p = sub.add_parser(
        "models",
        help=QT_TRANSLATE_NOOP(
            "Commands", "list model versions and their metrics; activate, retire"
        ),
    )
    p.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    p.set_defaults(handler=cmd_models)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser(
        "activate", help=QT_TRANSLATE_NOOP("Commands", "make a version the model scoring uses")
    )
    a.add_argument("name", metavar="NAME")
    add_as_option(a)
    a.set_defaults(handler=cmd_activate)
    a = actions.add_parser(
        "retire", help=QT_TRANSLATE_NOOP("Commands", "take a version out of use")
    )
    a.add_argument("name", metavar="NAME")
    add_as_option(a)
    a.set_defaults(handler=cmd_retire)

    p = sub.add_parser(
        "score",
        help=QT_TRANSLATE_NOOP("Commands", "score every customer with the active (or named) model"),
    )
    p.add_argument(
        "--model",
        metavar="NAME",
        help=QT_TRANSLATE_NOOP("Commands", "score with this version (default: active)"),
    )
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "compute features as of DATE (YYYY-MM-DD; default now, or the day after the newest "
            "activity when that is older than the model's horizon)",
        ),
    )
    p.add_argument(
        "--chunk-size",
        type=int_up_to(MAX_CHUNK),
        default=DEFAULT_CHUNK,
        metavar="N",
        help=QT_TRANSLATE_NOOP(
            "Commands", "customers per chunk (default {default}, at most {maximum})"
        ).format(default=DEFAULT_CHUNK, maximum=Number(MAX_CHUNK)),
    )
    p.add_argument(
        "--workers",
        type=int_up_to(MAX_WORKERS),
        default=2,
        metavar="N",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "threads, each with its own database connection (default 2, at most {maximum})",
        ).format(maximum=MAX_WORKERS),
    )
    p.add_argument(
        "--resume",
        type=int_up_to(MAX_RUN_ID),
        metavar="RUN",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "continue a cancelled or failed run (or help a running one) instead of starting",
        ),
    )
    p.add_argument(
        "--lease-seconds",
        type=int_up_to(MAX_LEASE_SECONDS),
        default=LEASE_SECONDS,
        metavar="S",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "a claimed chunk not finished within S seconds may be taken over "
            "(default {default}, at most {maximum})",
        ).format(default=LEASE_SECONDS, maximum=Number(MAX_LEASE_SECONDS)),
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_score)


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise type_error(
            QT_TRANSLATE_NOOP("Commands", "'{text}' is not a date (use YYYY-MM-DD)").format(
                text=text
            )
        ) from None
    # Training looks years back from this date: far enough in the past it would leave the
    # calendar (a traceback) long before it found any history.
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise type_error(
            QT_TRANSLATE_NOOP("Commands", "must be a date from {min_year} to {max_year}").format(
                min_year=MIN_YEAR, max_year=MAX_YEAR
            )
        )
    return value


def _fmt(value: Any, digits: int = 3) -> str:
    """A metric with the language's decimal mark; – when there is none."""
    return "–" if value is None else text_of(Number(value, digits))


def _day(text: str) -> Day:
    """An ISO date (the first ten characters of a stored timestamp) in the language's form."""
    return Day(date.fromisoformat(text[:10]))


def cmd_train(args: argparse.Namespace) -> int:
    from desktop.core.churn import training
    from desktop.core.churn.as_of import default_as_of

    database, url = open_database(args)
    as_of = default_as_of(args.horizon_days, given=args.as_of)
    if as_of.note:
        say(as_of.note, sys.stderr if args.json else sys.stdout)
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
    say(
        QT_TRANSLATE_NOOP(
            "Commands", "Trained on {url} as of {as_of}: churn = {definition}, horizon {days} days"
        ).format(
            url=url, as_of=_day(s["as_of"]), definition=s["churn_definition"],
            days=Number(s["horizon_days"]),
        )
    )  # fmt: skip
    line = QT_TRANSLATE_NOOP(
        "Commands",
        "training:   {rows} rows ({customers} customers), {rate} churned, {start} → {end} "
        "({snapshots} snapshots)",
    ).format(
        rows=Number(train["rows"]), customers=Number(train["customers"]),
        rate=Number(train["churn_rate"], 1, share=True), start=_day(train["date_range"][0]),
        end=_day(train["date_range"][1]), snapshots=Number(len(train["cutoffs"])),
    )  # fmt: skip
    print(f"  {text_of(line)}")
    if s.get("validation_protocol") == "stratified k-fold":
        line = QT_TRANSLATE_NOOP(
            "Commands", "validation: stratified {folds}-fold on the one period, not out-of-time: "
            "{note}",
        ).format(folds=result.winner.metrics.get("folds"), note=s["validation_note"])  # fmt: skip
    else:
        line = QT_TRANSLATE_NOOP(
            "Commands", "validation: {rows} rows, {rate} churned, {start} → {end} (out-of-time)"
        ).format(
            rows=Number(val["rows"]), rate=Number(val["churn_rate"], 1, share=True),
            start=_day(val["date_range"][0]), end=_day(val["date_range"][1]),
        )  # fmt: skip
    print(f"  {text_of(line)}")
    version_title = text_of(QT_TRANSLATE_NOOP("Commands", "version"))
    algorithm_title = text_of(QT_TRANSLATE_NOOP("Commands", "algorithm"))
    print(f"  {'':2}{version_title:<34} {algorithm_title:<20} {'PR AUC':>7} {'ROC AUC':>8} "
          f"{'Brier':>7}")  # fmt: skip
    for c in result.candidates:
        mark = "*" if c is result.winner else " "
        name = c.version.name if c.version else "?"
        print(
            f"  {mark} {name:<34} {c.algorithm:<20} {_fmt(c.metrics['pr_auc']):>7} "
            f"{_fmt(c.metrics['roc_auc']):>8} {_fmt(c.metrics['brier']):>7}"
        )
    w = result.winner.metrics
    winner = result.winner_version
    say(
        QT_TRANSLATE_NOOP("Commands", "Winner: {name} ({status}), validation metrics:").format(
            name=winner.name, status=winner.status
        )
    )
    line = QT_TRANSLATE_NOOP(
        "Commands",
        "accuracy {accuracy}  precision {precision}  recall {recall}  F1 {f1}  at threshold "
        "{threshold}",
    ).format(
        accuracy=_fmt(w["accuracy"]), precision=_fmt(w["precision"]), recall=_fmt(w["recall"]),
        f1=_fmt(w["f1"]), threshold=_fmt(w["threshold"]),
    )  # fmt: skip
    print(f"  {text_of(line)}")
    line = QT_TRANSLATE_NOOP(
        "Commands", "ROC AUC {roc_auc}  PR AUC {pr_auc}  Brier {brier}  top-decile lift {lift}"
    ).format(
        roc_auc=_fmt(w["roc_auc"]), pr_auc=_fmt(w["pr_auc"]), brier=_fmt(w["brier"]),
        lift=_fmt(w["top_decile_lift"], 2),
    )  # fmt: skip
    print(f"  {text_of(line)}")
    (tn, fp), (fn, tp) = w["confusion_matrix"]
    line = QT_TRANSLATE_NOOP(
        "Commands", "confusion matrix: TN {tn}  FP {fp}  FN {fn}  TP {tp}"
    ).format(tn=Number(tn), fp=Number(fp), fn=Number(fn), tp=Number(tp))
    print(f"  {text_of(line)}")
    top = ", ".join(text_of(f["label"]) for f in w["feature_importance"][:5])
    line = QT_TRANSLATE_NOOP("Commands", "most important: {features}").format(features=top)
    print(f"  {text_of(line)}")
    if s["constant_features"]:
        constant = s["constant_features"]
        say(
            QT_TRANSLATE_NOOP(
                "Commands",
                "Note: {count} features never varied in the training data (e.g. no event history "
                "that far back): {features}",
            ).format(
                count=Number(len(constant)),
                features=", ".join(constant[:6]) + (" …" if len(constant) > 6 else ""),
            )
        )
    if not args.activate:
        say(
            QT_TRANSLATE_NOOP(
                "Commands", "Activate it with: churnwatch models activate {name}"
            ).format(name=winner.name)
        )
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from desktop.core.churn import training

    open_database(args)
    versions = [training.describe_model(v) for v in training.list_models()]
    if args.json:
        print(json.dumps(versions, indent=2))
        return 0
    if not versions:
        say(
            QT_TRANSLATE_NOOP("Commands", "No model versions yet; train one with: churnwatch train")
        )
        return 0
    name, algorithm, status, trained, as_of, lift = (
        text_of(QT_TRANSLATE_NOOP("Commands", "name")),
        text_of(QT_TRANSLATE_NOOP("Commands", "algorithm")),
        text_of(QT_TRANSLATE_NOOP("Commands", "status")),
        text_of(QT_TRANSLATE_NOOP("Commands", "trained")),
        text_of(QT_TRANSLATE_NOOP("Commands", "as of")),
        text_of(QT_TRANSLATE_NOOP("Commands", "lift")),
    )
    print(
        f"{name:<34} {algorithm:<20} {status:<10} {trained:<16} {as_of:<10} "
        f"{'PR AUC':>7} {'ROC AUC':>8} {'Brier':>7} {'F1':>6} {lift:>5}"
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
    say(QT_TRANSLATE_NOOP("Commands", "Active model: {name}").format(name=version.name))
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    from desktop.core.churn import training

    database, _ = open_database(args)
    version = training.retire_model(database, args.name, user=acting_user(args, database))
    say(QT_TRANSLATE_NOOP("Commands", "Retired model: {name}").format(name=version.name))
    if training.active_model() is None:
        say(
            QT_TRANSLATE_NOOP(
                "Commands",
                "No model is active now; scoring needs one (churnwatch models activate NAME).",
            )
        )
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
            say(chosen.note)
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
            QT_TRANSLATE_NOOP(
                "Commands",
                "scoring run #{run} was cancelled; resume it with: churnwatch score --resume {run}",
            ).format(run=exc.run_id)
        ) from None
    _print_score(report)
    if report.status != "completed":
        line = QT_TRANSLATE_NOOP(
            "Commands", "resume it with: churnwatch score --resume {run}"
        ).format(run=report.run_id)
        print(f"  {text_of(line)}", file=sys.stderr)
        return 1
    return 0


def _print_score(report: Any) -> None:
    if report.joined:
        say(
            QT_TRANSLATE_NOOP(
                "Commands", "Joined run {run}, already in progress for model {model}"
            ).format(run=report.run_id, model=report.model)
        )
    say(
        QT_TRANSLATE_NOOP(
            "Commands",
            "Run {run} ({status}, model {model}, as of {as_of}): {scored} customers scored, "
            "{alerts} alerts raised in {seconds} s",
        ).format(
            run=report.run_id, status=report.status, model=report.model,
            as_of=Day(report.as_of, with_time=True), scored=Number(report.scored_here),
            alerts=Number(report.alerts_here), seconds=Number(report.elapsed, 1),
        )
    )  # fmt: skip
    if report.scored_here != report.scored:
        line = QT_TRANSLATE_NOOP(
            "Commands",
            "the whole run: {scored} of {total} customers, {alerts} alerts (other scorers helped)",
        ).format(
            scored=Number(report.scored), total=Number(report.total), alerts=Number(report.alerts)
        )
        print(f"  {text_of(line)}")
    if report.retries:
        kinds = ", ".join(
            text_of(
                (
                    QT_TRANSLATE_NOOP("Commands", "{count} after a lost connection")
                    if kind == "lost"
                    else QT_TRANSLATE_NOOP("Commands", "{count} after a lock wait")
                ).format(count=Number(count))
            )
            for kind, count in sorted(report.retries.items())
        )
        line = QT_TRANSLATE_NOOP("Commands", "{count} retries ({kinds}); nothing was lost").format(
            count=Number(sum(report.retries.values())), kinds=kinds
        )
        print(f"  {text_of(line)}")
