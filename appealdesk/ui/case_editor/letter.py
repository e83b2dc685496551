"""The appeal letter: drafted from the case in Dutch or English, edited, then copied."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import AppealGround
from appealdesk.domain.labels import label
from appealdesk.domain.models import AppealLetter
from appealdesk.domain.taxonomy import exception_keys, find_exception, taxonomy_for
from appealdesk.i18n import (
    LANGUAGE_NAMES,
    SUPPORTED_LANGUAGES,
    _,
    current_language,
    format_number,
    ngettext,
)
from appealdesk.services import appeal_letters
from appealdesk.services.changes import LetterChanges
from appealdesk.services.results import CaseDetail
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.fields import ChoiceCombo, CommitTextEdit
from appealdesk.ui.widgets.plain_text import plain_label

# What is stored per letter, as CaseActions.save_letter takes it: text, grounds, exception
# (here always all three).
LetterState = LetterChanges


def _state(letter: AppealLetter | None) -> LetterState:
    if letter is None:
        return {"text": "", "grounds": [], "exception": None}
    return {"text": letter.text, "grounds": list(letter.grounds), "exception": letter.exception}


class LetterSection(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._case_id: int | None = None
        self._language = current_language()
        # The last draft made in each (case, language): a text equal to it is not the user's.
        self._drafts: dict[tuple[int, str], str] = {}

        self.language_label = plain_label()
        self.language = ChoiceCombo(SUPPORTED_LANGUAGES, LANGUAGE_NAMES.__getitem__)
        self.language.setObjectName("letter_language")
        self.language_label.setBuddy(self.language)
        self.language.committed.connect(self._language_chosen)

        self.ground_boxes: dict[AppealGround, QCheckBox] = {}
        for ground in AppealGround:
            box = QCheckBox()
            box.setObjectName(f"ground_{ground.value}")
            box.clicked.connect(self._grounds_changed)
            self.ground_boxes[ground] = box
        self.exception_label = plain_label()
        self._blocked_on: dt.date | None = None  # the case's block date: its guideline edition
        self.exception = ChoiceCombo(
            exception_keys(),
            self._exception_name,
            none_text=lambda: _("Not specified"),
        )
        self.exception.setObjectName("letter_exception")
        self.exception_label.setBuddy(self.exception)
        self.exception.committed.connect(lambda _key: self._save(self._current_state()))

        self.text = CommitTextEdit()
        self.text.setObjectName("letter_text")
        self.text.committed.connect(lambda _text: self._save(self._current_state()))
        self.text.textChanged.connect(self._show_length)

        self.draft_button = QPushButton()
        self.draft_button.setObjectName("draft_letter")
        self.draft_button.clicked.connect(self.draft)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copy_letter")
        self.copy_button.clicked.connect(self.copy)
        self.length_label = plain_label()
        self.length_label.setObjectName("letter_length")

        self._build_layout()
        context.actions.signals.letter_changed.connect(self._letter_changed)
        self.retranslate_ui()
        self._update_exception()

    def _build_layout(self) -> None:
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language)
        language_row.addStretch(1)

        self.grounds_box = QGroupBox()
        grounds = QGridLayout(self.grounds_box)
        rows = (len(self.ground_boxes) + 1) // 2
        for index, box in enumerate(self.ground_boxes.values()):
            grounds.addWidget(box, index % rows, index // rows)
        exception_row = QHBoxLayout()
        exception_row.addWidget(self.exception_label)
        exception_row.addWidget(self.exception)
        exception_row.addStretch(1)
        grounds.addLayout(exception_row, rows, 0, 1, 2)
        grounds.setColumnStretch(0, 1)
        grounds.setColumnStretch(1, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.length_label)

        layout = QVBoxLayout(self)
        layout.addLayout(language_row)
        layout.addWidget(self.grounds_box)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.language_label.setText(_("Lan&guage of the letter:"))
        self.grounds_box.setTitle(_("Why the block is wrong"))
        for ground, box in self.ground_boxes.items():
            box.setText(label(ground))
        self.exception_label.setText(_("Which e&xception:"))
        self.exception.retranslate()
        self.text.setAccessibleName(_("Appeal letter"))
        self.text.setPlaceholderText(
            _("Tick the grounds above and draft the letter, or write your own letter here.")
        )
        self.draft_button.setText(_("&Draft the letter"))
        self.copy_button.setText(_("Co&py"))
        self.copy_button.setToolTip(_("Copy the letter to paste it into the platform's form"))
        self._show_length()

    # Showing ------------------------------------------------------------------------------

    @property
    def letter_language(self) -> str:
        return self._language

    def load(self, detail: CaseDetail) -> None:
        same_case = detail.case.id == self._case_id
        if not same_case:
            self._case_id = detail.case.id
            self._language = self._last_edited_language()
        self._offer_exceptions(detail)
        self._show_letter(keep_choices=same_case)

    def _exception_name(self, key: str) -> str:
        exception = find_exception(self._blocked_on, key)
        return exception.name.text() if exception else key

    def _offer_exceptions(self, detail: CaseDetail) -> None:
        """The exceptions of the edition in force on the block date, and one chosen earlier
        from another edition (it stays as it was saved)."""
        self._blocked_on = detail.case.blocked_at.date()
        keys = [e.key for e in taxonomy_for(self._blocked_on).exceptions]
        for language in SUPPORTED_LANGUAGES:
            letter = self._stored(language)
            if letter is not None and letter.exception and letter.exception not in keys:
                keys.append(letter.exception)
        self.exception.set_values(keys)

    def _last_edited_language(self) -> str:
        """The language of the letter the user worked on last, else the UI language."""
        letters = [self._stored(language) for language in SUPPORTED_LANGUAGES]
        written = [letter for letter in letters if letter is not None and letter.text.strip()]
        if not written:
            return current_language()
        return max(written, key=lambda letter: letter.updated_at).language

    def _stored(self, language: str | None = None) -> AppealLetter | None:
        if self._case_id is None:
            return None
        return appeal_letters.get_letter(self.context.db, self._case_id, language or self._language)

    def _show_letter(self, *, keep_choices: bool) -> None:
        """Shows the stored letter in the chosen language. With ``keep_choices``, a language
        that has no letter yet starts from the grounds already ticked (saved with its draft)."""
        letter = self._stored()
        state = _state(letter)
        self.language.set_value(self._language)
        if letter is not None or not keep_choices:
            for ground, box in self.ground_boxes.items():
                box.setChecked(ground.value in state["grounds"])
            self.exception.set_value(state["exception"])
        self.text.set_value(state["text"])
        self._update_exception()

    def _update_exception(self) -> None:
        chosen = self.ground_boxes[AppealGround.EXCEPTION].isChecked()
        self.exception.setEnabled(chosen)
        self.exception_label.setEnabled(chosen)

    def _show_length(self) -> None:
        length = len(self.text.toPlainText())
        self.length_label.setText(
            ngettext("{count} character", "{count} characters", length).format(
                count=format_number(length)
            )
        )
        self.copy_button.setEnabled(length > 0)

    # Changing -----------------------------------------------------------------------------

    def _current_state(self) -> LetterState:
        return {
            "text": self.text.toPlainText(),
            "grounds": [g.value for g, box in self.ground_boxes.items() if box.isChecked()],
            "exception": self.exception.value(),
        }

    def _save(self, after: LetterState) -> bool:
        if self._case_id is None or self.context.detail is None:  # None: the case is gone
            return False
        before = _state(self._stored())
        if before == after:
            return True
        return self.context.actions.save_letter(self._case_id, self._language, before, after)

    def _grounds_changed(self) -> None:
        self._update_exception()
        self._save(self._current_state())

    def _language_chosen(self, language: str) -> None:
        if language == self._language:
            return
        self.text.commit()  # what was typed belongs to the letter it was typed in
        self._language = language
        self._show_letter(keep_choices=True)

    def _letter_changed(self, case_id: int, language: str) -> None:
        # An undo or redo of the other language's letter brings that letter on screen.
        if case_id == self._case_id:
            self._language = language

    def draft(self) -> None:
        """Replaces the letter by a draft from the case and the grounds ticked (asks first
        when the letter holds the user's own words)."""
        detail = self.context.detail
        if detail is None or self._case_id is None:
            return
        self.text.commit()
        detail = self.context.detail or detail  # committing reloads the case
        if self._is_edited(detail) and not self._replace_confirmed():
            return
        state = self._current_state()
        state["text"] = appeal_letters.draft_letter(
            detail, self._language, state["grounds"], state["exception"]
        )
        if self._save(state):
            self._drafts[(self._case_id, self._language)] = self.text.toPlainText()

    def _is_edited(self, detail: CaseDetail) -> bool:
        text = self.text.toPlainText()
        if not text.strip() or self._case_id is None:
            return False
        if text == self._drafts.get((self._case_id, self._language)):
            return False
        # A letter drafted earlier (another session) counts as a draft while it is unchanged.
        letter = self._stored()
        if letter is None:
            return True
        redrafted = appeal_letters.draft_letter(
            detail, self._language, letter.grounds, letter.exception
        )
        return text != redrafted

    def _replace_confirmed(self) -> bool:
        question = _("Replace your edited letter with a new draft? You can undo this.")
        return confirmed(self, _("Replace the letter"), question)

    def copy(self) -> None:
        text = self.text.toPlainText()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self.context.inform(_("The letter is on the clipboard."))
