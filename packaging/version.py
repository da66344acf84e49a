"""The version and build date every package is stamped with, from one place: pyproject.toml.

`python packaging/version.py` prints `VERSION BUILD_DATE`; `--shell` prints `VERSION=… BUILD_DATE=…`
for the build scripts; the PyInstaller specs import it. The build date is SOURCE_DATE_EPOCH's
(reproducible builds) or today's, in UTC.
"""

from __future__ import annotations

import os
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent


def project_version() -> str:
    with (TOP / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d")


if __name__ == "__main__":
    if "--shell" in sys.argv[1:]:
        print(f"VERSION={project_version()}\nBUILD_DATE={build_date()}")
    else:
        print(project_version(), build_date())
