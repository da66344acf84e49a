"""`churnwatch retention [--dry-run]`: remove old rows by the admin's retention policy."""

from __future__ import annotations

import argparse
import sys

from db.tasks import TaskState
from desktop.commands.common import ProgressPrinter, acting_user, add_as_option, open_database
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.retention import purge, read_policy
from desktop.core.services import NotAllowed, Services, has_users
from desktop.core.services.permissions import Perm, refusal


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "retention",
        help="remove old rows by the retention policy (Settings), in small batches; resumes an "
        "interrupted run",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be removed and kept; change nothing",
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_retention)


def cmd_retention(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    user = acting_user(args, database)
    if user is None:
        if not has_users():
            raise NotAllowed(
                QT_TRANSLATE_NOOP(
                    "Commands",
                    "the database has no users yet; add the first admin: "
                    "churnwatch user add NAME --role admin --password-stdin",
                )
            )
        raise NotAllowed(
            QT_TRANSLATE_NOOP("Commands", "{refusal}: add --as USERNAME (an admin)").format(
                refusal=refusal(Perm.RETENTION)
            )
        )
    services = Services(database, user)
    policy, version = read_policy()
    print("Policy" + (" (the defaults)" if version is None else "") + ": " + ", ".join(
        f"{k.removesuffix('_days').replace('_', ' ')} {v} days" for k, v in policy.as_dict().items()
    ))  # fmt: skip
    plan = services.retention_plan()
    for warning in plan.warnings:
        print(f"churnwatch: warning: {warning}", file=sys.stderr)
    if args.dry_run:
        print("Would remove (dry run, nothing changed):")
        for line in plan.lines():
            print(f"  {line}")
        return 0
    report = purge(services, state=TaskState(on_progress=ProgressPrinter()))
    print(("Resumed and finished" if report.resumed else "Finished") + f" retention run #"
          f"{report.run_id}; removed:")  # fmt: skip
    for table, rows in report.deleted.items():
        print(f"  {table:<20} {rows:>12,}")
    for line in plan.lines():
        if line.startswith("  kept"):
            print(line)
    return 0
