"""Translatable messages for the Qt-free layers (`db`, `desktop.core`, the commands).

A `Message` is a `str` holding the English text (so logs, tests and `str(exc)` see English), that
also keeps its template, its translation context and its parameters, so the window can show it in
the user's language later: `render` looks the template up through the hook the UI (or the command
line) installs with `set_translator` — `QCoreApplication.translate` — and fills the parameters in.

Messages are written as `QT_TRANSLATE_NOOP("Context", "text {name}").format(name=value)`, the one
call shape `pyside6-lupdate` extracts from Python (it skips calls with keyword arguments and any
other function name), so the catalogue `resources/i18n/churnwatch_fr_core.ts` is generated from
the source. Never pass an f-string: lupdate would extract the braces as if they were parameters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

log = logging.getLogger(__name__)

Translator = Callable[[str, str], str]
# The decimal point, the thousands separator and the percent sign after a figure ("%", " %").
Marks = Callable[[], tuple[str, str, str]]
DayFormat = Callable[[date], str]


def _identity(_context: str, text: str) -> str:
    return text


def _english_marks() -> tuple[str, str, str]:
    return ".", ",", "%"


def _iso_day(value: date) -> str:
    return f"{value:%Y-%m-%d}"


_translator: Translator = _identity
_marks: Marks = _english_marks
_day: DayFormat = _iso_day


class Message(str):
    """English text that knows its template, context and parameters (see the module docstring)."""

    template: str
    context: str
    params: Mapping[str, Any]

    def __new__(
        cls, template: str, context: str = "", params: Mapping[str, Any] | None = None
    ) -> Message:
        values = dict(params or {})
        text = template.format(**values) if values else template
        self = super().__new__(cls, text)
        self.template, self.context, self.params = template, context, values
        return self

    def format(self, *args: object, **params: Any) -> Message:
        """The same message with its parameters filled in (still English as a `str`)."""
        if args:
            raise TypeError("Message.format takes named parameters only")
        return Message(self.template, self.context, {**self.params, **params})

    def __reduce__(self) -> tuple[Any, ...]:  # pickled between processes, like the exceptions
        return (Message, (self.template, self.context, dict(self.params)))


class Joined(str):
    """Several messages shown one after another (a form's field errors); each part translated."""

    parts: tuple[str, ...]
    sep: str

    def __new__(cls, sep: str, parts: Iterable[str]) -> Joined:
        items = tuple(parts)
        self = super().__new__(cls, sep.join(items))
        self.parts, self.sep = items, sep
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.sep, self.parts))


class Number(str):
    """A figure inside a message: English digits as a `str` (1,234.5), the user's locale's marks
    when rendered (1 234,5). `share=True` takes a fraction and shows it as a percentage (12.5%,
    12,5 %). `signed=True` writes a plus before a positive figure (+4.4, a contribution)."""

    share: bool

    def __new__(
        cls, value: float | Decimal, digits: int = 0, *, share: bool = False, signed: bool = False
    ) -> Number:
        shown = value * 100 if share else value
        sign = "+" if signed else ""
        # Whole numbers and decimals exactly (a float would round 2**63 - 1).
        if isinstance(shown, int) and not digits:
            text = f"{shown:{sign},}"
        else:
            text = f"{shown:{sign},.{digits}f}"
        self = super().__new__(cls, text + ("%" if share else ""))
        self.share = share
        return self

    def localised(self) -> str:
        point, group, percent = _marks()
        digits = self.removesuffix("%") if self.share else str(self)
        text = digits.replace(",", "\0").replace(".", point).replace("\0", group)
        return text + percent if self.share else text

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (str(self),))


class Day(str):
    """A date (with its time to the minute when `with_time`) inside a message: ISO as a `str`,
    the locale's short date when rendered."""

    value: date
    time: str

    def __new__(cls, value: date | datetime, *, with_time: bool = False) -> Day:
        day = value.date() if isinstance(value, datetime) else value
        time = f"{value:%H:%M}" if with_time and isinstance(value, datetime) else ""
        self = super().__new__(cls, " ".join(filter(None, (_iso_day(day), time))))
        self.value, self.time = day, time
        return self

    def localised(self) -> str:
        return " ".join(filter(None, (_day(self.value), self.time)))

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (str(self),))


class Word(str):
    """A stored code (`past_due`) shown as a word ("Past due"): translated in the "Words"
    context the window's tables use for the same codes. `lower` for the middle of a sentence
    ("failed", "insufficient funds")."""

    in_sentence: bool

    def __new__(cls, code: str, *, lower: bool = False) -> Word:
        words = code.replace("_", " ")
        self = super().__new__(cls, words.lower() if lower else words.capitalize())
        self.in_sentence = lower
        return self

    def localised(self) -> str:
        source = self.capitalize()
        translated = _translator("Words", source) or source
        return translated[:1].lower() + translated[1:] if self.in_sentence else translated

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (str(self),))


def QT_TRANSLATE_NOOP(context: str, text: str) -> Message:  # noqa: N802 (lupdate's marker name)
    """Mark `text` for translation in `context`; translated only when rendered."""
    return Message(text, context)


# The punctuation between joined parts that a language spaces its own way (French puts a
# no-break space before a semicolon or a colon): listed here so lupdate collects them.
SEPARATORS = (QT_TRANSLATE_NOOP("Separators", "; "), QT_TRANSLATE_NOOP("Separators", ": "))


def set_formats(
    marks: Marks | None, day: DayFormat | None
) -> tuple[Marks | None, DayFormat | None]:
    """Install how figures and dates inside messages are shown (the window's QLocale: its
    decimal point and thousands separator, its short date); None for the English defaults
    (1,234.5 and ISO dates). Returns the pair it replaces, so a test can put it back."""
    global _marks, _day  # process-wide, like the translator
    previous = (_marks, _day)
    _marks, _day = marks or _english_marks, day or _iso_day
    return previous


def set_translator(translator: Translator | None) -> Translator:
    """Install how templates are translated (`QCoreApplication.translate`); None for English.

    Returns the hook it replaces, so a test can put it back."""
    global _translator  # one process-wide hook, set at start-up
    previous, _translator = _translator, translator or _identity
    return previous


def render(text: object) -> str:
    """`text` in the user's language: a `Message` translated, its parameters rendered too.

    Plain strings come back unchanged. A translation whose placeholders do not match the
    template falls back to the English text rather than failing where an error is shown.
    """
    if isinstance(text, Joined):
        sep = (_translator("Separators", text.sep) or text.sep) if text.sep.strip() else text.sep
        return sep.join(render(part) for part in text.parts)
    if isinstance(text, Number | Day | Word):
        return _value(text)
    if not isinstance(text, Message):
        return str(text)
    translated = _translator(text.context, text.template) or text.template
    if translated == text.template and not text.params:
        return str(text)
    params = {k: render(v) if isinstance(v, str) else v for k, v in text.params.items()}
    try:
        return translated.format(**params) if params else translated
    except (KeyError, IndexError, ValueError):
        log.warning("translation of a %s message does not match its template", text.context)
        return str(text)


def _value(text: Number | Day | Word) -> str:
    return text.localised()


def render_error(exc: BaseException) -> str:
    """An exception's message in the user's language (its own `__str__`, or its one argument)."""
    if type(exc).__str__ is not BaseException.__str__:
        return render(exc.__str__())
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return render(exc.args[0])
    return str(exc)
