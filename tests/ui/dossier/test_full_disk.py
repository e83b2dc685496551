"""The export dialog on a disk that runs full: it says so and stays open."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from appealdesk.ui.main_window.window import MainWindow
from tests.mounts import small_disk
from tests.ui.dossier.test_dialog import open_export


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_full_disk_is_reported_in_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "small") as disk:
        target = disk / "dossier.pdf"
        target.write_bytes(b"last week's dossier")
        dialog = open_export(qtbot, window)
        qtbot.waitUntil(lambda: dialog.preview.page_count > 0, timeout=20_000)
        dialog.path.setText(str(target))
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
        assert dialog.isVisible()
        assert (
            dialog.error.shown_text()
            == "The disk is full: the dossier was not saved. Free some space."
        )
        assert target.read_bytes() == b"last week's dossier"
        assert [p.name for p in disk.iterdir()] == ["dossier.pdf"]
