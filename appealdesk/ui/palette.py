"""Colours that stay readable in the light and the dark appearance of the system."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def overdue_colour(palette: QPalette) -> QColor:
    """A red that reads well on the window background of either appearance."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


def soon_colour(palette: QPalette) -> QColor:
    return QColor("#ffd180") if is_dark(palette) else QColor("#8a5300")
