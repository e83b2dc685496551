"""Light or dark, as the system says, and nothing unreadable in either."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from appealdesk.ui.base.palette import is_dark


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#3c3f41",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#35373b",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff8a80",
        QPalette.ColorRole.Link: "#81c7f5",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9a9da1",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f8286"))
    return palette


def apply_colour_scheme(app: QApplication) -> None:
    """Uses a dark palette when the system asks for dark and the style did not provide one."""
    wants_dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    if wants_dark and not is_dark(app.palette()):
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    elif not wants_dark and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def follow_system_scheme(app: QApplication) -> None:
    apply_colour_scheme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_colour_scheme(app))
