"""What the application asks the desktop to open, caught before it reaches the desktop."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@contextmanager
def opened_urls(*schemes: str) -> Iterator[list[QUrl]]:
    """The URLs of ``schemes`` that QDesktopServices.openUrl was asked to open meanwhile."""
    receiver = _Receiver()
    for scheme in schemes:
        # The stub asks for bytes, but PySide6 only takes the slot's name as a str.
        QDesktopServices.setUrlHandler(scheme, receiver, "open")  # type: ignore[arg-type]
    try:
        yield receiver.urls
    finally:
        for scheme in schemes:
            QDesktopServices.unsetUrlHandler(scheme)
