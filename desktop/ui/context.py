"""What every page needs: the database, the signed-in user's services, settings and jobs."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw
from PySide6.QtCore import QObject, QSettings, Signal

from db import models as m
from db.connection import DatabaseURL
from db.units import RetryPolicy
from desktop.core.services import Services

# A write in the window is waited on by the user: after this long without the database it says
# so (and keeps what they typed) instead of freezing the window for the command line's 90 s.
WINDOW_POLICY = RetryPolicy(lost_deadline_s=4.0)


class Events(QObject):
    """App-wide notifications, so a write in one place refreshes the tables that show it."""

    changed = Signal(str)  # "customers", "alerts", "tickets", …
    openCustomer = Signal(int)
    message = Signal(str)
    undoable = Signal(object)  # an undo.UndoEntry: the last action can be undone for a moment


@dataclass
class AppContext:
    database: pw.Database
    url: DatabaseURL
    user: m.User
    services: Services
    settings: QSettings
    events: Events

    @classmethod
    def create(
        cls, database: pw.Database, url: DatabaseURL, user: m.User, settings: QSettings
    ) -> AppContext:
        services = Services(database, user, policy=WINDOW_POLICY)
        return cls(database, url, user, services, settings, Events())
