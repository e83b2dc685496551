"""Switching between Nederlands and English while the window is open."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from appealdesk.i18n import system_language
from appealdesk.services import cases
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.main_window.window import MainWindow


def visible_texts(window: MainWindow) -> dict[str, str]:
    editor = window.editor
    model = window.case_list.model
    return {
        "menu": window.menus.file_menu.title(),
        "header": model.headerData(0, Qt.Orientation.Horizontal),
        "status cell": model.index(0, 3).data(),
        "tab": editor.tabs.tabText(3),
        "quick step": editor.timeline.quick_buttons[
            next(iter(editor.timeline.quick_buttons))
        ].text(),
        "subtitle": editor.header.subtitle.text(),
        "summary": window.case_list.summary.text(),
        "search": window.case_list.search.placeholderText(),
        "block kind": editor.overview.block_kind.currentText(),
        "blocked on": editor.overview.blocked_at.text(),
        "verdict": editor.block_check.verdict.text(),
    }


def test_the_whole_window_switches_language_at_once(window: MainWindow) -> None:
    detail = cases.find_case(window.db, "TT-2026-0004")
    assert detail.case.id is not None
    window.case_list.select_case(detail.case.id)
    window.editor.load_all_tabs()
    english = visible_texts(window)
    window.menus.languages["nl"].trigger()
    dutch = visible_texts(window)
    assert dutch["menu"] == "&Bestand"
    assert dutch["header"] == "Zaak"
    assert dutch["tab"] == "T&ijdlijn"
    assert dutch["quick step"] == "Bezwaar &ingediend"
    assert "1 november 2026" in dutch["subtitle"] or "november" in dutch["subtitle"]
    assert dutch["summary"] == "16 van 16 zaken"
    assert dutch["block kind"] == "Tijdelijke schorsing"
    assert "vrijwel zeker geblokkeerd" in dutch["verdict"]
    changed = [key for key in english if english[key] == dutch[key]]
    assert changed == [], f"not translated: {changed}"
    window.menus.languages["en"].trigger()
    assert visible_texts(window) == english


def test_dialogs_open_in_the_chosen_language(window: MainWindow) -> None:
    window.menus.languages["nl"].trigger()
    dialog = window.new_case()
    assert dialog.windowTitle() == "Nieuwe zaak"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Annuleren"  # Qt's own strings are Dutch too
    dialog.reject()


def test_the_language_is_remembered(window: MainWindow, tmp_path) -> None:
    window.menus.languages["nl"].trigger()
    assert AppSettings(tmp_path / "settings.ini").language == "nl"


@pytest.mark.parametrize(
    ("lang", "expected"), [("nl_NL.UTF-8", "nl"), ("en_GB.UTF-8", "en"), ("de_DE.UTF-8", "en")]
)
def test_the_first_start_follows_the_system_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.setenv("LC_ALL", lang)
    monkeypatch.setenv("LANG", lang)
    monkeypatch.setattr("appealdesk.i18n.language._qt_ui_languages", lambda: [])
    assert system_language() == expected


def test_choice_boxes_are_measured_again_in_the_new_language(window: MainWindow) -> None:
    from appealdesk.ui.widgets.fields import ChoiceCombo

    window.editor.tabs.setCurrentWidget(window.editor.evidence)
    for language in ("nl", "en", "nl"):
        window.menus.languages[language].trigger()
        for combo in window.findChildren(ChoiceCombo):
            if (
                combo.sizeAdjustPolicy()
                is ChoiceCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            ):
                continue  # narrower on purpose: its list shows the long names whole
            room = combo.sizeHint().width()
            for index in range(combo.count()):
                text = combo.itemText(index)
                assert combo.fontMetrics().horizontalAdvance(text) < room, (language, text)


def test_timeline_columns_fit_the_words_of_the_new_language(window: MainWindow) -> None:
    detail = cases.find_case(window.db, "TT-2026-0004")
    assert detail.case.id is not None
    window.case_list.select_case(detail.case.id)
    table = window.editor.timeline.table
    window.editor.tabs.setCurrentWidget(window.editor.timeline)
    for language in ("nl", "en", "nl"):
        window.menus.languages[language].trigger()
        for column in (0, 1, 2):  # when, what, channel
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), (language, column)


def test_the_default_client_is_named_in_the_language_shown(make_window, db) -> None:
    from appealdesk.i18n import set_language

    set_language("nl")  # the creator started in Dutch: the default client is made in Dutch
    cases.create_case(
        db, blocked_at=dt.datetime(2026, 11, 2, 9), new_account={"handle": "lotte.danst"}
    )
    set_language("en")
    window = make_window(db)
    model = window.case_list.model
    assert model.index(0, 1).data() == "My accounts"
    assert window.case_list.client.itemText(1) == "My accounts"
    window.set_language("nl")
    assert model.index(0, 1).data() == "Mijn accounts"
    assert window.case_list.client.itemText(1) == "Mijn accounts"
    window.set_language("en")
