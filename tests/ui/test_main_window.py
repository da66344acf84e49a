"""The window driven like a user would, on SQLite and MariaDB: search, filters, Customer 360,
notes, tags, the alert queue's keys and bulk actions, tickets and their workflow."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta

import peewee as pw
import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from db import models as m
from db.passwords import hash_password
from desktop.core.read import customer360, details
from desktop.core.services import Services
from desktop.ui import workers
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def world(database, cheap_password_hashing):
    """A supervisor, an agent, five customers with alerts and one ticket."""
    me = m.User.create(
        username="sam", email="sam@staff.example", display_name="Sam Lead", role="supervisor",
        password_hash=hash_password("pw"),
    )  # fmt: skip
    agent = m.User.create(
        username="ann", email="ann@staff.example", display_name="Ann Agent",
        password_hash=hash_password("pw"),
    )  # fmt: skip
    customers = []
    for i, (prob, risk) in enumerate(
        [(0.91, "CRITICAL"), (0.85, "CRITICAL"), (0.65, "HIGH"), (0.2, "LOW"), (None, None)]
    ):
        customers.append(
            m.Customer.create(
                name=f"Customer {i}",
                email=f"c{i}@shop.example",
                churn_probability=prob,
                risk_level=risk,
                # The alert policy moved two accounts to at-risk: a CRITICAL one, and a LOW
                # one whose payments failed (the policy's payment rule).
                account_status="at_risk" if i in (1, 3) else "active",
            )
        )
    base = datetime(2024, 6, 1)
    for i, prio in enumerate(["high", "critical", "medium", "critical"]):
        m.Alert.create(
            type="churn_risk", priority=prio, customer=customers[i], title=f"Alert {i}",
            created_at=base + timedelta(hours=i), dedupe_key=f"churn:{i}",
        )  # fmt: skip
    m.SupportTicket.create(
        number="T-000001", customer=customers[0], subject="Parcel lost", category="shipping",
        assignee=agent,
    )  # fmt: skip
    return {"me": me, "agent": agent, "customers": customers}


@pytest.fixture
def window(database, world, qtbot, tmp_path):
    from db.connection import parse_url

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    url = parse_url("sqlite:///x.db")
    ctx = AppContext.create(database, url, world["me"], settings)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.connection.timer.stop()


def loaded(qtbot, page) -> None:
    """Wait until the count and every row are loaded (reading each row, as a view would)."""
    model = page.model

    def done() -> bool:
        if not model.counted:
            return False
        rows = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
        return not model.busy and all(model.row(r) is not None for r in range(len(rows)))

    qtbot.waitUntil(done, timeout=15_000)  # a generous limit: the box is shared


def settled(qtbot, loader_owner) -> None:
    """Wait until the view shows its newest read (Customer 360, the ticket panel)."""
    qtbot.waitUntil(lambda: not loader_owner.loader.loading, timeout=15_000)


def answer(qtbot, fill: Callable[[QDialog], None], kind: type = QDialog) -> None:
    """Fill and accept the next modal dialog (of `kind`) once it is open (exec() blocks the
    test). A failed check inside `fill` closes the dialog, so the test fails instead of
    hanging."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, attempt)
            return
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, attempt)


def test_customers_search_filter_and_open_360(window, world, qtbot, qtmodeltester):
    page = window.pages["customers"]
    window.show_page("customers")
    loaded(qtbot, page)
    assert page.count_label.text() == "5 customers"
    qtmodeltester.check(page.model)
    # Default order: highest churn probability first; the unscored customer last.
    names = [page.model.row(r).values["name"] for r in range(5)]
    assert names == ["Customer 0", "Customer 1", "Customer 2", "Customer 3", "Customer 4"]

    qtbot.keyClicks(page.search, "c2@")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 customer")
    loaded(qtbot, page)
    assert page.model.row(0).values["email"] == "c2@shop.example"
    page.search.clear()
    page.set_filter("risk_level", ["CRITICAL"])
    qtbot.waitUntil(lambda: page.count_label.text() == "2 customers")

    loaded(qtbot, page)
    page.view.setFocus()
    page.view.selectRow(1)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    view = window.views[-1]
    assert view.title.text() == "Loading customer…"  # read on the pool, not the UI thread
    assert not view.buttons["note"].isEnabled()
    settled(qtbot, view)
    assert view.title.text() == "Customer 1" and view.buttons["note"].isEnabled()
    assert "85%" in view.risk.text() and "Critical" in view.risk.text()
    view.close()


