"""Offline review on the command line: `offline take|status|conflicts|keep`, `sync`, and
`alerts list|ack|resolve`, which act on the shared database when it answers and on the
offline copy (queued in its outbox) when it does not.

The copy lives in the user's data folder, one file per server (`--replica` or
`$CHURNWATCH_REPLICA` name another).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
from pathlib import Path
from typing import Any

import peewee as pw

from db import models as m
from db.connection import DatabaseError, DatabaseUnavailable, parse_url, resolve_url
from desktop.commands.common import (
    acting_user,
    add_as_option,
    open_database,
    positive_int,
    say,
    text_of,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number
from desktop.core.offline.operations import OPERATIONS
from desktop.core.offline.outbox import act
from desktop.core.offline.store import (
    Replica,
    default_replica_path,
    open_conflicts,
    open_replica,
    replica_exists,
    status,
)
from desktop.core.offline.sync import keep_mine, keep_theirs, sync
from desktop.core.offline.take import DEFAULT_LIMIT, TakeFilter, refresh, take
from desktop.core.services import Services

log = logging.getLogger(__name__)

ENV_REPLICA = "CHURNWATCH_REPLICA"
FILTER_HELP = QT_TRANSLATE_NOOP(
    "Commands",
    "which alerts: assignee=default|mine|any, priority=high+critical, status=open+acknowledged "
    "(comma-separated; default: open alerts assigned to me or unassigned high/critical)",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "offline",
        help=QT_TRANSLATE_NOOP(
            "Commands", "take work offline, see the offline copy and its conflicts"
        ),
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser(
        "take",
        help=QT_TRANSLATE_NOOP("Commands", "copy my alerts and their customers for offline work"),
    )
    a.add_argument("--filter", metavar="SPEC", help=FILTER_HELP)
    a.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=QT_TRANSLATE_NOOP("Commands", "at most N alerts (default {default})").format(
            default=Number(DEFAULT_LIMIT)
        ),
    )
    _replica_option(a)
    add_as_option(a)
    a.set_defaults(handler=cmd_take)
    a = actions.add_parser(
        "status",
        help=QT_TRANSLATE_NOOP("Commands", "the offline copy's age, rows, outbox and conflicts"),
    )
    a.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    _replica_option(a)
    a.set_defaults(handler=cmd_status)
    a = actions.add_parser(
        "conflicts",
        help=QT_TRANSLATE_NOOP("Commands", "changes the server did not take, mine and theirs"),
    )
    a.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    _replica_option(a)
    a.set_defaults(handler=cmd_conflicts)
    a = actions.add_parser(
        "keep",
        help=QT_TRANSLATE_NOOP("Commands", "settle a conflict: keep mine (sent again) or theirs"),
    )
    a.add_argument("side", choices=("mine", "theirs"))
    a.add_argument("conflict", type=positive_int, metavar="ID")
    _replica_option(a)
    a.set_defaults(handler=cmd_keep)

    s = sub.add_parser(
        "sync",
        help=QT_TRANSLATE_NOOP(
            "Commands", "send the offline changes to the shared database, then refresh"
        ),
    )
    s.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    _replica_option(s)
    s.set_defaults(handler=cmd_sync)

    al = sub.add_parser(
        "alerts",
        help=QT_TRANSLATE_NOOP("Commands", "list, acknowledge and resolve alerts (offline too)"),
    )
    acts = al.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = acts.add_parser("list", help=QT_TRANSLATE_NOOP("Commands", "the alerts of my queue"))
    a.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    _replica_option(a)
    add_as_option(a)
    a.set_defaults(handler=cmd_alerts_list)
    for name, helptext in (
        ("ack", QT_TRANSLATE_NOOP("Commands", "acknowledge alerts")),
        ("resolve", QT_TRANSLATE_NOOP("Commands", "resolve alerts")),
    ):
        a = acts.add_parser(name, help=helptext)
        a.add_argument("ids", type=positive_int, nargs="+", metavar="ID")
        note_help = QT_TRANSLATE_NOOP(
            "Commands", "the resolution (required to resolve), or a note on the customer"
        )
        a.add_argument("--note", metavar="TEXT", help=note_help)
        _replica_option(a)
        add_as_option(a)
        a.set_defaults(handler=cmd_alerts_act, operation=f"alert.{_OPS[name]}")


_OPS = {"ack": "acknowledge", "resolve": "resolve"}


def _replica_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--replica",
        metavar="PATH",
        type=Path,
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "the offline copy (default: ${variable}, else one per server in your data folder)",
        ).format(variable=ENV_REPLICA),
    )


def _replica_path(args: argparse.Namespace) -> Path:
    if args.replica:
        return Path(args.replica)
    if os.environ.get(ENV_REPLICA):
        return Path(os.environ[ENV_REPLICA])
    return default_replica_path(str(parse_url(resolve_url(args.db))))


def _existing_replica(args: argparse.Namespace) -> Replica:
    path = _replica_path(args)
    if not replica_exists(path):
        raise DatabaseError(
            QT_TRANSLATE_NOOP(
                "Commands", "no offline copy at {path} (run: churnwatch offline take --as USER)"
            ).format(path=path)
        )
    return open_replica(path)


def _signed_in(args: argparse.Namespace, database: pw.Database) -> m.User:
    user = acting_user(args, database)
    if user is None:
        raise DatabaseError(
            QT_TRANSLATE_NOOP(
                "Commands", "name yourself with --as USERNAME: offline work is per staff member"
            )
        )
    return user


def _server_or_none(args: argparse.Namespace) -> pw.Database | None:
    """The shared database, or None when it cannot be reached (work goes to the copy)."""
    try:
        database, _ = open_database(args)
    except DatabaseUnavailable as exc:
        log.info("shared database unreachable: %s", type(exc).__name__)
        return None
    return database


def cmd_take(args: argparse.Namespace) -> int:
    flt = TakeFilter.parse(args.filter)  # a bad filter is refused before anything else
    database, url = open_database(args)
    user = _signed_in(args, database)
    replica = open_replica(_replica_path(args))
    result = take(database, replica, user, server_name=str(url), flt=flt, limit=args.limit)
    say(
        QT_TRANSLATE_NOOP(
            "Commands", "took {alerts} alerts and {customers} customers ({rows} rows) into {path}"
        ).format(
            alerts=Number(result.alerts), customers=Number(result.customers),
            rows=Number(result.rows), path=replica.path,
        )
    )  # fmt: skip
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    replica = _existing_replica(args)
    data = status(replica).as_json()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        for key, value in data.items():
            label = STATUS_LABELS.get(key) or key.replace("_", " ")
            print(f"{text_of(label)}: {value if value is not None else '-'}")
    return 0


# offline status's lines (its JSON keys, as words).
STATUS_LABELS = {
    "replica": QT_TRANSLATE_NOOP("Commands", "replica"),
    "user": QT_TRANSLATE_NOOP("Commands", "user"),
    "taken_at": QT_TRANSLATE_NOOP("Commands", "taken at"),
    "pulled_at": QT_TRANSLATE_NOOP("Commands", "pulled at"),
    "age_seconds": QT_TRANSLATE_NOOP("Commands", "age seconds"),
    "alerts": QT_TRANSLATE_NOOP("Commands", "alerts"),
    "customers": QT_TRANSLATE_NOOP("Commands", "customers"),
    "outbox": QT_TRANSLATE_NOOP("Commands", "outbox"),
    "conflicts": QT_TRANSLATE_NOOP("Commands", "conflicts"),
}


def _conflict_rows(replica: Replica) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "change": c.label,
            "reason": c.reason,
            "mine": c.mine,
            "theirs": c.theirs,
            "acted_at": c.mutation.acted_at.isoformat(sep=" "),
        }
        for c in open_conflicts(replica)
    ]


def cmd_conflicts(args: argparse.Namespace) -> int:
    rows = _conflict_rows(_existing_replica(args))
    if args.json:
        print(json.dumps(rows, indent=2, default=str))
    mine = text_of(QT_TRANSLATE_NOOP("Commands", "mine:"))
    theirs = text_of(QT_TRANSLATE_NOOP("Commands", "theirs:"))
    width = max(len(mine), len(theirs))
    for row in [] if args.json else rows:
        print(f"#{row['id']}  {text_of(row['change'])}: {text_of(row['reason'])}")
        print(f"    {mine:<{width}} {json.dumps(row['mine'], default=str)}")
        print(f"    {theirs:<{width}} {json.dumps(row['theirs'], default=str)}")
    return 0


def cmd_keep(args: argparse.Namespace) -> int:
    replica = _existing_replica(args)
    if args.conflict not in {c.id for c in open_conflicts(replica)}:
        raise DatabaseError(
            QT_TRANSLATE_NOOP(
                "Commands", "no open conflict #{conflict} (see: churnwatch offline conflicts)"
            ).format(conflict=args.conflict)
        )
    if args.side == "mine":
        keep_mine(replica, args.conflict)
        say(QT_TRANSLATE_NOOP("Commands", "kept mine: it is sent again at the next sync"))
        return 0
    rows = keep_theirs(replica, args.conflict)
    server = _server_or_none(args)
    user_id = replica.get("user_id")
    if server is not None and user_id is not None:
        with replica.active():
            user = m.User.get_by_id(int(user_id))
        refresh(server, replica, user, also=rows)
    say(QT_TRANSLATE_NOOP("Commands", "kept theirs: my change is dropped"))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    replica = _existing_replica(args)
    try:
        database, _ = open_database(args)
    except DatabaseUnavailable as exc:
        waiting = status(replica).waiting
        raise DatabaseUnavailable(
            QT_TRANSLATE_NOOP("Commands", "{error}; {count} changes wait on this computer").format(
                error=exc.args[0] if len(exc.args) == 1 else str(exc), count=Number(waiting)
            )
        ) from None
    report = sync(database, replica)
    if args.json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        say(
            QT_TRANSLATE_NOOP(
                "Commands",
                "pushed {pushed}: {applied} applied ({merged} merged, {superseded} superseded), "
                "{already} already applied, {conflicts} conflicts, {refused} refused; "
                "{waiting} waiting",
            ).format(
                pushed=Number(report.pushed), applied=Number(report.applied),
                merged=Number(report.merged), superseded=Number(report.superseded),
                already=Number(report.already_applied), conflicts=Number(report.conflicts),
                refused=Number(report.refused), waiting=Number(report.waiting),
            )
        )  # fmt: skip
        for note in report.notes:
            print(f"  {text_of(note)}")
        if report.stopped:
            say(QT_TRANSLATE_NOOP("Commands", "stopped: {reason}").format(reason=report.stopped))
    return 1 if report.stopped else 0


def _alert_rows(database: pw.Database, user: m.User, flt: TakeFilter) -> list[dict[str, Any]]:
    with m.DB.using(database):
        query = (
            m.Alert.select(m.Alert, m.Customer.name)
            .join(m.Customer, pw.JOIN.LEFT_OUTER)
            .where(flt.where(user.id))
            .order_by(m.Alert.id)
        )
        return [
            {
                "id": a.id,
                "priority": a.priority,
                "status": a.status,
                "title": a.title,
                "customer": a.customer.name if a.customer_id else None,
            }
            for a in query
        ]


def cmd_alerts_list(args: argparse.Namespace) -> int:
    server = _server_or_none(args)
    if server is not None:
        database, where = server, QT_TRANSLATE_NOOP("Commands", "shared database")
        user = _signed_in(args, server)
        flt = TakeFilter()
    else:
        replica = _existing_replica(args)
        where = QT_TRANSLATE_NOOP("Commands", "offline copy, {waiting} waiting").format(
            waiting=status(replica).waiting
        )
        database = replica.database
        with replica.active():
            user = _signed_in(args, replica.database)
        flt = TakeFilter.from_json(replica.get("filter"))
    rows = _alert_rows(database, user, flt)
    if args.json:
        print(json.dumps({"source": str(where), "alerts": rows}, indent=2))  # English
        return 0
    say(
        QT_TRANSLATE_NOOP("Commands", "{count} alerts ({source})").format(
            count=Number(len(rows)), source=where
        )
    )
    for r in rows:
        print(f"#{r['id']:<8} {r['priority']:<9} {r['status']:<13} {r['customer'] or '-'}: "
              f"{r['title']}")  # fmt: skip
    return 0


def cmd_alerts_act(args: argparse.Namespace) -> int:
    op = OPERATIONS[args.operation]
    payload = {"ids": list(dict.fromkeys(args.ids)), "note": args.note}
    if args.operation == "alert.resolve":
        payload["note"] = args.note or ""
    server = _server_or_none(args)
    if server is not None:
        user = _signed_in(args, server)
        op.run(Services(server, user), payload, payload["ids"])
        say(QT_TRANSLATE_NOOP("Commands", "{change}: done").format(change=op.describe(payload)))
        return 0
    replica = _existing_replica(args)
    with replica.active():
        user = _signed_in(args, replica.database)
    act(replica, user, args.operation, payload)
    waiting = status(replica).waiting
    say(
        QT_TRANSLATE_NOOP(
            "Commands", "{change}: done offline; {waiting} waiting to be sent (churnwatch sync)"
        ).format(change=op.describe(payload), waiting=Number(waiting))
    )
    return 0
