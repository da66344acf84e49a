"""From cells to values: the plan for a file (which column is which field, how each column's
dates and numbers are written) and the conversion of one row, naming the column of a bad cell.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from db.limits import field_error
from desktop.core.i18n import QT_TRANSLATE_NOOP, Number
from desktop.core.imports import catalogue as c
from desktop.core.imports import values as v
from desktop.core.imports.readers import Source

_PLAIN_POINT = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?").fullmatch
_PLAIN_COMMA = re.compile(r"-?[0-9]{1,15}(?:,[0-9]{1,15})?").fullmatch
_fromiso = datetime.fromisoformat
CHOICE_CACHE = 1_000  # cell forms remembered per choice column
SAMPLE_ROWS = 500  # rows read to detect each column's date form and decimal mark
CENT = Decimal("0.01")

CHOICE_ALIASES: dict[str, str] = {
    "canceled": "cancelled", "complete": "delivered", "completed": "delivered",
    "fulfilled": "delivered", "processing": "paid", "refund": "refunded",
    "return": "returned", "master_card": "mastercard", "mc": "mastercard",
    "american_express": "amex", "inprogress": "in_progress", "in-progress": "in_progress",
    "trial": "trialing", "pastdue": "past_due", "monthly": "month", "yearly": "year",
    "annual": "year", "annually": "year", "success": "succeeded", "successful": "succeeded",
    "paid": "paid", "declined": "failed", "at-risk": "at_risk", "atrisk": "at_risk",
    "closed": "closed", "solved": "resolved", "urgent": "critical", "normal": "medium",
}  # fmt: skip


@dataclass
class Options:
    """How to read the file, beyond its mapping: None means detect."""

    date_format: str | None = None
    decimal_comma: bool | None = None
    create_customers: bool = False
    encoding: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"date_format": self.date_format, "decimal_comma": self.decimal_comma}


@dataclass
class Plan:
    kind: c.Kind
    source: Source
    columns: dict[str, str]  # source column -> field
    options: Options
    index: dict[str, int] = field(default_factory=dict)  # field -> cell index
    date_formats: dict[str, str] = field(default_factory=dict)  # field -> detected form
    decimal_comma: dict[str, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    extras: list[tuple[int, str]] = field(default_factory=list)  # unmapped columns kept
    converters: list[tuple[str, str, int, Callable[[Any], Any]]] = field(default_factory=list)
    required: list[str] | None = None  # the kind's required fields, listed once

    def header_of(self, name: str) -> str:
        for header, target in self.columns.items():
            if target == name:
                return header
        return self.kind.field(name).label

    def missing(self) -> list[str]:
        """Required fields no column fills ("either" pairs are checked per row)."""
        return [f.label for f in self.kind.fields if f.required and f.name not in self.index
                and not (f.name == "customer" and "customer_email" in self.index)]  # fmt: skip


def make_plan(kind: c.Kind, source: Source, columns: Mapping[str, str], options: Options) -> Plan:
    plan = Plan(kind, source, dict(columns), options)
    positions = {h: i for i, h in reversed(list(enumerate(source.headers)))}
    for header, name in columns.items():
        if header in positions and name:
            plan.index[name] = positions[header]
    mapped = set(plan.index.values())
    if kind.extras:
        plan.extras = [(i, h) for i, h in enumerate(source.headers) if i not in mapped and h]
    _detect(plan)
    plan.converters = [
        (name, plan.header_of(name), i, _converter(plan, kind.field(name)))
        for name, i in plan.index.items()
    ]
    return plan


def _detect(plan: Plan) -> None:
    wanted = {
        name: f.type
        for name in plan.index
        if (f := plan.kind.field(name)).type in (c.DATE, c.DATETIME, c.MONEY, c.FLOAT, c.PERCENT)
    }
    if not wanted:
        return
    samples: dict[str, list[str]] = {name: [] for name in wanted}
    for _line, cells in itertools.islice(plan.source.rows(), SAMPLE_ROWS):
        for name in wanted:
            i = plan.index[name]
            cell = cells[i] if i < len(cells) else None
            if isinstance(cell, str) and cell.strip():
                samples[name].append(cell)
    for name, kind in wanted.items():
        header = plan.header_of(name)
        if kind in (c.DATE, c.DATETIME):
            if plan.options.date_format:
                plan.date_formats[name] = plan.options.date_format
                continue
            fmt, ambiguous = v.detect_date_format(samples[name])
            plan.date_formats[name] = fmt or "iso"
            if ambiguous:
                plan.warnings.append(
                    QT_TRANSLATE_NOOP(
                        "Imports",
                        "column {header}: dates could be DD/MM/YYYY or MM/DD/YYYY; read as "
                        "DD/MM/YYYY (choose the date format to change it)",
                    ).format(header=header)
                )
        elif plan.options.decimal_comma is not None:
            plan.decimal_comma[name] = plan.options.decimal_comma
        else:
            plan.decimal_comma[name] = v.detect_decimal_comma(samples[name])


def _model_field(kind: c.Kind, f: c.Field) -> pw.Field | None:
    return kind.model._meta.fields.get(f.target)


def _text(
    cap: int | None, fits: Callable[[Any], Any], text: Callable[[Any], str]
) -> Callable[[Any], Any]:
    """A text cell, stripped: short ASCII text is checked against the column's length here."""

    def plain_text(cell: Any) -> Any:
        if type(cell) is str:
            value = cell.strip()
            if cap is not None and len(value) <= cap and value.isascii():
                return value
            return fits(value)
        return fits(text(cell))

    return plain_text