def test_360_note_tag_status_and_intervention(window, world, qtbot):
    customer = world["customers"][0]
    view = window.open_customer(customer.id)
    settled(qtbot, view)
    qtbot.waitUntil(lambda: view.orders_model.counted)

    # A note needs text: the error shows next to the field and the dialog stays open.
    def empty_then_real(dialog):
        dialog.submit()
        assert dialog.isVisible() and dialog.errors["body"].text() == "The note is required"
        dialog.text.setPlainText("Called about the lost parcel")
        dialog.submit()

    answer(qtbot, empty_then_real)
    view.add_note()
    note = m.CustomerNote.get()
    assert note.author_id == world["me"].id and note.body == "Called about the lost parcel"
    settled(qtbot, view)
    assert view.notes.count() == 1 and "(you)" in view.notes.item(0).text()

    def new_tag(dialog):
        dialog.existing.setCurrentIndex(0)  # "New tag…"
        dialog.name.setText("VIP")
        dialog.color.setText("#AB47BC")
        dialog.submit()

    answer(qtbot, new_tag)
    view.add_tag()
    settled(qtbot, view)
    assert [view.tags.item(i).text() for i in range(view.tags.count())] == ["VIP"]
    assert m.CustomerTagAssignment.get().assigned_by_id == world["me"].id

    # An invalid account status change is refused with the state machine's message.
    def bad_status(dialog):
        dialog.combo.setCurrentIndex(dialog.combo.findData("churned"))
        dialog.submit()
        assert dialog.isVisible()
        assert (
            dialog.errors["account_status"]
            .text()
            .startswith("Cannot move a customer from active to churned")
        )
        assert dialog.combo.currentData() == "churned"  # what the user chose is kept
        dialog.combo.setCurrentIndex(dialog.combo.findData("at_risk"))
        dialog.submit()

    answer(qtbot, bad_status)
    view.change_status()
    assert m.Customer.get_by_id(customer.id).account_status == "at_risk"
    settled(qtbot, view)
    assert "At risk" in view.subtitle.text()

    def outreach(dialog):
        dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
        dialog.kind.setCurrentIndex(dialog.kind.findData("retention_offer"))
        dialog.submit()

    answer(qtbot, outreach)
    view.log_intervention()
    settled(qtbot, view)
    assert view.interventions.rowCount() == 1
    view.interventions.selectRow(0)

    def outcome(dialog):
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("retained"))
        dialog.revenue.setValue(80)
        dialog.submit()

    answer(qtbot, outcome)
    view.record_outcome()
    assert m.Intervention.get().outcome == "retained"
    settled(qtbot, view)
    kinds = {view.timeline.item(r, 1).text() for r in range(view.timeline.rowCount())}
    assert {"Note", "Intervention", "Alert", "Ticket"} <= kinds
    view.timeline_kind.setCurrentIndex(view.timeline_kind.findData("note"))
    assert view.timeline.rowCount() == 1
    view.close()


