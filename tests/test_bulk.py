"""`db.bulk.BulkWriter` on both backends: what goes in comes back byte for byte — quotes,
backslashes, percent signs, emoji, NULLs, floats, whole numbers — and MySQL's multi-row
literals are split under their budget without losing or repeating a row."""

from __future__ import annotations

from db import bulk
from db import models as m

AWKWARD = [
    "O'Brien", 'say "hi"', "back\\slash", "50 % off %s %(x)s", "line\nbreak\ttab", "😀 café",
    "\x00nul", "'; DROP TABLE customer; --", "",
]  # fmt: skip


def test_awkward_text_and_numbers_round_trip(database):
    writer = bulk.BulkWriter(database)
    now = "2024-06-01 10:00:00"
    columns = ("email", "name", "email_engagement_rate", "loyalty_points", "external_id",
               "customer_since", "account_status", "total_orders", "total_spent",
               "average_order_value", "logins_30d", "support_tickets", "returns_count",
               "payment_failures", "discount_usage", "account_value", "version", "created_at",
               "updated_at")  # fmt: skip
    rows = [
        (f"c{i}@example.com", text, 0.25 * i, i, None if i % 2 else f"x{i}", "2020-01-01",
         "active", 0, 0, 0, 0, 0, 0, 0, 0.0, 1, 1, now, now)
        for i, text in enumerate(AWKWARD)
    ]  # fmt: skip
    assert writer.insert(m.Customer, columns, rows) == len(rows)
    stored = {c.email: c for c in m.Customer.select()}
    assert len(stored) == len(rows)
    for email, name, rate, points, external, *_ in rows:
        assert stored[email].name == name
        assert stored[email].loyalty_points == points
        assert stored[email].email_engagement_rate == rate
        assert stored[email].external_id == external


def test_literal_statements_split_under_the_budget_and_keep_every_row():
    class Connection:  # PyMySQL's escape for text, enough for the splitting
        @staticmethod
        def escape(value):
            return "NULL" if value is None else "'" + str(value).replace("'", "\\'") + "'"

    rows = [(i, f"name {i}", None) for i in range(1000)]
    statements = bulk.literal_statements(Connection(), "INSERT INTO t (a, b, c) VALUES ", rows,
                                         budget=2_000)  # fmt: skip
    assert len(statements) > 5
    assert all(len(s) - len("INSERT INTO t (a, b, c) VALUES ") <= 2_000 for s in statements)
    values = ",".join(s.split(" VALUES ", 1)[1] for s in statements)
    assert values.count("(") == 1000 and "(999,'name 999',NULL)" in values
    assert values.startswith("(0,'name 0',NULL),(1,'name 1',NULL)")


def test_a_text_column_escaped_at_once_gives_each_value_s_own_literal():
    """`_escaped_texts` against the connection's escape value by value, in both of MySQL's
    quoting modes; a value holding the separator falls back to one call a value."""
    import pymysql.converters

    class Backslashes:
        @staticmethod
        def escape(value):
            return "NULL" if value is None else "'" + pymysql.converters.escape_string(value) + "'"

    class Doubled:
        @staticmethod
        def escape(value):
            return "NULL" if value is None else "'" + value.replace("'", "''") + "'"

    for connection in (Backslashes, Doubled):
        for column in (AWKWARD, [*AWKWARD, "unit\x1fsep"], [""], ["", ""]):
            expected = [connection.escape(v) for v in column]
            assert bulk._escaped_texts(connection.escape, column) == expected
        rows = [(i, text, "same", None) for i, text in enumerate(AWKWARD)]
        statements = bulk.literal_statements(connection, "INSERT INTO t VALUES ", rows)
        literals = ",".join(
            f"({i},{connection.escape(text)},'same',NULL)" for i, text in enumerate(AWKWARD)
        )
        assert statements == ["INSERT INTO t VALUES " + literals]
