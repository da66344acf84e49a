"""Export from the window: the Export menu of a list writes what the table shows (its search,
filters, sort, shown columns in their order, every row) as a status-bar job that can be
cancelled; an agent exports only their own queue; Customer 360 saves a one-page PDF."""

from __future__ import annotations

import csv
import re
import threading
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QToolButton

from db import models as m
from db.connection import parse_url
from db.passwords import hash_password
from db.tasks import Cancelled
from desktop.core.churn.risk import risk_level
from desktop.core.read.list_export import ExportResult
from desktop.core.read.listing import PAGE_SIZE
from desktop.core.services import NotAllowed, Services
from desktop.ui import workers
from desktop.ui.context import AppContext
from desktop.ui.customer360.view import CustomerView
from desktop.ui.jobs import JobView
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets import export
from desktop.ui.widgets.table_model import format_value
from tests.ui.test_main_window import loaded

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

N = PAGE_SIZE + 60


def _probability(i: int) -> float:
    return 0.6 + (i % 9) / 100 if i % 2 else (i % 10) / 100  # HIGH for every other customer


def _customer(i: int, base: datetime) -> m.Customer:
    return m.Customer.create(
        name=f"Customer {i:03d}", email=f"c{i:03d}@shop.example",
        churn_probability=_probability(i), risk_level=risk_level(_probability(i)).value,
        total_spent=Decimal(i) + Decimal("0.5"), last_order_at=base + timedelta(hours=i),
    )  # fmt: skip


@pytest.fixture
def shop(database, cheap_password_hashing):
    lead = m.User.create(
        username="sam", email="sam@staff.example", display_name="Sam Lead", role="supervisor",
        password_hash=hash_password("pw"),
    )  # fmt: skip
    agent = m.User.create(
        username="ann", email="ann@staff.example", display_name="Ann Agent",
        password_hash=hash_password("pw"),
    )  # fmt: skip
    base = datetime(2026, 2, 1, 8, 0)
    customers = [_customer(i, base) for i in range(N)]
    for i, c in enumerate(customers[:30]):
        m.Alert.create(
            type="churn_risk", priority="high", customer=c, title=f"Alert {i}",
            assignee=agent if i % 3 == 0 else None, dedupe_key=f"k{i}",
        )  # fmt: skip
    return {"lead": lead, "agent": agent, "customers": customers}


