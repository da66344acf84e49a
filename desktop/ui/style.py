"""Icons, the style sheet and the colours that carry meaning (always shown with text too)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QTabBar,
    QTextEdit,
    QWidget,
)


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
    rules = f'\nQLabel[role="error"] {{ color: {tone("error")}; }}\n'
    if is_dark():
        # Fusion draws a check box's frame a shade darker than the window: on a dark window
        # the box all but disappears. A visible frame, and the tick on the highlight.
        tick = (resources_dir() / "icons" / "tick.svg").as_posix()
        rules += (
            "QCheckBox::indicator { width: 13px; height: 13px; border: 1px solid #8c9096;"
            " border-radius: 3px; background: #1e1f22; }\n"
            "QCheckBox::indicator:hover { border-color: #589df6; }\n"
            "QCheckBox::indicator:checked { background: #2f65ca; border-color: #2f65ca;"
            f' image: url("{tick}"); }}\n'
            "QCheckBox::indicator:disabled { border-color: #55585c; background: #26282b; }\n"
        )
    return rules


THEMES = ("system", "light", "dark")
THEME_LABELS = {  # translated where shown (theme_label)
    "system": QT_TRANSLATE_NOOP("Theme", "As the system"),
    "light": QT_TRANSLATE_NOOP("Theme", "Light"),
    "dark": QT_TRANSLATE_NOOP("Theme", "Dark"),
}
THEME_KEY = "ui/theme"  # QSettings: the theme chosen in Settings or View → Theme
_state = {"theme": "system", "system_palette": None}


def theme_label(theme: str) -> str:
    """A theme's name in the user's language."""
    return QCoreApplication.translate("Theme", THEME_LABELS[theme])


def current_theme() -> str:
    return str(_state["theme"])


def saved_theme(value: object) -> str:
    """A theme read from the settings, or "system" for anything else."""
    return value if isinstance(value, str) and value in THEMES else "system"


def apply_style(app: QApplication, theme: str = "system") -> None:
    """Fusion follows the system palette (light or dark) the same way on every platform;
    `theme` "light" or "dark" sets Fusion's own palette instead (and screenshots use it to
    check both). Applied again at any time (the theme chosen in Settings)."""
    app.setStyle(TabRoomStyle(QStyleFactory.create("Fusion")))
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
    FocusRings.install(app)
    qss = resources_dir() / "churnwatch.qss"
    sheet = qss.read_text(encoding="utf-8") if qss.exists() else ""
    app.setStyleSheet(sheet + tone_rules())


class TabRoomStyle(QProxyStyle):
    """Fusion with tabs a few pixels taller: Fusion draws a tab that is not the current one
    2 px lower and clips its label to the tab, which cut the accent off a capital ("Étiquettes"
    read "Etiquettes" on every tab but the open one)."""

    EXTRA_HEIGHT = 4  # px: room for an accent above a capital at any font size we use

    def sizeFromContents(
        self, kind: QStyle.ContentsType, option: QStyleOption | None, size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:  # fmt: skip
        result = super().sizeFromContents(kind, option, size, widget)
        if kind == QStyle.ContentsType.CT_TabBarTab:
            result.setHeight(result.height() + self.EXTRA_HEIGHT)
        return result


class FocusRing(QWidget):
    """Two pixels of the palette's highlight just outside the focused control: keyboard focus
    visible at a glance in light and dark palettes (Fusion's own hint is a faint outline).

    A child of the window laid over the control (never of the control's parent, where a
    splitter or layout would take it in), following it as it or any of its parents moves,
    resizes, scrolls or hides, and clipped to what of it is visible.
    """

    MARGIN = 2

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        self.hide()

    def track(self, widget: QWidget | None) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._watched = []
        self.target = widget
        window = self.parentWidget()
        current = widget
        while current is not None and current is not window:
            current.installEventFilter(self)
            self._watched.append(current)
            current = current.parentWidget()
        self.place()

    def _margin(self) -> int:
        """Outside a small control; on the frame of a list, table or text (they often sit flush
        with their parent, which would cut a ring drawn outside)."""
        return 0 if isinstance(self.target, QAbstractScrollArea) else self.MARGIN

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _PLACE_EVENTS:
            self.place()
        return False

    def place(self) -> None:
        widget, window = self.target, self.parentWidget()
        if widget is None or window is None or not shiboken6.isValid(widget):
            self.hide()
            return
        if not widget.isVisible() or not widget.hasFocus():
            self.hide()
            return
        m = self._margin()
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).adjusted(-m, -m, m, m)
        # Clipped where the control is: to a scroll area's viewport it is scrolled in, and
        # to the window (not to the tight boxes a form puts each field in).
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            holder = parent.parentWidget()
            if isinstance(holder, QAbstractScrollArea) and parent is holder.viewport():
                rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
            parent = holder
        rect = rect.intersected(window.rect())
        if rect.isEmpty():
            self.hide()
            return
        self.setGeometry(rect)
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.target is None or not shiboken6.isValid(self.target):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
        m = self._margin()
        full = QRect(self.target.mapTo(self.parentWidget(), QPoint(0, 0)), self.target.size())
        full = full.adjusted(-m, -m, m, m).translated(-self.pos())
        painter.drawRoundedRect(full.adjusted(1, 1, -1, -1), 3, 3)
        painter.end()


_PLACE_EVENTS = (
    QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
    QEvent.Type.FocusOut,
)  # fmt: skip


# The controls that get a ring: what a user tabs to (not labels, menus or the table's cells).
RING_TYPES = (
    QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit,
    QTextEdit, QTabBar,
)  # fmt: skip


class FocusRings(QObject):
    """Follows the application's focus and puts a `FocusRing` around the focused control (one
    ring per window, made again when the window it lived in is gone)."""

    _installed: FocusRings | None = None

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.rings: dict[int, FocusRing] = {}
        app.focusChanged.connect(self._moved)

    @classmethod
    def install(cls, app: QApplication) -> None:
        if cls._installed is None or not shiboken6.isValid(cls._installed):
            cls._installed = cls(app)

    @staticmethod
    def wants_ring(widget: QWidget | None) -> bool:
        if widget is None or not widget.isVisible():
            return False
        if isinstance(widget, QFrame) and widget.objectName() == "kpiTile":
            return True
        return isinstance(widget, RING_TYPES) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus

    def _moved(self, old: QWidget | None, new: QWidget | None) -> None:
        for key, ring in list(self.rings.items()):
            if not shiboken6.isValid(ring):
                del self.rings[key]
            elif ring.target is not None and ring.target is not new:
                ring.track(None)
        if not self.wants_ring(new):
            return
        assert new is not None
        window = new.window()
        ring = self.rings.get(id(window))
        if ring is None or not shiboken6.isValid(ring) or ring.parentWidget() is not window:
            ring = FocusRing(window)
            self.rings[id(window)] = ring
        ring.track(new)


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
    "LAPSED": "#757575",  # not a risk: already gone (win-back)
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
