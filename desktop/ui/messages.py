"""The core's messages (`db.i18n.Message`) shown in the user's language.

The Qt-free layers raise errors whose text is English but remembers its template; the window
renders them through `QCoreApplication.translate`, so whichever translator `desktop.ui.i18n`
installed applies, and figures and dates inside a message take the locale's form. The hooks are
set when this module is imported (any page showing an error imports it through `widgets.writes`);
`QCoreApplication.translate` needs no application object.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from db.i18n import render, render_error, set_formats, set_translator
from desktop.ui import i18n


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


set_translator(_translate)
set_formats(i18n.marks, i18n.day)


def user_text(value: BaseException | str) -> str:
    """An exception's message, or a core message, in the user's language."""
    if isinstance(value, BaseException):
        return render_error(value)
    return render(value)
