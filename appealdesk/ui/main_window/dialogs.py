"""What the main window asks in a dialog: new case, delete, export, backups, clients, accounts.

Each dialog's module is loaded when it is first opened, not when the window starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from appealdesk.i18n import _
from appealdesk.ui.widgets.confirm import confirmed

if TYPE_CHECKING:
    from appealdesk.ui.backups.restore_dialog import RestoreDialog
    from appealdesk.ui.cases.new_case import NewCaseDialog
    from appealdesk.ui.clients.manager import ClientsDialog
    from appealdesk.ui.dossier.dialog import ExportDialog
    from appealdesk.ui.main_window.window import MainWindow


def new_case(window: MainWindow) -> NewCaseDialog:
    from appealdesk.ui.cases.new_case import NewCaseDialog

    dialog = NewCaseDialog(window.db, window.case_actions, window)
    dialog.open()
    return dialog


def export_dossier(window: MainWindow) -> ExportDialog | None:
    """The export dialog for the open case (Ctrl+E)."""
    case_id = window.open_case_id
    if case_id is None:
        return None
    window.commit_pending()
    from appealdesk.ui.dossier.dialog import ExportDialog

    dialog = ExportDialog(window.db, case_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.export_finished.connect(
        lambda result: window.message_bar.show_info(
            _("Dossier saved as {path}").format(path=result.path), seconds=12
        )
    )
    dialog.open()
    return dialog


def restore_from_backup(window: MainWindow) -> RestoreDialog:
    """Lets the user pick a backup; the host does the restore (the window closes for it)."""
    window.commit_pending()
    from appealdesk.ui.backups.restore_dialog import RestoreDialog

    dialog = RestoreDialog(window.db.path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _restore_chosen(window, dialog.chosen_file()))
    dialog.open()
    return dialog


def _restore_chosen(window: MainWindow, path: Path | None) -> None:
    if path is not None:
        window.restore_requested.emit(path)


def manage_clients(window: MainWindow) -> ClientsDialog:
    """The clients and accounts window; one at a time, kept beside the main window."""
    if window.clients_dialog is None:
        from appealdesk.ui.clients.manager import ClientsDialog

        window.clients_dialog = ClientsDialog(window.db, window.signals, window)
    dialog = window.clients_dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def edit_account(window: MainWindow, account_id: int) -> None:
    from appealdesk.services import clients
    from appealdesk.ui.clients.forms import AccountDialog

    account = next((a for a, _c in clients.list_accounts(window.db) if a.id == account_id), None)
    if account is None:
        return
    dialog = AccountDialog(window.db, window, account=account)
    if dialog.exec() == AccountDialog.DialogCode.Accepted:
        window.signals.clients_changed.emit()


def move_case_to_account(window: MainWindow, case_id: int) -> None:
    detail = window.editor.context.detail
    if detail is None or detail.account.id is None:
        return
    from appealdesk.ui.clients.account_picker import AccountPicker

    picker = AccountPicker(window.db, detail.account.id, window)
    if picker.exec() == AccountPicker.DialogCode.Accepted:
        chosen = picker.chosen_account_id()
        if chosen is not None:
            window.case_actions.move_case(case_id, detail.account.id, chosen)


def delete_selected_case(window: MainWindow) -> None:
    """Deletes the selected case once the user has confirmed it (undoable in the session)."""
    case_id = window.case_list.selected_case_id()
    if case_id is None:
        return
    model = window.case_list.model
    row = model.row_of_case(case_id)
    line = model.case_at(row) if row is not None else None
    number = line.case_number if line is not None else ""
    question = _(
        "Delete case {number} with its timeline and evidence? You can undo this with "
        "Ctrl+Z until you close AppealDesk."
    ).format(number=number)
    if confirmed(window, _("Delete case"), question):
        window.case_actions.delete_case(case_id)
