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
