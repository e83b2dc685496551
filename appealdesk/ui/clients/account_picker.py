"""Choosing another account for a case (it was filed under the wrong one)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from appealdesk.domain.labels import client_name, label
from appealdesk.domain.models import Account, Client
from appealdesk.i18n import _
from appealdesk.services import clients
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.clients.actions import ClientActions
from appealdesk.ui.clients.forms import AccountForm
from appealdesk.ui.widgets.fields import ChoiceCombo, search_anywhere
from appealdesk.ui.widgets.plain_text import plain_label


def account_text(pair: tuple[Account, Client]) -> str:
    account, client = pair
    name = f" — {account.display_name}" if account.display_name else ""
    owner = client_name(client.name, client.is_default)
    return f"{label(account.platform)} @{account.handle}{name} ({owner})"


class AccountPicker(Retranslatable, QDialog):
    def __init__(
        self, actions: ClientActions, current: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.client_actions = actions
        self.db = db = actions.db
        self._current = current
        pairs = [p for p in clients.list_accounts(db) if p[0].id != current]
        self.prompt = plain_label(word_wrap=True)
        self.account = ChoiceCombo(pairs, account_text)
        search_anywhere(self.account)
        self.prompt.setBuddy(self.account)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(bool(pairs))
        self.new_account = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.new_account.clicked.connect(self.create_account)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.account)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Move to another account"))
        self.prompt.setText(_("&Which account is this case about?"))
        self.new_account.setText(_("&New account…"))
        self.account.retranslate()

    def make_account_form(self) -> AccountForm:
        return AccountForm(self.client_actions, self)

    def create_account(self) -> None:
        """An account that is not in AppealDesk yet: add it, then choose it."""
        dialog = self.make_account_form()
        if dialog.exec() != AccountForm.DialogCode.Accepted or dialog.account is None:
            return
        pairs = [p for p in clients.list_accounts(self.db) if p[0].id != self._current]
        self.account.set_values(pairs)
        created = next(p for p in pairs if p[0].id == dialog.account.id)
        self.account.set_value(created)
        self.ok_button.setEnabled(True)

    def chosen_account_id(self) -> int | None:
        chosen = self.account.value()
        return chosen[0].id if chosen else None


def pick_other_account(
    actions: ClientActions, current: int, parent: QWidget | None = None
) -> int | None:
    """Asks which account a case is about instead of ``current``; None if the user cancels."""
    picker = AccountPicker(actions, current, parent)
    if picker.exec() != AccountPicker.DialogCode.Accepted:
        return None
    return picker.chosen_account_id()
