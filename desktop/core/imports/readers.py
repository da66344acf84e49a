"""Reading a CSV or XLSX file as a header and a stream of rows, each with its line number.

A CSV file's encoding (UTF-8 with or without a byte-order mark, Windows-1252, Latin-1),
delimiter and quote character are sniffed; an XLSX file is read with openpyxl in read-only mode,
one row at a time, so neither holds more than a row of the file in memory.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.i18n import QT_TRANSLATE_NOOP, Number

SNIFF_BYTES = 256 * 1024
CHUNK_BYTES = 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
# Bytes Windows-1252 leaves undefined: a file holding one is Latin-1 (ISO-8859-1).
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class FileProblem(ValueError):
    """The file cannot be read as a table (missing, empty, not CSV or XLSX); says why."""


@dataclass
class Source:
    """A file opened for import: its header and how it was read."""

    path: Path
    headers: list[str]
    format: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    quotechar: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(line number, cells) for every data row; blank rows are skipped."""
        if self.format == "xlsx":
            yield from _xlsx_rows(self.path, data=True)
        else:
            yield from _csv_rows(self, data=True)

    def describe(self) -> str:
        if self.format == "xlsx":
            return "XLSX"
        names = {
            ",": QT_TRANSLATE_NOOP("Imports", "comma"),
            ";": QT_TRANSLATE_NOOP("Imports", "semicolon"),
            "\t": QT_TRANSLATE_NOOP("Imports", "tab"),
            "|": QT_TRANSLATE_NOOP("Imports", "bar"),
        }
        delimiter = self.delimiter or ","
        return QT_TRANSLATE_NOOP("Imports", "CSV, {encoding}, {delimiter}").format(
            encoding=self.encoding, delimiter=names.get(delimiter, delimiter)
        )


def fingerprint(path: Path) -> str:
    """What identifies a file's contents for resuming: its size and a hash of its first and
    last megabyte (a changed file gets a new import, an unchanged one resumes)."""
    digest = hashlib.sha256()
    size = path.stat().st_size
    digest.update(str(size).encode())
    with path.open("rb") as handle:
        digest.update(handle.read(CHUNK_BYTES))
        if size > 2 * CHUNK_BYTES:
            handle.seek(size - CHUNK_BYTES)
        digest.update(handle.read(CHUNK_BYTES))
    return digest.hexdigest()


def open_source(path: Path | str, *, encoding: str | None = None) -> Source:
    """The file's header and how to read the rest; `FileProblem` when it cannot be."""
    path = Path(path)
    if not path.is_file():
        raise FileProblem(
            QT_TRANSLATE_NOOP("Imports", "{path}: no such file").format(path=str(path))
        )
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _open_xlsx(path)
    if path.suffix.lower() == ".xls":
        raise FileProblem(
            QT_TRANSLATE_NOOP(
                "Imports", "{name}: old Excel files (.xls) cannot be read; save as .xlsx"
            ).format(name=path.name)
        )
    return _open_csv(path, encoding)


# --- CSV --------------------------------------------------------------------------------------


def sniff_encoding(path: Path) -> str:
    """UTF-8 (with a BOM: utf-8-sig) when the whole file decodes as UTF-8; else Windows-1252,
    or Latin-1 when a byte Windows-1252 leaves undefined occurs."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        undefined = False
        utf8 = True
        while chunk := handle.read(CHUNK_BYTES):
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            if not utf8 and not CP1252_UNDEFINED.isdisjoint(chunk):
                undefined = True
                break
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        return "utf-8"
    return "latin-1" if undefined else "cp1252"


def _sniff_dialect(sample: str) -> tuple[str, str]:
    """The delimiter that splits the first lines into the same number (>1) of columns."""
    lines = sample.splitlines()[:50]
    if len(sample) >= SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line of the sample may be cut
    best, best_score = ",", (-1, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not widths:
            continue
        consistent = sum(1 for w in widths if w == widths[0])
        score = (consistent if widths[0] > 1 else 0, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    quotechar = '"'
    with contextlib.suppress(csv.Error):
        quotechar = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=best).quotechar or '"'
    return best, quotechar


def _open_csv(path: Path, encoding: str | None) -> Source:
    encoding = encoding or sniff_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        sample = handle.read(SNIFF_BYTES)
    if not sample.strip():
        raise FileProblem(
            QT_TRANSLATE_NOOP("Imports", "{name}: the file is empty").format(name=path.name)
        )
    delimiter, quotechar = _sniff_dialect(sample)
    source = Source(path, [], "csv", encoding, delimiter, quotechar)
    for _line, cells in _csv_rows(source, data=False):
        source.headers = [str(c).strip() for c in cells]
        break
    if not any(source.headers):
        raise FileProblem(
            QT_TRANSLATE_NOOP("Imports", "{name}: the first line holds no column names").format(
                name=path.name
            )
        )
    return source


def _csv_rows(source: Source, *, data: bool) -> Iterator[tuple[int, list[Any]]]:
    with source.path.open("r", encoding=source.encoding, newline="") as handle:
        reader = csv.reader(
            handle, delimiter=source.delimiter or ",", quotechar=source.quotechar or '"'
        )
        start = 1
        header_seen = False
        try:
            for cells in reader:
                line, start = start, reader.line_num + 1
                if not "".join(cells).strip():  # a blank row (one string: cheaper per row)
                    continue
                if not header_seen:
                    header_seen = True
                    if data:
                        continue
                yield line, cells
        except csv.Error as exc:
            raise FileProblem(
                QT_TRANSLATE_NOOP("Imports", "line {line}: {reason}").format(
                    line=Number(reader.line_num), reason=str(exc)
                )
            ) from None
        except UnicodeDecodeError:
            raise FileProblem(
                QT_TRANSLATE_NOOP(
                    "Imports", "{file}: not {encoding} text after line {line}"
                ).format(file=source.path.name, encoding=source.encoding, line=Number(start))
            ) from None


# --- XLSX -------------------------------------------------------------------------------------


def _open_xlsx(path: Path) -> Source:
    source = Source(path, [], "xlsx")
    for _line, cells in _xlsx_rows(path, data=False):
        source.headers = ["" if c is None else str(c).strip() for c in cells]
        break
    if not any(source.headers):
        raise FileProblem(
            QT_TRANSLATE_NOOP("Imports", "{name}: the first sheet holds no column names").format(
                name=path.name
            )
        )
    return source


def _xlsx_rows(path: Path, *, data: bool) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl  # only for XLSX files: it takes a moment to import
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise FileProblem(
            QT_TRANSLATE_NOOP("Imports", "{name}: not a readable XLSX file ({error})").format(
                name=path.name, error=str(exc)
            )
        ) from None
    try:
        sheet = book.worksheets[0]
        header_seen = False
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(row)
            if not any(c is not None and str(c).strip() for c in cells):
                continue
            if not header_seen:
                header_seen = True
                if data:
                    continue
            yield number, cells
    finally:
        book.close()
