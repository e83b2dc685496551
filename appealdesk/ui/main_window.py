"""The main window: the case list on the left, the open case on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from appealdesk.i18n import _
from appealdesk.services import clients, evidence
from appealdesk.store.database import Database
from appealdesk.ui.account_picker import AccountPicker
from appealdesk.ui.backup_actions import BackupActions
from appealdesk.ui.case_actions import CaseActions
from appealdesk.ui.case_editor.editor import CaseEditor
from appealdesk.ui.case_editor.timeline import QUICK_STEPS
from appealdesk.ui.case_list_panel import CaseListPanel
from appealdesk.ui.client_dialogs import ClientsDialog
from appealdesk.ui.client_forms import AccountDialog
from appealdesk.ui.export_dialog import ExportDialog
from appealdesk.ui.main_menus import MainMenus
from appealdesk.ui.new_case_dialog import NewCaseDialog
from appealdesk.ui.restore_dialog import RestoreDialog
from appealdesk.ui.retranslate import Retranslatable, switch_language
from appealdesk.ui.settings import AppSettings
from appealdesk.ui.signals import DataSignals
from appealdesk.ui.undo import ChangeStack
from appealdesk.ui.widgets.message_bar import MessageBar


class MainWindow(Retranslatable, QMainWindow):
    restore_requested = Signal(Path)  # the backup file the user chose to restore

    def __init__(self, db: Database, settings: AppSettings) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.db = db
        self.settings = settings
        self.signals = DataSignals(self)
        self.message_bar = MessageBar()
        self.undo_stack = ChangeStack(self.message_bar.show_error, self)
        self.case_actions = CaseActions(db, self.undo_stack, self.signals)
        self.backup_actions = BackupActions(db, self)
        self.backup_actions.backup_started.connect(
            lambda: self.message_bar.show_info(_("Making a backup…"), seconds=0)
        )
        self.backup_actions.backup_finished.connect(
            lambda text: self.message_bar.show_info(text, seconds=12)
        )
        self.backup_actions.backup_failed.connect(self.message_bar.show_error)

        self.case_list = CaseListPanel(db)
        self.editor = CaseEditor(db, self.case_actions)
        self.editor.context.inform = self.message_bar.show_info
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.case_list)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.menus = MainMenus(self)
        self._clients_dialog: ClientsDialog | None = None

        self.case_list.case_selected.connect(self._case_selected)
        self.signals.case_changed.connect(self.case_list.case_changed)
        self.signals.case_created.connect(self._case_created)
        self.signals.case_deleted.connect(self._case_deleted)
        self.signals.clients_changed.connect(self._clients_changed)
        self.editor.overview.edit_account_requested.connect(self.edit_account)
        self.editor.overview.move_account_requested.connect(self.move_case_to_account)

        self._restore_layout()
        self.retranslate_ui()
        self.menus.update_case_actions(None)

    # Layout ------------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.saved_state("main_window")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 860)
            self.splitter.setSizes([640, 800])
        splitter = self.settings.saved_state("main_splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        columns = self.settings.saved_state("case_columns")
        if columns is not None:
            self.case_list.table.horizontalHeader().restoreState(columns)

    def _save_layout(self) -> None:
        self.settings.save_state("main_window", self.saveGeometry())
        self.settings.save_state("main_splitter", self.splitter.saveState())
        self.settings.save_state(
            "case_columns", self.case_list.table.horizontalHeader().saveState()
        )
        self.settings.sync()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("AppealDesk — {file}").format(file=self.db.path.name))
        self.menus.retranslate()

    def set_language(self, language: str) -> None:
        self.settings.language = language
        switch_language(language)

    # Cases ------------------------------------------------------------------------------------

    def _case_selected(self, case_id: int | None) -> None:
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

    def new_case(self) -> NewCaseDialog:
        dialog = NewCaseDialog(self.db, self.case_actions, self)
        dialog.open()
        return dialog

    def export_dossier(self) -> ExportDialog | None:
        """The export dialog for the open case (Ctrl+E)."""
        case_id = self.editor.case_id
        if case_id is None:
            return None
        self.editor.commit_pending()
        dialog = ExportDialog(self.db, case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.export_finished.connect(
            lambda result: self.message_bar.show_info(
                _("Dossier saved as {path}").format(path=result.path), seconds=12
            )
        )
        dialog.open()
        return dialog

    def delete_case(self) -> None:
        case_id = self.case_list.selected_case_id()
        if case_id is None:
            return
        row = self.case_list.model.row_of_case(case_id)
        line = self.case_list.model.case_at(row) if row is not None else None
        number = line.case_number if line is not None else ""
        answer = QMessageBox.question(
            self,
            _("Delete case"),
            _(
                "Delete case {number} with its timeline and evidence? You can undo this with "
                "Ctrl+Z until you close AppealDesk."
            ).format(number=number),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.case_actions.delete_case(case_id)

    def record_step(self, index: int) -> None:
        if self.editor.case_id is None:
            return
        self.editor.tabs.setCurrentWidget(self.editor.timeline)
        self.editor.timeline.record_step(QUICK_STEPS[index][0])

    def add_event(self) -> None:
        if self.editor.case_id is not None:
            self.editor.tabs.setCurrentWidget(self.editor.timeline)
            self.editor.timeline.add_event()

    def focus_search(self) -> None:
        self.case_list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.case_list.search.selectAll()

    # Backups ----------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self.editor.commit_pending()
        self.backup_actions.back_up_now()

    def restore_from_backup(self) -> RestoreDialog:
        """Lets the user pick a backup; the host does the restore (the window closes for it)."""
        self.editor.commit_pending()
        dialog = RestoreDialog(self.db.path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._restore_chosen(dialog.chosen_file()))
        dialog.open()
        return dialog

    def _restore_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.restore_requested.emit(path)

    # Clients and accounts ---------------------------------------------------------------------

    def manage_clients(self) -> ClientsDialog:
        """The clients and accounts window; one at a time, kept beside the main window."""
        if self._clients_dialog is None:
            self._clients_dialog = ClientsDialog(self.db, self.signals, self)
        self._clients_dialog.show()
        self._clients_dialog.raise_()
        self._clients_dialog.activateWindow()
        return self._clients_dialog

    def edit_account(self, account_id: int) -> None:
        account = next((a for a, _c in clients.list_accounts(self.db) if a.id == account_id), None)
        if account is None:
            return
        dialog = AccountDialog(self.db, self, account=account)
        if dialog.exec() == AccountDialog.DialogCode.Accepted:
            self.signals.clients_changed.emit()

    def move_case_to_account(self, case_id: int) -> None:
        detail = self.editor.context.detail
        if detail is None or detail.account.id is None:
            return
        picker = AccountPicker(self.db, detail.account.id, self)
        if picker.exec() == AccountPicker.DialogCode.Accepted:
            chosen = picker.chosen_account_id()
            if chosen is not None:
                self.case_actions.move_case(case_id, detail.account.id, chosen)

    # Closing ------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.editor.commit_pending()
        self.editor.evidence.stop_import()
        self.backup_actions.wait()
        self._save_layout()
        # Files of evidence deleted in this session (and of deleted cases, whose deletion
        # cannot be undone once the window is gone) leave the disk now.
        evidence.collect_unreferenced(self.db)
        super().closeEvent(event)
