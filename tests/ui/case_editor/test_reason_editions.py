"""The reason picker offers the guideline edition in force on the block date."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from appealdesk.domain.taxonomy import taxonomy_for
from appealdesk.ui.case_editor.reason_picker import ReasonPicker

OLD = dt.date(2025, 9, 12)
NEW = dt.date(2025, 9, 13)


def _areas(picker: ReasonPicker) -> list[str | None]:
    return [
        picker.area.itemData(i).key if picker.area.itemData(i) else None
        for i in range(picker.area.count())
    ]


def test_the_choices_follow_the_block_date(qtbot: QtBot) -> None:
    picker = ReasonPicker()
    qtbot.addWidget(picker)
    picker.set_reason(None, None, OLD)
    assert _areas(picker) == [None, *(a.key for a in taxonomy_for(OLD).areas)]
    assert "2020" in picker.edition.text()
    picker.set_reason(None, None, NEW)
    assert _areas(picker) == [None, *(a.key for a in taxonomy_for(NEW).areas)]
    assert "2025" in picker.edition.text()


def test_a_reason_from_the_other_edition_stays_shown(qtbot: QtBot) -> None:
    picker = ReasonPicker()
    qtbot.addWidget(picker)
    picker.set_reason("harassment_bullying", "abusive_behavior", NEW)
    assert picker.area.value().key == "harassment_bullying"
    assert picker.policy.value().key == "abusive_behavior"
    assert "2020" in picker.area.currentText()  # marked with the edition it comes from
    assert "safety_civility" in _areas(picker)
    committed: list[tuple[object, object]] = []
    picker.reason_committed.connect(lambda a, p: committed.append((a, p)))
    index = _areas(picker).index("safety_civility")
    picker.area.setCurrentIndex(index)
    picker.area.activated.emit(index)
    assert committed == [("safety_civility", None)]
