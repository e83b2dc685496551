"""A new case (Ctrl+N): platform, account (existing or new), client, block date and kind.

The case number is given by the services; refused input keeps the dialog open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.enums import BlockKind, Platform
from appealdesk.domain.labels import label
from appealdesk.domain.models import now
from appealdesk.i18n import _
from appealdesk.services import clients
from appealdesk.services.changes import NewCase
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.cases.actions import CaseActions
from appealdesk.ui.clients.account_picker import account_text
from appealdesk.ui.widgets.date_fields import DateTimeField
from appealdesk.ui.widgets.dialog_parts import ErrorLine, ok_cancel
from appealdesk.ui.widgets.fields import ChoiceCombo, enum_combo, search_anywhere
from appealdesk.ui.widgets.forms import set_form_labels
from appealdesk.ui.widgets.plain_text import plain_label


class NewCaseDialog(Retranslatable, QDialog):
    def __init__(self, db: Database, actions: CaseActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_case_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db = db
        self.case_actions = actions
        self.case_id: int | None = None
        self._accounts = clients.list_accounts(db)

        self.platform = enum_combo(Platform, label)
        self.platform.committed.connect(self._platform_changed)
        self.existing = QRadioButton()
        self.new = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.existing)
        group.addButton(self.new)
        self.account = ChoiceCombo([], account_text)
        self.account.setObjectName("existing_account")
        search_anywhere(self.account)
        self.handle = QLineEdit()
        self.handle.setObjectName("new_handle")
        self.display_name = QLineEdit()
        self.client = ChoiceCombo(
            [s.client for s in clients.list_clients(db)],
            lambda c: c.name,
            none_text=lambda: _("New client:"),
        )
        self.client.setObjectName("client_choice")
        if self.client.count() > 1:  # an existing client first; "New client:" is one choice away
            self.client.setCurrentIndex(1)
        self.new_client = QLineEdit()
        self.new_client.setObjectName("new_client_name")
        self.blocked_at = DateTimeField()
        self.blocked_at.setObjectName("new_blocked_at")
        self.blocked_at.set_value(now())
        self.kind = enum_combo(BlockKind, label)
        self.error = ErrorLine()
        self.buttons = ok_cancel(self, self._create)

        self.form = QFormLayout()
        self.form.addRow(plain_label(), self.platform)
        self.form.addRow(self.existing, self.account)
        self.form.addRow(self.new, self.handle)
        self.form.addRow(plain_label(), self.display_name)
        self.form.addRow(plain_label(), self.client)
        self.form.addRow(plain_label(), self.new_client)
        self.form.addRow(plain_label(), self.blocked_at)
        self.form.addRow(plain_label(), self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.existing.toggled.connect(self._mode_changed)
        self.client.currentIndexChanged.connect(self._mode_changed)
        self._platform_changed(Platform.TIKTOK)
        (self.existing if self.account.count() else self.new).setChecked(True)
        self._mode_changed()
        self.resize(520, self.sizeHint().height())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New case"))
        self.existing.setText(_("&Existing account:"))
        self.new.setText(_("&New account, handle:"))
        texts = {
            0: _("&Platform:"),
            3: _("&Display name:"),
            4: _("&Client:"),
            6: _("&Blocked on:"),
            7: _("&Kind of block:"),
        }
        set_form_labels(self.form, texts)
        self.handle.setPlaceholderText(_("@name as on the platform"))
        self.new_client.setPlaceholderText(_("Name of the new client"))
        for combo in (self.platform, self.account, self.client, self.kind):
            combo.retranslate()
        self.blocked_at.retranslate()

    def _platform_changed(self, platform: Platform) -> None:
        self.account.set_values([p for p in self._accounts if p[0].platform == platform])
        if not self.account.count():
            self.new.setChecked(True)
        self.existing.setEnabled(self.account.count() > 0)

    def _mode_changed(self, *_args: Any) -> None:
        new = self.new.isChecked()
        self.account.setEnabled(not new)
        for widget in (self.handle, self.display_name, self.client):
            widget.setEnabled(new)
        self.new_client.setEnabled(new and self.client.value() is None)

    def values(self) -> NewCase:
        values: NewCase = {
            "blocked_at": self.blocked_at.value(),
            "block_kind": self.kind.value(),
        }
        if self.existing.isChecked():
            chosen = self.account.value()
            values["account_id"] = chosen[0].id if chosen else None
        else:
            values["new_account"] = {
                "platform": self.platform.value(),
                "handle": self.handle.text(),
                "display_name": self.display_name.text(),
            }
            client = self.client.value()
            if client is None:
                values["new_client_name"] = self.new_client.text()
            else:
                values["client_id"] = client.id
        return values

    def _create(self) -> None:
        if not self.blocked_at.check():  # the field says what is wrong with it
            self.error.clear_error()
            self.blocked_at.setFocus()
            return
        values = self.values()
        if self.existing.isChecked() and values.get("account_id") is None:
            self._show_error(_("Choose the account this case is about."))
            return
        self.case_id = self.case_actions.create_case(values, report=self._show_error)
        if self.case_id is not None:
            self.accept()

    def _show_error(self, message: str) -> None:
        self.error.show_error(message)
