"""A line over the bottom of the work area that says what happened or went wrong, without a
modal dialog.

It floats over its host instead of taking a row of the layout: a message that comes and goes
never moves the controls under the pointer. It may offer one action, such as Undo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from appealdesk.ui.base.palette import message_style
from appealdesk.ui.widgets.plain_text import plain_label

MARGIN = 12


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.setObjectName("message_action")
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.hide)
        self._action: Callable[[], object] | None = None
        self._host: QWidget | None = None
        self.hide()

    def float_over(self, host: QWidget) -> None:
        """Shows the bar over the bottom edge of ``host``, following its size."""
        self._host = host
        self.setParent(host)
        host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def show_error(self, text: str) -> None:
        self._show(text, error=True, seconds=0)

    def show_info(
        self,
        text: str,
        seconds: int = 6,
        *,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        self._show(text, error=False, seconds=seconds, action=action)

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _show(
        self,
        text: str,
        *,
        error: bool,
        seconds: int,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        self.setStyleSheet(message_style(self.palette(), error=error))
        self.label.setText(text)
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.show()
        self._place()
        self._timer.stop()
        if seconds:
            self._timer.start(seconds * 1000)

    def _place(self) -> None:
        if self._host is None:
            return
        width = self._host.width() - 2 * MARGIN
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = max(height, self.sizeHint().height())
        self.setGeometry(MARGIN, self._host.height() - height - MARGIN, width, height)
        self.raise_()

    def _act(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()
