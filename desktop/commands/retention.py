"""`churnwatch retention [--dry-run]`: remove old rows by the admin's retention policy."""

from __future__ import annotations

import argparse

from db.tasks import TaskState
from desktop.commands.common import (
    ProgressPrinter,
    add_as_option,
    number,
    open_database,
    say,
    services_as,
    text_of,
    warn,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.retention import purge, read_policy
from desktop.core.services.permissions import Perm, refusal

# The policy's fields (`Policy.as_dict`, in days) as words.
RULE_NAMES = {
    "events_days": QT_TRANSLATE_NOOP("Commands", "events"),
    "predictions_days": QT_TRANSLATE_NOOP("Commands", "predictions"),
    "resolved_alerts_days": QT_TRANSLATE_NOOP("Commands", "resolved alerts"),
    "metrics_days": QT_TRANSLATE_NOOP("Commands", "metrics"),
    "deleted_customers_days": QT_TRANSLATE_NOOP("Commands", "deleted customers"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "retention",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "remove old rows by the retention policy (Settings), in small batches; resumes an "
            "interrupted run",
        ),
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=QT_TRANSLATE_NOOP("Commands", "print what would be removed and kept; change nothing"),
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_retention)


def cmd_retention(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    services = services_as(
        args,
        database,
        QT_TRANSLATE_NOOP("Commands", "{refusal}: add --as USERNAME (an admin)").format(
            refusal=refusal(Perm.RETENTION)
        ),
    )
    policy, version = read_policy()
    rules = ", ".join(
        text_of(
            QT_TRANSLATE_NOOP("Commands", "{what} {days} days").format(
                what=RULE_NAMES.get(k) or k.removesuffix("_days").replace("_", " "), days=v
            )
        )
        for k, v in policy.as_dict().items()
    )
    say(
        (
            QT_TRANSLATE_NOOP("Commands", "Policy (the defaults): {rules}")
            if version is None
            else QT_TRANSLATE_NOOP("Commands", "Policy: {rules}")
        ).format(rules=rules)
    )
    plan = services.retention_plan()
    for warning in plan.warnings:
        warn(warning)
    if args.dry_run:
        say(QT_TRANSLATE_NOOP("Commands", "Would remove (dry run, nothing changed):"))
        for line in plan.lines():
            print(f"  {text_of(line)}")
        return 0
    report = purge(services, state=TaskState(on_progress=ProgressPrinter()))
    say(
        (
            QT_TRANSLATE_NOOP("Commands", "Resumed and finished retention run #{run}; removed:")
            if report.resumed
            else QT_TRANSLATE_NOOP("Commands", "Finished retention run #{run}; removed:")
        ).format(run=report.run_id)
    )
    for table, rows in report.deleted.items():
        print(f"  {table:<20} {number(rows):>12}")
    for line in plan.lines():
        if line.startswith("  kept"):
            print(text_of(line))
    return 0
