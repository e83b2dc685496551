"""A search shows its matches at once; the status buttons count them a moment later."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import CaseStatus
from appealdesk.ui.base.retranslate import switch_language
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
