"""Is it really blocked? The five signs with a verdict, and the steps for where the case is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.checklists import ALLOWED_STATES, BlockVerdict, block_verdict
from appealdesk.domain.enums import Checklist, ChecklistState
from appealdesk.domain.labels import label
from appealdesk.domain.reference import block_signs, steps_for_status, unblock_steps
from appealdesk.i18n import _
from appealdesk.services.checklists import entries
from appealdesk.services.results import CaseDetail
from appealdesk.ui.base.palette import banner_style
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import bold_label, plain_label


def _title(text: str) -> QLabel:
    return bold_label(text, word_wrap=True)


class BlockCheckSection(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.signs_box = QGroupBox()
        self.signs_intro = plain_label(word_wrap=True)
        grid = QGridLayout()
        self.sign_titles: dict[str, QLabel] = {}
        self.sign_texts: dict[str, QLabel] = {}
        self.sign_states: dict[str, ChoiceCombo] = {}
        for row, sign in enumerate(block_signs()):
            title, text = _title(""), plain_label(word_wrap=True)
            state = ChoiceCombo(ALLOWED_STATES[Checklist.BLOCK_SIGNS], label)
            state.setObjectName(f"sign_{sign.key}")
            state.committed.connect(
                lambda value, key=sign.key: self._set(Checklist.BLOCK_SIGNS, key, value)
            )
            title.setBuddy(state)
            grid.addWidget(title, row * 2, 0)
            grid.addWidget(state, row * 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row * 2 + 1, 0)
            self.sign_titles[sign.key], self.sign_texts[sign.key] = title, text
            self.sign_states[sign.key] = state
        grid.setColumnStretch(0, 1)
        self.verdict = bold_label(word_wrap=True)
        self.verdict.setObjectName("block_verdict")
        self.verdict.setContentsMargins(8, 6, 8, 6)
        signs_layout = QVBoxLayout(self.signs_box)
        signs_layout.addWidget(self.signs_intro)
        signs_layout.addLayout(grid)
        signs_layout.addWidget(self.verdict)

        self.steps_box = QGroupBox()
        self.steps_layout = QVBoxLayout(self.steps_box)
        self.step_checks: dict[str, QCheckBox] = {}
        self.step_texts: dict[str, QLabel] = {}
        for step in unblock_steps():
            check = QCheckBox()
            check.setObjectName(f"step_{step.key}")
            check.clicked.connect(lambda checked, key=step.key: self._step_done(key, checked))
            text = plain_label(word_wrap=True)
            text.setContentsMargins(24, 0, 0, 6)
            self.steps_layout.addWidget(check)
            self.steps_layout.addWidget(text)
            self.step_checks[step.key], self.step_texts[step.key] = check, text
        self.steps_layout.addStretch(1)

        content = QWidget()
        columns = QVBoxLayout(content)
        columns.addWidget(self.signs_box)
        columns.addWidget(self.steps_box)
        columns.addStretch(1)
        self.set_scrolling_content(content)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.signs_box.setTitle(_("The five signs of a block"))
        self.signs_intro.setText(_("Check each sign, preferably with someone else's phone."))
        for sign in block_signs():
            self.sign_titles[sign.key].setText(sign.title.text())
            self.sign_texts[sign.key].setText(sign.description.text())
            self.sign_states[sign.key].retranslate()
        for step in unblock_steps():
            self.step_checks[step.key].setText(step.title.text())
            self.step_texts[step.key].setText(step.description.text())
        if self.context.detail is not None:
            self.load(self.context.detail)
        else:
            self.steps_box.setTitle(_("What to do now"))

    def load(self, detail: CaseDetail) -> None:
        signs = entries(detail.case, detail.checklist, Checklist.BLOCK_SIGNS)
        for entry in signs:
            self.sign_states[entry.key].set_value(entry.state)
        verdict = block_verdict({e.key: e.state for e in signs})
        self.verdict.setText(verdict.text())
        likely = verdict.verdict is BlockVerdict.LIKELY_BLOCKED
        self.verdict.setStyleSheet(banner_style(self.palette(), overdue=likely))
        relevant = {step.key for step in steps_for_status(detail.case.status)}
        steps = entries(detail.case, detail.checklist, Checklist.NEXT_STEPS)
        for entry in steps:
            visible = entry.key in relevant
            self.step_checks[entry.key].setVisible(visible)
            self.step_texts[entry.key].setVisible(visible)
            self.step_checks[entry.key].setChecked(entry.state is ChecklistState.DONE)
        self.steps_box.setTitle(
            _("What to do now: {status}").format(status=label(detail.case.status))
        )

    def _set(self, checklist: Checklist, key: str, state: ChecklistState) -> None:
        detail = self.context.detail
        if detail is None or detail.case.id is None:
            return
        current = {e.key: e.state for e in entries(detail.case, detail.checklist, checklist)}
        if current[key] != state:
            self.context.actions.set_checklist(detail.case.id, checklist, key, current[key], state)

    def _step_done(self, key: str, done: bool) -> None:
        self._set(Checklist.NEXT_STEPS, key, ChecklistState.DONE if done else ChecklistState.TODO)
