"""File → Import…: the mapping guess, a correction, the preview, a dry run and the import, off
the UI thread; the action is for supervisors and admins only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db import models as m
from db.connection import parse_url
from desktop.ui.context import AppContext
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.jobs import JobsBar
from desktop.ui.main_window import MainWindow


def _user(role: str) -> m.User:
    return m.User.create(username=role, email=f"{role}@staff.example", display_name=role.title(),
                         role=role, password_hash="x")  # fmt: skip


@pytest.fixture
def ctx(database, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    m.Customer.create(name="Ann", email="ann@example.com", external_id="C1")
    return AppContext.create(database, parse_url("sqlite:///x.db"), _user("supervisor"), settings)


def test_guess_correct_preview_dry_run_and_import(qtbot, ctx, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("InvoiceNo,CustomerID,InvoiceDate,Amount,Paid\n"
                    "A1,C1,31/01/2024,\"12,50\",9\nA2,C1,01/02/2024,\"3,00\",2\n")  # fmt: skip
    jobs = JobsBar()
    qtbot.addWidget(jobs)
    dialog = ImportDialog(ctx, jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("orders"))
    dialog.path.setText(str(path))
    dialog.load()
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.import_button.isEnabled())
    assert dialog.columns() == {"InvoiceNo": "external_id", "CustomerID": "customer",
                                "InvoiceDate": "placed_at", "Amount": "total"}  # fmt: skip
    assert dialog.preview.item(0, 0).text() == "2"
    headers = [dialog.preview.horizontalHeaderItem(c).text()
               for c in range(dialog.preview.columnCount())]  # fmt: skip
    total = headers.index("Total")
    assert dialog.preview.item(0, total).text() == "12.50"

    dialog.set_field("Paid", "total")  # the correction: "Paid" is the total, not "Amount"
    qtbot.waitUntil(lambda: dialog.plan.columns.get("Paid") == "total")
    assert "Amount" not in dialog.columns()
    qtbot.waitUntil(lambda: dialog.preview.item(0, total).text() == "9.00")

    dialog.dry_run_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report.dry_run and dialog.report.inserted == 2
    assert m.Order.select().count() == 0
    assert "dry run: nothing written" in dialog.status.text()

    dialog.report = None
    with qtbot.waitSignal(ctx.events.changed, timeout=10_000) as changed:
        dialog.import_button.click()
    assert changed.args == ["customers"]
    assert dialog.report.written and dialog.report.inserted == 2
    assert sorted(o.total for o in m.Order.select()) == [2, 9]
    assert m.Customer.get().total_orders == 2


def test_a_bad_file_says_why(qtbot, ctx, tmp_path: Path) -> None:
    dialog = ImportDialog(ctx, JobsBar())
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "missing.csv"))
    dialog.load()
    qtbot.waitUntil(lambda: "no such file" in dialog.status.text())
    assert not dialog.import_button.isEnabled()


@pytest.mark.parametrize(("role", "allowed"), [("agent", False), ("supervisor", True),
                                               ("admin", True)])  # fmt: skip
def test_the_import_action_follows_the_role(qtbot, database, tmp_path, role, allowed) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.create(database, parse_url("sqlite:///x.db"), _user(role),
                                       settings))  # fmt: skip
    qtbot.addWidget(win)
    action = win.actions_by_name["import"]
    assert action.isEnabled() == allowed
    if not allowed:
        assert action.toolTip() == "Only supervisors and admins may import data."
