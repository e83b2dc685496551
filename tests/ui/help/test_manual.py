"""Help → Manual: the manual in the window's language, with its sections beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from appealdesk.i18n import SUPPORTED_LANGUAGES
from appealdesk.ui.help.manual import ManualDialog, manual_sections, section_links
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.desktop import opened_urls
from tests.ui.main_window.test_window import visible


def shown_titles(dialog: ManualDialog) -> list[str]:
    return [dialog.contents.item(row).text() for row in range(dialog.contents.count())]


def test_f1_opens_the_manual_beside_the_window(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = visible(window, ManualDialog)
    assert not dialog.isModal()
    assert dialog.windowTitle() == "AppealDesk manual"
    assert shown_titles(dialog)[:3] == ["Getting started", "The case list", "Working on a case"]
    assert dialog.text.toPlainText().startswith("Getting started")
    assert "There is no Save button." in dialog.text.toPlainText()
    # Asked again, the same manual comes to the front.
    window.menus.help.manual.trigger()
    assert visible(window, ManualDialog) is dialog


def test_choosing_a_section_shows_it(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.menus.help.show_manual()
    row = shown_titles(dialog).index("Backups and restoring")
    dialog.contents.setCurrentRow(row)
    text = dialog.text.toPlainText()
    assert text.startswith("Backups and restoring")
    assert "File → Restore from backup…" in text
    assert "There is no Save button." not in text


def test_the_manual_opens_in_dutch(window: MainWindow) -> None:
    window.menus.languages["nl"].trigger()
    assert window.menus.help.manual.text() == "&Handleiding"
    window.menus.help.manual.trigger()
    dialog = visible(window, ManualDialog)
    assert dialog.windowTitle() == "Handleiding van AppealDesk"
    assert shown_titles(dialog)[:2] == ["Aan de slag", "De lijst met zaken"]
    assert "Er is geen knop Opslaan." in dialog.text.toPlainText()


def test_the_open_manual_follows_a_language_switch(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.menus.help.show_manual()
    dialog.show_section("evidence")
    assert dialog.text.toPlainText().startswith("Evidence")
    window.menus.languages["nl"].trigger()
    assert dialog.windowTitle() == "Handleiding van AppealDesk"
    assert dialog.section_id() == "evidence"  # the same section, now in Dutch
    assert dialog.contents.currentItem().text() == "Bewijs"
    assert "Markeer identiteitsbewijzen als gevoelig." in dialog.text.toPlainText()
    window.menus.languages["en"].trigger()
    assert dialog.contents.currentItem().text() == "Evidence"
    assert "Mark identity documents as sensitive." in dialog.text.toPlainText()


def test_a_link_leads_to_its_section_and_nowhere_else(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.menus.help.show_manual()
    dialog.show_section("case")
    with opened_urls("file", "http", "https") as opened:
        dialog.text.anchorClicked.emit(QUrl("#letters"))
        assert dialog.section_id() == "letters"
        for elsewhere in ("file:///etc/passwd", "https://example.com/", "evidence.md#case"):
            dialog.text.anchorClicked.emit(QUrl(elsewhere))
            assert dialog.section_id() == "letters"
    assert opened == []


def test_the_manual_loads_no_file(window: MainWindow, tmp_path) -> None:
    picture = tmp_path / "picture.png"
    window.grab().save(str(picture))
    dialog = window.menus.help.show_manual()
    kind = QTextDocument.ResourceType.ImageResource.value
    assert dialog.text.loadResource(kind, QUrl.fromLocalFile(str(picture))) is None


def test_every_language_has_the_same_sections_and_every_link_leads_to_one() -> None:
    ids = {language: [s.id for s in manual_sections(language)] for language in SUPPORTED_LANGUAGES}
    english = ids["en"]
    assert {"start", "cases", "case", "evidence", "letters", "export", "backups"} <= set(english)
    assert all(found == english for found in ids.values()), ids
    for language in SUPPORTED_LANGUAGES:
        for section in manual_sections(language):
            assert section.text, (language, section.id)
            for link in section_links(section.text):
                assert link.startswith("#") and link[1:] in english, (language, link)
