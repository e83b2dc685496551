"""What opening a database checks first: the key it needs, its integrity and its revision."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.errors import DamagedDatabaseError, DatabaseError, KeyNeededError
from appealdesk.i18n import _
from appealdesk.store import driver, migrate
from appealdesk.store.encryption.detect import has_plain_header, is_encrypted_database
from appealdesk.store.encryption.detect import key_file_for as _key_file_for
from appealdesk.store.pragmas import connect_read_only

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


def require_matching_key(path: Path, key: DataKey | None) -> None:
    """Raises when ``key`` cannot be the key of the database at ``path``: none for an
    encrypted one, one for a plain one, or not the key its key file was made for."""
    if key is None:
        if is_encrypted_database(path):
            raise KeyNeededError(
                _(
                    "The database {path} is encrypted: give its passphrase or recovery key "
                    "to open it."
                ).format(path=path)
            )
        return
    if has_plain_header(path):
        raise DatabaseError(
            _("The database {path} is not encrypted; it opens without a key.").format(path=path)
        )
    if _stored_key_check(path) not in (None, key.check):
        raise _wrong_key(path)


def _stored_key_check(path: Path) -> str | None:
    """The check value of the key file beside ``path``; None without a readable one."""
    from appealdesk.store.encryption.keys import EncryptionKeyError, read_key_file

    key_file = _key_file_for(path)
    if not key_file.exists():
        return None
    try:
        return read_key_file(key_file).check
    except EncryptionKeyError:
        return None


def _wrong_key(path: Path) -> Exception:
    from appealdesk.store.encryption.keys import WrongKeyError

    return WrongKeyError(
        _("That key does not open the database {path}. Nothing was changed.").format(path=path)
    )


def inspect_database(path: Path, key: DataKey | None, *, read_only: bool = False) -> str | None:
    """Quick integrity check and the stored schema revision, without the ORM."""
    try:
        connection = connect_read_only(path, key) if read_only else driver.connect(path, key)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise DamagedDatabaseError(
                    _("The database {path} is damaged ({detail}).").format(
                        path=path, detail=check[0] if check else "?"
                    )
                )
            revision = migrate.stored_revision(connection)
            if revision is None:
                tables = connection.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
                if tables:
                    raise DamagedDatabaseError(
                        _("{path} is an SQLite file, but not an AppealDesk database.").format(
                            path=path
                        )
                    )
            return revision
        finally:
            connection.close()
    except driver.errors(sqlite3.DatabaseError) as exc:
        if "file is not a database" in str(exc):
            # SQLCipher says the same of a wrong key and of a damaged first page; a key
            # that matches the key file's check is the right one.
            if key is not None and _stored_key_check(path) != key.check:
                raise _wrong_key(path) from None
            raise DamagedDatabaseError(
                _("{path} is not an AppealDesk database.").format(path=path)
            ) from exc
        raise DamagedDatabaseError(
            _("The database {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc
