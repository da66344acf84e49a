"""The Alerts queue, keyboard-first, with bulk actions and a detail pane."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.choices import AlertStatus, AlertType, Priority
from db.tasks import Cancelled
from db.validation import ValidationError
from desktop.core.churn import alert_text
from desktop.core.churn.explain.actions import Recommendation, recommend
from desktop.core.read import customer360, details, listing, lists
from desktop.core.services import BulkResult
from desktop.core.services.permissions import Perm, why_not
from desktop.core.services.undo import UNDO_MAX_ROWS
from desktop.ui import i18n, style, workers
from desktop.ui.context import AppContext
from desktop.ui.messages import user_text
from desktop.ui.roles import sentence
from desktop.ui.undo import UndoEntry, undone_alerts
from desktop.ui.widgets import dialogs
from desktop.ui.widgets.dialogs import words
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.list_page import ListPage, choice_options
from desktop.ui.widgets.writes import (
    WRITE_ERRORS,
    busy_cursor,
    error_box,
    read_message,
    run_write,
    write_message,
)

# The verb a bulk result is described with → (what the action does, where an undo puts it back).
ACTION_WORDS = {
    "acknowledged": ("acknowledge", "back to open"),
    "resolved": ("resolve", "back in the queue"),
    "dismissed": ("dismiss", "back in the queue"),
    "assigned": ("assign", "back with their previous assignee"),
}

log = logging.getLogger(__name__)


def action_texts(verb: str, count: int) -> dict[str, str]:
    """The sentences an action on `count` alerts is told with, in the user's language:
    `ok` (the dialog's button), `go` (the job and the confirmation's button), `confirm`,
    `undo` (completes "Undo …") and `back` (where an undo puts them)."""
    translate, n = QCoreApplication.translate, i18n.number(count)
    one = count == 1
    if verb == "acknowledged":
        texts = {
            "ok": translate("AlertsPage", "Acknowledge"),
            "go": translate("AlertsPage", "Acknowledge 1 alert")
            if one
            else translate("AlertsPage", "Acknowledge {n} alerts"),
            "confirm": translate(
                "AlertsPage", "This will acknowledge all {n} alerts that match the filter."
            ),
            "undo": translate("AlertsPage", "acknowledge 1 alert")
            if one
            else translate("AlertsPage", "acknowledge {n} alerts"),
            "back": translate("AlertsPage", "back to open"),
        }
    elif verb == "resolved":
        texts = {
            "ok": translate("AlertsPage", "Resolve"),
            "go": translate("AlertsPage", "Resolve 1 alert")
            if one
            else translate("AlertsPage", "Resolve {n} alerts"),
            "confirm": translate(
                "AlertsPage", "This will resolve all {n} alerts that match the filter."
            ),
            "undo": translate("AlertsPage", "resolve 1 alert")
            if one
            else translate("AlertsPage", "resolve {n} alerts"),
            "back": translate("AlertsPage", "back in the queue"),
        }
    elif verb == "dismissed":
        texts = {
            "ok": translate("AlertsPage", "Dismiss"),
            "go": translate("AlertsPage", "Dismiss 1 alert")
            if one
            else translate("AlertsPage", "Dismiss {n} alerts"),
            "confirm": translate(
                "AlertsPage", "This will dismiss all {n} alerts that match the filter."
            ),
            "undo": translate("AlertsPage", "dismiss 1 alert")
            if one
            else translate("AlertsPage", "dismiss {n} alerts"),
            "back": translate("AlertsPage", "back in the queue"),
        }
    else:
        texts = {
            "ok": translate("AlertsPage", "Assign"),
            "go": translate("AlertsPage", "Assign 1 alert")
            if one
            else translate("AlertsPage", "Assign {n} alerts"),
            "confirm": translate(
                "AlertsPage", "This will assign all {n} alerts that match the filter."
            ),
            "undo": translate("AlertsPage", "assign 1 alert")
            if one
            else translate("AlertsPage", "assign {n} alerts"),
            "back": translate("AlertsPage", "back with their previous assignee"),
        }
    if one:
        texts["confirm"] = texts["confirm"].replace("{n}", "1")
    return {key: text.format(n=n) for key, text in texts.items()}


class AlertsPage(ListPage):
    """The queue, keyboard-first: j/k or arrows move, `a` acknowledges, `r` resolves, Enter
    opens the customer."""

    detailLoaded = Signal(int)  # the detail pane now shows this alert (or why it could not)

    title = "Alerts"
    column_order = ("priority", "title", "status", "customer_name", "type", "assignee_name")
    search_hint = "Search alert, customer name or email (Ctrl+F)"
    date_label = "Raised"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        self.title = translate("AlertsPage", "Alerts")
        self.search_hint = translate("AlertsPage", "Search alert, customer name or email (Ctrl+F)")
        self.date_label = translate("AlertsPage", "Raised")
        super().__init__(ctx, lists.SPECS["alerts"], parent)
        self.search.setToolTip(
            self.tr(
                "Finds alerts whose title or customer name contains the text, or "
                "whose customer's "
                "email address starts with it.\nDown or Enter moves into the results. Ctrl+F"
            )
        )
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        actions = FlowLayout()
        self.ack_button = QPushButton(self.tr("Acknowledge (A)"))
        style.set_icon(self.ack_button, "check")
        self.ack_button.setToolTip(
            self.tr("You are on it: the alert stays in the queue as acknowledged")
        )
        self.ack_button.clicked.connect(self.acknowledge)
        self.resolve_button = QPushButton(self.tr("Resolve… (R)"))
        style.set_icon(self.resolve_button, "resolve")
        self.resolve_button.setToolTip(self.tr("Close the alert with a note on what was done"))
        self.resolve_button.clicked.connect(self.resolve)
        self.dismiss_button = QPushButton(self.tr("Dismiss…"))
        self.dismiss_button.setToolTip(self.tr("Close an alert that needs nothing done"))
        self.dismiss_button.clicked.connect(self.dismiss)
        self.assign_button = QPushButton(self.tr("Assign…"))
        self.assign_button.clicked.connect(self.assign)
        for button in (self.ack_button, self.resolve_button, self.dismiss_button,
                       self.assign_button):  # fmt: skip
            actions.addWidget(button)
        side.addLayout(actions)
        self.all_matching = QCheckBox(self.tr("Apply to all matching alerts"))
        self.all_matching.setObjectName("all_matching")
        self.all_matching.setToolTip(
            self.tr("Act on every alert the filter matches, not only the selected rows")
        )
        side.addWidget(self.all_matching)
        self.detail = QTextBrowser()
        self.detail.setObjectName("alert_detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link)
        self.detail_loader = workers.Latest(self)
        self.detail_for: int | None = None
        self.shown_detail: details.AlertDetail | None = None
        side.addWidget(self.detail, 1)
        holder = QWidget()
        holder.setObjectName("alert_side")
        holder.setLayout(side)
        self.add_side(holder, minimum=300)
        self.model.countChanged.connect(
            lambda n: self.all_matching.setText(
                self.tr("Apply to all {n} matching alerts").format(n=i18n.number(n))
            )
        )
        # A role without bulk actions (agents) acts on one alert at a time: with several rows
        # selected the actions are off, and say why.
        self._tips = {b: b.toolTip() for b in self.action_buttons}
        self.view.selectionModel().selectionChanged.connect(self._gate_selection)

    @property
    def action_buttons(self) -> tuple[QPushButton, ...]:
        return (self.ack_button, self.resolve_button, self.dismiss_button, self.assign_button)

    def _gate_selection(self, *_args: Any) -> None:
        reason = why_not(self.ctx.user, Perm.ALERT_BULK)
        several = len(self.view.selectionModel().selectedRows()) > 1
        for button in self.action_buttons:
            off = bool(reason) and several
            button.setEnabled(not off)
            button.setToolTip(sentence(reason) if off and reason else self._tips[button])

    def build_filters(self) -> None:
        self.add_combo(
            "status",
            [
                (self.tr("Open or acknowledged"), ["open", "acknowledged"]),
                (self.tr("Any status"), None),
            ]
            + [(words(s), [s]) for s in AlertStatus],
            self.tr("Status"),
        )
        self.add_combo(
            "priority", choice_options(self.tr("Any priority"), list(Priority)), self.tr("Priority")
        )
        self.add_combo(
            "type", choice_options(self.tr("Any type"), list(AlertType)), self.tr("Alert type")
        )
        self.add_check("assigned_to_me", self.tr("Assigned to me"))

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
        menu.addAction(self.tr("Acknowledge"), self.acknowledge)
        menu.addAction(self.tr("Resolve…"), self.resolve)
        menu.addAction(self.tr("Dismiss…"), self.dismiss)
        menu.addAction(self.tr("Assign…"), self.assign)

    # --- actions --------------------------------------------------------------------------

    def _target(self) -> tuple[list[int], bool] | None:
        """The alert ids to act on, and whether they are "all matching" (a background job)."""
        if self.all_matching.isChecked():
            return [], True
        ids, missing = self.selected_ids()
        if missing:
            self.ctx.events.message.emit(self.tr("Some selected rows are still loading; try again"))
            return None
        if not ids:
            self.ctx.events.message.emit(self.tr("Select one or more alerts first"))
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
                with busy_cursor():
                    result = action(ids, None)
            except WRITE_ERRORS as exc:
                error_box(self, exc)
                return
            self._done(verb, result, advance=len(ids) == 1, ids=ids)
            return
        query, me = self.model.query, self.ctx.user.id
        count = self.model.total
        if not self.confirm_all(verb, count):
            return
        spec = self.spec

        def job(state: Any) -> BulkResult:
            all_ids = [i for batch in listing.matching_ids(spec, query, me) for i in batch]
            return action(all_ids, state)

        self.all_matching.setChecked(False)  # the next action is on the selection again
        self.window().jobs.start(  # type: ignore[attr-defined]
            action_texts(verb, count)["go"],
            job,
            lambda result: self._done(verb, result, advance=False),
            self._job_failed,
        )

    def confirm_all(self, verb: str, count: int) -> bool:
        """Say what acting on everything the filter matches does; True to go ahead."""
        texts = action_texts(verb, count)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("ChurnWatch")
        box.setText(texts["confirm"])
        box.setInformativeText(
            self.tr(
                "It runs in the background (the status bar shows its progress and can "
                "cancel it); "
                "alerts someone else changed meanwhile are skipped."
            )
        )
        go = box.addButton(texts["go"], QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.exec()
        box.deleteLater()
        return box.clickedButton() is go

    def _job_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.ctx.events.message.emit(str(exc))
        else:
            QMessageBox.warning(self, "ChurnWatch", write_message(exc))
        self.ctx.events.changed.emit("alerts")

    def _done(
        self, verb: str, result: BulkResult, *, advance: bool, ids: list[int] | None = None
    ) -> None:
        self.all_matching.setChecked(False)
        self.ctx.events.message.emit(result.describe(verb))
        self.ctx.events.changed.emit("alerts")
        if ids and result.changed and len(ids) <= UNDO_MAX_ROWS:
            self._offer_undo(verb, ids, result.changed)
        row = self.current_row()
        if advance and row + 1 < self.model.rowCount():
            # Keyboard flow: the next alert becomes current, unless the filter drops this one.
            still_listed = "acknowledged" in str(self.model.query.filters.get("status", "all"))
            self.view.selectRow(row + 1 if still_listed or verb != "acknowledged" else row)

    def _offer_undo(self, verb: str, ids: list[int], changed: int) -> None:
        do, _back = ACTION_WORDS[verb]
        action = f"alert.{do}"  # the audit log's action name, never translated
        services = self.ctx.services
        texts = action_texts(verb, changed)
        back_to = texts["back"]
        self.ctx.events.undoable.emit(
            UndoEntry(
                texts["undo"],
                lambda: undone_alerts(services.undo_alert_action(ids, action), back_to),
                "alerts",
            )
        )

    def acknowledge(self) -> None:
        self._run("acknowledged", self.ctx.services.acknowledge_alerts)

    def resolve(self) -> None:
        def check(note: str) -> str:
            if not note.strip():
                raise ValidationError({"resolution_note": self.tr("a resolution note is required")})
            return note

        self._with_note(
            "resolved", self.tr("Resolve alerts"), self.tr("Resolution note"), check,
            self.ctx.services.resolve_alerts,
        )  # fmt: skip

    def dismiss(self) -> None:
        self._with_note(
            "dismissed", self.tr("Dismiss alerts"), self.tr("Why (optional)"), lambda note: note,
            self.ctx.services.dismiss_alerts,
        )  # fmt: skip

    def _with_note(
        self,
        verb: str,
        title: str,
        label: str,
        check: Callable[[str], str],
        action: Callable[[list[int], str, Any], BulkResult],
    ) -> None:
        """Ask for the note, then act. On the selection the write is the dialog's save, so a
        refusal (not allowed, changed by someone else, the database away) shows in the dialog
        and keeps the typed note; on "all matching" the dialog only takes the note and the
        work runs as a background job."""
        target = self._target()
        if target is None:
            return
        ids, everything = target
        holder: dict[str, Any] = {}

        def save(text: str) -> str:
            note = check(text)
            holder["note"] = note
            if not everything:
                holder["result"] = action(ids, note, None)
            return note

        dialog = dialogs.TextDialog(
            title, label, save, field="resolution_note", parent=self,
            ok_text=action_texts(verb, 1)["ok"],
        )  # fmt: skip
        dialog.set_intro(self._target_text(target))
        if not dialogs.run_dialog(dialog):
            return
        if not everything:
            self._done(verb, holder["result"], advance=len(ids) == 1, ids=ids)
            return
        note = holder["note"]
        self._run(verb, lambda all_ids, state: action(all_ids, note, state))

    def assign(self) -> None:
        target = self._target()
        if target is None:
            return
        holder: dict[str, Any] = {}
        combo = dialogs.staff_combo()
        reason = why_not(self.ctx.user, Perm.ASSIGN_OTHERS)
        if reason:  # an agent takes an alert on, and may not hand it to someone else
            for row in reversed(range(combo.count())):
                if combo.itemData(row) != self.ctx.user.id:
                    combo.removeItem(row)
            combo.setToolTip(sentence(reason))
        dialog = dialogs.ChoiceDialog(
            self.tr("Assign alerts"), self.tr("Assign to"), "assignee", combo,
            lambda uid: holder.update(uid=uid), self, ok_text=self.tr("Assign"),
        )  # fmt: skip
        dialog.set_intro(self._target_text(target))
        if not dialogs.run_dialog(dialog):
            return
        uid = holder.get("uid")
        self._run("assigned", lambda ids, st: self.ctx.services.assign_alerts(ids, uid, st))

    def _target_text(self, target: tuple[list[int], bool]) -> str:
        ids, everything = target
        if everything:
            return self.tr("All {n} alerts that match the filter.").format(
                n=i18n.number(self.model.total)
            )
        if len(ids) == 1:
            values = self.current_values() or {}
            title = user_text(alert_text.title(values.get("title")))
            who = values.get("customer_name")
            return f"{title} ({who})" if title and who else (title or self.tr("The selected alert"))
        return self.tr("The {n} selected alerts.").format(n=i18n.number(len(ids)))

    # --- detail ---------------------------------------------------------------------------

    def current_changed(self, row: int) -> None:
        """Show the current alert; read on the pool, the old text greyed until it arrives."""
        alert_id = self.model.row_id(row) if row >= 0 else None
        if alert_id is None:
            self.detail_loader.cancel()
            self.detail_for = None
            self.detail.setEnabled(True)
            self.detail.setHtml(
                "<p><i>{}</i></p>".format(self.tr("Select an alert to see its details."))
            )
            return
        self.detail_for = alert_id
        self.detail.setEnabled(False)
        if not self.detail.toPlainText().strip():
            self.detail.setHtml("<p><i>{}</i></p>".format(self.tr("Loading…")))
        self.detail_loader.load(
            lambda: details.load_alert(alert_id),
            lambda d: self._show_detail(alert_id, d),
            lambda exc: self._detail_failed(alert_id, exc),
        )

    def _show_detail(self, alert_id: int, detail: details.AlertDetail | None) -> None:
        self.shown_detail = detail
        self.detail.setEnabled(True)
        self.detail.setHtml(alert_html(detail))
        self.detailLoaded.emit(alert_id)

    def _detail_failed(self, alert_id: int, exc: BaseException) -> None:
        self.detail.setEnabled(True)
        self.detail.setHtml(f"<p>{html.escape(read_message(exc, 'this alert'))}</p>")
        self.detailLoaded.emit(alert_id)

    def _link(self, url: QUrl) -> None:
        """A recommended next step clicked in the detail: log it for the alert's customer."""
        detail = self.shown_detail
        key = url.toString().removeprefix(RECOMMEND_LINK)
        if (
            detail is None
            or detail.customer is None
            or not url.toString().startswith(RECOMMEND_LINK)
        ):
            return
        rec = next((r for r in alert_recommendations(detail) if r.key == key), None)
        if rec is None:
            return
        customer_id = detail.customer.id
        done = run_write(
            self,
            lambda: self.ctx.services.log_intervention(
                customer_id, rec.channel, rec.kind, user_text(rec.notes)
            ),
        )
        if done is not None:
            what = user_text(rec.title)
            self.ctx.events.changed.emit("customers")
            self.ctx.events.message.emit(
                self.tr("Logged: {what}").format(what=what[:1].lower() + what[1:])
            )


