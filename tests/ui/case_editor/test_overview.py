"""The overview keeps what out-of-court bodies ask about: the content concerned, other cases."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from appealdesk.services import cases
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import choose, open_case


def test_the_content_address_and_other_proceedings_are_saved_and_undone(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0005")
    overview = window.editor.overview
    overview.content_url.setFocus()
    qtbot.keyClicks(overview.content_url, "https://www.tiktok.com/@sanne.danst/video/42")
    overview.content_url.commit()
    choose(overview.other_proceedings, overview.other_proceedings.index_of(False))
    case = cases.get_case(window.db, case_id).case
    assert case.content_url == "https://www.tiktok.com/@sanne.danst/video/42"
    assert case.other_proceedings is False

    window.undo_stack.undo()
    assert cases.get_case(window.db, case_id).case.other_proceedings is None


def test_an_address_that_is_not_a_web_address_is_refused_and_kept(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0005")
    overview = window.editor.overview
    overview.content_url.setFocus()
    qtbot.keyClicks(overview.content_url, "tiktok.com/@sanne.danst")
    overview.content_url.commit()
    assert cases.get_case(window.db, case_id).case.content_url == ""
    assert "https://" in window.message_bar.text()
    assert overview.content_url.text() == "tiktok.com/@sanne.danst"  # what was typed stays