def test_alert_queue_keyboard_and_bulk(window, world, qtbot, qtmodeltester, monkeypatch):
    page = window.pages["alerts"]
    window.show_page("alerts")
    loaded(qtbot, page)
    qtmodeltester.check(page.model)
    titles = [page.model.row(r).values["title"] for r in range(4)]
    assert titles == ["Alert 1", "Alert 3", "Alert 0", "Alert 2"]  # priority, then oldest
    qtbot.waitUntil(lambda: page.current_row() == 0 and not page.detail_loader.loading)
    assert "Alert 1" in page.detail.toHtml()

    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    alert1 = m.Alert.get(m.Alert.title == "Alert 1")
    assert alert1.status == "acknowledged" and alert1.acknowledged_at is not None
    assert alert1.acknowledged_by_id == world["me"].id
    qtbot.waitUntil(lambda: page.model.row(0).values["status"] == "acknowledged")

    assert page.current_row() == 1  # the queue moves on to the next alert
    qtbot.keyClick(page.view, Qt.Key.Key_K)
    assert page.current_row() == 0
    qtbot.keyClick(page.view, Qt.Key.Key_J)
    assert page.current_row() == 1

    def resolve_note(dialog):
        dialog.text.setPlainText("Offered a discount, accepted")
        dialog.submit()

    answer(qtbot, resolve_note)
    qtbot.keyClick(page.view, Qt.Key.Key_R)
    alert3 = m.Alert.get(m.Alert.title == "Alert 3")
    assert alert3.status == "resolved" and alert3.resolution_note.startswith("Offered")
    assert alert3.dedupe_key is None and alert3.dedupe_basis == "churn:3"
    qtbot.waitUntil(lambda: page.count_label.text() == "3 alerts")  # resolved leave the queue

    # Bulk: every alert the filter matches, as a background job, once confirmed in words.
    def confirm(box):
        assert box.text() == "This will resolve all 3 alerts that match the filter."
        go = next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole)
        assert go.text() == "Resolve 3 alerts"
        go.click()

    page.all_matching.setChecked(True)
    answer(
        qtbot,
        lambda d: (
            d.text.setPlainText("Bulk clean-up"),
            answer(qtbot, confirm, QMessageBox),
            d.submit(),
        ),
    )
    page.resolve()
    assert not page.all_matching.isChecked()  # the next action is on the selection again
    qtbot.waitUntil(
        lambda: m.Alert.select().where(m.Alert.status == "resolved").count() == 4, timeout=10_000
    )
    qtbot.waitUntil(lambda: page.count_label.text() == "0 alerts")
    assert not window.jobs.running


def test_alerts_bulk_on_selection(window, world, qtbot):
    page = window.pages["alerts"]
    window.show_page("alerts")
    loaded(qtbot, page)
    page.view.selectAll()
    page.acknowledge()
    assert m.Alert.select().where(m.Alert.status == "acknowledged").count() == 4
    audit = m.AuditLog.select().where(m.AuditLog.action == "alert.acknowledge")
    assert audit.count() == 4 and {a.user_id for a in audit} == {world["me"].id}


