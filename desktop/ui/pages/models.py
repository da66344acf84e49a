"""The Models page: model versions with their metrics and curves, training, activation and
scoring runs; and the alert policy with its backtest (`alert_policy.AlertPolicyPanel`, a tab).

Training and scoring run as background jobs (status bar: progress and cancel) through the same
engine as `churnwatch train` and `churnwatch score`; scoring workers run on a QThreadPool.
One page of versions, their charts and runs, sharing one loaded state: kept as one module.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee as pw
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db import models as m
from db.choices import ModelStatus, RunStatus
from db.tasks import Cancelled, TaskState
from db.validation import ValidationError
from desktop.core.churn import scoring, training
from desktop.core.churn.as_of import default_as_of, scoring_as_of
from desktop.core.churn.features.spec import label_for
from desktop.core.read.dashboard import Series
from desktop.ui import i18n, workers
from desktop.ui.context import AppContext
from desktop.ui.messages import user_text
from desktop.ui.pages.alert_policy import AlertPolicyPanel
from desktop.ui.widgets.charts import Chart
from desktop.ui.widgets.writes import read_message, write_message

log = logging.getLogger(__name__)

# Column titles and metric names, translated where shown (context "ModelsPage").
VERSION_COLUMNS = (
    QT_TRANSLATE_NOOP("ModelsPage", "Name"),
    QT_TRANSLATE_NOOP("ModelsPage", "Algorithm"),
    QT_TRANSLATE_NOOP("ModelsPage", "Status"),
    QT_TRANSLATE_NOOP("ModelsPage", "Trained"),
    "ROC AUC",
    "PR AUC",
    "F1",
    "Brier",
    QT_TRANSLATE_NOOP("ModelsPage", "Lift"),
)
RUN_COLUMNS = (
    QT_TRANSLATE_NOOP("ModelsPage", "Run"),
    QT_TRANSLATE_NOOP("ModelsPage", "Model"),
    QT_TRANSLATE_NOOP("ModelsPage", "Status"),
    QT_TRANSLATE_NOOP("ModelsPage", "Scored"),
    QT_TRANSLATE_NOOP("ModelsPage", "Alerts"),
    QT_TRANSLATE_NOOP("ModelsPage", "Started"),
    QT_TRANSLATE_NOOP("ModelsPage", "Finished"),
    QT_TRANSLATE_NOOP("ModelsPage", "As of"),
)
METRIC_LABELS = (
    ("accuracy", QT_TRANSLATE_NOOP("ModelsPage", "Accuracy")),
    ("precision", QT_TRANSLATE_NOOP("ModelsPage", "Precision")),
    ("recall", QT_TRANSLATE_NOOP("ModelsPage", "Recall")),
    ("f1", "F1"),
    ("roc_auc", "ROC AUC"),
    ("pr_auc", "PR AUC"),
    ("brier", QT_TRANSLATE_NOOP("ModelsPage", "Brier score")),
    ("log_loss", QT_TRANSLATE_NOOP("ModelsPage", "Log loss")),
    ("ece", QT_TRANSLATE_NOOP("ModelsPage", "Calibration error (decile ECE)")),
    ("top_decile_lift", QT_TRANSLATE_NOOP("ModelsPage", "Top-decile lift")),
    ("threshold", QT_TRANSLATE_NOOP("ModelsPage", "Threshold")),
)
RECENT_RUNS = 20
WINNER_RULE = QT_TRANSLATE_NOOP(
    "ModelsPage",
    "The winner of its training run: among the models within 0.01 of the best validation PR AUC "
    "(churners are rare, so precision among the flagged matters most), the best calibrated "
    "(lowest log loss): its probabilities are the ones shown and alerted on",
)


# The model and run statuses as shown (db.choices.ModelStatus, RunStatus).
STATUS_WORDS = (
    QT_TRANSLATE_NOOP("ModelsPage", "candidate"),
    QT_TRANSLATE_NOOP("ModelsPage", "active"),
    QT_TRANSLATE_NOOP("ModelsPage", "retired"),
    QT_TRANSLATE_NOOP("ModelsPage", "pending"),
    QT_TRANSLATE_NOOP("ModelsPage", "running"),
    QT_TRANSLATE_NOOP("ModelsPage", "cancelled"),
    QT_TRANSLATE_NOOP("ModelsPage", "completed"),
    QT_TRANSLATE_NOOP("ModelsPage", "failed"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("ModelsPage", text)


@dataclass(frozen=True)
class ModelsData:
    versions: list[dict[str, Any]]  # training.describe_model, plus "curves"
    runs: list[scoring.RunSummary]
    active: str | None


ALGORITHMS = {
    "gradient_boosting": QT_TRANSLATE_NOOP("ModelsPage", "gradient boosting"),
    "logistic_regression": QT_TRANSLATE_NOOP("ModelsPage", "logistic regression"),
    "rfm_logistic": QT_TRANSLATE_NOOP("ModelsPage", "RFM logistic regression"),
}
PROTOCOLS = {
    "out-of-time": QT_TRANSLATE_NOOP("ModelsPage", "out-of-time"),
    "stratified k-fold": QT_TRANSLATE_NOOP("ModelsPage", "stratified k-fold"),
}
# The rule each churn definition trains and scores on (the core stores it in English, for the
# command line; the page says it again in the user's language from the definition).
POPULATION_RULES = {
    "status": QT_TRANSLATE_NOOP(
        "ModelsPage",
        "customers not yet churned at the cutoff (a churned account without a date counts as "
        "churned in the newest period)",
    ),
    "inactivity": QT_TRANSLATE_NOOP(
        "ModelsPage",
        "customers with an order in the {days} days before the cutoff (the lapsed, already "
        "inactive that long, are left out, as scoring leaves them out)",
    ),
}
DEFINITIONS = {
    "status": QT_TRANSLATE_NOOP("ModelsPage", "account status is churned"),
    "inactivity": QT_TRANSLATE_NOOP("ModelsPage", "no order for {days} days"),
}


def _algorithm(code: str) -> str:
    return _t(ALGORITHMS[code]) if code in ALGORITHMS else code


def _protocol(code: str) -> str:
    return _t(PROTOCOLS[code]) if code in PROTOCOLS else code


def _stamp(text: Any, *, with_time: bool = False) -> str:
    """A date (and time) the core stores as ISO text, in the locale's form."""
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError:
        return str(text or "")
    return i18n.moment(value) if with_time else i18n.day(value)


