"""Confirming that an identity document has nothing to black out, and seeing what it gets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from appealdesk.services import evidence
from appealdesk.ui.main_window.window import MainWindow
from tests.images import write_image
from tests.ui.evidence.test_commands import (
    drag_over,
    mark_as_identity_document,
    one_item_tab,
    open_black_out,
    save_to,
    when_file_dialog_opens,
)

LEFT = Qt.MouseButton.LeftButton


def test_nothing_to_black_out_is_confirmed_with_its_time_and_drawing_replaces_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = one_item_tab(qtbot, window, write_image(tmp_path / "rijbewijs.png", colour="#ffffff"))
    mark_as_identity_document(tab)
    item = tab.selected_item()
    assert item is not None and item.id is not None
    state = tab.details.black_out
    assert state.isVisible()
    assert state.text().startswith("Black-out areas still needed before export")

    dialog = open_black_out(qtbot, tab)
    assert not dialog.nothing.isChecked()
    assert dialog.state.text().startswith("No areas yet")
    assert "no number or code that should stay private" in dialog.nothing_hint.text()
    box = dialog.nothing
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))  # on its tick box
    assert dialog.nothing.isChecked()
    assert dialog.state.text() == "Nothing will be blacked out, as you confirm here."
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    stored = evidence.get_evidence(window.db, item.id)
    confirmed = stored.no_blackout_confirmed_at
    assert confirmed is not None and stored.redactions == []
    assert state.text().startswith("Nothing to black out, confirmed on ")

    target = tmp_path / "rijbewijs-kopie.png"
    when_file_dialog_opens(save_to(target))
    qtbot.mouseClick(tab.action_buttons["save_as"], LEFT)
    assert target.is_file()
    assert window.message_bar.text() == (
        f"Saved a protected copy with the watermark; nothing blacked out, as you confirmed: "
        f"{target}"
    )

    again = open_black_out(qtbot, tab)
    assert again.nothing.isChecked()
    drag_over(qtbot, again, QPointF(0.2, 0.2), QPointF(0.6, 0.5))
    assert not again.nothing.isChecked()  # an area replaces the confirmation
    assert again.state.text() == "1 area will be blacked out."
    qtbot.mouseClick(again.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    stored = evidence.get_evidence(window.db, item.id)
    assert len(stored.redactions) == 1 and stored.no_blackout_confirmed_at is None
    assert state.text() == "1 area blacked out"

    window.menus.undo.trigger()  # back to the confirmation, with its first time
    assert evidence.get_evidence(window.db, item.id).no_blackout_confirmed_at == confirmed


def test_confirming_nothing_to_black_out_drops_the_areas_drawn(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = one_item_tab(qtbot, window, write_image(tmp_path / "paspoort.png"))
    mark_as_identity_document(tab)
    dialog = open_black_out(qtbot, tab)
    drag_over(qtbot, dialog, QPointF(0.1, 0.1), QPointF(0.5, 0.5))
    assert len(dialog.rects()) == 1
    dialog.nothing.click()
    assert dialog.rects() == [] and dialog.nothing.isChecked()
    dialog.remove_all()  # nothing left to remove: the confirmation stays
    assert dialog.nothing.isChecked()


def test_a_plain_screenshot_shows_no_black_out_state(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = one_item_tab(qtbot, window, write_image(tmp_path / "melding.png"))
    assert not tab.details.black_out.isVisible()
