"""Bulk inserts of plain tuples: one prepared INSERT per table, `executemany` per batch.

Peewee's `insert_many` builds a query object and converts every value through its field per row;
for the demo generator's millions of rows that costs more than the database itself. Here the SQL is
built once per table (quoting and placeholder style from the database, so the same code runs on
SQLite and MySQL) and the driver gets rows it can send as they are: sqlite3 steps one prepared
statement; for MySQL the rows are written as multi-row INSERT literals (`literal_statements`), what
PyMySQL's `executemany` would send, without its per-value type dispatch.

Callers convert values themselves: datetimes as 'YYYY-MM-DD HH:MM:SS' strings, dates as
'YYYY-MM-DD', JSON as text, booleans as 0/1, money as floats rounded to cents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import peewee as pw


def _quote(database: pw.Database, name: str) -> str:
    left, right = database.quote[0], database.quote[1]
    return f"{left}{name}{right}"


def insert_sql(database: pw.Database, model: type[pw.Model], columns: Sequence[str]) -> str:
    """`INSERT INTO table (cols) VALUES (?, …)` for the model's fields named in `columns`.

    `columns` are field names (`customer`, not `customer_id`); the column names come from the
    model, so a foreign key or a renamed column is spelled the way the table has it.
    """
    fields = model._meta.fields
    names = ", ".join(_quote(database, fields[c].column_name) for c in columns)
    params = ", ".join([database.param] * len(columns))
    return f"INSERT INTO {_quote(database, model._meta.table_name)} ({names}) VALUES ({params})"


class BulkWriter:
    """Writes batches of tuples into tables of one database; caches the SQL per table."""

    def __init__(self, database: pw.Database) -> None:
        # A DatabaseProxy forwards attribute access, but `quote`/`param` must be the real backend's.
        self.database: pw.Database = getattr(database, "obj", None) or database
        self._sql: dict[tuple[type[pw.Model], tuple[str, ...]], str] = {}

    def insert(
        self, model: type[pw.Model], columns: tuple[str, ...], rows: Sequence[Sequence[Any]]
    ) -> int:
        """Insert the rows (in the caller's transaction, if any); return how many."""
        if not rows:
            return 0
        key = (model, columns)
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = insert_sql(self.database, model, columns)
        cursor = self.database.cursor()
        try:
            if isinstance(self.database, pw.MySQLDatabase):
                head = sql[: sql.index(" VALUES ") + len(" VALUES ")]
                for statement in literal_statements(cursor.connection, head, rows):
                    cursor.execute(statement)
            else:
                cursor.executemany(sql, rows)
        finally:
            cursor.close()
        return len(rows)


LITERAL_BUDGET = 512_000
"""Characters of values per multi-row INSERT that `literal_statements` sends: at most 2 MB of
UTF-8, under the 4 MB `max_allowed_packet` of the oldest servers."""


def literal_statements(
    connection: Any, head: str, rows: Sequence[Sequence[Any]], budget: int = LITERAL_BUDGET
) -> list[str]:
    """`head` + rows as SQL literals, in statements of at most `budget` characters of values.

    What PyMySQL's `executemany` sends, built column by column: a column of whole numbers is
    written with `str` (NULL for None), every other value by the connection's own `escape`
    (which quotes text the way the server's NO_BACKSLASH_ESCAPES mode wants it, and goes
    straight to that for a string): once for a column of one value, once for a column of
    text joined (`_escaped_texts`). The same statements, without PyMySQL's per-row formatting.
    """
    escape = connection.escape
    columns: list[list[str]] = []
    for column in zip(*rows, strict=True):
        kinds = set(map(type, column))
        if kinds <= _INTS:
            columns.append(["NULL" if x is None else str(x) for x in column])
        elif column.count(column[0]) == len(column):  # one value (a default, the import's time)
            columns.append([escape(column[0])] * len(column))
        elif kinds == _TEXT:
            columns.append(_escaped_texts(escape, column))
        else:
            columns.append(list(map(escape, column)))
    statements: list[str] = []
    batch: list[str] = []
    size = 0
    for literal in map("({})".format, map(",".join, zip(*columns, strict=True))):
        if batch and size + len(literal) > budget:
            statements.append(head + ",".join(batch))
            batch, size = [], 0
        batch.append(literal)
        size += len(literal) + 1
    if batch:
        statements.append(head + ",".join(batch))
    return statements


_SEPARATOR = "\x1f"  # a control character no escaping changes


def _escaped_texts(escape: Any, column: Sequence[str]) -> list[str]:
    """`escape` of each string, as one call on the column joined: the escaping is character
    by character (a quote doubled or backslashed, a newline written \\n), so escaping the
    joined text and cutting it where the separators are gives the same literals, in C loops.
    A column holding the separator itself is escaped value by value."""
    joined = _SEPARATOR.join(column)
    if joined.count(_SEPARATOR) != len(column) - 1:
        return list(map(escape, column))
    quoted = escape(joined)  # 'a<sep>b' -> 'a'<sep>'b'
    return quoted.replace(_SEPARATOR, f"{quoted[-1]}{_SEPARATOR}{quoted[0]}").split(_SEPARATOR)


_TEXT = frozenset({str})
_INTS = frozenset({int, type(None)})  # not bool: `escape` writes it as 1/0, as PyMySQL does


STATEMENT_BUDGET = 1_024_000
"""Bytes of values per multi-row INSERT that `insert_rows` sends: PyMySQL's own limit for the
statements it builds from `executemany`, far below any server's `max_allowed_packet` (4 MiB on
old MySQL, 16 MiB on MariaDB)."""


def _wire_bytes(field: pw.Field | None, value: Any) -> int:
    """An upper bound of the value's size in the statement: its stored form, every byte escaped."""
    if field is not None and value is not None and not isinstance(value, pw.Node):
        value = field.db_value(value)
    if isinstance(value, str):
        return 2 * len(value.encode("utf-8", "surrogatepass")) + 2
    if isinstance(value, (bytes, bytearray, memoryview)):
        return 2 * len(value) + 3
    return 24


def insert_rows(
    model: type[pw.Model], rows: Sequence[Mapping[str, Any]], budget: int = STATEMENT_BUDGET
) -> int:
    """`model.insert_many(rows)` in as few statements as keep each under `budget` bytes.

    One statement for ordinary rows; rows that carry long text (500 audit entries that each
    quote a 100,000-character resolution note) are split, so no statement exceeds what the
    server accepts. Runs in the caller's transaction; returns the number of rows.
    """
    fields = model._meta.fields
    batch: list[Mapping[str, Any]] = []
    size = 0
    for row in rows:
        row_size = sum(_wire_bytes(fields.get(name), value) for name, value in row.items())
        if batch and size + row_size > budget:
            model.insert_many(batch).execute()
            batch, size = [], 0
        batch.append(row)
        size += row_size
    if batch:
        model.insert_many(batch).execute()
    return len(rows)


class DeferredIndexes:
    """A table's secondary indexes set aside for a bulk load into SQLite and built again after.

    Each row inserted into a table with indexes on random-order columns (dates, amounts, a
    customer) writes into every index at a random page; past the page cache that costs more
    than the row itself. Building an index from the loaded table sorts once instead (SQLite's
    own advice for bulk loads). Only non-unique indexes are set aside (the unique ones still
    refuse a duplicate row by row), only inside the caller's transaction (a rollback brings
    them back as they were), and each is built again from its own stored `CREATE INDEX`, so the
    schema ends as it began. On MySQL, whose DDL commits the transaction, this does nothing.
    """

    def __init__(self, database: pw.Database, model: type[pw.Model]) -> None:
        self.database: pw.Database = getattr(database, "obj", None) or database
        self.table = model._meta.table_name
        self._dropped: list[tuple[str, str]] = []

    def drop(self) -> bool:
        """Set the indexes aside; False (nothing done) outside a SQLite transaction."""
        if not isinstance(self.database, pw.SqliteDatabase) or not self.database.in_transaction():
            return False
        cursor = self.database.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL",
            (self.table,),
        )
        found = [(name, sql) for name, sql in cursor.fetchall()
                 if not sql.lstrip().upper().startswith("CREATE UNIQUE")]  # fmt: skip
        for name, _sql in found:
            self.database.execute_sql(f"DROP INDEX {_quote(self.database, name)}")
        self._dropped = found
        return bool(found)

    def rebuild(self) -> None:
        """Build the indexes set aside again (before anything reads through them)."""
        dropped, self._dropped = self._dropped, []
        for _name, sql in dropped:
            self.database.execute_sql(sql)