def _definition(train: dict[str, Any]) -> str:
    code = train.get("churn_definition")
    if code not in DEFINITIONS:
        return str(code or "–")
    return _t(DEFINITIONS[code]).format(days=i18n.number(int(train.get("inactive_days") or 0)))


def _population_line(population: Any, train: dict[str, Any] | None = None) -> str:
    """Which customers the metrics describe: the rule and how many (older versions: nothing)."""
    if not isinstance(population, dict):
        return ""
    line = QCoreApplication.translate("ModelsPage", "metrics describe {n} {rule}")
    code = (train or {}).get("churn_definition")
    if code in POPULATION_RULES:
        days = i18n.number(int((train or {}).get("inactive_days") or 0))
        rule = _t(POPULATION_RULES[code]).format(days=days)
    else:
        rule = population.get("rule") or QCoreApplication.translate("ModelsPage", "customers")
    return "<br>" + line.format(
        n=i18n.number(int(population.get("size") or 0)), rule=html.escape(str(rule))
    )


def load_models() -> ModelsData:
    """Everything the page lists; runs on the database pool."""
    versions = []
    for version in training.list_models():
        described = training.describe_model(version)
        metrics = version.metrics or {}
        described["curves"] = {
            "roc": metrics.get("roc_curve") or [],
            "calibration": metrics.get("calibration_curve") or [],
            "importance": metrics.get("feature_importance") or [],
        }
        versions.append(described)
    run_ids = [
        run_id
        for (run_id,) in m.ScoringRun.select(m.ScoringRun.id)
        .order_by(m.ScoringRun.id.desc())
        .limit(RECENT_RUNS)
        .tuples()
    ]
    active = training.active_model()
    return ModelsData(
        versions, [scoring.run_summary(r) for r in run_ids], active.name if active else None
    )


