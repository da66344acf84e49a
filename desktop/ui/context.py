"""What every page needs: the database, the signed-in user's services, settings and jobs."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw
from PySide6.QtCore import QObject, QSettings, Signal

from db import models as m
from db.connection import DatabaseURL
from desktop.core.services import Services


class Events(QObject):
    """App-wide notifications, so a write in one place refreshes the tables that show it."""

    changed = Signal(str)  # "customers", "alerts", "tickets", …
    openCustomer = Signal(int)
    message = Signal(str)


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
        return cls(database, url, user, Services(database, user), settings, Events())
