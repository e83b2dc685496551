"""Loading the case editor's modules in the background after start-up.

The window is on screen as soon as Qt is; the ORM and the editor behind it are imported off
the UI thread a moment later, so the first case (and the export dialog) open at once.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QObject, QTimer, Signal

from appealdesk.ui.base.background import BackgroundTask

EDITOR_MODULES = (
    "sqlmodel",
    "appealdesk.domain.models",
    "appealdesk.services.cases",
    "appealdesk.services.clients",
    "appealdesk.services.evidence_import",
    "appealdesk.services.appeal_letters",
    "appealdesk.services.checklists",
    "appealdesk.services.statements",
    "appealdesk.services.events",
    "appealdesk.ui.dossier.dialog",
)
# Loading them at once would hold the interpreter lock while the window paints.
DELAY_MS = 300


def import_editor_modules() -> None:
    for name in EDITOR_MODULES:
        importlib.import_module(name)


class EditorWarmUp(QObject):
    """Imports the editor's modules once; ``modules_loaded`` comes in the UI thread."""

    modules_loaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: BackgroundTask | None = None

    @property
    def started(self) -> bool:
        return self._task is not None

    def start_soon(self) -> None:
        QTimer.singleShot(DELAY_MS, self, self._start)  # never after this object is gone

    def _start(self) -> None:
        if self._task is not None:
            return
        self._task = BackgroundTask(lambda _progress, _stop: import_editor_modules(), self)
        # In an idle moment after the imports, not in the middle of the signal.
        self._task.ended.connect(lambda: QTimer.singleShot(0, self, self._loaded))
        self._task.start()

    def _loaded(self) -> None:
        self.modules_loaded.emit()

    def wait(self) -> None:
        if self._task is not None:
            self._task.wait()
