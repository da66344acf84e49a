"""The Python modules the frozen app leaves out although the build finds them, and the check that
nothing the app runs imports them.

`churnwatch.spec` passes `UNUSED_MODULES` to PyInstaller's `excludes`. Run a command with them
blocked, as in the frozen app (not importable, and not listed by `pkgutil`, the way skops' walk
over scikit-learn sees the frozen archive):

    python packaging/unused_modules.py -- .venv/bin/python -m pytest -q tests

An import of a blocked module raises ModuleNotFoundError (so the command fails where the frozen
app would) and is written with its stack to $BLOCKED_LOG when that is set.
"""

from __future__ import annotations

import importlib.abc
import os
import pkgutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

# Parts of SciPy and scikit-learn nothing the app runs imports: not our code (training, scoring,
# explanations, the BG/NBD fit), not the scikit-learn modules our pipelines load (and theirs),
# not skops. skops walks every scikit-learn module it finds (`all_estimators()`, for the estimator
# types it trusts), but in the frozen app that walk lists only what the archive holds, so a module
# left out is not walked; our models are pipelines of StandardScaler / QuantileTransformer (or a
# ColumnTransformer of one FunctionTransformer),
# LogisticRegression, HistGradientBoostingClassifier and CalibratedClassifierCV.
SCIPY_UNUSED = ("scipy.io", "scipy.signal", "scipy.cluster")
SKLEARN_UNUSED = (
    "sklearn.datasets", "sklearn.gaussian_process", "sklearn.mixture", "sklearn.neural_network",
    "sklearn.semi_supervised", "sklearn.feature_extraction", "sklearn.kernel_ridge",
    "sklearn.naive_bayes", "sklearn.cross_decomposition", "sklearn.random_projection",
    "sklearn.multiclass", "sklearn.multioutput", "sklearn.impute", "sklearn.inspection",
    "sklearn.tests", "sklearn.experimental", "sklearn.feature_selection",
    "sklearn.kernel_approximation",
)  # fmt: skip
# readline: the command line asks for passwords with getpass, and has no interactive prompt.
UNUSED_MODULES = (*SCIPY_UNUSED, *SKLEARN_UNUSED, "readline")

ENV_BLOCKED = "CHURNWATCH_BLOCKED_MODULES"
ENV_LOG = "BLOCKED_LOG"


def is_blocked(name: str, blocked: Sequence[str]) -> bool:
    return any(name == b or name.startswith(b + ".") for b in blocked)


class _Blocker(importlib.abc.MetaPathFinder):
    def __init__(self, blocked: Sequence[str]) -> None:
        self.blocked = tuple(blocked)

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if is_blocked(name, self.blocked):
            log = os.environ.get(ENV_LOG)
            if log:
                with open(log, "a", encoding="utf-8") as f:
                    f.write(f"blocked {name} (pid {os.getpid()}, {sys.argv[:3]})\n")
                    f.write("".join(traceback.format_stack(limit=15)) + "\n")
            raise ModuleNotFoundError(f"No module named {name!r} (left out of the app)", name=name)


def install(blocked: Sequence[str]) -> None:
    """Make `blocked` unimportable and unlisted in this interpreter."""
    sys.meta_path.insert(0, _Blocker(blocked))
    listed = pkgutil.iter_modules

    def iter_modules(
        path: object = None, prefix: str = ""
    ) -> Iterator[pkgutil.ModuleInfo]:  # pragma: no cover - exercised in the child
        for info in listed(path, prefix):  # type: ignore[arg-type]
            if not is_blocked(info.name, blocked):
                yield info

    pkgutil.iter_modules = iter_modules  # type: ignore[assignment]  # walk_packages uses it


SITECUSTOMIZE = """\
import importlib.util, os
_spec = importlib.util.spec_from_file_location("_churnwatch_unused", {path!r})
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
_mod.install(os.environ[{env!r}].split(","))
"""


def run(command: Sequence[str], **options: Any) -> subprocess.CompletedProcess[Any]:
    """`command` with UNUSED_MODULES blocked in every Python process it starts (through a
    sitecustomize module); `options` go to subprocess.run."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "sitecustomize.py").write_text(
            SITECUSTOMIZE.format(path=str(Path(__file__).resolve()), env=ENV_BLOCKED)
        )
        env = dict(options.pop("env", None) or os.environ)
        env[ENV_BLOCKED] = ",".join(UNUSED_MODULES)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (tmp, env.get("PYTHONPATH")) if p)
        return subprocess.run(list(command), env=env, check=False, **options)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit(__doc__)
    sys.exit(run(args).returncode)
