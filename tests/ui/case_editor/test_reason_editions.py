"""The reason picker offers the guideline edition in force on the block date."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import Platform
from appealdesk.domain.taxonomy import taxonomy_for
from appealdesk.services import appeal_letters, cases
from appealdesk.ui.case_editor.reason_picker import ReasonPicker
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.main_window.test_window import open_case

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
    picker.set_reason(None, None, OLD, Platform.TIKTOK)
    assert _areas(picker) == [None, *(a.key for a in taxonomy_for(OLD).areas)]
    assert "2020" in picker.edition.text()
    picker.set_reason(None, None, NEW, Platform.TIKTOK)
    assert _areas(picker) == [None, *(a.key for a in taxonomy_for(NEW).areas)]
    assert "2025" in picker.edition.text()


def test_a_reason_from_the_other_edition_stays_shown(qtbot: QtBot) -> None:
    picker = ReasonPicker()
    qtbot.addWidget(picker)
    picker.set_reason("harassment_bullying", "abusive_behavior", NEW, Platform.TIKTOK)
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


def test_the_case_editor_follows_the_block_date(window: MainWindow) -> None:
    """An old case keeps its reason and exception; moving the block date changes the offer."""
    detail = cases.find_case(window.db, "TT-2026-0004")
    case_id = detail.case.id
    assert case_id is not None
    cases.update_case(
        window.db,
        case_id,
        blocked_at=dt.datetime(2025, 9, 1, 9),
        reason_area="harassment_bullying",
        reason_policy="abusive_behavior",
    )
    appeal_letters.save_letter(window.db, case_id, "nl", exception="newsworthy")
    open_case(window, "TT-2026-0004")
    picker, letter = window.editor.overview.reason, window.editor.letter
    assert _areas(picker) == [None, *(a.key for a in taxonomy_for(OLD).areas)]
    assert "newsworthy" in [letter.exception.itemData(i) for i in range(letter.exception.count())]

    window.editor.overview.edit_case({"blocked_at": dt.datetime(2025, 9, 20, 9)}, "block date")
    window.editor.load_all_tabs()  # the letter tab, out of view, follows in the event loop
    assert _areas(picker)[-1] == "harassment_bullying"  # kept, from the 2020 edition
    assert "safety_civility" in _areas(picker) and "2025" in picker.edition.text()
    offered = [letter.exception.itemData(i) for i in range(letter.exception.count())]
    assert offered == [None, *(e.key for e in taxonomy_for(NEW).exceptions), "newsworthy"]
    case = cases.get_case(window.db, case_id).case
    assert (case.reason_area, case.reason_policy) == ("harassment_bullying", "abusive_behavior")


def test_a_case_on_another_platform_offers_no_guideline(window: MainWindow) -> None:
    """TikTok's guidelines are the only ones here: an Instagram case is told so, in place of
    choices that would put TikTok's words in its letter."""
    open_case(window, "IG-2026-0001")
    picker, letter = window.editor.overview.reason, window.editor.letter
    assert picker.area.isHidden() and picker.policy.isHidden() and picker.edition.isHidden()
    said = picker.description.text()
    assert "TikTok" in said and "Instagram" in said
    assert [letter.exception.itemData(i) for i in range(letter.exception.count())] == [None]
    url = window.editor.overview.content_url
    assert "tiktok" not in url.placeholderText()
    open_case(window, "TT-2026-0004")
    assert not picker.area.isHidden() and not picker.edition.isHidden()
    assert len(_areas(picker)) > 1
    assert "tiktok.com" in url.placeholderText()
