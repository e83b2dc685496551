"""Help → About AppealDesk: the version, where the data is, and buttons that only show folders."""

from __future__ import annotations

import importlib.metadata
import logging
import platform
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from appealdesk import __version__
from appealdesk.cli.logs import file_handler
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.help.about import AboutDialog
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.desktop import opened_urls
from tests.ui.main_window.test_window import visible


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """A log written to a file, as the app writes one."""
    path = tmp_path / "logs" / "appealdesk.log"
    path.parent.mkdir()
    handler = file_handler(path)
    logger = logging.getLogger("appealdesk")
    before = logger.handlers[:]  # another test in this process may have left its own log
    logger.handlers = [handler]
    yield path
    logger.handlers = before
    handler.close()


@pytest.fixture
def opened() -> Iterator[list[QUrl]]:
    """The folders the buttons hand to the desktop to show."""
    with opened_urls("file") as urls:
        yield urls


def shown(dialog: AboutDialog) -> dict[str, str]:
    return {
        label.text(): path.text() for label, path in zip(dialog.labels, dialog.paths, strict=True)
    }


def row(dialog: AboutDialog, label: str) -> int:
    return [place.label for place in dialog.places].index(label)


def test_about_shows_the_version_and_where_everything_is(
    window: MainWindow, tmp_path: Path, log_file: Path
) -> None:
    window.menus.help.about.trigger()
    dialog = visible(window, AboutDialog)
    assert __version__ == importlib.metadata.version("appealdesk")
    assert dialog.title.text() == f"AppealDesk {__version__}"
    database = window.db.path
    assert shown(dialog) == {
        "Database:": str(database),
        "Evidence folder:": str(tmp_path / "demo.evidence"),
        "Backups folder:": str(tmp_path / "demo.backups"),
        "Log folder:": str(log_file.parent),
        "Settings file:": str(tmp_path / "settings.ini"),
    }
    assert database == tmp_path / "demo.db"
    assert platform.python_version() in dialog.versions.text()
    assert f"Qt {qVersion()}" in dialog.versions.text()


def test_every_text_of_about_is_plain_and_the_paths_can_be_selected(window: MainWindow) -> None:
    dialog = window.menus.help.show_about()
    labels = dialog.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)
    for path in dialog.paths:
        assert path.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_copy_puts_the_path_on_the_clipboard(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.menus.help.show_about()
    qtbot.mouseClick(dialog.copy_buttons[row(dialog, "Database:")], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(window.db.path)
    assert dialog.copied.text() == "Copied to the clipboard."
    dialog.copy_all.click()
    report = QGuiApplication.clipboard().text()
    assert report.startswith(f"AppealDesk {__version__}\nDatabase: {window.db.path}\n")


def test_show_folder_opens_folders_only(
    qtbot: QtBot, window: MainWindow, opened: list[QUrl]
) -> None:
    dialog = window.menus.help.show_about()
    for label, folder in (
        ("Database:", window.db.path.parent),  # the folder the file is in, not the file
        ("Evidence folder:", window.db.evidence.root),
    ):
        qtbot.mouseClick(dialog.folder_buttons[row(dialog, label)], Qt.MouseButton.LeftButton)
        assert opened[-1] == QUrl.fromLocalFile(str(folder))
        assert Path(opened[-1].toLocalFile()).is_dir()
    # No backup was made yet: there is no folder to show.
    assert not dialog.folder_buttons[row(dialog, "Backups folder:")].isEnabled()
    assert len(opened) == 2


def test_about_speaks_dutch(window: MainWindow) -> None:
    window.menus.languages["nl"].trigger()
    assert window.menus.help.about.text() == "&Over AppealDesk"
    dialog = window.menus.help.show_about()
    assert dialog.windowTitle() == "Over AppealDesk"
    assert shown(dialog)["Map met bewijs:"] == str(window.db.evidence.root)
    window.menus.languages["en"].trigger()
    assert "Evidence folder:" in shown(dialog)


def test_about_before_a_database_is_open_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(None, AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    dialog = window.menus.help.show_about()
    database = row(dialog, "Database:")
    assert dialog.paths[database].text() == "No database is open."
    assert not dialog.copy_buttons[database].isEnabled()
    assert not dialog.folder_buttons[database].isEnabled()
    assert shown(dialog)["Settings file:"] == str(tmp_path / "settings.ini")
