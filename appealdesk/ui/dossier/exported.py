"""What the export dialog offers once the dossier is written: open it, or show its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from appealdesk.export.glyphs import replacement_note
from appealdesk.i18n import _
from appealdesk.ui.base import desktop
from appealdesk.ui.base.palette import banner_style
from appealdesk.ui.widgets.plain_text import plain_label


class ExportedNote(QFrame):
    """Where the dossier was saved, with "Open" and "Show in folder"; hidden until then."""

    open_failed = Signal(str)  # what could not be opened, said for the user

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_done")
        self.text = plain_label(word_wrap=True)
        self.text.setObjectName("export_done_text")
        self.open_button = QPushButton()
        self.open_button.setObjectName("export_open")
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("export_show_folder")
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.show_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.folder_button)
        calm = banner_style(self.palette(), overdue=False)
        self.setStyleSheet(f"QFrame#export_done {{ {calm} }}")
        self.path: Path | None = None
        self.replaced: tuple[str, ...] = ()
        self.hide()

    def show_for(self, path: Path, replaced: tuple[str, ...] = ()) -> None:
        """``replaced``: characters printed as U+FFFD, which the user must hear of."""
        self.path, self.replaced = path, replaced
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.open_button.setText(_("&Open"))
        self.folder_button.setText(_("Show in &folder"))
        if self.path is not None:
            lines = [
                _("Saved as {name} in {folder}").format(
                    name=self.path.name, folder=self.path.parent
                )
            ]
            if self.replaced:
                lines.append(replacement_note(self.replaced))
            self.text.setText("\n".join(lines))

    def open_file(self) -> None:
        """The exported PDF or ZIP in the desktop's program for it (only that file)."""
        if self.path is not None:
            self._open(self.path)

    def show_folder(self) -> None:
        if self.path is not None:
            self._open(self.path.parent)

    def _open(self, target: Path) -> None:
        if not target.exists():
            self.open_failed.emit(_("{path} is no longer there.").format(path=target))
        elif not desktop.open_on_desktop(target):
            self.open_failed.emit(_("No program could open {path}.").format(path=target))
