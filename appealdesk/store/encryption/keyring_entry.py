"""The data key in the operating system's keyring, so the user is not asked at every start.

The entry is named after the key file's key id, not the database's path, so a database that
is moved or renamed still finds it. Any failure of the keyring (none installed, locked, a
changed backend) makes it "not there": the passphrase or the recovery key opens the database,
and the key is stored again.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
from pathlib import Path

from appealdesk.store.encryption.keys import KEY_BYTES, DataKey

SERVICE = "AppealDesk"
# Set to "off" to keep the keyring out of it (scripts, shared machines).
KEYRING_SETTING = "APPEALDESK_KEYRING"

log = logging.getLogger(__name__)


def _account(key_id: str) -> str:
    return f"database key {key_id}"


def _remembered_list() -> Path:
    """Which key ids this user's keyring was given: so a key that vanished from it (a new
    keyring, a changed backend) can be told from one that was never stored."""
    from platformdirs import user_state_path

    return user_state_path("AppealDesk", appauthor=False) / "keyring-entries.json"


def _read_remembered() -> set[str]:
    try:
        data = json.loads(_remembered_list().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {item for item in data if isinstance(item, str)} if isinstance(data, list) else set()


def _write_remembered(ids: set[str]) -> None:
    from appealdesk.store.files import make_private_dir, written_atomically

    path = _remembered_list()
    try:
        make_private_dir(path.parent)
        with written_atomically(path) as temporary:
            temporary.write_text(json.dumps(sorted(ids)), encoding="utf-8")
    except OSError as exc:
        log.info("the list of keyring entries could not be saved (%s)", type(exc).__name__)


def was_remembered(key_id: str) -> bool:
    """True when this user's keyring was given the key of ``key_id`` and not told to forget it."""
    return key_id in _read_remembered()


def enabled() -> bool:
    return os.environ.get(KEYRING_SETTING, "").strip().lower() not in {"off", "0", "no"}


def recall(key_id: str) -> DataKey | None:
    """The key stored for ``key_id``, or None when there is none or the keyring fails."""
    if not enabled():
        return None
    try:
        import keyring

        text = keyring.get_password(SERVICE, _account(key_id))
    except Exception as exc:  # every backend has errors of its own
        log.info("the keyring could not be read (%s)", type(exc).__name__)
        return None
    if not text:
        return None
    try:
        secret = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return DataKey(secret) if len(secret) == KEY_BYTES else None


def remember(key_id: str, key: DataKey) -> bool:
    """Stores ``key``; False when the keyring cannot (none installed, refused, locked)."""
    if not enabled():
        return False
    try:
        import keyring

        keyring.set_password(SERVICE, _account(key_id), base64.b64encode(key.secret).decode())
    except Exception as exc:
        log.info("the keyring could not store the key (%s)", type(exc).__name__)
        return False
    _write_remembered(_read_remembered() | {key_id})
    return True


def forget(key_id: str) -> None:
    _write_remembered(_read_remembered() - {key_id})
    if not enabled():
        return
    try:
        import keyring

        keyring.delete_password(SERVICE, _account(key_id))
    except Exception as exc:
        log.info("the keyring entry could not be removed (%s)", type(exc).__name__)
