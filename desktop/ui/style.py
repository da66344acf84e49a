"""Icons, the style sheet and the colours that carry meaning (always shown with text too)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication


def resources_dir() -> Path:
    """`resources/` beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


@cache
def icon(name: str) -> QIcon:
    """The SVG; on a selected row it is drawn in the highlight's text colour, so it stays
    visible on the highlight in light and dark palettes."""
    path = resources_dir() / "icons" / f"{name}.svg"
    result = QIcon()
    result.addFile(str(path), QSize(), QIcon.Mode.Normal)
    app = QApplication.instance()
    on_highlight = (
        app.palette().highlightedText().color().name()  # type: ignore[attr-defined]
        if app is not None
        else "#ffffff"
    )
    svg = path.read_text(encoding="utf-8").replace(ICON_COLOR, on_highlight)
    for size in (16, 22, 24, 32):
        pixmap = QPixmap()
        pixmap.loadFromData(svg.encode("utf-8"), "SVG")
        result.addPixmap(
            pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation),
            QIcon.Mode.Selected,
        )  # fmt: skip
    return result


ICON_COLOR = "#4A7FB5"  # the stroke colour of the SVGs in resources/icons


def apply_style(app: QApplication) -> None:
    """Fusion follows the system palette (light or dark) the same way on every platform."""
    app.setStyle("Fusion")
    qss = resources_dir() / "churnwatch.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


# Mid-tone colours readable on light and dark backgrounds.
RISK_COLORS = {
    "LOW": "#2E7D32",
    "MEDIUM": "#F9A825",
    "HIGH": "#EF6C00",
    "CRITICAL": "#C62828",
}
PRIORITY_COLORS = {
    "low": "#2E7D32",
    "medium": "#F9A825",
    "high": "#EF6C00",
    "critical": "#C62828",
}


@cache
def swatch(color: str, size: int = 12) -> QIcon:
    """A filled dot shown before the level's name: the colour is never the only signal."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor(color).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pix)


def level_swatch(kind: str, value: str | None) -> QIcon | None:
    if value is None:
        return None
    table = RISK_COLORS if kind == "risk" else PRIORITY_COLORS
    color = table.get(value)
    return swatch(color) if color else None
