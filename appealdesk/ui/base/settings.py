"""What the application remembers between runs (QSettings)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from appealdesk.i18n import SUPPORTED_LANGUAGES


class FolderUse(StrEnum):
    """What a remembered folder is for: each file dialog remembers its own."""

    EXPORT = "export"  # where the last dossier was saved
    EVIDENCE = "evidence"  # where evidence files were last added from


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._settings = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "AppealDesk", "AppealDesk"
            )
        else:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_path(self) -> Path:
        """The file the settings are kept in."""
        return Path(self._settings.fileName())

    @property
    def language(self) -> str | None:
        value = self._settings.value("ui/language")
        return value if isinstance(value, str) and value in SUPPORTED_LANGUAGES else None

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("ui/language", value)

    def saved_state(self, key: str) -> QByteArray | None:
        """A widget's saved geometry or state (window, splitter, table columns)."""
        value = self._settings.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) else None

    def save_state(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(f"layout/{key}", value)

    def last_folder(self, use: FolderUse) -> Path | None:
        """The folder remembered for ``use`` (it may no longer exist)."""
        value = self._settings.value(f"folders/{use.value}")
        return Path(value) if isinstance(value, str) and value else None

    def remember_folder(self, use: FolderUse, folder: Path) -> None:
        self._settings.setValue(f"folders/{use.value}", str(folder))

    @property
    def timestamp_authorities(self) -> list[str]:
        """The time-stamping authorities (RFC 3161) to ask; none (off) unless the user set them."""
        value = self._settings.value("timestamps/authorities")
        return [url for url in value.split() if url] if isinstance(value, str) else []

    @timestamp_authorities.setter
    def timestamp_authorities(self, urls: list[str]) -> None:
        self._settings.setValue("timestamps/authorities", " ".join(urls))

    def sync(self) -> None:
        self._settings.sync()
