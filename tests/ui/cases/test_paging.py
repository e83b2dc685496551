"""The case list reads its lines when they are shown: a case far down is reached at once,
and the scroll bar spans the whole list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from appealdesk.services import case_list
from appealdesk.services.case_rows import CaseQuery, CaseSort
from appealdesk.services.case_snapshots import delete_case
from appealdesk.store.database import Database
from appealdesk.ui.cases.model import CaseTableModel
from appealdesk.ui.main_window.window import MainWindow


def _listed(model: CaseTableModel) -> list[str]:
    return [model.case_at(row).case_number for row in range(model.rowCount())]  # type: ignore[union-attr]


def _small_pages(model: CaseTableModel, page: int, offset_rows: int) -> None:
    model.PAGE_SIZE, model.OFFSET_ROWS = page, offset_rows  # the demo's 16 cases, many pages


def test_a_case_far_down_the_list_is_selected_without_reading_the_lines_before_it(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    panel = window.case_list
    window.resize(1200, 420)  # a few lines in view
    _small_pages(panel.model, 2, 4)
    panel.model.refresh()
    qtbot.waitUntil(lambda: not panel.model.counts_due)
    everything = [row.case_number for row in case_list.list_cases(demo_db, CaseQuery())]
    last = case_list.list_cases(demo_db, CaseQuery())[-1]
    assert last.id is not None
    # Every case has its line: the scroll bar spans the list, not what was read of it.
    assert panel.model.rowCount() == len(everything) == 16

    assert panel.select_case(last.id)

    assert panel.selected_case_id() == last.id
    qtbot.waitUntil(lambda: window.editor.case_id == last.id)
    assert panel.model.lines_read < len(everything)  # the lines in view, not all before
    assert _listed(panel.model) == everything  # in the list's order, each case once
    panel.reload()  # as after a change by another program
    assert _listed(panel.model) == everything and panel.selected_case_id() == last.id


def test_lines_read_by_place_and_by_id_keep_the_order_of_a_sorted_search(
    qtbot: QtBot, demo_db: Database
) -> None:
    query = CaseQuery(search="account", sort=CaseSort.CLIENT, descending=True)
    expected = [row.case_number for row in case_list.list_cases(demo_db, query)]
    assert len(expected) > 6
    model = CaseTableModel()
    _small_pages(model, 2, 4)  # rows 0–3 by their place, the rest by the order's ids
    model.attach(demo_db)
    model.set_query(query)
    qtbot.waitUntil(lambda: not model.counts_due)
    assert model.rowCount() == 2 and model.canFetchMore()  # the first page
    model.fetchMore()  # as the view asks when scrolled to its end
    assert model.rowCount() == len(expected) and not model.canFetchMore()
    assert [model.case_at(row).case_number for row in reversed(range(model.rowCount()))] == list(  # type: ignore[union-attr]
        reversed(expected)
    )
    model.stop()


def test_cases_removed_elsewhere_before_their_lines_are_read_leave_no_gap(
    qtbot: QtBot, demo_db: Database
) -> None:
    model = CaseTableModel()
    _small_pages(model, 2, 4)
    model.attach(demo_db)
    qtbot.waitUntil(lambda: not model.counts_due)
    model.fetchMore()
    listed = case_list.list_cases(demo_db, CaseQuery())
    for row in listed[10:13]:  # by another window, before the list read those lines
        assert row.id is not None
        delete_case(demo_db, row.id)

    model.case_at(15)  # a block that comes back short

    remaining = [row.case_number for row in case_list.list_cases(demo_db, CaseQuery())]
    qtbot.waitUntil(lambda: model.rowCount() == len(remaining) == 13)
    assert _listed(model) == remaining
    model.stop()


REMOVE_CASES = (
    "import sys\n"
    "from appealdesk.services import cases\n"
    "from appealdesk.services.case_snapshots import delete_case\n"
    "from appealdesk.services.workspace import open_workspace\n"
    "db = open_workspace(sys.argv[1], create=False)\n"
    "for number in sys.argv[2:]:\n"
    "    delete_case(db, cases.find_case(db, number).case.id)\n"
    "db.close()\n"
)


def test_a_reload_after_another_program_removed_cases_lists_what_is_stored(
    qtbot: QtBot, window: MainWindow, demo_db: Database, demo_path: Path
) -> None:
    panel = window.case_list
    window.resize(1200, 420)
    _small_pages(panel.model, 2, 4)
    panel.model.refresh()
    qtbot.waitUntil(lambda: not panel.model.counts_due)
    listed = case_list.list_cases(demo_db, CaseQuery())
    last = listed[-1]
    assert last.id is not None and panel.select_case(last.id)
    gone = [row.case_number for row in listed[6:9]]  # lines not read by the window

    subprocess.run([sys.executable, "-c", REMOVE_CASES, str(demo_path), *gone], check=True)
    panel.reload()  # as the window does when it sees the change

    stored = [row.case_number for row in case_list.list_cases(demo_db, CaseQuery())]
    assert len(stored) == 13 and not set(gone) & set(stored)
    assert _listed(panel.model) == stored
    assert panel.selected_case_id() == last.id
