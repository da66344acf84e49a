"""The import dialog and a refused write in French: the catalogues of the widgets, the import
dialog and the core are applied by Qt's translator, and a core error is shown translated."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from db import models as m
from db.connection import parse_url
from db.i18n import QT_TRANSLATE_NOOP
from db.validation import ValidationError, required_error
from desktop.ui.context import AppContext
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.jobs import JobsBar
from desktop.ui.widgets.writes import write_message

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"


class _French(QTranslator):
    """The .ts files read as lrelease would compile them (no build step in the test)."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], list[str]] = {}
        for name in ("churnwatch_fr_core.ts", "churnwatch_fr_parts.ts"):
            for context in ET.parse(I18N / name).getroot().iter("context"):
                for message in context.iter("message"):
                    t = message.find("translation")
                    forms = [f.text or "" for f in t.iter("numerusform")] or [t.text or ""]
                    key = (context.findtext("name") or "", message.findtext("source") or "")
                    self.entries[key] = forms

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        forms = self.entries.get((context, source))
        if not forms:
            return ""
        return forms[min(1, len(forms) - 1)] if n > 1 else forms[0]


@pytest.fixture
def french(qapp) -> Iterator[None]:
    translator = _French()
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        yield
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.fixture
def ctx(database, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    user = m.User.create(username="sup", email="sup@staff.example", display_name="Sup",
                         role="supervisor", password_hash="x")  # fmt: skip
    return AppContext.create(database, parse_url("sqlite:///x.db"), user, settings)


def test_the_import_dialog_speaks_french(qtbot, ctx, french: None) -> None:
    jobs = JobsBar()
    qtbot.addWidget(jobs)
    dialog = ImportDialog(ctx, jobs)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Importer"
    assert dialog.dry_run_button.text() == "Essai à blanc"
    assert dialog.close_button.text() == "Fermer"
    assert dialog.decimal.itemText(2) == "Virgule décimale (12,50)"


def test_a_refused_write_is_shown_in_french(french: None) -> None:
    exc = ValidationError(
        {"subject": required_error("", QT_TRANSLATE_NOOP("Validation", "a subject"))}
    )
    assert str(exc) == "subject: a subject is required"  # what the log and the tests see
    assert write_message(exc) == "Un objet est obligatoire"
    assert QCoreApplication.translate("Words", "Past due") == "Impayé"


def test_a_write_the_database_kept_refusing_is_shown_in_french(french: None, database) -> None:
    """A unit that stayed busy past its retries names what was not saved, in French."""
    import sqlite3

    from db.units import DatabaseBusy, RetryPolicy, run_unit
    from desktop.core.i18n import QT_TRANSLATE_NOOP as NOOP

    def locked() -> None:
        raise sqlite3.OperationalError("database is locked")

    policy = RetryPolicy(busy_attempts=2, base_delay_s=0.0, max_delay_s=0.0)
    with pytest.raises(DatabaseBusy) as caught:
        run_unit(database, locked, what=NOOP("Writes", "the note"), policy=policy)
    assert "the note was not saved" in str(caught.value)  # English for the log
    assert write_message(caught.value).startswith("La base de données est restée occupée")
    assert "rien n'a été enregistré (la note)" in write_message(caught.value)


def test_a_database_that_cannot_be_reached_is_said_in_french(french: None) -> None:
    """Settings → Test connection, or a start against a server that is away."""
    from db.connection import DatabaseConfigError, DatabaseUnavailable, connect, parse_url
    from desktop.ui.messages import user_text

    with pytest.raises(DatabaseUnavailable) as away:
        connect("mysql://root@127.0.0.1:1/nothing")
    assert str(away.value).startswith("cannot reach the MySQL server at 127.0.0.1:1")
    assert user_text(away.value).startswith("impossible de joindre le serveur MySQL 127.0.0.1:1")
    with pytest.raises(DatabaseConfigError) as bad:
        parse_url("mysql://root@db.example")
    assert user_text(bad.value).startswith("adresse de base de données incorrecte")
