"""The evidence tab's buttons that open a dialog: "Save original as…" and "Black out…"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import EvidenceKind
from appealdesk.services import evidence
from appealdesk.ui.evidence.redaction import RedactionEditor
from appealdesk.ui.evidence.tab import EvidenceSection
from appealdesk.ui.main_window.window import MainWindow
from tests.images import jpeg_with_exif, write_image
from tests.ui.evidence.test_tab import evidence_at, open_evidence, wait_for_import

LEFT = Qt.MouseButton.LeftButton


def when_file_dialog_opens(answer: Callable[[QFileDialog], None]) -> list[QFileDialog]:
    """Answers the next file dialog as soon as it shows (its ``exec()`` blocks the test).

    Returns the dialogs answered, to check what they offered."""
    answered: list[QFileDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and dialog.isVisible():
            answered.append(dialog)
            answer(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return answered


def save_to(target: Path) -> Callable[[QFileDialog], None]:
    def answer(dialog: QFileDialog) -> None:
        dialog.selectFile(str(target))
        dialog.accept()

    return answer


def one_item_tab(qtbot: QtBot, window: MainWindow, path: Path) -> EvidenceSection:
    """The evidence tab of a case that holds only ``path``, selected."""
    _case_id, tab = open_evidence(window, "TT-2026-0001")
    for row in range(tab.model.rowCount()):
        assert evidence_at(tab, row).original_name != path.name
    tab.import_paths([path])
    wait_for_import(qtbot, tab)
    row = next(
        row
        for row in range(tab.model.rowCount())
        if evidence_at(tab, row).original_name == path.name
    )
    item_id = evidence_at(tab, row).id
    assert item_id is not None
    tab.select(item_id)
    return tab


def test_save_original_as_writes_the_file_without_camera_or_location_data(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_with_exif({0x9003: b"2026:11:02 14:30:05"}, gps=True))
    tab = one_item_tab(qtbot, window, photo)
    target = tmp_path / "uit" / "kopie.jpg"
    target.parent.mkdir()
    answered = when_file_dialog_opens(save_to(target))
    button = tab.action_buttons["save_as"]
    assert button.isEnabled() and button.text() == "&Save original as…"
    qtbot.mouseClick(button, LEFT)
    assert len(answered) == 1
    assert answered[0].windowTitle() == "Save a copy of the evidence"
    assert answered[0].acceptMode() is QFileDialog.AcceptMode.AcceptSave
    assert target.is_file()
    assert window.message_bar.text() == f"Saved {target}, without location or camera data."
    saved = target.read_bytes()
    assert b"Exif" not in saved and b"2026:11:02" not in saved
    image = QImage.fromData(saved)
    assert (image.width(), image.height()) == (320, 200)


def test_cancelling_save_original_as_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = one_item_tab(qtbot, window, write_image(tmp_path / "melding.png"))
    suggested = Path.home() / "melding.png"
    assert not suggested.exists()
    answered = when_file_dialog_opens(QFileDialog.reject)
    qtbot.mouseClick(tab.action_buttons["save_as"], LEFT)
    assert len(answered) == 1
    assert answered[0].selectedFiles() == [str(suggested)]  # it offered the original's name
    assert not suggested.exists()
    assert list(tmp_path.glob("*.png")) == [tmp_path / "melding.png"]
    assert "Saved" not in window.message_bar.text()


def open_black_out(qtbot: QtBot, tab: EvidenceSection) -> RedactionEditor:
    button = tab.action_buttons["black_out"]
    assert button.isEnabled()
    qtbot.mouseClick(button, LEFT)
    dialog = tab.findChild(RedactionEditor)
    assert isinstance(dialog, RedactionEditor)
    qtbot.waitExposed(dialog)
    return dialog


def drag_over(qtbot: QtBot, dialog: RedactionEditor, start: QPointF, end: QPointF) -> None:
    """Drags over the image from ``start`` to ``end``, both fractions of its size."""
    canvas = dialog.canvas
    bounds = canvas.sceneRect()

    def at(point: QPointF) -> QPoint:
        return canvas.mapFromScene(QPointF(point.x() * bounds.width(), point.y() * bounds.height()))

    viewport = canvas.viewport()
    qtbot.mousePress(viewport, LEFT, pos=at(start))
    qtbot.mouseMove(viewport, at((start + end) / 2))
    qtbot.mouseMove(viewport, at(end))
    qtbot.mouseRelease(viewport, LEFT, pos=at(end))


def mark_as_identity_document(tab: EvidenceSection) -> None:
    kind = tab.details.kind
    kind.setCurrentIndex(kind.index_of(EvidenceKind.ID_DOCUMENT))
    kind.activated.emit(kind.currentIndex())
    assert tab.details.sensitive.isChecked()


def test_a_blacked_out_area_is_stored_and_black_in_the_saved_copy(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = one_item_tab(qtbot, window, write_image(tmp_path / "paspoort.png", colour="#ffffff"))
    mark_as_identity_document(tab)
    item = tab.selected_item()
    assert item is not None and item.id is not None and item.redactions == []
    dialog = open_black_out(qtbot, tab)
    assert dialog.windowTitle() == "Black out sensitive details"
    drag_over(qtbot, dialog, QPointF(0.2, 0.6), QPointF(0.8, 0.9))
    [area] = dialog.rects()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert not dialog.isVisible()

    assert evidence.get_evidence(window.db, item.id).redactions == [area]
    x, y, width, height = area
    assert abs(x - 0.2) < 0.03 and abs(y - 0.6) < 0.03
    assert abs(width - 0.6) < 0.03 and abs(height - 0.3) < 0.03
    assert window.menus.undo.text().startswith("&Undo Edit evidence")

    target = tmp_path / "paspoort-kopie.png"
    when_file_dialog_opens(save_to(target))
    qtbot.mouseClick(tab.action_buttons["save_as"], LEFT)
    assert window.message_bar.text() == (
        f"Saved a protected copy with the watermark and 1 area blacked out: {target}"
    )
    copy = QImage(str(target))
    inside = copy.pixelColor(int(copy.width() * 0.5), int(copy.height() * 0.75))
    assert inside.lightness() < 40, inside.name()
    corner = copy.pixelColor(int(copy.width() * 0.05), int(copy.height() * 0.05))
    assert corner.lightness() > 150, corner.name()

    again = open_black_out(qtbot, tab)  # the stored area is there to edit
    assert again.rects() == [area]
    again.reject()
    window.menus.undo.trigger()
    assert evidence.get_evidence(window.db, item.id).redactions == []


def test_cancelled_black_out_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = one_item_tab(qtbot, window, write_image(tmp_path / "paspoort.png"))
    item = tab.selected_item()
    assert item is not None and item.id is not None
    undo_text = window.menus.undo.text()
    dialog = open_black_out(qtbot, tab)
    drag_over(qtbot, dialog, QPointF(0.1, 0.1), QPointF(0.5, 0.5))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)
    assert evidence.get_evidence(window.db, item.id).redactions == []
    assert window.menus.undo.text() == undo_text


def test_without_a_selection_nothing_is_saved_or_blacked_out(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab = one_item_tab(qtbot, window, write_image(tmp_path / "melding.png"))
    assert tab.action_buttons["black_out"].isEnabled()
    tab.grid.clearSelection()
    assert not tab.action_buttons["black_out"].isEnabled()
    assert not tab.action_buttons["save_as"].isEnabled()
