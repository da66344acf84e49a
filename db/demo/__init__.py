"""A realistic, reproducible demo history: `churnwatch demo`.

Every customer gets latent traits (engagement, price sensitivity, service friction, payment
reliability) that set its churn risk. Customers on a churn path decline before they go: orders thin
out, engagement fades, tickets and payment failures rise, a card may lapse unreplaced (loyal
customers' cards run out too, and mostly get replaced). Some go suddenly, some quiet customers
stay, some recover; so a model finds real signal, far from perfect.

Reproducible: each customer draws from its own `Random(f"{seed}:{index}")` and every time is
relative to `today`, so the same seed and day give the same rows, ids included, whatever the chunk
size. Streaming: customers are generated and written a chunk at a time, one transaction per chunk,
so memory stays flat however many customers are asked for. Fast: rows are plain tuples with values
already in the form the drivers send (see `db.bulk`), written with `executemany`.

The modules follow the history: `people` (staff, profiles, the customer row), `churn` (traits
and fate), `payments` (cards), `orders`, `subscriptions` (and their charges), `engagement`
(events), `support` (tickets), `health`, `staff` (interventions, notes, tags, segments), `alerts`
and `metrics`; `generator` runs them in order, over `rows` (the tables' columns) and `clock`.
This module is the entry point: `generate_demo` writes the history into a database.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import peewee as pw

from db import models as m
from db.bulk import BulkWriter
from db.demo.clock import EVENT_WINDOW_DAYS
from db.demo.generator import DEFAULT_CHUNK, DemoGenerator
from db.demo.people import STAFF
from db.demo.rows import COLUMNS, DEMO_MODELS, Batch
from db.i18n import QT_TRANSLATE_NOOP, Number

if TYPE_CHECKING:
    from db.tasks import TaskState

__all__ = [
    "COLUMNS",
    "DEFAULT_CHUNK",
    "DEMO_MODELS",
    "EVENT_WINDOW_DAYS",
    "Batch",
    "DemoGenerator",
    "DemoSummary",
    "customer_count",
    "generate_demo",
]

log = logging.getLogger(__name__)


@dataclass
class DemoSummary:
    rows: dict[str, int]  # table name -> rows written, in insertion order
    elapsed: float  # seconds
    credentials: list[tuple[str, str, str]] = field(default_factory=list)


def customer_count(database: pw.Database) -> int:
    """How many customers the database holds (0 = empty, the demo may fill it)."""
    row = database.execute_sql(f"SELECT COUNT(*) FROM {m.Customer._meta.table_name}").fetchone()
    return int(row[0])


def generate_demo(
    database: pw.Database,
    *,
    customers: int = 100,
    seed: int = 42,
    today: date | None = None,
    state: TaskState | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> DemoSummary:
    """Fill an empty, current-schema database with the demo history.

    One transaction per chunk of customers, so memory stays flat and a cancel (raised by
    `state.progress` after a chunk) leaves whole chunks only.
    """
    if customers < 1:
        raise ValueError("customers must be at least 1")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    started = time.perf_counter()
    today = today or datetime.now(UTC).date()
    generator = DemoGenerator(customers, seed, today)
    writer = BulkWriter(database)
    rows = {model._meta.table_name: 0 for model in DEMO_MODELS}
    log.info("generating demo data: %d customers, seed %d, as of %s", customers, seed, today)
    for done, batches in generator.batches(chunk_size):
        with writer.database.atomic():
            for batch in batches:
                rows[batch.model._meta.table_name] += writer.insert(
                    batch.model, batch.columns, batch.rows
                )
        if state is not None:
            state.progress(
                done,
                customers,
                QT_TRANSLATE_NOOP("Demo", "{done} of {customers} customers").format(
                    done=Number(done), customers=Number(customers)
                ),
            )
    elapsed = time.perf_counter() - started
    log.info("demo data written: %d rows in %.1f s", sum(rows.values()), elapsed)
    credentials = [(username, password, role.value) for username, password, role, _ in STAFF]
    return DemoSummary(rows=rows, elapsed=elapsed, credentials=credentials)
