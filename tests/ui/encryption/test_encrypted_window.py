"""The window on an encrypted database: asked for the key, then everything works with it."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from appealdesk.services.encryption import encrypt_database
from appealdesk.store.encryption.keys import TEST_COST, DataKey
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.dossier.dialog import ExportDialog
from appealdesk.ui.encryption.secrets_dialogs import PassphraseDialog, RecoveryKeyDialog
from appealdesk.ui.encryption.unlock_dialog import UnlockDialog
from appealdesk.ui.host import WindowHost
from tests.images import write_image
from tests.ui.dossier.test_dialog import open_export
from tests.ui.evidence.test_tab import open_evidence, wait_for_import

PASSPHRASE = "zeven zwarte zwanen zwemmen"


@pytest.fixture
def encrypted_demo(demo_path: Path) -> tuple[Path, DataKey]:
    return demo_path, encrypt_database(demo_path, PASSPHRASE, cost=TEST_COST).key


def _host(path: Path, tmp_path: Path, hosts: list[WindowHost]) -> WindowHost:
    host = WindowHost(path, AppSettings(tmp_path / "settings.ini"), daily_backup_delay_ms=3_600_000)
    hosts.append(host)
    return host


def _answer_unlock(typed: list[str], seen: list[str]) -> None:
    """Types each of ``typed`` into the unlock dialog as it comes up; Escape after the last."""

    def answer() -> None:
        shown = (w for w in QApplication.topLevelWidgets() if w.isVisible())
        dialog = next((w for w in shown if isinstance(w, UnlockDialog)), None)
        if dialog is None:  # not yet up (an earlier test's, hidden, does not count)
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.error.shown_text())
        if not typed:
            dialog.reject()
            return
        dialog.secret.setText(typed.pop(0))
        dialog.try_key()
        if dialog.isVisible():
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def _answer(kind: type[QWidget], action: Callable[[Any], None]) -> None:
    """Runs ``action`` on the dialog of ``kind`` once it is on screen."""

    def answer() -> None:
        shown = (w for w in QApplication.topLevelWidgets() if w.isVisible())
        dialog = next((w for w in shown if isinstance(w, kind)), None)
        if dialog is None:
            QTimer.singleShot(20, answer)
        else:
            action(dialog)

    QTimer.singleShot(20, answer)


def test_the_window_encrypts_its_database_and_shows_the_recovery_key_once(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    host = _host(demo_path, tmp_path, hosts)
    assert host.start() and host.window is not None
    assert host.window.menus.encrypt.isVisible()
    shown: list[str] = []

    def choose(dialog: PassphraseDialog) -> None:
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        dialog.take()
        _answer(RecoveryKeyDialog, stored)

    def stored(dialog: RecoveryKeyDialog) -> None:
        shown.append(dialog.key.text())
        dialog.stored.click()
        dialog.done_button.click()

    _answer(PassphraseDialog, choose)
    host.window.menus.encrypt.trigger()
    qtbot.waitUntil(lambda: host.window is not None and bool(shown), timeout=60_000)
    window = host.window
    assert window is not None and host.key is not None
    assert DataKey.from_recovery_text(shown[0]) == host.key
    assert not demo_path.read_bytes().startswith(b"SQLite format 3")
    assert "are encrypted" in window.message_bar.text()
    assert not window.menus.encrypt.isVisible()
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() > 0, timeout=10_000)


def test_the_window_asks_for_the_passphrase_and_opens_the_database(
    qtbot: QtBot, encrypted_demo: tuple[Path, DataKey], tmp_path: Path, hosts: list[WindowHost]
) -> None:
    path, key = encrypted_demo
    seen: list[str] = []
    _answer_unlock(["not the passphrase", PASSPHRASE], seen)
    host = _host(path, tmp_path, hosts)
    assert host.start()
    assert seen == ["", "That passphrase does not open this database."]
    assert host.db is not None and host.db.key == key
    window = host.window
    assert window is not None
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() > 0, timeout=10_000)
    # New evidence goes in sealed, and its thumbnail is shown from the sealed cache.
    _case_id, tab = open_evidence(window)
    tab.import_paths([write_image(tmp_path / "melding.png", text="versleuteld")])
    wait_for_import(qtbot, tab)
    item = tab.model.item_at(tab.model.rowCount() - 1)
    assert item is not None and item.title == "melding"
    tab.thumbnails.wait()
    qtbot.waitUntil(lambda: tab.thumbnails.icon(item.sha256, "image/png") is not None)
    stored = host.db.evidence.path_for(item.sha256)
    assert item.sha256 not in str(stored) and b"\x89PNG" not in stored.read_bytes()


def test_cancelling_the_question_leaves_the_database_closed(
    encrypted_demo: tuple[Path, DataKey], tmp_path: Path, hosts: list[WindowHost]
) -> None:
    path, _key = encrypted_demo
    seen: list[str] = []
    _answer_unlock([], seen)
    host = _host(path, tmp_path, hosts)
    assert not host.start()
    assert host.db is None and host.window is None
    assert not host.lock.held


def test_a_script_given_passphrase_opens_the_window_without_asking(
    encrypted_demo: tuple[Path, DataKey],
    tmp_path: Path,
    hosts: list[WindowHost],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, key = encrypted_demo
    monkeypatch.setenv("APPEALDESK_PASSPHRASE", PASSPHRASE)
    host = _host(path, tmp_path, hosts)
    assert host.start()
    assert host.db is not None and host.db.key == key


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_export_says_it_is_plain_and_carries_the_originals(
    qtbot: QtBot,
    encrypted_demo: tuple[Path, DataKey],
    tmp_path: Path,
    hosts: list[WindowHost],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _key = encrypted_demo
    monkeypatch.setenv("APPEALDESK_PASSPHRASE", PASSPHRASE)
    host = _host(path, tmp_path, hosts)
    assert host.start() and host.window is not None
    dialog = open_export(qtbot, host.window)
    assert dialog.plain_note.isVisible()
    assert "the exported dossier and bundle are not" in dialog.plain_note.label.text()
    qtbot.waitUntil(lambda: dialog.preview.page_count > 0, timeout=30_000)
    target = tmp_path / "out" / "dossier.pdf"
    target.parent.mkdir()
    dialog.path.setText(str(target))
    monkeypatch.delenv("APPEALDESK_PASSPHRASE")  # the export process gets the key from the window
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000):
        dialog.export_button.click()
    folder = tmp_path / "attached"
    folder.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(folder), str(target)], check=True)
    attached = {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    included = {
        item.sha256
        for item in dialog.detail.evidence
        if item.include_in_dossier and not item.sensitive
    }
    assert included and included <= attached
    dialog.close()
    qtbot.waitUntil(lambda: host.window.findChild(ExportDialog) is None)  # type: ignore[union-attr]
