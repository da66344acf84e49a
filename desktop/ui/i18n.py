"""The window's language: Qt translators for the chosen language, and the locale that dates,
numbers and money are written in.

The language is the system's unless one is chosen in Settings (`LANGUAGE_KEY`); it is installed
once at start-up (`install`), so a new choice applies at the next start. Every compiled catalogue
`resources/i18n/churnwatch_<lang>*.qm` is loaded, with Qt's own `qtbase_<lang>.qm` for its
standard buttons and dialogs.

The catalogues are made from the source with Qt's tools, by hand after a change of text:

    python -m desktop.ui.i18n update    # pyside6-lupdate: the .ts files from the sources
    python -m desktop.ui.i18n release   # pyside6-lrelease: every churnwatch_fr_*.ts into one .qm

Both `.ts` and the compiled `.qm` are committed, so a checkout runs translated without the tools.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from desktop.ui.style import resources_dir

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"  # QSettings: "system" (the default), "en" or "fr"
LANGUAGES = ("system", "en", "fr")
# The languages' own names: someone who cannot read the current language still finds theirs.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
TRANSLATED = ("fr",)  # the languages with a catalogue; English is the source

_installed: list[QTranslator] = []  # kept alive: Qt does not own an installed translator


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def saved_language(value: object) -> str:
    """A language read from the settings, or "system" for anything else."""
    return value if isinstance(value, str) and value in LANGUAGES else "system"


def chosen_locale(language: str, system: QLocale | None = None) -> QLocale:
    """The locale for a language choice: the system's when it speaks that language (its
    country's dates and money), else the language's main one."""
    system = QLocale.system() if system is None else system
    if language == "system":
        return system
    wanted = QLocale.Language.French if language == "fr" else QLocale.Language.English
    if system.language() == wanted:
        return system
    country = QLocale.Country.France if language == "fr" else QLocale.Country.UnitedStates
    return QLocale(wanted, country)


def language_of(locale: QLocale) -> str:
    """The catalogue's language for a locale: "fr" for any French, else "en" (the source)."""
    return "fr" if locale.language() == QLocale.Language.French else "en"


def install(app: QCoreApplication, language: str = "system") -> QLocale:
    """Set the default locale and install the translators for `language`; the locale used.
    Called before any window is built (texts are translated when widgets are made)."""
    uninstall(app)
    locale = chosen_locale(saved_language(language))
    QLocale.setDefault(locale)
    lang = language_of(locale)
    if lang not in TRANSLATED:
        return locale
    files = sorted(i18n_dir().glob(f"churnwatch_{lang}*.qm"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files += [p for p in (Path(qt_dir) / f"qtbase_{lang}.qm",) if p.exists()]
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s could not be loaded", path.name)
    if not _installed:
        log.warning("no %s translation found in %s", lang, i18n_dir())
    return locale


def uninstall(app: QCoreApplication) -> None:
    """Remove the translators `install` put in (tests switch languages in one process)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


# --- numbers, dates and money in the user's locale -------------------------------------------


def locale() -> QLocale:
    """The default locale; the C locale (no grouping) reads as American English."""
    current = QLocale()
    if current.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return current


def _english() -> bool:
    return locale().language() == QLocale.Language.English


def number(value: int) -> str:
    """A count with the locale's thousands separator (1,234 · 1 234)."""
    return locale().toString(int(value))


def marks() -> tuple[str, str, str]:
    """The locale's decimal point, thousands separator and percent sign after a figure, as the
    tables show it ("%", " %"): the core's figures take them."""
    current = locale()
    sign = QCoreApplication.translate("Words", "{n}%").format(n="")
    return current.decimalPoint(), current.groupSeparator(), sign


def decimal(value: float, digits: int = 1) -> str:
    """A decimal with the locale's marks (1,234.5 · 1 234,5), rounded as Python rounds (half
    to even: the figures match the command line's)."""
    current = locale()
    text = f"{float(value):,.{digits}f}"
    return (
        text.replace(",", "\0")
        .replace(".", current.decimalPoint())
        .replace("\0", current.groupSeparator())
    )


def percent(value: float, digits: int = 1) -> str:
    """A share 0–1 as a percentage with the locale's mark and spacing (12.5 % · 12,5 %)."""
    return f"{decimal(100 * value, digits)} %"


def day(value: date | datetime) -> str:
    """A date: ISO in English (unambiguous, as before), the locale's short date otherwise
    (01/06/2024 in French)."""
    if _english():
        return f"{value:%Y-%m-%d}"
    qdate = QDate(value.year, value.month, value.day)
    return locale().toString(qdate, _long_year(locale().dateFormat(QLocale.FormatType.ShortFormat)))


def moment(value: datetime) -> str:
    """A date and time to the minute: ISO in English, the locale's short form otherwise."""
    if _english():
        return f"{value:%Y-%m-%d %H:%M}"
    qdt = QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second)
    )
    fmt = _long_year(locale().dateFormat(QLocale.FormatType.ShortFormat)) + " HH:mm"
    return locale().toString(qdt, fmt)


