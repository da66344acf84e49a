"""The command line's language: Qt's translator for the system's language, and that locale's
number marks and short date, installed for the core's messages.

Apart from the commands (`desktop.commands`), which stay Qt-free like the core: only QtCore is
used here, and only when a command prints its first line.
"""

from __future__ import annotations

from datetime import date

from desktop.core.i18n import i18n_dir, set_formats, set_translator

_translator: object = None


def install_translator() -> None:
    """Load the catalogue of the system's language (LANGUAGE/LC_ALL/LANG) once per process,
    and the number and date formats of that language; English when no catalogue fits.

    Done on the first line printed, not at import: `churnwatch --help` stays quick. Only QtCore
    is used, and the translator is asked directly: no QCoreApplication is created (a command
    run inside a process that opens the window later, as the tests do, must not leave one
    behind).
    """
    global _translator  # noqa: PLW0603 (loaded once per process)
    if _translator is not None:
        return
    try:
        from PySide6.QtCore import QDate, QLocale, QTranslator
    except ImportError:  # pragma: no cover - Qt is a dependency; English then
        _translator = False
        return
    translator = QTranslator()
    _translator = translator
    if not translator.load(QLocale.system(), "churnwatch", "_", str(i18n_dir())):
        return  # English: the source text, English marks and ISO dates

    def translate(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    set_translator(translate)
    system = QLocale.system()
    language = translator.language() or system.name()
    wanted = QLocale(language)
    # The system's locale when it speaks the catalogue's language (its country's forms).
    current = system if system.language() == wanted.language() else wanted
    short = current.dateFormat(QLocale.FormatType.ShortFormat)
    short = short if "yyyy" in short else short.replace("yy", "yyyy")  # 01/06/2024
    percent = translate("Words", "{n}%").format(n="")

    def marks() -> tuple[str, str, str]:
        return current.decimalPoint(), current.groupSeparator(), percent

    def day(value: date) -> str:
        return current.toString(QDate(value.year, value.month, value.day), short)

    set_formats(marks, day)
