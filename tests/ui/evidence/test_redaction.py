"""The black-out editor, driven with the mouse and the keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import EvidenceKind, Platform
from appealdesk.domain.models import EvidenceItem
from appealdesk.services import cases
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.evidence.redaction import RedactionEditor, Submit
from tests.images import encoded

LEFT = Qt.MouseButton.LeftButton
WIDTH, HEIGHT = 400, 300


def png(width: int = WIDTH, height: int = HEIGHT) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#dfe9f2"))
    return encoded(image)


def make_item(db: Database, redactions: list[list[float]] | None = None) -> EvidenceItem:
    case = cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2), new_account={"handle": "lotte"}
    )
    assert case.id is not None
    blob = db.evidence.put_bytes(png())
    item = EvidenceItem(
        case_id=case.id,
        kind=EvidenceKind.ID_DOCUMENT,
        sha256=blob.sha256,
        media_type="image/png",
        width=WIDTH,
        height=HEIGHT,
        sensitive=True,
        redactions=redactions or [],
    )
    with db.transaction() as session:
        session.add(item)
    return item


Opener = Callable[..., RedactionEditor]


def rects_near(expected: list[list[float]], tolerance: float = 1e-6) -> list[object]:
    return [pytest.approx(rect, abs=tolerance) for rect in expected]


@pytest.fixture
def open_editor(qtbot: QtBot, db: Database) -> Opener:
    def open_(
        redactions: list[list[float]] | None = None, submit: Submit | None = None
    ) -> RedactionEditor:
        item = make_item(db, redactions)
        dialog = RedactionEditor(
            db, item, submit or (lambda _rects, _nothing, _report: True), platform=Platform.TIKTOK
        )
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):  # the dialog's shortcuts work in the active window
            dialog.show()
            dialog.activateWindow()
        return dialog

    return open_


def on_screen(dialog: RedactionEditor, x: float, y: float) -> QPoint:
    """Where a point of the image, given as fractions, is in the view's viewport."""
    return dialog.canvas.mapFromScene(QPointF(x * WIDTH, y * HEIGHT))


def drag(qtbot: QtBot, dialog: RedactionEditor, start: QPoint, end: QPoint) -> None:
    viewport = dialog.canvas.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, LEFT, pos=end)


def test_a_drag_adds_a_rectangle_where_it_was_dragged(qtbot: QtBot, open_editor: Opener) -> None:
    dialog = open_editor()
    drag(qtbot, dialog, on_screen(dialog, 0.25, 0.25), on_screen(dialog, 0.75, 0.5))
    [rect] = dialog.rects()
    assert rect == pytest.approx([0.25, 0.25, 0.5, 0.25], abs=0.03)


def test_a_click_adds_nothing(qtbot: QtBot, open_editor: Opener) -> None:
    dialog = open_editor()
    qtbot.mouseClick(dialog.canvas.viewport(), LEFT, pos=on_screen(dialog, 0.5, 0.5))
    assert dialog.rects() == []


def test_existing_areas_are_shown_and_delete_removes_the_selected_one(
    qtbot: QtBot, open_editor: Opener
) -> None:
    dialog = open_editor([[0.1, 0.1, 0.2, 0.2], [0.5, 0.5, 0.3, 0.2]])
    assert dialog.rects() == rects_near([[0.1, 0.1, 0.2, 0.2], [0.5, 0.5, 0.3, 0.2]])
    qtbot.mouseClick(dialog.canvas.viewport(), LEFT, pos=on_screen(dialog, 0.2, 0.2))
    assert dialog.canvas.selected() == [dialog.canvas.areas[0]]
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Delete)
    assert dialog.rects() == rects_near([[0.5, 0.5, 0.3, 0.2]])
    dialog.clear_button.click()
    assert dialog.rects() == []


def test_the_keyboard_alone_can_add_move_and_select_areas(
    qtbot: QtBot, open_editor: Opener
) -> None:
    dialog = open_editor([[0.1, 0.1, 0.2, 0.2]])
    dialog.canvas.setFocus()
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Insert)
    assert len(dialog.rects()) == 2
    x, y, width, height = dialog.rects()[1]
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.rects()[1] == pytest.approx([x + 0.01, y, width, height + 0.01])
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Backtab)
    assert dialog.canvas.selected() == [dialog.canvas.areas[0]]
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Backspace)
    assert len(dialog.rects()) == 1


def test_zooming_and_fitting(qtbot: QtBot, open_editor: Opener) -> None:
    dialog = open_editor()
    fitted = dialog.canvas.transform().m11()
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.canvas.transform().m11() == pytest.approx(fitted * 1.25)
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.canvas.transform().m11() < fitted
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.canvas.transform().m11() == pytest.approx(fitted)


def test_ok_passes_the_fractions_and_accepts(qtbot: QtBot, open_editor: Opener) -> None:
    received: list[list[list[float]]] = []

    def submit(rects: list[list[float]], nothing: bool, _report: Callable[[str], None]) -> bool:
        assert not nothing
        received.append(rects)
        return True

    dialog = open_editor([[0.1, 0.2, 0.3, 0.1]], submit)
    drag(qtbot, dialog, on_screen(dialog, 0.5, 0.6), on_screen(dialog, 0.9, 0.9))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(received) == 1 and received[0] == dialog.rects()
    assert received[0][0] == pytest.approx([0.1, 0.2, 0.3, 0.1])
    assert received[0][1] == pytest.approx([0.5, 0.6, 0.4, 0.3], abs=0.03)


def test_a_refused_change_keeps_the_dialog_open_and_says_why(
    qtbot: QtBot, open_editor: Opener
) -> None:
    def refuse(_rects: list[list[float]], _no: bool, report: Callable[[str], None]) -> bool:
        report("The database is busy in another program.")
        return False

    dialog = open_editor([[0.1, 0.2, 0.3, 0.1]], refuse)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible()
    assert dialog.error.text() == "The database is busy in another program."
    assert dialog.rects() == rects_near([[0.1, 0.2, 0.3, 0.1]])


def test_the_protected_copy_preview_shows_the_watermark_and_blocks_edits(
    qtbot: QtBot, open_editor: Opener
) -> None:
    dialog = open_editor([[0.1, 0.1, 0.2, 0.2]])
    plain = dialog.canvas.image.pixmap().toImage()
    dialog.preview.setChecked(True)
    assert dialog.canvas.image.pixmap().toImage() != plain
    assert not dialog.add_button.isEnabled()
    drag(qtbot, dialog, on_screen(dialog, 0.5, 0.5), on_screen(dialog, 0.9, 0.9))
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Delete)
    assert dialog.rects() == rects_near([[0.1, 0.1, 0.2, 0.2]])
    dialog.preview.setChecked(False)
    assert dialog.canvas.image.pixmap().toImage() == plain
    drag(qtbot, dialog, on_screen(dialog, 0.5, 0.5), on_screen(dialog, 0.9, 0.9))
    assert len(dialog.rects()) == 2


def test_switching_the_language_while_open_keeps_everything(
    qtbot: QtBot, open_editor: Opener
) -> None:
    dialog = open_editor([[0.1, 0.1, 0.2, 0.2]])
    dialog.preview.setChecked(True)
    switch_language("nl")
    assert dialog.windowTitle() and dialog.hint.text() and dialog.preview.text()
    assert dialog.preview.isChecked() and not dialog.add_button.isEnabled()
    switch_language("en")
    assert dialog.windowTitle() == "Black out sensitive details"
    assert dialog.rects() == rects_near([[0.1, 0.1, 0.2, 0.2]])
