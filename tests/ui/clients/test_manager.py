"""Clients and accounts, driven as a user would: typing, clicking OK, keys on the tables.

Sub-dialogs are modal; their ``exec`` is replaced by a function that shows the real dialog,
works it like a user, and returns its result, so nothing blocks.
"""

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from appealdesk.services import cases, clients
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.base.signals import DataSignals
from appealdesk.ui.clients.actions import ClientActions
from appealdesk.ui.clients.forms import AccountForm, ClientForm
from appealdesk.ui.clients.manager import ClientManager, DeleteClientDialog
from appealdesk.ui.clients.models import AccountTableModel, ClientTableModel
from tests.ui.boxes import answer_boxes

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def signals() -> DataSignals:
    return DataSignals()


def open_clients(qtbot: QtBot, db: Database, signals: DataSignals) -> ClientManager:
    dialog = ClientManager(ClientActions(db, signals))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def clients_dialog(qtbot: QtBot, demo_db: Database, signals: DataSignals) -> ClientManager:
    return open_clients(qtbot, demo_db, signals)


def drive(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, cls: type[QDialog], work: Callable):
    """The next ``cls(...).exec()`` shows the dialog, runs ``work(dialog)`` and returns."""
    opened: list[QDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        opened.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        work(dialog)
        return dialog.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return opened


def client_id(db: Database, name: str) -> int:
    found = next(s.client.id for s in clients.list_clients(db) if s.client.name == name)
    assert found is not None
    return found


def summaries(db: Database) -> dict[str, tuple[int, int]]:
    return {s.client.name: (s.accounts, s.cases) for s in clients.list_clients(db)}


def table_column(dialog: ClientManager, column: int, accounts: bool = False) -> list[str]:
    model = dialog.account_model if accounts else dialog.client_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def replace_text(qtbot: QtBot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


# Adding and editing -------------------------------------------------------------------------


def test_a_client_added_in_the_form_is_listed(qtbot, monkeypatch, db, signals) -> None:
    dialog = open_clients(qtbot, db, signals)

    def fill_in(form: ClientForm) -> None:
        qtbot.keyClicks(form.name, "Studio Zuid")
        qtbot.keyClicks(form.contact_person, "Kees Bakker")
        qtbot.keyClicks(form.email, "kees@zuid.example")
        qtbot.keyClicks(form.notes, "Via LinkedIn")
        qtbot.mouseClick(form.ok_button, LEFT)

    drive(monkeypatch, qtbot, ClientForm, fill_in)
    with qtbot.waitSignal(signals.clients_changed):
        qtbot.mouseClick(dialog.add_client_button, LEFT)

    assert table_column(dialog, 0) == ["Studio Zuid"]
    assert table_column(dialog, 1) == ["Kees Bakker"]
    selected = dialog.selected_client()
    assert selected is not None and selected.notes == "Via LinkedIn"
    assert "Studio Zuid" in dialog.accounts_label.text()


def test_an_empty_name_is_refused_inside_the_form(qtbot: QtBot, db: Database) -> None:
    form = ClientForm(ClientActions(db, DataSignals()))
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.contact_person, "Kees Bakker")
    qtbot.mouseClick(form.ok_button, LEFT)

    assert form.isVisible()
    assert form.result() != QDialog.DialogCode.Accepted
    assert "Client name cannot be empty" in form.error_text()
    assert form.contact_person.text() == "Kees Bakker"
    assert clients.list_clients(db) == []

    qtbot.keyClicks(form.name, "Studio Zuid")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)  # Enter presses OK
    assert form.result() == QDialog.DialogCode.Accepted
    assert form.client is not None and form.client.name == "Studio Zuid"


def test_an_account_is_added_to_the_selected_client(qtbot, monkeypatch, clients_dialog) -> None:
    db = clients_dialog.db
    clients_dialog.select_client(client_id(db, "Danscollectief Utrecht"))

    def fill_in(form: AccountForm) -> None:
        assert form.client.currentText() == "Danscollectief Utrecht"
        qtbot.keyClicks(form.platform, "Instagram")
        qtbot.keyClicks(form.handle, "@Dans.Collectief")
        qtbot.keyClicks(form.display_name, "Danscollectief")
        qtbot.keyClicks(form.holder_name, "Ilse van Dam")
        qtbot.keyClicks(form.holder_email, "ilse@danscollectief.example")
        qtbot.keyClicks(form.country, "nl")
        replace_text(qtbot, form.followers.lineEdit(), "12500")
        qtbot.mouseClick(form.ok_button, LEFT)

    drive(monkeypatch, qtbot, AccountForm, fill_in)
    qtbot.mouseClick(clients_dialog.add_account_button, LEFT)

    assert "@dans.collectief" in table_column(clients_dialog, 1, accounts=True)
    account = clients_dialog.selected_account()
    assert account is not None and account.handle == "dans.collectief"
    assert (account.platform, account.country, account.followers_at_block) == (
        "instagram",
        "NL",
        12500,
    )
    assert (account.holder_name, account.holder_email) == (
        "Ilse van Dam",
        "ilse@danscollectief.example",
    )
    assert summaries(db)["Danscollectief Utrecht"] == (5, 4)
    row = clients_dialog.client_model.row_of(client_id(db, "Danscollectief Utrecht"))
    assert clients_dialog.client_model.index(row, 3).data() == "5"


