"""Staff accounts on the command line: `user add|list|disable|enable|set-role|passwd`.

The first account of a database without users is an admin, added without `--as`; after that
every change is made `--as` an admin (signed in: the lockout applies) through the service layer,
which checks the permission matrix and audits it. Passwords come from stdin (`--password-stdin`,
its first line) or, on a terminal, a prompt asked twice; never from an argument.
"""

from __future__ import annotations

import argparse
import json
import sys

import peewee as pw

from db import models as m
from db.choices import Role
from db.validation import ValidationError
from desktop.commands.common import (
    add_as_option,
    ask_password,
    open_database,
    say,
    services_as,
    text_of,
)
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.services import Services, create_first_admin, find_user, has_users
from desktop.core.services.base import NotAllowed


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "user",
        help=QT_TRANSLATE_NOOP(
            "Commands", "staff accounts: add, list, disable, enable, set-role, passwd"
        ),
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = actions.add_parser(
        "add",
        help=QT_TRANSLATE_NOOP(
            "Commands", "add a staff account (the first one: an admin, no --as)"
        ),
    )
    a.add_argument("name", metavar="NAME")
    a.add_argument("--role", choices=[r.value for r in Role], required=True)
    a.add_argument("--display-name", metavar="TEXT", default="")
    a.add_argument(
        "--email",
        metavar="ADDRESS",
        help=QT_TRANSLATE_NOOP("Commands", "(default: none, a placeholder is stored)"),
    )
    _password_option(a)
    add_as_option(a)
    a.set_defaults(handler=cmd_add)

    a = actions.add_parser(
        "list",
        help=QT_TRANSLATE_NOOP(
            "Commands", "every account: username, name, role, active, last sign-in"
        ),
    )
    a.add_argument(
        "--json", action="store_true", help=QT_TRANSLATE_NOOP("Commands", "machine-readable output")
    )
    a.set_defaults(handler=cmd_list)

    for name, helptext in (
        (
            "disable",
            QT_TRANSLATE_NOOP("Commands", "the account can no longer sign in; its history stays"),
        ),
        (
            "enable",
            QT_TRANSLATE_NOOP(
                "Commands", "the account may sign in again (its sign-in lock is lifted)"
            ),
        ),
    ):
        a = actions.add_parser(name, help=helptext)
        a.add_argument("name", metavar="NAME")
        add_as_option(a)
        a.set_defaults(handler=cmd_disable if name == "disable" else cmd_enable)

    a = actions.add_parser(
        "set-role", help=QT_TRANSLATE_NOOP("Commands", "change an account's role")
    )
    a.add_argument("name", metavar="NAME")
    a.add_argument("role", metavar="ROLE", choices=[r.value for r in Role])
    add_as_option(a)
    a.set_defaults(handler=cmd_set_role)

    a = actions.add_parser(
        "passwd", help=QT_TRANSLATE_NOOP("Commands", "set an account's password (an admin's reset)")
    )
    a.add_argument("name", metavar="NAME")
    _password_option(a)
    add_as_option(a)
    a.set_defaults(handler=cmd_passwd)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "read the new password from the first line of stdin (else a prompt, asked twice)",
        ),
    )


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    first = ask_password(QT_TRANSLATE_NOOP("Commands", "new password: "))
    if ask_password(QT_TRANSLATE_NOOP("Commands", "new password again: ")) != first:
        raise ValidationError(
            {"password": QT_TRANSLATE_NOOP("Commands", "the two passwords differ")}, entity="User"
        )
    return first


def _admin_services(args: argparse.Namespace, database: pw.Database) -> Services:
    """The services of the admin `--as` names; one line when it is missing."""
    return services_as(
        args,
        database,
        QT_TRANSLATE_NOOP(
            "Commands", "only admins may manage users and roles: add --as USERNAME (an admin)"
        ),
    )


def cmd_add(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    if not args.as_user and not has_users():
        if args.role != Role.ADMIN:
            raise NotAllowed(
                QT_TRANSLATE_NOOP("Commands", "the first account must be an admin: --role admin")
            )
        user = create_first_admin(
            database,
            args.name,
            _new_password(args),
            display_name=args.display_name,
            email=args.email,
        )
        say(
            QT_TRANSLATE_NOOP(
                "Commands", "Added {username} (admin), the first account of this database"
            ).format(username=user.username)
        )
        return 0
    svc = _admin_services(args, database)
    user = svc.add_user(
        args.name,
        _new_password(args),
        role=args.role,
        display_name=args.display_name,
        email=args.email,
    )
    say(
        QT_TRANSLATE_NOOP("Commands", "Added {username} ({role})").format(
            username=user.username, role=user.role
        )
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    open_database(args)
    users = [
        {
            "username": u.username,
            "display_name": u.display_name,
            "email": u.email,
            "role": u.role,
            "active": bool(u.active),
            "last_login_at": u.last_login_at.isoformat(sep=" ") if u.last_login_at else None,
        }
        for u in m.User.select().order_by(m.User.username)
    ]
    if args.json:
        print(json.dumps(users, indent=2))
        return 0
    if not users:
        say(
            QT_TRANSLATE_NOOP(
                "Commands", "No users yet: churnwatch user add NAME --role admin --password-stdin"
            )
        )
        return 0
    username, name, role, active, last = (
        text_of(QT_TRANSLATE_NOOP("Commands", "username")),
        text_of(QT_TRANSLATE_NOOP("Commands", "name")),
        text_of(QT_TRANSLATE_NOOP("Commands", "role")),
        text_of(QT_TRANSLATE_NOOP("Commands", "active")),
        text_of(QT_TRANSLATE_NOOP("Commands", "last sign-in")),
    )
    print(f"{username:<20} {name:<28} {role:<11} {active:<7} {last}")
    yes = text_of(QT_TRANSLATE_NOOP("Commands", "yes"))
    no = text_of(QT_TRANSLATE_NOOP("Commands", "no"))
    never = text_of(QT_TRANSLATE_NOOP("Commands", "never"))
    for u in users:
        print(
            f"{u['username']:<20} {u['display_name'][:28]:<28} {u['role']:<11} "
            f"{yes if u['active'] else no:<7} {(u['last_login_at'] or never)[:16]}"
        )
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    svc = _admin_services(args, database)
    user = svc.disable_user(find_user(args.name).id)
    say(QT_TRANSLATE_NOOP("Commands", "Disabled {username}").format(username=user.username))
    return 0


def cmd_enable(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    svc = _admin_services(args, database)
    user = svc.enable_user(find_user(args.name).id)
    say(QT_TRANSLATE_NOOP("Commands", "Enabled {username}").format(username=user.username))
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    svc = _admin_services(args, database)
    user = svc.set_role(find_user(args.name).id, args.role)
    say(
        QT_TRANSLATE_NOOP("Commands", "{username} is now {role}").format(
            username=user.username, role=user.role
        )
    )
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    database, _ = open_database(args)
    svc = _admin_services(args, database)
    target = find_user(args.name)
    svc.reset_password(target.id, _new_password(args))
    say(
        QT_TRANSLATE_NOOP("Commands", "Set the password of {username}").format(
            username=target.username
        )
    )
    return 0
