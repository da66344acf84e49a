"""A list exported exactly as its table shows it: the same search, filters, sort and columns,
every matching row (not only the loaded pages), to CSV or XLSX.

Rows come from `listing.stream` (keyset batches in the table's order, inside one read
transaction, so the file is one consistent snapshot), pass through the spec's `export_values`
and are written as they arrive: memory stays flat whatever the row count. The header row is the
columns' titles as the table shows them ("Name", "Email", …), which the importer accepts, and
the spec's `identity` columns (the row's id, its customer's id) are always included so a
re-import can match rows.

Typed cells: in XLSX numbers are numbers (money with two decimals, percentages as a fraction
formatted as a percentage), dates and times real dates; text is always text (a name starting
with "=" is never a formula). CSV is UTF-8, dates ISO (`2026-03-01`, `2026-03-01 14:05:00`),
numbers with a dot, percentages as a fraction, choices as stored (`at_risk`, `HIGH`).

The file appears only complete: rows go to a hidden temporary file beside the target, which
`before_publish` may still veto (the service layer writes its audit row there), and is renamed
over the target at the end; a cancel or a failure removes it.
"""

from __future__ import annotations

import contextlib
import csv
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import peewee as pw

from db.tasks import TaskState
from db.validation import ValidationError
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number
from desktop.core.read import listing
from desktop.core.read.listing import Column, ListQuery, ListSpec

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_048_575  # a sheet's rows, less the header
XLSX_MAX_TEXT = 32_767  # characters in one cell
# Dates and times get openpyxl's own date formats; these kinds get a format of their own.
NUMBER_FORMATS = {"money": "#,##0.00", "percent": "0.0%"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    columns: tuple[str, ...]
    format: str


def export_columns(spec: ListSpec, names: Iterable[str] | None = None) -> list[Column]:
    """The columns to write, in the order given (keys or titles, any letter case), after the
    spec's identity columns when they are not among them; None: the columns shown by default.
    An unknown name is a `ValidationError` naming it and the choices."""
    by_name: dict[str, Column] = {}
    for column in spec.columns:
        by_name[column.key.lower()] = column
        by_name.setdefault(column.label.lower(), column)
    chosen: list[Column] = []
    if names is None:
        chosen = [c for c in spec.columns if c.shown]
    else:
        for name in names:
            found = by_name.get(name.strip().lower())
            if found is None:
                choices = ", ".join(c.key for c in spec.columns)
                raise ValidationError(
                    {
                        "columns": QT_TRANSLATE_NOOP(
                            "Read", "{name} have no column '{name2}' (choose from {choices})"
                        ).format(name=spec.name, name2=name.strip(), choices=choices)
                    }
                )
            if found not in chosen:
                chosen.append(found)
        if not chosen:
            raise ValidationError(
                {"columns": QT_TRANSLATE_NOOP("Read", "choose at least one column")}
            )
    identity = [spec.by_key[k] for k in spec.identity if spec.by_key[k] not in chosen]
    return identity + chosen


def check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError(
            {
                "format": QT_TRANSLATE_NOOP(
                    "Read", "'{fmt}' is not an export format (csv or xlsx)"
                ).format(fmt=fmt)
            }
        )
    return fmt


# --- cells -------------------------------------------------------------------------------------


def _day(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


def csv_cell(column: Column, value: Any) -> str:  # noqa: PLR0911 - one return per type
    """A value as CSV text: ISO dates, plain numbers, choices as stored."""
    kind = type(value)
    if kind is str:  # the common cases first: this runs for every cell
        return value
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if column.kind == "date" else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def xlsx_value(column: Column, value: Any) -> Any:
    """A value as an XLSX cell holds it: numbers and dates typed, text as text."""
    if value is None:
        return None
    if column.kind == "date":
        return _day(value)
    if isinstance(value, (int, float, Decimal, datetime, date)):
        return value
    if column.kind in ("int", "money", "percent"):
        try:
            return Decimal(str(value))
        except ArithmeticError:
            pass
    return str(value)


# --- writers -----------------------------------------------------------------------------------


class Writer(Protocol):
    def header(self, titles: Sequence[str]) -> None: ...
    def row(self, values: Sequence[Any]) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class CsvWriter:
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.handle = path.open("w", newline="", encoding="utf-8")
        self.writer = csv.writer(self.handle)

    def header(self, titles: Sequence[str]) -> None:
        self.writer.writerow(titles)

    def row(self, values: Sequence[Any]) -> None:
        self.writer.writerow([csv_cell(c, v) for c, v in zip(self.columns, values, strict=True)])

    def close(self) -> None:
        self.handle.close()

    def abort(self) -> None:
        self.handle.close()


class XlsxWriter:
    """openpyxl's write-only workbook: each row goes to the sheet's XML as it is appended."""

    def __init__(self, path: Path, columns: Sequence[Column], title: str) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.path = path
        self.columns = columns
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title[:31] or "Export")
        self.sheet.freeze_panes = "A2"
        for i, column in enumerate(columns, start=1):
            width = 12 if column.kind in ("int", "money", "percent", "date") else 20
            self.sheet.column_dimensions[get_column_letter(i)].width = width
        self._cell = WriteOnlyCell
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._bold = Font(bold=True)
        # One styled cell per formatted column, reused row after row: each row is written out
        # as it is appended, and a new cell per value would cost its style lookup each time.
        self._styled: list[Any] = []
        for column in columns:
            fmt = NUMBER_FORMATS.get(column.kind)
            cell = None
            if fmt is not None:
                cell = WriteOnlyCell(self.sheet)
                cell.number_format = fmt
            self._styled.append(cell)

    def header(self, titles: Sequence[str]) -> None:
        cells = []
        for title in titles:
            cell = self._cell(self.sheet, value=title)
            cell.font = self._bold
            cells.append(cell)
        self.sheet.append(cells)

    def row(self, values: Sequence[Any]) -> None:
        out: list[Any] = []
        for column, styled, raw in zip(self.columns, self._styled, values, strict=True):
            value = xlsx_value(column, raw)
            if isinstance(value, str):
                value = self._illegal.sub("", value)
                if len(value) > XLSX_MAX_TEXT:
                    value = value[: XLSX_MAX_TEXT - 1] + "…"
                if value.startswith("="):  # text, never a formula
                    cell = self._cell(self.sheet, value=value)
                    cell.data_type = "s"
                    value = cell
            elif value is not None and styled is not None:
                styled.value = value
                value = styled
            out.append(value)
        self.sheet.append(out)

    def close(self) -> None:
        self.book.save(self.path)

    def abort(self) -> None:
        """Drop the sheet's own temporary XML (openpyxl removes it only on save or at exit)."""
        with contextlib.suppress(Exception):
            self.sheet.close()
        writer = getattr(self.sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def open_writer(fmt: str, path: Path, columns: Sequence[Column], title: str) -> Writer:
    if fmt == "xlsx":
        return XlsxWriter(path, columns, title)
    return CsvWriter(path, columns)


# --- the file ----------------------------------------------------------------------------------


@contextlib.contextmanager
def published(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, renamed over it when the block ends normally and
    removed when it raises (a cancel, a failure): no half-written file is ever left."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(
            {
                "file": QT_TRANSLATE_NOOP("Read", "the folder {folder} does not exist").format(
                    folder=folder
                )
            }
        )
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_list(
    database: pw.Database,
    spec: ListSpec,
    query: ListQuery,
    *,
    columns: Sequence[Column],
    path: Path,
    fmt: str,
    me: int | None = None,
    state: TaskState | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> ExportResult:
    """Write every row `query` matches, in its order, to `path` (see the module's docstring);
    `before_publish(rows)` runs once the rows are all written, before the file appears."""
    fmt = check_format(fmt)
    state = state or TaskState()
    noun = spec.noun[1]
    with published(path) as temp:
        written = 0
        # One read transaction: every batch reads the same snapshot (a row that scoring moves
        # meanwhile is neither missed nor written twice). Reads only; nothing to commit.
        with database.atomic():
            total = listing.count(spec, query, me)
            if fmt == "xlsx" and total > XLSX_MAX_ROWS:
                raise ValidationError(
                    {
                        "format": QT_TRANSLATE_NOOP(
                            "Read",
                            "an XLSX sheet holds {xlsx_max_rows} rows and {total} {noun} "
                            "match: export them as CSV",
                        ).format(
                            xlsx_max_rows=Number(XLSX_MAX_ROWS), total=Number(total), noun=noun
                        )
                    }
                )
            state.progress(
                0,
                total,
                QT_TRANSLATE_NOOP("Read", "Exporting {total} {noun}").format(
                    total=Number(total), noun=noun
                ),
            )
            writer = open_writer(fmt, temp, columns, spec.noun[1].capitalize())
            try:
                writer.header([c.label for c in columns])
                keys = [c.key for c in columns]
                for batch in listing.stream(spec, query, me):
                    for row in batch:
                        values = spec.export_values(row.values)
                        writer.row([values.get(k) for k in keys])
                    written += len(batch)
                    state.progress(
                        written,
                        max(total, written),
                        QT_TRANSLATE_NOOP("Read", "{written} of {total} {noun}").format(
                            written=Number(written), total=Number(total), noun=noun
                        ),
                    )
            except BaseException:
                writer.abort()
                raise
            writer.close()
        if before_publish is not None:
            before_publish(written)
    log.info("exported %d %s as %s", written, spec.name, fmt)
    return ExportResult(path, written, tuple(c.key for c in columns), fmt)
