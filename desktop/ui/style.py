"""Icons, the style sheet and the colours that carry meaning (always shown with text too)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


def resources_dir() -> Path:
    """`resources/` beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


@cache
def icon(name: str) -> QIcon:
    """The SVG; on a selected row it is drawn in the highlight's text colour, so it stays
    visible on the highlight in light and dark palettes. On a dark palette its blue is
    lightened (the stock stroke has 2.5:1 contrast on dark buttons)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    source = path.read_text(encoding="utf-8")
    app = QApplication.instance()
    on_highlight = (
        app.palette().highlightedText().color().name()  # type: ignore[attr-defined]
        if app is not None
        else "#ffffff"
    )
    result = QIcon()
    if is_dark():
        _add_pixmaps(result, source.replace(ICON_COLOR, ICON_COLOR_DARK), QIcon.Mode.Normal)
    else:
        result.addFile(str(path), QSize(), QIcon.Mode.Normal)
    _add_pixmaps(result, source.replace(ICON_COLOR, on_highlight), QIcon.Mode.Selected)
    return result


ICON_PROPERTY = "churnwatch_icon"


def set_icon(target: QAbstractButton | QAction, name: str) -> None:
    """Give a button or action an icon that follows a theme change (`refresh_icons`)."""
    target.setIcon(icon(name))
    target.setProperty(ICON_PROPERTY, name)


def refresh_icons(root: QWidget) -> None:
    """Redraw the icons set with `set_icon` under `root` in the current palette's colours."""
    for target in [root, *root.findChildren(QAbstractButton), *root.findChildren(QAction)]:
        name = target.property(ICON_PROPERTY)
        if isinstance(name, str):
            target.setIcon(icon(name))


def _add_pixmaps(result: QIcon, svg: str, mode: QIcon.Mode) -> None:
    for size in (16, 22, 24, 32):
        pixmap = QPixmap()
        pixmap.loadFromData(svg.encode("utf-8"), "SVG")
        result.addPixmap(
            pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation),
            mode,
        )  # fmt: skip


ICON_COLOR = "#4A7FB5"  # the stroke colour of the SVGs in resources/icons
ICON_COLOR_DARK = "#7FB0E6"  # the same blue lightened for dark palettes (over 4:1 on buttons)

# Text colours that carry meaning, one for light and one for dark palettes; each has at least
# 4.5:1 contrast on its palette's window and base colours (tests/ui/test_style.py checks it).
TONES = {
    "error": ("#C62828", "#FF8A80"),
    "warning": ("#A34700", "#FFB74D"),
    "ok": ("#1B5E20", "#81C784"),
}


def is_dark() -> bool:
    """Whether the application's palette is dark (light text on a dark window)."""
    app = QApplication.instance()
    if app is None:
        return False
    return app.palette().window().color().lightness() < 128  # type: ignore[attr-defined]


def tone(name: str) -> str:
    """The colour of an error, warning or ok text readable on the current palette."""
    light, dark = TONES[name]
    return dark if is_dark() else light


def tone_rules() -> str:
    """Style sheet rules for the palette-dependent colours (a .qss file cannot branch)."""
    return f'\nQLabel[role="error"] {{ color: {tone("error")}; }}\n'


THEMES = ("system", "light", "dark")
THEME_LABELS = {"system": "As the system", "light": "Light", "dark": "Dark"}
THEME_KEY = "ui/theme"  # QSettings: the theme chosen in Settings or View → Theme
_state = {"theme": "system", "system_palette": None}


def current_theme() -> str:
    return str(_state["theme"])


def saved_theme(value: object) -> str:
    """A theme read from the settings, or "system" for anything else."""
    return value if isinstance(value, str) and value in THEMES else "system"


def apply_style(app: QApplication, theme: str = "system") -> None:
    """Fusion follows the system palette (light or dark) the same way on every platform;
    `theme` "light" or "dark" sets Fusion's own palette instead (and screenshots use it to
    check both). Applied again at any time (the theme chosen in Settings)."""
    app.setStyle("Fusion")
    if _state["system_palette"] is None:
        _state["system_palette"] = QPalette(app.palette())  # what the system gave, kept
    if theme == "dark":
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(QPalette(_state["system_palette"]))  # type: ignore[arg-type]
    _state["theme"] = theme if theme in THEMES else "system"
    icon.cache_clear()  # selected-state icons take the palette's highlighted-text colour
    qss = resources_dir() / "churnwatch.qss"
    sheet = qss.read_text(encoding="utf-8") if qss.exists() else ""
    app.setStyleSheet(sheet + tone_rules())


def dark_palette() -> QPalette:
    """A dark palette for Fusion: light text on dark greys, every role set (including the
    disabled group and placeholder text), so nothing falls back to a light default."""
    p = QPalette()
    window, base, alt, text = QColor("#2b2d30"), QColor("#1e1f22"), QColor("#26282b"), "#dfe1e5"
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: QColor(text),
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: QColor("#3c3f41"),
        QPalette.ColorRole.ToolTipText: QColor(text),
        QPalette.ColorRole.PlaceholderText: QColor("#8c9096"),
        QPalette.ColorRole.Text: QColor(text),
        QPalette.ColorRole.Button: QColor("#3c3f41"),
        QPalette.ColorRole.ButtonText: QColor(text),
        QPalette.ColorRole.BrightText: QColor("#ff6b68"),
        QPalette.ColorRole.Light: QColor("#4a4d50"),
        QPalette.ColorRole.Midlight: QColor("#3c3f41"),
        QPalette.ColorRole.Mid: QColor("#55585c"),
        QPalette.ColorRole.Dark: QColor("#1a1b1d"),
        QPalette.ColorRole.Shadow: QColor("#101112"),
        QPalette.ColorRole.Highlight: QColor("#2f65ca"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#589df6"),
        QPalette.ColorRole.LinkVisited: QColor("#b48ead"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    disabled = QColor("#7a7e85")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#3c3f41"))
    return p


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
