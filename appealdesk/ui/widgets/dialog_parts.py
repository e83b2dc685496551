"""Pieces every editing dialog has: an inline error line and OK/Cancel buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from appealdesk.ui.base.palette import error_label_style


class ErrorLine(QLabel):
    """Why the input was refused, shown inside the dialog so nothing typed is lost."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialog_error")
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name
        self.setWordWrap(True)
        self.setStyleSheet(error_label_style())
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()

    def shown_text(self) -> str:
        return "" if self.isHidden() else self.text()


def ok_cancel(dialog: QDialog, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """OK runs ``on_ok`` (which accepts the dialog when the input was taken); Cancel rejects."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons
