"""Finding the key: typed passphrase or recovery key, a script's environment, the keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from appealdesk.store.encryption.keys import (
    TEST_COST,
    DataKey,
    KeyFile,
    KeyFileError,
    WrongKeyError,
    key_file_for,
    write_key_file,
)
from appealdesk.store.encryption.unlock import KeySource, KeyUnavailableError, unlock


@pytest.fixture
def encrypted(tmp_path: Path) -> tuple[Path, DataKey]:
    database = tmp_path / "cases.db"
    key = DataKey.generate()
    write_key_file(key_file_for(database), KeyFile.create(key, "correct horse", cost=TEST_COST))
    return database, key


def test_the_passphrase_opens_and_a_wrong_one_is_refused(encrypted: tuple[Path, DataKey]) -> None:
    database, key = encrypted
    unlocked = unlock(database, passphrase="correct horse")
    assert unlocked.key == key and unlocked.source is KeySource.PASSPHRASE
    with pytest.raises(WrongKeyError, match="passphrase does not open"):
        unlock(database, passphrase="correct hors")


def test_the_recovery_key_opens_even_without_the_key_file(
    encrypted: tuple[Path, DataKey],
) -> None:
    database, key = encrypted
    text = key.recovery_text()
    assert unlock(database, recovery_key=text).source is KeySource.RECOVERY_KEY
    with pytest.raises(WrongKeyError):
        unlock(database, recovery_key=DataKey.generate().recovery_text())
    key_file_for(database).unlink()
    assert unlock(database, recovery_key=text.lower()).key == key
    with pytest.raises(KeyUnavailableError, match="recovery key") as missing:
        unlock(database, passphrase="correct horse")
    assert missing.value.key_file_missing


def test_a_script_gives_the_passphrase_in_its_environment(
    encrypted: tuple[Path, DataKey], monkeypatch: pytest.MonkeyPatch
) -> None:
    database, key = encrypted
    with pytest.raises(KeyUnavailableError, match="Enter its passphrase or recovery key"):
        unlock(database)
    monkeypatch.setenv("APPEALDESK_PASSPHRASE", "correct horse")
    assert unlock(database).key == key
    assert unlock(database, use_environment=False, passphrase="correct horse").key == key
    monkeypatch.setenv("APPEALDESK_PASSPHRASE", "wrong")
    with pytest.raises(WrongKeyError):
        unlock(database)
    monkeypatch.delenv("APPEALDESK_PASSPHRASE")
    monkeypatch.setenv("APPEALDESK_RECOVERY_KEY", key.recovery_text())
    assert unlock(database).source is KeySource.RECOVERY_KEY


def test_without_a_working_keyring_nothing_is_remembered(
    encrypted: tuple[Path, DataKey],
) -> None:
    database, _key = encrypted
    assert not unlock(database, passphrase="correct horse", remember=True).remembered
    with pytest.raises(KeyUnavailableError) as needed:
        unlock(database)
    assert not needed.value.keyring_lost


def test_a_damaged_key_file_is_named_but_the_recovery_key_still_opens(
    encrypted: tuple[Path, DataKey],
) -> None:
    database, key = encrypted
    key_file_for(database).write_text("{broken")
    with pytest.raises(KeyFileError):
        unlock(database, passphrase="correct horse")
    assert unlock(database, recovery_key=key.recovery_text()).key == key
