"""ChurnWatch desktop application: Qt-free core logic (`desktop.core`) and the Qt UI."""

from typing import Any

_VERSION: list[str] = []


def _version() -> str:
    """pyproject.toml's version, as installed (the frozen app carries the package metadata).
    Read when first asked: importlib.metadata costs ~0.1 s of every start otherwise."""
    if not _VERSION:
        from importlib.metadata import PackageNotFoundError, version

        try:
            _VERSION.append(version("churnwatch"))
        except PackageNotFoundError:  # a checkout on sys.path without `pip install -e .`
            _VERSION.append("0+unknown")
    return _VERSION[0]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    raise AttributeError(name)