def test_ticket_create_workflow_and_thread(window, world, qtbot, qtmodeltester):
    page = window.pages["tickets"]
    window.show_page("tickets")
    loaded(qtbot, page)
    qtmodeltester.check(page.model)
    assert page.count_label.text() == "1 ticket"

    def new_ticket(dialog):
        picker = dialog.customer  # a search-as-you-type picker, not an email to type in full
        qtbot.keyClicks(picker, "nobody")
        qtbot.waitUntil(lambda: picker.status == "none")
        dialog.subject.setText("Refund for order")
        dialog.submit()
        assert dialog.errors["customer"].text() == "No customer matches 'nobody'"
        assert dialog.isVisible() and dialog.subject.text() == "Refund for order"  # kept
        picker.clear()
        qtbot.keyClicks(picker, "c3")
        qtbot.waitUntil(picker.popup_visible)
        assert [c.email for c in picker.results] == ["c3@shop.example"]
        qtbot.keyClick(picker.completer_.popup(), Qt.Key.Key_Down)  # the first match
        qtbot.keyClick(picker.completer_.popup(), Qt.Key.Key_Return)
        assert picker.customer_id == world["customers"][3].id
        assert picker.text() == "Customer 3 <c3@shop.example>"
        dialog.category.setCurrentIndex(dialog.category.findData("billing"))
        dialog.submit()

    answer(qtbot, new_ticket)
    page.new_ticket()
    qtbot.waitUntil(lambda: page.count_label.text() == "2 tickets")
    ticket = m.SupportTicket.get(m.SupportTicket.subject == "Refund for order")
    loaded(qtbot, page)
    row = next(r for r in range(2) if page.model.row(r).id == ticket.id)
    page.view.selectRow(row)
    panel = page.panel
    settled(qtbot, panel)
    assert panel.ticket.id == ticket.id

    panel.move_to.setCurrentIndex(panel.move_to.findData("closed"))
    panel.move_button.click()
    assert panel.status_error.text().startswith("Cannot move a ticket from open to closed")
    assert m.SupportTicket.get_by_id(ticket.id).status == "open"
    settled(qtbot, panel)
    assert panel.move_to.currentData() == "closed"  # the refused choice stays on screen

    panel.reply.text.setPlainText("We have refunded you.")
    panel.send.click()
    assert m.SupportTicket.get_by_id(ticket.id).first_response_at is not None
    settled(qtbot, panel)
    assert "We have refunded you." in panel.thread.toPlainText()

    panel.move_to.setCurrentIndex(panel.move_to.findData("resolved"))
    panel.move_button.click()
    settled(qtbot, panel)
    done = m.SupportTicket.get_by_id(ticket.id)
    assert done.status == "resolved" and done.resolved_at is not None
    assert panel.status_error.isHidden()

    page.set_filter("assigned_to_me", True)
    qtbot.waitUntil(lambda: page.count_label.text() == "0 tickets")


def test_layout_and_last_page_are_remembered(window, world, qtbot, tmp_path):
    window.show_page("alerts")
    customers = window.pages["customers"]
    email = customers.model.column_index("email")
    customers.view.setColumnHidden(email, True)
    customers.view.horizontalHeader().sectionClicked.emit(customers.model.column_index("name"))
    window.close()
    ctx = window.ctx
    again = MainWindow(AppContext.create(ctx.database, ctx.url, ctx.user, ctx.settings))
    qtbot.addWidget(again)
    assert again.current_key == "alerts"
    assert again.pages["customers"].view.isColumnHidden(email)
    assert again.pages["customers"].model.query.sort == (("name", False),)
    # Every sort column is remembered, not only the first (the queue's two-column order).
    assert again.pages["alerts"].model.query.sort == (("priority", True), ("created_at", False))
    again.connection.timer.stop()


def test_a_page_never_shown_before_closing_opens_with_the_table_wide(window, qtbot):
    # Closing (or signing out) before the Alerts page was ever shown used to remember a split
    # with no sizes; the next window then gave the queue a sliver beside its detail pane.
    assert window.current_key == "customers"
    window.resize(1400, 800)
    window.close()
    ctx = window.ctx
    again = MainWindow(AppContext.create(ctx.database, ctx.url, ctx.user, ctx.settings))
    qtbot.addWidget(again)
    again.resize(1400, 800)
    again.show()
    again.show_page("alerts")
    splitter = again.pages["alerts"].splitter
    qtbot.waitUntil(lambda: splitter.width() > 0 and splitter.sizes()[0] > 0)
    table, side = splitter.sizes()
    assert table > side, (table, side)
    again.connection.timer.stop()


def test_status_bar_shows_connection_latency(window, qtbot):
    window.connection.check()
    qtbot.waitUntil(lambda: window.connection.state == "connected")
    assert "connected ·" in window.connection.text() and " ms" in window.connection.text()


