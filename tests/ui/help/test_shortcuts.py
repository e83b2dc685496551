"""Help → Keyboard shortcuts lists every key of the window, as the platform writes it."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from appealdesk.ui.help.shortcuts import ShortcutsDialog
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import open_case, visible

NATIVE = QKeySequence.SequenceFormat.NativeText
mnemonics = pytest.mark.skipif(sys.platform == "darwin", reason="no Alt keys on macOS")


def shortcut_list(window: MainWindow) -> list[list[str]]:
    window.menus.help.shortcuts.trigger()
    return visible(window, ShortcutsDialog).rows()


def native(text: str) -> str:
    return QKeySequence(text).toString(NATIVE)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_action_with_a_shortcut_is_listed(window: MainWindow, language: str) -> None:
    open_case(window, "TT-2026-0001")
    window.menus.languages[language].trigger()
    rows = shortcut_list(window)
    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(with_keys) >= 13  # the menus' actions, the quick steps, F1
    for action in with_keys:
        keys = QKeySequence.listToString(action.shortcuts(), NATIVE)
        assert [keys, action.iconText()] in [row[:2] for row in rows], action.text()


def test_the_quick_steps_the_manual_and_the_documented_keys_are_listed(
    window: MainWindow,
) -> None:
    open_case(window, "TT-2026-0001")
    rows = shortcut_list(window)
    assert [native("Ctrl+1"), "Record: Appeal filed", "Case menu"] in rows
    assert [native("Ctrl+4"), "Record: Restored", "Case menu"] in rows
    assert [native("Ctrl+N"), "New case", "File menu"] in rows
    assert any(row[0].startswith(native("F1")) and row[1] == "Manual" for row in rows)
    assert [native("Escape"), "Clear the search", "Search field"] in rows
    assert [native("Ctrl+V"), "Paste a screenshot as evidence", "Evidence tab"] in rows


@mnemonics
def test_the_alt_keys_of_menus_and_tabs_are_listed(window: MainWindow) -> None:
    open_case(window, "TT-2026-0001")
    rows = shortcut_list(window)
    assert [native("Alt+F"), "Open the File menu", "Menu bar"] in rows
    assert [native("Alt+H"), "Open the Help menu", "Menu bar"] in rows
    assert [native("Alt+O"), "Go to the Overview tab", "Tabs"] in rows
    assert [native("Alt+V"), "Go to the Evidence tab", "Tabs"] in rows


@mnemonics
def test_the_open_list_follows_a_language_switch(qtbot: QtBot, window: MainWindow) -> None:
    open_case(window, "TT-2026-0001")
    dialog = window.menus.help.show_shortcuts()
    assert not dialog.isModal()
    window.menus.languages["nl"].trigger()
    assert dialog.windowTitle() == "Sneltoetsen"
    qtbot.waitUntil(lambda: [native("Alt+B"), "Menu Bestand openen", "Menubalk"] in dialog.rows())
    rows = dialog.rows()
    assert [native("Ctrl+N"), "Nieuwe zaak", "Menu Bestand"] in rows
    assert [native("Alt+S"), "Naar tabblad Bewijs", "Tabbladen"] in rows
    assert [native("Escape"), "Zoekveld leegmaken", "Zoekveld"] in rows


def test_a_new_action_of_the_window_is_listed_without_more_ado(window: MainWindow) -> None:
    action = QAction("Count the cases", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+J"))
    window.addAction(action)
    assert [native("Ctrl+Shift+J"), "Count the cases", "Window"] in shortcut_list(window)
