"""The window shows what other programs (the command line, a script) change meanwhile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import CaseStatus
from appealdesk.domain.labels import label
from appealdesk.services import cases
from appealdesk.ui.main_window.window import MainWindow
from tests.images import write_image
from tests.ui.main_window.test_window import listed, open_case

WAIT_MS = 15_000  # the window looks every 1.5 s; the other process needs a moment to start

SCRIPT_START = (
    "import sys\n"
    "from pathlib import Path\n"
    "from appealdesk.services import case_snapshots, cases, clients, events\n"
    "from appealdesk.services.workspace import open_workspace\n"
    "db = open_workspace(Path(sys.argv[1]), create=False)\n"
    "case_id = cases.find_case(db, sys.argv[2]).case.id\n"
)


def run(*args: str | Path) -> None:
    done = subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def script(window: MainWindow, number: str, lines: str) -> None:
    """Changes case ``number`` through the services, in a process of its own."""
    run("-c", SCRIPT_START + lines, window.db.path, number)


def row_text(window: MainWindow, number: str, column: int) -> str:
    model = window.case_list.model
    row = listed(window).index(number)
    return str(model.index(row, column).data())


@pytest.mark.slow
@pytest.mark.subprocess
def test_evidence_added_on_the_command_line_appears_in_the_open_case(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    open_case(window, "TT-2026-0001")
    window.editor.tabs.setCurrentWidget(window.editor.evidence)
    grid = window.editor.evidence.model
    before = grid.rowCount()
    screenshot = write_image(tmp_path / "melding.png", text="Account geschorst")
    run(
        "-m", "appealdesk", "evidence", "add", "--db", window.db.path, "TT-2026-0001",
        screenshot, "--title", "Melding in de app",
    )  # fmt: skip
    qtbot.waitUntil(lambda: grid.rowCount() == before + 1, timeout=WAIT_MS)
    titles = [grid.index(row).data() for row in range(grid.rowCount())]
    assert "Melding in de app" in titles
    assert not window.editor.evidence.empty_hint.isVisible()


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_case_changed_by_a_script_shows_in_the_list_and_the_open_case(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = window.case_list
    panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by client, Z to A
    case_id = open_case(window, "TT-2026-0001")
    qtbot.waitUntil(lambda: not panel.model.counts_due)  # the new order's counts are in
    # As small as the open case lets it be (its tabs are filled by now): a list that scrolls.
    window.resize(1100, 430)
    QApplication.processEvents()
    order = listed(window)
    bar = panel.table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    assert row_text(window, "TT-2026-0001", 3) == label(CaseStatus.NEW)

    script(
        window,
        "TT-2026-0001",
        "cases.update_case(db, case_id, notice_text='Tijdelijk geschorst wegens spam.')\n"
        "events.add_event(db, case_id, kind='appeal_filed', summary='Bezwaar via de app',"
        " move_status=True)\n",
    )
    qtbot.waitUntil(
        lambda: window.editor.header.status.currentText() == label(CaseStatus.APPEAL_FILED),
        timeout=WAIT_MS,
    )
    editor = window.editor
    qtbot.waitUntil(lambda: not editor.filling_tabs)  # the tabs out of view follow
    assert editor.overview.notice.toPlainText() == "Tijdelijk geschorst wegens spam."
    timeline = editor.timeline.model
    summaries = [
        str(timeline.index(row, column).data())
        for row in range(timeline.rowCount())
        for column in range(timeline.columnCount())
    ]
    assert any("Bezwaar via de app" in text for text in summaries)
    stored = cases.get_case(window.db, case_id)
    assert editor.timeline.deadlines.text().startswith(f"• {stored.deadlines[0].action()}")
    assert row_text(window, "TT-2026-0001", 3) == label(CaseStatus.APPEAL_FILED)
    # The list kept its order, its selection and where it was scrolled to.
    assert listed(window) == order
    assert panel.selected_case_id() == case_id
    assert bar.value() == bar.maximum() // 2
    assert panel.table.horizontalHeader().sortIndicatorSection() == 1


@pytest.mark.slow
@pytest.mark.subprocess
def test_text_being_typed_stays_through_a_change_elsewhere_and_is_saved_on_leaving(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0001")
    overview = window.editor.overview
    notice = overview.notice
    notice.setFocus()
    notice.selectAll()
    qtbot.keyClicks(notice, "Wat ik nu typ")
    script(
        window,
        "TT-2026-0001",
        "cases.update_case(db, case_id, notice_text='Van elders', tags=['extern'])\n",
    )
    qtbot.waitUntil(lambda: overview.tags.text() == "extern", timeout=WAIT_MS)
    assert notice.toPlainText() == "Wat ik nu typ"
    assert notice.hasFocus()
    assert cases.get_case(window.db, case_id).case.notice_text == "Van elders"  # not yet saved

    overview.tags.setFocus()  # leaving the notice saves it, as always
    stored = cases.get_case(window.db, case_id).case
    assert stored.notice_text == "Wat ik nu typ"
    assert stored.tags == ["extern"]


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_open_case_deleted_elsewhere_is_said_plainly(qtbot: QtBot, window: MainWindow) -> None:
    open_case(window, "TT-2026-0004")
    window.editor.overview.own_account.setFocus()
    qtbot.keyClicks(window.editor.overview.own_account, " Nog niet bewaard.")
    script(window, "TT-2026-0004", "case_snapshots.delete_case(db, case_id)\n")
    editor = window.editor
    qtbot.waitUntil(lambda: editor.placeholder.isVisible(), timeout=WAIT_MS)
    assert editor.placeholder.notice_text() == "Case TT-2026-0004 was deleted by another program."
    assert "TT-2026-0004" not in listed(window)
    assert window.case_list.selected_case_id() is None
    assert not window.message_bar.isVisible()  # nothing tried to save into the deleted case
    assert not window.menus.delete_case.isEnabled()

    window.set_language("nl")
    assert editor.placeholder.notice_text() == (
        "Zaak TT-2026-0004 is door een ander programma verwijderd."
    )
    open_case(window, "TT-2026-0001")
    assert editor.header.title.text() == "TT-2026-0001"
    window.case_list.table.clearSelection()
    assert editor.placeholder.notice_text() == ""


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_windows_own_changes_cause_no_refresh(qtbot: QtBot, window: MainWindow) -> None:
    open_case(window, "TT-2026-0001")
    tags = window.editor.overview.tags
    tags.setFocus()
    qtbot.keyClicks(tags, "spoed")
    qtbot.keyClick(tags, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(window.signals.database_changed_elsewhere):
        window.outside_changes.poll()
    script(window, "TT-2026-0002", "cases.update_case(db, case_id, tags=['extern'])\n")
    with qtbot.waitSignal(window.signals.database_changed_elsewhere):
        window.outside_changes.poll()


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_client_renamed_elsewhere_is_renamed_in_the_list_the_case_and_the_clients_dialog(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_case(window, "TT-2026-0001")
    dialog = window.manage_clients()
    names = dialog.client_table.model()
    script(
        window,
        "TT-2026-0001",
        "client = cases.get_case(db, case_id).client\n"
        "clients.update_client(db, client.id, name='Studio Zuiderlicht')\n",
    )
    qtbot.waitUntil(
        lambda: row_text(window, "TT-2026-0001", 1) == "Studio Zuiderlicht", timeout=WAIT_MS
    )
    assert "Client: \u2068Studio Zuiderlicht\u2069" in window.editor.overview.account_label.text()
    shown = [str(names.index(row, 0).data()) for row in range(names.rowCount())]
    assert "Studio Zuiderlicht" in shown
    assert "Studio Noorderlicht" not in shown
