"""The Models page's "Alert policy" part: the live policy, an editor for it, the backtest with
its figures and sweep chart, and "Apply".

The backtest is `policy.runner.run_backtest` (the task behind `churnwatch backtest`) run on the
database pool (`workers.submit_task`): its progress shows under the buttons, Cancel stops it at
the next cutoff. "Apply" is
`Services.apply_alert_policy` (supervisors and admins; audited; the version shown is checked);
for an agent the editor is read-only and Apply disabled with the reason.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.tasks import Cancelled, TaskState
from db.validation import ValidationError
from desktop.core.churn.policy.live import LivePolicy, read_live_policy
from desktop.core.churn.policy.rules import AlertPolicy, PolicyMode
from desktop.core.read.dashboard import Series
from desktop.core.services.alert_policy import checked_policy
from desktop.core.services.permissions import Perm, why_not
from desktop.ui import i18n, workers
from desktop.ui.context import AppContext
from desktop.ui.roles import restrict
from desktop.ui.widgets.charts import Chart
from desktop.ui.widgets.writes import read_message, run_write, write_message

log = logging.getLogger(__name__)

MODES = (
    (PolicyMode.TOP_SHARE,
     QT_TRANSLATE_NOOP("AlertPolicyPanel", "Top share of customers by expected lost revenue")),
    (PolicyMode.THRESHOLD,
     QT_TRANSLATE_NOOP("AlertPolicyPanel", "Churn probability at least a threshold")),
    (PolicyMode.TOP_K,
     QT_TRANSLATE_NOOP("AlertPolicyPanel", "Top K customers by expected lost revenue")),
    (PolicyMode.PER_AGENT_CAP,
     QT_TRANSLATE_NOOP("AlertPolicyPanel", "At most N new alerts per agent per day")),
)  # fmt: skip
FIELD_OF_MODE = {
    PolicyMode.TOP_SHARE: "top_share",
    PolicyMode.THRESHOLD: "threshold",
    PolicyMode.TOP_K: "top_k",
    PolicyMode.PER_AGENT_CAP: "per_agent_per_day",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlertPolicyPanel", text)


def _english() -> bool:
    return i18n.language_of(i18n.locale()) == "en"


# `AlertPolicy.describe`'s sentences, for `describe`.
DESCRIPTIONS = {
    PolicyMode.TOP_SHARE: QT_TRANSLATE_NOOP(
        "AlertPolicyPanel", "top {share} by expected lost revenue per day"
    ),
    PolicyMode.THRESHOLD: QT_TRANSLATE_NOOP(
        "AlertPolicyPanel", "churn probability at least {threshold}"
    ),
    PolicyMode.TOP_K: QT_TRANSLATE_NOOP(
        "AlertPolicyPanel", "top {k} by expected lost revenue per day"
    ),
    PolicyMode.PER_AGENT_CAP: QT_TRANSLATE_NOOP(
        "AlertPolicyPanel", "at most {cap} new alerts per agent per day"
    ),
}


def _pct(value: float | None, digits: int = 1) -> str:
    """A share as the figures have always shown it in English (12.5%), the locale's otherwise."""
    if value is None:
        return "–"
    return f"{value:.{digits}%}" if _english() else i18n.percent(value, digits)


def describe(policy: AlertPolicy) -> str:
    """`AlertPolicy.describe` in the user's language (the core's stays English: the audit log
    and `churnwatch backtest` print it)."""
    what = _tr(DESCRIPTIONS[policy.mode]).format(
        share=_pct(policy.top_share, 0),
        threshold=_pct(policy.threshold, 0),
        k=i18n.number(policy.top_k),
        cap=i18n.number(policy.per_agent_per_day),
    )
    if policy.rise_points > 0:
        points = f"{policy.rise_points:g}"
        what += QCoreApplication.translate(
            "AlertPolicyPanel", "; a rise of {points} points"
        ).format(points=points if _english() else points.replace(".", i18n.locale().decimalPoint()))
    return what


