"""Reading ahead of the writes (`desktop.core.imports.ahead`): the same items in the same
order, a reading error raised where the caller reads, and a consumer that stops early (done,
failed, cancelled) stops the reading thread and closes what it read."""

from __future__ import annotations

import threading

import pytest

from desktop.core.imports.ahead import read_ahead


def _reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "import-read-ahead"]


def test_items_come_in_order_and_the_thread_ends():
    assert list(read_ahead(range(1000), depth=2)) == list(range(1000))
    assert not _reader_threads()


def test_a_reading_error_is_raised_to_the_consumer_after_the_good_items():
    def source():
        yield from (1, 2)
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    got = []
    with pytest.raises(UnicodeDecodeError):
        for item in read_ahead(source()):
            got.append(item)
    assert got == [1, 2]
    assert not _reader_threads()


def test_stopping_early_stops_the_reader_and_closes_the_source():
    closed = threading.Event()
    produced = []

    def source():
        try:
            for n in range(1_000_000):
                produced.append(n)
                yield n
        finally:
            closed.set()

    ahead = read_ahead(source(), depth=2)
    assert next(ahead) == 0
    ahead.close()  # what a cancel or a failed write does (`contextlib.closing`)
    assert closed.is_set()
    assert len(produced) <= 5  # read ahead by the depth, not to the end
    assert not _reader_threads()
