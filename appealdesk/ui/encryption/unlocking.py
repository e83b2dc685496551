"""The key of the database the window opens: from the keyring, or asked for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


class UnlockCancelledError(Exception):
    """The user closed the unlock dialog: the database stays closed."""


def key_for_window(path: Path, parent: QWidget | None = None) -> DataKey | None:
    """None for a plain database; the key of an encrypted one, from the environment or the
    keyring, else as the user types it. Raises :class:`UnlockCancelledError` when they cancel."""
    from appealdesk.store.encryption.detect import is_encrypted_database

    if not is_encrypted_database(path):
        return None
    from appealdesk.store.encryption.keys import WrongKeyError, key_file_for
    from appealdesk.store.encryption.unlock import KeyUnavailableError, unlock
    from appealdesk.ui.encryption.unlock_dialog import ask_for_key

    try:
        return unlock(path).key
    except KeyUnavailableError as exc:
        reason = exc
    except WrongKeyError as exc:  # a passphrase in the environment that does not fit
        reason = KeyUnavailableError(
            exc.message, keyring_lost=False, key_file_missing=not key_file_for(path).exists()
        )
    unlocked = ask_for_key(path, reason, parent)
    if unlocked is None:
        raise UnlockCancelledError
    return unlocked.key
