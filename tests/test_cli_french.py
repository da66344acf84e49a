"""The command line speaks the system's language: French with LANGUAGE=fr / LANG=fr_FR, its
figures with French marks; English (byte for byte as before) otherwise. Machine output (`--json`)
stays English whatever the language.

Each command runs in its own process, as a user runs it, so the translator is the one the command
line installs from `resources/i18n/churnwatch_fr.qm` and the system's locale.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from db.migrations import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
# Variables that would outrank LANGUAGE / LANG in choosing the language or the locale.
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LANGUAGE", "LANG")


def _env(language: str, lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.pop("CHURNWATCH_DB", None)
    env.pop("CHURNWATCH_PASSWORD", None)
    return env | {"LANGUAGE": language, "LANG": lang}


def _cli(env: dict[str, str], db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", f"sqlite:///{db}", *argv],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
        timeout=300,
    )  # fmt: skip


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    return done.stdout


def test_the_command_line_speaks_french(tmp_path: Path) -> None:
    env = _env("fr", "fr_FR.UTF-8")
    db = tmp_path / "fr.db"

    out = _ok(_cli(env, db, "demo", "--customers", "50"))
    assert "Données de démonstration dans sqlite:///" in out
    assert re.search(r"lignes en \d+,\d s \(\d", out)  # a decimal comma
    assert "Pour vous connecter (utilisateur / mot de passe, rôle) :" in out
    assert "Demo data in" not in out
    assert "Sign in with" not in out

    done = _cli(env, db, "db-check")
    out = _ok(done)
    assert f"Version du schéma : {SCHEMA_VERSION} (à jour)" in out
    assert re.search(r"^Base :\s+sqlite:///", out, re.MULTILINE)
    assert re.search(r"^Moteur :\s+sqlite \(", out, re.MULTILINE)
    assert re.search(r"^Latence :\s+\d+,\d\d ms$", out, re.MULTILINE)
    assert "Lignes :" in out
    assert "Schema version" not in out

    # Machine output stays English.
    report = json.loads(_ok(_cli(env, db, "db-check", "--json")))
    assert report["schema_ok"] is True
    assert report["row_counts"]["customer"] == 50

    out = _ok(_cli(env, db, "backup", str(tmp_path / "copy.db")))
    assert f"Schéma {SCHEMA_VERSION} sauvegardé dans " in out
    assert re.search(r"\(\d{1,3}(\D\d{3})+ octets\)", out)  # French thousands marks
    assert "," not in out.split("(")[-1]
    assert "Backed up" not in out

    out = _ok(_cli(env, db, "models"))
    assert out.strip() == (
        "Aucune version de modèle pour l'instant ; entraînez-en une avec : churnwatch train"
    )

    out = _ok(_cli(env, db, "user", "list"))
    header = out.splitlines()[0]
    assert header.split() == ["utilisateur", "nom", "rôle", "actif", "dernière", "connexion"]
    assert re.search(r"^admin\s+.*\boui\b", out, re.MULTILINE)

    done = _cli(env, db, "db-grants", "--app-user", "churnwatch_app")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "churnwatch : erreur : db-grants sert à MySQL/MariaDB ; "
        "un fichier SQLite est protégé par ses droits d'accès"
    )

    done = _cli(env, db, "offline", "status", "--replica", str(tmp_path / "none.db"))
    assert done.returncode == 2
    assert done.stderr.startswith("churnwatch : erreur : aucune copie hors ligne dans ")
    assert "(lancez : churnwatch offline take --as UTILISATEUR)" in done.stderr


def test_the_command_line_stays_english_in_english(tmp_path: Path) -> None:
    env = _env("en", "C.UTF-8")
    db = tmp_path / "en.db"

    out = _ok(_cli(env, db, "demo", "--customers", "50"))
    assert re.search(r"^Demo data in sqlite:///\S+: [\d,]+ rows in \d+\.\d s \(", out, re.M)
    assert "Sign in with (username / password, role):" in out
    assert "Données" not in out

    out = _ok(_cli(env, db, "db-check"))
    assert f"\nSchema version: {SCHEMA_VERSION} (current)\n" in out
    assert out.startswith("Database:       sqlite:///")
    assert "\nBackend:        sqlite (" in out
    assert re.search(r"^Latency:        \d+\.\d\d ms$", out, re.MULTILINE)
    assert "\nRows:\n" in out
    assert re.search(r"^  customer {21} {10}50$", out, re.MULTILINE)

    out = _ok(_cli(env, db, "backup", str(tmp_path / "copy.db")))
    assert re.fullmatch(
        rf"Backed up schema {SCHEMA_VERSION} to \S+copy\.db \(\d{{1,3}}(,\d{{3}})+ bytes\)\n", out
    )

    out = _ok(_cli(env, db, "models"))
    assert out == "No model versions yet; train one with: churnwatch train\n"

    out = _ok(_cli(env, db, "user", "list"))
    assert out.splitlines()[0] == (
        f"{'username':<20} {'name':<28} {'role':<11} {'active':<7} last sign-in"
    )
    assert re.search(r"^admin\s+.*\byes\b", out, re.MULTILINE)

    done = _cli(env, db, "db-grants", "--app-user", "churnwatch_app")
    assert done.returncode == 2
    assert done.stderr == (
        "churnwatch: error: db-grants is for MySQL/MariaDB; "
        "a SQLite file is protected by its file permissions\n"
    )
