"""File dialogs that never open the files they list.

Qt's file dialog guesses a file's type, and so its icon, by reading its first bytes. Shown on
the folder that holds the database, that would open and close the database, its ``-wal`` and
its ``-shm`` in this process, and on POSIX systems closing any descriptor of a file drops all
of the process's locks on it (see :mod:`appealdesk.store.lock_guard`). These dialogs judge a
file by its name alone. Native dialogs run code of the desktop in this process (GTK reads
files to sniff their type too), so they are used only on Windows, whose locks belong to a
file handle rather than to the process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from appealdesk.i18n import _


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from a file's kind and name, never from its content."""

    def icon(self, subject: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(subject, QFileInfo):
            kind = (
                QAbstractFileIconProvider.IconType.Folder
                if subject.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(subject)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return _("Folder")
        suffix = info.suffix()
        return _("{extension} file").format(extension=suffix.upper()) if suffix else _("File")


_PROVIDER: NameOnlyIconProvider | None = None  # the dialogs do not own their provider


def name_only_dialog(
    parent: QWidget | None, caption: str, folder: str, file_filter: str
) -> QFileDialog:
    """A file dialog that never opens the files it lists (see the module's docstring)."""
    global _PROVIDER
    dialog = QFileDialog(parent, caption, folder, file_filter)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if _PROVIDER is None:
            _PROVIDER = NameOnlyIconProvider()
        dialog.setIconProvider(_PROVIDER)
        # Qt's own Dutch leaves these two in English.
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _("&Look in:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, _("Files of &type:"))
    return dialog


def open_file_names(
    parent: QWidget | None, caption: str, folder: Path, file_filter: str = ""
) -> list[Path]:
    """The files the user chose to open (none when cancelled)."""
    return _chosen(parent, caption, folder, file_filter, QFileDialog.FileMode.ExistingFiles)


def open_file_name(
    parent: QWidget | None, caption: str, folder: Path, file_filter: str = ""
) -> Path | None:
    chosen = _chosen(parent, caption, folder, file_filter, QFileDialog.FileMode.ExistingFile)
    return chosen[0] if chosen else None


def save_file_name(
    parent: QWidget | None, caption: str, suggested: Path, file_filter: str = ""
) -> Path | None:
    """Where the user chose to save (asking before an existing file is replaced)."""
    chosen = _chosen(parent, caption, suggested, file_filter, QFileDialog.FileMode.AnyFile)
    return chosen[0] if chosen else None


def _chosen(
    parent: QWidget | None,
    caption: str,
    start: Path,
    file_filter: str,
    mode: QFileDialog.FileMode,
) -> list[Path]:
    dialog = name_only_dialog(parent, caption, str(start), file_filter)
    dialog.setFileMode(mode)
    saving = mode == QFileDialog.FileMode.AnyFile
    accept = QFileDialog.AcceptMode.AcceptSave if saving else QFileDialog.AcceptMode.AcceptOpen
    dialog.setAcceptMode(accept)
    return [Path(name) for name in dialog.selectedFiles()] if dialog.exec() else []
