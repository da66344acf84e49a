# ruff: noqa: F811 - test arguments named as the imported fixtures are those fixtures
"""A support agent's session in the window, by keyboard first, on SQLite and MariaDB: Customer 360
after Customer 360, every dialog typed into without a click, the customer picker, the menus, sign
out and back in, my own password, the theme, undo, and the layout at 1024×700 and full HD."""

from __future__ import annotations

import logging

import peewee as pw
import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit

from db import models as m
from db.connection import parse_url
from db.migrations import SCHEMA_VERSION
from desktop.core.auth import sign_in
from desktop.core.services import Services
from desktop.ui import style
from desktop.ui.app import Shell, start_theme
from desktop.ui.help import HelpDialog
from desktop.ui.pages.models import TrainDialog
from desktop.ui.widgets import dialogs
from desktop.ui.widgets.dialogs import field_text
from desktop.ui.widgets.writes import write_message

# The window and its small world are test_main_window's fixtures, shared (not copied).
from tests.ui.test_main_window import answer, loaded, settled, window, world  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def focused():
    return QApplication.focusWidget()


def type_into_first_field(qtbot, dialog, text: str = "typed") -> None:
    """Type with no click: the keys land in the dialog's first field."""
    first = dialog.first_field()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # shown and activated
    assert focused() is first, f"focus on {focused()!r}, not the first field {first!r}"
    if isinstance(first, QLineEdit | QPlainTextEdit):
        qtbot.keyClicks(focused(), text)
        assert field_text(first).endswith(text)
    else:  # a choice: the arrow keys move in it
        before = first.currentIndex()
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        assert first.currentIndex() != before or first.count() == 1


def active(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def escape(qtbot, dialog) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_five_customer_360s_open_close_and_reopen_in_a_row(window, world, qtbot):
    customers = world["customers"]
    for i, customer in enumerate(customers):
        view = window.open_customer(customer.id)
        settled(qtbot, view)
        assert view.title.text() == customer.name and view.isVisible()
        if i % 2:
            qtbot.keyClick(view, Qt.Key.Key_Escape)  # Esc
        else:
            view.close()  # the window's ✕
        qtbot.waitUntil(lambda v=view: not shiboken6.isValid(v))  # deleted on close
        assert window.views == []
    again = window.open_customer(customers[0].id)
    assert window.open_customer(customers[0].id) is again  # an open one is raised, not doubled
    settled(qtbot, again)
    assert window.views == [again]
    again.close()


def test_every_dialog_opens_in_its_first_field_and_esc_cancels(window, world, qtbot):
    customer = world["customers"][0]
    view = window.open_customer(customer.id)
    settled(qtbot, view)
    openers = [
        (view.add_note, "Note"),
        (view.new_ticket, "Subject"),
        (view.log_intervention, "Channel"),
        (view.change_status, "New status"),
        (view.add_tag, "Tag"),
        (view.compare, "Compare with"),
        (window.change_password, "Current password"),
    ]
    for open_dialog, _label in openers:
        seen = []

        def fill(dialog, seen=seen):
            seen.append(dialog)
            type_into_first_field(qtbot, dialog)
            escape(qtbot, dialog)

        answer(qtbot, fill)
        open_dialog()
        assert len(seen) == 1, f"{open_dialog.__name__} opened no dialog"
    assert not m.CustomerNote.select().exists()  # Esc saved nothing
    assert not m.SupportTicket.select().where(m.SupportTicket.customer == customer.id).count() > 1
    view.close()

    page = window.pages["alerts"]
    window.show_page("alerts")
    loaded(qtbot, page)
    for open_dialog in (page.resolve, page.dismiss, page.assign):
        answer(qtbot, lambda d: (type_into_first_field(qtbot, d), escape(qtbot, d)))
        open_dialog()
    assert m.Alert.select().where(m.Alert.status != "open").count() == 0

    tickets = window.pages["tickets"]
    window.show_page("tickets")
    loaded(qtbot, tickets)
    settled(qtbot, tickets.panel)
    for open_dialog in (tickets.new_ticket, tickets.panel.edit, tickets.panel.assign):
        answer(qtbot, lambda d: (type_into_first_field(qtbot, d, "Ad"), escape(qtbot, d)))
        open_dialog()

    def train(dialog):
        active(qtbot, dialog)
        assert focused() is dialog.horizon
        escape(qtbot, dialog)

    answer(qtbot, train, TrainDialog)
    window.pages["models"].train()


def test_enter_submits_only_a_complete_form_and_ctrl_enter_saves_a_note(window, world, qtbot):
    customer = world["customers"][0]
    view = window.open_customer(customer.id)
    settled(qtbot, view)

    def ticket(dialog):
        active(qtbot, dialog)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # no subject yet
        assert dialog.isVisible() and dialog.errors["subject"].text() == "A subject is required"
        assert focused() is dialog.subject
        qtbot.keyClicks(focused(), "Wrong size delivered")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        assert not dialog.isVisible()

    answer(qtbot, ticket)
    view.new_ticket()
    assert m.SupportTicket.get(m.SupportTicket.subject == "Wrong size delivered").customer_id == (
        customer.id
    )

    def note(dialog):
        active(qtbot, dialog)
        qtbot.keyClicks(focused(), "Line one")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # a new line, not a save
        qtbot.keyClicks(focused(), "line two")
        assert dialog.isVisible()
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert not dialog.isVisible()

    answer(qtbot, note)
    view.add_note()
    assert m.CustomerNote.get().body == "Line one\nline two"
    view.close()


def test_sign_in_by_keyboard_keeps_the_username_and_shows_the_error_whole(
    database, world, qtbot, tmp_path
):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    shell = Shell(database, parse_url("sqlite:///x.db"), settings)

    def fill(dialog):
        active(qtbot, dialog)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # nothing typed: nothing tried
        assert dialog.isVisible() and dialog.errors["username"].text() == "Enter your username"
        qtbot.keyClicks(focused(), "sam")  # typed straight in, no click
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is dialog.password
        qtbot.keyClicks(focused(), "not my password")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.saving)  # checked on the database pool
        assert dialog.isVisible()
        error = dialog.errors["password"]
        assert error.text() == "Wrong username or password"
        assert error.height() >= error.heightForWidth(error.width())  # not cut off
        assert error.width() >= error.fontMetrics().horizontalAdvance(error.text())
        assert dialog.username.text() == "sam" and dialog.password.text() == ""
        assert focused() is dialog.password
        qtbot.keyClicks(focused(), "pw")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())

    answer(qtbot, fill)
    window = shell.ask()
    qtbot.addWidget(window)
    assert window.ctx.user.username == "sam"
    window.connection.timer.stop()
    window.close()


def test_sign_out_and_back_in_as_someone_else(database, world, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    shell = Shell(database, parse_url("sqlite:///x.db"), settings)
    first = shell.open(world["me"])  # the shell deletes it at sign-out
    first.connection.timer.stop()
    first.show_page("alerts")

    def as_ann(dialog):
        active(qtbot, dialog)
        qtbot.keyClicks(focused(), "ann")
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "pw")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())

    answer(qtbot, as_ann)
    first.actions_by_name["sign_out"].trigger()  # File → Sign out…
    second = shell.window
    qtbot.addWidget(second)
    assert second is not first and second.ctx.user.username == "ann"
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))  # closed and gone
    assert settings.value("window/page") == "alerts"  # its layout was saved
    assert second.statusBar().findChild(QLabel, "user").text() == "Ann Agent (agent)"
    assert second.ctx.services.user.username == "ann"  # writes are now Ann's
    second.connection.timer.stop()
    second.close()


def test_change_my_password_asks_for_the_current_one(window, world, database, qtbot):
    def fill(dialog):
        active(qtbot, dialog)
        qtbot.keyClicks(focused(), "not it")
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "short")
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "short")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.saving)  # checked on the database pool
        assert dialog.errors["new_password"].text() == (
            "The new password needs at least 12 characters"
        )
        for field in (dialog.new, dialog.repeat):
            field.setText("correct horse battery")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.saving)
        assert dialog.isVisible()  # the wrong current password is refused
        assert dialog.errors["current_password"].text() == "That is not your current password"
        assert dialog.current.text() == "" and focused() is dialog.current
        qtbot.keyClicks(focused(), "pw")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())

    answer(qtbot, fill)
    assert window.change_password()
    assert sign_in(database, "sam", "correct horse battery").id == world["me"].id
    audit = m.AuditLog.get(m.AuditLog.action == "user.password_change")
    assert "scrypt$" not in str(audit.before) + str(audit.after)


def test_menus_help_and_about(window, world, qtbot, database):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    shortcuts = {
        name: action.shortcut().toString() for name, action in window.actions_by_name.items()
    }
    assert shortcuts["quit"] == "Ctrl+Q" and shortcuts["help"] == "F1"
    assert shortcuts["undo"] == "Ctrl+Z" and shortcuts["page_alerts"] == "Ctrl+3"
    assert shortcuts["new_ticket"] == "Ctrl+N" and shortcuts["find"] == "Ctrl+F"
    window.actions_by_name["page_tickets"].trigger()
    assert window.current_key == "tickets"

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(HelpDialog, "help") is not None)
    guide = window.findChild(HelpDialog, "help")
    text = guide.browser.toPlainText()
    for page in ("Dashboard", "Customers", "Alerts", "Tickets", "Models", "Settings"):
        assert page in text
    assert "Keyboard shortcuts" in text and "Ctrl+Z" in text

    about = window.show_about()
    qtbot.waitUntil(lambda: "(reading…)" not in about.text.text())
    info = about.text.text()
    assert "ChurnWatch 0.1.0" in info and str(window.ctx.url) in info
    assert f"<b>Schema</b>: version {SCHEMA_VERSION}<br>" in info
    for library, licence in (("PySide6", "LGPL"), ("pyqtgraph", "MIT"), ("keyring", "MIT")):
        assert library in info and licence in info
    about.close()

    window.actions_by_name["quit"].trigger()  # Ctrl+Q
    assert not window.isVisible()


def test_theme_is_applied_at_once_and_remembered(window, world, qtbot, qapp):
    settings = window.ctx.settings
    page = window.pages["settings"]
    try:
        window.set_theme("light")  # whatever an earlier test left
        page.theme.setCurrentIndex(page.theme.findData("dark"))
        assert style.is_dark() and style.current_theme() == "dark"
        assert settings.value(style.THEME_KEY) == "dark"
        assert window.theme_actions["dark"].isChecked()
        assert start_theme(None, settings) == "dark"  # the next start
        assert start_theme("system", settings) == "dark"
        assert start_theme("light", settings) == "light"  # --theme wins for one start
        window.theme_actions["light"].trigger()  # View → Theme → Light
        assert not style.is_dark() and page.theme.currentData() == "light"
        assert settings.value(style.THEME_KEY) == "light"
    finally:
        style.apply_style(qapp, "system")


def test_undo_an_alert_action_unless_someone_changed_it_since(window, world, database, qtbot):
    page = window.pages["alerts"]
    window.show_page("alerts")
    loaded(qtbot, page)
    window.activateWindow()
    page.view.setFocus()
    first = page.model.row(0).id
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    assert m.Alert.get_by_id(first).status == "acknowledged"
    assert window.undo_bar.isVisible() and window.undo_action.isEnabled()
    assert window.undo_bar.button.text() == "Undo acknowledge 1 alert"
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = m.Alert.get_by_id(first)
    assert back.status == "open" and back.acknowledged_at is None
    assert window.statusBar().currentMessage() == "Undone: 1 alert back to open"
    assert not window.undo_bar.isVisible() and not window.undo_action.isEnabled()
    audit = m.AuditLog.select().where(m.AuditLog.action == "alert.acknowledge.undo").get()
    assert audit.user_id == world["me"].id and audit.entity_id == first

    qtbot.waitUntil(lambda: page.model.row(0) is not None and page.model.row(0).id == first)
    page.view.clearSelection()
    page.view.selectRow(0)
    assert page.selected_ids() == ([first], 0)
    qtbot.keyClick(page.view, Qt.Key.Key_A)
    colleague = Services(database, world["agent"])  # an agent takes the alert on and closes it
    colleague.assign_alerts([first], world["agent"].id)
    colleague.resolve_alerts([first], "Called them")
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert m.Alert.get_by_id(first).status == "resolved"  # their change stands
    assert window.statusBar().currentMessage() == ("Nothing undone: the alert was changed since")


def test_undo_a_ticket_move_refused_after_a_colleague_changed_it(window, world, database, qtbot):
    page = window.pages["tickets"]
    window.show_page("tickets")
    loaded(qtbot, page)
    settled(qtbot, page.panel)
    panel = page.panel
    panel.move_to.setCurrentIndex(panel.move_to.findData("in_progress"))
    panel.move_button.click()
    ticket = m.SupportTicket.get()
    assert ticket.status == "in_progress"
    assert window.undo_bar.button.text() == "Undo move of T-000001"
    window.undo_bar.button.click()
    assert m.SupportTicket.get_by_id(ticket.id).status == "open"
    assert window.statusBar().currentMessage() == "Undone: ticket T-000001 back to Open"

    settled(qtbot, panel)
    panel.move_to.setCurrentIndex(panel.move_to.findData("pending"))
    panel.move_button.click()
    Services(database, world["agent"]).assign_ticket(ticket.id, world["agent"].id)  # takes it
    window.undo_bar.undo()
    assert m.SupportTicket.get_by_id(ticket.id).status == "pending"
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Not undone: Ticket T-000001 was changed by Ann Agent at ")
    )


def test_a_lost_database_keeps_what_was_typed_and_logs_no_text(
    window, world, qtbot, monkeypatch, caplog
):
    view = window.open_customer(world["customers"][0].id)
    settled(qtbot, view)

    def unreachable(*_args, **_kwargs):
        raise pw.OperationalError(2003, "Can't connect to MySQL server on '10.0.0.9' (111)")

    monkeypatch.setattr(window.ctx.services, "add_note", unreachable)

    def fill(dialog):
        active(qtbot, dialog)
        qtbot.keyClicks(focused(), "Promised a call back on Friday")
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible()
        assert dialog.general_error.text() == (
            "The database could not be reached; nothing was saved. Your text is kept — try again."
        )
        assert dialog.text.toPlainText() == "Promised a call back on Friday"

    with caplog.at_level(logging.DEBUG):
        answer(qtbot, fill)
        view.add_note()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Friday" not in logged and "2003" not in logged and "OperationalError" in logged
    view.close()


def test_service_and_unit_messages_are_shown_as_they_are():
    from db.units import ConnectionLost
    from desktop.core.services import BulkIncomplete, BulkResult

    lost = ConnectionLost("the database connection was lost; the note was not saved — retry")
    assert write_message(lost) == (
        "The database connection was lost; the note was not saved — retry"
    )
    part = BulkIncomplete(BulkResult(2500, 0), 3088, "alert.resolve", lost)
    assert write_message(part).startswith("2,500 of 3,088 resolved; the rest were not changed")
    assert write_message(pw.IntegrityError(1062, "Duplicate entry 'x@y' for key")) == (
        "The database refused the change; nothing was saved. It conflicts with a change someone "
        "else made. Try again."
    )


def test_alert_detail_says_what_raised_it_in_words(window, world, qtbot):
    customer = world["customers"][0]
    card = m.PaymentMethod.create(
        customer=customer, brand="visa", last_four="3416", expiry_month=12, expiry_year=2099
    )
    tx = m.PaymentTransaction.create(
        customer=customer, payment_method=card, amount="29.99", currency="EUR", status="failed",
        failure_reason="insufficient_funds",
    )  # fmt: skip
    alert = m.Alert.get(m.Alert.title == "Alert 0")
    alert.correlated_events = [{"payment_transaction": tx.id}, {"payment_method": card.id}]
    alert.save()
    page = window.pages["alerts"]
    window.show_page("alerts")
    loaded(qtbot, page)
    row = next(r for r in range(page.model.rowCount()) if page.model.row(r).id == alert.id)
    page.view.selectRow(row)
    qtbot.waitUntil(
        lambda: not page.detail_loader.loading and "Alert 0" in page.detail.toPlainText()
    )
    text = page.detail.toPlainText()
    assert "What raised it" in text
    assert (
        f"Payment of 29.99 EUR failed on {tx.occurred_at:%Y-%m-%d %H:%M}: insufficient funds — "
        "Visa card ending 3416 (expires 12/2099)"
    ) in text
    assert "{" not in text and "payment_transaction" not in text


def test_acknowledge_in_the_360_counts_only_new_alerts(window, world, qtbot):
    customer = world["customers"][0]
    view = window.open_customer(customer.id)
    settled(qtbot, view)
    button = view.buttons["ack"]
    assert button.isVisible() and button.isEnabled()
    assert button.text() == "Acknowledge 1 new alert"
    button.click()
    assert m.Alert.get(m.Alert.customer == customer.id).status == "acknowledged"
    settled(qtbot, view)
    assert not button.isVisible()  # nothing left to acknowledge: no greyed button
    assert window.undo_bar.button.text() == "Undo acknowledge 1 alert"
    view.close()


