"""`churnwatch retention [--dry-run]`: remove old rows the retention policy lets go (an admin's).

The policy's defaults are the seeds' (`RetentionPolicy`); each can be set for a run. The work
is the service layer's (`Services.apply_retention`): batches, the active model's needs, audit.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import fields

from db.tasks import TaskState
from desktop.commands.common import ProgressPrinter, acting_user, add_as_option, open_database
from desktop.core.services import RetentionPolicy, Services
from desktop.core.services.base import NotAllowed

OPTIONS = {
    "events_days": "customer events",
    "predictions_days": "churn predictions (each customer's latest and those alerts refer to stay)",
    "resolved_alerts_days": "resolved and dismissed alerts, from when they were closed",
    "metrics_days": "system metrics",
    "deleted_customers_days": "soft-deleted customers, from their deletion",
}


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of days, got '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError("keep at least 1 day")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("retention", help="remove old events, predictions, alerts and metrics")
    p.add_argument("--dry-run", action="store_true", help="only say what would go")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    defaults = RetentionPolicy()
    for f in fields(RetentionPolicy):
        p.add_argument(
            "--" + f.name.replace("_", "-"),
            type=_days,
            metavar="N",
            default=getattr(defaults, f.name),
            help=f"days to keep {OPTIONS[f.name]} (default {getattr(defaults, f.name)})",
        )
    add_as_option(p)
    p.set_defaults(handler=cmd_retention)


def cmd_retention(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    user = acting_user(args, database)
    if user is None:
        raise NotAllowed("only admins may run retention: add --as USERNAME (an admin)")
    policy = RetentionPolicy(**{f.name: getattr(args, f.name) for f in fields(RetentionPolicy)})
    state = TaskState(on_progress=None if args.json else ProgressPrinter())
    report = Services(database, user).apply_retention(policy, dry_run=args.dry_run, state=state)
    if args.json:
        print(json.dumps({
            "dry_run": report.dry_run,
            "due": report.due,
            "removed": report.removed,
            "cutoffs": {t: c.isoformat(sep=" ") for t, c in report.cutoffs.items()},
            "kept": [{"table": k.table, "days": k.days, "reason": k.reason} for k in report.kept],
        }, indent=2))  # fmt: skip
    else:
        for line in report.lines():
            print(line)
    return 0
