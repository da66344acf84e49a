"""The core's messages: English by default, French through Qt's translator, and all catalogued.

Only QtCore is used (no display): the command line renders core errors the same way.
"""

from __future__ import annotations

import ast
import pickle
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.i18n import QT_TRANSLATE_NOOP, Joined, render, render_error, set_translator
from db.validation import ValidationError, email_error, required_error

ROOT = Path(__file__).resolve().parents[1]
CORE_TS = ROOT / "resources" / "i18n" / "churnwatch_fr_core.ts"
CORE_SOURCES = [ROOT / "db", ROOT / "desktop" / "core", ROOT / "desktop" / "commands"]


class _Catalogue:
    """A translator reading the .ts directly (what lrelease would compile), for QtCore."""

    def __init__(self, path: Path) -> None:
        self.entries: dict[tuple[str, str], str] = {}
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                translation = message.find("translation")
                if translation is not None and translation.text:
                    self.entries[(name, source)] = translation.text


@pytest.fixture
def french() -> Iterator[None]:
    """A QTranslator holding the French catalogue, asked as the command line asks it.

    No QCoreApplication is created: one left behind would break the window's tests that
    follow in the same process (the window installs its translators on its application).
    """
    from PySide6.QtCore import QTranslator

    catalogue = _Catalogue(CORE_TS)

    class French(QTranslator):
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            return catalogue.entries.get((context, source), "")

    translator = French()
    previous = set_translator(lambda context, text: translator.translate(context, text) or text)
    try:
        yield
    finally:
        set_translator(previous)


def test_a_message_is_its_english_text_and_keeps_its_template():
    message = QT_TRANSLATE_NOOP("Validation", "{what} is required").format(what="a subject")
    assert message == "a subject is required"
    assert isinstance(message, str)
    assert (message.context, message.template) == ("Validation", "{what} is required")
    assert message.params == {"what": "a subject"}
    previous = set_translator(None)
    try:
        assert render(message) == "a subject is required"  # no translator: English
    finally:
        set_translator(previous)
    assert pickle.loads(pickle.dumps(message)).params == {"what": "a subject"}


def test_validation_errors_keep_their_english_text_and_field_names():
    exc = ValidationError({"email": email_error("nope")}, entity="Customer")
    assert str(exc) == "Customer is not valid – email: 'nope' is not a valid email address"
    assert list(exc.errors) == ["email"]
    previous = set_translator(None)
    try:
        assert render_error(exc) == str(exc)
    finally:
        set_translator(previous)


def test_a_message_renders_in_french_with_its_parameters(french: None):
    message = required_error("", QT_TRANSLATE_NOOP("Validation", "a subject"))
    assert message == "a subject is required"  # the str stays English, for logs and tests
    assert render(message) == "un objet est obligatoire"


def test_a_validation_error_renders_in_french_and_keeps_its_field_names(french: None):
    exc = ValidationError(
        {"email": email_error("nope"), "name": required_error(None, QT_TRANSLATE_NOOP(
            "Validation", "a name"))},
        entity="Customer",
    )  # fmt: skip
    text = render_error(exc)
    assert text.startswith("Customer n'est pas valide – email : ")
    assert "« nope » n'est pas une adresse e-mail valide" in text
    assert "name : un nom est obligatoire" in text
    assert set(exc.errors) == {"email", "name"}


def test_joined_messages_take_the_language_s_spacing_around_their_separator(french: None):
    subject = required_error("", QT_TRANSLATE_NOOP("Validation", "a subject"))
    name = required_error(None, QT_TRANSLATE_NOOP("Validation", "a name"))
    both = Joined("; ", [subject, name])
    assert both == "a subject is required; a name is required"  # English, for logs and tests
    # French typography: a no-break space before the semicolon, so it never starts a line.
    assert render(both) == "un objet est obligatoire\u00a0; un nom est obligatoire"
    assert render(Joined(" · ", ["a", "b"])) == "a · b"  # a separator with no rule stays


def test_a_translation_that_breaks_its_placeholders_falls_back_to_english():
    previous = set_translator(lambda _c, _t: "{nonsense} oops")
    try:
        message = QT_TRANSLATE_NOOP("Validation", "{what} is required").format(what="x")
        assert render(message) == "x is required"
    finally:
        set_translator(previous)


