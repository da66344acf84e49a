"""File → Import…: choose what to import and the file, check the guessed mapping, preview the
first rows as they will be stored, dry run, import. Reading the file, the dry run and the
import run off the UI thread (the import as a job with progress and cancel in the status bar);
the pages reload when it is done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.tasks import TaskState
from desktop.core import imports
from desktop.core.imports.catalogue import KINDS
from desktop.core.imports.values import FORMAT_LABELS
from desktop.ui import workers
from desktop.ui.context import AppContext
from desktop.ui.messages import user_text

UNMAPPED = QT_TRANSLATE_NOOP("ImportDialog", "— not imported —")
PREVIEW_ROWS = 10
CHANGED_BY_KIND = {"customers": "customers", "tickets": "tickets", "ticket-messages": "tickets"}


class ImportDialog(QDialog):
    def __init__(  # noqa: PLR0915 - builds the layout
        self, ctx: AppContext, jobs: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.jobs = ctx, jobs
        self.plan: imports.Plan | None = None
        self.report: imports.Report | None = None
        self.setWindowTitle(self.tr("Import"))
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for name, kind in KINDS.items():
            self.kind.addItem(user_text(kind.label), name)
        form.addRow(self.tr("&What"), self.kind)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("a CSV or XLSX file"))
        self.browse = QPushButton(self.tr("Choose…"))
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form.addRow(self.tr("&File"), row)
        self.date_format = QComboBox()
        self.date_format.addItem(self.tr("Detect per column"), None)
        for key, label in FORMAT_LABELS.items():
            self.date_format.addItem(user_text(label), key)
        form.addRow(self.tr("&Dates"), self.date_format)
        self.decimal = QComboBox()
        for label, value in (
            (self.tr("Detect per column"), None),
            (self.tr("Decimal point (12.50)"), False),
            (self.tr("Decimal comma (12,50)"), True),
        ):
            self.decimal.addItem(label, value)
        form.addRow(self.tr("&Numbers"), self.decimal)
        self.create_customers = QCheckBox(
            self.tr("Create the customers rows refer to that are not known")
        )
        self.keep_valid = QCheckBox(
            self.tr("Import the valid rows, save the rejected ones beside the file")
        )
        form.addRow("", self.create_customers)
        form.addRow("", self.keep_valid)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(self.tr("Columns (check the guess; change a field to correct it):"))
        )
        self.mapping = QTableWidget(0, 2)
        self.mapping.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field")])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.mapping, 1)
        layout.addWidget(QLabel(self.tr("Preview (the first rows as they will be stored):")))
        self.preview = QTableWidget(0, 0)
        layout.addWidget(self.preview, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.mapping_name = QLineEdit()
        self.mapping_name.setPlaceholderText(self.tr("mapping name"))
        self.save_button = QPushButton(self.tr("Save mapping"))
        self.dry_run_button = QPushButton(self.tr("Dry run"))
        self.import_button = QPushButton(self.tr("Import"))
        self.close_button = QPushButton(self.tr("Close"))
        for w in (self.mapping_name, self.save_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        for w in (self.dry_run_button, self.import_button, self.close_button):
            buttons.addWidget(w)
        layout.addLayout(buttons)
        self.browse.clicked.connect(self.choose_file)
        self.path.editingFinished.connect(self.load)
        self.kind.currentIndexChanged.connect(lambda _i: self.load())
        self.date_format.currentIndexChanged.connect(lambda _i: self.reload())
        self.decimal.currentIndexChanged.connect(lambda _i: self.reload())
        self.dry_run_button.clicked.connect(lambda: self.start(dry_run=True))
        self.import_button.clicked.connect(lambda: self.start(dry_run=False))
        self.save_button.clicked.connect(self.save_mapping)
        self.close_button.clicked.connect(self.reject)
        self._set_ready(False)

    # --- the file and its mapping -------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a file"),
            "",
            self.tr("Tables (*.csv *.txt *.xlsx);;All files (*)"),
        )
        if name:
            self.path.setText(name)
            self.load()

    def _options(self) -> imports.Options:
        return imports.Options(
            date_format=self.date_format.currentData(),
            decimal_comma=self.decimal.currentData(),
            create_customers=self.create_customers.isChecked(),
        )

    def columns(self) -> dict[str, str]:
        out = {}
        for r in range(self.mapping.rowCount()):
            header = self.mapping.item(r, 0).text()
            field = self.mapping.cellWidget(r, 1).currentData()
            if field:
                out[header] = field
        return out

    def load(self) -> None:
        """Open the file and guess its mapping (off the UI thread)."""
        self._prepare(None)

    def reload(self) -> None:
        """The user corrected the mapping or the options: plan and preview again."""
        if self.plan is not None:
            self._prepare(self.columns())

    def _prepare(self, columns: dict[str, str] | None) -> None:
        path = self.path.text().strip()
        if not path:
            return
        kind, options = self.kind.currentData(), self._options()
        self._set_ready(False)
        self.status.setText(self.tr("Reading the file…"))

        def work() -> tuple[imports.Plan, list[Any]]:
            plan = imports.prepare(kind, path, columns=columns, options=options)
            return plan, imports.preview(plan, PREVIEW_ROWS)

        workers.submit(work, self._prepared, self._failed, owner=self)

    def _prepared(self, result: tuple[imports.Plan, list[Any]]) -> None:
        plan, rows = result
        fresh = self.plan is None or self.plan.source.path != plan.source.path or (
            self.plan.kind is not plan.kind)  # fmt: skip
        self.plan = plan
        if fresh or self.mapping.rowCount() != len(plan.source.headers):
            self._fill_mapping(plan)
        self._fill_preview(plan, rows)
        notes = [f"{user_text(plan.source.describe())}.", *map(user_text, plan.warnings)]
        missing = plan.missing()
        if missing:
            fields = ", ".join(map(user_text, missing))
            notes.append(self.tr("Map a column to: {fields}.").format(fields=fields))
        self.status.setText(" ".join(notes))
        self._set_ready(not missing)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(user_text(exc))
        self._set_ready(False)

    def _fill_mapping(self, plan: imports.Plan) -> None:
        self.mapping.setRowCount(0)
        for header in plan.source.headers:
            r = self.mapping.rowCount()
            self.mapping.insertRow(r)
            self.mapping.setItem(r, 0, QTableWidgetItem(header))
            box = QComboBox()
            box.addItem(
                self.tr(UNMAPPED) if not plan.kind.extras else self.tr("— kept as an attribute —"),
                "",
            )
            for f in plan.kind.fields:
                box.addItem(user_text(f.label) + (" *" if f.required else ""), f.name)
            box.setCurrentIndex(max(box.findData(plan.columns.get(header, "")), 0))
            box.currentIndexChanged.connect(lambda _i, b=box: self._field_changed(b))
            self.mapping.setCellWidget(r, 1, box)

    def _field_changed(self, changed: QComboBox) -> None:
        """A field takes one column: the column just given it loses nobody else's."""
        field = changed.currentData()
        for r in range(self.mapping.rowCount()):
            box = self.mapping.cellWidget(r, 1)
            if box is not changed and field and box.currentData() == field:
                box.blockSignals(True)
                box.setCurrentIndex(0)
                box.blockSignals(False)
        self.reload()

    def set_field(self, header: str, field: str) -> None:
        """Correct one column's field (as the user would with its box)."""
        for r in range(self.mapping.rowCount()):
            if self.mapping.item(r, 0).text() == header:
                box = self.mapping.cellWidget(r, 1)
                box.setCurrentIndex(box.findData(field))

    def _fill_preview(self, plan: imports.Plan, rows: list[Any]) -> None:
        fields = [f for f in plan.kind.fields if f.name in plan.index]
        self.preview.clear()
        self.preview.setColumnCount(len(fields) + 1)
        self.preview.setHorizontalHeaderLabels(
            [self.tr("Line"), *(user_text(f.label) for f in fields)]
        )
        self.preview.setRowCount(len(rows))
        for r, (line, values) in enumerate(rows):
            self.preview.setItem(r, 0, QTableWidgetItem(QLocale().toString(int(line))))
            if isinstance(values, str):
                self.preview.setItem(r, 1, QTableWidgetItem(user_text(values)))
                continue
            for col, f in enumerate(fields, start=1):
                value = values.get(f.name)
                self.preview.setItem(r, col, QTableWidgetItem("" if value is None else str(value)))

    def _set_ready(self, ready: bool) -> None:
        for button in (self.dry_run_button, self.import_button, self.save_button):
            button.setEnabled(ready)

    # --- dry run and import ---------------------------------------------------------------

    def start(self, *, dry_run: bool) -> None:
        if self.plan is None:
            return
        path, kind, columns = self.path.text().strip(), self.plan.kind.name, self.columns()
        options, keep = self._options(), self.keep_valid.isChecked()
        services = self.ctx.services

        def job(state: TaskState) -> imports.Report:
            plan = imports.prepare(kind, path, columns=columns, options=options)
            return services.import_file(plan, state, keep_valid=keep, dry_run=dry_run)

        self._set_ready(False)
        self.status.setText(self.tr("Checking the file…") if dry_run else self.tr("Importing…"))
        name = Path(path).name
        title = (
            self.tr("Checking {file}").format(file=name)
            if dry_run
            else self.tr("Importing {file}").format(file=name)
        )
        self.jobs.start(title, job, self._finished, self._failed)

    def _finished(self, report: imports.Report) -> None:
        self.report = report
        lines = [user_text(report.summary()) + "."]
        if report.rejects_file:
            lines.append(self.tr("Rejected rows saved to {file}.").format(file=report.rejects_file))
        lines += [user_text(p) for p in report.problems[:10]]
        more = report.rejected - len(report.problems[:10])
        if more > 0:
            lines.append(self.tr("… {n} more.").format(n=QLocale().toString(more)))
        self.status.setText("\n".join(lines))
        self._set_ready(True)
        if report.written and not report.dry_run:
            self.ctx.events.changed.emit(CHANGED_BY_KIND.get(report.kind, "customers"))
            self.ctx.events.message.emit(user_text(report.summary()))

    def save_mapping(self) -> None:
        if self.plan is None:
            return
        name, plan = self.mapping_name.text(), self.plan
        services = self.ctx.services
        workers.submit(
            lambda: services.save_mapping(name, plan),
            lambda row: self.status.setText(
                self.tr("Mapping '{name}' saved.").format(name=row.name)
            ),
            self._failed,
            owner=self,
        )
