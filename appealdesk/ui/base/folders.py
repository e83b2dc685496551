"""The folder a file dialog starts in: where the user went last time for the same thing, while
that folder still exists, else the desktop's folder for such files, else the home folder.

The folders are remembered per user (in the settings), not per database: they belong to the
person at this computer, and a database copied elsewhere would point at folders not there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from appealdesk.ui.base.settings import AppSettings, FolderUse

Location = QStandardPaths.StandardLocation

# The desktop's folder for each use, tried when no remembered folder is there.
STANDARD_LOCATION = {
    FolderUse.EXPORT: Location.DocumentsLocation,
    FolderUse.EVIDENCE: Location.PicturesLocation,
}


def standard_folder(location: QStandardPaths.StandardLocation) -> Path | None:
    """The desktop's folder for ``location`` (it may not exist: a fresh account, a server)."""
    folder = QStandardPaths.writableLocation(location)
    return Path(folder) if folder else None


def existing_folder(*candidates: Path | None) -> Path:
    """The first of ``candidates`` that is a folder now; the home folder when none is."""
    for candidate in candidates:
        if candidate is not None and candidate.is_dir():
            return candidate
    return Path.home()


def starting_folder(settings: AppSettings, use: FolderUse) -> Path:
    """Where the file dialog for ``use`` starts (see the module's docstring)."""
    remembered = settings.last_folder(use)
    return existing_folder(remembered, standard_folder(STANDARD_LOCATION[use]))
