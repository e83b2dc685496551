"""The data key for a command on an encrypted database, from ``APPEALDESK_PASSPHRASE``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.i18n import _

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


def key_for_cli(path: Path) -> DataKey | None:
    """None for a plain database; the unwrapped data key of an encrypted one."""
    from appealdesk.store.encryption.keys import KeyFileError, key_file_for, read_key_file

    key_file = key_file_for(path)
    if not key_file.exists():
        return None
    passphrase = os.environ.get("APPEALDESK_PASSPHRASE")
    if not passphrase:
        raise KeyFileError(
            _("This database is encrypted: set APPEALDESK_PASSPHRASE to its passphrase.")
        )
    return read_key_file(key_file).unwrap(passphrase)
