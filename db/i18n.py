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
from typing import Any

log = logging.getLogger(__name__)

Translator = Callable[[str, str], str]


def _identity(_context: str, text: str) -> str:
    return text


_translator: Translator = _identity


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


def QT_TRANSLATE_NOOP(context: str, text: str) -> Message:  # noqa: N802 (lupdate's marker name)
    """Mark `text` for translation in `context`; translated only when rendered."""
    return Message(text, context)


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
        return text.sep.join(render(part) for part in text.parts)
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


def render_error(exc: BaseException) -> str:
    """An exception's message in the user's language (its own `__str__`, or its one argument)."""
    if type(exc).__str__ is not BaseException.__str__:
        return render(exc.__str__())
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return render(exc.args[0])
    return str(exc)
