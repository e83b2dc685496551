"""The export dialog with an identity document that is not protected yet."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from appealdesk.ui.evidence.redaction import RedactionEditor
from appealdesk.ui.main_window.window import MainWindow
from tests.export.test_id_copies import CASE, add_id
from tests.ui.dossier.test_dialog import open_export


def test_the_dialog_names_the_id_refuses_to_export_and_leads_to_the_black_out_editor(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    item = add_id(window.db)
    dialog = open_export(qtbot, window, CASE)
    note = dialog.unprotected
    assert not note.isVisible()  # identity documents are not included yet
    dialog.sensitive.setChecked(True)
    assert note.isVisible()
    assert "“Identity card” has no black-out areas yet" in note.text.text()
    assert note.button.text() == "Black &out “Identity card”…"
    qtbot.waitUntil(lambda: "No preview" in dialog.preview.status.text(), timeout=20_000)
    assert "an identity document is not protected yet" in dialog.preview.status.text()

    target = tmp_path / "dossier.pdf"
    dialog.path.setText(str(target))
    assert dialog.start_export() is None
    assert dialog.error.shown_text().startswith("Nothing was exported")
    assert "“Identity card”" in dialog.error.shown_text()
    assert not target.exists()

    note.button.click()
    assert not dialog.isVisible()
    editor = window.findChild(RedactionEditor)
    assert isinstance(editor, RedactionEditor) and editor.isVisible()
    assert window._editor is not None
    assert window._editor.tabs.currentWidget() is window._editor.evidence
    selected = window._editor.evidence.selected_item()
    assert selected is not None and selected.id == item.id
    editor.reject()


def test_a_confirmed_id_leaves_no_note(qtbot: QtBot, window: MainWindow) -> None:
    import datetime as dt

    from appealdesk.services import evidence

    item = add_id(window.db)
    assert item.id is not None
    evidence.update_evidence(window.db, item.id, no_blackout_confirmed_at=dt.datetime(2026, 12, 5))
    dialog = open_export(qtbot, window, CASE)
    dialog.sensitive.setChecked(True)
    assert not dialog.unprotected.isVisible()
    qtbot.waitUntil(lambda: dialog.preview.page_count > 0, timeout=20_000)
    assert item.id in (dialog.options().evidence_ids or ())


def test_an_ampersand_in_the_title_is_shown_not_taken_as_a_mnemonic(
    qtbot: QtBot, window: MainWindow
) -> None:
    from appealdesk.services import evidence

    item = add_id(window.db)
    assert item.id is not None
    evidence.update_evidence(window.db, item.id, title="Paspoort R&D")
    dialog = open_export(qtbot, window, CASE)
    dialog.sensitive.setChecked(True)
    assert dialog.unprotected.button.text() == "Black &out “Paspoort R&&D”…"
