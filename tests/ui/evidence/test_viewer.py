"""A document among the evidence opens in the system's viewer, or the viewer says why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from appealdesk.ui.main_window.window import MainWindow
from tests.images import pdf_document
from tests.ui.desktop import opened_urls
from tests.ui.evidence.test_tab import evidence_at, id_at, open_evidence, wait_for_import


def test_a_document_opens_outside_and_a_lost_file_is_said_not_raised(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _case_id, tab = open_evidence(window)
    document = tmp_path / "besluit.pdf"
    document.write_bytes(
        pdf_document(
            lambda _writer, painter: painter.fillRect(QRect(50, 50, 200, 100), QColor("teal"))
        )
    )
    tab.import_paths([document])
    wait_for_import(qtbot, tab)
    item = evidence_at(tab, 0)
    tab.select(id_at(tab, 0))
    viewer = tab.commands.view()
    assert viewer is not None
    qtbot.waitExposed(viewer)
    assert viewer.open_button.isVisible()

    stored = window.db.evidence.path_for(item.sha256)
    with opened_urls("file") as opened:
        qtbot.mouseClick(viewer.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(stored))]

    stored.chmod(0o600)
    stored.unlink()  # gone behind the app's back
    with opened_urls("file") as opened:
        qtbot.mouseClick(viewer.open_button, Qt.MouseButton.LeftButton)
    assert opened == []
    assert viewer.info.text() == (
        "The stored file cannot be read (No such file or directory), so it cannot be opened."
    )
    viewer.close()
