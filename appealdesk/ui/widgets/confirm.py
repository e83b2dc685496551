"""Questions and messages in a box of their own, their texts always shown as plain text.

``QMessageBox.question`` and the other static functions read a text that looks like HTML as
HTML, and texts here name cases, clients and files.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton
Icon = QMessageBox.Icon


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    buttons: QMessageBox.StandardButton = Button.Ok,
) -> QMessageBox:
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
        # The informative line is a label of its own that does not follow setTextFormat.
        for label in box.findChildren(QLabel, "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def confirmed(parent: QWidget | None, title: str, text: str, *, default_no: bool = False) -> bool:
    """True when the user answers Yes; ``default_no`` makes Enter answer No."""
    box = message_box(parent, Icon.Question, title, text, buttons=Button.Yes | Button.No)
    box.setDefaultButton(Button.No if default_no else Button.Yes)
    box.exec()
    return box.clickedButton() is box.button(Button.Yes)


def tell(
    parent: QWidget | None, title: str, text: str, *, icon: QMessageBox.Icon = Icon.Critical
) -> None:
    """A message the user only acknowledges, such as why a database cannot be opened."""
    message_box(parent, icon, title, text).exec()
