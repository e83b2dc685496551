"""Switching the language of the running application."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from appealdesk.i18n import current_language, set_language


class Retranslatable:
    """Mix into a widget that has ``retranslate_ui()``: it runs once on every language change.

    Qt sends ``LanguageChange`` whenever a translator of its own strings is installed or
    removed (none, one or two of them for a switch), and :func:`switch_language` sends one
    for switches where Qt sends none; a widget only retranslates for a language it has not
    yet retranslated itself to.
    """

    _retranslated_to: str | None = None

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            language = current_language()
            if language != self._retranslated_to:
                self._retranslated_to = language
                self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]


def switch_language(language: str) -> None:
    """Changes the UI language everywhere at once, without a restart."""
    set_language(language)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QWidget):
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
