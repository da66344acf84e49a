"""What the signed-in role cannot do is disabled, with a tooltip saying why.

One table names the controls (by attribute, per widget class) and the permission each needs
(`desktop.core.services.permissions`, the table the service layer checks). A gated control stays
disabled even when its page enables it again later (a selection changed): an event filter turns
it off again, so the pages themselves need not know about roles.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from db import models as m
from desktop.core.services.permissions import Perm, why_not

POLICY_CONTROLS = ("apply_button", "mode", "top_share", "threshold", "top_k", "per_agent",
                   "rise_points", "payment")  # fmt: skip
GATES: dict[str, tuple[tuple[str, Perm], ...]] = {
    # Alerts and tickets: everyone exports their own queue (the service refuses the rest).
    "AlertsPage": (("all_matching", Perm.ALERT_BULK), ("export_button", Perm.EXPORT_OWN_QUEUE)),
    "TicketsPage": (("export_button", Perm.EXPORT_OWN_QUEUE),),
    "CustomersPage": (("export_button", Perm.EXPORT),),
    "AuditPage": (("export_button", Perm.EXPORT),),
    "ModelsPage": (
        ("train_button", Perm.MODEL_TRAIN),
        ("activate_button", Perm.MODEL_STATUS),
        ("retire_button", Perm.MODEL_STATUS),
        ("score_button", Perm.SCORE),
        ("resume_button", Perm.SCORE),
    ),
    # The Models page's Alert policy tab: agents see the policy read-only.
    "AlertPolicyPanel": tuple((name, Perm.ALERT_POLICY) for name in POLICY_CONTROLS),
    "CustomerView": (("status_button", Perm.ACCOUNT_STATUS), ("export_button", Perm.EXPORT)),
    "TagDialog": (("name", Perm.TAG_MANAGE), ("color", Perm.TAG_MANAGE)),  # a new tag
    "SettingsPage": (("url", Perm.SETTINGS), ("retention", Perm.RETENTION)),
    "MainWindow": (("import_action", Perm.IMPORT),),  # File → Import… (an action)
}


ROLE_NAMES = {  # translated where shown (role_name)
    "agent": QT_TRANSLATE_NOOP("Roles", "agent"),
    "supervisor": QT_TRANSLATE_NOOP("Roles", "supervisor"),
    "admin": QT_TRANSLATE_NOOP("Roles", "admin"),
}


def role_name(role: str) -> str:
    """A staff role in the user's language ("supervisor" · "superviseur")."""
    return QCoreApplication.translate("Roles", ROLE_NAMES[role]) if role in ROLE_NAMES else role


def sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + "."


class _KeepDisabled(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.EnabledChange
            and isinstance(watched, QWidget)
            and watched.isEnabled()
        ):
            watched.setEnabled(False)
        return False


def restrict(widget: QWidget, user: m.User) -> list[QWidget | QAction]:
    """Disable the controls of `widget` the user's role may not use; the controls disabled.
    A menu action is disabled with its reason as tooltip and status tip."""
    done: list[QWidget | QAction] = []
    for attr, perm in GATES.get(type(widget).__name__, ()):
        control = getattr(widget, attr, None)
        reason = why_not(user, perm)
        if isinstance(control, QAction) and reason is not None:
            control.setEnabled(False)
            control.setToolTip(sentence(reason))
            control.setStatusTip(sentence(reason))
            done.append(control)
            continue
        if not isinstance(control, QWidget) or reason is None:
            continue
        control.setEnabled(False)
        control.setToolTip(sentence(reason))
        keeper = _KeepDisabled(control)
        control.installEventFilter(keeper)
        done.append(control)
    return done
