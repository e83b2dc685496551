"""The first run: who keeps the database, is it really a block, and the way to a first case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import WorkspaceRole
from appealdesk.services import profile
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.cases.new_case import NewCaseDialog
from appealdesk.ui.clients.profile import ProfileDialog
from appealdesk.ui.main_window.window import MainWindow
from appealdesk.ui.welcome.page import WelcomePage
from tests.ui.conftest import WindowFactory

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot: QtBot, make_window: WindowFactory, db: Database) -> WelcomePage:
    """The page of a first start: an empty database (the editor is built, as it is soon
    after start-up; before that the window shows a page of its own, the same)."""
    window = make_window(db)
    page = window.editor.placeholder
    qtbot.waitUntil(page.isVisible)
    return page


def test_the_first_start_asks_who_keeps_the_database(qtbot: QtBot, page: WelcomePage) -> None:
    assert page.title.text() == "Welcome"
    assert page.role_box.isVisible() and page.signs_box.isVisible()

    qtbot.mouseClick(page.creator_button, LEFT)
    assert page.db is not None
    workspace = profile.get_workspace(page.db)
    assert workspace is not None and workspace.role is WorkspaceRole.CREATOR
    assert not page.role_box.isVisible()  # asked once


def test_an_agency_is_asked_for_its_name_and_contact(qtbot: QtBot, page: WelcomePage) -> None:
    qtbot.mouseClick(page.agency_button, LEFT)
    dialog = page.window().findChild(ProfileDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.role_buttons[WorkspaceRole.AGENCY].isChecked()
    dialog.reject()


def test_the_block_check_leads_to_a_new_case(qtbot: QtBot, page: WelcomePage) -> None:
    assert page.verdict.text().startswith("No sign yet.")
    page.signs["cannot_log_in"].click()
    page.signs["profile_hidden"].click()
    assert page.verdict.text().startswith("2 of 5 signs: this is most likely a block.")
    qtbot.mouseClick(page.new_case_button, LEFT)
    dialog = page.window().findChild(NewCaseDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_page_speaks_dutch(page: WelcomePage) -> None:
    page.signs["cannot_log_in"].click()
    switch_language("nl")
    assert page.title.text() == "Welkom"
    assert page.signs["cannot_log_in"].text() == "Je kunt niet meer inloggen"
    assert page.verdict.text().startswith("1 van de 5 tekenen")
    switch_language("en")


def test_with_cases_the_page_only_points_to_the_list(qtbot, window: MainWindow) -> None:
    page = window.editor.placeholder
    window.case_list.table.clearSelection()
    qtbot.waitUntil(page.isVisible)
    assert page.title.text() == "No case is open"
    assert not page.signs_box.isVisible()
