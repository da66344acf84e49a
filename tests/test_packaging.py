"""Packaging: the version every package carries comes from pyproject.toml, and the spec builds
a frozen app that starts (the build is marked `packaging`: minutes, run with --run-packaging;
packaging/smoke.sh also installs the .deb and opens every page)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop import __version__

TOP = Path(__file__).resolve().parent.parent


def _version_module():
    spec = importlib.util.spec_from_file_location("version", TOP / "packaging" / "version.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_app_and_the_packages_take_the_version_from_pyproject():
    declared = tomllib.loads((TOP / "pyproject.toml").read_text())["project"]["version"]
    assert __version__ == declared
    assert _version_module().project_version() == declared
    iss = (TOP / "packaging" / "churnwatch.iss").read_text()
    assert "AppVersion={#AppVersion}" in iss  # passed in by build_windows.cmd, never typed
    assert "VERSION" in (TOP / "packaging" / "churnwatch-macos.spec").read_text()


def test_the_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert _version_module().build_date() == "2026-01-01"


def _unused_modules():
    spec = importlib.util.spec_from_file_location(
        "unused_modules", TOP / "packaging" / "unused_modules.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Both of the app's model kinds, fitted, stored as skops bytes and loaded back through the
# trusted-types check, with the modules the frozen app leaves out unimportable and unlisted:
# skops' walk over scikit-learn then sees what the frozen archive holds.
WITHOUT_UNUSED = """
import sys
import numpy as np
from desktop.core.churn.artifacts import dump_model, load_model
from desktop.core.churn.training import make_pipeline
rng = np.random.default_rng(3)
x = rng.random((120, 4))
y = (x[:, 0] + rng.random(120) * 0.3 > 0.8).astype(int)
for algorithm in ("logistic_regression", "gradient_boosting"):
    model = make_pipeline(algorithm, 0, rows=len(y)).fit(x, y)
    data, digest = dump_model(model)
    loaded = load_model(data, digest, name=algorithm)
    assert np.allclose(loaded.predict_proba(x), model.predict_proba(x))
left_out = [name for name in sys.argv[1:] if name in sys.modules]
assert not left_out, left_out
print("ok")
"""


def test_models_train_store_and_load_without_the_modules_the_frozen_app_leaves_out():
    unused = _unused_modules()
    assert "scipy.io" in unused.UNUSED_MODULES and "sklearn.datasets" in unused.UNUSED_MODULES
    probe = unused.run(
        [sys.executable, "-c", WITHOUT_UNUSED, *unused.UNUSED_MODULES],
        cwd=TOP, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr[-3000:]
    assert probe.stdout.split()[-1] == "ok"


def test_a_module_left_out_is_neither_importable_nor_listed():
    unused = _unused_modules()
    probe = unused.run(
        [sys.executable, "-c",
         "import pkgutil, sklearn\n"
         "print(sorted(m.name for m in pkgutil.walk_packages(sklearn.__path__, 'sklearn.')"
         " if m.name.count('.') == 1))\n"
         "import sklearn.datasets"],
        cwd=TOP, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert probe.returncode != 0
    assert "ModuleNotFoundError: No module named 'sklearn.datasets'" in probe.stderr
    listed = probe.stdout
    assert "'sklearn.linear_model'" in listed and "'sklearn.datasets'" not in listed


@pytest.mark.slow
@pytest.mark.packaging
def test_the_spec_builds_a_frozen_app_that_starts(tmp_path):
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is not installed: pip install -e '.[dev]'")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "work"),
         str(TOP / "packaging" / "churnwatch.spec")],
        cwd=TOP, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    frozen = tmp_path / "dist" / "churnwatch" / "churnwatch"
    started = subprocess.run(
        [str(frozen), "--version"], capture_output=True, text=True, check=False, timeout=120
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == f"churnwatch {__version__}"
    db = f"sqlite:///{tmp_path / 'frozen.db'}"
    init = subprocess.run(
        [str(frozen), "--db", db, "init-db"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
