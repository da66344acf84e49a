"""Import of a shop's own data from CSV or XLSX: customers, orders (with or without their items),
order items, customer events, support tickets and their messages, payment methods and
transactions, subscriptions and churn records.

`prepare` opens the file and builds its plan (the guessed mapping with the user's corrections,
each column's date form and decimal mark); `preview` shows the first rows as they will be
stored; `runner.run` imports or checks it as a task. Writes reach the database only through
`desktop.core.services.imports` (the permission, the audit row).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.imports import catalogue, mapping, readers
from desktop.core.imports.catalogue import KINDS, Kind
from desktop.core.imports.mapping import MappingProblem
from desktop.core.imports.readers import FileProblem
from desktop.core.imports.rows import Options, Plan, RowProblem, convert, make_plan
from desktop.core.imports.runner import Report
from desktop.core.imports.values import ValueProblem, normalise_format

__all__ = [
    "KINDS",
    "FileProblem",
    "Kind",
    "MappingProblem",
    "Options",
    "Plan",
    "Report",
    "ValueProblem",
    "normalise_format",
    "prepare",
    "preview",
]


def prepare(
    kind_name: str,
    path: Path | str,
    *,
    overrides: Mapping[str, str] | None = None,
    columns: Mapping[str, str] | None = None,
    saved: str | None = None,
    options: Options | None = None,
) -> Plan:
    """The plan for importing `path` as `kind_name`: `columns` (a whole mapping, as the dialog
    gives it) or the guess, then a saved mapping's columns, then `overrides` (SOURCE=FIELD)."""
    try:
        kind = catalogue.kind(kind_name)
    except KeyError as exc:
        raise MappingProblem(str(exc.args[0])) from None
    options = options or Options()
    if options.date_format:
        options.date_format = normalise_format(options.date_format)
    source = readers.open_source(path, encoding=options.encoding)
    chosen = dict(columns) if columns is not None else mapping.guess(kind, source.headers)
    if saved:
        stored = mapping.saved_mapping(saved)
        if stored.kind != kind.name:
            raise MappingProblem(
                QT_TRANSLATE_NOOP(
                    "Imports", "the mapping '{saved}' is for {stored}, not {kind}"
                ).format(saved=saved, stored=stored.kind, kind=kind.name)
            )
        chosen = {h: f for h, f in stored.columns.items() if h in source.headers}
        if options.date_format is None and stored.options.get("date_format"):
            options.date_format = stored.options["date_format"]
        if options.decimal_comma is None:
            options.decimal_comma = stored.options.get("decimal_comma")
    chosen = mapping.apply_overrides(kind, source.headers, chosen, overrides or {})
    return make_plan(kind, source, chosen, options)


def preview(plan: Plan, rows: int = 10) -> list[tuple[int, dict[str, Any] | str]]:
    """The first rows as they will be stored: (line, {field: value}) or (line, the problem)."""
    out: list[tuple[int, dict[str, Any] | str]] = []
    for line, cells in itertools.islice(plan.source.rows(), rows):
        try:
            out.append((line, convert(plan, line, cells)))
        except RowProblem as problem:
            out.append((line, str(problem)))
    return out
