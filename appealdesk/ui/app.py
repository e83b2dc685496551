"""Starting the window: the Qt application, the language and the database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _, set_language, system_language
from appealdesk.services.workspace import open_workspace
from appealdesk.ui.appearance import follow_system_scheme
from appealdesk.ui.settings import AppSettings


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("AppealDesk")
    app.setOrganizationName("AppealDesk")
    app.setApplicationDisplayName("AppealDesk")
    follow_system_scheme(app)
    return app


def run_gui(db_path: Path | None, language: str | None) -> int:
    app = create_application()
    settings = AppSettings()
    language = language or settings.language or system_language()
    settings.language = language
    set_language(language)
    try:
        db = open_workspace(db_path)
    except AppealDeskError as exc:
        QMessageBox.critical(None, _("AppealDesk cannot open the database"), exc.message)
        return 1
    from appealdesk.ui.main_window import MainWindow

    window = MainWindow(db, settings)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
