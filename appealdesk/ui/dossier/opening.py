"""Opening the export dialog from the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from appealdesk.i18n import _
from appealdesk.store.database import Database
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.dossier.dialog import ExportDialog


def open_export(
    db: Database,
    case_id: int,
    settings: AppSettings,
    parent: QWidget,
    inform: Callable[[str], None],
    black_out: Callable[[int], None] | None = None,
) -> ExportDialog:
    """The export dialog of a case; ``inform`` is told where the dossier was saved, and
    ``black_out`` which evidence to open the black-out editor for."""
    dialog = ExportDialog(db, case_id, settings, parent)
    if black_out is not None:
        dialog.black_out_requested.connect(black_out)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.export_finished.connect(
        lambda result: inform(_("Dossier saved as {path}").format(path=result.path))
    )
    dialog.open()
    return dialog
