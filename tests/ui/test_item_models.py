"""Every item model of the UI passes Qt's model tester on the demo database's real data, and
keeps passing while the user sorts, filters, switches cases and switches language (the tester
stays connected and checks every change the model announces)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import appealdesk.ui
from appealdesk.domain.enums import CaseStatus
from appealdesk.services import backups, cases
from appealdesk.store.database import Database
from appealdesk.ui.backups.restore_dialog import BackupListModel, RestoreDialog
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.case_editor.event_model import EventTableModel
from appealdesk.ui.case_editor.history import AuditModel
from appealdesk.ui.cases.model import CaseTableModel
from appealdesk.ui.clients.models import AccountTableModel, ClientTableModel
from appealdesk.ui.evidence.model import EvidenceListModel
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.main_window.test_window import open_case

TESTED = {
    CaseTableModel,
    EventTableModel,
    EvidenceListModel,
    ClientTableModel,
    AccountTableModel,
    BackupListModel,
    AuditModel,
}


def test_every_item_model_of_the_ui_is_tested_here() -> None:
    found = set()
    for module_info in pkgutil.walk_packages(appealdesk.ui.__path__, "appealdesk.ui."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            ours = cls.__module__ == module.__name__ and not cls.__name__.startswith("_")
            if ours and issubclass(cls, QAbstractItemModel):
                found.add(cls)
    assert found == TESTED


def case_numbers(window: MainWindow) -> list[str]:
    return [
        str(window.case_list.model.index(r, 0).data())
        for r in range(window.case_list.model.rowCount())
    ]


@pytest.mark.slow
def test_the_case_list(qtmodeltester: ModelTester, qtbot: QtBot, window: MainWindow) -> None:
    model = window.case_list.model
    assert model.rowCount() == 16
    qtmodeltester.check(model)
    table = window.case_list.table
    for column in range(model.columnCount()):
        table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    panel = window.case_list
    qtbot.mouseClick(panel.status_buttons[CaseStatus.APPEAL_FILED], Qt.MouseButton.LeftButton)
    assert model.rowCount() == 4
    qtbot.mouseClick(panel.all_statuses, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.search, "CS-4471")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    panel.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 16)
    english = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    switch_language("nl")
    dutch = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert all(dutch) and dutch != english
    qtmodeltester.check(model)


def test_the_timeline_and_evidence_of_every_demo_case(
    qtmodeltester: ModelTester, window: MainWindow
) -> None:
    timeline = window.editor.timeline.model
    evidence = window.editor.evidence.model
    qtmodeltester.check(timeline)
    qtmodeltester.check(evidence)
    most_events = most_evidence = 0
    for number in sorted(case_numbers(window)):
        case_id = open_case(window, number)
        detail = cases.get_case(window.db, case_id)
        assert timeline.rowCount() == len(detail.events)
        assert evidence.rowCount() == len(detail.evidence)
        most_events = max(most_events, timeline.rowCount())
        most_evidence = max(most_evidence, evidence.rowCount())
        qtmodeltester.check(timeline)
        qtmodeltester.check(evidence)
    assert most_events >= 5 and most_evidence >= 1  # the demo has real rows to test
    switch_language("nl")
    qtmodeltester.check(timeline)
    qtmodeltester.check(evidence)


def test_the_clients_and_their_accounts(qtmodeltester: ModelTester, demo_db: Database) -> None:
    clients_model = ClientTableModel(demo_db)
    accounts = AccountTableModel(demo_db)
    qtmodeltester.check(clients_model)
    qtmodeltester.check(accounts)  # empty until it is filled
    accounts.set_client(None)  # every client's accounts
    every_account = accounts.rowCount()
    assert clients_model.rowCount() >= 2 and every_account >= clients_model.rowCount()
    per_client = 0
    for row in range(clients_model.rowCount()):
        client = clients_model.client_at(row)
        assert client is not None
        accounts.set_client(client.id)
        qtmodeltester.check(accounts)
        per_client += accounts.rowCount()
    assert per_client == every_account
    accounts.set_client(None)
    assert accounts.rowCount() == every_account
    switch_language("nl")
    clients_model.refresh()
    qtmodeltester.check(clients_model)


def test_the_backups_to_restore(
    qtmodeltester: ModelTester, qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    for day in (1, 8, 15):
        backups.back_up(demo_db, now=dt.datetime(2026, 11, day, 9, 0))
    dialog = window.restore_from_backup()
    assert isinstance(dialog, RestoreDialog)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 3
    qtmodeltester.check(dialog.model)
    switch_language("nl")
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(BackupListModel([]))


@pytest.mark.postgres
def test_the_history_of_a_case_in_a_team_database(
    qtmodeltester: ModelTester, qtbot: QtBot, team_url: str, make_window: WindowFactory
) -> None:
    from appealdesk.services.demo import create_demo_database
    from appealdesk.services.workspace import open_workspace

    create_demo_database(team_url, language="nl")
    db = open_workspace(team_url)
    try:
        window = make_window(db)
        case_id = open_case(window, "TT-2026-0006")
        history = window.editor.history
        assert history is not None
        assert history.model.rowCount() > 0
        qtmodeltester.check(history.model)
        cases.update_case(db, case_id, notice_text="Bijgewerkt")
        window.editor.reload()
        qtmodeltester.check(history.model)
        switch_language("nl")
        qtmodeltester.check(history.model)
        qtmodeltester.check(AuditModel())
    finally:
        db.close()
