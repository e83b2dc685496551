"""Help → About AppealDesk: the version, where everything is kept, and what it runs on.

Every path can be selected and copied; "Show folder" opens a folder (for a file: the folder
it is in), never a file itself. Nothing here reads the database.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk import __version__
from appealdesk.i18n import N_, _
from appealdesk.store.backup.folder import backups_dir_for
from appealdesk.store.evidence_store import evidence_dir_for
from appealdesk.ui.base.desktop import open_on_desktop
from appealdesk.ui.base.error_hook import log_location
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.plain_text import bold_label, plain_label

SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


@dataclass(frozen=True)
class Place:
    label: str  # untranslated (N_)
    path: Path | None  # None: there is none (no database open, no log written)
    folder: Path | None  # what "Show folder" opens
    missing: str = N_("No database is open.")  # shown when there is no path (untranslated)


def places(database: Path | None, settings_file: Path) -> list[Place]:
    """Where the open database keeps its data, where the log and the settings are."""
    log = log_location()
    if log == Path(os.devnull):
        log = None  # a handler that writes nowhere keeps no log
    evidence = evidence_dir_for(database) if database else None
    backups = backups_dir_for(database) if database else None
    logs = log.parent if log else None
    return [
        Place(N_("Database:"), database, database.parent if database else None),
        Place(N_("Evidence folder:"), evidence, evidence),
        Place(N_("Backups folder:"), backups, backups),
        Place(N_("Log folder:"), logs, logs, N_("No log is being written.")),
        Place(N_("Settings file:"), settings_file, settings_file.parent),
    ]


def versions() -> str:
    return ", ".join(
        (
            f"Python {platform.python_version()}",
            f"Qt {qVersion()}",
            f"PySide6 {PySide6.__version__}",
        )
    )


def show_folder(folder: Path) -> None:
    """Opens a folder in the file manager; anything but an existing folder is left alone."""
    if folder.is_dir():
        open_on_desktop(folder)


class AboutDialog(Retranslatable, QDialog):
    def __init__(self, database: Path | None, settings_file: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.places = places(database, settings_file)
        self.title = bold_label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.summary = plain_label(word_wrap=True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.labels: list[QLabel] = []
        self.paths: list[QLabel] = []
        self.copy_buttons: list[QPushButton] = []
        self.folder_buttons: list[QPushButton] = []
        for row, place in enumerate(self.places):
            label = plain_label()
            shown = plain_label()
            shown.setTextInteractionFlags(SELECTABLE)
            shown.setObjectName(f"about_path_{row}")
            copy = QPushButton()
            copy.setEnabled(place.path is not None)
            copy.clicked.connect(lambda _checked=False, p=place.path: self._copy(str(p)))
            folder = QPushButton()
            folder.setEnabled(place.folder is not None and place.folder.is_dir())
            if place.folder is not None:
                folder.clicked.connect(lambda _checked=False, f=place.folder: show_folder(f))
            for column, widget in enumerate((label, shown, copy, folder)):
                grid.addWidget(widget, row, column)
            self.labels.append(label)
            self.paths.append(shown)
            self.copy_buttons.append(copy)
            self.folder_buttons.append(folder)
        self.versions_label = plain_label()
        self.versions = plain_label(versions())
        self.versions.setTextInteractionFlags(SELECTABLE)
        grid.addWidget(self.versions_label, len(self.places), 0)
        grid.addWidget(self.versions, len(self.places), 1, 1, 3)
        self.copied = plain_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_all = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_all.clicked.connect(lambda: self._copy(self.report()))
        self.buttons.rejected.connect(self.close)
        for button in (*self.copy_buttons, *self.folder_buttons, self.copy_all):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self.copied)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("About AppealDesk"))
        self.title.setText(_("AppealDesk {version}").format(version=__version__))
        self.summary.setText(
            _("Cases of blocked social-media accounts, from block to restored account.")
        )
        for place, label, shown, copy, folder in zip(
            self.places,
            self.labels,
            self.paths,
            self.copy_buttons,
            self.folder_buttons,
            strict=True,
        ):
            label.setText(_(place.label))
            shown.setText(self._path_text(place))
            copy.setText(_("Copy"))
            name = _(place.label).rstrip(":")
            copy.setAccessibleName(_("Copy: {place}").format(place=name))
            folder.setText(_("Show folder"))
            folder.setAccessibleName(_("Show folder: {place}").format(place=name))
        self.versions_label.setText(_("Runs on:"))
        self.copy_all.setText(_("Copy &all"))
        self.copied.clear()

    @staticmethod
    def _path_text(place: Place) -> str:
        return _(place.missing) if place.path is None else str(place.path)

    def report(self) -> str:
        """Everything the dialog says, as text to paste into a message."""
        lines = [self.title.text()]
        lines += [
            f"{label.text()} {shown.text()}"
            for label, shown in zip(self.labels, self.paths, strict=True)
        ]
        lines.append(f"{self.versions_label.text()} {self.versions.text()}")
        return "\n".join(lines)

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.setText(_("Copied to the clipboard."))
