"""The steps of "Is it really blocked?" follow the timeline, the notice and the evidence."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QScrollArea
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import Checklist, ChecklistState
from appealdesk.i18n import format_date
from appealdesk.services import checklists
from appealdesk.ui.case_editor.block_check import BlockCheckSection
from appealdesk.ui.case_editor.event_dialog import EventDialog
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import click_ok, open_case, visible


def quick_step(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Ctrl+1 … Ctrl+4, then OK in the dialog that opens."""
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    dialog = visible(window.editor.timeline, EventDialog)
    click_ok(qtbot, dialog.buttons)
    assert not dialog.isVisible(), dialog.error.text()


def click(qtbot: QtBot, section: BlockCheckSection, button: QAbstractButton) -> None:
    """Scrolls to ``button`` and clicks it, as a user would."""
    scroll = section.findChild(QScrollArea)
    assert scroll is not None
    scroll.ensureWidgetVisible(button)
    start = QPoint(8, button.height() // 2)  # a check box takes clicks on its box and text
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=start)


def show_tab(window: MainWindow) -> BlockCheckSection:
    window.editor.tabs.setCurrentWidget(window.editor.block_check)
    return window.editor.block_check


def test_an_appeal_recorded_with_ctrl_1_ticks_the_appeal_in_the_app(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_case(window, "TT-2026-0001")  # new, the notice filled in, nothing recorded yet
    section = show_tab(window)
    appeal = section.step_checks["appeal_in_app"]
    assert appeal.isVisible() and not appeal.isChecked() and appeal.isEnabled()
    assert section.step_checks["read_notice"].isChecked()  # the notice is on the overview
    assert section.step_notes["read_notice"].text() == "The notice is filled in on the overview."

    quick_step(qtbot, window, Qt.Key.Key_1)  # appeal filed, in the app
    quick_step(qtbot, window, Qt.Key.Key_3)  # rejected: the appeal steps are shown again
    section = show_tab(window)
    today = format_date(dt.date.today())
    assert appeal.isVisible() and appeal.isChecked()
    note = section.step_notes["appeal_in_app"]
    assert note.isVisible() and note.text() == f"Recorded on the timeline on {today}."
    assert "Recorded on the timeline" in appeal.toolTip()

    click(qtbot, section, appeal)  # undone on the timeline, not here
    assert appeal.isChecked()
    assert window.message_bar.text() == (
        f"Recorded on the timeline on {today}. It stays ticked as long as the case shows it."
    )
    again = section.step_checks["appeal_again"]
    assert again.isVisible() and not again.isChecked()  # one appeal is not two

    quick_step(qtbot, window, Qt.Key.Key_1)  # a second appeal
    quick_step(qtbot, window, Qt.Key.Key_3)
    qtbot.waitUntil(again.isChecked)  # the tab out of view follows a moment later


def test_a_step_the_timeline_shows_can_still_be_marked_not_applicable(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0001")
    quick_step(qtbot, window, Qt.Key.Key_1)
    quick_step(qtbot, window, Qt.Key.Key_3)
    section = show_tab(window)
    appeal, skip = section.step_checks["appeal_in_app"], section.step_skips["appeal_in_app"]
    assert skip.isVisible() and skip.text() == "Not applicable"

    click(qtbot, section, skip)
    assert skip.isChecked() and not appeal.isChecked() and not appeal.isEnabled()
    assert section.step_notes["appeal_in_app"].text() == ("You marked this step as not applicable.")
    states = {
        e.key: e.state for e in checklists.get_checklist(window.db, case_id, Checklist.NEXT_STEPS)
    }
    assert states["appeal_in_app"] is ChecklistState.SKIPPED

    window.undo_stack.undo()
    assert appeal.isChecked() and not skip.isChecked()
    assert section.step_notes["appeal_in_app"].text().startswith("Recorded on the timeline")


def test_a_step_the_case_does_not_show_is_ticked_and_unticked_by_hand(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0001")
    section = show_tab(window)
    check = section.step_checks["appeal_in_app"]
    click(qtbot, section, check)
    assert check.isChecked() and check.isEnabled()
    assert not section.step_notes["appeal_in_app"].isVisible()  # nothing to explain

    def shown() -> ChecklistState:
        entries = checklists.get_checklist(window.db, case_id, Checklist.NEXT_STEPS)
        return next(e.state for e in entries if e.key == "appeal_in_app")

    assert shown() is ChecklistState.DONE
    click(qtbot, section, check)
    assert not check.isChecked() and shown() is ChecklistState.TODO
