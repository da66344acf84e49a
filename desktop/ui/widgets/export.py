"""Exports from the window: a list as its table shows it (CSV, XLSX) and a customer's one-page
PDF summary, each a job in the status bar (progress, cancel) that writes through the services
(`Services.export_list`, `export_customer_summary`: permission-checked, audited, the file only
complete).

The save dialog is Qt's own (never the platform's, which blocks in tests and differs by
desktop); `choose_save_path` is the one place that asks, so a test replaces it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QMarginsF,
    QRectF,
    QSizeF,
)
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QWidget

from db.tasks import Cancelled, TaskState
from desktop.core.read import summary
from desktop.core.read.list_export import ExportResult
from desktop.core.read.listing import ListQuery, ListSpec
from desktop.ui import workers
from desktop.ui.context import AppContext
from desktop.ui.messages import user_text
from desktop.ui.widgets.writes import write_message

log = logging.getLogger(__name__)

FORMAT_FILTERS = {
    "csv": QT_TRANSLATE_NOOP("Export", "CSV files (*.csv)"),
    "xlsx": QT_TRANSLATE_NOOP("Export", "Excel workbooks (*.xlsx)"),
    "pdf": QT_TRANSLATE_NOOP("Export", "PDF files (*.pdf)"),
}
PDF_POINT_SIZES = (9.0, 8.0, 7.0, 6.0)  # the first that fits the summary on one page


def choose_save_path(parent: QWidget, title: str, suggested: str, fmt: str) -> Path | None:
    """Where to save, or None when the user cancelled; the suffix added when left out."""
    dialog = QFileDialog(
        parent, title, suggested, QCoreApplication.translate("Export", FORMAT_FILTERS[fmt])
    )
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(fmt)
    dialog.selectFile(suggested)
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
    files = dialog.selectedFiles()
    dialog.deleteLater()
    return Path(files[0]) if accepted and files else None


def _start(
    widget: QWidget,
    title: str,
    job: Callable[[TaskState], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> TaskState:
    """On the window's JobsBar (progress and cancel in the status bar) when there is one; a
    Customer 360 is a window of its own, so look at the windows it was opened from."""
    w: QWidget | None = widget
    while w is not None:
        jobs = getattr(w.window(), "jobs", None)
        if jobs is not None:
            return jobs.start(title, job, on_done, on_error)  # type: ignore[no-any-return]
        w = w.window().parentWidget()
    return workers.submit_task(job, on_done, on_error, owner=widget)


def _failed(ctx: AppContext, what: str, report: Callable[[Any], None]) -> Callable[[Any], None]:
    def failed(exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            text = QCoreApplication.translate("Export", "{what}: cancelled; no file was written")
            ctx.events.message.emit(text.format(what=what))
        else:
            text = QCoreApplication.translate("Export", "{what} failed: {reason}")
            ctx.events.message.emit(text.format(what=what, reason=write_message(exc)))
        report(exc)

    return failed


def start_list_export(
    widget: QWidget,
    ctx: AppContext,
    spec: ListSpec,
    query: ListQuery,
    *,
    columns: list[str],
    fmt: str,
    path: Path,
    report: Callable[[Any], None],
) -> TaskState:
    """Export in the background; `report` gets the `ExportResult` or the exception."""
    services, noun = ctx.services, user_text(spec.noun[1])

    def job(state: TaskState) -> ExportResult:
        return services.export_list(spec, query, path, fmt=fmt, columns=columns, state=state)

    def done(result: ExportResult) -> None:
        word = user_text(spec.noun[0]) if result.rows == 1 else noun
        text = QCoreApplication.translate("Export", "Exported {n} {what} to {path}")
        ctx.events.message.emit(
            text.format(n=QLocale().toString(result.rows), what=word, path=result.path)
        )
        report(result)

    title = QCoreApplication.translate("Export", "Exporting {what} ({format})").format(
        what=noun, format=fmt.upper()
    )
    return _start(widget, title, job, done, _failed(ctx, title, report))


# --- the customer's summary --------------------------------------------------------------------


def summary_document(data: summary.CustomerSummary, point_size: float) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(point_size)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(summary.summary_html(data))
    return document


def render_summary_pdf(data: summary.CustomerSummary, path: Path) -> int:
    """The summary on one A4 page (the text set smaller until it fits); the page count."""
    writer = QPdfWriter(str(path))
    writer.setTitle(
        QCoreApplication.translate("Export", "{name} – ChurnWatch summary").format(
            name=data.view.customer.name
        )
    )
    writer.setCreator("ChurnWatch")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    # Laid out in points (72 per inch) and scaled to the writer's resolution when drawn.
    scale = writer.resolution() / 72
    size = QSizeF(page.width() / scale, page.height() / scale)
    for point_size in PDF_POINT_SIZES:
        document = summary_document(data, point_size)
        document.setPageSize(size)
        if document.pageCount() <= 1:
            break
    painter = QPainter(writer)
    try:
        painter.scale(scale, scale)
        document.drawContents(painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    return 1


def start_summary_export(
    widget: QWidget, ctx: AppContext, customer_id: int, path: Path, report: Callable[[Any], None]
) -> TaskState:
    """Read, draw and audit on the pool (QTextDocument and QPdfWriter need no UI thread)."""
    services = ctx.services

    def job(state: TaskState) -> summary.CustomerSummary:
        state.check()
        return services.export_customer_summary(customer_id, path, render_summary_pdf)

    def done(data: summary.CustomerSummary) -> None:
        text = QCoreApplication.translate("Export", "Saved the summary of {name} to {path}")
        ctx.events.message.emit(text.format(name=data.view.customer.name, path=path))
        report(path)

    title = QCoreApplication.translate("Export", "Exporting the customer summary (PDF)")
    return _start(widget, title, job, done, _failed(ctx, title, report))
