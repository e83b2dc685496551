"""Dates are typed as people write them, kept when they are no date, and refused when wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import EventKind
from appealdesk.i18n import format_date
from appealdesk.services import cases, events
from appealdesk.ui.case_editor.event_dialog import EventDialog
from appealdesk.ui.cases.new_case import NewCaseDialog
from appealdesk.ui.main_window.window import MainWindow
from appealdesk.ui.widgets.date_fields import DateEntry
from tests.ui.main_window.test_window import click_ok, open_case, visible

# A demo case without steps after its block (blocked yesterday): its block can move back.
CASE = "TT-2026-0001"


def type_date(qtbot: QtBot, field: DateEntry, text: str) -> None:
    """Replaces the field's text by ``text`` as a user does, and leaves it with Tab."""
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.line, text)
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)


def test_a_block_date_typed_in_dutch_is_stored_and_shown_the_dutch_way(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.menus.languages["nl"].trigger()
    case_id = open_case(window, CASE)
    blocked_at = window.editor.overview.blocked_at
    type_date(qtbot, blocked_at, "30 nov 2026 10:00")
    assert cases.get_case(window.db, case_id).case.blocked_at == dt.datetime(2026, 11, 30, 10, 0)
    assert blocked_at.text() == "30 nov 2026 10:00"
    assert blocked_at.problem() is None

    type_date(qtbot, blocked_at, "29-11-2026")  # the numeric form, without a time
    assert cases.get_case(window.db, case_id).case.blocked_at == dt.datetime(2026, 11, 29)
    assert blocked_at.text() == "29 nov 2026 00:00"

    window.menus.languages["en"].trigger()  # the date is shown again in the new language
    assert blocked_at.text() == "29 Nov 2026 00:00"
    type_date(qtbot, blocked_at, "28/11/2026 9:15")
    assert cases.get_case(window.db, case_id).case.blocked_at == dt.datetime(2026, 11, 28, 9, 15)


def test_a_text_that_is_no_date_stays_is_marked_and_stores_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    stored = cases.get_case(window.db, case_id).case.blocked_at
    blocked_at = window.editor.overview.blocked_at
    type_date(qtbot, blocked_at, "30 novmber 2026")
    assert blocked_at.text() == "30 novmber 2026"  # nothing typed is lost
    assert blocked_at.problem() == (
        "“novmber” is not a month. Type a date such as 30/11/2026 10:00."
    )
    assert blocked_at.message.isVisible()
    assert blocked_at.line.property("invalid") is True
    assert cases.get_case(window.db, case_id).case.blocked_at == stored

    # Another edit shows the case again: the text that is no date yet stays, and so does why.
    notice = window.editor.overview.notice
    notice.setFocus()
    qtbot.keyClicks(notice, "Je account is geschorst.")
    window.editor.overview.tags.setFocus()
    assert "geschorst" in cases.get_case(window.db, case_id).case.notice_text
    assert blocked_at.text() == "30 novmber 2026"
    assert blocked_at.problem() is not None

    type_date(qtbot, blocked_at, "30 november 2026 10:00")
    assert cases.get_case(window.db, case_id).case.blocked_at == dt.datetime(2026, 11, 30, 10, 0)
    assert blocked_at.problem() is None
    assert not blocked_at.message.isVisible()
    assert blocked_at.line.property("invalid") is False


def test_a_block_date_the_services_refuse_stays_with_their_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    stored = cases.get_case(window.db, case_id).case.blocked_at
    blocked_at = window.editor.overview.blocked_at
    type_date(qtbot, blocked_at, "30 Nov 2099 10:00")
    assert cases.get_case(window.db, case_id).case.blocked_at == stored
    assert blocked_at.text() == "30 Nov 2099 10:00"
    problem = blocked_at.problem()
    assert problem is not None and "cannot lie in the future" in problem
    assert "30 November 2099" in problem
    assert window.undo_stack.count() == 0

    type_date(qtbot, blocked_at, "3 Jan 1999")
    problem = blocked_at.problem()
    assert problem is not None and "before the year 2000" in problem
    assert cases.get_case(window.db, case_id).case.blocked_at == stored


def test_the_block_cannot_move_past_a_step_and_says_which(qtbot: QtBot, window: MainWindow) -> None:
    case_id = open_case(window, CASE)
    block = cases.get_case(window.db, case_id).case.blocked_at
    events.add_event(window.db, case_id, kind=EventKind.APPEAL_FILED, occurred_at=block)
    window.editor.reload()
    blocked_at = window.editor.overview.blocked_at
    later = block + dt.timedelta(days=1)
    type_date(qtbot, blocked_at, later.strftime("%d/%m/%Y"))
    problem = blocked_at.problem()
    assert problem is not None and "“Appeal filed”" in problem
    assert format_date(block, "long") in problem
    assert cases.get_case(window.db, case_id).case.blocked_at == block


def record_appeal(qtbot: QtBot, window: MainWindow) -> EventDialog:
    window.editor.tabs.setCurrentWidget(window.editor.timeline)
    timeline = window.editor.timeline
    qtbot.mouseClick(timeline.quick_buttons[EventKind.APPEAL_FILED], Qt.MouseButton.LeftButton)
    return visible(timeline, EventDialog)


def test_the_event_dialog_refuses_an_appeal_before_the_block_and_keeps_the_input(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    block = cases.get_case(window.db, case_id).case.blocked_at
    dialog = record_appeal(qtbot, window)
    qtbot.keyClicks(dialog.reference, "TT-APL-1")
    before = block - dt.timedelta(days=3)
    type_date(qtbot, dialog.occurred_at, before.strftime("%d/%m/%Y 10:00"))
    typed = dialog.occurred_at.text()
    click_ok(qtbot, dialog.buttons)
    assert dialog.isVisible()
    message = dialog.error.shown_text()
    assert "“Appeal filed”" in message and "lies before the block" in message
    assert format_date(before, "long") in message and format_date(block, "long") in message
    assert dialog.occurred_at.text() == typed
    assert dialog.occurred_at.value() == before.replace(hour=10, minute=0)
    assert dialog.reference.text() == "TT-APL-1"
    assert [e.kind for e in events.list_events(window.db, case_id)] == [EventKind.BLOCKED]

    type_date(qtbot, dialog.occurred_at, block.strftime("%d/%m/%Y 23:00"))
    click_ok(qtbot, dialog.buttons)
    assert not dialog.isVisible(), dialog.error.shown_text()
    recorded = events.list_events(window.db, case_id)[-1]
    assert (recorded.kind, recorded.reference) == (EventKind.APPEAL_FILED, "TT-APL-1")
    assert recorded.occurred_at == block.replace(hour=23, minute=0)


def test_the_event_dialog_keeps_a_text_that_is_no_date_and_says_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    dialog = record_appeal(qtbot, window)
    dialog.occurred_at.line.setFocus()
    dialog.occurred_at.line.selectAll()
    qtbot.keyClicks(dialog.occurred_at.line, "gisteren")
    click_ok(qtbot, dialog.buttons)
    assert dialog.isVisible()
    assert dialog.occurred_at.text() == "gisteren"
    assert dialog.occurred_at.problem() == (
        "“gisteren” is not a date. Type a date such as 30/11/2026 10:00."
    )
    assert len(events.list_events(window.db, case_id)) == 1


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # offscreen, for a popup
def test_a_follow_up_date_is_typed_picked_from_the_calendar_and_cleared(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    follow_up = window.editor.overview.follow_up
    type_date(qtbot, follow_up, "15 Jan 2027")
    assert cases.get_case(window.db, case_id).case.follow_up_on == dt.date(2027, 1, 15)
    assert follow_up.text() == "15 Jan 2027"

    follow_up.line.setFocus()
    qtbot.keyClick(follow_up.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = follow_up.popup
    assert popup is not None and popup.isVisible()
    assert popup.calendar.selectedDate().toPython() == dt.date(2027, 1, 15)
    calendar_view = QApplication.focusWidget()
    assert calendar_view is not None
    qtbot.keyClick(calendar_view, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(calendar_view, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert cases.get_case(window.db, case_id).case.follow_up_on == dt.date(2027, 1, 16)
    assert follow_up.text() == "16 Jan 2027"

    follow_up.open_calendar()
    qtbot.mouseClick(popup.no_date, Qt.MouseButton.LeftButton)
    assert cases.get_case(window.db, case_id).case.follow_up_on is None
    assert follow_up.text() == ""

    type_date(qtbot, follow_up, "16-1-2027")
    type_date(qtbot, follow_up, "")  # an empty field is no date
    assert cases.get_case(window.db, case_id).case.follow_up_on is None
    assert follow_up.problem() is None


def test_a_statement_received_on_date_is_typed(qtbot: QtBot, window: MainWindow) -> None:
    case_id = open_case(window, CASE)
    window.editor.tabs.setCurrentWidget(window.editor.statement_of_reasons)
    received_on = window.editor.statement_of_reasons.fields["received_on"]
    type_date(qtbot, received_on, "30/11/2026")
    statement = cases.get_case(window.db, case_id).statement
    assert statement is not None and statement.received_on == dt.date(2026, 11, 30)
    type_date(qtbot, received_on, "30/11/2026 10:00")  # a time does not belong here
    assert received_on.problem() == "Type only a date here, such as 30/11/2026."


def test_a_statement_date_the_services_refuse_stays_with_their_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    window.editor.tabs.setCurrentWidget(window.editor.statement_of_reasons)
    received_on = window.editor.statement_of_reasons.fields["received_on"]
    type_date(qtbot, received_on, "3/1/1999")
    assert received_on.text() == "3/1/1999"
    problem = received_on.problem()
    assert problem is not None and "“Statement received on” before the year 2000" in problem
    statement = cases.get_case(window.db, case_id).statement
    assert statement is None or statement.received_on is None
    assert window.undo_stack.count() == 0


def test_a_date_still_being_typed_is_saved_when_the_window_closes(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    blocked_at = window.editor.overview.blocked_at
    blocked_at.line.setFocus()
    blocked_at.line.selectAll()
    qtbot.keyClicks(blocked_at.line, "2026-11-30 10:00")
    window.close()
    assert cases.get_case(window.db, case_id).case.blocked_at == dt.datetime(2026, 11, 30, 10, 0)


def test_a_language_switch_keeps_the_text_and_asks_for_the_new_languages_form(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = open_case(window, CASE)
    blocked_at = window.editor.overview.blocked_at
    type_date(qtbot, blocked_at, "30 novmber")
    assert blocked_at.problem() == (
        "“novmber” is not a month. Type a date such as 30/11/2026 10:00."
    )
    window.menus.languages["nl"].trigger()
    assert blocked_at.text() == "30 novmber"
    problem = blocked_at.problem()
    assert problem is not None and problem.endswith(" 30-11-2026 10:00.")

    # A Dutch date typed while the window was in English is one once it is in Dutch.
    window.menus.languages["en"].trigger()
    type_date(qtbot, blocked_at, "1 mrt 2026 10:00")
    assert blocked_at.problem() is not None
    window.menus.languages["nl"].trigger()
    qtbot.waitUntil(lambda: blocked_at.problem() is None)
    assert cases.get_case(window.db, case_id).case.blocked_at == dt.datetime(2026, 3, 1, 10, 0)
    assert blocked_at.text() == "1 mrt 2026 10:00"


def test_the_new_case_dialog_keeps_a_block_date_that_is_no_date(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = cases.count_cases(window.db)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = visible(window, NewCaseDialog)
    dialog.new.setChecked(True)
    qtbot.keyClicks(dialog.handle, "lotte.bakt")
    type_date(qtbot, dialog.blocked_at, "vorige week")
    click_ok(qtbot, dialog.buttons)
    assert dialog.isVisible()
    assert dialog.blocked_at.text() == "vorige week"
    assert dialog.blocked_at.problem() == (
        "“vorige week” is not a date. Type a date such as 30/11/2026 10:00."
    )
    assert cases.count_cases(window.db) == before

    type_date(qtbot, dialog.blocked_at, "28 Nov 2026 8:00")
    click_ok(qtbot, dialog.buttons)
    assert dialog.case_id is not None, dialog.error.shown_text()
    created = cases.get_case(window.db, dialog.case_id).case
    assert created.blocked_at == dt.datetime(2026, 11, 28, 8, 0)
