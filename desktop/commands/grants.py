"""`db-grants`: the statements that make a least-privilege MySQL account for the workstations.

The application account gets data access to ChurnWatch's own tables and nothing else: no DDL
(CREATE, ALTER, DROP, INDEX, REFERENCES), no GRANT OPTION, no other database. Two tables get
less than SELECT, INSERT, UPDATE and DELETE:

- `audit_log`: SELECT and INSERT only, so the trail is append-only for the application;
- `user`: no DELETE (staff are disabled, never deleted, so nothing can reach the audit log's
  foreign key to the user either);
- `schema_version`: SELECT only (init-db, run with the administrator's account, writes it).

The tables are the models' (`db.models.ALL_MODELS`), so a new table is granted by the next run.
"""

from __future__ import annotations

import argparse
import re
import sys

from db.connection import DatabaseError, is_mysql
from db.models import ALL_MODELS
from desktop.commands.common import open_database, say
from desktop.core.i18n import QT_TRANSLATE_NOOP

DML = ("SELECT", "INSERT", "UPDATE", "DELETE")
TABLE_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "audit_log": ("SELECT", "INSERT"),
    # Append-only: a deleted key would let a sync apply an offline change twice.
    "applied_mutation": ("SELECT", "INSERT"),
    "user": ("SELECT", "INSERT", "UPDATE"),
    "schema_version": ("SELECT",),
}
ACCOUNT_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
HOST_RE = re.compile(r"^[A-Za-z0-9_.%:-]{1,255}$")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "db-grants",
        help=QT_TRANSLATE_NOOP(
            "Commands",
            "print (or --apply) the GRANTs of a least-privilege application account (MySQL)",
        ),
    )
    p.add_argument(
        "--app-user", metavar="NAME", required=True,
        help=QT_TRANSLATE_NOOP("Commands", "the application account"),
    )  # fmt: skip
    p.add_argument(
        "--host", metavar="PATTERN", default="%",
        help=QT_TRANSLATE_NOOP("Commands", "the account's host (default %%: any)"),
    )  # fmt: skip
    p.add_argument(
        "--apply",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "Commands", "run the statements, connected as the administrator --db names"
        ),
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=QT_TRANSLATE_NOOP(
            "Commands", "also create the account if missing, with the password read from stdin"
        ),
    )
    p.set_defaults(handler=cmd_db_grants)


def grant_statements(database_name: str, account: str) -> list[str]:
    """REVOKE everything the account had, then the grants table by table."""
    out = [f"REVOKE ALL PRIVILEGES, GRANT OPTION FROM {account}"]
    for model in ALL_MODELS:
        table = model._meta.table_name
        privileges = TABLE_PRIVILEGES.get(table, DML)
        out.append(f"GRANT {', '.join(privileges)} ON `{database_name}`.`{table}` TO {account}")
    return out


def _account(name: str, host: str) -> str:
    if not ACCOUNT_RE.match(name):
        raise DatabaseError(
            QT_TRANSLATE_NOOP(
                "Commands", "--app-user: 1–32 letters, digits, dots, dashes or underscores"
            )
        )
    if not HOST_RE.match(host):
        raise DatabaseError(
            QT_TRANSLATE_NOOP(
                "Commands", "--host: a host name, address or pattern (letters, digits, . % : -)"
            )
        )
    return f"'{name}'@'{host}'"


def cmd_db_grants(args: argparse.Namespace) -> int:
    database, url = open_database(args)
    if not is_mysql(database):
        raise DatabaseError(
            QT_TRANSLATE_NOOP(
                "Commands",
                "db-grants is for MySQL/MariaDB; a SQLite file is protected by its file "
                "permissions",
            )
        )
    account = _account(args.app_user, args.host)
    statements = grant_statements(str(database.database), account)
    password = None
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        if not password:
            raise DatabaseError(
                QT_TRANSLATE_NOOP("Commands", "--password-stdin: the password is empty")
            )
    shown = ([f"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY '…'"] if password else []) + (
        statements
    )
    for sql in shown:
        print(f"{sql};")
    if not args.apply:
        return 0
    literal = account.replace("%", "%%")  # the driver formats every statement's parameters
    if password is not None:
        database.execute_sql(f"CREATE USER IF NOT EXISTS {literal} IDENTIFIED BY %s", (password,))
    for sql in statements:
        database.execute_sql(sql.replace("%", "%%"))
    say(
        QT_TRANSLATE_NOOP(
            "Commands", "Applied: {account} may use the tables of {database} only"
        ).format(account=f"{args.app_user}@{args.host}", database=url.database)
    )
    return 0
