"""The folders file dialogs start in: remembered per use, between runs, while they exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from appealdesk.ui.base.folders import starting_folder
from appealdesk.ui.base.settings import AppSettings, FolderUse


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    for variable in ("XDG_DOCUMENTS_DIR", "XDG_PICTURES_DIR"):
        monkeypatch.delenv(variable, raising=False)
    return folder


def test_each_use_remembers_its_own_folder_until_the_next_run(
    qapp: object, home: Path, tmp_path: Path
) -> None:
    settings_file = tmp_path / "settings.ini"
    dossiers, shots = tmp_path / "dossiers", tmp_path / "shots"
    dossiers.mkdir()
    shots.mkdir()
    settings = AppSettings(settings_file)
    settings.remember_folder(FolderUse.EXPORT, dossiers)
    settings.remember_folder(FolderUse.EVIDENCE, shots)
    settings.sync()
    next_run = AppSettings(settings_file)
    assert starting_folder(next_run, FolderUse.EXPORT) == dossiers
    assert starting_folder(next_run, FolderUse.EVIDENCE) == shots


def test_a_folder_that_is_gone_is_never_proposed(qapp: object, home: Path, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    assert starting_folder(settings, FolderUse.EXPORT) == home  # no Documents yet
    assert starting_folder(settings, FolderUse.EVIDENCE) == home  # no Pictures yet
    (home / "Documents").mkdir()
    (home / "Pictures").mkdir()
    settings.remember_folder(FolderUse.EXPORT, tmp_path / "unplugged drive")
    settings.remember_folder(FolderUse.EVIDENCE, tmp_path / "deleted")
    assert starting_folder(settings, FolderUse.EXPORT) == home / "Documents"
    assert starting_folder(settings, FolderUse.EVIDENCE) == home / "Pictures"
