"""What a database's schema is, read back from the database itself, comparable across databases.

Used by the migration-drift test: a database migrated from version 1 and a new one must read the
same. Per table: columns (type normalised per backend, nullability, default), indexes (name,
columns in order, uniqueness), foreign keys (columns, target, ON DELETE/UPDATE), CHECK
constraints and, on MySQL, engine and collation. Column order is left out (an added column comes
last, and nothing reads columns by position); so are the server-chosen names of MySQL's foreign
key and CHECK constraints.
"""

from __future__ import annotations

import re
from typing import Any

import peewee as pw

Snapshot = dict[str, dict[str, Any]]

_INT_WIDTH = re.compile(r"^(tinyint|smallint|mediumint|int|bigint)\(\d+\)")


def _mysql_type(column_type: str) -> str:
    """`int(11)` and `int` are one type (MySQL 8 dropped display widths)."""
    return _INT_WIDTH.sub(r"\1", column_type.lower())


def _mysql_default(default: Any) -> Any:
    """MariaDB reports "no default" on a nullable column as the text 'NULL'."""
    return None if default in (None, "NULL") else default


def snapshot(database: pw.Database) -> Snapshot:
    if isinstance(database, pw.MySQLDatabase):
        return _mysql_snapshot(database)
    return _sqlite_snapshot(database)


def _rows(database: pw.Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, params).fetchall())


def _mysql_snapshot(database: pw.Database) -> Snapshot:
    out: Snapshot = {}
    for table, engine, collation in _rows(
        database,
        "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
        " WHERE TABLE_SCHEMA = DATABASE()",
    ):
        out[table] = {
            "options": (engine, collation),
            "columns": {},
            "indexes": {},
            "foreign_keys": set(),
            "checks": set(),
        }
    for table, name, ctype, nullable, default, extra, charset, coll in _rows(
        database,
        "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
        " CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS"
        " WHERE TABLE_SCHEMA = DATABASE()",
    ):
        out[table]["columns"][name] = (
            _mysql_type(ctype),
            nullable == "YES",
            _mysql_default(default),
            extra or "",
            charset,
            coll,
        )
    indexes: dict[tuple[str, str], dict[str, Any]] = {}
    for table, name, seq, column, non_unique, sub_part in _rows(
        database,
        "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, SUB_PART"
        " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()",
    ):
        entry = indexes.setdefault((table, name), {"unique": not non_unique, "cols": {}})
        entry["cols"][int(seq)] = (column, sub_part)
    for (table, name), entry in indexes.items():
        cols = tuple(entry["cols"][k] for k in sorted(entry["cols"]))
        out[table]["indexes"][name] = (cols, entry["unique"])
    fks: dict[tuple[str, str], dict[str, Any]] = {}
    for table, name, column, ref_table, ref_column, pos, on_update, on_delete in _rows(
        database,
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,"
        " k.REFERENCED_COLUMN_NAME, k.ORDINAL_POSITION, r.UPDATE_RULE, r.DELETE_RULE"
        " FROM information_schema.KEY_COLUMN_USAGE k"
        " JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
        "   ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
        "  AND r.TABLE_NAME = k.TABLE_NAME"
        " WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL",
    ):
        entry = fks.setdefault(
            (table, name), {"cols": {}, "ref": ref_table, "rules": (on_update, on_delete)}
        )
        entry["cols"][int(pos)] = (column, ref_column)
    for (table, _name), entry in fks.items():
        pairs = tuple(entry["cols"][k] for k in sorted(entry["cols"]))
        out[table]["foreign_keys"].add((pairs, entry["ref"], entry["rules"]))
    for table, clause in _rows(
        database,
        "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
        " WHERE CONSTRAINT_SCHEMA = DATABASE()",
    ):
        out[table]["checks"].add(clause)
    return out


def _checks(create_sql: str) -> set[str]:
    """The CHECK (…) clauses of a CREATE TABLE, parentheses balanced."""
    found: set[str] = set()
    for match in re.finditer(r"CHECK\s*\(", create_sql, re.IGNORECASE):
        depth, start = 1, match.end()
        i = start
        while depth and i < len(create_sql):
            depth += {"(": 1, ")": -1}.get(create_sql[i], 0)
            i += 1
        found.add(create_sql[start : i - 1].strip())
    return found


def _sqlite_snapshot(database: pw.Database) -> Snapshot:
    out: Snapshot = {}
    tables = _rows(
        database,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    for table, create_sql in tables:
        q = table.replace('"', '""')
        columns = {
            name: (ctype.upper(), not notnull, default, bool(pk))
            for _cid, name, ctype, notnull, default, pk in _rows(
                database, f'PRAGMA table_info("{q}")'
            )
        }
        indexes = {}
        for _seq, name, unique, origin, partial in _rows(database, f'PRAGMA index_list("{q}")'):
            iq = name.replace('"', '""')
            cols = tuple(col for _n, _cid, col in _rows(database, f'PRAGMA index_info("{iq}")'))
            indexes[name] = (cols, bool(unique), origin, bool(partial))
        fks: dict[int, dict[str, Any]] = {}
        for fk_id, seq, ref, col, ref_col, on_update, on_delete, match in _rows(
            database, f'PRAGMA foreign_key_list("{q}")'
        ):
            entry = fks.setdefault(fk_id, {"cols": {}, "ref": ref, "rules": (on_update, on_delete)})
            entry["cols"][seq] = (col, ref_col)
            entry["match"] = match
        out[table] = {
            "columns": columns,
            "indexes": indexes,
            "foreign_keys": {
                (tuple(e["cols"][k] for k in sorted(e["cols"])), e["ref"], e["rules"])
                for e in fks.values()
            },
            "checks": _checks(create_sql),
        }
    return out


def differences(got: Snapshot, want: Snapshot) -> list[str]:
    """What `got` has that `want` has not, and the other way round, one line each."""
    lines: list[str] = []
    for table in sorted(set(got) | set(want)):
        if table not in got:
            lines.append(f"{table}: table missing")
            continue
        if table not in want:
            lines.append(f"{table}: table not in a new database")
            continue
        g, w = got[table], want[table]
        if g.get("options") != w.get("options"):
            lines.append(f"{table}: table options {g.get('options')} != {w.get('options')}")
        for kind in ("columns", "indexes"):
            for name in sorted(set(g[kind]) | set(w[kind])):
                if g[kind].get(name) != w[kind].get(name):
                    lines.append(
                        f"{table}: {kind[:-1] if kind == 'columns' else 'index'} {name}: "
                        f"{g[kind].get(name, 'missing')} != {w[kind].get(name, 'missing')}"
                    )
        for kind in ("foreign_keys", "checks"):
            for extra in sorted(map(str, g[kind] - w[kind])):
                lines.append(f"{table}: {kind} has {extra}, a new database has not")
            for missing in sorted(map(str, w[kind] - g[kind])):
                lines.append(f"{table}: {kind} lacks {missing}")
    return lines
