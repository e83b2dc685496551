"""The export dialog's word that what leaves an encrypted database leaves in the clear."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from appealdesk.i18n import _
from appealdesk.ui.widgets.plain_text import plain_label


class PlainExportNote(QWidget):
    """Shown only for an encrypted database: a dossier must be readable by its recipient."""

    def __init__(self, encrypted: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        self.setObjectName("plain_export_note")
        self.label = plain_label(word_wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.label)
        self.setVisible(encrypted)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(
            _(
                "This database is encrypted, but the exported dossier and bundle are not: the "
                "recipient must be able to read them. Keep the file somewhere safe, send it "
                "straight on, and delete copies you no longer need."
            )
        )