RECOMMEND_LINK = "recommend:"
PAYMENT_ALERTS = (AlertType.PAYMENT_FAILED.value, AlertType.CARD_EXPIRING.value)


def alert_recommendations(detail: details.AlertDetail) -> list[Recommendation]:
    """The next steps the alert's prediction factors (and the alert itself) call for."""
    stored = detail.prediction.factors if detail.prediction is not None else None
    factors: list[Any] = list(stored) if isinstance(stored, list) else []
    alert = detail.alert
    if alert.type in PAYMENT_ALERTS:  # the alert is the evidence, prediction or not
        factors.append(
            {"feature": "card_expired", "contribution": 1.0, "text": alert_text.title(alert.title)}
        )
    escalated = alert.type == AlertType.TICKET_ESCALATION.value
    return recommend(factors, open_escalated_ticket=escalated)


def alert_html(detail: details.AlertDetail | None) -> str:
    """The alert with its correlated events and the prediction behind it."""
    translate = QCoreApplication.translate
    if detail is None:
        return "<p>{}</p>".format(translate("AlertsPage", "This alert no longer exists."))
    alert = detail.alert
    esc = html.escape
    facts = translate(
        "AlertsPage", "<b>{priority}</b> priority · {type} · {status} · raised {when}"
    )
    parts = [
        f"<h3>{esc(user_text(alert_text.title(alert.title)))}</h3>",
        "<p>{}</p>".format(
            facts.format(
                priority=words(alert.priority),
                type=words(alert.type),
                status=words(alert.status),
                when=i18n.moment(alert.created_at),
            )
        ),
    ]
    customer = detail.customer
    if customer is not None:
        who = translate("AlertsPage", "Customer: <b>{name}</b> ({email})")
        parts.append(f"<p>{who.format(name=esc(customer.name), email=esc(customer.email))}</p>")
    if alert.message:
        stored = detail.prediction.factors if detail.prediction is not None else None
        said = alert_text.message(alert.message, stored)
        parts.append(f"<p>{esc(user_text(said))}</p>")
    if alert.acknowledged_at:
        when = i18n.moment(alert.acknowledged_at)
        parts.append(
            "<p>{}</p>".format(translate("AlertsPage", "Acknowledged {when}").format(when=when))
        )
    if alert.resolved_at:
        note = f": {esc(alert.resolution_note)}" if alert.resolution_note else ""
        closed = translate("AlertsPage", "Closed {when}").format(
            when=i18n.moment(alert.resolved_at)
        )
        parts.append(f"<p>{closed}{note}</p>")
    p = detail.prediction
    if p is not None:
        factors = "".join(
            f"<li>{esc(user_text(f))}</li>" for f in customer360.factor_lines(p.factors)
        )
        line = translate(
            "AlertsPage", "{percent} churn probability ({risk}), scored {when}"
        ).format(
            percent=i18n.percent(p.probability, 0),
            risk=words(p.risk_level),
            when=i18n.day(p.scored_at),
        )
        parts.append(
            "<h4>{}</h4><p>{}</p>".format(translate("AlertsPage", "Prediction"), line)
            + (f"<ul>{factors}</ul>" if factors else "")
        )
    if detail.events:
        parts.append("<h4>{}</h4>".format(translate("AlertsPage", "What raised it")))
        items = "".join(f"<li>{esc(line)}</li>" for line in detail.events)
        parts.append(f"<ul>{items}</ul>")
    recs = alert_recommendations(detail) if detail.customer is not None else []
    if recs:
        parts.append("<h4>{}</h4><ul>".format(translate("AlertsPage", "Recommended next steps")))
        parts += [
            f"<li><a href='{RECOMMEND_LINK}{r.key}'>{esc(user_text(r.title))}</a>"
            f" – {esc(user_text(r.why))}</li>"
            for r in recs
        ]
        click = translate("AlertsPage", "A click logs the outreach for this customer.")
        parts.append(f"</ul><p><small>{click}</small></p>")
    return "".join(parts)
