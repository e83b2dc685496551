"""Creator or agency: asked once, and an agency's name and contact sign its letters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import WorkspaceRole
from appealdesk.services import profile
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.base.signals import DataSignals
from appealdesk.ui.clients.actions import ClientActions
from appealdesk.ui.clients.profile import ProfileDialog


def open_profile(qtbot: QtBot, db: Database) -> ProfileDialog:
    dialog = ProfileDialog(ClientActions(db, DataSignals()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_agency_gives_its_name_and_contact_once(qtbot: QtBot, db: Database) -> None:
    dialog = open_profile(qtbot, db)
    assert dialog.role_buttons[WorkspaceRole.CREATOR].isChecked()
    assert not dialog.agency_name.isEnabled()  # a creator signs with their own name

    qtbot.mouseClick(dialog.role_buttons[WorkspaceRole.AGENCY], Qt.MouseButton.LeftButton)
    assert dialog.agency_name.isEnabled()
    qtbot.keyClicks(dialog.agency_name, "Boost Media B.V.")
    qtbot.keyClicks(dialog.contact_person, "Sanne Bakker")
    qtbot.keyClicks(dialog.email, "sanne@boost.example")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    workspace = profile.get_workspace(db)
    assert workspace is not None
    assert (workspace.role, workspace.agency_name, workspace.contact_person) == (
        WorkspaceRole.AGENCY,
        "Boost Media B.V.",
        "Sanne Bakker",
    )
    again = open_profile(qtbot, db)
    assert again.role_buttons[WorkspaceRole.AGENCY].isChecked()
    assert again.email.text() == "sanne@boost.example"


def test_the_dialog_speaks_dutch(qtbot: QtBot, db: Database) -> None:
    dialog = open_profile(qtbot, db)
    switch_language("nl")
    assert dialog.windowTitle() == "Maker of bureau"
    assert dialog.role_buttons[WorkspaceRole.AGENCY].text() == "Een bureau, voor klanten"
    assert dialog.agency_name_label.text() == "&Naam van het bureau:"
    switch_language("en")
    assert dialog.windowTitle() == "Creator or agency"
