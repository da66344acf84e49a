"""UI test helpers: background database work is always finished before a test ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _drain_db_pool(qapp) -> Iterator[None]:
    yield
    from desktop.ui import workers

    assert workers.wait_idle(), "background database work did not finish"
    qapp.processEvents()
