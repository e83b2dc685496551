"""The window on the demo database: the case list, search, sorting, the language switch."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from appealdesk.store.database import Database
from appealdesk.ui.main_window import MainWindow
from appealdesk.ui.settings import AppSettings


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> MainWindow:
    main = MainWindow(demo_db, AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(main)
    main.show()
    return main


def visible_case_numbers(window: MainWindow) -> list[str]:
    model = window.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_demo_cases_are_listed(window: MainWindow) -> None:
    numbers = visible_case_numbers(window)
    assert len(numbers) == 14
    assert "TT-2026-0004" in numbers or any(n.startswith("TT-") for n in numbers)


def test_typing_a_search_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "krakeling")
    qtbot.waitUntil(lambda: len(visible_case_numbers(window)) < 14)
    assert all(
        "Krakeling" in window.table.model().index(row, 1).data()
        for row in range(window.table.model().rowCount())
    )


def test_switching_language_changes_the_visible_texts(window: MainWindow) -> None:
    def header() -> str:
        return window.table.model().headerData(0, Qt.Orientation.Horizontal)

    assert header() == "Case"
    window.language_actions["nl"].trigger()
    assert header() == "Zaak"
    assert window.language_menu.title() == "&Taal"
    assert "zaken" in window.counts.text()
    window.language_actions["en"].trigger()
    assert header() == "Case"


def test_the_case_model_passes_the_model_tester(qtmodeltester, window: MainWindow) -> None:
    qtmodeltester.check(window.model)
