"""Switching the language of the running application."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

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
    """Changes the UI language everywhere at once, without a restart.

    The application hands the event on to every top-level widget itself, as posted events,
    which are delivered here at once. Listing the widgets from Python instead gave Python
    wrappers to Qt's own short-lived windows (tooltips, popups, the dialogs of its static
    functions), which outlive them and crashed a later switch (seen in a test run)."""
    set_language(language)
    app = QCoreApplication.instance()
    if app is not None:
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