def test_notes_edit_and_delete_only_mine(window, world, qtbot):
    customer = world["customers"][1]
    theirs = m.CustomerNote.create(customer=customer, author=world["agent"], body="Agent's note")
    mine = window.ctx.services.add_note(customer.id, "My note")
    view = window.open_customer(customer.id)
    settled(qtbot, view)
    row_of = {view.notes.item(i).data(Qt.ItemDataRole.UserRole): i for i in range(2)}

    view.notes.setCurrentRow(row_of[mine.id])
    answer(qtbot, lambda d: (d.text.setPlainText("My note, edited"), d.submit()))
    view.edit_note()
    assert m.CustomerNote.get_by_id(mine.id).body == "My note, edited"
    settled(qtbot, view)

    # Someone else's note: refused in the dialog with a clear message, nothing saved.
    view.notes.setCurrentRow(
        next(i for i in range(2) if view.notes.item(i).data(Qt.ItemDataRole.UserRole) == theirs.id)
    )

    def try_edit(dialog):
        dialog.text.setPlainText("hijacked")
        dialog.submit()
        assert dialog.general_error.text() == "You can only change your own notes"
        dialog.reject()

    answer(qtbot, try_edit)
    view.edit_note()
    assert m.CustomerNote.get_by_id(theirs.id).body == "Agent's note"

    view.notes.setCurrentRow(
        next(i for i in range(2) if view.notes.item(i).data(Qt.ItemDataRole.UserRole) == mine.id)
    )
    view.delete_note()
    assert not m.CustomerNote.select().where(m.CustomerNote.id == mine.id).exists()
    settled(qtbot, view)
    assert view.notes.count() == 1
    view.close()


def test_compare_two_selected_customers(window, world, qtbot):
    page = window.pages["customers"]
    window.show_page("customers")
    loaded(qtbot, page)
    page.view.selectRow(0)
    page.view.selectionModel().select(
        page.model.index(2, 0),
        page.view.selectionModel().SelectionFlag.Select
        | page.view.selectionModel().SelectionFlag.Rows,
    )
    page.compare_selected()
    dialog = page.findChild(QDialog, "compare")
    settled(qtbot, dialog)
    table = dialog.table
    cells = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    assert cells["Name"] == ("Customer 0", "Customer 2")
    assert cells["Churn probability"] == ("91%", "65%")
    dialog.close()


def test_shortcuts_switch_pages_focus_search_and_refresh(window, world, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "alerts"
    page = window.pages["alerts"]
    loaded(qtbot, page)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    m.Alert.create(type="system", priority="low", title="New one")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.count_label.text() == "5 alerts")
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "settings"


def test_settings_tests_a_connection_without_switching(window, db_url, qtbot):
    page = window.pages["settings"]
    window.show_page("settings")
    page.url.setText(db_url)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.result.text().startswith(("OK", "Failed")))
    assert page.result.text().startswith("OK") and "schema version" in page.result.text()
    page.url.setText("mysql://root@127.0.0.1:1/nothing")
    page.test_button.click()
    qtbot.waitUntil(lambda: page.result.text().startswith("Failed"), timeout=15_000)
    assert "cannot reach the MySQL server at 127.0.0.1:1" in page.result.text()


@pytest.mark.parametrize(
    ("tile", "page", "column", "expected"),
    [
        ("at_risk", "customers", "name", {"Customer 1", "Customer 3"}),  # by the policy
        ("alerts", "alerts", "title", {"Alert 0", "Alert 1", "Alert 2", "Alert 3"}),
        ("tickets", "tickets", "subject", {"Parcel lost"}),
    ],
)
def test_a_dashboard_tile_opens_the_matching_filtered_table(
    qtbot, window, tile: str, page: str, column: str, expected: set[str]
) -> None:
    window.show_page("dashboard")
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(lambda: dashboard.data is not None and not dashboard.loading, timeout=20_000)
    window.pages[page].search.setText("leftover search")  # the tile's view starts clean

    qtbot.mouseClick(dashboard.tiles[tile], Qt.MouseButton.LeftButton)

    assert window.current_key == page
    target = window.pages[page]
    loaded(qtbot, target)
    assert target.search.text() == ""
    model, col = target.model, target.model.column_index(column)
    assert {model.data(model.index(r, col)) for r in range(model.rowCount())} == expected


class Gate:
    """Holds the first call of a read on its pool thread until released: a slow answer."""

    def __init__(self, fn: Callable, hold: Callable[..., bool]) -> None:
        self.fn, self.hold = fn, hold
        self.entered, self.release = threading.Event(), threading.Event()
        self.held = False

    def __call__(self, *args):
        if not self.held and self.hold(*args):
            self.held = True
            self.entered.set()
            assert self.release.wait(10)
        return self.fn(*args)


def test_alert_detail_never_shows_a_late_answer_for_a_row_left_behind(
    window, world, qtbot, monkeypatch
):
    first = m.Alert.get(m.Alert.title == "Alert 1")  # the queue's first row
    gate = Gate(details.load_alert, lambda alert_id: alert_id == first.id)
    monkeypatch.setattr(details, "load_alert", gate)
    page = window.pages["alerts"]
    try:
        window.show_page("alerts")
        loaded(qtbot, page)
        qtbot.waitUntil(gate.entered.is_set)  # row 0's detail is stuck on the pool
        page.view.selectRow(1)
        assert not page.detail.isEnabled()  # the loading state: old text greyed
        qtbot.waitUntil(lambda: not page.detail_loader.loading)
        assert "Alert 3" in page.detail.toPlainText() and page.detail.isEnabled()
    finally:
        gate.release.set()
    assert workers.wait_idle()
    QApplication.processEvents()
    assert "Alert 3" in page.detail.toPlainText()  # row 0's late answer was dropped


def test_ticket_panel_follows_the_current_row_and_shows_a_failed_read(
    window, world, qtbot, monkeypatch
):
    first = m.SupportTicket.get()
    m.SupportTicket.create(
        number="T-000002", customer=world["customers"][1], subject="Wrong size",
        category="product", opened_at=first.opened_at + timedelta(hours=1),
    )  # fmt: skip
    gate = Gate(details.load_ticket, lambda ticket_id: ticket_id == first.id)
    monkeypatch.setattr(details, "load_ticket", gate)
    page, panel = window.pages["tickets"], window.pages["tickets"].panel
    try:
        window.show_page("tickets")
        loaded(qtbot, page)
        page.view.selectRow(1)  # newest first: row 1 is the first ticket
        qtbot.waitUntil(gate.entered.is_set)
        assert panel.header.text() == "<i>Loading ticket…</i>" and not panel.isEnabled()
        page.view.selectRow(0)
        settled(qtbot, panel)
        assert panel.ticket.number == "T-000002" and "Wrong size" in panel.header.text()
    finally:
        gate.release.set()
    assert workers.wait_idle()
    QApplication.processEvents()
    assert panel.ticket.number == "T-000002"  # the first ticket's late answer was dropped

    def broken(_ticket_id):
        raise pw.OperationalError("Lost connection to server during query")

    monkeypatch.setattr(details, "load_ticket", broken)
    page.view.selectRow(1)
    settled(qtbot, panel)
    # The driver's text ("Lost connection to server during query") is not what a user reads.
    assert panel.header.text() == (
        "Could not load this ticket: the database could not be reached. Press F5 to try again."
    )
    assert panel.ticket is None and not panel.isEnabled()  # nothing to act on


def test_customer_360_shows_a_failed_read_in_the_view(window, world, qtbot, monkeypatch):
    def broken(_customer_id, today=None):
        raise pw.OperationalError("(2006, 'MySQL server has gone away')")

    monkeypatch.setattr(customer360, "load", broken)
    view = window.open_customer(world["customers"][0].id)
    settled(qtbot, view)
    assert view.title.text() == "Customer not loaded"
    assert view.load_state.text() == (
        "Could not load this customer: the database could not be reached. Press F5 to try again."
    )
    assert not any(b.isEnabled() for b in view.buttons.values())
    monkeypatch.undo()

    m.Customer.delete().where(m.Customer.id == world["customers"][3].id).execute()
    gone = window.open_customer(world["customers"][3].id)
    settled(qtbot, gone)
    assert gone.load_state.text() == "This customer no longer exists (deleted by someone else?)"
    view.close()
    gone.close()


