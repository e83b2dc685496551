"""The case list loads in pages; a case far down the list is reached in a few long ones."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from appealdesk.services import case_list
from appealdesk.services.case_rows import CaseQuery
from appealdesk.store.database import Database
from appealdesk.ui.cases.model import CaseTableModel
from appealdesk.ui.main_window.window import MainWindow


def _listed(window: MainWindow) -> list[str]:
    model = window.case_list.model
    return [model.case_at(row).case_number for row in range(model.rowCount())]  # type: ignore[union-attr]


def test_a_case_far_down_the_list_is_selected_and_the_list_stays_whole(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    panel = window.case_list
    panel.model.PAGE_SIZE = 2  # the demo's 16 cases are eight pages
    panel.model.refresh()
    qtbot.waitUntil(lambda: not panel.model.counts_due)
    everything = [row.case_number for row in case_list.list_cases(demo_db, CaseQuery())]
    last = case_list.list_cases(demo_db, CaseQuery())[-1]
    assert last.id is not None
    assert panel.model.row_of_case(last.id) is None  # the view filled itself, not that far

    assert panel.select_case(last.id)

    assert panel.selected_case_id() == last.id
    qtbot.waitUntil(lambda: window.editor.case_id == last.id)
    # Reached in ever longer pages: every case once, in the list's order.
    assert _listed(window) == everything
    panel.reload()  # as after a change by another program
    assert _listed(window) == everything and panel.selected_case_id() == last.id


def test_rows_fetched_after_a_long_page_continue_where_it_ended(
    qtbot: QtBot, demo_db: Database
) -> None:
    model = CaseTableModel()
    model.PAGE_SIZE = 3
    model.attach(demo_db)
    qtbot.waitUntil(lambda: not model.counts_due)
    assert model.rowCount() == 3
    model.fetch_rows(5)
    assert model.rowCount() == 8
    while model.canFetchMore():
        model.fetchMore()
    listed = [model.case_at(row).case_number for row in range(model.rowCount())]  # type: ignore[union-attr]
    assert listed == [row.case_number for row in case_list.list_cases(demo_db, CaseQuery())]
    model.stop()
