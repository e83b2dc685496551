"""Fixtures for driving the main window as a user would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from appealdesk.store.database import Database
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.host import WindowHost
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.boxes import answer_boxes

WindowFactory = Callable[[Database], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> WindowFactory:
    """Opens a main window on a database, with its own settings file."""

    def make(db: Database) -> MainWindow:
        window = MainWindow(db, AppSettings(tmp_path / "settings.ini"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # As the user first sees it: the status buttons' counts come off the window's thread.
        qtbot.waitUntil(lambda: not window.case_list.model.counts_due)
        return window

    return make


@pytest.fixture
def window(make_window: WindowFactory, demo_db: Database) -> MainWindow:
    return make_window(demo_db)


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Confirmation questions are answered Yes; the texts asked are recorded."""
    yield answer_boxes(monkeypatch, QMessageBox.StandardButton.Yes)


@pytest.fixture
def hosts() -> Iterator[list[WindowHost]]:
    """Window hosts a test started; their windows are closed and their databases let go."""
    started: list[WindowHost] = []
    yield started
    for host in started:
        if host.window is not None:
            host.window.close()
        host.shutdown()
