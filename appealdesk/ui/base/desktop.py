"""Handing a file or a folder to the desktop: the program for the file, or the file manager.

The one way the app opens anything outside itself, so tests catch it with
``QDesktopServices.setUrlHandler("file", …)`` before it reaches the desktop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_on_desktop(target: Path) -> bool:
    """Whether the desktop took ``target`` (False: no program for it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