def test_name_column_sorts_and_search_finds_name_starts(window, world, qtbot):
    page = window.pages["customers"]
    m.Customer.create(name="Ada Byron", email="zz@shop.example")
    window.show_page("customers")
    loaded(qtbot, page)
    header = page.view.horizontalHeader()
    header.sectionClicked.emit(page.model.column_index("name"))
    loaded(qtbot, page)
    names = [page.model.row(r).values["name"] for r in range(page.model.rowCount())]
    assert names == ["Ada Byron"] + [f"Customer {i}" for i in range(5)]
    assert header.sortIndicatorSection() == page.model.column_index("name")
    assert page.search.placeholderText() == "Name or email word, or order number"

    qtbot.keyClicks(page.search, "ada b")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 customer")
    loaded(qtbot, page)
    assert page.model.row(0).values["name"] == "Ada Byron"


def test_custom_date_range_filters_both_days_included(window, world, qtbot):
    page = window.pages["alerts"]  # raised 2024-06-01 00:00 to 03:00
    window.show_page("alerts")
    loaded(qtbot, page)
    assert not page.date_from.isVisible() and not page.date_to.isVisible()
    page.set_filter("date_range", "custom")
    assert page.date_from.isVisible() and page.date_to.isVisible()

    page.set_custom_range(date(2024, 5, 1), date(2024, 5, 31))
    qtbot.waitUntil(lambda: page.count_label.text() == "0 alerts")
    assert page.model.query.filters["date_to"] == date(2024, 5, 31)
    page.date_to.setDate(QDate(2024, 6, 1))  # typed by the user: applied after a pause
    qtbot.waitUntil(lambda: page.count_label.text() == "4 alerts")
    page.set_custom_range(date(2024, 6, 2), date(2024, 6, 30))
    qtbot.waitUntil(lambda: page.count_label.text() == "0 alerts")
    # "to" never goes before "from": the edits keep the range in order.
    page.date_to.setDate(QDate(2024, 1, 1))
    assert page.date_to.date() == QDate(2024, 6, 2)
    page.set_filter("date_range", None)
    qtbot.waitUntil(lambda: page.count_label.text() == "4 alerts")
    assert not page.date_from.isVisible()


