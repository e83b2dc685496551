"""Message boxes answered in tests instead of waiting for a click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

Button = QMessageBox.StandardButton


def answer_boxes(monkeypatch: pytest.MonkeyPatch, answer: Button = Button.Yes) -> list[str]:
    """Every message box is answered with ``answer`` (when it has that button) as soon as it
    would wait; the texts shown are recorded. A box that would read its text as markup fails."""
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        assert box.textFormat() == Qt.TextFormat.PlainText, box.text()
        shown.append(box.text())
        button = box.button(answer)
        if button is not None:
            button.click()
        return box.result()

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown
