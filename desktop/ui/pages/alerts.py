"""The Alerts queue, keyboard-first, with bulk actions and a detail pane."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

import peewee as pw
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.choices import AlertStatus, AlertType, Priority
from db.validation import ValidationError
from desktop.core.read import customer360, details, listing, lists
from desktop.core.services import BulkResult, ServiceError
from desktop.ui import style, workers
from desktop.ui.context import AppContext
from desktop.ui.widgets import dialogs
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.list_page import ListPage, choice_options
from desktop.ui.widgets.writes import error_box

log = logging.getLogger(__name__)


class AlertsPage(ListPage):
    """The queue, keyboard-first: j/k or arrows move, `a` acknowledges, `r` resolves, Enter
    opens the customer."""

    detailLoaded = Signal(int)  # the detail pane now shows this alert (or why it could not)

    title = "Alerts"
    search_hint = "Search alert, customer name or email (Ctrl+F)"
    date_label = "Raised"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, lists.SPECS["alerts"], parent)
        self.search.setToolTip(
            "Finds alerts whose title or customer name contains the text, or whose customer's "
            "email address starts with it.\nDown or Enter moves into the results. Ctrl+F"
        )
        side = QVBoxLayout()
        actions = QHBoxLayout()
        self.ack_button = QPushButton("Acknowledge (A)")
        self.ack_button.setIcon(style.icon("check"))
        self.ack_button.clicked.connect(self.acknowledge)
        self.resolve_button = QPushButton("Resolve… (R)")
        self.resolve_button.setIcon(style.icon("resolve"))
        self.resolve_button.clicked.connect(self.resolve)
        self.dismiss_button = QPushButton("Dismiss…")
        self.dismiss_button.clicked.connect(self.dismiss)
        self.assign_button = QPushButton("Assign…")
        self.assign_button.clicked.connect(self.assign)
        for button in (self.ack_button, self.resolve_button, self.dismiss_button,
                       self.assign_button):  # fmt: skip
            actions.addWidget(button)
        side.addLayout(actions)
        self.all_matching = QCheckBox("Apply to all matching alerts")
        self.all_matching.setObjectName("all_matching")
        self.all_matching.setToolTip(
            "Act on every alert the filter matches, not only the selected rows"
        )
        side.addWidget(self.all_matching)
        self.detail = QTextBrowser()
        self.detail.setObjectName("alert_detail")
        self.detail.setOpenLinks(False)
        self.detail_loader = workers.Latest(self)
        self.detail_for: int | None = None
        side.addWidget(self.detail, 1)
        holder = QWidget()
        holder.setLayout(side)
        holder.setMinimumWidth(360)
        self.body.addWidget(holder, 2)
        self.model.countChanged.connect(
            lambda n: self.all_matching.setText(f"Apply to all {n:,} matching alerts")
        )

    def build_filters(self) -> None:
        self.add_combo(
            "status",
            [("Open or acknowledged", ["open", "acknowledged"]), ("Any status", None)]
            + [(words(s), [s]) for s in AlertStatus],
            "Status",
        )
        self.add_combo("priority", choice_options("Any priority", list(Priority)), "Priority")
        self.add_combo("type", choice_options("Any type", list(AlertType)), "Alert type")
        self.add_check("assigned_to_me", "Assigned to me")

    def handle_key(self, event: QKeyEvent) -> bool:
        if event.modifiers():
            return False
        if event.key() == Qt.Key.Key_A:
            self.acknowledge()
            return True
        if event.key() == Qt.Key.Key_R:
            self.resolve()
            return True
        return False

    def row_actions(self, menu: QMenu) -> None:
        super().row_actions(menu)
        menu.addSeparator()
        menu.addAction("Acknowledge", self.acknowledge)
        menu.addAction("Resolve…", self.resolve)
        menu.addAction("Dismiss…", self.dismiss)
        menu.addAction("Assign…", self.assign)

    # --- actions --------------------------------------------------------------------------

    def _target(self) -> tuple[list[int], bool] | None:
        """The alert ids to act on, and whether they are "all matching" (a background job)."""
        if self.all_matching.isChecked():
            return [], True
        ids, missing = self.selected_ids()
        if missing:
            self.ctx.events.message.emit("Some selected rows are still loading; try again")
            return None
        if not ids:
            self.ctx.events.message.emit("Select one or more alerts first")
            return None
        return ids, False

    def _run(
        self,
        verb: str,
        action: Callable[[list[int], Any], BulkResult],
    ) -> None:
        target = self._target()
        if target is None:
            return
        ids, everything = target
        if not everything:
            try:
                result = action(ids, None)
            except (ValidationError, ServiceError, pw.DatabaseError) as exc:
                error_box(self, exc)
                return
            self._done(verb, result, advance=len(ids) == 1)
            return
        query, me = self.model.query, self.ctx.user.id
        count = self.model.total
        answer = QMessageBox.question(
            self, "ChurnWatch", f"{verb.capitalize()} all {count:,} matching alerts?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        spec = self.spec

        def job(state: Any) -> BulkResult:
            all_ids = [i for batch in listing.matching_ids(spec, query, me) for i in batch]
            return action(all_ids, state)

        self.window().jobs.start(  # type: ignore[attr-defined]
            f"{verb.capitalize()} {count:,} alerts",
            job,
            lambda result: self._done(verb, result, advance=False),
            lambda exc: (self.ctx.events.message.emit(str(exc)), self.refresh()),
        )

    def _done(self, verb: str, result: BulkResult, *, advance: bool) -> None:
        self.ctx.events.message.emit(result.describe(verb))
        self.ctx.events.changed.emit("alerts")
        row = self.current_row()
        if advance and row + 1 < self.model.rowCount():
            # Keyboard flow: the next alert becomes current, unless the filter drops this one.
            still_listed = "acknowledged" in str(self.model.query.filters.get("status", "all"))
            self.view.selectRow(row + 1 if still_listed or verb != "acknowledged" else row)

    def acknowledge(self) -> None:
        self._run("acknowledged", self.ctx.services.acknowledge_alerts)

    def resolve(self) -> None:
        target = self._target()
        if target is None:
            return
        holder: dict[str, str] = {}

        def keep(note: str) -> str:
            if not note.strip():
                raise ValidationError({"resolution_note": "a resolution note is required"})
            holder["note"] = note
            return note

        dialog = dialogs.TextDialog(
            "Resolve alerts", "Resolution note", keep, field="resolution_note", parent=self,
            ok_text="Resolve",
        )  # fmt: skip
        if not dialog.exec():
            return
        note = holder["note"]
        self._run("resolved", lambda ids, st: self.ctx.services.resolve_alerts(ids, note, st))

    def dismiss(self) -> None:
        holder: dict[str, str] = {}
        dialog = dialogs.TextDialog(
            "Dismiss alerts", "Why (optional)", lambda t: holder.update(note=t),
            field="resolution_note", parent=self, ok_text="Dismiss",
        )  # fmt: skip
        if self._target() is None or not dialog.exec():
            return
        note = holder.get("note", "")
        self._run("dismissed", lambda ids, st: self.ctx.services.dismiss_alerts(ids, note, st))

    def assign(self) -> None:
        if self._target() is None:
            return
        holder: dict[str, Any] = {}
        dialog = dialogs.ChoiceDialog(
            "Assign alerts", "Assign to", "assignee", dialogs.staff_combo(),
            lambda uid: holder.update(uid=uid), self,
        )  # fmt: skip
        if not dialog.exec():
            return
        uid = holder.get("uid")
        self._run("assigned", lambda ids, st: self.ctx.services.assign_alerts(ids, uid, st))

    # --- detail ---------------------------------------------------------------------------

    def current_changed(self, row: int) -> None:
        """Show the current alert; read on the pool, the old text greyed until it arrives."""
        alert_id = self.model.row_id(row) if row >= 0 else None
        if alert_id is None:
            self.detail_loader.cancel()
            self.detail_for = None
            self.detail.setEnabled(True)
            self.detail.setHtml("<p><i>Select an alert to see its details.</i></p>")
            return
        self.detail_for = alert_id
        self.detail.setEnabled(False)
        if not self.detail.toPlainText().strip():
            self.detail.setHtml("<p><i>Loading…</i></p>")
        self.detail_loader.load(
            lambda: details.load_alert(alert_id),
            lambda d: self._show_detail(alert_id, d),
            lambda exc: self._detail_failed(alert_id, exc),
        )

    def _show_detail(self, alert_id: int, detail: details.AlertDetail | None) -> None:
        self.detail.setEnabled(True)
        self.detail.setHtml(alert_html(detail))
        self.detailLoaded.emit(alert_id)

    def _detail_failed(self, alert_id: int, exc: BaseException) -> None:
        self.detail.setEnabled(True)
        self.detail.setHtml(
            f"<p><b>Could not load this alert:</b> {html.escape(str(exc))}</p>"
            "<p>Press F5 to try again.</p>"
        )
        self.detailLoaded.emit(alert_id)


def alert_html(detail: details.AlertDetail | None) -> str:
    """The alert with its correlated events and the prediction behind it."""
    if detail is None:
        return "<p>This alert no longer exists.</p>"
    alert = detail.alert
    esc = html.escape
    parts = [
        f"<h3>{esc(alert.title)}</h3>",
        f"<p><b>{words(alert.priority)}</b> priority · {words(alert.type)} · "
        f"{words(alert.status)} · raised {alert.created_at:%Y-%m-%d %H:%M}</p>",
    ]
    customer = detail.customer
    if customer is not None:
        parts.append(f"<p>Customer: <b>{esc(customer.name)}</b> ({esc(customer.email)})</p>")
    if alert.message:
        parts.append(f"<p>{esc(alert.message)}</p>")
    if alert.acknowledged_at:
        parts.append(f"<p>Acknowledged {alert.acknowledged_at:%Y-%m-%d %H:%M}</p>")
    if alert.resolved_at:
        note = f": {esc(alert.resolution_note)}" if alert.resolution_note else ""
        parts.append(f"<p>Closed {alert.resolved_at:%Y-%m-%d %H:%M}{note}</p>")
    p = detail.prediction
    if p is not None:
        factors = "".join(f"<li>{esc(f)}</li>" for f in customer360.factor_lines(p.factors))
        parts.append(
            f"<h4>Prediction</h4><p>{p.probability * 100:.0f}% churn probability "
            f"({words(p.risk_level)}), scored {p.scored_at:%Y-%m-%d}</p>"
            + (f"<ul>{factors}</ul>" if factors else "")
        )
    events = alert.correlated_events or []
    parts.append("<h4>Correlated events</h4>")
    if events:
        items = "".join(f"<li>{esc(_event_line(e))}</li>" for e in events[:20])
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p><i>None recorded.</i></p>")
    return "".join(parts)


def _event_line(event: Any) -> str:
    if isinstance(event, dict):
        when = event.get("occurred_at") or event.get("at") or ""
        what = event.get("event_type") or event.get("type") or event.get("title") or ""
        return f"{when} {str(what).replace('_', ' ')}".strip() or str(event)
    return str(event)
