"""Is it really blocked? The five signs with a verdict, and the steps for where the case is.

A step the case's data shows done (an appeal on the timeline …) is ticked and says so; it is
undone by changing the case, not by unticking it (see ``domain.step_progress``). Any step can
be marked not applicable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.checklists import ALLOWED_STATES, BlockVerdict, block_verdict
from appealdesk.domain.enums import Checklist, ChecklistState
from appealdesk.domain.labels import label
from appealdesk.domain.reference import block_signs, steps_for_status, unblock_steps
from appealdesk.domain.step_progress import StepProgress
from appealdesk.i18n import _
from appealdesk.services.checklists import entries
from appealdesk.services.results import CaseDetail
from appealdesk.ui.base.palette import banner_style
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import bold_label, plain_label, tooltip


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
        steps_grid = QGridLayout(self.steps_box)
        self.step_checks: dict[str, QCheckBox] = {}
        self.step_texts: dict[str, QLabel] = {}
        self.step_notes: dict[str, QLabel] = {}
        self.step_skips: dict[str, QToolButton] = {}
        for row, step in enumerate(unblock_steps()):
            check = QCheckBox()
            check.setObjectName(f"step_{step.key}")
            check.clicked.connect(lambda checked, key=step.key: self._step_done(key, checked))
            skip = QToolButton()
            skip.setObjectName(f"skip_{step.key}")
            skip.setCheckable(True)
            skip.clicked.connect(lambda checked, key=step.key: self._step_skipped(key, checked))
            text = plain_label(word_wrap=True)
            text.setContentsMargins(24, 0, 0, 0)
            note = plain_label(word_wrap=True)
            note.setObjectName(f"step_note_{step.key}")
            note.setContentsMargins(24, 0, 0, 6)
            font = note.font()
            font.setItalic(True)
            note.setFont(font)
            steps_grid.addWidget(check, row * 3, 0)
            steps_grid.addWidget(skip, row * 3, 1, Qt.AlignmentFlag.AlignTop)
            steps_grid.addWidget(text, row * 3 + 1, 0, 1, 2)
            steps_grid.addWidget(note, row * 3 + 2, 0, 1, 2)
            self.step_checks[step.key], self.step_texts[step.key] = check, text
            self.step_notes[step.key], self.step_skips[step.key] = note, skip
        steps_grid.setColumnStretch(0, 1)

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
            self.step_skips[step.key].setText(_("Not applicable"))
            self.step_skips[step.key].setToolTip(
                tooltip(_("This step does not apply to this case."))
            )
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
        for step in detail.steps:
            self._show_step(step, visible=step.key in relevant)
        self.steps_box.setTitle(
            _("What to do now: {status}").format(status=label(detail.case.status))
        )

    def _show_step(self, step: StepProgress, *, visible: bool) -> None:
        check, text = self.step_checks[step.key], self.step_texts[step.key]
        note, skip = self.step_notes[step.key], self.step_skips[step.key]
        skipped = step.state is ChecklistState.SKIPPED
        for widget in (check, text, skip):
            widget.setVisible(visible)
        check.setChecked(step.state is ChecklistState.DONE)
        check.setEnabled(not skipped)
        text.setEnabled(not skipped)
        skip.setChecked(skipped)
        if skipped:
            explanation = _("You marked this step as not applicable.")
        elif step.follows_data and step.proof is not None:
            explanation = step.proof.text()
        else:
            explanation = ""
        note.setText(explanation)
        note.setVisible(visible and bool(explanation))
        if step.follows_data:
            lasting = _("It stays ticked as long as the case shows it.")
            check.setToolTip(tooltip(f"{explanation} {lasting}"))
        else:
            check.setToolTip("")

    def _set(self, checklist: Checklist, key: str, state: ChecklistState) -> None:
        detail = self.context.detail
        if detail is None or detail.case.id is None:
            return
        if checklist is Checklist.NEXT_STEPS:
            current = {step.key: step.chosen for step in detail.steps}
        else:
            current = {e.key: e.state for e in entries(detail.case, detail.checklist, checklist)}
        if current[key] != state:
            self.context.actions.set_checklist(detail.case.id, checklist, key, current[key], state)

    def _step_done(self, key: str, done: bool) -> None:
        detail = self.context.detail
        shown = next((s for s in detail.steps if s.key == key), None) if detail else None
        if shown is not None and shown.follows_data and shown.proof is not None:
            # What the case shows is undone there (the timeline, the evidence …), not here.
            self.step_checks[key].setChecked(True)
            lasting = _("It stays ticked as long as the case shows it.")
            self.context.inform(f"{shown.proof.text()} {lasting}")
            return
        self._set(Checklist.NEXT_STEPS, key, ChecklistState.DONE if done else ChecklistState.TODO)

    def _step_skipped(self, key: str, skipped: bool) -> None:
        state = ChecklistState.SKIPPED if skipped else ChecklistState.TODO
        self._set(Checklist.NEXT_STEPS, key, state)