def test_editing_a_client_by_keyboard_renames_it(qtbot, monkeypatch, clients_dialog, signals):
    clients_dialog.client_table.setFocus()
    clients_dialog.select_client(client_id(clients_dialog.db, "Studio Noorderlicht"))

    def rename(form: ClientForm) -> None:
        assert form.windowTitle() == "Edit client"
        assert form.name.text() == "Studio Noorderlicht"
        replace_text(qtbot, form.name, "Studio Noorderlicht & Zn")
        qtbot.mouseClick(form.ok_button, LEFT)

    drive(monkeypatch, qtbot, ClientForm, rename)
    with qtbot.waitSignal(signals.clients_changed):
        qtbot.keyClick(clients_dialog.client_table, Qt.Key.Key_Return)

    assert "Studio Noorderlicht & Zn" in table_column(clients_dialog, 0)
    assert "Studio Noorderlicht" not in table_column(clients_dialog, 0)
    assert clients_dialog.selected_client().name == "Studio Noorderlicht & Zn"
    assert "Noorderlicht && Zn" in clients_dialog.accounts_label.text()  # not a mnemonic


def test_a_taken_handle_is_refused_when_editing_an_account(qtbot, demo_db: Database) -> None:
    accounts = {a.handle: a for a, _client in clients.list_accounts(demo_db)}
    form = AccountForm(ClientActions(demo_db, DataSignals()), account=accounts["femke.filmt"])
    qtbot.addWidget(form)
    form.show()
    replace_text(qtbot, form.handle, "@studio.noorderlicht")
    qtbot.mouseClick(form.ok_button, LEFT)

    assert form.isVisible()
    assert "@studio.noorderlicht is already in AppealDesk" in form.error_text()
    assert {a.handle for a, _c in clients.list_accounts(demo_db)} == set(accounts)


# Deleting -----------------------------------------------------------------------------------


def test_deleting_a_client_with_cases_offers_to_move_them(qtbot, monkeypatch, clients_dialog):
    db = clients_dialog.db
    target = client_id(db, "Danscollectief Utrecht")
    clients_dialog.select_client(client_id(db, "Studio Noorderlicht"))

    def move(choice: DeleteClientDialog) -> None:
        assert "8 accounts and 8 cases" in choice.message.text()
        assert choice.move_option.isChecked() and choice.move_option.isEnabled()
        assert choice.move_to.count() == 2  # the two other clients
        choice.move_to.set_value(target)
        qtbot.mouseClick(choice.delete_button, LEFT)

    drive(monkeypatch, qtbot, DeleteClientDialog, move)
    clients_dialog.client_table.setFocus()
    qtbot.keyClick(clients_dialog.client_table, Qt.Key.Key_Delete)

    assert summaries(db) == {
        "Bakkerij De Gouden Krakeling": (4, 4),
        "Danscollectief Utrecht": (12, 12),
    }
    assert cases.count_cases(db) == 16
    assert clients_dialog.selected_client().id == target
    assert clients_dialog.account_model.rowCount() == 12


def test_deleting_a_client_can_delete_its_cases_too(qtbot, monkeypatch, clients_dialog) -> None:
    db = clients_dialog.db
    clients_dialog.select_client(client_id(db, "Bakkerij De Gouden Krakeling"))

    def delete_too(choice: DeleteClientDialog) -> None:
        qtbot.mouseClick(choice.delete_option, LEFT)
        assert choice.warning.isVisible()
        assert not choice.move_to.isEnabled()
        qtbot.mouseClick(choice.delete_button, LEFT)

    drive(monkeypatch, qtbot, DeleteClientDialog, delete_too)
    qtbot.mouseClick(clients_dialog.delete_client_button, LEFT)

    assert set(summaries(db)) == {"Danscollectief Utrecht", "Studio Noorderlicht"}
    assert cases.count_cases(db) == 12
    assert clients_dialog.client_model.rowCount() == 2


