"""The unlock, passphrase and recovery key dialogs, typed into as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from appealdesk.store.encryption.keys import (
    TEST_COST,
    DataKey,
    KeyFile,
    key_file_for,
    write_key_file,
)
from appealdesk.store.encryption.unlock import KeySource, KeyUnavailableError, unlock
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.encryption.secrets_dialogs import PassphraseDialog, RecoveryKeyDialog
from appealdesk.ui.encryption.unlock_dialog import UnlockDialog

PASSPHRASE = "rode fiets in de regen"


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, DataKey]:
    path = tmp_path / "cases.db"
    key = DataKey.generate()
    write_key_file(key_file_for(path), KeyFile.create(key, PASSPHRASE, cost=TEST_COST))
    return path, key


def _reason(path: Path) -> KeyUnavailableError:
    with pytest.raises(KeyUnavailableError) as needed:
        unlock(path)
    return needed.value


def _asking(qtbot: QtBot, path: Path) -> UnlockDialog:
    """The unlock dialog on screen, as the window shows it when the keyring has no key."""
    dialog = UnlockDialog(path, _reason(path))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_passphrase_is_said_and_what_was_typed_stays(
    qtbot: QtBot, database: tuple[Path, DataKey]
) -> None:
    path, key = database
    dialog = _asking(qtbot, path)
    secret = dialog.secret
    assert secret.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(secret, PASSPHRASE + "x")
    qtbot.keyClick(secret, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.unlocked is None
    assert "does not open" in dialog.error.shown_text()
    assert secret.text() == PASSPHRASE + "x"
    qtbot.keyClick(secret, Qt.Key.Key_End)
    qtbot.keyClick(secret, Qt.Key.Key_Backspace)
    assert dialog.error.shown_text() == ""
    qtbot.keyClick(secret, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.unlocked is not None and dialog.unlocked.key == key
    assert dialog.unlocked.source is KeySource.PASSPHRASE


def test_the_recovery_key_is_typed_in_the_clear_and_opens(
    qtbot: QtBot, database: tuple[Path, DataKey]
) -> None:
    path, key = database
    dialog = _asking(qtbot, path)
    dialog.use_recovery.click()
    assert dialog.secret.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.secret_label.text().replace("&", "") == "Recovery key:"
    qtbot.keyClicks(dialog.secret, key.recovery_text().lower())
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert dialog.unlocked is not None and dialog.unlocked.key == key


def test_without_the_key_file_only_the_recovery_key_is_offered(
    qtbot: QtBot, database: tuple[Path, DataKey]
) -> None:
    path, _key = database
    key_file_for(path).unlink()
    dialog = UnlockDialog(path, _reason(path))
    qtbot.addWidget(dialog)
    assert not dialog.use_passphrase.isEnabled() and dialog.use_recovery.isChecked()
    assert "cases.key" in dialog.explanation.text()


def test_the_dialog_speaks_dutch_after_a_switch(
    qtbot: QtBot, database: tuple[Path, DataKey]
) -> None:
    path, _key = database
    dialog = _asking(qtbot, path)
    switch_language("nl")
    assert dialog.windowTitle() == "Versleutelde database openen"
    assert "versleuteld" in dialog.heading.text()


def test_a_new_passphrase_must_be_long_and_typed_twice_alike(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PassphraseDialog(tmp_path / "cases.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first, "kort")
    qtbot.keyClicks(dialog.second, "kort")
    dialog.take()
    assert "at least 10 characters" in dialog.error.shown_text()
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "!")
    dialog.take()
    assert "differ" in dialog.error.shown_text() and dialog.isVisible()
    dialog.second.setText(PASSPHRASE)
    dialog.take()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.passphrase == PASSPHRASE


def test_the_recovery_key_stays_until_the_user_says_it_is_stored(
    qtbot: QtBot, tmp_path: Path
) -> None:
    text = DataKey.generate().recovery_text()
    dialog = RecoveryKeyDialog(text, tmp_path / "cases.db")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.key.text() == text and dialog.key.isReadOnly()
    assert not dialog.done_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == text
    dialog.stored.click()
    assert dialog.done_button.isEnabled()
    dialog.done_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    QApplication.clipboard().clear()