def _money(comma: bool, bound: Decimal | None, fits: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A money cell to cents: the common cell (`12.50`) straight to Decimal, any other form
    (signs, separators, a currency) through `values.read_decimal`. A cell already in cents
    with fewer whole digits than the column holds is its own value (no rounding, no bound)."""
    plain = _PLAIN_COMMA if comma else _PLAIN_POINT
    digits = len(str(int(bound))) - 1 if bound is not None and bound >= 10 else 0
    cents = (re.compile(rf"-?[0-9]{{1,{digits}}}\.[0-9]{{2}}").fullmatch if digits and not comma
             else lambda _text: None)  # fmt: skip

    def money(cell: Any) -> Any:
        if type(cell) is str and cents(cell):
            return Decimal(cell)
        if bound is not None and type(cell) is str and plain(cell):
            number = Decimal(cell.replace(",", ".") if comma else cell).quantize(CENT)
            return number if -bound < number < bound else fits(number)
        return fits(v.read_decimal(cell, comma).quantize(CENT))

    return money


def _date_reader(fmt: str) -> Callable[[Any], datetime]:
    """A date cell in the column's form, known once for the column: ISO text straight to
    `fromisoformat`; what that reads with a zone or a fraction, or cannot read, the full way."""
    parse = v.date_parser(fmt)

    def read(cell: Any) -> datetime:
        return v.read_datetime(cell, parse)

    if fmt != "iso":
        return read

    def iso(cell: Any) -> datetime:
        if type(cell) is str:
            try:
                value = _fromiso(cell)
            except ValueError:
                pass
            else:
                if value.tzinfo is None and not value.microsecond:
                    return value
        return v.read_datetime(cell, parse)

    return iso


def _converter(plan: Plan, f: c.Field) -> Callable[[Any], Any]:  # noqa: PLR0911 - one a type
    """cell -> stored value; raises `ValueProblem` with the reason."""
    column = _model_field(plan.kind, f)
    comma = plan.decimal_comma.get(f.name, False)

    cap = getattr(column, "max_length", None) if isinstance(column, pw.CharField) else None
    bound = (
        Decimal(10) ** (column.max_digits - column.decimal_places)
        if isinstance(column, pw.DecimalField)
        else None
    )

    def fits(value: Any) -> Any:
        if cap is not None and type(value) is str:
            if len(value) <= cap and value.isascii():
                return value  # the common case, without the general check
        elif bound is not None and type(value) is Decimal and -bound < value < bound:
            return value
        if column is not None:
            problem = field_error(column, value)
            if problem:
                raise v.ValueProblem(
                    QT_TRANSLATE_NOOP(
                        "Imports", "'{value}' is too long or too large: {problem}"
                    ).format(value=value, problem=problem)
                )
        return value

    def text(cell: Any) -> str:
        if type(cell) is str:
            return cell.strip()
        if isinstance(cell, float) and cell.is_integer():
            return str(int(cell))  # an XLSX id typed as a number
        return str(cell).strip()

    if f.type == c.REF:
        return text  # resolved to an id further on; the id is what is stored
    if f.type == c.TEXT:
        return _text(cap, fits, text)
    if f.type == c.EMAIL:
        return lambda cell: fits(str(cell).strip().lower())
    if f.type == c.INT:
        return lambda cell: fits(v.read_int(cell, comma))
    if f.type == c.MONEY:
        return _money(comma, bound, fits)
    if f.type == c.FLOAT:
        return lambda cell: float(v.read_decimal(cell, comma))
    if f.type == c.PERCENT:

        def percent(cell: Any) -> float:
            text = str(cell).strip()
            number = float(v.read_decimal(text.rstrip("%").strip(), comma))
            if text.endswith("%") or number > 1:
                number /= 100
            if not 0 <= number <= 1:
                raise v.ValueProblem(
                    QT_TRANSLATE_NOOP("Imports", "'{text}' is not a probability").format(text=text)
                )
            return number

        return percent
    if f.type == c.BOOL:
        return v.read_bool
    if f.type in (c.DATE, c.DATETIME):
        read = _date_reader(plan.date_formats.get(f.name, "iso"))
        if f.type == c.DATE:
            return lambda cell: read(cell).date()
        return read
    if f.type == c.CHOICE:
        allowed = {x.lower(): x for x in f.choices}

        known: dict[Any, str] = {}  # cells as written -> value: a column repeats a few forms

        def choice(cell: Any) -> str:
            hit = known.get(cell) if type(cell) is str else None
            if hit is not None:
                return hit
            key = str(cell).strip().lower().replace(" ", "_")
            key = CHOICE_ALIASES.get(key, key)
            if key not in allowed:
                raise v.ValueProblem(
                    QT_TRANSLATE_NOOP("Imports", "'{cell}' is not one of {join}").format(
                        cell=cell, join=", ".join(f.choices)
                    )
                )
            if type(cell) is str and len(known) < CHOICE_CACHE:
                known[cell] = allowed[key]
            return allowed[key]

        return choice
    raise AssertionError(f.type)


class RowProblem(Exception):
    """A row that cannot be stored: its line, the column and why."""

    def __init__(self, line: int, column: str | None, reason: str) -> None:
        self.line, self.column, self.reason = line, column, reason
        if column:
            text = QT_TRANSLATE_NOOP("Imports", "line {line}, column {column}: {reason}")
            super().__init__(text.format(line=Number(line), column=column, reason=reason))
        else:
            text = QT_TRANSLATE_NOOP("Imports", "line {line}: {reason}")
            super().__init__(text.format(line=Number(line), reason=reason))


def _empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def convert(plan: Plan, line: int, cells: Sequence[Any]) -> dict[str, Any]:
    """{field: value} of one row (empty cells left out); `RowProblem` for the first bad cell."""
    out: dict[str, Any] = {}
    width = len(cells)
    for name, header, i, read in plan.converters:
        cell = cells[i] if i < width else None
        if cell is None or cell == "" or (type(cell) is str and cell.isspace()):
            continue
        try:
            out[name] = read(cell)
        except v.ValueProblem as exc:
            raise RowProblem(line, header, str(exc)) from None
        except (ValueError, ArithmeticError):
            raise RowProblem(
                line,
                header,
                QT_TRANSLATE_NOOP("Imports", "'{cell}' cannot be read").format(cell=cell),
            ) from None
    required = plan.required
    if required is None:
        required = plan.required = [f.name for f in plan.kind.fields if f.required]
    for name in required:
        if name not in out:
            if name == "customer" and "customer_email" in out:
                continue
            raise RowProblem(
                line, plan.header_of(name), QT_TRANSLATE_NOOP("Imports", "a value is required")
            )
    if plan.extras:
        extras = {h: _plain(cells[i]) for i, h in plan.extras if i < width and not _empty(cells[i])}
        if extras:
            out["__extras__"] = extras
    return out


def _plain(cell: Any) -> Any:
    """A custom attribute as JSON keeps it: text, numbers, dates as ISO text."""
    if isinstance(cell, (datetime, date)):
        return cell.isoformat()
    if isinstance(cell, str):
        return cell.strip()
    return cell
