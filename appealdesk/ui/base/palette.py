"""Colours that stay readable in the light and the dark appearance of the system."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def overdue_colour(palette: QPalette) -> QColor:
    """A red that reads well on the window background of either appearance."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


def message_style(palette: QPalette, *, error: bool) -> str:
    """Style sheet of the message bar: a tinted panel with a clear border in either scheme."""
    dark = is_dark(palette)
    if error:
        background, border, text = (
            ("#4a1c1a", "#ff8a80", "#ffe1de") if dark else ("#fdecea", "#b3261e", "#5f1410")
        )
    else:
        background, border, text = (
            ("#1d3a4d", "#81c7f5", "#e3f2fd") if dark else ("#e8f4fd", "#1c6ea4", "#0d3c61")
        )
    return (
        f"QFrame#message_bar {{ background: {background}; border: 1px solid {border};"
        f" border-radius: 4px; }} QFrame#message_bar QLabel {{ color: {text}; }}"
    )


def banner_style(palette: QPalette, *, overdue: bool) -> str:
    """The next-action banner of a case: calm, or alarming when overdue."""
    dark = is_dark(palette)
    if overdue:
        background, border = ("#4a1c1a", "#ff8a80") if dark else ("#fdecea", "#b3261e")
    else:
        background, border = ("#24313d", "#5c7a94") if dark else ("#eef3f8", "#8aa4bd")
    return f"background: {background}; border: 1px solid {border}; border-radius: 4px;"


def error_label_style() -> str:
    """An error line inside a dialog: white on red reads well in both schemes."""
    return "color: #ffffff; background: #b3261e; padding: 6px; border-radius: 3px;"
