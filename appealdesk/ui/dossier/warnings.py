"""What contradicts itself in a dossier, said in the export dialog before it is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from appealdesk.i18n import _, current_language
from appealdesk.services import consistency
from appealdesk.store.database import Database


class ContradictionsNote(QLabel):
    """A plain-text list of the case's contradictions; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_warnings")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()

    def show_for(self, db: Database, case_id: int, language: str) -> None:
        """The contradictions of the dossier in ``language``, told in the window's language."""
        found = consistency.before_export(db, case_id, language, told_in=current_language())
        self.setVisible(bool(found))
        lines = [_("Before you send it, check:")] + ["• " + item.text for item in found]
        self.setText("\n".join(lines))
