"""The provenance of a piece of evidence in its details: shown, edited, undone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import CaptureSource, CustodyAction, EvidenceSource
from appealdesk.services import custody, evidence
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.evidence.test_tab import tab_with_one_picture


def test_source_device_and_capture_time_with_its_zone_are_edited_in_the_details(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab, item_id = tab_with_one_picture(qtbot, window, tmp_path / "melding.png")
    tab.select(item_id)
    details = tab.details
    assert "modification time" in details.capture_origin.text()
    details.source.setCurrentIndex(details.source.index_of(EvidenceSource.WEB_PAGE))
    details.source.activated.emit(details.source.currentIndex())
    for field, text in (
        (details.source_url, "https://www.tiktok.com/@lotte/video/7"),
        (details.device, "Pixel 8, TikTok-app"),
    ):
        field.setFocus()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    details.zone.setCurrentIndex(details.zone.index_of(60))
    details.zone.activated.emit(details.zone.currentIndex())
    stored = evidence.get_evidence(window.db, item_id)
    assert stored.source is EvidenceSource.WEB_PAGE
    assert stored.source_url == "https://www.tiktok.com/@lotte/video/7"
    assert stored.device == "Pixel 8, TikTok-app"
    assert stored.captured_offset == 60 and stored.capture_source is CaptureSource.ENTERED
    assert details.capture_origin.text() == "entered by hand"
    assert details.zone.currentText() == "UTC+01:00"
    actions = [e.action for e in custody.custody_records(window.db, [item_id])[item_id]]
    assert actions == [CustodyAction.ADDED] + [CustodyAction.DETAILS_CHANGED] * 4
    window.menus.undo.trigger()
    back = evidence.get_evidence(window.db, item_id)
    assert back.capture_source is CaptureSource.FILE_TIME
    assert (back.captured_at, back.captured_offset) != (stored.captured_at, 60)


def test_a_web_address_that_is_none_is_refused_and_not_saved(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tab, item_id = tab_with_one_picture(qtbot, window, tmp_path / "melding.png")
    tab.select(item_id)
    field = tab.details.source_url
    field.setFocus()
    qtbot.keyClicks(field, "tiktok.com/@lotte")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "https://" in window.message_bar.text()
    assert evidence.get_evidence(window.db, item_id).source_url == ""
