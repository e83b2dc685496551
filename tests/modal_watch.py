"""A dialog that nobody answers would keep its test waiting forever: after a while it is
closed and the test fails, naming the dialog, instead of the whole run waiting for a click."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

UNANSWERED_S = 45.0  # no test means to leave a dialog open this long


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QMessageBox) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {widget.windowTitle()!r} {text!r}"


@contextmanager
def unanswered_dialogs_closed(limit_s: float = UNANSWERED_S) -> Iterator[list[str]]:
    """Yields the list of dialogs that were closed for having waited over ``limit_s``."""
    closed: list[str] = []
    waiting: dict[int, float] = {}

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            waiting.clear()
            return
        since = waiting.setdefault(id(modal), time.monotonic())
        if time.monotonic() - since > limit_s:
            closed.append(_describe(modal))
            waiting.pop(id(modal))
            modal.close()

    timer = QTimer()
    timer.setInterval(1000)
    timer.timeout.connect(look)
    timer.start()
    try:
        yield closed
    finally:
        timer.stop()
