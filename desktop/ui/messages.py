"""The core's messages (`db.i18n.Message`) shown in the user's language.

The Qt-free layers raise errors whose text is English but remembers its template; the window
renders them through `QCoreApplication.translate`, so whichever translator `desktop.ui.i18n`
installed applies. The hook is set when this module is imported (any page showing an error
imports it through `widgets.writes`); `QCoreApplication.translate` needs no application object.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from db.i18n import render, render_error, set_translator


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


set_translator(_translate)


def user_text(value: BaseException | str) -> str:
    """An exception's message, or a core message, in the user's language."""
    if isinstance(value, BaseException):
        return render_error(value)
    return render(value)
