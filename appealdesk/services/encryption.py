"""Making the key of an encrypted database, and converting a database to and from encryption."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import ArgonCost, DataKey


def create_key(database: Path, passphrase: str, *, cost: ArgonCost | None = None) -> DataKey:
    """A new data key for ``database``, wrapped by ``passphrase`` in the key file beside it."""
    from appealdesk.store.encryption.keys import DataKey, KeyFile, key_file_for, write_key_file

    key = DataKey.generate()
    write_key_file(key_file_for(database), KeyFile.create(key, passphrase, cost=cost))
    return key


@dataclass(frozen=True)
class ConversionResult:
    key: DataKey
    evidence_files: int
    plain_backups_removed: int = 0


def _refuse_unless(condition: bool, message: str) -> None:
    from appealdesk.domain.errors import ValidationError

    if not condition:
        raise ValidationError(message)


def encrypt_database(
    database: Path,
    passphrase: str,
    *,
    cost: ArgonCost | None = None,
    lock_held: bool = False,
) -> ConversionResult:
    """Encrypts ``database`` and its evidence in place under a new key wrapped by
    ``passphrase``; the plain files and plain backups are wiped, a new encrypted backup made.
    Any failure before the encrypted file takes the plain one's name leaves all as it was.
    ``lock_held``: the caller (the window) holds the database's instance lock already."""
    from appealdesk.i18n import _
    from appealdesk.store.encryption.detect import is_encrypted_database
    from appealdesk.store.encryption.keys import DataKey, KeyFile, key_file_for, write_key_file

    _refuse_unless(
        not is_encrypted_database(database),
        _("{path} is encrypted already.").format(path=database),
    )
    key = DataKey.generate()
    key_file = KeyFile.create(key, passphrase, cost=cost)
    return _convert(
        database,
        None,
        key,
        before_swap=lambda: write_key_file(key_file_for(database), key_file),
        lock_held=lock_held,
    )


def decrypt_database(database: Path, key: DataKey) -> ConversionResult:
    """Stores ``database`` and its evidence in the clear again; the encrypted files, the key
    file and the encrypted backups are removed, a new plain backup made."""
    from appealdesk.store.conversion import wipe
    from appealdesk.store.encryption.keys import key_file_for

    result = _convert(database, key, None, before_swap=lambda: None)
    wipe(key_file_for(database))
    return ConversionResult(key, result.evidence_files, result.plain_backups_removed)


def _convert(
    database: Path,
    old_key: DataKey | None,
    new_key: DataKey | None,
    *,
    before_swap: Callable[[], None],
    lock_held: bool = False,
) -> ConversionResult:
    import sqlite3

    from appealdesk.domain.enums import BackupReason
    from appealdesk.domain.errors import DatabaseError
    from appealdesk.i18n import _
    from appealdesk.store import conversion, driver
    from appealdesk.store.backup.folder import BackupFolder
    from appealdesk.store.database import open_database
    from appealdesk.store.encryption import cipher_for
    from appealdesk.store.encryption.cipher import FileCipher
    from appealdesk.store.encryption.detect import has_plain_header
    from appealdesk.store.evidence_convert import decrypt_evidence_store, encrypt_evidence_store
    from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
    from appealdesk.store.instance_lock import InstanceLock

    evidence = evidence_dir_for(database)
    new_database = database.with_name(database.name + ".converting")
    new_evidence = evidence.with_name(evidence.name + ".converting")
    old_evidence = evidence.with_name(evidence.name + ".replaced")
    with contextlib.nullcontext() if lock_held else InstanceLock(database):
        if old_evidence.is_dir():
            # A conversion was killed while it swapped the folders: the database's own form
            # says which evidence folder belongs to it (its rename comes last).
            if has_plain_header(database) == (old_key is None):
                if evidence.exists():
                    conversion.wipe_tree(evidence)
                old_evidence.rename(evidence)
            else:
                conversion.wipe_tree(old_evidence)
        open_database(database, create=False, key=old_key).close()  # checks and upgrades
        conversion.wipe(new_database)
        conversion.wipe_tree(new_evidence)
        try:
            conversion.checkpoint(database, old_key)
            conversion.export(database, old_key, new_database, new_key)
            if new_key is not None:
                count = encrypt_evidence_store(evidence, FileCipher(new_key), new_evidence).files
            else:
                assert old_key is not None
                count = decrypt_evidence_store(evidence, FileCipher(old_key), new_evidence).files
            before_swap()
        except driver.errors(sqlite3.Error, OSError, conversion.ConversionCheckError) as exc:
            conversion.wipe(new_database)
            conversion.wipe_tree(new_evidence)
            raise DatabaseError(
                _("{path} could not be converted ({reason}); it is unchanged.").format(
                    path=database, reason=exc
                )
            ) from exc
        if evidence.is_dir():
            evidence.rename(old_evidence)
        if new_evidence.is_dir():
            new_evidence.rename(evidence)
        conversion.replace_database(new_database, database)
        conversion.wipe_tree(old_evidence)
        folder = BackupFolder(database)
        removed = 0
        for backup in folder.backups():
            conversion.wipe(backup.path)
            removed += 1
        conversion.wipe_tree(folder.root / "evidence")
        live = EvidenceStore(evidence, cipher_for(new_key))
        BackupFolder(database, new_key).create(BackupReason.MANUAL, live)
    key = new_key or old_key
    assert key is not None
    return ConversionResult(key, count, removed)
