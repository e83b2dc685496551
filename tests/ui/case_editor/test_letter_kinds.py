"""The letter tab's letters per stage: the proposed one first, the body, the short version and
its count, marking as sent, and all of it in the other language at once."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import EventKind, LetterKind
from appealdesk.domain.labels import label
from appealdesk.services import appeal_letters, cases, letters
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.case_editor.letter import LetterSection
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import choose, open_case

# Where the screenshots of the tab go (looked at by hand); none when unset.
SCREENSHOTS = os.environ.get("APPEALDESK_SCREENSHOTS", "")


def _open(window: MainWindow, number: str) -> tuple[int, LetterSection]:
    case_id = open_case(window, number)
    window.editor.tabs.setCurrentWidget(window.editor.letter)
    return case_id, window.editor.letter


def _choose_kind(letter: LetterSection, kind: LetterKind) -> None:
    choose(letter.choices.kind, letter.choices.kind.index_of(kind))


def test_the_proposed_letter_comes_first_and_is_marked(qtbot: QtBot, window: MainWindow) -> None:
    case_id, letter = _open(window, "TT-2026-0004")
    proposed = letters.proposed_kind(window.db, case_id)
    combo = letter.choices.kind
    assert combo.count() == len(LetterKind)
    assert LetterKind(combo.itemData(0)) is proposed
    assert combo.itemText(0) == f"{label(proposed)} (proposed)"
    assert letter.letter_kind is proposed  # no letter written yet: the proposed one shows
    assert all("(proposed)" not in combo.itemText(i) for i in range(1, combo.count()))


def test_the_body_is_chosen_only_for_the_complaint_to_a_body(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id, letter = _open(window, "TT-2026-0004")
    _choose_kind(letter, LetterKind.ODS_COMPLAINT)
    assert letter.choices.body.isVisibleTo(letter) and not letter.grounds_box.isVisibleTo(letter)
    choose(letter.choices.body, letter.choices.body.index_of("user_rights"))
    qtbot.mouseClick(letter.draft_button, Qt.MouseButton.LeftButton)
    assert letter.text.toPlainText().startswith("User Rights GmbH")
    stored = appeal_letters.get_letter(window.db, case_id, "en", LetterKind.ODS_COMPLAINT)
    assert stored is not None and stored.body_id == "user_rights"
    _choose_kind(letter, LetterKind.APPEAL)
    assert not letter.choices.body.isVisibleTo(letter) and letter.grounds_box.isVisibleTo(letter)


def test_the_chosen_body_says_whether_it_can_take_the_case(
    qtbot: QtBot, window: MainWindow
) -> None:
    _case_id, letter = _open(window, "TT-2026-0013")  # internal complaint rejected, in NL
    _choose_kind(letter, LetterKind.ODS_COMPLAINT)
    eligibility = letter.choices.eligibility
    assert eligibility.isVisibleTo(letter)
    assert eligibility.text().startswith("Appeals Centre Europe can take this dispute.")
    _case_id, letter = _open(window, "TT-2026-0014")  # the holder lives in the UK
    _choose_kind(letter, LetterKind.ODS_COMPLAINT)
    choose(letter.choices.body, letter.choices.body.index_of("appeals_centre_europe"))
    said = letter.choices.eligibility.text()
    assert said.startswith("Appeals Centre Europe cannot take this dispute:")
    assert "\n• " in said
    _choose_kind(letter, LetterKind.APPEAL)
    assert not letter.choices.eligibility.isVisibleTo(letter)


def test_the_short_version_counts_against_the_unconfirmed_limit(
    qtbot: QtBot, window: MainWindow
) -> None:
    _case_id, letter = _open(window, "TT-2026-0004")
    _choose_kind(letter, LetterKind.APPEAL)
    assert letter.short.isVisibleTo(letter)
    qtbot.mouseClick(letter.draft_button, Qt.MouseButton.LeftButton)
    short = letter.short.text.toPlainText()
    assert 0 < len(short) <= 800
    count = letter.short.count.text()
    assert f"{len(short)} of 800 characters" in count
    assert "reported by third parties, not confirmed" in count
    letter.short.text.setPlainText("x" * 801)  # counted live, while typing
    assert "801 of 800" in letter.short.count.text()
    assert "too long" in letter.short.count.text()


def test_mark_as_sent_puts_it_on_the_timeline_and_undo_takes_it_off(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id, letter = _open(window, "TT-2026-0004")
    _choose_kind(letter, LetterKind.DATA_ACCESS_REQUEST)
    before = len(cases.get_case(window.db, case_id).events)
    qtbot.mouseClick(letter.sent_button, Qt.MouseButton.LeftButton)
    detail = cases.get_case(window.db, case_id)
    assert len(detail.events) == before + 1
    assert any(e.kind is EventKind.DATA_ACCESS_REQUEST for e in detail.events)
    assert letter.sent_label.text().startswith("Sent on ")
    assert letter.text.toPlainText().strip()  # the text that was sent is kept
    window.menus.undo.trigger()
    assert len(cases.get_case(window.db, case_id).events) == before
    assert letter.sent_label.text() == ""


def test_everything_switches_language_at_once(qtbot: QtBot, window: MainWindow) -> None:
    _case_id, letter = _open(window, "TT-2026-0004")
    _choose_kind(letter, LetterKind.APPEAL)
    window.resize(1200, 860)
    qtbot.mouseClick(letter.draft_button, Qt.MouseButton.LeftButton)
    _grab(letter, "en")
    switch_language("nl")
    assert letter.sent_button.text() == "Als &verzonden markeren"
    assert "(voorgesteld)" in letter.choices.kind.itemText(0)
    assert letter.choices.kind_label.text() == "&Brief:"
    assert "door derden gemeld, niet bevestigd" in letter.short.count.text()
    assert letter.short.title() == "Korte versie voor het bezwaarveld in de app"
    _grab(letter, "nl")


def _grab(letter: LetterSection, language: str) -> None:
    if SCREENSHOTS:
        QApplication.processEvents()  # the layouts catch up with the new texts first
        letter.grab().save(str(Path(SCREENSHOTS) / f"letter-tab-{language}.png"))
