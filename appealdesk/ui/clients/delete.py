"""Deleting a client that still has accounts: move them to another client, or delete them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.models import Client
from appealdesk.i18n import _, format_number, ngettext
from appealdesk.services.clients import ClientCasesPolicy
from appealdesk.services.results import ClientSummary
from appealdesk.ui.base.palette import overdue_colour
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.widgets.fields import ChoiceCombo
from appealdesk.ui.widgets.plain_text import plain_label

DeleteChoice = tuple[ClientCasesPolicy, int | None]


class DeleteClientDialog(Retranslatable, QDialog):
    """Asks what becomes of the accounts and cases of a client that is deleted."""

    def __init__(
        self, summary: ClientSummary, others: Sequence[Client], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("delete_client_dialog")
        self.summary = summary
        names = {c.id: c.name for c in others if c.id is not None}
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.move_option = QRadioButton()
        self.move_to = ChoiceCombo(list(names), lambda client_id: names.get(client_id, ""))
        self.delete_option = QRadioButton()
        self.warning = plain_label()
        self.warning.setStyleSheet(f"color: {overdue_colour(self.palette()).name()};")
        self.warning.setIndent(24)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setDefault(True)  # Enter does not delete
        self.delete_button = QPushButton()
        self.delete_button.setAutoDefault(False)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        move_row = QHBoxLayout()
        move_row.addWidget(self.move_option)
        move_row.addWidget(self.move_to, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addSpacing(6)
        layout.addLayout(move_row)
        layout.addWidget(self.delete_option)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.move_option.toggled.connect(self._update)
        self.delete_option.toggled.connect(self._update)
        (self.move_option if names else self.delete_option).setChecked(True)
        self.move_option.setEnabled(bool(names))
        self._update()
        self.setMinimumWidth(520)
        self.retranslate_ui()

    @property
    def policy(self) -> ClientCasesPolicy:
        return ClientCasesPolicy.MOVE if self.move_option.isChecked() else ClientCasesPolicy.DELETE

    @property
    def move_to_id(self) -> int | None:
        return self.move_to.value() if self.move_option.isChecked() else None

    def choice(self) -> DeleteChoice:
        return self.policy, self.move_to_id

    def _update(self) -> None:
        self.move_to.setEnabled(self.move_option.isChecked())
        self.warning.setVisible(self.delete_option.isChecked())

    def retranslate_ui(self) -> None:
        summary = self.summary
        accounts = ngettext("{n} account", "{n} accounts", summary.accounts)
        cases = ngettext("{n} case", "{n} cases", summary.cases)
        self.setWindowTitle(_("Delete client"))
        self.message.setText(
            _("“{name}” has {accounts} and {cases}. What should happen to them?").format(
                name=summary.client.name,
                accounts=accounts.format(n=format_number(summary.accounts)),
                cases=cases.format(n=format_number(summary.cases)),
            )
        )
        self.move_option.setText(_("&Move them to:"))
        self.delete_option.setText(_("&Delete the accounts and their cases too"))
        self.warning.setText(_("This cannot be undone."))
        self.delete_button.setText(_("Delete c&lient"))
