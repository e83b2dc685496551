"""A line above the work area that says what went wrong, without a modal dialog."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from appealdesk.ui.base.palette import message_style
from appealdesk.ui.widgets.plain_text import plain_label


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, error=True, seconds=0)

    def show_info(self, text: str, seconds: int = 6) -> None:
        self._show(text, error=False, seconds=seconds)

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _show(self, text: str, *, error: bool, seconds: int) -> None:
        self.setStyleSheet(message_style(self.palette(), error=error))
        self.label.setText(text)
        self.show()
        self._timer.stop()
        if seconds:
            self._timer.start(seconds * 1000)