def clock(value: datetime) -> str:
    """A time of day to the second (24-hour in every locale ChurnWatch speaks)."""
    return f"{value:%H:%M:%S}"


def _long_year(fmt: str) -> str:
    """A four-digit year: dd/MM/yy reads as a day in a list of many years."""
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


# --- making the catalogues -------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "desktop" / "ui"
# Each catalogue and the sources it is made from (a helper's part of the window each).
CATALOGUES: dict[str, tuple[Path, ...]] = {
    "churnwatch_fr_window.ts": (
        *(
            UI / f"{name}.py"
            for name in (
                "main_window",
                "app",
                "help",
                "roles",
                "jobs",
                "workers",
                "undo",
                "style",
                "context",
                "i18n",
                "offline",
            )
        ),
        *sorted((UI / "pages").glob("*.py")),
    ),
    "churnwatch_fr_parts.ts": (
        *sorted((UI / "customer360").glob("*.py")),
        *sorted((UI / "widgets").glob("*.py")),
        UI / "import_dialog.py",
        UI / "messages.py",
    ),
    # The Qt-free core's messages (`db.i18n.Message`, marked with QT_TRANSLATE_NOOP).
    "churnwatch_fr_core.ts": (
        *sorted((ROOT / "db").rglob("*.py")),
        *sorted((ROOT / "desktop" / "core").rglob("*.py")),
        *sorted((ROOT / "desktop" / "commands").glob("*.py")),
        ROOT / "desktop" / "cli.py",
    ),
}


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e '.[dev]')")
    return found


def update(catalogues: dict[str, tuple[Path, ...]] | None = None) -> list[Path]:
    """Run pyside6-lupdate over each catalogue's sources (keeps the translations made)."""
    made = []
    target = i18n_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name, sources in (CATALOGUES if catalogues is None else catalogues).items():
        ts = target / name
        subprocess.run(
            [_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete",
             "-target-language", "fr_FR", *map(str, sources), "-ts", str(ts)],
            check=True,
        )  # fmt: skip
        made.append(ts)
    return made


def release(language: str = "fr") -> Path:
    """Compile every `churnwatch_<language>_*.ts` into one `churnwatch_<language>.qm`."""
    sources = sorted(i18n_dir().glob(f"churnwatch_{language}_*.ts"))
    if not sources:
        raise SystemExit(f"no churnwatch_{language}_*.ts in {i18n_dir()}")
    qm = i18n_dir() / f"churnwatch_{language}.qm"
    subprocess.run([_tool("pyside6-lrelease"), *map(str, sources), "-qm", str(qm)], check=True)
    return qm


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["update"]:
        for path in update():
            print(path)
        return 0
    if args[:1] == ["release"]:
        print(release())
        return 0
    print("usage: python -m desktop.ui.i18n update|release", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