def _marked(path: Path) -> Iterator[tuple[str, str, str]]:
    """Every QT_TRANSLATE_NOOP("Context", "text") call in a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "QT_TRANSLATE_NOOP"
            and len(node.args) == 2
            and all(isinstance(a, ast.Constant) for a in node.args)
        ):
            context, text = (a.value for a in node.args)  # type: ignore[attr-defined]
            yield f"{path.relative_to(ROOT)}:{node.lineno}", context, text


def _core_messages() -> list[tuple[str, str, str]]:
    return [
        found
        for top in CORE_SOURCES
        for path in sorted(top.rglob("*.py"))
        if path.name != "i18n.py"
        for found in _marked(path)
    ]


def test_the_core_marks_its_messages():
    assert len(_core_messages()) > 100


def test_every_core_message_is_in_the_catalogue_with_a_french_translation():
    catalogue = _Catalogue(CORE_TS).entries
    missing = [
        f"{where}: [{context}] {text}"
        for where, context, text in _core_messages()
        if (context, text) not in catalogue
    ]
    assert missing == []


def test_french_translations_keep_every_placeholder():
    placeholder = re.compile(r"\{(\w+)[^}]*\}")
    wrong = [
        f"[{context}] {source}"
        for (context, source), text in _Catalogue(CORE_TS).entries.items()
        if set(placeholder.findall(source)) != set(placeholder.findall(text))
    ]
    assert wrong == []


def test_no_core_translation_is_unfinished():
    root = ET.parse(CORE_TS).getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")
    ]
    assert unfinished == []


def test_the_errors_a_user_meets_without_a_model_or_a_schema_render_in_french(
    french: None, tmp_path: Path
) -> None:
    """The errors raised deep in the core (no active model, a database not yet set up, a
    damaged model) reach the user in French, with their figures, and stay English as text."""
    import peewee as pw

    from db.migrations import SchemaNotReady, check_schema
    from db.models import DB
    from desktop.core.churn.artifacts import ArtifactMissing, load_model
    from desktop.core.churn.scoring.runs import NoActiveModel, resolve_model

    blank = pw.SqliteDatabase(str(tmp_path / "blank.db"))
    with pytest.raises(SchemaNotReady) as not_ready:
        check_schema(blank)
    assert str(not_ready.value).startswith("the database has no ChurnWatch tables")
    assert render_error(not_ready.value).startswith("la base n'a pas de tables ChurnWatch")

    from db.connection import connect
    from db.migrations import init_db

    database, _ = connect(f"sqlite://{tmp_path / 'current.db'}", create=True)
    init_db(database)
    try:
        assert DB.obj is database
        with pytest.raises(NoActiveModel) as none_active:
            resolve_model(None)
        assert render_error(none_active.value).startswith("aucun modèle n'est actif")
    finally:
        database.close()
    with pytest.raises(ArtifactMissing) as missing:
        load_model(None, None, name="churn-7")
    assert render_error(missing.value) == "le modèle « churn-7 » n'a pas de fichier enregistré"


def test_a_retention_plan_and_an_as_of_note_read_in_french(french: None) -> None:
    """What Settings shows before a purge, and the note a training on an old history gets."""
    from datetime import datetime

    from desktop.core.churn.as_of import MOVED_NOTE
    from desktop.core.retention.plan import LATEST, Kept, Plan, TablePlan
    from desktop.core.retention.policy import RULES

    table, what = RULES["predictions_days"]
    plan = Plan(
        datetime(2026, 6, 1),
        [TablePlan("predictions_days", table, what, 30, datetime(2026, 5, 2, 8, 30), goes=1234,
                   kept=[Kept(7, LATEST)])],
    )  # fmt: skip
    english = plan.lines()
    assert english == [
        "churn_prediction: 1,234 churn predictions from before 2026-05-02 08:30 (kept 30 days)",
        "  kept 7: each customer's latest prediction",
    ]
    from db.i18n import set_formats

    previous = set_formats(lambda: (",", " ", " %"), lambda d: f"{d:%d/%m/%Y}")
    try:
        assert [render(line) for line in english] == [
            "churn_prediction : 1 234 prédictions de départ d'avant le 02/05/2026 08:30 "
            "(conservation 30 jours)",
            "  conservé(e)s 7 : la dernière prédiction de chaque client",
        ]
        from db.i18n import Day, Number

        note = MOVED_NOTE.format(day=Day(datetime(2025, 3, 2)), newest=Day(datetime(2025, 3, 1)),
                                 age=Number(275), horizon=Number(90))  # fmt: skip
        assert render(note).startswith(
            "Date de référence 02/03/2025 : l'activité la plus récente (01/03/2025) date de 275 "
            "jours, plus que l'horizon de 90 jours"
        )
    finally:
        set_formats(*previous)
