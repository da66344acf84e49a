"""Light and dark palettes: text that carries meaning stays readable (WCAG contrast)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QLabel, QStyleFactory, QTabWidget, QVBoxLayout, QWidget

from desktop.ui import style

TEXT_CONTRAST = 4.5  # WCAG AA for normal text
ICON_CONTRAST = 3.0  # WCAG AA for graphics that carry meaning


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def strongest(image: QImage, background: QColor) -> float:
    """The highest contrast of any pixel against the background: the glyphs' own colour."""
    return max(
        contrast(image.pixelColor(x, y), background)
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp) -> Iterator[str]:
    sheet, palette = qapp.styleSheet(), qapp.palette()
    style.apply_style(qapp, request.param)
    yield request.param
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    style.icon.cache_clear()


def test_meaningful_text_colours_read_on_window_and_base(theme, qapp):
    palette = qapp.palette()
    assert style.is_dark() == (theme == "dark")
    for name in style.TONES:
        color = QColor(style.tone(name))
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            assert contrast(color, palette.color(role)) >= TEXT_CONTRAST, (theme, name, role)
    text = palette.color(QPalette.ColorRole.WindowText)
    assert contrast(text, palette.color(QPalette.ColorRole.Window)) >= 7


def test_an_error_label_is_drawn_readable(theme, qapp, qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    error = QLabel("MMMM WWWW")
    error.setProperty("role", "error")
    font = QFont(error.font())
    font.setPointSize(20)
    font.setBold(True)
    error.setFont(font)
    layout.addWidget(error)
    holder.show()
    drawn = strongest(error.grab().toImage(), qapp.palette().color(QPalette.ColorRole.Window))
    assert drawn >= TEXT_CONTRAST, theme
    # …and it is the palette's error tone, not the old fixed red (2.5:1 on dark).
    assert style.tone("error") in qapp.styleSheet()


def test_icons_stand_out_on_buttons(theme, qapp):
    button = qapp.palette().color(QPalette.ColorRole.Button)
    pixmap = style.icon("refresh").pixmap(24, 24)
    assert strongest(pixmap.toImage(), button) >= ICON_CONTRAST, theme


def _second_tab(qtbot, label: str) -> QImage:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Aa")
    tabs.addTab(QWidget(), label)  # not the open one
    tabs.resize(300, 80)
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    return bar.grab(bar.tabRect(1)).toImage()


def accent_ink(qtbot) -> int:
    """Pixels an accent adds to a tab's label that is not the open one: "Éa" against "Ea"
    (É and E have the same advance, so only the accent differs)."""
    accented, plain = _second_tab(qtbot, "Éa"), _second_tab(qtbot, "Ea")
    return sum(
        abs(accented.pixelColor(x, y).lightness() - plain.pixelColor(x, y).lightness()) > 60
        for x in range(plain.width())
        for y in range(plain.height())
    )


def test_a_tab_that_is_not_open_shows_the_accent_on_its_capital(theme, qapp, qtbot):
    """Fusion draws such a tab lower and clipped its label's accent ("Étiquettes" read
    "Etiquettes" on the Customer 360): the app's style leaves the room for it."""
    assert accent_ink(qtbot) >= 2


def test_plain_fusion_cuts_the_accent_the_app_style_keeps(qapp, qtbot):
    """The check above can fail: under plain Fusion the accent is not drawn."""
    sheet, palette = qapp.styleSheet(), qapp.palette()
    qapp.setStyle(QStyleFactory.create("Fusion"))
    try:
        assert accent_ink(qtbot) == 0
    finally:
        style.apply_style(qapp, "light")  # the app's style back, for the tests that follow
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
