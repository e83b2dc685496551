"""Who keeps this database: a creator for their own accounts, or an agency acting for clients.

An agency's name and contact person sign its letters "on behalf of" the account holder, so
they are asked for here, once, instead of per case.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from appealdesk.domain.enums import WorkspaceRole
from appealdesk.domain.labels import label
from appealdesk.i18n import _
from appealdesk.services import profile
from appealdesk.services.changes import WorkspaceChanges
from appealdesk.ui.clients.actions import ClientActions
from appealdesk.ui.clients.forms import FormDialog, _line
from appealdesk.ui.widgets.plain_text import plain_label


class ProfileDialog(FormDialog):
    def __init__(self, actions: ClientActions, parent: QWidget | None = None) -> None:
        super().__init__(actions, parent)
        self.setObjectName("profile_dialog")
        self.intro = plain_label(word_wrap=True)
        self.form.addRow(self.intro)
        self.roles = QButtonGroup(self)
        self.role_buttons: dict[WorkspaceRole, QRadioButton] = {}
        choice = QWidget()
        column = QVBoxLayout(choice)
        column.setContentsMargins(0, 0, 0, 0)
        for role in WorkspaceRole:
            button = QRadioButton()
            button.setObjectName(f"role_{role.value}")
            self.roles.addButton(button)
            self.role_buttons[role] = button
            column.addWidget(button)
            button.toggled.connect(self._show_agency_fields)
        self.role_label = self.add_row(choice)
        self.agency_name = _line()
        self.contact_person = _line()
        self.email = _line()
        self.agency_name_label = self.add_row(self.agency_name)
        self.contact_label = self.add_row(self.contact_person)
        self.email_label = self.add_row(self.email)
        workspace = profile.get_workspace(self.db)
        role = workspace.role if workspace is not None else WorkspaceRole.CREATOR
        self.role_buttons[role].setChecked(True)
        if workspace is not None:
            self.agency_name.setText(workspace.agency_name)
            self.contact_person.setText(workspace.contact_person)
            self.email.setText(workspace.email)
        self._show_agency_fields()
        self.setMinimumWidth(460)
        self.retranslate_ui()

    def role(self) -> WorkspaceRole:
        return next(r for r, b in self.role_buttons.items() if b.isChecked())

    def _show_agency_fields(self) -> None:
        agency = self.role() is WorkspaceRole.AGENCY if self.roles.checkedButton() else False
        for widget in (self.agency_name, self.contact_person, self.email):
            widget.setEnabled(agency)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Creator or agency"))
        self.intro.setText(
            _(
                "Letters are signed by the account holder. An agency signs them on the holder's "
                "behalf, with its name and contact person; add the holder's signed mandate to "
                "the case's evidence."
            )
        )
        self.role_label.setText(_("This database is kept by:"))
        for role, button in self.role_buttons.items():
            button.setText(label(role))
        self.agency_name_label.setText(_("&Agency name:"))
        self.contact_label.setText(_("&Contact person:"))
        self.email_label.setText(_("&Email address:"))

    def values(self) -> WorkspaceChanges:
        return {
            "role": self.role(),
            "agency_name": self.agency_name.text(),
            "contact_person": self.contact_person.text(),
            "email": self.email.text(),
        }

    def _save(self) -> None:
        self.client_actions.save_workspace(self.values())


def edit_profile(actions: ClientActions, parent: QWidget) -> ProfileDialog:
    """Asks whether a creator or an agency keeps this database; the answer is saved on OK."""
    dialog = ProfileDialog(actions, parent)
    dialog.open()
    return dialog
