"""An edit that meets another program's change of the same field asks before it overwrites."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from appealdesk.domain.errors import EditConflictError
from appealdesk.services import cases
from appealdesk.services.workspace import open_workspace
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import open_case


def edit_notice_after_someone_else(qtbot: QtBot, window: MainWindow, answer: bool) -> list[str]:
    """The user types in the notice of a case that a colleague changed a moment before."""
    case_id = open_case(window, "TT-2026-0001")
    asked: list[str] = []

    def ask(conflict: EditConflictError, change: str) -> bool:
        asked.append(change)
        assert conflict.fields == ("notice_text",)
        return answer

    window.case_actions.ask_to_overwrite = ask
    colleague = open_workspace(window.db.location)
    try:
        cases.update_case(colleague, case_id, notice_text="De melding, zoals Bram die overtypte.")
    finally:
        colleague.close()
    notice = window.editor.overview.notice
    notice.setFocus()
    qtbot.keyClicks(notice, " Mijn aanvulling.")
    window.editor.overview.tags.setFocus()
    return asked


@pytest.mark.parametrize("save_mine", [False, True])
def test_the_user_chooses_whose_change_stays(
    qtbot: QtBot, window: MainWindow, save_mine: bool
) -> None:
    asked = edit_notice_after_someone_else(qtbot, window, save_mine)
    assert asked == ["Edit notice text"]
    stored = cases.find_case(window.db, "TT-2026-0001").case.notice_text
    shown = window.editor.overview.notice.toPlainText()
    if save_mine:
        assert "Mijn aanvulling." in stored and "Bram" not in stored
    else:
        assert stored == "De melding, zoals Bram die overtypte."
        assert shown == stored  # the other change on screen, nothing of it lost
        assert window.undo_stack.count() == 0
