"""The forms of one client and one account: new or edited, saved through the client actions.

A refused save (an empty name, a handle that is taken…) is said inside the form, which stays
open with everything the user typed.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import Platform
from appealdesk.domain.errors import AppealDeskError, ValidationError
from appealdesk.domain.labels import client_name, label
from appealdesk.domain.models import Account, Client
from appealdesk.i18n import _
from appealdesk.services import clients
from appealdesk.services.changes import ClientChanges, NewAccount
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.clients.actions import ClientActions
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import plain_label

MAX_FOLLOWERS = 2_000_000_000  # what a QSpinBox holds, and more than any account has


class FormDialog(Retranslatable, QDialog):
    """A form with OK and Cancel; OK saves, and a refused save is shown in red in the form."""

    def __init__(self, actions: ClientActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_actions = actions
        self.db = actions.db
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = ErrorLine()
        self.buttons = ok_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._labels: list[tuple[QLabel, str]] = []

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def add_row(self, widget: QWidget) -> QLabel:
        """A row of the form; its label gets its text in ``retranslate_ui``."""
        row_label = plain_label()
        row_label.setBuddy(widget)
        self.form.addRow(row_label, widget)
        return row_label

    def save(self) -> None:
        try:
            self._save()
        except AppealDeskError as exc:
            self.show_error(exc.message)
            return
        self.error.clear_error()
        self.accept()

    def _save(self) -> None:
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error.show_error(text)

    def error_text(self) -> str:
        return self.error.shown_text()


def _line(max_length: int = 500) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    return edit


def _notes() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 14)
    return edit


class ClientForm(FormDialog):
    """A new client (``client`` is None) or an existing one; the saved client is ``self.client``."""

    def __init__(
        self, actions: ClientActions, parent: QWidget | None = None, client: Client | None = None
    ) -> None:
        super().__init__(actions, parent)
        self.setObjectName("client_dialog")
        self.editing = client
        self.client: Client | None = None
        self.name = _line()
        self.contact_person = _line()
        self.email = _line()
        self.notes = _notes()
        self.name_label = self.add_row(self.name)
        self.contact_label = self.add_row(self.contact_person)
        self.email_label = self.add_row(self.email)
        self.notes_label = self.add_row(self.notes)
        if client is not None:
            self.name.setText(client.name)
            self.contact_person.setText(client.contact_person)
            self.email.setText(client.email)
            self.notes.setPlainText(client.notes)
        self.setMinimumWidth(440)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit client") if self.editing else _("New client"))
        self.name_label.setText(_("&Name:"))
        self.contact_label.setText(_("Contact &person:"))
        self.email_label.setText(_("&Email address:"))
        self.notes_label.setText(_("No&tes:"))
        self.name.setPlaceholderText(_("Company or creator"))
        self.email.setPlaceholderText(_("name@example.com"))

    def values(self) -> ClientChanges:
        return {
            "name": self.name.text(),
            "contact_person": self.contact_person.text(),
            "email": self.email.text(),
            "notes": self.notes.toPlainText(),
        }

    def _save(self) -> None:
        editing = self.editing.id if self.editing is not None else None
        self.client = self.client_actions.save_client(editing, self.values())


class AccountForm(FormDialog):
    """A new account (of ``client_id``) or an existing one; the saved one is ``self.account``."""

    def __init__(
        self,
        actions: ClientActions,
        parent: QWidget | None = None,
        account: Account | None = None,
        client_id: int | None = None,
    ) -> None:
        super().__init__(actions, parent)
        self.setObjectName("account_dialog")
        self.editing = account
        self.account: Account | None = None
        self._client_names = {
            c.client.id: client_name(c.client.name, c.client.is_default)
            for c in clients.list_clients(actions.db)
        }
        self.client = ChoiceCombo(list(self._client_names) or [None], self._client_name)
        self.platform = ChoiceCombo(list(Platform), label)
        self.handle = _line()
        self.display_name = _line()
        self.holder_name = _line()
        self.holder_email = _line()
        self.account_email = _line()
        self.phone = _line()
        self.country = _line(2)
        self.country.setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,2}"), self.country)
        )
        self.country.setMaximumWidth(self.fontMetrics().horizontalAdvance("MMMM") + 16)
        self.followers = QSpinBox()
        self.followers.setRange(0, MAX_FOLLOWERS)
        self.followers.setGroupSeparatorShown(True)
        self.followers.setFixedWidth(self.fontMetrics().horizontalAdvance("0" * 18) + 40)
        self.notes = _notes()
        self.client_label = self.add_row(self.client)
        self.platform_label = self.add_row(self.platform)
        self.handle_label = self.add_row(self.handle)
        self.display_name_label = self.add_row(self.display_name)
        self.holder_name_label = self.add_row(self.holder_name)
        self.holder_email_label = self.add_row(self.holder_email)
        self.email_label = self.add_row(self.account_email)
        self.phone_label = self.add_row(self.phone)
        self.country_label = self.add_row(self.country)
        self.followers_label = self.add_row(self.followers)
        self.notes_label = self.add_row(self.notes)
        self._load(account, client_id)
        self.setMinimumWidth(480)
        self.retranslate_ui()

    def _client_name(self, client_id: int | None) -> str:
        return self._client_names.get(client_id) or _("My accounts")

    def _load(self, account: Account | None, client_id: int | None) -> None:
        if account is None:
            self.client.set_value(client_id)
            return
        self.client.set_value(account.client_id)
        self.platform.set_value(account.platform)
        self.handle.setText(f"@{account.handle}")
        self.display_name.setText(account.display_name)
        self.holder_name.setText(account.holder_name)
        self.holder_email.setText(account.holder_email)
        self.account_email.setText(account.account_email)
        self.phone.setText(account.phone)
        self.country.setText(account.country)
        self.followers.setValue(account.followers_at_block or 0)
        self.notes.setPlainText(account.notes)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit account") if self.editing else _("New account"))
        self.client_label.setText(_("C&lient:"))
        self.platform_label.setText(_("&Platform:"))
        self.handle_label.setText(_("&Handle:"))
        self.display_name_label.setText(_("&Display name:"))
        self.holder_name_label.setText(_("Holder's n&ame:"))
        self.holder_email_label.setText(_("Holder's e-&mail:"))
        self.holder_name.setToolTip(
            _("The account holder's own name: letters are signed with it (or on their behalf)")
        )
        self.holder_email.setToolTip(
            _("Where the holder can be reached; the platform's e-mail for the account is below")
        )
        self.email_label.setText(_("Account &email:"))
        self.phone_label.setText(_("Phone &number:"))
        self.country_label.setText(_("Co&untry of residence:"))
        self.followers_label.setText(_("&Followers at block:"))
        self.notes_label.setText(_("No&tes:"))
        self.handle.setPlaceholderText(_("@name"))
        self.country.setPlaceholderText(_("NL"))
        self.country.setToolTip(_("Two-letter country code, such as NL or BE"))
        self.followers.setSpecialValueText(_("Not known"))
        self.followers.setLocale(QLocale())
        self.client.retranslate()
        self.platform.retranslate()

    def values(self) -> NewAccount:
        followers = self.followers.value()
        return {
            "platform": self.platform.value(),
            "handle": self.handle.text(),
            "display_name": self.display_name.text(),
            "holder_name": self.holder_name.text(),
            "holder_email": self.holder_email.text(),
            "account_email": self.account_email.text(),
            "phone": self.phone.text(),
            "country": self.country.text(),
            "followers_at_block": followers or None,
            "notes": self.notes.toPlainText(),
        }

    def _save(self) -> None:
        values = self.values()
        client_id = self.client.value()
        if self.editing is None or self.editing.id is None:
            self.account = self.client_actions.save_account(None, client_id, values)
            return
        self._refuse_taken_handle(self.editing.id, values["platform"], values["handle"])
        self.account = self.client_actions.save_account(self.editing.id, client_id, values)

    def _refuse_taken_handle(self, account_id: int, platform: Platform | str, handle: str) -> None:
        """The service checks this only for new accounts; an edit would hit the constraint."""
        wanted = handle.strip().lstrip("@").strip().lower()
        for other, _client in clients.list_accounts(self.db):
            if other.id != account_id and other.platform == platform and other.handle == wanted:
                raise ValidationError(
                    _("The account @{handle} is already in AppealDesk.").format(handle=wanted)
                )


def edit_account(actions: ClientActions, account_id: int, parent: QWidget | None = None) -> None:
    """The form of one account, opened from a case (its changes are announced by the actions)."""
    account = next((a for a, _c in clients.list_accounts(actions.db) if a.id == account_id), None)
    if account is not None:
        AccountForm(actions, parent, account=account).exec()
