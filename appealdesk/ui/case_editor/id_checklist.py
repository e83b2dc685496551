"""The ID checklist: what the platform may ask to prove who you are, and where each one is."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from appealdesk.domain.checklists import ALLOWED_STATES
from appealdesk.domain.enums import Checklist, ChecklistState
from appealdesk.domain.labels import label
from appealdesk.domain.models import EvidenceItem
from appealdesk.domain.reference import id_checklist
from appealdesk.i18n import _
from appealdesk.services.checklists import entries
from appealdesk.services.results import CaseDetail
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import plain_label

_LINKABLE = {ChecklistState.NOT_NEEDED, ChecklistState.NEEDED}


def _evidence_title(item: EvidenceItem) -> str:
    return item.title or item.original_name


class IdChecklistSection(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.box = QGroupBox()
        self.intro = plain_label(word_wrap=True)
        grid = QGridLayout()
        self.titles: dict[str, QLabel] = {}
        self.states: dict[str, ChoiceCombo] = {}
        self.files: dict[str, ChoiceCombo] = {}
        for row, item in enumerate(id_checklist()):
            title = plain_label(word_wrap=True)
            state = ChoiceCombo(ALLOWED_STATES[Checklist.ID_DOCUMENTS], label)
            state.setObjectName(f"id_state_{item.key}")
            file = ChoiceCombo([], _evidence_title, none_text=lambda: _("— no file —"))
            file.setObjectName(f"id_file_{item.key}")
            state.committed.connect(lambda value, key=item.key: self._state_chosen(key, value))
            file.committed.connect(lambda value, key=item.key: self._file_chosen(key, value))
            title.setBuddy(state)
            grid.addWidget(title, row, 0)
            grid.addWidget(state, row, 1)
            grid.addWidget(file, row, 2)
            self.titles[item.key], self.states[item.key], self.files[item.key] = title, state, file
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 2)
        inner = QVBoxLayout(self.box)
        inner.addWidget(self.intro)
        inner.addLayout(grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.box.setTitle(_("ID checklist"))
        self.intro.setText(
            _(
                "The platform may ask for a photo of your face next to your identity document. "
                "Keep what it asks for here; identity documents are sensitive."
            )
        )
        for item in id_checklist():
            self.titles[item.key].setText(item.title.text())
            self.titles[item.key].setToolTip(item.description.text())
            self.states[item.key].retranslate()
            self.files[item.key].retranslate()

    def load(self, detail: CaseDetail) -> None:
        by_id = {item.id: item for item in detail.evidence}
        for entry in entries(detail.case, detail.checklist, Checklist.ID_DOCUMENTS):
            self.states[entry.key].set_value(entry.state)
            self.files[entry.key].set_values(list(detail.evidence))
            self.files[entry.key].set_value(by_id.get(entry.evidence_id))

    def _current(self, key: str) -> tuple[ChecklistState, int | None]:
        detail = self.context.detail
        assert detail is not None
        entry = next(
            e
            for e in entries(detail.case, detail.checklist, Checklist.ID_DOCUMENTS)
            if e.key == key
        )
        return entry.state, entry.evidence_id

    def _state_chosen(self, key: str, state: ChecklistState) -> None:
        case_id = self.context.case_id
        if case_id is None:
            return
        before = self._current(key)
        if before[0] != state:
            self.context.actions.link_checklist_evidence(
                case_id, Checklist.ID_DOCUMENTS, key, before, (state, before[1])
            )

    def _file_chosen(self, key: str, item: EvidenceItem | None) -> None:
        """Linking a file means the document is collected (unless it was already sent)."""
        case_id = self.context.case_id
        if case_id is None:
            return
        before = self._current(key)
        state = ChecklistState.COLLECTED if item and before[0] in _LINKABLE else before[0]
        after = (state, item.id if item else None)
        if after != before:
            self.context.actions.link_checklist_evidence(
                case_id, Checklist.ID_DOCUMENTS, key, before, after
            )
