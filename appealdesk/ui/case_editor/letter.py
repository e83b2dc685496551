"""The letters of a case: the one its stage needs first, drafted in Dutch or English from the
case, edited, copied, and marked as sent."""

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

from appealdesk.domain.enums import AppealGround, LetterKind
from appealdesk.domain.labels import label
from appealdesk.domain.models import AppealLetter
from appealdesk.domain.taxonomy import exception_keys
from appealdesk.i18n import (
    LANGUAGE_NAMES,
    N_,
    SUPPORTED_LANGUAGES,
    _,
    current_language,
    format_number,
    ngettext,
)
from appealdesk.services import appeal_letters, letters
from appealdesk.services.results import CaseDetail
from appealdesk.ui.case_editor.actions import LetterActions
from appealdesk.ui.case_editor.letter_choices import (
    LetterChoices,
    LetterState,
    SentRow,
    ShortVersion,
    exception_name,
    letter_state,
    offered_exceptions,
)
from appealdesk.ui.case_editor.section import CaseSection, EditorContext
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.fields import ChoiceCombo, CommitTextEdit
from appealdesk.ui.widgets.plain_text import plain_label


class LetterSection(CaseSection):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._case_id: int | None = None
        self._language = current_language()
        self._kind = LetterKind.APPEAL
        # The last draft made in each (case, kind, language): a text equal to it is not the
        # user's.
        self._drafts: dict[tuple[int, LetterKind, str], str] = {}
        self.letter_actions = LetterActions(context.actions)

        self.choices = LetterChoices()
        self.choices.kind.committed.connect(self._kind_chosen)
        self.choices.body.committed.connect(lambda _key: self._save(self._current_state()))
        self.short = ShortVersion()
        self.short.text.committed.connect(lambda _text: self._save(self._current_state()))

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
            lambda key: exception_name(self._blocked_on, key),
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
        self.sent = SentRow()
        self.sent_button, self.sent_label = self.sent.button, self.sent.label
        self.sent.button.clicked.connect(self.mark_sent)

        self._build_layout()
        context.actions.signals.letter_changed.connect(self._letter_changed)
        self.retranslate_ui()
        self._update_exception()

    def _build_layout(self) -> None:
        language_row = QHBoxLayout()
        language_row.addWidget(self.choices)
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
        layout.addWidget(self.choices.eligibility)
        layout.addWidget(self.grounds_box)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.short)
        layout.addLayout(buttons)
        layout.addWidget(self.sent)

    def retranslate_ui(self) -> None:
        self.choices.retranslate_ui()
        self.short.retranslate_ui()
        self.language_label.setText(_("Lan&guage of the letter:"))
        self.grounds_box.setTitle(_("Why the block is wrong"))
        for ground, box in self.ground_boxes.items():
            box.setText(label(ground))
        self.exception_label.setText(_("Which e&xception:"))
        self.exception.retranslate()
        self.text.setAccessibleName(_("Letter"))
        self._show_placeholder()
        self.draft_button.setText(_("&Draft the letter"))
        self.copy_button.setText(_("Co&py"))
        self.copy_button.setToolTip(_("Copy the letter to paste it into the platform's form"))
        self.sent.retranslate_ui()
        self._show_length()  # the sent row says its date again itself: no reading here

    # Showing ------------------------------------------------------------------------------

    def _show_placeholder(self) -> None:
        hint = N_("Tick the grounds above and draft the letter, or write your own letter here.")
        other = N_("Draft the letter from the case, or write your own letter here.")
        self.text.setPlaceholderText(_(hint if self._kind is LetterKind.APPEAL else other))

    @property
    def letter_language(self) -> str:
        return self._language

    @property
    def letter_kind(self) -> LetterKind:
        return self._kind

    def load(self, detail: CaseDetail) -> None:
        same_case = detail.case.id == self._case_id
        assert detail.case.id is not None
        stored = letters.case_letters(self.context.db, detail.case.id)
        proposed = letters.proposal(detail, stored)
        self.choices.propose(proposed)
        if not same_case:
            self._case_id = detail.case.id
            self._kind, self._language = self._last_edited(proposed, stored)
        self._blocked_on = detail.case.blocked_at.date()  # its edition's exceptions are offered
        self.exception.set_values(offered_exceptions(detail, stored))
        self.short.set_field(letters.appeal_field(detail))
        self._show_letter(keep_choices=same_case)

    def _last_edited(
        self, proposed: LetterKind, stored: list[AppealLetter]
    ) -> tuple[LetterKind, str]:
        """The letter the user worked on last, else the proposed one in the UI language."""
        written = [letter for letter in stored if letter.text.strip()]
        if not written:
            return proposed, current_language()
        last = max(written, key=lambda letter: letter.updated_at)
        return last.kind, last.language

    def _stored(self, language: str | None = None) -> AppealLetter | None:
        if self._case_id is None:
            return None
        language = language or self._language
        return appeal_letters.get_letter(self.context.db, self._case_id, language, self._kind)

    def _show_letter(self, *, keep_choices: bool) -> None:
        """Shows the stored letter in the chosen language. With ``keep_choices``, a language
        that has no letter yet starts from the grounds already ticked (saved with its draft)."""
        letter = self._stored()
        state = letter_state(letter)
        self.language.set_value(self._language)
        appeal = self._kind is LetterKind.APPEAL
        self.choices.show_kind(self._kind)
        self.grounds_box.setVisible(appeal)
        self.short.setVisible(appeal)
        self._show_placeholder()
        self.choices.body.set_value(state["body_id"] or self._case_body())
        self.choices.check_bodies(self.context.db, self._case_id)
        self.short.text.set_value(state["short_text"])
        self.sent.show_sent(letter)
        if letter is not None or not keep_choices:
            for ground, box in self.ground_boxes.items():
                box.setChecked(ground.value in state["grounds"])
            self.exception.set_value(state["exception"])
        self.text.set_value(state["text"])
        self._update_exception()

    def _case_body(self) -> str | None:
        detail = self.context.detail
        return detail.case.ods_body if detail is not None else None

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
            "short_text": self.short.text.toPlainText(),
            "body_id": self.choices.body.value(),
        }

    def _save(self, after: LetterState) -> bool:
        if self._case_id is None or self.context.detail is None:  # None: the case is gone
            return False
        before = letter_state(self._stored())
        if before == after:
            return True
        return self.context.actions.save_letter(
            self._case_id, self._language, before, after, self._kind
        )

    def _grounds_changed(self) -> None:
        self._update_exception()
        self._save(self._current_state())

    def _language_chosen(self, language: str) -> None:
        if language == self._language:
            return
        self._commit()  # what was typed belongs to the letter it was typed in
        self._language = language
        self._show_letter(keep_choices=True)

    def _kind_chosen(self, kind: LetterKind) -> None:
        if kind is self._kind:
            return
        self._commit()
        self._kind = kind
        self._show_letter(keep_choices=True)

    def _commit(self) -> None:
        self.text.commit()
        self.short.text.commit()

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
        self._commit()
        detail = self.context.detail or detail  # committing reloads the case
        if self._is_edited(detail) and not self._replace_confirmed():
            return
        state = self._current_state()
        state["text"] = self._redraft(detail, state)
        if self._kind is LetterKind.APPEAL:
            state["short_text"] = letters.short_draft(self.context.db, detail, self._language)
        if self._save(state):
            self._drafts[(self._case_id, self._kind, self._language)] = self.text.toPlainText()

    def _redraft(self, detail: CaseDetail, state: LetterState) -> str:
        if self._kind is LetterKind.APPEAL:
            grounds, exception = state.get("grounds", []), state.get("exception")
            return appeal_letters.draft_letter(detail, self._language, grounds, exception)
        body = state.get("body_id")
        return letters.draft(self.context.db, detail, self._kind, self._language, body_id=body)

    def _is_edited(self, detail: CaseDetail) -> bool:
        text = self.text.toPlainText()
        if not text.strip() or self._case_id is None:
            return False
        if text == self._drafts.get((self._case_id, self._kind, self._language)):
            return False
        # A letter drafted earlier (another session) counts as a draft while it is unchanged.
        letter = self._stored()
        if letter is None:
            return True
        return text != self._redraft(detail, letter_state(letter))

    def _replace_confirmed(self) -> bool:
        question = _("Replace your edited letter with a new draft? You can undo this.")
        return confirmed(self, _("Replace the letter"), question)

    def copy(self) -> None:
        text = self.text.toPlainText()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self.context.inform(_("The letter is on the clipboard."))

    def mark_sent(self) -> None:
        """Records the letter on screen as sent today, on the timeline (undoable)."""
        if self._case_id is None or self.context.detail is None:
            return
        self._commit()
        if self.letter_actions.mark_sent(self._case_id, self._kind, self._language):
            self.context.inform(_("The letter is on the timeline as sent."))
