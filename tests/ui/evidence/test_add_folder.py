"""Add files opens in the folder evidence was last added from, else Pictures, else home."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from appealdesk.services import cases
from appealdesk.store.database import Database
from appealdesk.ui.base.settings import FolderUse
from appealdesk.ui.main_window.window import MainWindow
from tests.images import write_image
from tests.ui.conftest import WindowFactory
from tests.ui.evidence.test_commands import when_file_dialog_opens
from tests.ui.evidence.test_tab import open_evidence, wait_for_import


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, without Pictures (as on a fresh account)."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_PICTURES_DIR", raising=False)
    return folder


def add_files_folder(window: MainWindow) -> Path:
    """The folder Add files opens in (the dialog is then cancelled)."""
    answered = when_file_dialog_opens(QFileDialog.reject)
    window.editor.evidence.commands.choose_files()
    assert len(answered) == 1
    return Path(answered[0].directory().absolutePath())


def add_with_dialog(qtbot: QtBot, window: MainWindow, *paths: Path) -> None:
    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(paths[0].parent))
        dialog.selectFile(" ".join(f'"{p.name}"' for p in paths))
        dialog.accept()

    answered = when_file_dialog_opens(choose)
    tab = window.editor.evidence
    tab.commands.choose_files()
    assert len(answered) == 1
    wait_for_import(qtbot, tab)


def test_add_files_opens_at_home_then_in_pictures_once_there_is_one(
    window: MainWindow, home: Path
) -> None:
    open_evidence(window)
    assert add_files_folder(window) == home
    (home / "Pictures").mkdir()
    assert add_files_folder(window) == home / "Pictures"


def test_add_files_opens_where_files_were_last_added_from(
    qtbot: QtBot, window: MainWindow, home: Path, tmp_path: Path
) -> None:
    (home / "Pictures").mkdir()
    shots = tmp_path / "screenshots"
    shots.mkdir()
    open_evidence(window)
    add_with_dialog(qtbot, window, write_image(shots / "melding.png"))
    assert window.message_bar.text() == "1 file added."
    assert add_files_folder(window) == shots

    shots.rename(tmp_path / "moved")  # the folder is gone: Pictures again
    assert add_files_folder(window) == home / "Pictures"


def test_a_cancelled_or_refused_add_remembers_nothing(
    qtbot: QtBot, window: MainWindow, home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    open_evidence(window)
    assert add_files_folder(window) == home  # cancelled
    not_evidence = elsewhere / "notes.txt"
    not_evidence.write_text("no picture")
    add_with_dialog(qtbot, window, not_evidence)  # refused: not a screenshot or document
    assert "Not added:" in window.message_bar.text()
    assert window.settings.last_folder(FolderUse.EVIDENCE) is None
    assert add_files_folder(window) == home


def test_the_folder_is_the_users_not_the_databases(
    qtbot: QtBot,
    window: MainWindow,
    make_window: WindowFactory,
    db: Database,
    home: Path,
    tmp_path: Path,
) -> None:
    shots = tmp_path / "screenshots"
    shots.mkdir()
    open_evidence(window)
    dropped = write_image(shots / "dropped.png")
    window.editor.evidence.import_paths([dropped])  # dropped files count as added from there
    wait_for_import(qtbot, window.editor.evidence)
    assert window.settings.last_folder(FolderUse.EVIDENCE) == shots
    assert window.settings.last_folder(FolderUse.EXPORT) is None  # each use its own folder

    blocked = dt.datetime(2026, 11, 2, 9)
    case = cases.create_case(db, blocked_at=blocked, new_account={"handle": "lotte"})
    other = make_window(db)  # another database, the same user settings
    assert case.id is not None and other.case_list.select_case(case.id)
    assert add_files_folder(other) == shots
