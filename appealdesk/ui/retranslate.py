"""Switching the language of the running application."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from appealdesk.i18n import set_language


class Retranslatable:
    """Mix into a widget that has ``retranslate_ui()``: it runs on every language change."""

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]


def switch_language(language: str) -> None:
    """Changes the UI language everywhere at once, without a restart."""
    set_language(language)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget):
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
