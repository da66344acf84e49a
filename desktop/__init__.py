"""ChurnWatch desktop application: Qt-free core logic (`desktop.core`) and the Qt UI."""

from importlib.metadata import PackageNotFoundError, version


def _version() -> str:
    """pyproject.toml's version, as installed (the frozen app carries the package metadata)."""
    try:
        return version("churnwatch")
    except PackageNotFoundError:  # a checkout on sys.path without `pip install -e .`
        return "0+unknown"


__version__ = _version()
