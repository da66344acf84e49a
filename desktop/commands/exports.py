"""`churnwatch export customers|alerts|tickets|orders`: a list as the window's table shows it.

The same lists (`desktop.core.read.lists.SPECS`), filters, sort and columns as the window, and
the same audited, permission-checked write (`Services.export_list`): the file appears only
complete. A filter a list does not have, a value it does not know, an unknown column: one line
naming it, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from db import models as m
from db.tasks import TaskState
from db.validation import ValidationError
from desktop.commands.common import (
    ProgressPrinter,
    acting_user,
    add_as_option,
    open_database,
    say,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number
from desktop.core.read.listing import ListQuery, ListSpec
from desktop.core.read.lists import SPECS
from desktop.core.services import Services
from desktop.core.services.permissions import Perm, require_operator

LISTS = ("customers", "alerts", "tickets", "orders")
# An option → the filter it sets, per list that has it.
CHOICE_OPTIONS: dict[str, dict[str, str]] = {
    "risk": {"customers": "risk_level"},
    "status": {"customers": "account_status", "alerts": "status", "tickets": "status",
               "orders": "status"},
    "priority": {"alerts": "priority", "tickets": "priority"},
    "type": {"alerts": "type"},
    "category": {"tickets": "category"},
}  # fmt: skip
# The filter each of those options sets, as its help names it.
FILTER_NAMES = {
    "risk": QT_TRANSLATE_NOOP("Commands", "risk"),
    "status": QT_TRANSLATE_NOOP("Commands", "status"),
    "priority": QT_TRANSLATE_NOOP("Commands", "priority"),
    "type": QT_TRANSLATE_NOOP("Commands", "type"),
    "category": QT_TRANSLATE_NOOP("Commands", "category"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "export a list (search, filters, sort, columns as in the window) to CSV or XLSX",
        ),
        description=QT_TRANSLATE_NOOP(
            "Commands",
            "Write every matching row of a list to a CSV or XLSX file; the header row "
            "is the columns' titles as the window shows them, after the row's ID.",
        ),
    )
    p.add_argument("list", metavar="LIST", choices=LISTS, help=", ".join(LISTS))
    p.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help=QT_TRANSLATE_NOOP("Commands", "as typed in the search box"),
    )
    for option, per_list in CHOICE_OPTIONS.items():
        lists = ", ".join(per_list)
        p.add_argument(
            f"--{option}", metavar="VALUE", action="append", default=[],
            help=QT_TRANSLATE_NOOP(
                "Commands", "{filter} ({lists}); repeat or separate with commas"
            ).format(filter=FILTER_NAMES[option], lists=lists),
        )  # fmt: skip
    p.add_argument(
        "--tag", metavar="NAME", help=QT_TRANSLATE_NOOP("Commands", "customers with this tag")
    )
    p.add_argument(
        "--segment", metavar="NAME", help=QT_TRANSLATE_NOOP("Commands", "customers in this segment")
    )
    p.add_argument(
        "--customer",
        metavar="ID",
        type=int,
        help=QT_TRANSLATE_NOOP("Commands", "one customer's alerts, tickets…"),
    )
    p.add_argument(
        "--mine",
        action="store_true",
        help=QT_TRANSLATE_NOOP("Commands", "assigned to me (alerts, tickets; --as)"),
    )
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="YYYY-MM-DD",
        help=QT_TRANSLATE_NOOP("Commands", "from this day"),
    )
    p.add_argument(
        "--to",
        dest="date_to",
        metavar="YYYY-MM-DD",
        help=QT_TRANSLATE_NOOP("Commands", "up to this day (included)"),
    )
    p.add_argument(
        "--sort",
        metavar="KEY[:desc],…",
        help=QT_TRANSLATE_NOOP("Commands", "sort columns (default: the list's)"),
    )
    p.add_argument(
        "--columns",
        metavar="a,b,c",
        help=QT_TRANSLATE_NOOP("Commands", "column keys or titles (default: shown)"),
    )
    p.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        help=QT_TRANSLATE_NOOP("Commands", "(default: from -o, else csv)"),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=QT_TRANSLATE_NOOP("Commands", "(default: LIST.FORMAT here)"),
    )
    add_as_option(p)
    p.set_defaults(handler=cmd_export)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _choice_filter(spec: ListSpec, option: str, values: list[str]) -> tuple[str, list[str]]:
    key = CHOICE_OPTIONS[option].get(spec.name)
    if key is None:
        raise _no_filter(spec, option)
    field = spec.choice_filters.get(key) or getattr(spec.model, key)
    known = {str(value).lower(): str(value) for value, _label in field.choices}
    out = []
    for value in values:
        stored = known.get(value.lower())
        if stored is None:
            raise _option_error(
                option,
                QT_TRANSLATE_NOOP(
                    "Commands", "'{value}' is not a {option} of {list} ({known})"
                ).format(
                    value=value, option=option, list=spec.noun[1], known=", ".join(known.values())
                ),
            )
        out.append(stored)
    return key, out


def _option_error(option: str, message: str) -> ValidationError:
    return ValidationError({f"--{option}": message})


def _no_filter(spec: ListSpec, option: str) -> ValidationError:
    return _option_error(
        option,
        QT_TRANSLATE_NOOP("Commands", "{list} have no {option} filter").format(
            list=spec.noun[1], option=option
        ),
    )


def _day(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _option_error(
            option,
            QT_TRANSLATE_NOOP("Commands", "'{text}' is not a date (YYYY-MM-DD)").format(text=text),
        ) from None


def _named(model: Any, option: str, name: str) -> int:
    row = model.get_or_none(model.name == name)
    if row is None:
        raise _option_error(
            option,
            QT_TRANSLATE_NOOP("Commands", "no {option} is named '{name}'").format(
                option=option, name=name
            ),
        )
    return int(row.id)


def build_query(spec: ListSpec, args: argparse.Namespace) -> ListQuery:
    """The window's query for these options (the same filter keys its pages set)."""
    filters: dict[str, Any] = {}
    for option in CHOICE_OPTIONS:
        if values := _split(getattr(args, option)):
            key, stored = _choice_filter(spec, option, values)
            filters[key] = stored
    customers_only = {"tag": m.CustomerTag, "segment": m.CustomerSegment}
    for option, model in customers_only.items():
        name = getattr(args, option)
        if name is None:
            continue
        if spec.name != "customers":
            raise _no_filter(spec, option)
        filters[option] = _named(model, option, name)
    if args.customer is not None:
        if spec.customer_column is None:
            raise _no_filter(spec, "customer")
        filters["customer"] = args.customer
    if args.mine:
        if spec.assignee_column is None:
            raise _option_error(
                "mine",
                QT_TRANSLATE_NOOP("Commands", "{list} are not assigned to anyone").format(
                    list=spec.noun[1]
                ),
            )
        filters["assigned_to_me"] = True
    if args.date_from:
        filters["date_from"] = _day("from", args.date_from)
    if args.date_to:
        filters["date_to"] = _day("to", args.date_to)
    return ListQuery(search=args.search.strip(), filters=filters, sort=_sort(spec, args.sort))


