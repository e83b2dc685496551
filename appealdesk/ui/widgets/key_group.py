"""A row of buttons that is one stop for Tab, walked with the arrow keys (as a toolbar is)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton

_STEPS = {
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Down: 1,
}


class ArrowKeyGroup(QObject):
    """Tab reaches the first button and leaves from any; arrows, Home and End move between
    them; Space presses the one with focus."""

    def __init__(self, buttons: Sequence[QAbstractButton], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.buttons = list(buttons)
        for index, button in enumerate(self.buttons):
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if index == 0 else Qt.FocusPolicy.ClickFocus
            )
            button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched not in self.buttons or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        index = self.buttons.index(watched)
        key = event.key()
        if key in _STEPS:
            target = (index + _STEPS[Qt.Key(key)]) % len(self.buttons)
        elif key == Qt.Key.Key_Home:
            target = 0
        elif key == Qt.Key.Key_End:
            target = len(self.buttons) - 1
        else:
            return False
        self.buttons[target].setFocus(Qt.FocusReason.OtherFocusReason)
        return True
