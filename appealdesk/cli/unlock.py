"""The data key for a command on an encrypted database.

From ``APPEALDESK_PASSPHRASE`` or ``APPEALDESK_RECOVERY_KEY`` (scripts), the keyring, or,
on a terminal, asked once without echo. A key typed at the prompt is stored in the keyring,
so a keyring that lost it has it again.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.i18n import _

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

_RECOVERY_SHAPE = re.compile(r"^\s*([A-Za-z0-9]{5}[\s-]*){10}[A-Za-z0-9]{5}\s*$")


def looks_like_recovery_key(text: str) -> bool:
    return bool(_RECOVERY_SHAPE.match(text))


def key_for_cli(path: Path) -> DataKey | None:
    """None for a plain database; the data key of an encrypted one."""
    from appealdesk.store.encryption.keys import key_file_for
    from appealdesk.store.encryption.unlock import RECOVERY_KEY_SETTING, KeyUnavailableError, unlock

    # Without its key file an encrypted database looks like any file that is not one; only
    # a recovery key given for it makes it worth trying.
    if not key_file_for(path).exists() and not (
        os.environ.get(RECOVERY_KEY_SETTING) and _sealed(path)
    ):
        return None

    try:
        return unlock(path).key
    except KeyUnavailableError as exc:
        if not sys.stdin.isatty():
            hint = _("For a script, set APPEALDESK_PASSPHRASE or APPEALDESK_RECOVERY_KEY.")
            raise KeyUnavailableError(
                f"{exc.message} {hint}",
                keyring_lost=exc.keyring_lost,
                key_file_missing=exc.key_file_missing,
            ) from None
        reason = exc
    import getpass

    typed = getpass.getpass(
        reason.message + "\n" + _("Passphrase or recovery key: "), stream=sys.stderr
    )
    if looks_like_recovery_key(typed):
        return unlock(path, recovery_key=typed, use_environment=False, remember=True).key
    return unlock(path, passphrase=typed, use_environment=False, remember=True).key


def _sealed(path: Path) -> bool:
    """True for a non-empty file that does not start as an SQLite database does."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError:
        return False  # opening it says what is wrong
    return bool(header) and header != b"SQLite format 3\x00"
