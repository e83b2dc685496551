"""Which evidence goes into the dossier, in the export dialog: identity documents only when
the user includes them (as protected copies)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _


class EvidenceChoice(QListWidget):
    """One checkable row per piece of evidence, in the case's order."""

    def __init__(self, evidence: Sequence[EvidenceItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_evidence")
        self._evidence = tuple(evidence)
        self.blockSignals(True)
        for item in self._evidence:
            entry = QListWidgetItem()
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            wanted = item.include_in_dossier and not item.sensitive
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
            if item.sensitive:
                entry.setFlags(entry.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.addItem(entry)
        self.blockSignals(False)

    def retranslate(self) -> None:
        self.blockSignals(True)
        for row, item in enumerate(self._evidence):
            title, kind = item.title or item.original_name, label(item.kind)
            text = title if kind.casefold() in title.casefold() else f"{title} · {kind}"
            if item.sensitive:  # its kind may say it already; why it is greyed out may not
                text += " " + _("(only as a protected copy)")
            self.item(row).setText(text)
        self.blockSignals(False)

    def include_sensitive(self, on: bool) -> None:
        """Identity documents can be chosen (as they were kept for the dossier) or not."""
        self.blockSignals(True)
        for row, item in enumerate(self._evidence):
            if item.sensitive:
                entry = self.item(row)
                flags = entry.flags()
                entry.setFlags(
                    flags | Qt.ItemFlag.ItemIsEnabled if on else flags & ~Qt.ItemFlag.ItemIsEnabled
                )
                checked = on and item.include_in_dossier
                entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def chosen_ids(self) -> frozenset[int]:
        return frozenset(
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )
