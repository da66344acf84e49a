"""The core's translatable messages: where `desktop.core` and the commands take them from.

The mechanism itself lives in `db.i18n` so that `db`'s own messages (field validation, limits)
use it too; see there. `resources_dir` is the one place the catalogues are found, frozen or not.
"""

from __future__ import annotations

import sys
from pathlib import Path

from db.i18n import (
    QT_TRANSLATE_NOOP,
    Day,
    Joined,
    Message,
    Number,
    Translator,
    Word,
    render,
    render_error,
    set_formats,
    set_translator,
)

__all__ = [
    "QT_TRANSLATE_NOOP",
    "Day",
    "Joined",
    "Message",
    "Number",
    "Translator",
    "Word",
    "i18n_dir",
    "render",
    "render_error",
    "resources_dir",
    "set_formats",
    "set_translator",
]


def resources_dir() -> Path:
    """`resources/` beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def i18n_dir() -> Path:
    """Where the `.ts` catalogues and the compiled `churnwatch_<lang>.qm` live."""
    return resources_dir() / "i18n"