def _combos_fit(page) -> bool:
    return all(w.width() >= w.sizeHint().width() for w in page._filters.values() if w.isVisible())


def _whole_columns(view) -> int:
    header, width = view.horizontalHeader(), view.viewport().width()
    return sum(
        1
        for c in range(header.count())
        if not header.isSectionHidden(c)
        and header.sectionViewportPosition(c) >= 0
        and header.sectionViewportPosition(c) + header.sectionSize(c) <= width
    )


def test_layout_at_1024_by_700(window, world, qtbot):
    window.resize(1024, 700)
    for key in ("customers", "alerts", "tickets"):
        page = window.pages[key]
        window.show_page(key)
        loaded(qtbot, page)
        qtbot.waitUntil(lambda p=page: _combos_fit(p))  # "Any risk", not "Any ri"
        assert page.search.width() >= 300
    tickets = window.pages["tickets"]
    assert _whole_columns(tickets.view) >= 4  # number, subject, status, priority
    window.show_page("models")
    summary = window.pages["models"].summary
    qtbot.waitUntil(lambda: not window.pages["models"].loading)
    assert summary.height() >= summary.heightForWidth(summary.width())  # wrapped, never cut

    view = window.open_customer(world["customers"][0].id)
    view.resize(1024, 700)
    settled(qtbot, view)
    view.tabs.setCurrentIndex(0)
    header = view.timeline.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert used >= view.timeline.viewport().width() - 2  # the timeline uses the full width
    assert not view.orders.wordWrap()
    view.close()


def test_at_full_width_the_text_columns_take_the_room(window, world, qtbot):
    window.resize(1920, 1080)
    page = window.pages["customers"]
    window.show_page("customers")
    loaded(qtbot, page)
    model, header = page.model, page.view.horizontalHeader()
    since, email = model.column_index("customer_since"), model.column_index("email")
    qtbot.waitUntil(lambda: header.sectionSize(email) > 250)
    assert header.sectionSize(since) == 95  # "Since" keeps its width
    widest = max(
        page.view.fontMetrics().horizontalAdvance(model.row(r).values["email"])
        for r in range(model.rowCount())
    )
    assert header.sectionSize(email) > widest


def test_the_row_menu_opens_from_the_keyboard(window, world, qtbot):
    page = window.pages["customers"]
    window.show_page("customers")
    loaded(qtbot, page)
    page.view.setFocus()
    seen: list[list[str]] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, look)
            return
        seen.append([a.text() for a in menu.actions() if a.text()])
        menu.close()

    QTimer.singleShot(0, look)
    qtbot.keyClick(page.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert seen and seen[0][0] == "Open customer"


def test_compare_with_a_customer_found_by_a_few_letters(window, world, qtbot):
    view = window.open_customer(world["customers"][0].id)
    settled(qtbot, view)
    m.Customer.create(name="Ada Okafor", email="ada@shop.example")

    def pick(dialog):
        active(qtbot, dialog)
        picker = dialog.picker
        qtbot.keyClicks(focused(), "cust")
        qtbot.waitUntil(picker.popup_visible)
        names = [c.name for c in picker.results]
        assert names == ["Customer 1", "Customer 2", "Customer 3", "Customer 4"]  # not itself
        popup = picker.completer_.popup()
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert picker.customer_id == world["customers"][2].id
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Compare

    answer(qtbot, pick)
    compare = view.compare()
    settled(qtbot, compare)
    assert compare.table.horizontalHeaderItem(2).text() == "Customer 2"

    def whole_email(dialog):  # the old way still works: the whole email, then Enter
        active(qtbot, dialog)
        qtbot.keyClicks(focused(), "ada@shop.example")
        qtbot.waitUntil(lambda: dialog.picker.customer_id is not None)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    answer(qtbot, whole_email)
    other = view.compare()
    settled(qtbot, other)
    assert other.table.horizontalHeaderItem(2).text() == "Ada Okafor"
    view.close()


def test_a_dialog_keeps_its_fields_in_tab_order(qtbot, world):
    dialog = dialogs.TicketDialog(lambda v: None, ask_customer=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: focused() is dialog.customer)
    order = []
    for _ in range(len(dialog.fields) + 1):
        order.append(focused())
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert order == [*dialog.fields.values(), dialog.ok_button]
