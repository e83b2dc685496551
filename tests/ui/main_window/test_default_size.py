"""At the window's first size, in both languages, nothing of the case is cut off."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QTabBar
from pytestqt.qtbot import QtBot

from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import open_case


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_tab_and_button_of_a_case_shows_whole(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    switch_language(language)
    open_case(window, "TT-2026-0013")
    tabs = window.editor.tabs
    bar = tabs.findChild(QTabBar)
    assert bar is not None
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(20)
        assert bar.sizeHint().width() <= tabs.width(), "the tabs need scroll arrows"
        squeezed = [
            button.text()
            for button in tabs.currentWidget().findChildren(QAbstractButton)
            if button.isVisible() and button.text() and button.width() < button.sizeHint().width()
        ]
        assert not squeezed, (tabs.tabText(index), squeezed)