def make_window(qtbot, database, user, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / f"{user.username}.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.create(database, parse_url("sqlite:///x.db"), user, settings))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def choose(monkeypatch, path: Path) -> list[str]:
    """The save dialog answers `path`; the formats it was asked for."""
    asked: list[str] = []

    def chooser(_parent, _title, _suggested, fmt):
        asked.append(fmt)
        return path

    monkeypatch.setattr(export, "choose_save_path", chooser)
    return asked


def trigger(button: QToolButton, name: str) -> None:
    action = next(a for a in button.menu().actions() if a.objectName() == name)
    assert action.isEnabled()
    action.trigger()


def test_the_export_menu_writes_what_the_table_shows(
    qtbot, qtmodeltester, database, shop, tmp_path, out, monkeypatch
):
    win = make_window(qtbot, database, shop["lead"], tmp_path)
    try:
        win.show_page("customers")
        page = win.pages["customers"]
        page.set_filter("risk_level", ["HIGH"])
        page.search.setText("customer")
        page.apply()
        name_col = page.model.column_index("name")
        page._header_clicked(name_col)  # sort by name
        page._header_clicked(name_col)  # the other way
        header = page.view.horizontalHeader()
        page._show_column(page.model.column_index("health_score"), False)
        header.moveSection(header.visualIndex(page.model.column_index("total_spent")), 0)
        loaded(qtbot, page)
        qtmodeltester.check(page.model)
        model = page.model
        assert model.rowCount() == N // 2 and model.query.sort == (("name", True),)

        target = out / "customers.csv"
        asked = choose(monkeypatch, target)
        with qtbot.waitSignal(page.exported, timeout=20_000) as finished:
            trigger(page.export_button, "export_csv")
        assert asked == ["csv"] and isinstance(finished.args[0], ExportResult)
        with target.open(encoding="utf-8", newline="") as handle:
            lines = list(csv.reader(handle))
        keys = ["id", *page.visible_columns()]
        assert keys[1] == "total_spent" and "health_score" not in keys
        assert lines[0] == [model.columns[model.column_index(k)].label for k in keys]
        assert len(lines) - 1 == model.rowCount()  # every row, not only the first page
        for r, line in enumerate(lines[1:]):
            row = model.row(r)
            assert int(line[0]) == row.id
            assert line[keys.index("name")] == row.values["name"]
            assert Decimal(line[1]) == row.values["total_spent"]

        xlsx = out / "customers.xlsx"
        choose(monkeypatch, xlsx)
        with qtbot.waitSignal(page.exported, timeout=20_000):
            trigger(page.export_button, "export_xlsx")
        rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
        assert len(rows) - 1 == model.rowCount()
        last_order = keys.index("last_order_at")
        for r, values in enumerate(rows[1:]):
            column = model.columns[model.column_index("last_order_at")]
            shown = model.data(model.index(r, model.column_index("last_order_at")))
            assert format_value(column, values[last_order]) == shown  # a date, as shown
        assert m.AuditLog.select().where(m.AuditLog.action == "export").count() == 2
    finally:
        win.connection.timer.stop()


def test_cancel_in_the_status_bar_leaves_no_file(qtbot, database, shop, tmp_path, out):
    win = make_window(qtbot, database, shop["lead"], tmp_path)
    release = threading.Event()
    try:
        page = win.pages["customers"]
        win.show_page("customers")
        loaded(qtbot, page)
        # Both database threads busy: the export waits in the queue until it is cancelled.
        for _ in range(2):
            workers.submit(lambda: release.wait(20))
        state = page.export("csv", out / "c.csv")
        view = win.jobs.findChild(JobView)
        assert view is not None
        with qtbot.waitSignal(page.exported, timeout=20_000) as finished:
            qtbot.mouseClick(view.cancel, Qt.MouseButton.LeftButton)
            release.set()
        assert state.cancelled and isinstance(finished.args[0], Cancelled)
        assert list(out.iterdir()) == []
        assert not m.AuditLog.select().where(m.AuditLog.action == "export").exists()
    finally:
        release.set()
        win.connection.timer.stop()


def test_an_agent_exports_only_their_own_queue(qtbot, database, shop, tmp_path, out):
    win = make_window(qtbot, database, shop["agent"], tmp_path)
    try:
        customers = win.pages["customers"]
        assert not customers.export_button.isEnabled()
        assert customers.export_button.toolTip() == (
            "Only supervisors and admins may export lists and customer summaries."
        )
        alerts = win.pages["alerts"]
        win.show_page("alerts")
        loaded(qtbot, alerts)
        assert alerts.export_button.isEnabled()
        with qtbot.waitSignal(alerts.exported, timeout=20_000) as refused:
            alerts.export("csv", out / "all.csv")
        assert isinstance(refused.args[0], NotAllowed)
        assert "you may export your own queue" in str(refused.args[0])
        alerts.set_filter("assigned_to_me", True)
        loaded(qtbot, alerts)
        with qtbot.waitSignal(alerts.exported, timeout=20_000) as done:
            alerts.export("xlsx", out / "mine.xlsx")
        assert done.args[0].rows == alerts.model.rowCount() == 10
        assert [p.name for p in out.iterdir()] == ["mine.xlsx"]
    finally:
        win.connection.timer.stop()


def pdf_pages(data: bytes) -> int:
    """Pages in a PDF as Qt writes it: one `/Type /Page` object each (not `/Pages`)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_customer_360_saves_a_one_page_pdf_summary(qtbot, database, shop, tmp_path, out,
                                                   monkeypatch):  # fmt: skip
    customer = shop["customers"][7]
    svc = Services(database, shop["lead"])
    for i in range(12):
        svc.add_note(customer.id, f"Called about the parcel, attempt {i}. " * 20)
        svc.log_intervention(customer.id, "email", "check_in")
    for i in range(25):
        m.Order.create(order_number=f"ORD-{i:07d}", customer=customer, total=Decimal("19.90"),
                       placed_at=datetime(2026, 1, 1) + timedelta(days=i))  # fmt: skip
        svc.create_ticket(customer.id, f"Question number {i} about an order")
    win = make_window(qtbot, database, shop["lead"], tmp_path)
    try:
        view = win.open_customer(customer.id)
        assert isinstance(view, CustomerView)
        qtbot.waitUntil(lambda: view.data is not None, timeout=20_000)
        target = out / "summary.pdf"
        asked = choose(monkeypatch, target)
        with qtbot.waitSignal(view.exported, timeout=30_000) as finished:
            trigger(view.export_button, "export_pdf")
        assert asked == ["pdf"] and finished.args[0] == target
        data = target.read_bytes()
        assert data.startswith(b"%PDF-") and pdf_pages(data) == 1
        assert [p.name for p in out.iterdir()] == ["summary.pdf"]
        row = m.AuditLog.select().where(m.AuditLog.action == "export").get()
        assert (row.entity, row.entity_id) == ("Customer", customer.id)

        orders = out / "orders.csv"
        choose(monkeypatch, orders)
        with qtbot.waitSignal(view.exported, timeout=20_000):
            trigger(view.export_button, "export_orders_csv")
        with orders.open(encoding="utf-8", newline="") as handle:
            lines = list(csv.reader(handle))
        assert lines[0][:3] == ["ID", "Customer ID", "Order"] and len(lines) == 26
    finally:
        win.connection.timer.stop()
