"""Reading aggregates fast: rows straight from the driver, and a GROUP BY's result packed into
one row of GROUP_CONCATs that `str.split` and numpy parse at C speed (see `packed`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import peewee as pw

from db import models as m

FloatMatrix = npt.NDArray[np.float64]
IdArray = npt.NDArray[np.int64]


def count_if(condition: pw.Expression) -> pw.Function:
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def sum_if(condition: pw.Expression, value: pw.Node) -> pw.Function:
    return pw.fn.SUM(pw.Case(None, [(condition, value)], 0))


def fetch_rows(query: pw.BaseQuery) -> list[tuple[Any, ...]]:
    """The query's rows as the driver returns them, without peewee's per-value conversion.

    On the hot path that conversion cost more than reading the rows; the code here copes with
    both drivers' types itself (MySQL: datetime, Decimal; SQLite: ISO strings, numbers).
    """
    cursor = m.DB.obj.execute(query)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def aliased(*columns: pw.Node) -> list[pw.Node]:
    """The columns named v0, v1, … for `packed`."""
    return [column.alias(f"v{j}") for j, column in enumerate(columns)]


def packed(query: pw.SelectQuery, fills: Sequence[object]) -> list[list[str]]:
    """The columns of `query` (aliased v0, v1, … by `aliased`) as lists of text values.

    The rows travel packed: one row back, holding the row count and one GROUP_CONCAT per
    column (NULL replaced by that column's fill), which `str.split` and numpy parse at C speed.
    PyMySQL decodes every value of every row in Python, about a microsecond each (more for a
    date or a decimal): row by row, reading the aggregates cost the client more than the server
    spent computing them. All the GROUP_CONCATs of one SELECT see the rows in the same order.
    """
    agg = query.alias("agg")
    columns: list[pw.Node] = [pw.fn.COUNT(pw.SQL("*"))]
    columns += [
        pw.fn.GROUP_CONCAT(pw.fn.COALESCE(getattr(agg.c, f"v{j}"), fill))
        for j, fill in enumerate(fills)
    ]
    cursor = m.DB.obj.execute(pw.Select([agg], columns))
    try:
        row = cursor.fetchone()
    finally:
        cursor.close()
    count = int(row[0] or 0)
    if count == 0:
        return [[] for _ in fills]
    out = [(v.decode() if isinstance(v, bytes) else str(v)).split(",") for v in row[1:]]
    if any(len(values) != count for values in out):
        # MySQL cuts GROUP_CONCAT at group_concat_max_len (with only a warning): never guess.
        raise RuntimeError(
            f"a packed aggregate came back cut short ({count} rows expected); "
            "raise group_concat_max_len or score smaller chunks"
        )
    return out


def floats(values: list[str]) -> FloatMatrix:
    return np.array(values, dtype=np.float64) if values else np.empty(0, dtype=np.float64)


def ints(values: list[str]) -> IdArray:
    return np.array(values, dtype=np.int64) if values else np.empty(0, dtype=np.int64)


def locate(ids: IdArray, cids: IdArray) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """Row index in `ids` (sorted) of each of `cids`, and which of them are there at all.

    Aggregates can name customers outside the selection (joined or churned after the cutoff);
    those are dropped.
    """
    if ids.size == 0 or cids.size == 0:
        return np.empty(0, dtype=np.intp), np.zeros(cids.size, dtype=bool)
    pos = np.clip(np.searchsorted(ids, cids), 0, ids.size - 1)
    return pos, ids[pos] == cids
