"""The whole life of a case in the window: create, edit, record steps, undo, delete, reopen."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import BlockKind, CaseStatus, EventKind, Priority
from appealdesk.services import cases
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.ui.case_editor.event_dialog import EventDialog
from appealdesk.ui.cases.new_case import NewCaseDialog
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.conftest import WindowFactory

T = TypeVar("T", bound=QWidget)


def visible(parent: QWidget, kind: type[T]) -> T:
    """The dialog of ``kind`` that is open now."""
    shown = [child for child in parent.findChildren(kind) if child.isVisible()]
    assert len(shown) == 1, shown
    return shown[0]


def choose(combo: QComboBox, index: int) -> None:
    """Picks an item as a user does: the selection changes, then ``activated`` fires."""
    assert 0 <= index < combo.count()
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def listed(window: MainWindow) -> list[str]:
    model = window.case_list.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def open_case(window: MainWindow, number: str) -> int:
    detail = cases.find_case(window.db, number)
    assert detail.case.id is not None
    assert window.case_list.select_case(detail.case.id)
    assert window.editor.case_id == detail.case.id
    window.editor.load_all_tabs()  # as the event loop does right after the case is on screen
    return detail.case.id


def create_case_through_dialog(qtbot: QtBot, window: MainWindow, handle: str) -> int:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = visible(window, NewCaseDialog)
    dialog.new.setChecked(True)
    qtbot.keyClicks(dialog.handle, handle)
    qtbot.keyClicks(dialog.display_name, "Lotte bakt")
    dialog.client.setCurrentIndex(dialog.client.index_of(None))  # "New client:"
    qtbot.keyClicks(dialog.new_client, "Bakkerij Lotte")
    dialog.kind.set_value(BlockKind.PERMANENT_BAN)
    click_ok(qtbot, dialog.buttons)
    assert dialog.case_id is not None, dialog.error.text()
    return dialog.case_id


def test_a_new_case_through_the_dialog_gets_a_number_and_opens(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = create_case_through_dialog(qtbot, window, "@lotte.bakt")
    number = cases.get_case(window.db, case_id).case.case_number
    assert number == f"TT-{dt.date.today().year}-0015"
    assert number in listed(window)
    assert window.case_list.selected_case_id() == case_id
    assert window.editor.header.title.text() == number
    assert "Bakkerij Lotte" in window.editor.header.subtitle.text()


def test_refused_input_keeps_the_new_case_dialog_open(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.new_case()
    dialog.new.setChecked(True)
    qtbot.keyClicks(dialog.handle, "femke.filmt")  # already in the demo
    click_ok(qtbot, dialog.buttons)
    assert dialog.isVisible()
    assert "already in AppealDesk" in dialog.error.text()
    assert dialog.handle.text() == "femke.filmt"


def test_edits_are_saved_when_the_field_is_left(
    qtbot: QtBot, window: MainWindow, make_window: WindowFactory, demo_path
) -> None:
    case_id = open_case(window, "TT-2026-0001")
    notice = window.editor.overview.notice
    notice.setFocus()
    notice.selectAll()
    qtbot.keyClicks(notice, "Je account is tijdelijk geschorst.")
    window.editor.overview.tags.setFocus()  # leaving the notice saves it
    assert (
        cases.get_case(window.db, case_id).case.notice_text == "Je account is tijdelijk geschorst."
    )
    priority = window.editor.overview.priority
    choose(priority, priority.index_of(Priority.URGENT))
    assert cases.get_case(window.db, case_id).case.priority is Priority.URGENT

    other = open_workspace(demo_path)
    try:
        reopened = make_window(other)
        open_case(reopened, "TT-2026-0001")
        assert reopened.editor.overview.notice.toPlainText() == "Je account is tijdelijk geschorst."
    finally:
        other.close()


def test_text_still_being_typed_is_saved_when_the_window_closes(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0001")
    statement = window.editor.overview.own_account
    statement.setFocus()
    statement.selectAll()
    qtbot.keyClicks(statement, "Alles was in orde.")
    window.close()
    assert cases.get_case(window.db, case_id).case.user_statement == "Alles was in orde."


def test_the_reason_picker_saves_area_and_policy_and_describes_them(window: MainWindow) -> None:
    case_id = open_case(window, "TT-2026-0012")
    picker = window.editor.overview.reason
    area_index = next(
        i for i in range(picker.area.count()) if "Integrity" in picker.area.itemText(i)
    )
    choose(picker.area, area_index)
    spam = next(
        i for i in range(picker.policy.count()) if "fake engagement" in picker.policy.itemText(i)
    )
    choose(picker.policy, spam)
    case = cases.get_case(window.db, case_id).case
    assert (case.reason_area, case.reason_policy) == (
        "integrity_authenticity",
        "spam_fake_engagement",
    )
    assert "likes" in picker.description.text()


def record(qtbot: QtBot, window: MainWindow, kind: EventKind, reference: str = "") -> None:
    timeline = window.editor.timeline
    qtbot.mouseClick(timeline.quick_buttons[kind], Qt.MouseButton.LeftButton)
    dialog = visible(timeline, EventDialog)
    if reference:
        qtbot.keyClicks(dialog.reference, reference)
    click_ok(qtbot, dialog.buttons)
    assert not dialog.isVisible(), dialog.error.text()


def test_quick_steps_record_the_event_move_the_status_and_set_the_due_date(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, "TT-2026-0001")
    window.editor.tabs.setCurrentWidget(window.editor.timeline)
    record(qtbot, window, EventKind.APPEAL_FILED, "TT-APL-424242")
    case = cases.get_case(window.db, case_id).case
    due = dt.date.today() + dt.timedelta(days=14)
    assert case.status is CaseStatus.APPEAL_FILED
    assert case.next_action_due == due
    assert window.editor.header.status.currentText() == "Appeal filed"
    assert "Answer due" in window.editor.header.next_action.text()
    assert "in 14 days" in window.editor.header.next_action.text()
    row = window.case_list.model.row_of_case(case_id)
    assert row is not None
    assert window.case_list.model.index(row, 3).data() == "Appeal filed"
    assert "TT-APL-424242" in [
        window.editor.timeline.model.index(r, 3).data()
        for r in range(window.editor.timeline.model.rowCount())
    ]

    record(qtbot, window, EventKind.APPEAL_REJECTED)
    assert cases.get_case(window.db, case_id).case.status is CaseStatus.REJECTED
    assert "Appeal again or escalate" in window.editor.header.next_action.text()
    record(qtbot, window, EventKind.ACCOUNT_RESTORED)
    assert cases.get_case(window.db, case_id).case.status is CaseStatus.RESTORED


def test_the_status_menu_offers_only_allowed_steps(window: MainWindow) -> None:
    open_case(window, "TT-2026-0009")  # closed
    combo = window.editor.header.status
    assert [combo.itemText(i) for i in range(combo.count())] == ["Closed"]
    case_id = open_case(window, "TT-2026-0005")  # rejected
    offered = {combo.itemText(i) for i in range(combo.count())}
    assert offered == {"Rejected", "Appeal filed", "Escalated", "Restored", "Permanently lost"}
    choose(combo, combo.index_of(CaseStatus.ESCALATED))
    assert cases.get_case(window.db, case_id).case.status is CaseStatus.ESCALATED
    assert window.editor.header.status.currentText() == "Escalated"


def test_undo_and_redo_of_an_edit(qtbot: QtBot, window: MainWindow) -> None:
    case_id = open_case(window, "TT-2026-0001")
    tags = window.editor.overview.tags
    tags.setFocus()
    tags.selectAll()
    qtbot.keyClicks(tags, "spoed, klant")
    qtbot.keyClick(tags, Qt.Key.Key_Return)
    assert cases.get_case(window.db, case_id).case.tags == ["spoed", "klant"]
    assert window.menus.undo.text().startswith("&Undo Change tags")
    window.menus.undo.trigger()
    assert cases.get_case(window.db, case_id).case.tags == ["campagne"]
    assert tags.text() == "campagne"
    window.menus.redo.trigger()
    assert cases.get_case(window.db, case_id).case.tags == ["spoed", "klant"]


@pytest.mark.parametrize("keys", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_redo_from_the_keyboard(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    case_id = open_case(window, "TT-2026-0001")
    tags = window.editor.overview.tags
    tags.setFocus()
    tags.selectAll()
    qtbot.keyClicks(tags, "spoed")
    qtbot.keyClick(tags, Qt.Key.Key_Return)
    window.menus.undo.trigger()
    assert cases.get_case(window.db, case_id).case.tags == ["campagne"]
    window.activateWindow()
    window.case_list.table.setFocus()  # not a text field, which has its own undo
    qtbot.keySequence(window.case_list.table, QKeySequence(keys))
    assert cases.get_case(window.db, case_id).case.tags == ["spoed"]
    # Each key once: a key bound twice is "ambiguous" to Qt, which then does nothing.
    bound = [key.toString() for key in window.menus.redo.shortcuts()]
    assert len(bound) == len(set(bound)) and keys in bound


def test_a_deleted_case_asks_first_and_comes_back_with_undo(
    qtbot: QtBot, window: MainWindow, answer_yes: list[str]
) -> None:
    case_id = open_case(window, "TT-2026-0004")
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Delete)
    assert answer_yes and "TT-2026-0004" in answer_yes[0]
    assert "TT-2026-0004" not in listed(window)
    assert not cases.exists(window.db, case_id)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "TT-2026-0004" in listed(window)
    restored = cases.get_case(window.db, case_id)
    assert len(restored.events) == 5
    assert window.case_list.selected_case_id() == case_id


def test_the_message_after_deleting_offers_undo_and_moves_nothing(
    qtbot: QtBot, window: MainWindow, answer_yes: list[str]
) -> None:
    case_id = open_case(window, "TT-2026-0004")
    splitter_before = window.splitter.geometry()
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Delete)
    bar = window.message_bar
    assert bar.text() == "Case TT-2026-0004 was deleted."
    assert window.splitter.geometry() == splitter_before  # floats over, pushes nothing down
    assert bar.geometry().bottom() < window.splitter.geometry().bottom()
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    assert cases.exists(window.db, case_id)
    assert not bar.isVisible()


def test_delete_in_a_text_field_never_deletes_the_case(
    qtbot: QtBot, window: MainWindow, answer_yes: list[str]
) -> None:
    case_id = open_case(window, "TT-2026-0004")
    window.editor.overview.tags.setFocus()
    qtbot.keyClick(window.editor.overview.tags, Qt.Key.Key_Delete)
    assert answer_yes == []
    assert cases.exists(window.db, case_id)


def test_search_narrows_the_list_as_you_type(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.case_list.search.hasFocus()
    qtbot.keyClicks(window.case_list.search, "CS-4471")
    qtbot.waitUntil(lambda: listed(window) == ["TT-2026-0004"])
    assert window.case_list.summary.text() == "1 of 16 cases"


def test_a_search_without_matches_says_so_and_escape_clears_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = window.case_list
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "geen-zaak-heet-zo")
    panel.search_now()
    assert listed(window) == []
    assert panel.nothing_found.isVisible()
    assert "No case matches" in panel.nothing_found.text()
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == "" and len(listed(window)) == 16
    assert not panel.nothing_found.isVisible()


def test_filters_by_status_platform_client_and_overdue(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.case_list
    qtbot.mouseClick(panel.status_buttons[CaseStatus.APPEAL_FILED], Qt.MouseButton.LeftButton)
    assert len(listed(window)) == 4
    assert not panel.all_statuses.isChecked()
    qtbot.mouseClick(panel.status_buttons[CaseStatus.NEW], Qt.MouseButton.LeftButton)
    assert len(listed(window)) == 7
    qtbot.mouseClick(panel.all_statuses, Qt.MouseButton.LeftButton)
    assert len(listed(window)) == 16
    choose(panel.platform, panel.platform.findText("YouTube"))
    assert listed(window) == ["YT-2026-0001"]
    choose(panel.platform, 0)
    panel.overdue.setChecked(True)
    overdue = listed(window)
    assert overdue and set(overdue) <= {"IG-2026-0001", "TT-2026-0010", "YT-2026-0001"}
    panel.overdue.setChecked(False)
    noorderlicht = panel.client.findText("Studio Noorderlicht")
    choose(panel.client, noorderlicht)
    assert len(listed(window)) == 8
    # The status buttons count a moment after the list shows its cases.
    qtbot.waitUntil(lambda: panel.status_buttons[CaseStatus.NEW].text().endswith("2"))


def test_overdue_next_actions_stand_out(window: MainWindow) -> None:
    model = window.case_list.model
    row = listed(window).index("YT-2026-0001")
    cell = model.index(row, 6)
    assert "overdue" in cell.data()
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    open_case(window, "YT-2026-0001")
    assert window.editor.header.next_action.property("overdue") is True


def test_the_window_remembers_its_layout(make_window: WindowFactory, demo_db: Database) -> None:
    first = make_window(demo_db)
    first.splitter.setSizes([500, 900])
    first.case_list.table.setColumnWidth(1, 333)
    first.close()
    second = make_window(demo_db)
    assert second.case_list.table.columnWidth(1) == 333
    left, right = second.splitter.sizes()
    assert left < right  # as it was left, not the default (list wider than editor)


def test_models_pass_the_model_tester(qtmodeltester, window: MainWindow) -> None:
    qtmodeltester.check(window.case_list.model)
    open_case(window, "TT-2026-0004")
    qtmodeltester.check(window.editor.timeline.model)


def test_a_case_moves_to_a_new_account_made_on_the_spot(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:
    from appealdesk.ui.clients.account_picker import AccountPicker
    from appealdesk.ui.clients.forms import AccountForm

    case_id = open_case(window, "TT-2026-0012")
    pickers: list[AccountPicker] = []

    def fill_account(dialog: AccountForm) -> int:
        qtbot.keyClicks(dialog.handle, "noorderlicht.live")
        dialog.save()
        return AccountForm.DialogCode.Accepted if dialog.account else 0

    def pick(picker: AccountPicker) -> int:
        pickers.append(picker)
        monkeypatch.setattr(AccountForm, "exec", fill_account)
        picker.create_account()
        return AccountPicker.DialogCode.Accepted

    monkeypatch.setattr(AccountPicker, "exec", pick)
    window.editor.overview.move_account_button.click()
    assert pickers
    detail = cases.get_case(window.db, case_id)
    assert detail.account.handle == "noorderlicht.live"
    assert "@noorderlicht.live" in window.editor.header.subtitle.text()
    window.menus.undo.trigger()
    assert cases.get_case(window.db, case_id).account.handle == "noorderlicht.bts"


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_menu_and_tab_has_its_own_alt_key(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    from appealdesk.ui.base.retranslate import switch_language

    open_case(window, "TT-2026-0001")
    switch_language(language)
    menus = [action.text() for action in window.menuBar().actions()]
    tabs = [window.editor.tabs.tabText(i) for i in range(window.editor.tabs.count())]
    keys = [_mnemonic(text) for text in menus + tabs]
    assert None not in keys, menus + tabs
    assert len(keys) == len(set(keys)), menus + tabs
