"""`churnwatch --help`, a subcommand's help and argparse's errors speak the system's language:
our help texts and argparse's own words ("usage:", "options", "the following arguments are
required") in French with LANGUAGE=fr / LANG=fr_FR, unchanged English otherwise.

Each command runs in its own process, as a user runs it, so the translator is the one the command
line installs from `resources/i18n/churnwatch_fr.qm` and the system's locale.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Variables that would outrank LANGUAGE / LANG in choosing the language or the locale.
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LANGUAGE", "LANG")
FRENCH = ("fr", "fr_FR.UTF-8")
ENGLISH = ("en", "C.UTF-8")


def _env(language: str, lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.pop("CHURNWATCH_DB", None)
    env.pop("CHURNWATCH_PASSWORD", None)
    # Wide enough that no help line wraps: the assertions below read whole sentences.
    return env | {"LANGUAGE": language, "LANG": lang, "COLUMNS": "250"}


def _cli(language: tuple[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *argv],
        cwd=ROOT, env=_env(*language), capture_output=True, text=True, encoding="utf-8",
        check=False, timeout=120,
    )  # fmt: skip


def _help(language: tuple[str, str], *argv: str) -> str:
    done = _cli(language, *argv, "--help")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    return done.stdout


def _refused(language: tuple[str, str], *argv: str) -> str:
    done = _cli(language, *argv)
    assert done.returncode == 2, (done.stdout, done.stderr[-3000:])
    assert "Traceback" not in done.stderr
    return done.stderr


def test_the_help_speaks_french() -> None:
    out = _help(FRENCH)
    assert out.startswith("utilisation : churnwatch [-h] [--version] [--db URL]")
    assert "\narguments positionnels :\n" in out
    assert "\noptions :\n" in out
    assert re.search(r"^  -h, --help +afficher ce message d'aide et quitter$", out, re.MULTILINE)
    assert re.search(r"^  --version +afficher la version et quitter$", out, re.MULTILINE)
    assert re.search(r"^  -v, --verbose +journal plus détaillé$", out, re.MULTILINE)
    assert re.search(r"^ +train +entraîner des modèles de départ sur l'historique", out, re.M)
    assert "alerte précoce sur les départs de clients" in out  # the description
    assert re.search(r"\(1\D000 par défaut\)", out)  # a figure with French marks
    # Option names, command names and metavars stay as typed.
    assert "--db URL" in out
    assert "init-db" in out
    for english in ("usage:", "options:", "show this help message", "more logging"):
        assert english not in out


def test_a_subcommand_help_speaks_french() -> None:
    out = _help(FRENCH, "train")
    assert out.startswith("utilisation : churnwatch train [-h]")
    line = r"^  --horizon-days N +prédire les départs dans les N jours \(90 par défaut\)$"
    assert re.search(line, out, re.MULTILINE)
    assert "agir en tant que ce membre de l'équipe" in out  # --as, shared by the commands
    assert "options :" in out
    assert "predict churn" not in out

    out = _help(FRENCH, "db-grants")
    assert "l'hôte du compte (par défaut % : n'importe lequel)" in out  # argparse's %% kept


def test_argparse_errors_speak_french() -> None:
    err = _refused(FRENCH, "user", "add")
    assert err.startswith("utilisation : churnwatch user add [-h] --role")
    assert err.rstrip().endswith(
        "churnwatch user add : erreur : les arguments suivants sont obligatoires : NAME, --role"
    )

    err = _refused(FRENCH, "train", "--horizon-days")
    assert "churnwatch train : erreur : argument --horizon-days : un argument attendu" in err

    err = _refused(FRENCH, "offline", "keep", "neither", "1")
    assert "erreur : argument side : choix non valide : 'neither' (valeurs possibles : " in err

    err = _refused(FRENCH, "demo", "--seed", "x")
    assert "churnwatch demo : erreur : argument --seed : valeur entière non valide : 'x'" in err

    err = _refused(FRENCH, "--bogus")
    assert "churnwatch : erreur : arguments non reconnus : --bogus" in err
    assert "error:" not in err
    assert "usage:" not in err


def test_the_help_and_errors_stay_english() -> None:
    out = _help(ENGLISH)
    assert out.startswith("usage: churnwatch [-h] [--version] [--db URL]")
    assert "\npositional arguments:\n" in out
    assert "\noptions:\n" in out
    assert re.search(r"^  -h, --help +show this help message and exit$", out, re.MULTILINE)
    assert re.search(r"^  -v, --verbose +more logging$", out, re.MULTILINE)
    assert "customers in a new demo database (default 1,000)" in out

    out = _help(ENGLISH, "train")
    assert out.startswith("usage: churnwatch train [-h]")
    assert re.search(r"^  --horizon-days N +predict churn within N days \(default 90\)$", out,
                     re.MULTILINE)  # fmt: skip

    err = _refused(ENGLISH, "user", "add")
    assert err.startswith("usage: churnwatch user add [-h] --role")
    assert err.rstrip().endswith(
        "churnwatch user add: error: the following arguments are required: NAME, --role"
    )
    err = _refused(ENGLISH, "offline", "keep", "neither", "1")
    assert "error: argument side: invalid choice: 'neither' (choose from 'mine', 'theirs')" in err


def test_building_the_parser_loads_no_translator() -> None:
    """The catalogue (and QtCore) is loaded when a help or an error is printed, not at start."""
    probe = "import sys, desktop.cli\ndesktop.cli.build_parser()\nprint('PySide6' in sys.modules)\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=_env(*FRENCH), capture_output=True,
        text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "False"
