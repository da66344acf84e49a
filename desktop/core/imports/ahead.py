"""Reading ahead: the next batches of a file are read and converted on a thread of their own
while the current one is written.

Reading and converting is Python (it holds the interpreter lock); writing spends most of its
time where the lock is free: in SQLite's C code stepping each INSERT, or waiting for the MySQL
server (its own process) to answer. On a machine with two cores the two overlap, so an import
runs closer to the speed of the writes alone (`tests/benchmarks/bench_import.py`).

The producer never touches the database, so the unit of work, its retries and its one
connection stay on the caller's thread. Closing the iterator (the consumer is done, failed or
was cancelled) stops the producer; an error raised while reading comes out of `next()` where
the caller would have met it without read-ahead.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Generator, Iterable
from typing import TypeVar

T = TypeVar("T")

DEPTH = 2  # batches held ready: enough to hide a slow read, little memory (a batch is ~5,000 rows)
_DONE = object()


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def read_ahead(items: Iterable[T], depth: int = DEPTH) -> Generator[T, None, None]:
    """`items`, produced on a daemon thread up to `depth` ahead of the consumer."""
    ready: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    source = iter(items)

    def produce() -> None:
        try:
            for item in source:
                while not stop.is_set():
                    try:
                        ready.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ready.put(_DONE)
        except BaseException as exc:
            ready.put(_Failed(exc))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()  # the file is closed on this thread, which read it

    worker = threading.Thread(target=produce, name="import-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item = ready.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():  # let a producer blocked on a full queue see the stop
            with contextlib.suppress(queue.Empty):
                ready.get(timeout=0.1)
        worker.join()
