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
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from desktop.ui import workers
from desktop.ui.context import AppContext
from desktop.ui.roles import restrict
from desktop.ui.widgets.charts import Chart
from desktop.ui.widgets.writes import read_message, run_write, write_message

log = logging.getLogger(__name__)

MODES = (
    (PolicyMode.TOP_SHARE, "Top share of customers by expected lost revenue"),
    (PolicyMode.THRESHOLD, "Churn probability at least a threshold"),
    (PolicyMode.TOP_K, "Top K customers by expected lost revenue"),
    (PolicyMode.PER_AGENT_CAP, "At most N new alerts per agent per day"),
)
FIELD_OF_MODE = {
    PolicyMode.TOP_SHARE: "top_share",
    PolicyMode.THRESHOLD: "threshold",
    PolicyMode.TOP_K: "top_k",
    PolicyMode.PER_AGENT_CAP: "per_agent_per_day",
}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


class AlertPolicyPanel(QWidget):
    """See the module docstring. `backtested` carries each backtest's report (a dict)."""

    backtested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.live: LivePolicy | None = None
        self.report: dict[str, Any] | None = None
        self.backtest_state: TaskState | None = None
        self._latest = workers.Latest(self)
        self.refused = why_not(ctx.user, Perm.ALERT_POLICY)

        editor = self._build_editor()
        results = self._build_results()
        layout = QHBoxLayout(self)
        layout.addWidget(editor, 1)
        layout.addWidget(results, 2)

        self.backtest_button.clicked.connect(self.run_backtest)
        self.cancel_button.clicked.connect(self.cancel_backtest)
        self.apply_button.clicked.connect(self.apply)
        self._mode_changed()
        restrict(self, ctx.user)  # agents: the editor and Apply disabled, saying why

    def _build_form(self) -> QFormLayout:
        self.live_label = QLabel("Loading the live policy…", self)
        self.live_label.setObjectName("livePolicy")
        self.live_label.setWordWrap(True)
        self.live_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.mode = QComboBox(self)
        for mode, label in MODES:
            self.mode.addItem(label, mode.value)
        self.top_share = QDoubleSpinBox(self, minimum=0.0, maximum=100.0, decimals=1, suffix=" %")
        self.threshold = QDoubleSpinBox(self, minimum=0.0, maximum=100.0, decimals=1, suffix=" %")
        self.top_k = QSpinBox(self, minimum=0, maximum=1_000_000)
        self.per_agent = QSpinBox(self, minimum=0, maximum=10_000)
        self.rise_points = QDoubleSpinBox(self, minimum=0.0, maximum=100.0, decimals=1,
                                          suffix=" points")  # fmt: skip
        self.rise_points.setToolTip("Also alert on a rise of this many points (0: off)")
        self.payment = QCheckBox("Payment failures move accounts to at-risk", self)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("mode", "&Alert when", self.mode),
            ("top_share", "Top &share", self.top_share),
            ("threshold", "&Threshold", self.threshold),
            ("top_k", "Top &K", self.top_k),
            ("per_agent_per_day", "Per agent per &day", self.per_agent),
            ("rise_points", "&Rise of", self.rise_points),
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
            form.addRow(label, box)
        self.editors: tuple[QWidget, ...] = (
            self.mode, self.top_share, self.threshold, self.top_k, self.per_agent,
            self.rise_points, self.payment,
        )  # fmt: skip
        self.mode.currentIndexChanged.connect(self._mode_changed)

        return form

    def _build_editor(self) -> QGroupBox:
        form = self._build_form()
        self.snapshots = QSpinBox(self, minimum=1, maximum=104, value=6, suffix=" cutoffs")
        self.step_days = QSpinBox(self, minimum=1, maximum=365, value=7, suffix=" days apart")
        self.backtest_button = QPushButton("&Backtest", self)
        self.backtest_button.setToolTip(
            "Replay this policy over past cutoffs with the active model (background)"
        )
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setEnabled(False)
        self.apply_button = QPushButton("Apply", self)
        self.apply_button.setToolTip("Make this policy the live one (audited)")
        self.progress = QLabel("", self)
        run_row = QHBoxLayout()
        run_row.addWidget(self.snapshots)
        run_row.addWidget(self.step_days)
        run_row.addWidget(self.backtest_button)
        run_row.addWidget(self.cancel_button)
        run_row.addStretch(1)
        run_row.addWidget(self.apply_button)

        editor = QGroupBox("Policy", self)
        editor_layout = QVBoxLayout(editor)
        editor_layout.addWidget(self.live_label)
        editor_layout.addLayout(form)
        editor_layout.addLayout(run_row)
        editor_layout.addWidget(self.progress)

        return editor

    def _build_results(self) -> QGroupBox:
        self.figures = QLabel("Run a backtest to see how this policy would have done.", self)
        self.figures.setObjectName("backtestFigures")
        self.figures.setTextFormat(Qt.RichText)
        self.figures.setWordWrap(True)
        self.figures.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.figures.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.chart = Chart(
            "Precision and recall vs alerts per day (top share 1 %–50 %)",
            y_label="%",
            unit=" %",
            legend_at_bottom=True,
        )
        self.chart.empty_message = "Run a backtest to draw the sweep"
        self.chart.set_lines([])
        results = QGroupBox("Backtest", self)
        results_layout = QHBoxLayout(results)
        results_layout.addWidget(self.figures, 1)
        results_layout.addWidget(self.chart, 2)

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
            "the default (never changed)"
            if live.set_at is None
            else f"applied by {live.set_by or 'someone'} on {live.set_at:%Y-%m-%d %H:%M} UTC"
        )
        self.live_label.setText(f"Live: {live.policy.describe()} — {who}")
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

        self.progress.setText("Backtesting…")
        state = workers.submit_task(job, self._done, self._job_failed, self._progressed, owner=self)
        self.backtest_state = state
        self.backtest_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        return state

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress.setText(f"{text} ({done} of {total})" if total else text)

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
            self.progress.setText("Backtest cancelled")
        else:
            self.progress.setText(write_message(exc))

    def _done(self, report: dict[str, Any]) -> None:
        self._finished()
        self.report = report
        self.progress.setText(
            f"Backtested with model {report['model']} over {len(report['cutoffs'])} cutoffs"
        )
        self.show_report(report)
        self.backtested.emit(report)

    def show_report(self, report: dict[str, Any]) -> None:
        r = report["result"]
        lead = r["median_lead_days"]
        rows = (
            ("Precision", _pct(r["precision"])),
            ("Recall", f"{_pct(r['recall'])} ({r['churners_caught']:,} of {r['churners']:,})"),
            ("Alerts per day", f"{r['alerts_per_day']:.1f}"),
            (
                "Alerts per agent per day",
                f"{r['alerts_per_agent_per_day']:.1f} ({r['agents']} agents)",
            ),
            ("Median lead time", "–" if lead is None else f"{lead:.0f} days before churn"),
            (
                "Revenue covered",
                f"{r['revenue_covered']:,.2f} a year ({_pct(r['revenue_covered_share'])})",
            ),
        )
        table = "".join(f"<tr><td>{k}</td><td align=right><b>{v}</b></td></tr>" for k, v in rows)
        self.figures.setText(
            f"<b>{report['policy']}</b><br>cutoffs {report['cutoffs'][0]} … "
            f"{report['cutoffs'][-1]}<table>{table}</table>"
        )
        points = sorted(report.get("sweep") or [], key=lambda p: p["alerts_per_day"])
        series = []
        if points:
            xs = [float(p["alerts_per_day"]) for p in points]
            series = [
                Series("precision", xs, [100 * float(p["precision"] or 0) for p in points]),
                Series("recall", xs, [100 * float(p["recall"] or 0) for p in points]),
            ]
            if r["precision"] is not None:
                series.append(
                    Series(
                        "this policy (precision)",
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
        self.ctx.events.message.emit(f"Alert policy applied: {live.policy.describe()}")
        self.ctx.events.changed.emit("alert_policy")
        return live
