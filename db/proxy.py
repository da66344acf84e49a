"""The models' `DatabaseProxy`, with a per-thread override for the offline replica.

Every model is bound to one proxy. A laptop working offline talks to two databases at once:
the shared server (the proxy's usual target) and its local SQLite replica. `using(database)`
points the proxy at another database *for the current thread only*, for the length of a
`with` block, so the same models, read models and services run against the replica while
other threads (the window's pool, a sync in the background) keep the server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import peewee as pw


class RoutedProxy(pw.DatabaseProxy):
    """A `DatabaseProxy` whose target a thread may override with `using`."""

    __slots__ = ("_local", "_shared")

    def __init__(self) -> None:
        object.__setattr__(self, "_local", threading.local())
        object.__setattr__(self, "_shared", None)
        super().__init__()

    @property
    def obj(self) -> Any:
        routed = getattr(self._local, "database", None)
        return routed if routed is not None else self._shared

    @obj.setter
    def obj(self, value: Any) -> None:
        object.__setattr__(self, "_shared", value)

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr not in ("obj", "_callbacks", "_Model", "_local", "_shared"):
            raise AttributeError("Cannot set attribute on proxy.")
        object.__setattr__(self, attr, value)

    @property
    def shared(self) -> pw.Database | None:
        """The database every thread uses unless it overrides it."""
        return self._shared

    @contextmanager
    def using(self, database: pw.Database) -> Iterator[pw.Database]:
        """Route this thread's queries through the models to `database` inside the block."""
        previous = getattr(self._local, "database", None)
        self._local.database = database
        try:
            yield database
        finally:
            self._local.database = previous
