"""ChurnWatch's own measurements, written as SystemMetric rows so they chart like any metric.

Every workstation records, so writes are throttled per metric name: at most one point per
`min_interval` from this process, which keeps the table small across many workstations.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Mapping

from db.connection import DatabaseError
from db.models import DB, SystemMetric, utcnow
from db.units import RetryPolicy, run_unit
from desktop.core.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 3600.0
# A metric point is worth a few retries, never a user's wait: it gives up after a short while.
POLICY = RetryPolicy(busy_attempts=3, lost_deadline_s=10.0)


class Telemetry:
    def __init__(self, min_interval: float = DEFAULT_INTERVAL_S, host: str | None = None) -> None:
        self.min_interval = min_interval
        self.host = host or socket.gethostname()
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def _due(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.min_interval:
                return False
            self._last[key] = now
            return True

    def record(
        self,
        name: str,
        value: float,
        tags: Mapping[str, str] | None = None,
        *,
        throttle: bool = True,
    ) -> bool:
        """Store one point unless this name was recorded recently (events such as a finished
        scoring run pass `throttle=False`); True when stored."""
        key = name + repr(sorted((tags or {}).items()))
        if throttle and not self._due(key):
            return False
        point = {
            "name": name,
            "value": float(value),
            "tags": {"host": self.host, **(tags or {})},
            "recorded_at": utcnow(),
        }
        try:
            run_unit(
                DB,
                lambda: SystemMetric.create(**point),
                what=QT_TRANSLATE_NOOP("Writes", "the metric"),
                policy=POLICY,
            )
        except DatabaseError as exc:
            log.warning("a system metric was not stored: %s", exc)
            return False
        return True

    def record_timings(self, prefix: str, timings_ms: Mapping[str, float]) -> int:
        """One `<prefix>.latency_ms` point per query, tagged with the query's name."""
        return sum(
            self.record(f"{prefix}.latency_ms", ms, {"query": query})
            for query, ms in timings_ms.items()
        )


telemetry = Telemetry()
