"""The main window: the case list on the left, the open case on the right.

The window can be shown before its database is open (:meth:`MainWindow.attach` brings the
list in), and the case editor with the ORM behind it is built on first use, or right after
start-up once its modules have been loaded in the background. So the window is on screen
as soon as Qt is. The window makes the actions of each feature and hands every feature what
it needs; no feature knows the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from appealdesk.i18n import _
from appealdesk.ui.base.retranslate import Retranslatable, switch_language
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.base.signals import DataSignals
from appealdesk.ui.base.undo import ChangeStack
from appealdesk.ui.case_editor.quick_steps import QUICK_STEPS
from appealdesk.ui.cases.panel import CaseListPanel
from appealdesk.ui.main_window import layout
from appealdesk.ui.main_window.menus import MainMenus
from appealdesk.ui.main_window.outside_changes import OutsideChangesPoll
from appealdesk.ui.main_window.warm_up import EditorWarmUp
from appealdesk.ui.welcome.page import WelcomePage
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from appealdesk.store.database import Database
    from appealdesk.ui.backups.actions import BackupActions
    from appealdesk.ui.backups.restore_dialog import RestoreDialog
    from appealdesk.ui.case_editor.editor import CaseEditor
    from appealdesk.ui.cases.actions import CaseActions
    from appealdesk.ui.cases.new_case import NewCaseDialog
    from appealdesk.ui.clients.actions import ClientActions
    from appealdesk.ui.clients.manager import ClientManager
    from appealdesk.ui.clients.profile import ProfileDialog
    from appealdesk.ui.dossier.dialog import ExportDialog
    from appealdesk.ui.evidence.actions import EvidenceActions

# About the editor's own minimum, so nothing shifts when it takes its place.
EDITOR_MIN_WIDTH = 600


class MainWindow(Retranslatable, QMainWindow):
    restore_requested = Signal(Path)  # the backup file the user chose to restore
    editor_ready = Signal()
    database_attached = Signal()

    def __init__(
        self, db: Database | None, settings: AppSettings, *, path: Path | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.path = db.path if db is not None else path or Path()
        self.title = db.title if db is not None else self.path.name  # a file's, or a team's
        self.settings = settings
        self.signals = DataSignals(self)
        self.message_bar = MessageBar()
        self.undo_stack = ChangeStack(self.message_bar.show_error, self)
        self.outside_changes = OutsideChangesPoll(self.signals, self)
        self._case_actions: CaseActions | None = None
        self._evidence_actions: EvidenceActions | None = None
        self._client_actions: ClientActions | None = None
        self._backup_actions: BackupActions | None = None
        self._editor: CaseEditor | None = None
        self.warm_up = EditorWarmUp(self)
        self.warm_up.modules_loaded.connect(self._build_editor)
        self.clients_dialog: ClientManager | None = None
        self._db: Database | None = None
        self._closed = False

        self.case_list = CaseListPanel()
        self.no_case = WelcomePage()
        self.editor_slot = QStackedWidget()
        self.editor_slot.setMinimumWidth(EDITOR_MIN_WIDTH)
        self.editor_slot.addWidget(self.no_case)
        self.splitter = layout.side_by_side(self.case_list, self.editor_slot)
        central = QWidget()
        column = QVBoxLayout(central)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.message_bar.float_over(central)
        self.menus = MainMenus(self, self, self.undo_stack, self.case_list.table)

        self.case_list.case_selected.connect(self._case_selected)
        self.signals.case_changed.connect(self.case_list.case_changed)
        self.signals.case_created.connect(self._case_created)
        self.signals.case_deleted.connect(self._case_deleted)
        self.signals.clients_changed.connect(self._clients_changed)
        self.signals.database_changed_elsewhere.connect(self._database_changed_elsewhere)

        layout.restore(settings, self, self.splitter, self.case_list.columns)
        self.retranslate_ui()
        self.menus.update_case_actions(None)
        self.menus.set_database_actions(None)
        if db is not None:
            self.attach(db)

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("the window has no database yet")
        return self._db

    def attach(self, db: Database) -> None:
        """Shows the cases of ``db`` (opened and checked by the caller)."""
        self._db = db
        self.path, self.title = db.path, db.title
        self.case_list.attach(db)
        self.no_case.attach(db, self)
        self.outside_changes.attach(db)
        self.menus.set_database_actions(db)
        self.retranslate_ui()
        self.database_attached.emit()

    # Built on first use -------------------------------------------------------------------

    @property
    def case_actions(self) -> CaseActions:
        if self._case_actions is None:
            from appealdesk.ui.cases.actions import CaseActions

            self._case_actions = CaseActions(self.db, self.undo_stack, self.signals)
            self.outside_changes.track_own_commits()  # the ORM that writes is loaded now
        return self._case_actions

    @property
    def evidence_actions(self) -> EvidenceActions:
        if self._evidence_actions is None:
            from appealdesk.ui.evidence.actions import EvidenceActions

            self._evidence_actions = EvidenceActions(self.db, self.undo_stack, self.signals)
        return self._evidence_actions

    @property
    def client_actions(self) -> ClientActions:
        if self._client_actions is None:
            from appealdesk.ui.clients.actions import ClientActions

            self._client_actions = ClientActions(self.db, self.signals)
        return self._client_actions

    @property
    def backup_actions(self) -> BackupActions:
        if self._backup_actions is None:
            from appealdesk.ui.backups.actions import BackupActions

            actions = BackupActions(self.db, self)
            actions.backup_started.connect(
                lambda: self.message_bar.show_info(_("Making a backup…"), seconds=0)
            )
            actions.backup_finished.connect(
                lambda text: self.message_bar.show_info(text, seconds=12)
            )
            actions.backup_failed.connect(self.message_bar.show_error)
            self._backup_actions = actions
        return self._backup_actions

    @property
    def editor(self) -> CaseEditor:
        if self._editor is None:
            from appealdesk.ui.case_editor.editor import CaseEditor

            editor = CaseEditor(self.db, self.case_actions, self.evidence_actions, self.settings)
            editor.context.inform = self.message_bar.show_info
            editor.placeholder.attach(self.db, self)
            editor.overview.edit_account_requested.connect(self._edit_account)
            editor.overview.move_account_requested.connect(self._move_case_to_account)
            self.editor_slot.addWidget(editor)
            self.editor_slot.setCurrentWidget(editor)
            self._editor = editor
            self.editor_ready.emit()
        return self._editor

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._editor is None and not self.warm_up.started:
            self.warm_up.start_soon()

    def _build_editor(self) -> None:
        # Not after the window closed: its database may be closed (or being restored) by then.
        if self._db is not None and not self._closed:
            self.editor  # noqa: B018 - building it is the point

    @property
    def open_case_id(self) -> int | None:
        return self._editor.case_id if self._editor is not None else None

    def commit_pending(self) -> None:
        """Saves what is still being typed in the editor."""
        if self._editor is not None:
            self._editor.commit_pending()

    # Layout ------------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        if self._db is not None and self._db.read_only is not None:
            self.setWindowTitle(_("{file} (read-only)").format(file=self.title))
            self.message_bar.show_error(
                _("Read-only: changes cannot be saved ({reason}).").format(
                    reason=_(self._db.read_only)
                )
            )
        else:
            self.setWindowTitle(self.title)  # Qt adds " — AppealDesk", the display name
        self.menus.retranslate()

    def set_language(self, language: str) -> None:
        self.settings.language = language
        switch_language(language)

    # Cases ------------------------------------------------------------------------------------

    def _case_selected(self, case_id: int | None) -> None:
        if case_id is not None or self._editor is not None:
            self.editor.show_case(case_id)
        self.menus.update_case_actions(case_id)

    def _case_created(self, case_id: int) -> None:
        self.case_list.reload_clients()
        self.case_list.refresh(keep=case_id)

    def _case_deleted(self, case_id: int) -> None:
        keep = self.case_list.selected_case_id()
        self.case_list.refresh(keep=None if keep == case_id else keep)

    def _clients_changed(self) -> None:
        self.case_list.reload_clients()
        self.case_list.refresh()

    def _database_changed_elsewhere(self) -> None:
        # The editor first: when its case is gone it says so, and the list then finds
        # nothing to select.
        if self._editor is not None:
            self._editor.refresh()
        self.case_list.reload()
        self.menus.update_case_actions(self.open_case_id)

    def delete_case(self) -> None:
        """Deletes the selected case once the user has confirmed it (undoable in the session)."""
        case_id = self.case_list.selected_case_id()
        if case_id is None:
            return
        number = self.case_list.selected_case_number()
        question = _(
            "Delete case {number} with its timeline and evidence? You can undo this with "
            "Ctrl+Z until you close AppealDesk."
        ).format(number=number)
        if confirmed(self, _("Delete case"), question) and self.case_actions.delete_case(case_id):
            deleted = _("Case {number} was deleted.").format(number=number)
            self.message_bar.show_info(deleted, 12, action=(_("Undo"), self.undo_stack.undo))

    def record_step(self, index: int) -> None:
        if self._editor is not None:
            self._editor.record_step(QUICK_STEPS[index][0])

    def add_event(self) -> None:
        if self._editor is not None:
            self._editor.add_event()

    # In dialogs (each module is loaded when it is first opened) ------------------------------

    def new_case(self) -> NewCaseDialog:
        from appealdesk.ui.cases.new_case import NewCaseDialog

        dialog = NewCaseDialog(self.db, self.case_actions, self)
        dialog.open()
        return dialog

    def export_dossier(self) -> ExportDialog | None:
        """The export dialog for the open case (Ctrl+E)."""
        if self.open_case_id is None:
            return None
        self.commit_pending()
        self.outside_changes.track_own_commits()  # the dialog records the export it wrote
        from appealdesk.ui.dossier.opening import open_export

        return open_export(
            self.db,
            self.open_case_id,
            self.settings,
            self,
            lambda text: self.message_bar.show_info(text, seconds=12),
            self._editor.black_out_evidence if self._editor is not None else None,
        )

    def back_up_now(self) -> None:
        self.commit_pending()
        self.backup_actions.back_up_now()

    def restore_from_backup(self) -> RestoreDialog:
        """Lets the user pick a backup; the host does the restore (the window closes for it)."""
        self.commit_pending()
        from appealdesk.ui.backups.restore_dialog import choose_backup

        return choose_backup(self.db.path, self, self.restore_requested.emit, key=self.db.key)

    def manage_clients(self) -> ClientManager:
        """The clients and accounts window; one at a time, kept beside the main window."""
        if self.clients_dialog is None:
            from appealdesk.ui.clients.manager import ClientManager

            self.clients_dialog = ClientManager(self.client_actions, self)
        self.clients_dialog.show()
        self.clients_dialog.raise_()
        self.clients_dialog.activateWindow()
        return self.clients_dialog

    def edit_profile(self) -> ProfileDialog:
        from appealdesk.ui.clients.profile import edit_profile

        return edit_profile(self.client_actions, self)

    def _edit_account(self, account_id: int) -> None:
        from appealdesk.ui.clients.forms import edit_account

        edit_account(self.client_actions, account_id, self)

    def _move_case_to_account(self, case_id: int, account_id: int) -> None:
        from appealdesk.ui.clients.account_picker import pick_other_account

        chosen = pick_other_account(self.client_actions, account_id, self)
        if chosen is not None:
            self.case_actions.move_case(case_id, account_id, chosen)

    def focus_search(self) -> None:
        self.case_list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.case_list.search.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._closed = True
        self.commit_pending()
        self.outside_changes.stop()
        self.case_list.model.stop()
        if self._editor is not None:
            self._editor.stop()
        self.warm_up.wait()
        if self._backup_actions is not None:
            self._backup_actions.wait()
        layout.save(self.settings, self, self.splitter, self.case_list.columns)
        if self._db is not None:
            self.evidence_actions.tidy_store()
        super().closeEvent(event)
