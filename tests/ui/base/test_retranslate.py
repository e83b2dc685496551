"""A language switch retranslates every widget once, not once per event Qt sends about it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from appealdesk.i18n import current_language
from appealdesk.services import cases
from appealdesk.ui.base.retranslate import Retranslatable
from appealdesk.ui.main_window.window import MainWindow


def _count_retranslations(window: MainWindow) -> Counter[int]:
    counts: Counter[int] = Counter()
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, Retranslatable):
            original = widget.retranslate_ui
            counts[id(widget)] = 0

            def counted(key: int = id(widget), run: Callable[[], None] = original) -> None:
                counts[key] += 1
                run()

            widget.retranslate_ui = counted  # type: ignore[method-assign]
    return counts


def test_each_widget_retranslates_once_per_switch(qtbot: QtBot, window: MainWindow) -> None:
    detail = cases.find_case(window.db, "TT-2026-0001")
    assert detail.case.id is not None
    assert window.case_list.select_case(detail.case.id)
    qtbot.wait(50)  # the editor and its tabs are built
    counts = _count_retranslations(window)
    assert len(counts) > 10

    for language in ("nl", "en", "nl"):
        for key in counts:
            counts[key] = 0
        window.set_language(language)
        qtbot.wait(50)  # events Qt posts about the new translator arrive too
        assert current_language() == language
        assert set(counts.values()) == {1}, language


def test_choosing_the_current_language_again_changes_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.set_language("nl")
    qtbot.wait(50)
    counts = _count_retranslations(window)
    window.set_language("nl")
    qtbot.wait(50)
    assert set(counts.values()) == {0}
