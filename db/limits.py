"""Lengths and ranges from the column definitions, checked the same way on SQLite and MySQL.

SQLite stores whatever it is given and MySQL (in strict mode) refuses what does not fit, so
without these checks the same input succeeds on one backend and fails on the other. Every check
is read from the Peewee field, once: a CharField's `max_length` (characters, as MySQL counts
them), a text column's cap, an integer type's range, a decimal's digits; and text must be
encodable as UTF-8 (a lone surrogate is not). `BaseModel.validate()` applies them to every row it
saves; `row_errors` does the same for code that writes with `insert()`/`update()`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import peewee as pw

from db.fields import JSONField, MediumTextField
from db.i18n import QT_TRANSLATE_NOOP, Number
from db.validation import ValidationError

Errors = dict[str, str]

TEXT_MAX_CHARS = 65_535 // 4
"""A plain TEXT column holds 65,535 bytes; at four bytes a character (utf8mb4) that is 16,383
characters whatever they are. Only text ChurnWatch writes itself lives in TEXT columns."""

SEARCH_MAX_CHARS = 254
"""The longest value any list searches (an email address, VARCHAR(254)): a longer search text
can match nothing, so it is refused with a message rather than sent."""

INT_RANGES: tuple[tuple[type[pw.Field], int, int], ...] = (
    # Most specific first: SmallIntegerField and BigIntegerField are IntegerFields.
    (pw.SmallIntegerField, -(2**15), 2**15 - 1),
    (pw.BigIntegerField, -(2**63), 2**63 - 1),
    (pw.IntegerField, -(2**31), 2**31 - 1),
)

SURROGATE_MESSAGE = "contains a character that cannot be stored (an unpaired surrogate)"


def _text_cap(field: pw.Field) -> int | None:
    if isinstance(field, JSONField):
        return None  # LONGTEXT, written by ChurnWatch (json.dumps escapes what UTF-8 cannot hold)
    if isinstance(field, MediumTextField):
        return field.max_chars
    if isinstance(field, pw.CharField):
        return int(field.max_length)
    if isinstance(field, pw.TextField):
        return TEXT_MAX_CHARS
    return None


def _int_range(field: pw.Field) -> tuple[int, int] | None:
    if isinstance(field, pw.ForeignKeyField):
        field = field.rel_field
    for kind, low, high in INT_RANGES:
        if isinstance(field, kind):
            return low, high
    return None


def storable_text_error(value: str) -> str | None:
    """A message when the text holds something UTF-8 (so neither backend) can store."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE_MESSAGE
    return None


def field_error(field: pw.Field, value: Any) -> str | None:
    """Why `value` does not fit the column `field` defines, or None when it fits.

    Values that are not plain data (None, SQL expressions such as `F + 1`) are left to the
    database; so are types the field would convert (a numeric string for an integer).
    """
    if value is None or isinstance(value, (pw.Node, bool)):
        return None
    if isinstance(value, str):
        return _text_error(field, value)
    if isinstance(value, int):
        return _int_error(field, value)
    if isinstance(field, pw.DecimalField) and isinstance(value, (float, Decimal)):
        return _decimal_error(field, value)
    if isinstance(field, pw.FloatField) and isinstance(value, float) and not math.isfinite(value):
        return QT_TRANSLATE_NOOP("Validation", "must be a finite number")
    return None


def _text_error(field: pw.Field, value: str) -> str | None:
    cap = _text_cap(field)
    if cap is not None and len(value) > cap:
        return QT_TRANSLATE_NOOP(
            "Validation", "at most {cap} characters (this is {length})"
        ).format(cap=Number(cap), length=Number(len(value)))
    if cap is not None or isinstance(field, pw.TextField):
        return storable_text_error(value)
    return None


def _int_error(field: pw.Field, value: int) -> str | None:
    if isinstance(field, pw.DecimalField):
        return _decimal_error(field, value)
    bounds = _int_range(field)
    if bounds is None:
        return None
    low, high = bounds
    if value > high:
        return QT_TRANSLATE_NOOP("Validation", "at most {n}").format(n=Number(high))
    if value < low:
        return QT_TRANSLATE_NOOP("Validation", "at least {n}").format(n=Number(low))
    return None


def _decimal_error(field: pw.DecimalField, value: int | float | Decimal) -> str | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return QT_TRANSLATE_NOOP("Validation", "must be a finite number")
    whole_digits = field.max_digits - field.decimal_places
    if (
        abs(number.quantize(Decimal(1).scaleb(-field.decimal_places)))
        >= Decimal(10) ** whole_digits
    ):
        largest = Decimal(10) ** whole_digits - Decimal(1).scaleb(-field.decimal_places)
        return QT_TRANSLATE_NOOP("Validation", "at most {n}").format(
            n=Number(largest, field.decimal_places)
        )
    return None


def add_row_errors(model: type[pw.Model], values: Mapping[str, Any], errors: Errors) -> None:
    """Add `field: message` for every value in `values` (by field name) that does not fit."""
    fields = model._meta.fields
    for name, value in values.items():
        field = fields.get(name)
        if field is None or name in errors:
            continue
        message = field_error(field, value)
        if message:
            errors[name] = message


def instance_errors(obj: pw.Model, errors: Errors) -> None:
    """`add_row_errors` for a model instance's current values (what `save()` would write)."""
    add_row_errors(type(obj), obj.__data__, errors)


def row_errors(model: type[pw.Model], values: Mapping[Any, Any]) -> Errors:
    """The limit errors of a row given by field name or by field, for insert()/update() paths."""
    by_name = {getattr(k, "name", k): v for k, v in values.items()}
    errors: Errors = {}
    add_row_errors(model, by_name, errors)
    return errors


def check_row(model: type[pw.Model], values: Mapping[Any, Any]) -> None:
    """Raise `ValidationError` naming each value of the row that does not fit its column."""
    errors = row_errors(model, values)
    if errors:
        raise ValidationError(errors, entity=model.__name__)


def check_search(text: str) -> None:
    """Refuse a search text no list can match or no backend can take, with a message."""
    if len(text) > SEARCH_MAX_CHARS:
        raise ValidationError(
            {
                "search": QT_TRANSLATE_NOOP(
                    "Validation", "at most {search_max_chars} characters (nothing longer can match)"
                ).format(search_max_chars=SEARCH_MAX_CHARS)
            }
        )
    message = storable_text_error(text)
    if message:
        raise ValidationError({"search": message})