def _number(value: Any, digits: int = 3) -> str:
    return "–" if not isinstance(value, (int, float)) else i18n.decimal(value, digits)


class _Call(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it (see workers._Job)
        self.fn = fn

    def run(self) -> None:
        self.fn()


class QtSpawner:
    """Runs the scoring engine's worker loops on a QThreadPool of their own (not the pool the
    tables read through, so browsing stays quick while a run goes on). The pool belongs to the
    page and lives on the UI thread; only its use happens in the background job."""

    def __init__(self, pool: QThreadPool, threads: int) -> None:
        self.pool = pool
        self.pool.setMaxThreadCount(max(1, threads))

    def __call__(self, jobs: Sequence[Callable[[], None]]) -> None:
        calls = [_Call(job) for job in jobs]
        for call in calls:
            self.pool.start(call)
        self.pool.waitForDone()


class TrainDialog(QDialog):
    """Training settings; a bad value is shown next to its field and the dialog stays open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Train churn models"))
        days = self.tr(" days")
        self.horizon = QSpinBox(minimum=1, maximum=730, value=90, suffix=days)
        self.definition = QComboBox()
        self.definition.addItem(
            self.tr("Account status is churned"), training.ChurnDefinition.STATUS.value
        )
        self.definition.addItem(
            self.tr("No order for N days"), training.ChurnDefinition.INACTIVITY.value
        )
        self.inactive = QSpinBox(minimum=1, maximum=3650, value=90, suffix=days)
        self.activate = QCheckBox(self.tr("Activate the better model when training finishes"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("horizon_days", self.tr("Prediction horizon"), self.horizon),
            ("churn_definition", self.tr("Churn means"), self.definition),
            ("inactive_days", self.tr("Inactivity (N)"), self.inactive),
        ):
            error = QLabel("", self)
            error.setObjectName("fieldError")
            error.setProperty("role", "error")  # readable on light and dark palettes
            error.setWordWrap(True)
            error.setVisible(False)
            self.errors[key] = error
            box = QVBoxLayout()
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
        form.addRow("", self.activate)
        self.definition.currentIndexChanged.connect(self._definition_changed)
        self._definition_changed()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Train"))
        buttons.button(QDialogButtonBox.Ok).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "A regularised logistic regression, a gradient-boosted model and, on an "
                    "order history, a\n"
                    "logistic regression on recency, frequency, order value and tenure are "
                    "trained on past snapshots\n"
                    "and compared on the most recent one; the best one wins."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.horizon.setFocus()  # the first field, whatever the focus chain's order

    def _definition_changed(self) -> None:
        self.inactive.setEnabled(
            self.definition.currentData() == training.ChurnDefinition.INACTIVITY
        )

    def config(self) -> training.TrainingConfig:
        return training.TrainingConfig(
            horizon_days=self.horizon.value(),
            churn_definition=training.ChurnDefinition(self.definition.currentData()),
            inactive_days=self.inactive.value(),
        )

    def accept(self) -> None:
        for label in self.errors.values():
            label.setVisible(False)
        try:
            self.config().check()
        except ValidationError as exc:
            for field, message in exc.errors.items():
                if field in self.errors:
                    self.errors[field].setText(message)
                    self.errors[field].setVisible(True)
            return
        super().accept()


class ModelsPage(QWidget):
    loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: ModelsData | None = None
        self._latest = workers.Latest(self)
        self.busy: dict[str, TaskState] = {}
        self.scoring_pool = QThreadPool(self)

        bar = self._build_bar()
        detail_box = self._build_details()
        runs_box = self._build_runs()
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.versions)
        split.addWidget(detail_box)
        split.addWidget(runs_box)
        split.setSizes([180, 380, 180])
        self.alert_policy = AlertPolicyPanel(ctx, self)
        self.sections = QTabWidget(self)
        self.sections.addTab(split, self.tr("Versions and runs"))
        self.sections.addTab(self.alert_policy, self.tr("Alert policy"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.sections, 1)

        self.train_button.clicked.connect(self.train)
        self.activate_button.clicked.connect(
            lambda: self._set_status(training.activate_model, self.tr("Model {name} activated"))
        )
        self.retire_button.clicked.connect(
            lambda: self._set_status(training.retire_model, self.tr("Model {name} retired"))
        )
        self.score_button.clicked.connect(self._score_clicked)
        self.resume_button.clicked.connect(self.resume)
        self.runs.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _build_bar(self) -> QVBoxLayout:
        self.summary = QLabel(self.tr("Loading…"), self)
        self.summary.setObjectName("modelsSummary")
        self.train_button = QPushButton(self.tr("Train…"), self)
        self.activate_button = QPushButton(self.tr("Activate"), self)
        self.retire_button = QPushButton(self.tr("Retire"), self)
        self.score_button = QPushButton(self.tr("Score now"), self)
        self.score_button.setToolTip(
            self.tr("Score every customer with the active model (background)")
        )
        self.threads = QSpinBox(self, minimum=1, maximum=8, value=2)
        self.threads.setToolTip(self.tr("Scoring threads on this workstation"))
        # The title with the actions, and the summary on a line of its own below: a long
        # model name is never cut by the buttons.
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        title = QLabel(self.tr("Models"), self)
        title.setProperty("role", "title")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for widget in (self.train_button, self.activate_button, self.retire_button):
            top.addWidget(widget)
        top.addSpacing(12)
        threads = QLabel(self.tr("&Threads"), self)
        threads.setBuddy(self.threads)
        top.addWidget(threads)
        top.addWidget(self.threads)
        top.addWidget(self.score_button)
        bar = QVBoxLayout()
        bar.addLayout(top)
        bar.addWidget(self.summary)
        return bar

    def _build_details(self) -> QGroupBox:
        self.versions = self._table(VERSION_COLUMNS)
        self.versions.itemSelectionChanged.connect(self._show_selected)
        self.details = QLabel(self.tr("Select a model version."), self)
        self.details.setTextFormat(Qt.RichText)
        self.details.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.details.setWordWrap(True)
        self.roc = Chart(self.tr("ROC curve (validation)"), legend_at_bottom=True)
        self.calibration = Chart(self.tr("Reliability (validation)"), legend_at_bottom=True)
        self.importance = Chart(self.tr("Feature importance (PR AUC drop when shuffled)"))
        no_curve = self.tr("No curve stored for this version")
        self.roc.empty_message = self.calibration.empty_message = no_curve
        self.importance.empty_message = self.tr("No importances stored for this version")
        tabs = QTabWidget(self)
        tabs.addTab(self.roc, "ROC")
        tabs.addTab(self.calibration, self.tr("Calibration"))
        tabs.addTab(self.importance, self.tr("Feature importance"))
        self.tabs = tabs
        detail_box = QGroupBox(self.tr("Selected version"), self)
        detail_layout = QHBoxLayout(detail_box)
        scroll = QScrollArea(detail_box)  # the metrics and training facts, never cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.details)
        detail_layout.addWidget(scroll, 1)
        detail_layout.addWidget(tabs, 2)
        return detail_box

    def _build_runs(self) -> QGroupBox:
        self.runs = self._table(RUN_COLUMNS)
        self.resume_button = QPushButton(self.tr("Resume run"), self)
        self.resume_button.setToolTip(
            self.tr(
                "Score what a cancelled, failed or stalled run (its scorers are gone) left undone"
            )
        )
        runs_box = QGroupBox(self.tr("Scoring runs"), self)
        runs_layout = QVBoxLayout(runs_box)
        runs_layout.addWidget(self.runs)
        runs_layout.addWidget(self.resume_button, 0, Qt.AlignRight)
        return runs_box

    def _table(self, columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns), self)
        table.setHorizontalHeaderLabels([_t(column) for column in columns])
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)  # the model / algorithm column
        header.setStretchLastSection(False)
        return table

    # --- loading ------------------------------------------------------------------------------

    def start(self) -> None:
        if self.data is None and not self._latest.loading:
            self.refresh()

    def refresh(self) -> None:
        self._latest.load(load_models, self._show, self._failed)
        self.alert_policy.refresh()

    @property
    def loading(self) -> bool:
        return self._latest.loading

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(read_message(exc, self.tr("the models")))

    def _show(self, data: ModelsData) -> None:
        selected = self.selected_version()
        self.data = data
        self.versions.setRowCount(len(data.versions))
        for row, v in enumerate(data.versions):
            metrics = v["metrics"]
            cells = (
                v["name"],
                _algorithm(v["algorithm"]),
                _t(v["status"]) + (self.tr(" · winner") if v["selected"] else ""),
                _stamp(v["trained_at"], with_time=True) if v["trained_at"] else "",
                _number(metrics.get("roc_auc")),
                _number(metrics.get("pr_auc")),
                _number(metrics.get("f1")),
                _number(metrics.get("brier")),
                _number(metrics.get("top_decile_lift"), 2),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                if col >= 4:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if v["selected"]:
                    item.setToolTip(_t(WINNER_RULE))
                self.versions.setItem(row, col, item)
        self.runs.setRowCount(len(data.runs))
        for row, run in enumerate(data.runs):
            cells = (
                f"#{run.run_id}",
                run.model,
                self.tr("stalled (no scorer left)") if run.stalled else _t(run.status),
                f"{i18n.number(run.scored)} / {i18n.number(run.total)}",
                i18n.number(run.alerts),
                i18n.moment(run.started_at),
                i18n.moment(run.finished_at) if run.finished_at else "",
                i18n.moment(run.as_of) if run.as_of else "",
            )
            for col, text in enumerate(cells):
                self.runs.setItem(row, col, QTableWidgetItem(text))
        self.summary.setText(self._summary_text(data))
        names = [v["name"] for v in data.versions]
        row = names.index(selected) if selected in names else (0 if names else -1)
        if row >= 0:
            self.versions.selectRow(row)
        self._show_selected()
        self._update_buttons()
        self.loaded.emit(data)

    def _summary_text(self, data: ModelsData) -> str:
        """The line above the versions: the active model and its last run, or what to do."""

        if data.active:
            last = data.runs[0] if data.runs else None
            text = self.tr("Active model: <b>{name}</b>").format(name=data.active)
            trained = next((v for v in data.versions if v["name"] == data.active), {})
            if trained.get("as_of"):
                text += self.tr(" (trained as of {day})").format(day=_stamp(trained["as_of"]))
            if last:
                text += self.tr(" · last run #{run} {status}, {n} scored").format(
                    run=last.run_id, status=_t(last.status), n=i18n.number(last.scored)
                )
                if last.as_of:
                    text += self.tr(" as of {day}").format(day=i18n.day(last.as_of))
        elif data.versions:
            text = self.tr("No active model: select a version and Activate it to score")
        else:
            text = self.tr("No model yet: Train one from the customers' history")
        return text

    # --- selection ----------------------------------------------------------------------------

    def selected_version(self) -> str | None:
        rows = self.versions.selectionModel().selectedRows()
        if not rows or self.data is None:
            return None
        return str(self.data.versions[rows[0].row()]["name"])

    def _selected(self) -> dict[str, Any] | None:
        name = self.selected_version()
        return next(
            (v for v in (self.data.versions if self.data else []) if v["name"] == name), None
        )

    def selected_run(self) -> scoring.RunSummary | None:
        rows = self.runs.selectionModel().selectedRows()
        if not rows or self.data is None:
            return None
        return self.data.runs[rows[0].row()]

    def _update_buttons(self) -> None:
        version = self._selected()
        scoring_now = "score" in self.busy
        self.activate_button.setEnabled(bool(version) and version["status"] != ModelStatus.ACTIVE)
        self.retire_button.setEnabled(bool(version) and version["status"] != ModelStatus.RETIRED)
        self.train_button.setEnabled("train" not in self.busy)
        self.score_button.setEnabled(bool(self.data and self.data.active) and not scoring_now)
        run = self.selected_run()
        resumable = {RunStatus.CANCELLED.value, RunStatus.FAILED.value}
        can_resume = bool(run) and (run.status in resumable or run.stalled)
        self.resume_button.setEnabled(can_resume and not scoring_now)

    def _show_selected(self) -> None:
        version = self._selected()
        self._update_buttons()
        if version is None:
            self.details.setText(self.tr("Select a model version."))
            for chart in (self.roc, self.calibration):
                chart.set_lines([])
            self.importance.set_hbars([], [], self.tr("importance"))
            return
        metrics, train = version["metrics"], version["training"]
        rows = "".join(
            f"<tr><td>{_t(label)}</td><td align=right><b>{_number(metrics.get(key))}</b></td></tr>"
            for key, label in METRIC_LABELS
        )
        matrix = metrics.get("confusion_matrix")  # [[tn, fp], [fn, tp]] on validation
        confusion = ""
        if isinstance(matrix, list) and len(matrix) == 2:
            (tn, fp), (fn, tp) = matrix
            n = i18n.number
            confusion = self.tr(
                "<p><b>At the threshold</b> (validation):<br>"
                "churners caught {tp}, missed {fn}<br>"
                "false alarms {fp}, correctly quiet {tn}</p>"
            ).format(tp=n(tp), fn=n(fn), fp=n(fp), tn=n(tn))
        rate = train.get("churn_rate")
        dates = train.get("date_range") or ["", ""]
        won = f"<br><i>{_t(WINNER_RULE)}.</i>" if version["selected"] else ""
        churn = "" if rate is None else self.tr("{rate} churn, ").format(rate=i18n.percent(rate))
        training_text = self.tr(
            "<b>Training data</b>: {rows} rows, {churn}{first} → {last}<br>"
            "churn = {definition}, horizon {horizon} days<br>"
            "validation rows {validation}, {protocol}"
        ).format(
            rows=i18n.number(train.get("rows") or 0),
            churn=churn,
            first=_stamp(dates[0]) if dates[0] else "",
            last=_stamp(dates[-1]) if dates[-1] else "",
            definition=_definition(train),
            horizon=train.get("horizon_days") or "–",
            validation=i18n.number(train.get("validation_rows") or 0),
            protocol=_protocol(train.get("validation_protocol") or "out-of-time"),
        )
        artifact = self.tr("artifact sha256 {hash}…").format(
            hash=str(version["artifact_sha256"] or "")[:16]
        )
        self.details.setText(
            f"<b>{version['name']}</b> – {_algorithm(version['algorithm'])}, "
            f"{_t(version['status'])}{won}<br>"
            f"<table>{rows}</table>{confusion}"
            f"<p>{training_text}"
            f"{_population_line(train.get('population'), train)}</p>"
            f"<p><small>{artifact}</small></p>"
        )
        curves = version["curves"]
        roc = curves["roc"]
        diagonal = Series(self.tr("chance"), [0.0, 1.0], [0.0, 1.0])
        self.roc.set_lines(
            [Series(self.tr("model"), [p[0] for p in roc], [p[1] for p in roc]), diagonal]
            if roc
            else []
        )
        cal = curves["calibration"]
        ece = metrics.get("ece")
        self.calibration.set_note(
            ""
            if ece is None
            else self.tr("calibration error (decile ECE) {ece}").format(ece=i18n.decimal(ece, 3))
        )
        self.calibration.set_lines(
            [
                Series(
                    self.tr("observed churn rate"),
                    [b["mean_predicted"] for b in cal],
                    [b["observed_rate"] for b in cal],
                ),
                Series(self.tr("perfect calibration"), [0.0, 1.0], [0.0, 1.0]),
            ]
            if cal
            else []
        )
        top = curves["importance"][:12]
        self.importance.set_hbars(
            [_feature_label(f) for f in top],
            [float(f.get("importance", 0.0)) for f in top],
            self.tr("importance"),
        )

    # --- actions ------------------------------------------------------------------------------

    def _jobs(self) -> Any:
        return self.window().jobs  # type: ignore[attr-defined]

    def _set_status(self, change: Callable[..., m.ModelVersion], done: str) -> None:
        name = self.selected_version()
        if name is None:
            return
        try:
            change(self.ctx.database, name, user=self.ctx.user)
        except (pw.PeeweeException, ValidationError, scoring.ScoringError) as exc:
            QMessageBox.warning(self, "ChurnWatch", write_message(exc))
            return
        self.ctx.events.message.emit(done.format(name=name))
        self.refresh()

    def train(self) -> TaskState | None:
        dialog = TrainDialog(self)
        if dialog.exec() != QDialog.Accepted:
            return None
        return self.start_training(dialog.config(), activate=dialog.activate.isChecked())

    def start_training(self, config: training.TrainingConfig, *, activate: bool) -> TaskState:
        database, user = self.ctx.database, self.ctx.user

        notes: list[str] = []

        def job(state: TaskState) -> training.TrainingResult:
            chosen = default_as_of(config.horizon_days, given=config.as_of)
            notes.extend([chosen.note] if chosen.note else [])
            return training.train_models(
                database,
                dataclasses.replace(config, as_of=chosen.value),
                state=state,
                user=user,
                activate=activate,
            )

        def done(result: training.TrainingResult) -> None:
            self.busy.pop("train", None)
            winner = result.winner
            self.ctx.events.message.emit(
                self.tr("Trained {n} models in {s} s; {winner} won (ROC AUC {auc})").format(
                    n=len(result.candidates),
                    s=i18n.decimal(result.elapsed, 0),
                    winner=winner.algorithm,
                    auc=_number(winner.metrics.get("roc_auc")),
                )
                + (f". {user_text(notes[0])}" if notes else "")
            )
            self.refresh()

        title = self.tr("Training models")
        state = self._jobs().start(title, job, done, self._job_failed("train"))
        self.busy["train"] = state
        self._update_buttons()
        return state

    def score(self, resume: int | None = None) -> TaskState:
        database, user, threads = self.ctx.database, self.ctx.user, self.threads.value()
        spawner = QtSpawner(self.scoring_pool, threads)

        notes: list[str] = []

        def job(state: TaskState) -> scoring.RunReport:
            as_of = None
            if resume is None:  # as `churnwatch score`: now, or the end of an old history
                chosen = scoring_as_of(scoring.resolve_model(None))
                as_of = chosen.run_value
                notes.extend([chosen.note] if chosen.note else [])
            return scoring.score(
                database, workers=threads, resume=resume, as_of=as_of, state=state, user=user,
                spawn=spawner,
            )  # fmt: skip

        def done(report: scoring.RunReport) -> None:
            self.busy.pop("score", None)
            joined = self.tr(" (joined the run already in progress)") if report.joined else ""
            when = (
                self.tr(", as of {when}").format(when=i18n.moment(report.as_of))
                if report.as_of
                else ""
            )
            self.ctx.events.message.emit(
                self.tr(
                    "Run #{run}{joined}: {scored} customers scored, {alerts} alerts "
                    "raised in {s} s{when}"
                ).format(
                    run=report.run_id,
                    joined=joined,
                    scored=i18n.number(report.scored),
                    alerts=i18n.number(report.alerts),
                    s=i18n.decimal(report.elapsed, 1),
                    when=when,
                )
                + (f". {user_text(notes[0])}" if notes else "")
            )
            for what in ("customers", "alerts"):
                self.ctx.events.changed.emit(what)
            self.refresh()

        title = self.tr("Scoring customers")
        state = self._jobs().start(title, job, done, self._job_failed("score"))
        self.busy["score"] = state
        self._update_buttons()
        return state

    def _score_clicked(self) -> None:
        self.score()

    def resume(self) -> None:
        run = self.selected_run()
        if run is not None:
            self.score(resume=run.run_id)

    def _job_failed(self, key: str) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            self.busy.pop(key, None)
            self._update_buttons()
            if isinstance(exc, Cancelled):
                self.ctx.events.message.emit(str(exc) or self.tr("Cancelled"))
            else:
                QMessageBox.warning(self, "ChurnWatch", write_message(exc))
            self.refresh()

        return failed


def _feature_label(feature: dict[str, Any]) -> str:
    """A feature's label in the user's language (the stored one is English)."""
    name = str(feature.get("name") or "")
    return user_text(label_for(name) or feature.get("label") or name)
