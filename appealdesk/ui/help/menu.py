"""The Help menu of the main window. Each dialog is loaded when it is first opened, and stays
one of a kind: opening it again brings it to the front."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from appealdesk.i18n import _

if TYPE_CHECKING:
    from appealdesk.ui.help.about import AboutDialog
    from appealdesk.ui.help.manual import ManualDialog
    from appealdesk.ui.help.shortcuts import ShortcutsDialog

D = TypeVar("D", bound=QDialog)


def manual_shortcuts() -> list[QKeySequence]:
    """F1, and the platform's own key for help when it has another (Ctrl+? on macOS)."""
    keys = [QKeySequence("F1")]
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


class HelpMenu:
    def __init__(
        self,
        menu: QMenu,
        window: QMainWindow,
        database: Callable[[], Path | None],
        settings_file: Callable[[], Path],
    ) -> None:
        self.window = window
        self._database = database
        self._settings_file = settings_file
        self.manual = QAction(window)
        self.manual.setObjectName("manual")
        self.manual.setShortcuts(manual_shortcuts())
        self.manual.triggered.connect(lambda _checked=False: self.show_manual())
        self.shortcuts = QAction(window)
        self.shortcuts.setObjectName("shortcuts")
        self.shortcuts.triggered.connect(lambda _checked=False: self.show_shortcuts())
        self.about = QAction(window)
        self.about.setObjectName("about")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about.triggered.connect(lambda _checked=False: self.show_about())
        menu.addAction(self.manual)
        menu.addAction(self.shortcuts)
        menu.addSeparator()
        menu.addAction(self.about)
        self.manual_dialog: ManualDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.about_dialog: AboutDialog | None = None

    def retranslate(self) -> None:
        self.manual.setText(_("&Manual"))
        self.shortcuts.setText(_("&Keyboard shortcuts"))
        self.about.setText(_("&About AppealDesk"))

    def show_manual(self) -> ManualDialog:
        if self.manual_dialog is None:
            from appealdesk.ui.help.manual import ManualDialog

            self.manual_dialog = ManualDialog(self.window)
        return _bring_up(self.manual_dialog)

    def show_shortcuts(self) -> ShortcutsDialog:
        if self.shortcuts_dialog is None:
            from appealdesk.ui.help.shortcuts import ShortcutsDialog

            self.shortcuts_dialog = ShortcutsDialog(self.window)
        return _bring_up(self.shortcuts_dialog)

    def show_about(self) -> AboutDialog:
        # Made anew each time: the database may have been swapped for another meanwhile.
        from appealdesk.ui.help.about import AboutDialog

        if self.about_dialog is not None:
            self.about_dialog.close()
            self.about_dialog.deleteLater()
        database = self._database()
        self.about_dialog = AboutDialog(database, self._settings_file(), self.window)
        return _bring_up(self.about_dialog)


def _bring_up(dialog: D) -> D:
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
