"""Dates and numbers as shops write them: the form of a column is detected from its values and
can be overridden, then every cell of the column is read the same way (no guessing per cell).

Dates: ISO (`2024-03-31`, with or without a time), `DD/MM/YYYY`, `MM/DD/YYYY` (also with `.` or
`-`), `YYYYMMDD`, and Excel serial numbers; a `strftime` pattern is also accepted. Numbers: a
decimal point or a decimal comma, thousands separators, a currency sign around the number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from desktop.core.i18n import QT_TRANSLATE_NOOP

DATE_FORMATS = ("iso", "dmy", "mdy", "ymd", "excel")
FORMAT_LABELS: dict[str, str] = {  # the patterns read JJ/MM/AAAA in French
    "iso": QT_TRANSLATE_NOOP("Imports", "YYYY-MM-DD"),
    "dmy": QT_TRANSLATE_NOOP("Imports", "DD/MM/YYYY"),
    "mdy": QT_TRANSLATE_NOOP("Imports", "MM/DD/YYYY"),
    "ymd": QT_TRANSLATE_NOOP("Imports", "YYYYMMDD"),
    "excel": QT_TRANSLATE_NOOP("Imports", "Excel serial"),
}
_ALIASES = {label.lower(): key for key, label in FORMAT_LABELS.items()} | {
    "excel serial number": "excel",
    "serial": "excel",
}

EXCEL_EPOCH = datetime(1899, 12, 30)
EXCEL_SERIAL_RANGE = (20_000, 80_000)  # 1954 to 2119: a plain number outside is not a date
_DAY_FIRST = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")


class ValueProblem(ValueError):
    """A cell that cannot be read as its field's type; the message quotes the cell."""


def normalise_format(text: str) -> str:
    """A date format as the user names it: a key (`dmy`), its label (`DD/MM/YYYY`) or a
    `strftime` pattern (`%d.%m.%Y`); `ValueProblem` for anything else."""
    value = text.strip()
    if value.lower() in DATE_FORMATS:
        return value.lower()
    if value.lower() in _ALIASES:
        return _ALIASES[value.lower()]
    if "%" in value:
        try:
            datetime(2001, 2, 3, 4, 5, 6).strftime(value)
        except ValueError:
            raise ValueProblem(
                QT_TRANSLATE_NOOP("Imports", "'{text}' is not a date format").format(text=text)
            ) from None
        return value
    raise ValueProblem(
        QT_TRANSLATE_NOOP(
            "Imports",
            "'{text}' is not a date format: use one of {join} or a pattern such as %d.%m.%Y",
        ).format(text=text, join=", ".join(FORMAT_LABELS.values()))
    )


def _iso(text: str) -> datetime:
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1]
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed


def _day_first(text: str, day_first: bool) -> datetime:
    match = _DAY_FIRST.match(text.strip())
    if match is None:
        raise ValueError(text)
    a, b, year, hour, minute, second = match.groups()
    day, month = (int(a), int(b)) if day_first else (int(b), int(a))
    return datetime(int(year), month, day, int(hour or 0), int(minute or 0), int(second or 0))


def _compact(text: str) -> datetime:
    match = _COMPACT.match(text.strip())
    if match is None:
        raise ValueError(text)
    return datetime(int(match[1]), int(match[2]), int(match[3]))


def _excel(text: str) -> datetime:
    serial = float(text.strip().replace(",", "."))
    low, high = EXCEL_SERIAL_RANGE
    if not low <= serial <= high:
        raise ValueError(text)
    return (EXCEL_EPOCH + timedelta(days=serial)).replace(microsecond=0)


def date_parser(fmt: str) -> Callable[[str], datetime]:
    """The function reading text in `fmt` (a key of `DATE_FORMATS` or a strftime pattern)."""
    if fmt == "iso":
        return _iso
    if fmt == "dmy":
        return lambda text: _day_first(text, True)
    if fmt == "mdy":
        return lambda text: _day_first(text, False)
    if fmt == "ymd":
        return _compact
    if fmt == "excel":
        return _excel
    return lambda text: datetime.strptime(text.strip(), fmt)


def detect_date_format(samples: Iterable[str]) -> tuple[str | None, bool]:
    """The format every sample reads in, and whether another one also fits (DD/MM against
    MM/DD when no day is above 12): (None, False) when none fits all of them."""
    values = [s for s in samples if s and s.strip()]
    if not values:
        return None, False
    fitting = []
    for fmt in DATE_FORMATS:
        parse = date_parser(fmt)
        try:
            for value in values:
                parse(value)
        except (ValueError, OverflowError):
            continue
        fitting.append(fmt)
    if not fitting:
        return None, False
    ambiguous = "dmy" in fitting and "mdy" in fitting
    return fitting[0], ambiguous


def read_datetime(value: object, parse: Callable[[str], datetime]) -> datetime:
    """A cell as a naive datetime to the second: XLSX cells may already be dates or serials."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel(str(value))
    text = str(value)
    try:
        return parse(text).replace(microsecond=0)
    except (ValueError, OverflowError):
        raise ValueProblem(
            QT_TRANSLATE_NOOP("Imports", "'{text}' is not a date").format(text=text)
        ) from None


_NUMBER_NOISE = re.compile(r"^[\s$€£¥]+|[\s$€£¥]+$|(?i:\s*(usd|eur|gbp))$")
_LAST_SEPARATOR = re.compile(r"([.,])(\d*)$")


def detect_decimal_comma(samples: Iterable[str]) -> bool:
    """Whether a column writes its decimals after a comma (`12,50`, `1.234,5`): votes of the
    values whose last separator cannot be a thousands separator."""
    comma = point = 0
    for sample in samples:
        text = _NUMBER_NOISE.sub("", sample or "")
        match = _LAST_SEPARATOR.search(text)
        if match is None:
            continue
        separator, digits = match.groups()
        if len(digits) == 3 and text.count(separator) >= 1 and (("," in text) != ("." in text)):
            continue  # 1,234 or 1.234: thousands or decimals, cannot tell
        if separator == ",":
            comma += 1
        else:
            point += 1
    return comma > point


def read_decimal(value: object, decimal_comma: bool) -> Decimal:
    """A cell as a Decimal; `ValueProblem` quoting it when it is not a number."""
    if isinstance(value, bool):
        raise ValueProblem(
            QT_TRANSLATE_NOOP("Imports", "'{value}' is not a number").format(value=value)
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = str(value)
    cleaned = _NUMBER_NOISE.sub("", text).replace(" ", "").replace("\u00a0", "")
    if decimal_comma:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = "-" + cleaned[1:-1]
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueProblem(
            QT_TRANSLATE_NOOP("Imports", "'{text}' is not a number").format(text=text)
        ) from None
    if not number.is_finite():
        raise ValueProblem(
            QT_TRANSLATE_NOOP("Imports", "'{text}' is not a number").format(text=text)
        )
    return number


def read_int(value: object, decimal_comma: bool) -> int:
    number = read_decimal(value, decimal_comma)
    if number != number.to_integral_value():
        raise ValueProblem(
            QT_TRANSLATE_NOOP("Imports", "'{value}' is not a whole number").format(value=value)
        )
    return int(number)


TRUE_WORDS = frozenset({"1", "true", "yes", "y", "t", "x", "ja", "oui", "si", "churned"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "f", "", "nein", "non", "active"})


def read_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueProblem(
        QT_TRANSLATE_NOOP("Imports", "'{value}' is not yes or no").format(value=value)
    )
