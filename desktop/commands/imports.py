"""`churnwatch import KIND FILE`: a shop's data from CSV or XLSX (see `desktop.core.imports`).

Prints what was read, inserted, updated and rejected, and where the rejected rows went; exits 2
with one line per problem (the first 20, then how many more) when nothing was written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from db.tasks import TaskState
from desktop.commands.common import (
    ProgressPrinter,
    acting_user,
    add_as_option,
    error,
    open_database,
    say,
    text_of,
    type_error,
)
from desktop.core import imports
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number
from desktop.core.imports import runner
from desktop.core.imports.catalogue import KINDS
from desktop.core.services import Services
from desktop.core.services.imports import run_import


def _pair(text: str) -> tuple[str, str]:
    source, sep, field = text.partition("=")
    if not sep or not source.strip():
        raise type_error(
            QT_TRANSLATE_NOOP("Commands", "'{text}' is not SOURCE=FIELD").format(text=text)
        )
    return source.strip(), field.strip()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help=QT_TRANSLATE_NOOP("Commands", "import a shop's data from CSV or XLSX"),
        description=QT_TRANSLATE_NOOP(
            "Commands",
            "Import customers, orders and the rest from a CSV or XLSX file. Columns are "
            "matched to fields by name; correct them with --map. Kinds: {kinds}",
        ).format(kinds=", ".join(KINDS)),
    )
    p.add_argument("kind", metavar="KIND", help=", ".join(KINDS))
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument(
        "--map",
        dest="maps",
        metavar="SOURCE=FIELD",
        action="append",
        type=_pair,
        default=[],
        help=QT_TRANSLATE_NOOP(
            "Commands", "fill FIELD from the column SOURCE (empty FIELD: ignore it)"
        ),
    )
    p.add_argument(
        "--mapping",
        metavar="NAME",
        help=QT_TRANSLATE_NOOP("Commands", "start from the saved mapping NAME"),
    )
    p.add_argument(
        "--save-mapping",
        metavar="NAME",
        help=QT_TRANSLATE_NOOP("Commands", "save the mapping used as NAME"),
    )
    p.add_argument(
        "--date-format",
        metavar="FMT",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "dates as YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, YYYYMMDD, excel or a "
            "strftime pattern (default: detected per column)",
        ),
    )
    p.add_argument(
        "--decimal-comma",
        action="store_true",
        default=None,
        help=QT_TRANSLATE_NOOP(
            "Commands", "numbers use a decimal comma (default: detected per column)"
        ),
    )
    p.add_argument(
        "--create-customers",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "Commands", "create the customers rows refer to that are not known yet"
        ),
    )
    p.add_argument(
        "--keep-valid",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "Commands", "write the valid rows, save the rejected ones beside the file"
        ),
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=QT_TRANSLATE_NOOP("Commands", "check only: write nothing"),
    )
    p.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable report")
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    options = imports.Options(
        date_format=args.date_format, decimal_comma=args.decimal_comma,
        create_customers=args.create_customers,
    )  # fmt: skip
    try:
        database, _ = open_database(args)
        plan = imports.prepare(args.kind, args.file, overrides=dict(args.maps),
                               saved=args.mapping, options=options)  # fmt: skip
    except (imports.FileProblem, imports.MappingProblem, imports.ValueProblem) as exc:
        error(exc)
        return 2
    user = acting_user(args, database)
    state = TaskState(None if args.json else ProgressPrinter())
    if user is not None:
        report = Services(database, user).import_file(
            plan, state, keep_valid=args.keep_valid, dry_run=args.dry_run
        )
    else:
        report = run_import(database, None, plan, state, keep_valid=args.keep_valid,
                            dry_run=args.dry_run)  # fmt: skip
    if args.save_mapping and user is not None:
        Services(database, user).save_mapping(args.save_mapping, plan)
    return _print(report, plan, args.json)


def _print(report: runner.Report, plan: imports.Plan, as_json: bool) -> int:
    failed = not report.written and not report.dry_run
    if as_json:
        data = report.as_json() | {"mapping": plan.columns}
        print(json.dumps(data, indent=2, default=str))
    else:
        for warning in report.warnings:
            say(
                QT_TRANSLATE_NOOP("Commands", "note: {message}").format(message=warning), sys.stderr
            )
        say(report.summary())
        if report.rejects_file:
            say(
                QT_TRANSLATE_NOOP("Commands", "rejected rows: {path}").format(
                    path=report.rejects_file
                )
            )
        if report.dry_run or not failed:
            for problem in report.problems:
                print(f"  {text_of(problem)}")
    if failed:
        if not as_json:
            for problem in report.problems:
                error(problem)
            more = max(report.rejected - len(report.problems), 0)
            if more:
                error(QT_TRANSLATE_NOOP("Commands", "… and {more} more").format(more=Number(more)))
            error(QT_TRANSLATE_NOOP("Commands", "nothing was written"))
        return 2
    return 0
