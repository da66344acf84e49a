"""The few SQL expressions that SQLite and MySQL spell differently.

Everything else is written once with Peewee; these helpers keep the branching in one place.
"""

from __future__ import annotations

import peewee as pw

from db.connection import is_mysql


def duration_seconds(start: pw.Node, end: pw.Node) -> pw.Node:
    """Seconds from `start` to `end` as a number."""
    if is_mysql():
        return pw.fn.TIMESTAMPDIFF(pw.SQL("SECOND"), start, end)
    return (pw.fn.julianday(end) - pw.fn.julianday(start)) * 86400.0


def day_of(value: pw.Node) -> pw.Node:
    """The calendar day, as 'YYYY-MM-DD' text on both backends."""
    return _format(value, "%Y-%m-%d")


def month_of(value: pw.Node) -> pw.Node:
    """The calendar month, as 'YYYY-MM' text on both backends."""
    return _format(value, "%Y-%m")


def _format(value: pw.Node, pattern: str) -> pw.Node:
    # coerce(False): Peewee would otherwise parse the text back through the datetime field.
    if is_mysql():
        return pw.fn.DATE_FORMAT(value, pattern).coerce(False)
    return pw.fn.strftime(pattern, value).coerce(False)


def bucket(value: pw.Node, buckets: int) -> pw.Node:
    """Which of `buckets` equal bins of [0, 1] a value falls in (1.0 lands in the last one).

    MySQL's CAST rounds where SQLite's truncates, so each backend gets its own floor; the small
    nudge keeps 0.45 * 20 = 8.999… in bin 9, where a person would put it.
    """
    scaled = value * float(buckets) + 1e-9
    floor = pw.fn.FLOOR(scaled) if is_mysql() else pw.Cast(scaled, "INTEGER")
    return pw.Case(None, [(value >= 1.0, buckets - 1)], floor)
