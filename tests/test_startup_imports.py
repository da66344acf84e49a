"""Start-up imports only what the first screen needs: the command line's parser and the window's
modules load no scikit-learn, SciPy, skops or openpyxl (the model and export code imports them when
it runs). Checked in a fresh interpreter, where nothing else has imported them yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
LOADED_LATER = ("sklearn", "scipy", "skops", "openpyxl", "lxml", "joblib", "pandas")

PROBE = """
import json, sys
import desktop.cli
desktop.cli.build_parser()
import desktop.ui.app
import desktop.ui.main_window
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_the_parser_and_the_window_import_no_model_or_export_library():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=TOP, env=env, capture_output=True, text=True,
        check=False, timeout=120,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr[-3000:]
    loaded = set(json.loads(probe.stdout.splitlines()[-1]))
    assert "PySide6" in loaded  # the probe did import the window
    assert loaded.isdisjoint(LOADED_LATER), sorted(loaded & set(LOADED_LATER))
