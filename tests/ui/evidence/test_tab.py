"""The evidence tab as a user works with it: add, paste, drop, describe, order, link, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QIcon, QImage
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import Checklist, ChecklistState, EvidenceKind
from appealdesk.domain.models import EvidenceItem
from appealdesk.services import cases, checklists, evidence
from appealdesk.ui.evidence.tab import EvidenceSection
from appealdesk.ui.main_window.window import MainWindow
from tests.images import encoded, picture, write_image


def open_evidence(window: MainWindow, number: str = "TT-2026-0001") -> tuple[int, EvidenceSection]:
    case_id = cases.find_case(window.db, number).case.id
    assert case_id is not None and window.case_list.select_case(case_id)
    window.editor.tabs.setCurrentWidget(window.editor.evidence)
    return case_id, window.editor.evidence


def wait_for_import(qtbot: QtBot, tab: EvidenceSection) -> None:
    qtbot.waitUntil(lambda: tab.task is None, timeout=10_000)


def evidence_at(tab: EvidenceSection, row: int) -> EvidenceItem:
    found = tab.model.item_at(row)
    assert found is not None and found.id is not None
    return found


def id_at(tab: EvidenceSection, row: int) -> int:
    found = evidence_at(tab, row).id
    assert found is not None
    return found


def tab_with_one_picture(
    qtbot: QtBot, window: MainWindow, path: Path
) -> tuple[EvidenceSection, int]:
    """The evidence tab of a case with one picture just added; its evidence id."""
    _case_id, tab = open_evidence(window)
    tab.import_paths([write_image(path)])
    wait_for_import(qtbot, tab)
    return tab, id_at(tab, 0)


def shown_titles(tab: EvidenceSection) -> list[str]:
    return [tab.model.index(row).data() for row in range(tab.model.rowCount())]


def test_added_files_appear_with_thumbnails_and_details(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    case_id, tab = open_evidence(window)
    paths = [write_image(tmp_path / f"melding-{i}.png", text=str(i)) for i in range(3)]
    tab.import_paths(paths)
    assert tab.progress_row.isVisible()
    wait_for_import(qtbot, tab)
    assert shown_titles(tab) == ["melding-0", "melding-1", "melding-2"]
    assert not tab.progress_row.isVisible()
    assert "3 files added" in window.message_bar.text()
    tab.thumbnails.wait()
    qtbot.waitUntil(
        lambda: tab.thumbnails.icon(evidence_at(tab, 0).sha256, "image/png") is not None
    )
    tab.select(id_at(tab, 1))
    assert tab.details.sha256.text() == evidence_at(tab, 1).sha256
    # Whole on screen (broken over lines, not cut off) and copied whole.
    digest = tab.details.sha256
    assert digest.document().size().height() * digest.fontMetrics().lineSpacing() <= (
        digest.viewport().height() + 1
    )
    assert "320 × 200" in tab.details.dimensions.text()
    assert len(evidence.list_evidence(window.db, case_id)) == 3


def test_tall_screenshots_and_wide_documents_all_keep_room_for_their_title(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _case_id, tab = open_evidence(window)
    tall = write_image(tmp_path / "melding van de schorsing.png", width=540, height=1100)
    wide = write_image(tmp_path / "identiteitskaart.png", width=1012, height=638)
    tab.import_paths([tall, wide])
    wait_for_import(qtbot, tab)
    tab.thumbnails.wait()
    qtbot.waitUntil(lambda: tab.thumbnails.pending == 0)
    rects = [tab.grid.visualRect(tab.model.index(row)) for row in range(2)]
    assert rects[0].size() == rects[1].size()
    two_lines = 2 * tab.grid.fontMetrics().lineSpacing()
    assert rects[0].height() >= tab.grid.iconSize().height() + two_lines


def test_without_a_selection_the_details_are_empty(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab, item_id = tab_with_one_picture(qtbot, window, tmp_path / "melding.png")
    tab.grid.clearSelection()
    assert tab.details.captured_at.text().strip() == ""
    assert tab.details.kind.currentText() == ""
    tab.select(item_id)
    captured = evidence_at(tab, 0).captured_at
    assert captured is not None and str(captured.year) in tab.details.captured_at.text()
    assert tab.details.kind.currentText() != ""


def test_refused_files_are_named_with_their_reason(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _case_id, tab = open_evidence(window)
    fake = tmp_path / "screenshot.png"
    fake.write_bytes(b"\x00\x01 definitely not a picture")
    tab.import_paths([fake, write_image(tmp_path / "good.png")])
    wait_for_import(qtbot, tab)
    assert shown_titles(tab) == ["good"]
    assert "screenshot.png:" in window.message_bar.text()


def test_cancelling_an_import_adds_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    case_id, tab = open_evidence(window)
    stored_before = set(window.db.evidence.stored_digests())
    big = [
        write_image(tmp_path / f"scan{i}.bmp", "BMP", width=1000, height=1000, text=str(i))
        for i in range(20)
    ]
    tab.import_paths(big)
    tab.cancel_import()
    wait_for_import(qtbot, tab)
    assert evidence.list_evidence(window.db, case_id) == []
    assert set(window.db.evidence.stored_digests()) == stored_before
    assert "cancelled" in window.message_bar.text()


def test_a_screenshot_is_pasted_from_the_clipboard(qtbot: QtBot, window: MainWindow) -> None:
    _case_id, tab = open_evidence(window)
    QGuiApplication.clipboard().setImage(picture(text="TikTok: account geblokkeerd"))
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_for_import(qtbot, tab)
    assert len(shown_titles(tab)) == 1
    assert evidence_at(tab, 0).original_name.endswith(".png")


def test_files_dropped_on_the_case_become_evidence(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _case_id, _tab = open_evidence(window)
    window.editor.tabs.setCurrentIndex(0)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(write_image(tmp_path / "dropped.png")))])
    event = QDropEvent(
        QPointF(40, 40),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.editor.dropEvent(event)
    tab = window.editor.evidence
    assert window.editor.tabs.currentWidget() is tab
    wait_for_import(qtbot, tab)
    assert shown_titles(tab) == ["dropped"]


def test_details_are_saved_and_identity_documents_become_sensitive(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab, item_id = tab_with_one_picture(qtbot, window, tmp_path / "id.png")
    tab.select(item_id)
    title = tab.details.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Rijbewijs voorkant")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    kind = tab.details.kind
    kind.setCurrentIndex(kind.index_of(EvidenceKind.ID_DOCUMENT))
    kind.activated.emit(kind.currentIndex())
    stored = evidence.get_evidence(window.db, item_id)
    assert stored.title == "Rijbewijs voorkant" and stored.sensitive
    assert tab.details.sensitive.isChecked()
    assert shown_titles(tab) == ["Rijbewijs voorkant"]
    assert "Sensitive" in tab.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    window.menus.undo.trigger()
    assert not evidence.get_evidence(window.db, item_id).sensitive


def test_dragging_puts_evidence_in_order(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    case_id, tab = open_evidence(window)
    tab.import_paths([write_image(tmp_path / f"{n}.png", text=n) for n in ("a", "b", "c")])
    wait_for_import(qtbot, tab)
    moved = tab.model.mimeData([tab.model.index(2)])
    tab.model.dropMimeData(moved, Qt.DropAction.MoveAction, 0, 0, tab.model.index(-1))
    assert [i.title for i in evidence.list_evidence(window.db, case_id)] == ["c", "a", "b"]
    assert shown_titles(tab) == ["c", "a", "b"]


def test_linking_a_file_to_the_id_checklist_marks_it_collected(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    case_id, tab = open_evidence(window)
    tab.import_paths([write_image(tmp_path / "voorkant.png")])
    wait_for_import(qtbot, tab)
    files = tab.id_checklist.files["id_front"]
    files.setCurrentIndex(1)
    files.activated.emit(1)
    entry = checklists.get_checklist(window.db, case_id, Checklist.ID_DOCUMENTS)[0]
    assert entry.state is ChecklistState.COLLECTED and entry.evidence_id == evidence_at(tab, 0).id
    assert tab.id_checklist.states["id_front"].currentText() == "Collected"


def test_deleting_evidence_asks_can_be_undone_and_the_file_goes_at_closing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, answer_yes: list[str]
) -> None:
    case_id, tab = open_evidence(window)
    tab.import_paths([write_image(tmp_path / "weg.png")])
    wait_for_import(qtbot, tab)
    item = evidence_at(tab, 0)
    item_id = id_at(tab, 0)
    files = tab.id_checklist.files["id_front"]
    files.setCurrentIndex(1)
    files.activated.emit(1)  # the ID checklist points at it
    tab.select(item_id)
    tab.action_buttons["delete"].click()
    assert answer_yes and "weg" in answer_yes[0] and "Ctrl+Z" in answer_yes[0]
    assert evidence.list_evidence(window.db, case_id) == []
    assert shown_titles(tab) == []
    entry = checklists.get_checklist(window.db, case_id, Checklist.ID_DOCUMENTS)[0]
    assert entry.evidence_id is None

    window.undo_stack.undo()
    assert [e.id for e in evidence.list_evidence(window.db, case_id)] == [item_id]
    assert shown_titles(tab) == ["weg"]
    entry = checklists.get_checklist(window.db, case_id, Checklist.ID_DOCUMENTS)[0]
    assert entry.evidence_id == item_id

    window.undo_stack.redo()
    assert evidence.list_evidence(window.db, case_id) == []
    assert window.db.evidence.exists(item.sha256)  # until the window closes
    window.close()
    assert not window.db.evidence.exists(item.sha256)


def test_the_viewer_zooms(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _case_id, tab = open_evidence(window)
    tab.import_paths([write_image(tmp_path / "zoom.png", width=1600, height=1000)])
    wait_for_import(qtbot, tab)
    tab.select(id_at(tab, 0))
    viewer = tab.commands.view()
    assert viewer is not None
    qtbot.waitExposed(viewer)
    fitted = viewer.view.zoom_level()
    viewer.buttons["zoom_in"].click()
    assert viewer.view.zoom_level() == pytest.approx(fitted * 1.25)
    viewer.buttons["actual"].click()
    assert viewer.view.zoom_level() == 1.0
    viewer.close()


def test_the_evidence_model_passes_the_model_tester(
    qtmodeltester, qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _case_id, tab = open_evidence(window)
    tab.import_paths([write_image(tmp_path / f"{n}.png", text=n) for n in ("a", "b")])
    wait_for_import(qtbot, tab)
    qtmodeltester.check(tab.model)


def test_encoded_helper_makes_real_pngs() -> None:
    assert encoded(picture()).startswith(b"\x89PNG")


def test_an_identity_documents_thumbnail_shows_its_black_out_areas(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab, item_id = tab_with_one_picture(qtbot, window, tmp_path / "paspoort.png")
    case_id = evidence_at(tab, 0).case_id
    window.evidence_actions.edit_evidence(
        case_id, item_id, {}, {"kind": EvidenceKind.ID_DOCUMENT, "redactions": [[0, 0, 0.6, 0.6]]}
    )
    tab.thumbnails.wait()

    def shown() -> QImage | None:
        icon = tab.model.index(0).data(Qt.ItemDataRole.DecorationRole)
        return icon.pixmap(64).toImage() if isinstance(icon, QIcon) and not icon.isNull() else None

    sha256 = evidence_at(tab, 0).sha256
    qtbot.waitUntil(lambda: tab.thumbnails.icon(sha256, "image/png") is not None)
    image = shown()
    assert image is not None and evidence_at(tab, 0).sensitive
    # The picture's blue block lies under the black-out area: it must not show in the grid.
    covered = image.pixelColor(int(image.width() * 0.3), int(image.height() * 0.3))
    assert covered.lightness() < 20, covered.name()
    beside = image.pixelColor(int(image.width() * 0.9), int(image.height() * 0.1))
    assert beside.lightness() > 200, beside.name()
