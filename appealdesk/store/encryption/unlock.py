"""Finding the data key of an encrypted database: from what the user typed, from the
environment of a script, or from the keyring.

Nothing here asks anything: the window and the command line ask, and pass the answer in.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from appealdesk.i18n import _
from appealdesk.store.encryption import keyring_entry
from appealdesk.store.encryption.keys import (
    DataKey,
    EncryptionKeyError,
    KeyFile,
    KeyFileError,
    key_file_for,
    read_key_file,
)

PASSPHRASE_SETTING = "APPEALDESK_PASSPHRASE"
RECOVERY_KEY_SETTING = "APPEALDESK_RECOVERY_KEY"
# Eleven groups of five, as DataKey.recovery_text writes them; a passphrase never looks so.
_RECOVERY_SHAPE = re.compile(r"[\s-]*(?:[A-Za-z0-9]{5}[\s-]*){11}")


def looks_like_recovery_key(text: str) -> bool:
    return bool(_RECOVERY_SHAPE.fullmatch(text))


class KeySource(StrEnum):
    KEYRING = "keyring"
    PASSPHRASE = "passphrase"
    RECOVERY_KEY = "recovery key"


class KeyUnavailableError(EncryptionKeyError):
    """No key was given and the keyring has none: the user must type the passphrase or the
    recovery key. ``keyring_lost``: the keyring had it once and no longer has it."""

    def __init__(self, message: str, *, keyring_lost: bool, key_file_missing: bool) -> None:
        super().__init__(message)
        self.keyring_lost = keyring_lost
        self.key_file_missing = key_file_missing


@dataclass(frozen=True)
class Unlocked:
    key: DataKey
    key_file: KeyFile | None  # None when only the recovery key opened it
    source: KeySource
    remembered: bool  # stored in the keyring by this unlock (asked with ``remember``)


def _key_file(database: Path) -> tuple[KeyFile | None, KeyFileError | None]:
    path = key_file_for(database)
    if not path.exists():
        return None, None
    try:
        return read_key_file(path), None
    except KeyFileError as exc:
        return None, exc


def unlock(
    database: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    use_environment: bool = True,
    remember: bool = False,
) -> Unlocked:
    """The key of the encrypted ``database``.

    Tried in order: ``passphrase``, ``recovery_key``, then (with ``use_environment``)
    ``APPEALDESK_PASSPHRASE`` and ``APPEALDESK_RECOVERY_KEY``, then the keyring. A key that
    came from what was typed is stored in the keyring when ``remember`` is set.
    Raises :class:`WrongKeyError` for a wrong passphrase or recovery key and
    :class:`KeyUnavailableError` when there was nothing to try.
    """
    key_file, damage = _key_file(database)
    if passphrase is None and recovery_key is None and use_environment:
        passphrase = os.environ.get(PASSPHRASE_SETTING) or None
        if passphrase is None:
            recovery_key = os.environ.get(RECOVERY_KEY_SETTING) or None
        elif looks_like_recovery_key(passphrase):  # a recovery key is taken for a passphrase
            passphrase, recovery_key = None, passphrase
    if passphrase is not None:
        if key_file is None:
            raise damage or KeyUnavailableError(
                _(
                    "The key file {path} is missing, so the passphrase cannot open the "
                    "database. Use the recovery key."
                ).format(path=key_file_for(database)),
                keyring_lost=False,
                key_file_missing=True,
            )
        key = key_file.unwrap(passphrase)
        return _typed(key, key_file, KeySource.PASSPHRASE, remember)
    if recovery_key is not None:
        key = DataKey.from_recovery_text(recovery_key)
        if key_file is not None:
            key_file.accept(key)
        return _typed(key, key_file, KeySource.RECOVERY_KEY, remember)
    if key_file is not None:
        stored = keyring_entry.recall(key_file.key_id)
        if stored is not None and stored.check == key_file.check:
            return Unlocked(stored, key_file, KeySource.KEYRING, remembered=True)
    lost = key_file is not None and keyring_entry.was_remembered(key_file.key_id)
    if lost:
        message = _(
            "The keyring of this computer no longer holds the key of {path}. Enter the "
            "passphrase or the recovery key to open it; the key is then stored again."
        )
    elif key_file is None:
        message = _(
            "{path} is encrypted and its key file is missing. Enter the recovery key to open it."
        )
    else:
        message = _("{path} is encrypted. Enter its passphrase or recovery key to open it.")
    raise KeyUnavailableError(
        message.format(path=database.name),
        keyring_lost=lost,
        key_file_missing=key_file is None,
    )


def _typed(key: DataKey, key_file: KeyFile | None, source: KeySource, remember: bool) -> Unlocked:
    remembered = remember and key_file is not None and keyring_entry.remember(key_file.key_id, key)
    return Unlocked(key, key_file, source, remembered)


def remember_key(database: Path, key: DataKey) -> bool:
    """Stores the key of the encrypted ``database`` in the keyring, without deriving it again
    from the passphrase; False when there is no key file or no keyring that takes it."""
    key_file, _damage = _key_file(database)
    return key_file is not None and keyring_entry.remember(key_file.key_id, key_file.accept(key))
