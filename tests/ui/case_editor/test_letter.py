"""The appeal letter tab: drafting in either language, editing, undo, copying."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import AppealGround, LetterKind
from appealdesk.domain.labels import label
from appealdesk.domain.taxonomy import taxonomy
from appealdesk.i18n import _, format_date, format_number
from appealdesk.services import appeal_letters, cases
from appealdesk.ui.case_editor.letter import LetterSection
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.boxes import answer_boxes
from tests.ui.main_window.test_window import choose, open_case

DUTCH_MONTHS = {
    *("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"),
    *("september", "oktober", "november", "december"),
}


def open_letter(window: MainWindow, number: str) -> tuple[int, LetterSection]:
    case_id = open_case(window, number)
    window.editor.tabs.setCurrentWidget(window.editor.letter)
    letter = window.editor.letter
    choose(letter.choices.kind, letter.choices.kind.index_of(LetterKind.APPEAL))
    return case_id, letter


def letter_language(letter: LetterSection, language: str) -> None:
    choose(letter.language, letter.language.index_of(language))


def tick(qtbot: QtBot, letter: LetterSection, ground: AppealGround) -> None:
    box = letter.ground_boxes[ground]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def draft(qtbot: QtBot, letter: LetterSection) -> str:
    qtbot.mouseClick(letter.draft_button, Qt.MouseButton.LeftButton)
    return letter.text.toPlainText()


def stored(window: MainWindow, case_id: int, language: str) -> str:
    letter = appeal_letters.get_letter(window.db, case_id, language)
    return letter.text if letter else ""


def type_at_end(qtbot: QtBot, letter: LetterSection, text: str) -> None:
    letter.text.setFocus()
    letter.text.moveCursor(letter.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(letter.text, text)


def test_the_letter_is_the_last_tab(window: MainWindow) -> None:
    tabs = window.editor.tabs
    assert tabs.indexOf(window.editor.letter) == tabs.count() - 1
    assert tabs.tabText(tabs.count() - 1) == "&Appeal letter"
    assert window.editor.letter in window.editor.sections
    assert window.editor.letter.ground_boxes[AppealGround.OTHER].text() == "Another reason"


def test_a_dutch_draft_holds_the_facts_of_the_case(qtbot: QtBot, window: MainWindow) -> None:
    case_id, letter = open_letter(window, "TT-2026-0004")
    letter_language(letter, "nl")
    tick(qtbot, letter, AppealGround.NO_VIOLATION)
    text = draft(qtbot, letter)

    detail = cases.get_case(window.db, case_id)
    blocked_on = format_date(detail.case.blocked_at, "long", "nl")
    day, month, year = blocked_on.split()
    assert month in DUTCH_MONTHS and re.fullmatch(r"\d{1,2}", day) and year.isdigit()
    policy = taxonomy().policy(detail.case.reason_area, detail.case.reason_policy)
    assert policy is not None
    for fact in ("@femke.filmt", blocked_on, policy.name.nl):
        assert fact in text
    assert "TT-2026-0004" not in text  # our case number is no reference of the platform's
    assert "Geachte heer, mevrouw," in text  # as in every letter to the company
    for reference in ("TT-APL-57730112", "CS-4471-2210"):
        assert reference in text
    assert stored(window, case_id, "nl") == text
    saved = appeal_letters.get_letter(window.db, case_id, "nl")
    assert saved is not None and saved.grounds == [AppealGround.NO_VIOLATION.value]


def test_each_language_keeps_its_own_letter(qtbot: QtBot, window: MainWindow) -> None:
    case_id, letter = open_letter(window, "TT-2026-0004")
    letter_language(letter, "nl")
    tick(qtbot, letter, AppealGround.NO_VIOLATION)
    dutch = draft(qtbot, letter)

    letter_language(letter, "en")
    assert letter.text.toPlainText() == ""
    assert letter.ground_boxes[AppealGround.NO_VIOLATION].isChecked()  # carried over
    assert stored(window, case_id, "en") == ""  # switching saved nothing
    english = draft(qtbot, letter)
    assert "Dear Sir or Madam," in english and "I am convinced" in english
    assert stored(window, case_id, "en") == english
    assert stored(window, case_id, "nl") == dutch

    letter_language(letter, "nl")
    assert letter.text.toPlainText() == dutch


def test_an_edit_is_saved_on_leaving_the_text_and_undone(qtbot: QtBot, window: MainWindow) -> None:
    case_id, letter = open_letter(window, "TT-2026-0001")
    letter_language(letter, "nl")
    drafted = draft(qtbot, letter)
    type_at_end(qtbot, letter, " Tot ziens.")
    letter.language.setFocus()  # leaving the text saves it
    assert stored(window, case_id, "nl") == drafted + " Tot ziens."
    assert window.menus.undo.text() == "&Undo Edit the letter"

    window.menus.undo.trigger()
    assert stored(window, case_id, "nl") == drafted
    assert letter.text.toPlainText() == drafted
    window.menus.undo.trigger()
    assert stored(window, case_id, "nl") == ""
    assert letter.text.toPlainText() == ""


def test_undo_shows_the_letter_it_changed(qtbot: QtBot, window: MainWindow) -> None:
    case_id, letter = open_letter(window, "TT-2026-0001")
    letter_language(letter, "nl")
    draft(qtbot, letter)
    letter_language(letter, "en")
    window.menus.undo.trigger()
    assert letter.letter_language == "nl"
    assert letter.language.value() == "nl"
    assert stored(window, case_id, "nl") == ""


def test_redrafting_an_unedited_letter_does_not_ask(
    qtbot: QtBot, window: MainWindow, answer_yes: list[str]
) -> None:
    case_id, letter = open_letter(window, "TT-2026-0004")
    draft(qtbot, letter)
    tick(qtbot, letter, AppealGround.AGE_PROVEN)
    text = draft(qtbot, letter)
    assert answer_yes == []
    assert "minimum age" in text
    assert stored(window, case_id, "en") == text


def test_redrafting_an_edited_letter_asks_first(
    qtbot: QtBot, window: MainWindow, answer_yes: list[str]
) -> None:
    case_id, letter = open_letter(window, "TT-2026-0004")
    drafted = draft(qtbot, letter)
    type_at_end(qtbot, letter, " PS")
    assert draft(qtbot, letter) == drafted
    assert len(answer_yes) == 1 and "edited letter" in answer_yes[0]
    assert stored(window, case_id, "en") == drafted
    window.menus.undo.trigger()  # the draft is undone: the edit is back
    assert letter.text.toPlainText() == drafted + " PS"


def test_no_keeps_the_edited_letter(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_boxes(monkeypatch, QMessageBox.StandardButton.No)
    case_id, letter = open_letter(window, "TT-2026-0004")
    drafted = draft(qtbot, letter)
    type_at_end(qtbot, letter, " PS")
    assert draft(qtbot, letter) == drafted + " PS"
    assert len(asked) == 1
    assert stored(window, case_id, "en") == drafted + " PS"


def test_the_exception_is_chosen_with_its_ground(qtbot: QtBot, window: MainWindow) -> None:
    case_id, letter = open_letter(window, "TT-2026-0004")
    letter_language(letter, "nl")
    assert not letter.exception.isEnabled()
    tick(qtbot, letter, AppealGround.EXCEPTION)
    assert letter.exception.isEnabled()
    choose(letter.exception, letter.exception.index_of("satirical"))
    assert letter.exception.currentText() == "Satirical"  # the UI language
    text = draft(qtbot, letter)
    assert "valt zij onder een uitzondering die uw richtlijnen zelf noemen: ‘Satirisch’" in text
    saved = appeal_letters.get_letter(window.db, case_id, "nl")
    assert saved is not None and saved.exception == "satirical"
    tick(qtbot, letter, AppealGround.EXCEPTION)
    assert not letter.exception.isEnabled()


def test_copy_puts_the_letter_on_the_clipboard(qtbot: QtBot, window: MainWindow) -> None:
    _case_id, letter = open_letter(window, "TT-2026-0004")
    assert not letter.copy_button.isEnabled()
    assert letter.length_label.text() == "0 characters"
    text = draft(qtbot, letter)
    assert letter.length_label.text() == f"{format_number(len(text))} characters"
    qtbot.mouseClick(letter.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == text
    assert "clipboard" in window.message_bar.text()


def test_a_case_opens_on_the_letter_last_worked_on(qtbot: QtBot, window: MainWindow) -> None:
    _case_id, letter = open_letter(window, "TT-2026-0004")
    assert letter.language.value() == "en"  # no letter yet: the UI language
    letter_language(letter, "nl")
    dutch = draft(qtbot, letter)
    open_letter(window, "TT-2026-0001")
    assert letter.language.value() == "en"
    assert letter.text.toPlainText() == ""
    open_letter(window, "TT-2026-0004")
    assert letter.language.value() == "nl"
    assert letter.text.toPlainText() == dutch


def test_the_ui_language_changes_the_tab_not_the_letter(qtbot: QtBot, window: MainWindow) -> None:
    _case_id, letter = open_letter(window, "TT-2026-0004")
    tick(qtbot, letter, AppealGround.EXCEPTION)
    choose(letter.exception, letter.exception.index_of("satirical"))
    text = draft(qtbot, letter)
    window.menus.languages["nl"].trigger()
    assert letter.text.toPlainText() == text
    assert letter.language.value() == "en"
    assert letter.exception.currentText() == "Satirisch"
    assert letter.length_label.text().startswith(format_number(len(text), "nl"))
    assert "." in format_number(len(text), "nl")  # written the Dutch way: 1.234
    assert letter.draft_button.text() == _("&Draft the letter")
    for ground, box in letter.ground_boxes.items():
        assert box.text() == label(ground)