def test_a_conflicting_save_names_the_change_and_keeps_what_was_typed(
    window, world, database, qtbot
):
    """Two sessions: the window, and the same user (note) or a colleague (ticket) elsewhere."""
    customer = world["customers"][0]
    note = window.ctx.services.add_note(customer.id, "Promised a refund")
    view = window.open_customer(customer.id)
    settled(qtbot, view)
    view.notes.setCurrentRow(0)
    elsewhere = Services(database, world["me"])  # the same user in a second window
    elsewhere.edit_note(note.id, "Promised a refund and a voucher", version=note.version)

    def type_and_save(dialog):
        dialog.text.setPlainText("Promised a refund by Friday")
        dialog.submit()
        assert dialog.isVisible()  # refused: the dialog stays open…
        message = dialog.general_error.text()
        assert message.startswith("The note was changed by Sam Lead at ")
        assert "(body) after you opened it; nothing was saved" in message
        assert dialog.text.toPlainText() == "Promised a refund by Friday"  # …with the text
        dialog.reject()

    answer(qtbot, type_and_save)
    view.edit_note()
    assert m.CustomerNote.get_by_id(note.id).body == "Promised a refund and a voucher"
    settled(qtbot, view)  # closing the refused dialog re-read the customer
    assert "and a voucher" in view.notes.item(0).text()
    view.close()

    page = window.pages["tickets"]
    window.show_page("tickets")
    loaded(qtbot, page)
    page.view.selectRow(0)
    settled(qtbot, page.panel)
    ticket = page.panel.ticket
    colleague = Services(database, world["agent"])
    colleague.edit_ticket(
        ticket.id, subject=ticket.subject, category=ticket.category, priority="high",
        version=ticket.version,
    )  # fmt: skip

    def edit_subject(dialog):
        dialog.subject.setText("Parcel lost in transit")
        dialog.submit()
        assert dialog.isVisible()
        assert dialog.general_error.text() == (
            f"Ticket T-000001 was changed by Ann Agent at "
            f"{m.AuditLog.select().order_by(m.AuditLog.id.desc()).get().created_at:%Y-%m-%d %H:%M}"
            " (priority: medium → high) after you opened it; nothing was saved. "
            "Reload it and try again."
        )
        assert dialog.subject.text() == "Parcel lost in transit"
        dialog.reject()

    answer(qtbot, edit_subject)
    page.panel.edit()
    assert m.SupportTicket.get_by_id(ticket.id).subject == "Parcel lost"
    settled(qtbot, page.panel)
    assert "<b>High</b> priority" in page.panel.header.text()

    # After the re-read, the same edit goes through.
    answer(qtbot, lambda d: (d.subject.setText("Parcel lost in transit"), d.submit()))
    page.panel.edit()
    assert m.SupportTicket.get_by_id(ticket.id).subject == "Parcel lost in transit"


def test_a_search_that_finds_nothing_says_so_and_clears_and_down_enters_results(
    window, world, qtbot
):
    page = window.pages["customers"]
    m.Customer.create(name="Emma Okafor", email="emma@shop.example")
    window.show_page("customers")
    loaded(qtbot, page)
    assert not page.empty_bar.isVisible()

    qtbot.keyClicks(page.search, "okafr")
    qtbot.waitUntil(lambda: page.count_label.text() == "0 customers")
    assert page.empty_bar.isVisible()
    assert page.empty_label.text() == "No customers match “okafr”."
    page.set_filter("risk_level", ["CRITICAL"])
    qtbot.waitUntil(lambda: "with these filters" in page.empty_label.text())
    assert page.empty_label.text() == "No customers match “okafr” with these filters."
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.count_label.text() == "6 customers")
    assert page.search.text() == "" and page.filters() == {}
    assert not page.empty_bar.isVisible()
    assert page.search.hasFocus()

    # A surname, then Down before the search has even run: into the results once they are in.
    qtbot.keyClicks(page.search, "okafor")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.waitUntil(page.view.hasFocus)
    assert page.count_label.text() == "1 customer"
    assert page.current_row() == 0 and page.current_values()["name"] == "Emma Okafor"
    # Back in the search box, Enter does the same with the rows already there.
    page.focus_search()
    qtbot.keyClicks(page.search, "customer")
    qtbot.waitUntil(lambda: page.count_label.text() == "5 customers")
    loaded(qtbot, page)
    page.view.selectRow(3)
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(page.view.hasFocus)
    assert page.current_row() == 0
    assert page.view.selectionModel().isRowSelected(0)
    # With nothing found, Down goes to the button that clears the search.
    page.focus_search()
    qtbot.keyClicks(page.search, "zzz")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.waitUntil(page.clear_button.hasFocus)


def test_tickets_are_found_by_the_digits_of_their_number(window, world, qtbot):
    page = window.pages["tickets"]
    window.show_page("tickets")
    loaded(qtbot, page)
    for text in ("1", "t-1", "0001"):
        page.search.setText(text)
        page.apply()
        qtbot.waitUntil(lambda: page.count_label.text() == "1 ticket")
        loaded(qtbot, page)
        assert page.model.row(0).values["number"] == "T-000001"
