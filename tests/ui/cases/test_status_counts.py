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
