"""A search shows its matches at once; the status buttons count them a moment later."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import CaseStatus
from appealdesk.services.case_list import status_counts
from appealdesk.services.case_rows import CaseQuery
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.cases.counting import Counts, StatusCounter
from appealdesk.ui.main_window.window import MainWindow


def test_the_list_comes_first_and_the_counts_follow(qtbot: QtBot, window: MainWindow) -> None:
    switch_language("en")
    panel = window.case_list
    new_before = panel.status_buttons[CaseStatus.NEW].text()
    assert new_before == "New 3"
    panel.search.setText("noorderlicht")
    panel.search_now()
    listed = [panel.model.case_at(r).case_number for r in range(panel.model.rowCount())]  # type: ignore[union-attr]
    assert listed and all(n.startswith(("TT-", "YT-")) for n in listed)
    assert panel.summary.text() == f"{len(listed)} of 16 cases"  # the summary at once
    with qtbot.waitSignal(panel.model.counts_changed, timeout=2000):
        pass
    counts = {s: int(b.text().rsplit(" ", 1)[1]) for s, b in panel.status_buttons.items()}
    assert sum(counts.values()) == len(listed)
    assert panel.all_statuses.text() == f"All {len(listed)}"


def test_a_case_beyond_the_first_page_is_found_before_the_counts_come(
    qtbot: QtBot, make_window, demo_db
) -> None:
    from appealdesk.services import cases as case_service

    window = make_window(demo_db)
    panel = window.case_list
    panel.model.PAGE_SIZE = 5  # the demo's 16 cases are then several pages
    panel.model.refresh()  # a full first page: the total follows with the counts
    assert not panel.model.total_known and panel.model.rowCount() == 5
    last = case_service.find_case(demo_db, "YT-2026-0001").case.id
    assert last is not None and panel.select_case(last)  # fetched, not lost
    assert window.editor.case_id == last
    assert panel.model.total == 16 and panel.model.total_known


def test_only_the_newest_search_is_counted(qtbot: QtBot, demo_db: Database) -> None:
    """Typing on while a count runs: the buttons end with the counts of what was typed last."""
    counter = StatusCounter()
    arrived: list[Counts] = []
    counter.counted.connect(arrived.append)
    today = dt.date.today()
    for typed in ("noorderlicht", "zzz-no-such-case", ""):
        counter.count(demo_db, CaseQuery(search=typed), today)
    qtbot.waitUntil(lambda: not counter.busy)
    qtbot.wait(50)  # any result still on its way to the window's thread
    assert [counts.per_status for counts in arrived] == [status_counts(demo_db, CaseQuery())]
    assert arrived[0].all_cases == 16 and sum(arrived[0].per_status.values()) == 16


def test_the_counts_follow_a_search_without_holding_up_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = window.case_list
    panel.search.setText("noorderlicht")
    panel.search_now()
    assert panel.model.counts_due  # the list is there; its counts are on their way
    qtbot.waitUntil(lambda: not panel.model.counts_due)
    listed = panel.model.rowCount()
    assert sum(panel.model.status_counts.values()) == listed < 16
    window.close()
    assert not panel.model.counts_due
