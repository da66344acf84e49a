"""Chart data as CSV: exactly the points a chart shows, one column per series."""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.read.dashboard import Series


def _cell(value: float | str, time_axis: bool) -> str:
    if isinstance(value, str):
        return value
    if time_axis:
        return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%d %H:%M:%S")
    return repr(value) if not math.isnan(value) else ""


def write_series_csv(path: Path, series: Sequence[Series], *, time_axis: bool = False) -> int:
    """Write the series side by side, joined on x (first seen order); returns the rows written."""
    xs: dict[float | str, int] = {}
    for s in series:
        for x in s.x:
            xs.setdefault(x, len(xs))
    values: list[list[float | None]] = [[None] * len(series) for _ in xs]
    for column, s in enumerate(series):
        for x, y in zip(s.x, s.y, strict=True):
            values[xs[x]][column] = y
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["time (UTC)" if time_axis else "x", *(s.name for s in series)])
        for x, row in zip(xs, values, strict=True):
            writer.writerow(
                [_cell(x, time_axis), *("" if v is None else _cell(v, False) for v in row)]
            )
    return len(xs)
