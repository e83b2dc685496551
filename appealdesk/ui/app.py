"""Starting the window: the Qt application, the language and the database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import set_language, system_language
from appealdesk.startup import modules_loaded
from appealdesk.ui.base.appearance import follow_system_scheme
from appealdesk.ui.base.error_hook import install_error_hook
from appealdesk.ui.base.settings import AppSettings


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


def run_gui(db_path: Path | str | None, language: str | None) -> int:
    from appealdesk.ui.base.display import display_problem  # ctypes: only for this check

    problem = display_problem()
    if problem is not None:
        raise AppealDeskError(problem)
    app = create_application()
    hook = install_error_hook(app)
    try:
        settings = AppSettings()
        language = language or settings.language or system_language()
        settings.language = language
        set_language(language)
        from appealdesk.ui.host import WindowHost

        host = WindowHost(db_path, settings)
        if not host.start():
            return 1
        modules_loaded()
        try:
            return app.exec()
        finally:
            host.shutdown()
    finally:
        hook.uninstall()
