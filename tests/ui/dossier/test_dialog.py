"""Exporting from the window: Ctrl+E, the choices, the preview, progress, the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from appealdesk.domain.enums import CustodyAction
from appealdesk.domain.recipients import Recipient
from appealdesk.export.content import DossierFormat
from appealdesk.services import cases, custody
from appealdesk.ui.base import desktop
from appealdesk.ui.base.settings import FolderUse
from appealdesk.ui.dossier.dialog import ExportDialog
from appealdesk.ui.main_window.window import MainWindow
from tests.ui.desktop import opened_urls
from tests.ui.main_window.test_window import open_case


def open_export(qtbot: QtBot, window: MainWindow, number: str = "TT-2026-0004") -> ExportDialog:
    case_id = cases.find_case(window.db, number).case.id
    assert case_id is not None and window.case_list.select_case(case_id)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.slow
@pytest.mark.subprocess
def test_ctrl_e_exports_a_pdf_with_progress(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, window)
    qtbot.waitUntil(lambda: dialog.preview.page_count > 0, timeout=20_000)
    assert "pages, as they will be printed" in dialog.preview.status.text()
    target = tmp_path / "dossier.pdf"
    dialog.path.setText(str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000) as finished:
        dialog.export_button.click()
    result = finished.args[0]
    assert result.path == target and target.is_file()
    assert len(PdfReader(target).pages) == result.pages == dialog.preview.page_count
    assert "Dossier saved as" in window.message_bar.text()


def test_identity_documents_are_unchecked_until_included(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_export(qtbot, window)
    detail = cases.find_case(window.db, "TT-2026-0004")
    sensitive_row = next(i for i, item in enumerate(detail.evidence) if item.sensitive)
    entry = dialog.evidence.item(sensitive_row)
    assert entry.checkState() == Qt.CheckState.Unchecked
    assert not entry.flags() & Qt.ItemFlag.ItemIsEnabled
    chosen = dialog.options().evidence_ids
    assert chosen is not None and detail.evidence[sensitive_row].id not in chosen
    dialog.sensitive.setChecked(True)
    assert entry.checkState() == Qt.CheckState.Checked
    assert dialog.options().include_sensitive


def test_each_item_is_named_once_with_why_an_id_is_greyed_out(
    qtbot: QtBot, window: MainWindow
) -> None:
    from appealdesk.ui.base.retranslate import switch_language

    switch_language("nl")  # the demo's titles are Dutch, like its kinds in this language
    dialog = open_export(qtbot, window)
    texts = [dialog.evidence.item(row).text() for row in range(dialog.evidence.count())]
    assert "Bevestiging van het bezwaar" in texts  # its title says its kind: said once
    assert "Melding van de schorsing · Blokkeringsmelding" in texts
    identity = next(t for t in texts if "Identiteitsbewijs" in t)
    assert (
        identity == "Identiteitskaart, voorkant · Identiteitsbewijs (alleen als beschermde kopie)"
    )


def test_the_format_and_language_follow_the_choices(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_export(qtbot, window)
    qtbot.waitUntil(lambda: dialog.preview.page_count > 0, timeout=20_000)
    english = dialog.preview.page_image(0)
    dialog.bundle.setChecked(True)
    assert dialog.options().format is DossierFormat.BUNDLE
    assert dialog.path.text().endswith(".zip")
    dialog.language.setCurrentIndex(dialog.language.index_of("nl"))
    dialog.language.activated.emit(dialog.language.currentIndex())
    assert dialog.options().language == "nl"
    qtbot.waitUntil(lambda: dialog.preview_task is None, timeout=20_000)
    assert dialog.preview.page_count > 0 and dialog.preview.page_image(0) != english


@pytest.mark.subprocess
def test_an_unwritable_place_is_reported_in_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, window)
    dialog.path.setText(str(tmp_path / "missing" / "dossier.pdf"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert dialog.isVisible()
    assert "does not exist" in dialog.error.shown_text()


@pytest.mark.slow
@pytest.mark.subprocess
def test_escape_stops_a_running_export_and_leaves_no_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, window)
    dialog.bundle.setChecked(True)
    folder = tmp_path / "out"
    folder.mkdir()
    dialog.path.setText(str(folder / "dossier.zip"))
    dialog.export_button.click()
    assert dialog.task is not None and dialog.progress.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert dialog.isVisible()  # Escape stopped the export; it did not close the dialog
    assert "cancelled" in dialog.error.shown_text()
    assert list(folder.iterdir()) == []  # not the bundle, nor a half-written one


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_bundle_is_written_by_its_own_process(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, window)
    dialog.bundle.setChecked(True)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "dossier.zip"
    dialog.path.setText(str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=30_000) as finished:
        dialog.export_button.click()
    assert finished.args[0].format is DossierFormat.BUNDLE and finished.args[0].evidence_files
    assert [p.name for p in folder.iterdir()] == ["dossier.zip"]


def test_contradictions_are_named_before_anything_is_written(
    qtbot: QtBot, window: MainWindow
) -> None:
    from appealdesk.domain.enums import Checklist, ChecklistState
    from appealdesk.services import checklists

    detail = cases.find_case(window.db, "TT-2026-0006")
    assert detail.case.id is not None
    checklists.set_item(
        window.db,
        detail.case.id,
        Checklist.BLOCK_SIGNS,
        "cannot_log_in",
        state=ChecklistState.NOT_OBSERVED,
    )
    dialog = open_export(qtbot, window, "TT-2026-0006")
    assert dialog.warnings.isVisible()
    assert "you can still log in" in dialog.warnings.text()
    assert dialog.warnings.textFormat() == Qt.TextFormat.PlainText
    checklists.set_item(
        window.db,
        detail.case.id,
        Checklist.BLOCK_SIGNS,
        "cannot_log_in",
        state=ChecklistState.OBSERVED,
    )
    dialog.show_contradictions()
    assert "you can still log in" not in dialog.warnings.text()


def test_the_proposed_place_exists_even_without_a_documents_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # a fresh account: no Documents folder yet
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    dialog = open_export(qtbot, window)
    proposed = Path(dialog.path.text())
    assert proposed.parent.is_dir() and proposed.name == "TT-2026-0004-platform-en.pdf"
    assert not (tmp_path / "Documents").exists()


def test_the_recipient_chooser_names_the_file_and_asks_for_a_body(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_export(qtbot, window)
    chooser = dialog.recipient
    assert dialog.options().recipient is Recipient.PLATFORM and not chooser.body.isVisible()

    def choose(recipient: Recipient) -> None:
        chooser.recipient.setCurrentIndex(chooser.recipient.index_of(recipient))
        chooser.recipient.activated.emit(chooser.recipient.currentIndex())

    choose(Recipient.ODS)
    assert chooser.body.isVisible()
    options = dialog.options()
    assert options.recipient is Recipient.ODS and options.body_id == chooser.body.value()
    assert Path(dialog.path.text()).name == "TT-2026-0004-ods-en.pdf"
    # what the chosen body needs and the case lacks is said before anything is written
    assert "before a court or another body" in dialog.warnings.text()
    choose(Recipient.LAWYER)
    assert not chooser.body.isVisible() and dialog.options().body_id is None
    assert Path(dialog.path.text()).name == "TT-2026-0004-lawyer-en.pdf"
    assert "before a court or another body" not in dialog.warnings.text()
    dialog.path.setText(str(Path(dialog.path.text()).with_name("mine.pdf")))
    choose(Recipient.PLATFORM)
    assert Path(dialog.path.text()).name == "mine.pdf"  # a name of the user's own is kept
    qtbot.waitUntil(lambda: dialog.preview_task is None, timeout=20_000)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, without Documents (as on a fresh account)."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return folder


def proposed_folder(qtbot: QtBot, window: MainWindow) -> Path:
    """The folder a new export dialog proposes (the dialog is then closed)."""
    dialog = window.export_dossier()
    assert dialog is not None and dialog.isVisible()
    folder = Path(dialog.path.text()).parent
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None)  # closed, it is deleted
    return folder


def test_the_proposed_folder_is_the_last_one_while_it_exists(
    qtbot: QtBot, window: MainWindow, home: Path, tmp_path: Path
) -> None:
    open_case(window, "TT-2026-0004")
    assert proposed_folder(qtbot, window) == home
    (home / "Documents").mkdir()
    assert proposed_folder(qtbot, window) == home / "Documents"
    last = tmp_path / "dossiers"
    last.mkdir()
    window.settings.remember_folder(FolderUse.EXPORT, last)
    assert proposed_folder(qtbot, window) == last
    last.rmdir()  # an unplugged drive, a folder cleaned up
    assert proposed_folder(qtbot, window) == home / "Documents"


def test_a_path_error_goes_as_soon_as_the_path_is_fixed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, window)
    missing = tmp_path / "missing"
    dialog.path.setText(str(missing / "dossier.pdf"))
    assert dialog.error.shown_text() == ""  # nothing is said while typing, before Export
    dialog.export_button.click()
    assert dialog.error.shown_text() == (
        f"The folder {missing} does not exist. Choose another folder."
    )
    dialog.path.setText(str(tmp_path / "other" / "dossier.pdf"))  # still wrong: says why
    assert dialog.error.shown_text().startswith(f"The folder {tmp_path / 'other'} does not")
    dialog.path.setText(str(tmp_path))
    assert dialog.error.shown_text() == f"{tmp_path} is a folder; choose a file name."
    qtbot.keyClicks(dialog.path, "/dossier.pdf")  # typed: fixed at the last key
    assert dialog.error.shown_text() == ""
    dialog.path.clear()
    assert dialog.error.shown_text() == ""  # gone once fixed; not back until Export
    dialog.export_button.click()
    assert dialog.error.shown_text() == "Choose where to save the dossier."
    qtbot.keyClicks(dialog.path, str(tmp_path / "d.pdf"))
    assert dialog.error.shown_text() == ""
    assert window.settings.last_folder(FolderUse.EXPORT) is None  # nothing was exported


@pytest.mark.slow
@pytest.mark.subprocess
def test_after_an_export_the_dossier_and_its_folder_can_be_opened(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    case = cases.find_case(window.db, "TT-2026-0004").case
    assert case.id is not None
    no_font_has_it = "\U0010fffd"  # a private-use character: printed as U+FFFD
    cases.update_case(window.db, case.id, notice_text=f"Geblokkeerd {no_font_has_it}")
    window.outside_changes.poll()  # the test's own change, as if a script had made it
    dialog = open_export(qtbot, window)
    note = dialog.exported_note
    assert not note.isVisible()
    target = folder / "TT-2026-0004-platform-en.pdf"
    dialog.path.setText(str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=30_000):
        dialog.export_button.click()
    assert dialog.isVisible() and note.isVisible()  # the dialog stays, to open what it wrote
    # The window recorded the export in the custody record itself, so its own poll finds no
    # change from elsewhere to read everything again for.
    assert dialog.exported is not None
    exported = [
        entry.details
        for entries in custody.custody_records(window.db, dialog.exported.evidence_ids).values()
        for entry in entries
        if entry.action is CustodyAction.EXPORTED
    ]
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert exported and all(digest in details and target.name in details for details in exported)
    elsewhere: list[object] = []
    window.signals.database_changed_elsewhere.connect(lambda: elsewhere.append(True))
    window.outside_changes.poll()
    assert elsewhere == []
    saved, replaced = note.text.text().split("\n")
    assert saved == f"Saved as {target.name} in {folder}"
    assert replaced.startswith("1 character could not be printed with the fonts on this computer")
    assert f"{no_font_has_it} (U+10FFFD)" in replaced
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    assert window.settings.last_folder(FolderUse.EXPORT) == folder

    with opened_urls("file") as opened:  # what the desktop was asked to open
        qtbot.mouseClick(note.open_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(note.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(target)), QUrl.fromLocalFile(str(folder))]
    assert opened[0].isLocalFile() and Path(opened[0].toLocalFile()) == target

    # A desktop with no program for PDFs: the dialog says so.
    monkeypatch.setattr(desktop, "open_on_desktop", lambda target: False)
    qtbot.mouseClick(note.open_button, Qt.MouseButton.LeftButton)
    assert dialog.error.shown_text() == f"No program could open {target}."

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None)
    assert proposed_folder(qtbot, window) == folder  # the next export starts there
