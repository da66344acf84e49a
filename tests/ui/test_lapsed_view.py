"""The lapsed in the window: their own choice in the Customers risk filter, and the 360 says
why they have no churn probability."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db import models as m
from tests.ui.test_main_window import loaded, settled, window, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_lapsed_filter_lists_the_win_back_customers_and_the_360_explains(
    window,  # noqa: F811 - the fixture imported above
    world,  # noqa: F811
    qtbot,
):
    gone = m.Customer.create(name="Gone Customer", email="gone@shop.example", risk_level="LAPSED")
    page = window.pages["customers"]
    window.show_page("customers")
    loaded(qtbot, page)
    combo = page._filters["risk_level"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Lapsed / win-back" in labels and "LAPSED" not in labels and "Lapsed" not in labels
    combo.setCurrentIndex(labels.index("Lapsed / win-back"))
    qtbot.waitUntil(lambda: page.count_label.text() == "1 customer")
    loaded(qtbot, page)
    assert page.model.row(0).values["name"] == gone.name
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    view = window.views[-1]
    settled(qtbot, view)
    assert "Lapsed" in view.risk.text() and "win-back" in view.risk.text()
    assert "%" not in view.risk.text()
    view.close()
