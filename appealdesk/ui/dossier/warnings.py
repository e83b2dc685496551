"""What contradicts itself in a dossier, said in the export dialog before it is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from appealdesk.domain.errors import AppealDeskError
from appealdesk.export.content import ExportOptions
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

    def show_for(self, db: Database, case_id: int, options: ExportOptions) -> None:
        """The contradictions of the dossier asked for, told in the window's language."""
        try:
            found = consistency.before_export(
                db,
                case_id,
                options.language,
                told_in=current_language(),
                recipient=options.recipient,
                body_id=options.body_id,
            )
            texts = [item.text for item in found]
        except AppealDeskError as exc:  # an ods dossier without its body
            texts = [exc.message]
        self.setVisible(bool(texts))
        lines = [_("Before you send it, check:")] + ["• " + text for text in texts]
        self.setText("\n".join(lines))
