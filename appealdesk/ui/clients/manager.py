"""Clients and accounts: the management dialog of an agency, and deleting a client safely.

``DeleteClientDialog`` lives in ``clients.delete`` and is importable from here too. Sub-dialogs
are opened by small methods (``_ask_client``, ``_ask_account``,
``_confirm_delete``, ``_ask_delete_policy``), so they can be replaced or driven in tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.labels import client_name
from appealdesk.domain.models import Account, Client
from appealdesk.i18n import _
from appealdesk.services.clients import ClientCasesPolicy
from appealdesk.services.results import ClientSummary
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.clients.actions import ClientActions
from appealdesk.ui.clients.delete import DeleteChoice, DeleteClientDialog
from appealdesk.ui.clients.forms import AccountForm, ClientForm
from appealdesk.ui.clients.models import AccountTableModel, ClientTableModel, ItemTable
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.message_bar import MessageBar
from appealdesk.ui.widgets.plain_text import plain_label

__all__ = ["ClientManager", "DeleteChoice", "DeleteClientDialog"]


def _escape_mnemonic(text: str) -> str:
    return text.replace("&", "&&")


class ClientManager(Retranslatable, QDialog):
    """Clients above, the accounts of the selected client below. Can stay open (non-modal)."""

    def __init__(self, actions: ClientActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clients_dialog")
        self.client_actions = actions
        self.db = db = actions.db
        signals = actions.signals
        self._stale = False
        self._selecting = False

        self.client_model = ClientTableModel(db, self)
        self.account_model = AccountTableModel(db, self)
        self.clients_label = plain_label()
        self.client_table = ItemTable(self.client_model, "client_table")
        self.add_client_button = self._button(self.add_client)
        self.edit_client_button = self._button(self.edit_client)
        self.delete_client_button = self._button(self.delete_client)
        self.accounts_label = plain_label()
        self.account_table = ItemTable(self.account_model, "account_table")
        self.add_account_button = self._button(self.add_account)
        self.edit_account_button = self._button(self.edit_account)
        self.message_bar = MessageBar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        for heading, table in (
            (self.clients_label, self.client_table),
            (self.accounts_label, self.account_table),
        ):
            heading.setBuddy(table)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        self._lay_out()

        self.client_table.doubleClicked.connect(self.edit_client)
        self.client_table.edit_requested.connect(self.edit_client)
        self.client_table.delete_requested.connect(self.delete_client)
        self.account_table.doubleClicked.connect(self.edit_account)
        self.account_table.edit_requested.connect(self.edit_account)
        client_selection = self.client_table.selectionModel()
        client_selection.currentRowChanged.connect(self._client_selected)
        account_selection = self.account_table.selectionModel()
        account_selection.currentRowChanged.connect(self._update_buttons)
        for signal in (
            signals.clients_changed,
            signals.case_created,
            signals.case_deleted,
            signals.database_changed_elsewhere,
        ):
            signal.connect(self._data_changed)  # the numbers of cases, names in the case list
        signals.case_changed.connect(self._data_changed)  # a case may have been closed

        self.refresh()
        self.setMinimumSize(640, 480)
        self.resize(980, 640)
        self.retranslate_ui()

    def _button(self, action: Callable[[], None]) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)
        button.clicked.connect(action)
        return button

    def _lay_out(self) -> None:
        client_buttons = QHBoxLayout()
        for button in (self.add_client_button, self.edit_client_button):
            client_buttons.addWidget(button)
        client_buttons.addStretch(1)
        client_buttons.addWidget(self.delete_client_button)
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(self.add_account_button)
        account_buttons.addWidget(self.edit_account_button)
        account_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.clients_label)
        layout.addWidget(self.client_table, 1)
        layout.addLayout(client_buttons)
        layout.addSpacing(8)
        layout.addWidget(self.accounts_label)
        layout.addWidget(self.account_table, 1)
        layout.addLayout(account_buttons)
        layout.addWidget(self.buttons)
        order: list[QWidget] = [
            self.client_table,
            self.add_client_button,
            self.edit_client_button,
            self.delete_client_button,
            self.account_table,
            self.add_account_button,
            self.edit_account_button,
            *self.buttons.buttons(),
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Clients and accounts"))
        self.clients_label.setText(_("C&lients"))
        self.add_client_button.setText(_("&Add client…"))
        self.edit_client_button.setText(_("&Edit client…"))
        self.delete_client_button.setText(_("&Delete client…"))
        self.add_account_button.setText(_("Add acc&ount…"))
        self.edit_account_button.setText(_("Ed&it account…"))
        self._update_buttons()  # the tables retranslate themselves

    # Selection ------------------------------------------------------------------------------

    def selected_summary(self) -> ClientSummary | None:
        index = self.client_table.currentIndex()
        return self.client_model.summary_at(index.row()) if index.isValid() else None

    def selected_client(self) -> Client | None:
        summary = self.selected_summary()
        return summary.client if summary else None

    def selected_account(self) -> Account | None:
        index = self.account_table.currentIndex()
        return self.account_model.account_at(index.row()) if index.isValid() else None

    def select_client(self, client_id: int | None) -> None:
        """Selects the client (or the first one) and shows its accounts."""
        row = self.client_model.row_of(client_id) if client_id is not None else None
        self._selecting = True
        try:
            if self.client_model.rowCount():
                self.client_table.selectRow(row or 0)
        finally:
            self._selecting = False
        self._show_accounts()

    def select_account(self, account_id: int | None) -> None:
        row = self.account_model.row_of(account_id) if account_id is not None else None
        if row is not None:
            self.account_table.selectRow(row)
        self._update_buttons()

    def _client_selected(self) -> None:
        if not self._selecting:
            self._show_accounts()

    def _show_accounts(self) -> None:
        client = self.selected_client()
        self.account_model.set_client(client.id if client else None)
        self.account_table.fit_columns()
        self._update_buttons()

    def _update_buttons(self) -> None:
        client = self.selected_client()
        self.edit_client_button.setEnabled(client is not None)
        self.delete_client_button.setEnabled(client is not None and not client.is_default)
        self.delete_client_button.setToolTip(
            _("Your own accounts. This client cannot be deleted.")
            if client is not None and client.is_default
            else ""
        )
        self.edit_account_button.setEnabled(self.selected_account() is not None)
        name = _escape_mnemonic(client_name(client.name, client.is_default)) if client else ""
        self.accounts_label.setText(_("Acco&unts of {client}").format(client=name))

    # Loading --------------------------------------------------------------------------------

    def refresh(self, client_id: int | None = None, account_id: int | None = None) -> None:
        """Reloads both tables, keeping (or moving to) the selected client and account."""
        if client_id is None and (current := self.selected_client()) is not None:
            client_id = current.id
        if account_id is None and (account := self.selected_account()) is not None:
            account_id = account.id
        self.client_model.refresh()
        self.client_table.fit_columns()
        self.select_client(client_id)
        self.select_account(account_id)
        self._stale = False

    def _changed(self, client_id: int | None = None, account_id: int | None = None) -> None:
        """After a change made here (announced by the actions): shows what was changed."""
        self.message_bar.hide()
        self.refresh(client_id, account_id)

    def _data_changed(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # Actions --------------------------------------------------------------------------------

    def add_client(self) -> None:
        client = self._ask_client(None)
        if client is not None:
            self._changed(client.id)

    def edit_client(self) -> None:
        current = self.selected_client()
        if current is not None and (client := self._ask_client(current)) is not None:
            self._changed(client.id)

    def delete_client(self) -> None:
        summary = self.selected_summary()
        if summary is None or summary.client.is_default or summary.client.id is None:
            return
        choice: DeleteChoice | None
        if summary.accounts == 0:
            confirmed = self._confirm_delete(summary.client)
            choice = (ClientCasesPolicy.REFUSE, None) if confirmed else None
        else:
            others = [c for c in self.client_model.clients() if c.id != summary.client.id]
            choice = self._ask_delete_policy(summary, others)
        if choice is None:
            return
        policy, move_to = choice
        try:
            self.client_actions.delete_client(summary.client.id, policy, move_to)
        except AppealDeskError as exc:
            self.message_bar.show_error(exc.message)
            self.refresh()
            return
        self._changed(move_to)

    def add_account(self) -> None:
        client = self.selected_client()
        account = self._ask_account(None, client.id if client else None)
        if account is not None:
            self._changed(account.client_id, account.id)

    def edit_account(self) -> None:
        current = self.selected_account()
        if current is not None and (account := self._ask_account(current, None)) is not None:
            self._changed(account.client_id, account.id)

    # Sub-dialogs ----------------------------------------------------------------------------

    def _ask_client(self, client: Client | None) -> Client | None:
        dialog = ClientForm(self.client_actions, self, client)
        return dialog.client if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _ask_account(self, account: Account | None, client_id: int | None) -> Account | None:
        dialog = AccountForm(self.client_actions, self, account, client_id)
        return dialog.account if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _confirm_delete(self, client: Client) -> bool:
        question = _("Delete {name}? It has no accounts. This cannot be undone.").format(
            name=client.name
        )
        return confirmed(self, _("Delete client"), question, default_no=True)

    def _ask_delete_policy(
        self, summary: ClientSummary, others: Sequence[Client]
    ) -> DeleteChoice | None:
        dialog = DeleteClientDialog(summary, others, self)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
