"""The key of an encrypted database for a command.

From ``APPEALDESK_PASSPHRASE`` or ``APPEALDESK_RECOVERY_KEY`` (scripts), the keyring, or
asked once on a terminal, where a recovery key is taken wherever a passphrase is. A key typed
at the prompt is stored in the keyring, so a keyring that lost it has it again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.errors import KeyNeededError
from appealdesk.i18n import _
from appealdesk.store.encryption.detect import is_encrypted_database

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey, KeyFile

PASSPHRASE_VARIABLE = "APPEALDESK_PASSPHRASE"
RECOVERY_VARIABLE = "APPEALDESK_RECOVERY_KEY"


def _asked(prompt: str) -> str | None:
    """The passphrase or recovery key from the environment, or typed on a terminal (not
    echoed)."""
    given = os.environ.get(PASSPHRASE_VARIABLE) or os.environ.get(RECOVERY_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(prompt)


def key_from_secret(secret: str, key_file: KeyFile | None) -> DataKey:
    """The data key that ``secret`` (a passphrase or a recovery key) gives for ``key_file``
    (None when the key file is lost: only a recovery key opens the database then)."""
    from appealdesk.store.encryption.keys import DataKey, WrongKeyError
    from appealdesk.store.encryption.unlock import looks_like_recovery_key

    if looks_like_recovery_key(secret):
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
    """None for a plain database; the key of an encrypted one, from the environment, the
    keyring, or the passphrase or recovery key typed at the prompt."""
    if not is_encrypted_database(path):
        return None
    from appealdesk.store.encryption.unlock import KeyUnavailableError, unlock

    try:
        return unlock(path).key
    except KeyUnavailableError as exc:
        if not sys.stdin.isatty():
            hint = _("For a script, set {passphrase} or {recovery}.").format(
                passphrase=PASSPHRASE_VARIABLE, recovery=RECOVERY_VARIABLE
            )
            raise KeyNeededError(f"{exc.message} {hint}") from None
    import getpass

    secret = getpass.getpass(_("Passphrase or recovery key for {path}: ").format(path=path))
    from appealdesk.store.encryption.unlock import looks_like_recovery_key

    if looks_like_recovery_key(secret):
        return unlock(path, recovery_key=secret, use_environment=False, remember=True).key
    return unlock(path, passphrase=secret, use_environment=False, remember=True).key


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
    from appealdesk.store.encryption.keys import MIN_PASSPHRASE_LENGTH

    if len(given) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(
            _("A passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE_LENGTH)
        )
    return given


def keyring_line(database: Path, key: DataKey) -> str:
    """Stores the new key in the keyring (unless ``APPEALDESK_KEYRING=off``) and says so."""
    from appealdesk.store.encryption.unlock import remember_key

    if remember_key(database, key):
        return _(
            "The key is kept in this computer's keyring, so AppealDesk opens it without asking."
        )
    return _("The key is not kept in a keyring here, so the passphrase is asked for every time.")


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
