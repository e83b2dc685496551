"""The file dialogs speak the language of the window, every label of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.main_window.window import MainWindow
from appealdesk.ui.widgets.file_dialogs import name_only_dialog

ENGLISH_ONLY = {"&Look in:", "Files of &type:", "File &name:", "Look in:", "Files of type:"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", {"&Zoeken in:", "Bestands&naam:", "Bestands&type:"}), ("en", ENGLISH_ONLY)],
)
def test_the_file_dialog_is_wholly_in_the_chosen_language(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, language: str, expected: set[str]
) -> None:
    switch_language(language)
    dialog = name_only_dialog(window, "x", str(tmp_path), "PNG (*.png)")
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    if language == "nl":
        assert labels == expected
        tips = {b.toolTip() for b in dialog.findChildren(QAbstractButton) if b.toolTip()}
        assert "Back" not in tips and "Terug" in tips
    else:
        assert labels <= expected
