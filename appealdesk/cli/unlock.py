"""The key of an encrypted database for a command: from ``APPEALDESK_PASSPHRASE`` (for
scripts) or asked on the terminal; a recovery key is taken wherever a passphrase is."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.errors import KeyNeededError
from appealdesk.i18n import _
from appealdesk.store.encryption.detect import is_encrypted_database

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey, KeyFile

PASSPHRASE_VARIABLE = "APPEALDESK_PASSPHRASE"
MIN_PASSPHRASE = 8
# Eleven groups of five, as DataKey.recovery_text writes them; a passphrase never looks so.
_RECOVERY_SHAPE = re.compile(r"[\s-]*(?:[A-Za-z0-9]{5}[\s-]*){11}")


def _asked(prompt: str) -> str | None:
    """The passphrase from the environment, or typed on a terminal (not echoed)."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(prompt)


def key_from_secret(secret: str, key_file: KeyFile | None) -> DataKey:
    """The data key that ``secret`` (a passphrase or a recovery key) gives for ``key_file``
    (None when the key file is lost: only a recovery key opens the database then)."""
    from appealdesk.store.encryption.keys import DataKey, WrongKeyError

    if _RECOVERY_SHAPE.fullmatch(secret):
        key = DataKey.from_recovery_text(secret)
        return key if key_file is None else key_file.accept(key)
    if key_file is None:
        raise WrongKeyError(
            _("The key file is missing: only the recovery key opens the database now.")
        )
    return key_file.unwrap(secret)


def key_for_secret_of(key_file: KeyFile | None, what: Path) -> DataKey:
    """Asks for the passphrase or recovery key of ``what`` (a database or a backup)."""
    secret = _asked(_("Passphrase or recovery key for {path}: ").format(path=what))
    if secret is None:
        raise KeyNeededError(
            _(
                "{path} is encrypted: give its passphrase or recovery key "
                "(in {variable} for a script)."
            ).format(path=what, variable=PASSPHRASE_VARIABLE)
        )
    return key_from_secret(secret, key_file)


def key_for_cli(path: Path) -> DataKey | None:
    """None for a plain database; the key of an encrypted one, unwrapped from its key file
    with the passphrase (or the recovery key) the user gives."""
    if not is_encrypted_database(path):
        return None
    from appealdesk.store.encryption.keys import key_file_for, read_key_file

    key_file = key_file_for(path)
    return key_for_secret_of(read_key_file(key_file) if key_file.exists() else None, path)


def new_passphrase() -> str:
    """The passphrase for a new key: from ``APPEALDESK_PASSPHRASE``, or typed twice."""
    from appealdesk.domain.errors import ValidationError

    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given is None:
        if not sys.stdin.isatty():
            raise ValidationError(
                _("Give the passphrase in {variable}, or run this in a terminal.").format(
                    variable=PASSPHRASE_VARIABLE
                )
            )
        import getpass

        given = getpass.getpass(_("New passphrase: "))
        if getpass.getpass(_("The same passphrase again: ")) != given:
            raise ValidationError(_("The two passphrases differ; nothing was changed."))
    if len(given) < MIN_PASSPHRASE:
        raise ValidationError(
            _("A passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE)
        )
    return given


def recovery_lines(key: DataKey) -> list[str]:
    """What a command prints once about the recovery key of a new key."""
    return [
        _("Recovery key (shown only now):"),
        f"    {key.recovery_text()}",
        _(
            "Store it on paper or in a password manager, away from this computer: it opens "
            "the database when the passphrase is forgotten or the key file is lost."
        ),
    ]


def key_for_restore(database: Path, source: Path) -> DataKey | None:
    """The key for restoring ``source`` into ``database``: the database's own when it opens
    the backup too, otherwise the one the backup's key file gives for the passphrase or
    recovery key asked for. None for a plain backup into a plain database."""
    from appealdesk.services.restore import backup_is_encrypted
    from appealdesk.store.backup.archive import archive_key_file, is_archive
    from appealdesk.store.encryption.keys import KeyFile

    live_key = key_for_cli(database) if database.exists() else None
    if not backup_is_encrypted(source):
        return live_key
    text = archive_key_file(source) if is_archive(source) else None
    key_file = KeyFile.from_json(text) if text else None
    if live_key is not None and (key_file is None or key_file.check == live_key.check):
        return live_key
    return key_for_secret_of(key_file, source)
