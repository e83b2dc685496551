"""Opening a case fills the tab in view first; no tab ever shows the case opened before."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from appealdesk.services import cases
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import open_case


def _events_shown(window: MainWindow) -> list[int | None]:
    model = window.editor.timeline.model
    return [event.id for r in range(model.rowCount()) if (event := model.event_at(r))]


def test_a_tab_out_of_view_is_filled_before_it_shows(qtbot: QtBot, window: MainWindow) -> None:
    open_case(window, "TT-2026-0013")
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.overview)
    other = cases.find_case(window.db, "TT-2026-0004")
    assert other.case.id is not None
    window.case_list.select_case(other.case.id)
    assert editor.overview.notice.toPlainText() == other.case.notice_text  # in view: at once
    editor.tabs.setCurrentWidget(editor.timeline)  # chosen before the event loop filled it
    assert _events_shown(window) == [e.id for e in other.events]


def test_the_tabs_out_of_view_follow_in_the_event_loop(qtbot: QtBot, window: MainWindow) -> None:
    open_case(window, "TT-2026-0013")
    other = cases.find_case(window.db, "TT-2026-0004")
    assert other.case.id is not None
    window.case_list.select_case(other.case.id)
    qtbot.waitUntil(lambda: _events_shown(window) == [e.id for e in other.events])
    assert window.editor.letter.context.case_id == other.case.id


def test_nothing_is_left_to_do_once_the_window_closes(qtbot: QtBot, window: MainWindow) -> None:
    open_case(window, "TT-2026-0013")
    other = cases.find_case(window.db, "TT-2026-0004")
    assert other.case.id is not None
    window.case_list.select_case(other.case.id)
    window.case_list.model.refresh()
    assert window.editor.filling_tabs and window.case_list.model.counts_due
    window.close()
    assert not window.editor.filling_tabs and not window.case_list.model.counts_due