class AlertPolicyPanel(QWidget):
    """See the module docstring. `backtested` carries each backtest's report (a dict)."""

    backtested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.live: LivePolicy | None = None
        self.report: dict[str, Any] | None = None
        self.tested: AlertPolicy | None = None  # the policy of the backtest shown
        self.backtest_state: TaskState | None = None
        self._latest = workers.Latest(self)
        self.refused = why_not(ctx.user, Perm.ALERT_POLICY)

        editor = self._build_editor()
        results = self._build_results()
        layout = QHBoxLayout(self)
        layout.addWidget(editor, 2)
        layout.addWidget(results, 3)

        self.backtest_button.clicked.connect(self.run_backtest)
        self.cancel_button.clicked.connect(self.cancel_backtest)
        self.apply_button.clicked.connect(self.apply)
        self._mode_changed()
        restrict(self, ctx.user)  # agents: the editor and Apply disabled, saying why

    def _build_form(self) -> QFormLayout:
        self.live_label = QLabel(self.tr("Loading the live policy…"), self)
        self.live_label.setObjectName("livePolicy")
        self.live_label.setWordWrap(True)
        self.live_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.mode = QComboBox(self)
        # Sized by a few words, not its longest mode (long in French): the editor stays narrow.
        self.mode.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mode.setMinimumContentsLength(16)
        for mode, label in MODES:
            self.mode.addItem(_tr(label), mode.value)
        self.top_share = QDoubleSpinBox(self, minimum=0.0, maximum=100.0, decimals=1, suffix=" %")
        self.threshold = QDoubleSpinBox(self, minimum=0.0, maximum=100.0, decimals=1, suffix=" %")
        self.top_k = QSpinBox(self, minimum=0, maximum=1_000_000)
        self.per_agent = QSpinBox(self, minimum=0, maximum=10_000)
        self.rise_points = QDoubleSpinBox(self, minimum=0.0, maximum=100.0, decimals=1,
                                          suffix=self.tr(" points"))  # fmt: skip
        self.rise_points.setToolTip(self.tr("Also alert on a rise of this many points (0: off)"))
        self.payment = QCheckBox(self.tr("Payment failures move accounts to at-risk"), self)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("mode", self.tr("&Alert when"), self.mode),
            ("top_share", self.tr("Top &share"), self.top_share),
            ("threshold", self.tr("&Threshold"), self.threshold),
            ("top_k", self.tr("Top &K"), self.top_k),
            ("per_agent_per_day", self.tr("Per agent per &day"), self.per_agent),
            ("rise_points", self.tr("&Rise of"), self.rise_points),
            ("payment_at_risk", "", self.payment),
        ):
            error = QLabel("", self)
            error.setObjectName("fieldError")
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.setVisible(False)
            self.errors[key] = error
            box = QVBoxLayout()
            box.addWidget(widget)
            box.addWidget(error)
            caption = QLabel(label, self)
            caption.setBuddy(widget)  # the label's shortcut (Alt+letter) goes to its field
            form.addRow(caption, box)
        self.editors: tuple[QWidget, ...] = (
            self.mode, self.top_share, self.threshold, self.top_k, self.per_agent,
            self.rise_points, self.payment,
        )  # fmt: skip
        self.mode.currentIndexChanged.connect(self._mode_changed)

        return form

    def _build_editor(self) -> QGroupBox:
        form = self._build_form()
        self.snapshots = QSpinBox(self, minimum=1, maximum=104, value=6,
                                  suffix=self.tr(" cutoffs"))  # fmt: skip
        self.snapshots.setToolTip(self.tr("How many past dates to replay the policy at"))
        self.step_days = QSpinBox(self, minimum=1, maximum=365, value=7,
                                  suffix=self.tr(" days apart"))  # fmt: skip
        self.backtest_button = QPushButton(self.tr("&Backtest"), self)
        self.backtest_button.setToolTip(
            self.tr("Replay this policy over past cutoffs with the active model (background)")
        )
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setToolTip(self.tr("Make this policy the live one (audited)"))
        self.progress = QLabel("", self)
        self.progress.setWordWrap(True)
        # Two rows: the backtest's span, then the buttons (room for longer words in French).
        span_row = QHBoxLayout()
        span_row.addWidget(self.snapshots)
        span_row.addWidget(self.step_days)
        span_row.addStretch(1)
        run_row = QHBoxLayout()
        run_row.addWidget(self.backtest_button)
        run_row.addWidget(self.cancel_button)
        run_row.addStretch(1)
        run_row.addWidget(self.apply_button)

        editor = QGroupBox(self.tr("Policy"), self)
        editor_layout = QVBoxLayout(editor)
        editor_layout.addWidget(self.live_label)
        editor_layout.addLayout(form)
        editor_layout.addLayout(span_row)
        editor_layout.addLayout(run_row)
        editor_layout.addWidget(self.progress)

        return editor

    def _build_results(self) -> QGroupBox:
        self.figures = QLabel(
            self.tr("Run a backtest to see how this policy would have done."), self
        )
        self.figures.setObjectName("backtestFigures")
        self.figures.setTextFormat(Qt.RichText)
        self.figures.setWordWrap(True)
        self.figures.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.figures.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.chart = Chart(
            self.tr("Precision and recall"),
            y_label="%",
            unit=" %",
            legend_at_bottom=True,
        )
        # The title is short (a narrow window clips the note beside it, not the title).
        self.chart.set_note(self.tr("by alerts per day, top share 1 %–50 %"))
        self.chart.setToolTip(
            self.tr("Precision and recall by alerts per day, for a top share of 1 % to 50 %")
        )
        self.chart.empty_message = self.tr("Run a backtest to draw the sweep")
        self.chart.set_lines([])
        results = QGroupBox(self.tr("Backtest"), self)
        results_layout = QVBoxLayout(results)  # the figures above, the chart full width below
        results_layout.addWidget(self.figures)
        results_layout.addWidget(self.chart, 1)

        return results

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._latest.load(read_live_policy, self._show_live, self._failed)

    @property
    def loading(self) -> bool:
        return self._latest.loading

    def _failed(self, exc: BaseException) -> None:
        self.live_label.setText(read_message(exc, "the alert policy"))

    def _show_live(self, live: LivePolicy) -> None:
        self.live = live
        who = (
            self.tr("the default (never changed)")
            if live.set_at is None
            else self.tr("applied by {who} on {when} UTC").format(
                who=live.set_by or self.tr("someone"), when=i18n.moment(live.set_at)
            )
        )
        self.live_label.setText(
            self.tr("Live: {policy} — {who}").format(policy=describe(live.policy), who=who)
        )
        self.set_policy(live.policy)

    def set_policy(self, policy: AlertPolicy) -> None:
        """Show `policy` in the editor."""
        self.mode.setCurrentIndex(self.mode.findData(policy.mode.value))
        self.top_share.setValue(policy.top_share * 100)
        self.threshold.setValue(policy.threshold * 100)
        self.top_k.setValue(policy.top_k)
        self.per_agent.setValue(policy.per_agent_per_day)
        self.rise_points.setValue(policy.rise_points)
        self.payment.setChecked(policy.payment_at_risk)
        self._mode_changed()

    def _mode_changed(self) -> None:
        """Only the value the chosen mode reads is editable (and never for an agent)."""
        mode = PolicyMode(self.mode.currentData())
        for field_mode, name in FIELD_OF_MODE.items():
            widget = {"top_share": self.top_share, "threshold": self.threshold,
                      "top_k": self.top_k, "per_agent_per_day": self.per_agent}[name]  # fmt: skip
            widget.setEnabled(self.refused is None and field_mode is mode)

    # --- the edited policy --------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "mode": self.mode.currentData(),
            "top_share": round(self.top_share.value() / 100, 6),
            "threshold": round(self.threshold.value() / 100, 6),
            "top_k": self.top_k.value(),
            "per_agent_per_day": self.per_agent.value(),
            "rise_points": self.rise_points.value(),
            "payment_at_risk": self.payment.isChecked(),
        }

    def edited_policy(self) -> AlertPolicy | None:
        """The editor's policy; None after showing the bad field's message next to it."""
        for label in self.errors.values():
            label.setVisible(False)
        try:
            return checked_policy(self.values())
        except ValidationError as exc:
            for name, message in exc.errors.items():
                label = self.errors.get(name, self.errors["mode"])
                label.setText(message)
                label.setVisible(True)
            return None

    # --- backtest -----------------------------------------------------------------------------

    def run_backtest(self) -> TaskState | None:
        policy = self.edited_policy()
        if policy is None:
            return None
        from desktop.core.churn.policy.runner import run_backtest

        database = self.ctx.database
        snapshots, step = self.snapshots.value(), self.step_days.value()
        as_of = datetime.now()

        def job(state: TaskState) -> dict[str, Any]:
            return run_backtest(
                database, policy, as_of=as_of, snapshots=snapshots, step_days=step, state=state
            )

        self.tested = policy
        self.progress.setText(self.tr("Backtesting…"))
        state = workers.submit_task(job, self._done, self._job_failed, self._progressed, owner=self)
        self.backtest_state = state
        self.backtest_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        return state

    def _progressed(self, done: int, total: int, text: str) -> None:
        if total:
            text = self.tr("{step} ({done} of {total})").format(
                step=text, done=i18n.number(done), total=i18n.number(total)
            )
        self.progress.setText(text)

    def cancel_backtest(self) -> None:
        if self.backtest_state is not None:
            self.backtest_state.cancel()

    def _finished(self) -> None:
        self.backtest_state = None
        self.backtest_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _job_failed(self, exc: BaseException) -> None:
        self._finished()
        if isinstance(exc, Cancelled):
            self.progress.setText(self.tr("Backtest cancelled"))
        else:
            self.progress.setText(write_message(exc))

    def _done(self, report: dict[str, Any]) -> None:
        self._finished()
        self.report = report
        self.progress.setText(
            self.tr("Backtested with model {model} over {n} cutoffs").format(
                model=report["model"], n=i18n.number(len(report["cutoffs"]))
            )
        )
        self.show_report(report)
        self.backtested.emit(report)

    def show_report(self, report: dict[str, Any]) -> None:
        r = report["result"]
        lead = r["median_lead_days"]
        recall = self.tr("{share} ({caught} of {churners})").format(
            share=_pct(r["recall"]),
            caught=i18n.number(r["churners_caught"]),
            churners=i18n.number(r["churners"]),
        )
        per_agent = self.tr("{n} ({agents} agents)").format(
            n=i18n.decimal(r["alerts_per_agent_per_day"]), agents=i18n.number(r["agents"])
        )
        lead_text = (
            "–"
            if lead is None
            else self.tr("{days} days before churn").format(days=i18n.number(round(lead)))
        )
        revenue = self.tr("{money} a year ({share})").format(
            money=i18n.decimal(r["revenue_covered"], 2), share=_pct(r["revenue_covered_share"])
        )
        rows = (
            (self.tr("Precision"), _pct(r["precision"])),
            (self.tr("Recall"), recall),
            (self.tr("Alerts per day"), i18n.decimal(r["alerts_per_day"])),
            (self.tr("Alerts per agent per day"), per_agent),
            (self.tr("Median lead time"), lead_text),
            (self.tr("Revenue covered"), revenue),
        )
        table = "".join(  # a value never breaks across lines
            f"<tr><td>{k}</td><td align=right><b>{v.replace(' ', '&nbsp;')}</b></td></tr>"
            for k, v in rows
        )
        title = describe(self.tested) if self.tested is not None else report["policy"]
        cutoffs = report["cutoffs"]
        first, last = (i18n.day(date.fromisoformat(d)) for d in (cutoffs[0], cutoffs[-1]))
        self.figures.setText(
            f"<b>{title}</b><br>"
            + self.tr("cutoffs {first} … {last}").format(first=first, last=last)
            + f"<table>{table}</table>"
        )
        points = sorted(report.get("sweep") or [], key=lambda p: p["alerts_per_day"])
        series = []
        if points:
            xs = [float(p["alerts_per_day"]) for p in points]
            series = [
                Series(
                    self.tr("precision"), xs, [100 * float(p["precision"] or 0) for p in points]
                ),
                Series(self.tr("recall"), xs, [100 * float(p["recall"] or 0) for p in points]),
            ]
            if r["precision"] is not None:
                series.append(
                    Series(
                        self.tr("this policy (precision)"),
                        [float(r["alerts_per_day"])],
                        [100 * float(r["precision"])],
                        {"symbol": "star"},
                    )
                )
        self.chart.set_lines(series)

    # --- apply --------------------------------------------------------------------------------

    def apply(self) -> LivePolicy | None:
        policy = self.edited_policy()
        if policy is None or self.refused is not None:
            return None
        version = self.live.version if self.live is not None else None
        live = run_write(self, lambda: self.ctx.services.apply_alert_policy(policy, version))
        if live is None:
            self.refresh()  # someone else's policy, or a refusal: show what is live now
            return None
        self._show_live(live)
        self.ctx.events.message.emit(
            self.tr("Alert policy applied: {policy}").format(policy=describe(live.policy))
        )
        self.ctx.events.changed.emit("alert_policy")
        return live