def test_cancelling_the_delete_keeps_everything(qtbot, monkeypatch, clients_dialog) -> None:
    def cancel(choice: DeleteClientDialog) -> None:
        qtbot.keyClick(choice, Qt.Key.Key_Escape)

    drive(monkeypatch, qtbot, DeleteClientDialog, cancel)
    qtbot.mouseClick(clients_dialog.delete_client_button, LEFT)
    assert len(summaries(clients_dialog.db)) == 3
    assert cases.count_cases(clients_dialog.db) == 16


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_a_client_without_accounts_is_deleted_after_a_question(
    qtbot, monkeypatch, db, signals, answer
) -> None:
    clients.create_client(db, name="Studio Zuid")
    dialog = open_clients(qtbot, db, signals)
    asked = answer_boxes(monkeypatch, answer)
    qtbot.mouseClick(dialog.delete_client_button, LEFT)

    assert asked and "Studio Zuid" in asked[0]
    deleted = answer == QMessageBox.StandardButton.Yes
    assert dialog.client_model.rowCount() == (0 if deleted else 1)
    assert len(clients.list_clients(db)) == (0 if deleted else 1)


def test_the_default_client_cannot_be_deleted(qtbot, monkeypatch, db, signals) -> None:
    clients.create_account(db, None, handle="ikzelf")  # makes "My accounts"
    clients.create_client(db, name="Studio Zuid")
    dialog = open_clients(qtbot, db, signals)
    default = next(s.client for s in clients.list_clients(db) if s.client.is_default)
    dialog.select_client(default.id)

    assert not dialog.delete_client_button.isEnabled()
    assert dialog.edit_client_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: pytest.fail("asked"))
    monkeypatch.setattr(DeleteClientDialog, "exec", lambda self: pytest.fail("asked"))
    qtbot.keyClick(dialog.client_table, Qt.Key.Key_Delete)
    assert len(clients.list_clients(db)) == 2

    dialog.select_client(client_id(db, "Studio Zuid"))
    assert dialog.delete_client_button.isEnabled()


# Models, changes elsewhere, language --------------------------------------------------------


def test_both_models_pass_the_model_tester(qtmodeltester, demo_db: Database) -> None:
    client_model = ClientTableModel(demo_db)
    qtmodeltester.check(client_model)
    account_model = AccountTableModel(demo_db)
    first = client_model.client_at(0)
    assert first is not None
    account_model.set_client(first.id)
    qtmodeltester.check(account_model)
    assert account_model.rowCount() == 4
    assert client_model.headerData(3, Qt.Orientation.Horizontal) == "Accounts"
    assert account_model.index(0, 1).data().startswith("@")


def test_a_change_made_elsewhere_is_shown(clients_dialog, signals) -> None:
    clients.create_client(clients_dialog.db, name="Studio Zuid")
    signals.clients_changed.emit()
    assert "Studio Zuid" in table_column(clients_dialog, 0)


def test_switching_language_while_open_retranslates(qtbot, monkeypatch, clients_dialog) -> None:
    calls: list[str] = []
    original = ClientManager.retranslate_ui

    def counting(self: ClientManager) -> None:
        calls.append("clients")
        original(self)

    monkeypatch.setattr(ClientManager, "retranslate_ui", counting)
    summary = clients_dialog.selected_summary()
    assert summary is not None
    forms: list[QDialog] = [
        ClientForm(clients_dialog.client_actions, clients_dialog),
        AccountForm(clients_dialog.client_actions, clients_dialog, client_id=None),
        DeleteClientDialog(summary, [], clients_dialog),
    ]
    for form in forms:
        form.show()
    try:
        switch_language("nl")
        assert calls
        for window in (clients_dialog, *forms):
            assert window.windowTitle()
        assert clients_dialog.add_client_button.text()
        assert clients_dialog.client_model.headerData(0, Qt.Orientation.Horizontal)
    finally:
        switch_language("en")
        for form in forms:
            form.close()


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
    ],
)
def test_keys_on_the_account_table_edit_the_account(
    qtbot, monkeypatch, clients_dialog, key, modifier
) -> None:
    clients_dialog.account_table.setFocus()
    clients_dialog.account_table.selectRow(0)
    opened = drive(monkeypatch, qtbot, AccountForm, lambda form: form.reject())
    qtbot.keyClick(clients_dialog.account_table, key, modifier)
    assert len(opened) == 1
    assert opened[0].windowTitle() == "Edit account"
    assert opened[0].handle.text() == table_column(clients_dialog, 1, accounts=True)[0]
