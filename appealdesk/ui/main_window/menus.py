"""The menus and keyboard shortcuts of the main window."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from appealdesk.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, _, current_language
from appealdesk.ui.case_editor.quick_steps import QUICK_STEPS
from appealdesk.ui.help.menu import HelpMenu

if TYPE_CHECKING:
    from appealdesk.store.database import Database
    from appealdesk.ui.base.settings import AppSettings

Key = QKeySequence.StandardKey


def redo_shortcuts() -> list[QKeySequence]:
    """Ctrl+Shift+Z and Ctrl+Y, and the platform's own, each once: a key bound twice to the
    same action makes Qt call it ambiguous and do nothing."""
    keys: list[QKeySequence] = []
    for key in (
        QKeySequence("Ctrl+Shift+Z"),
        QKeySequence("Ctrl+Y"),
        *QKeySequence.keyBindings(Key.Redo),
    ):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


class MenuCommands(Protocol):
    """What the menus ask the main window to do, and what Help → About shows."""

    path: Path  # of the database, Path() before one is chosen
    settings: AppSettings

    def new_case(self) -> object: ...
    def export_dossier(self) -> object: ...
    def manage_clients(self) -> object: ...
    def edit_profile(self) -> object: ...
    def back_up_now(self) -> None: ...
    def restore_from_backup(self) -> object: ...
    def close(self) -> bool: ...
    def focus_search(self) -> None: ...
    def delete_case(self) -> None: ...
    def record_step(self, index: int) -> None: ...
    def add_event(self) -> None: ...
    def set_language(self, language: str) -> None: ...


class MainMenus:
    def __init__(
        self,
        window: QMainWindow,
        commands: MenuCommands,
        stack: QUndoStack,
        case_table: QWidget,
    ) -> None:
        self.window = window
        self.settings = commands.settings
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_case = self._action(commands.new_case, QKeySequence(Key.New), "new_case")
        self.export = self._action(commands.export_dossier, QKeySequence("Ctrl+E"), "export")
        self.clients = self._action(commands.manage_clients, QKeySequence("Ctrl+Shift+K"))
        self.profile = self._action(commands.edit_profile, None, "profile")
        self.time_stamps = self._action(self._edit_time_stamps, None, "time_stamps")
        self.back_up = self._action(commands.back_up_now, None, "back_up")
        self.restore = self._action(commands.restore_from_backup, None, "restore")
        self.encrypt = QAction(window)  # the host converts: the window closes for it
        self.encrypt.setObjectName("encrypt")
        self.quit = self._action(commands.close, QKeySequence(Key.Quit))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self._fill(
            self.file_menu,
            self.new_case,
            self.export,
            None,
            self.clients,
            self.profile,
            self.time_stamps,
            None,
            self.back_up,
            self.restore,
            self.encrypt,
            None,
            self.quit,
        )

        self.edit_menu = bar.addMenu("")
        self.undo = self._action(stack.undo, QKeySequence(Key.Undo), "undo")
        self.redo = self._action(stack.redo, None, "redo")
        self.redo.setShortcuts(redo_shortcuts())
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        self._undo_text = self._redo_text = ""
        stack.undoTextChanged.connect(self._set_undo_text)
        stack.redoTextChanged.connect(self._set_redo_text)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.find = self._action(commands.focus_search, QKeySequence(Key.Find), "find")
        self.delete_case = self._action(commands.delete_case, QKeySequence(Key.Delete))
        # Delete only deletes a case from the list, never while typing in a field.
        self.delete_case.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        case_table.addAction(self.delete_case)
        self._fill(self.edit_menu, self.undo, self.redo, None, self.find, None, self.delete_case)

        self.case_menu = bar.addMenu("")
        self.steps = [
            self._action(partial(commands.record_step, index), QKeySequence(f"Ctrl+{index + 1}"))
            for index in range(len(QUICK_STEPS))
        ]
        self.add_event = self._action(commands.add_event, QKeySequence("Ctrl+T"))
        self._fill(self.case_menu, *self.steps, None, self.add_event)

        self.language_menu = bar.addMenu("")
        group = QActionGroup(window)
        group.setExclusive(True)
        self.languages: dict[str, QAction] = {}
        for language in SUPPORTED_LANGUAGES:
            action = QAction(window)  # (text, parent) would also load QIcon, for its overloads
            action.setText(LANGUAGE_NAMES[language])
            action.setCheckable(True)
            action.triggered.connect(partial(commands.set_language, language))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.languages[language] = action

        self.help_menu = bar.addMenu("")
        self.help = HelpMenu(
            self.help_menu,
            window,
            lambda: commands.path if commands.path.name else None,
            lambda: commands.settings.file_path,
        )

        # The main actions one click away; the texts are the menus' (Qt drops the & and …).
        self.toolbar = window.addToolBar("")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_case, self.export, self.clients, self.back_up):
            self.toolbar.addAction(action)

    def _action(
        self, slot: Callable[[], object], shortcut: QKeySequence | None, name: str = ""
    ) -> QAction:
        action = QAction(self.window)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    @staticmethod
    def _fill(menu: QMenu, *actions: QAction | None) -> None:
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    def retranslate(self) -> None:
        self.toolbar.setWindowTitle(_("Main actions"))
        self.file_menu.setTitle(_("&File"))
        self.new_case.setText(_("&New case…"))
        self.export.setText(_("&Export dossier…"))
        self.clients.setText(_("&Clients and accounts…"))
        self.profile.setText(_("Creator or a&gency…"))
        self.time_stamps.setText(_("&Time stamps…"))
        self.back_up.setText(_("&Back up now"))
        self.restore.setText(_("&Restore from backup…"))
        self.encrypt.setText(_("Encr&ypt database…"))
        self.quit.setText(_("&Quit"))
        self.edit_menu.setTitle(_("&Edit"))
        self._undo_texts()
        self.find.setText(_("&Find"))
        self.delete_case.setText(_("&Delete case"))
        self.case_menu.setTitle(_("&Case"))
        for action, (_kind, text) in zip(self.steps, QUICK_STEPS, strict=True):
            action.setText(_("Record: {step}").format(step=_(text).replace("&", "")))
        self.add_event.setText(_("&Add event…"))
        self.language_menu.setTitle(_("&Language"))
        self.languages[current_language()].setChecked(True)
        self.help_menu.setTitle(_("&Help"))
        self.help.retranslate()

    def _edit_time_stamps(self) -> object:
        from appealdesk.ui.timestamps.dialog import edit_timestamp_settings

        return edit_timestamp_settings(self.settings, self.window)

    def _set_undo_text(self, text: str) -> None:
        self._undo_text = text
        self._undo_texts()

    def _set_redo_text(self, text: str) -> None:
        self._redo_text = text
        self._undo_texts()

    def _undo_texts(self) -> None:
        undo, redo = self._undo_text, self._redo_text
        self.undo.setText(_("&Undo {change}").format(change=undo) if undo else _("&Undo"))
        self.redo.setText(_("&Redo {change}").format(change=redo) if redo else _("&Redo"))

    def set_database_actions(self, db: Database | None) -> None:
        """Before the database is open there is nothing to create, back up or manage; an
        encrypted or read-only one cannot be encrypted, nor a team's (on its server), whose
        backups are the server's too."""
        for action in (self.new_case, self.clients, self.back_up, self.restore, self.encrypt):
            action.setEnabled(db is not None)
        shared = db is not None and db.shared
        self.encrypt.setVisible(
            db is None or ((db.key is None and db.read_only is None) and not shared)
        )
        self.restore.setVisible(not shared)

    def update_case_actions(self, case_id: int | None) -> None:
        for action in (*self.steps, self.add_event, self.delete_case, self.export):
            action.setEnabled(case_id is not None)