def _sort(spec: ListSpec, text: str | None) -> tuple[tuple[str, bool], ...]:
    sort: list[tuple[str, bool]] = []
    for part in _split([text or ""]):
        key, _, direction = part.partition(":")
        if not spec.sortable(key):
            sortable = ", ".join(c.key for c in spec.columns if c.sort is not None)
            raise _option_error(
                "sort",
                QT_TRANSLATE_NOOP(
                    "Commands", "{list} cannot be sorted by '{key}' ({sortable})"
                ).format(list=spec.noun[1], key=key, sortable=sortable),
            )
        if direction not in ("", "asc", "desc"):
            raise _option_error(
                "sort",
                QT_TRANSLATE_NOOP("Commands", "'{direction}' is not asc or desc").format(
                    direction=direction
                ),
            )
        sort.append((key, direction == "desc"))
    return tuple(sort)


def cmd_export(args: argparse.Namespace) -> int:
    spec = SPECS[args.list]
    fmt = args.format or (
        "xlsx" if args.output and args.output.lower().endswith(".xlsx") else "csv"
    )
    columns = _split([args.columns]) if args.columns else None
    path = Path(args.output or f"{spec.name}.{fmt}")
    database, _ = open_database(args)
    query = build_query(spec, args)
    user = acting_user(args, database)
    if user is None:
        require_operator(None, Perm.EXPORT)  # only a database without staff: sign in otherwise
    # None: the operator of a database without staff accounts (checked just above).
    services = Services(database, user)  # type: ignore[arg-type]
    state = TaskState(on_progress=ProgressPrinter())
    result = services.export_list(spec, query, path, fmt=fmt, columns=columns, state=state)
    noun = spec.noun[0] if result.rows == 1 else spec.noun[1]
    say(
        QT_TRANSLATE_NOOP("Commands", "Exported {rows} {noun} to {path}").format(
            rows=Number(result.rows), noun=noun, path=path
        )
    )
    sys.stdout.flush()
    return 0
