"""The case list at the window's default size: what shows, what can be chosen, what is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import WorkspaceRole
from appealdesk.services import profile
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.cases.model import Column
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.main_window.test_window import open_case

MAIN_COLUMNS = [
    Column.CASE,
    Column.CLIENT,
    Column.ACCOUNT,
    Column.STATUS,
    Column.BLOCKED_AT,
    Column.NEXT_ACTION,
]


def shown(window: MainWindow) -> list[Column]:
    header = window.case_list.table.horizontalHeader()
    visual = sorted((header.visualIndex(c), c) for c in Column if not header.isSectionHidden(c))
    return [column for _, column in visual]


def test_an_agency_sees_the_main_columns_without_scrolling(window: MainWindow) -> None:
    for language in ("nl", "en"):
        switch_language(language)
        open_case(window, "TT-2026-0004")
        table = window.case_list.table
        header = table.horizontalHeader()
        assert shown(window) == MAIN_COLUMNS
        assert header.length() <= table.viewport().width()  # nothing off to the right
        assert not table.horizontalScrollBar().isVisible()
        assert header.sectionSize(Column.NEXT_ACTION) >= 150
        for column in (Column.CASE, Column.STATUS, Column.BLOCKED_AT):
            title = window.case_list.model.headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) > table.fontMetrics().horizontalAdvance(title)


def test_the_account_column_is_the_handle_and_the_next_action_counts_days(
    window: MainWindow,
) -> None:
    switch_language("en")
    model = window.case_list.model
    row = model.row_of_case(open_case(window, "TT-2026-0004"))
    assert row is not None
    assert model.index(row, Column.ACCOUNT).data() == "@femke.filmt"
    assert "TikTok \u2068@femke.filmt\u2069" in model.index(row, Column.ACCOUNT).data(
        Qt.ItemDataRole.ToolTipRole
    )
    next_action = model.index(row, Column.NEXT_ACTION).data()
    assert next_action.startswith("Answer due · in ")
    tip = model.index(row, Column.NEXT_ACTION).data(Qt.ItemDataRole.ToolTipRole)
    assert "December 2026" in tip or "Dec 2026" in tip


def test_columns_are_chosen_from_the_header_and_kept(
    make_window: WindowFactory, demo_db: Database
) -> None:
    first = make_window(demo_db)
    menu = first.case_list.columns.menu()
    by_title = {action.text(): action for action in menu.actions() if action.text()}
    assert not by_title["Reason"].isChecked()
    assert not by_title["Case"].isEnabled()  # the case number always shows
    by_title["Reason"].setChecked(True)
    by_title["Client"].setChecked(False)
    assert Column.REASON in shown(first) and Column.CLIENT not in shown(first)
    first.close()

    second = make_window(demo_db)
    assert Column.REASON in shown(second) and Column.CLIENT not in shown(second)
    reset = next(
        a for a in second.case_list.columns.menu().actions() if a.text() == "Default columns"
    )
    reset.trigger()
    assert shown(second) == MAIN_COLUMNS


def test_a_creator_starts_without_the_client_column(
    make_window: WindowFactory, demo_db: Database
) -> None:
    window = make_window(demo_db)
    assert Column.CLIENT in shown(window)
    window.client_actions.save_workspace({"role": WorkspaceRole.CREATOR})
    assert Column.CLIENT not in shown(window)
    workspace = profile.get_workspace(demo_db)
    assert workspace is not None and workspace.role is WorkspaceRole.CREATOR


def test_the_status_buttons_are_one_tab_stop_walked_with_arrows(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = window.case_list
    panel.search.setFocus()
    presses = 0
    walked = False
    while QApplication.focusWidget() is not panel.table and presses < 10:
        if isinstance(QApplication.focusWidget(), QToolButton):
            chip = QApplication.focusWidget()
            qtbot.keyClick(chip, Qt.Key.Key_Right)
            assert QApplication.focusWidget() is not chip
            assert isinstance(QApplication.focusWidget(), QToolButton)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
            assert not panel.all_statuses.isChecked()  # a status was chosen from the keyboard
            walked = True
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        presses += 1
    assert QApplication.focusWidget() is panel.table
    assert walked
    assert presses <= 5  # platform, client, overdue, the status row, the list
