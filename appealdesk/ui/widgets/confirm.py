"""A yes-or-no question before something is deleted or replaced."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def confirmed(parent: QWidget | None, title: str, text: str, *, default_no: bool = False) -> bool:
    """True when the user answers Yes; ``default_no`` makes Enter answer No."""
    default = Button.No if default_no else Button.Yes
    return QMessageBox.question(parent, title, text, Button.Yes | Button.No, default) == Button.Yes
