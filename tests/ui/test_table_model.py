"""The lazy table model: row count, placeholders, pages loaded in the background, server sort."""

from __future__ import annotations

import pytest

from db import models as m
from desktop.core.read import lists
from desktop.core.read.listing import ListQuery
from desktop.ui.widgets.table_model import PLACEHOLDER, LazyTableModel


@pytest.fixture
def many_customers(database):
    m.Customer.insert_many(
        [
            {
                "name": f"Person {i:03d}",
                "email": f"p{i:03d}@example.com",
                "churn_probability": (i % 10) / 10,
                "risk_level": "CRITICAL" if i % 10 >= 8 else "LOW",
            }
            for i in range(95)
        ]
    ).execute()


def loaded(model):
    return not model.busy


def test_model_loads_pages_lazily_and_passes_the_model_tester(many_customers, qtbot, qtmodeltester):
    model = LazyTableModel(lists.SPECS["customers"], page_size=10)
    with qtbot.waitSignal(model.countChanged):
        model.set_query(ListQuery(sort=(("email", False),)))
    assert model.rowCount() == 95
    email = model.column_index("email")
    qtbot.waitUntil(lambda: model.data(model.index(0, email)) == "p000@example.com")
    # A row far from the first page is a placeholder until its page arrives.
    assert model.data(model.index(94, email)) == PLACEHOLDER
    qtbot.waitUntil(lambda: model.data(model.index(94, email)) == "p094@example.com")
    # Then its neighbour page is loaded by keyset from it.
    qtbot.waitUntil(lambda: model.data(model.index(85, email)) == "p085@example.com")
    qtmodeltester.check(model)
    expected = [f"p{i:03d}@example.com" for i in range(95)]
    # Reading every cell (as a scrolling view would) loads every page, each one exactly once.
    qtbot.waitUntil(lambda: [model.data(model.index(r, email)) for r in range(95)] == expected)


def test_filter_sort_and_reload(many_customers, qtbot, database):
    model = LazyTableModel(lists.SPECS["customers"], page_size=10)
    with qtbot.waitSignal(model.countChanged) as blocker:
        model.set_query(ListQuery(filters={"risk_level": ["CRITICAL"]}))
    assert blocker.args == [18]
    risk = model.column_index("risk_level")
    qtbot.waitUntil(lambda: model.data(model.index(0, risk)) == "Critical")
    assert model.data(model.index(0, risk), 1) is not None  # a colour swatch beside the text
    with qtbot.waitSignal(model.countChanged):
        model.sort(model.column_index("churn_probability"), 0)  # ascending
    prob = model.column_index("churn_probability")
    qtbot.waitUntil(lambda: model.data(model.index(0, prob)) == "80%")
    model.sort(model.column_index("country"), 0)  # not indexed: ignored, order stays
    assert model.query.sort == (("churn_probability", False),)

    m.Customer.update(risk_level="LOW").where(m.Customer.email == "p008@example.com").execute()
    with qtbot.waitSignal(model.countChanged) as blocker:
        model.reload()
    assert blocker.args == [17]
    assert model.rowCount() == 17


def test_a_row_added_between_the_first_page_and_the_count_is_fetched(database, monkeypatch):
    """The first page is fetched while the count runs. A customer created between the two (by a
    colleague, or the scorer) made the count one row longer than the page: the last row stayed a
    placeholder for ever (the flaky 'customers page never finished loading').

    The pool's jobs are run here, in the order that shows it: the page, a new customer, the count.
    """
    from desktop.ui.widgets import table_model

    for i in range(5):
        m.Customer.create(name=f"Customer {i}", email=f"c{i}@example.com")
    queued: list[tuple] = []
    monkeypatch.setattr(
        table_model.workers,
        "submit",
        lambda fn, on_done=None, on_error=None, **kw: queued.append((fn, on_done)),
    )
    model = LazyTableModel(lists.SPECS["customers"], page_size=10)
    model.set_query(ListQuery(sort=(("email", False),)))
    (count_fn, count_done), (page_fn, page_done) = queued
    queued.clear()
    page_done(page_fn())
    m.Customer.create(name="Ada Byron", email="zz@shop.example")
    count_done(count_fn())
    assert model.rowCount() == 6
    email = model.column_index("email")
    cells = [model.data(model.index(r, email)) for r in range(6)]  # the view paints the rows
    model._flush.timeout.emit()  # the coalescing timer fires
    assert len(queued) == 1  # the short first page is fetched again
    fn, done = queued.pop()
    done(fn())
    cells = [model.data(model.index(r, email)) for r in range(6)]
    assert cells == [*(f"c{i}@example.com" for i in range(5)), "zz@shop.example"]
    assert not model.busy
