"""Undo and redo through the Edit menu: of an event's edit, and of a change that can no longer
be undone because another program deleted the case meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from appealdesk.services import case_snapshots, cases, events
from appealdesk.services.workspace import open_workspace
from appealdesk.ui.case_editor.event_dialog import EventDialog
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import listed, open_case, visible


def delete_elsewhere(path: Path, case_id: int) -> None:
    """Another program (a script on the same database, with its own connection) deletes."""
    other = open_workspace(path, create=False)
    try:
        case_snapshots.delete_case(other, case_id)
    finally:
        other.close()


def change_tags(qtbot: QtBot, window: MainWindow, text: str) -> None:
    tags = window.editor.overview.tags
    tags.setFocus()
    tags.selectAll()
    qtbot.keyClicks(tags, text)
    qtbot.keyClick(tags, Qt.Key.Key_Return)


@pytest.mark.slow
def test_undo_of_a_change_to_a_case_deleted_elsewhere_says_so_and_is_dropped(
    qtbot: QtBot, window: MainWindow
) -> None:
    other_id = open_case(window, "TT-2026-0004")
    change_tags(qtbot, window, "tweede")  # an older change, on a case that stays
    case_id = open_case(window, "TT-2026-0001")
    change_tags(qtbot, window, "spoed")
    assert window.menus.undo.text().startswith("&Undo Change tags")
    assert window.undo_stack.count() == 2

    delete_elsewhere(window.db.path, case_id)
    window.menus.undo.trigger()

    assert not cases.exists(window.db, case_id)  # undo brings nothing back
    assert window.message_bar.text() == "This case no longer exists."
    assert window.undo_stack.count() == 1  # the command that failed is gone ...
    assert not window.menus.redo.isEnabled()  # ... and cannot be redone either
    assert window.menus.undo.isEnabled()
    assert window.undo_stack.index() == 1

    qtbot.waitUntil(lambda: "TT-2026-0001" not in listed(window), timeout=5_000)
    window.menus.undo.trigger()  # the older change still undoes, on its own case
    assert cases.get_case(window.db, other_id).case.tags != ["tweede"]
    assert window.undo_stack.index() == 0
    assert not window.menus.undo.isEnabled()
    window.menus.redo.trigger()
    assert cases.get_case(window.db, other_id).case.tags == ["tweede"]


def test_an_edited_event_comes_back_with_undo_and_goes_again_with_redo(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0004")
    timeline = window.editor.timeline
    window.editor.tabs.setCurrentWidget(timeline)
    model = timeline.model
    row = 0
    event = model.event_at(row)
    assert event is not None and event.id is not None
    old_summary = event.summary
    timeline.table.selectRow(row)
    qtbot.mouseClick(timeline.edit_button, Qt.MouseButton.LeftButton)
    dialog = visible(timeline, EventDialog)
    dialog.summary.selectAll()
    qtbot.keyClicks(dialog.summary, "Bezwaar per e-mail verstuurd")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible(), dialog.error.text()

    def shown() -> list[str]:
        return [str(model.index(r, 4).data()) for r in range(model.rowCount())]

    def stored() -> str:
        return next(e.summary for e in events.list_events(window.db, case_id) if e.id == event.id)

    assert stored() == "Bezwaar per e-mail verstuurd"
    assert "Bezwaar per e-mail verstuurd" in " ".join(shown())
    assert window.menus.undo.text().startswith("&Undo Edit event")

    window.menus.undo.trigger()
    assert stored() == old_summary
    assert "Bezwaar per e-mail verstuurd" not in " ".join(shown())
    assert window.menus.redo.text().startswith("&Redo Edit event")

    window.menus.redo.trigger()
    assert stored() == "Bezwaar per e-mail verstuurd"
    assert "Bezwaar per e-mail verstuurd" in " ".join(shown())
