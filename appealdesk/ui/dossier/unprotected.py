"""Identity documents chosen for the dossier that cannot leave yet, said in the export dialog
with the way to the black-out editor: the export refuses them rather than send them as they are."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from appealdesk.domain.evidence_rules import Protection, blackout_advice, can_leave, protection_of
from appealdesk.domain.models import EvidenceItem
from appealdesk.export.content import ExportOptions, chosen_evidence
from appealdesk.i18n import _
from appealdesk.services.results import CaseDetail
from appealdesk.ui.widgets.plain_text import plain_label


class UnprotectedNote(QWidget):
    """Hidden unless a chosen identity document lacks its black-out areas (or the
    confirmation that it needs none), or is a PDF; ``black_out_requested(evidence_id)``."""

    black_out_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_unprotected")
        self.items: tuple[EvidenceItem, ...] = ()
        self.text = plain_label(word_wrap=True)
        self.button = QPushButton()
        self.button.setObjectName("export_black_out")
        self.button.clicked.connect(self._black_out)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.hide()

    def show_for(self, detail: CaseDetail, options: ExportOptions) -> None:
        self.items = tuple(i for i in chosen_evidence(detail, options) if not can_leave(i))
        self.setVisible(bool(self.items))
        self.retranslate()

    def _drawable(self) -> EvidenceItem | None:
        """The first item the black-out editor can help (a PDF it cannot)."""
        return next((i for i in self.items if protection_of(i) is Protection.NEEDED), None)

    def retranslate(self) -> None:
        lines = [_("Before the dossier can be exported with these identity documents:")]
        lines += ["• " + blackout_advice(item) for item in self.items]
        self.text.setText("\n".join(lines))
        drawable = self._drawable()
        self.button.setVisible(drawable is not None)
        if drawable is not None:
            name = (drawable.title or drawable.original_name).replace("&", "&&")  # no mnemonic
            self.button.setText(_("Black &out “{name}”…").format(name=name))

    def _black_out(self) -> None:
        drawable = self._drawable()
        if drawable is not None and drawable.id is not None:
            self.black_out_requested.emit(drawable.id)
