"""Restoring a backup, and getting back to work after the database was damaged.

The window closes its own connections first and the instance lock keeps other windows out;
programs beside it are kept out by the database's exclusive lock, held from before the
current content is kept aside until the restored content is committed (see
:mod:`appealdesk.store.backup.restore`). Everything is checked before anything is replaced: an
archive against its limits (:mod:`appealdesk.store.backup.archive`), then the copy of the
database: exactly AppealDesk's schema of a revision this AppealDesk knows, whole, and only
values the app writes (:mod:`appealdesk.store.schema_check`). Only then do the evidence files
go into the live evidence folder, right before the database that refers to them, and the
current content is kept aside, never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.errors import (
    DamagedDatabaseError,
    DatabaseError,
    KeyNeededError,
    NewerDatabaseError,
)
from appealdesk.i18n import _
from appealdesk.services.file_errors import file_error
from appealdesk.store import driver, migrate, schema_check, search_index
from appealdesk.store.backup.archive import (
    BadArchiveError,
    archive_key_file,
    is_archive,
    unpack_archive,
)
from appealdesk.store.backup.folder import BackupFile, BackupFolder, referenced_digests
from appealdesk.store.backup.online_copy import backup_database, is_readable
from appealdesk.store.backup.restore import (
    bring_in_evidence,
    copy_into,
    exclusive_access,
    install_new,
    keep_damaged,
    set_aside,
)
from appealdesk.store.database_inspect import require_matching_key
from appealdesk.store.encryption import cipher_for
from appealdesk.store.encryption.detect import is_encrypted_database
from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
from appealdesk.store.lock_guard import database_file_identities, identity
from appealdesk.store.work_folder import clear_leftovers, work_item

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

log = logging.getLogger(__name__)


class _Refusal:
    """Why a restore was refused, as a fixed word for the log (the message names files)."""

    NO_FILE = "no-such-file"
    IS_DATABASE = "is-the-database"
    NO_FOLDER = "no-folder"
    BAD_ARCHIVE = "not-a-whole-archive"
    NOT_A_DATABASE = "not-a-database"
    UNACCEPTABLE = "not-appealdesk-schema"
    NEWER = "newer-schema"


def _refused(kind: str, error: Exception) -> Exception:
    log.warning("restore refused: %s", kind)
    return error


def _failure_kind(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{type(exc).__name__} {errno.errorcode.get(exc.errno, exc.errno)}"
    return type(exc).__name__


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    kept_aside: Path | None  # where the replaced database went (None when there was none)
    evidence_missing: tuple[str, ...]  # files the restored database refers to but lacks


@dataclass(frozen=True)
class _Incoming:
    database: Path  # the backup's database, to be copied and checked
    evidence: EvidenceStore  # where its evidence files are
    unpacked: bool  # True: they were unpacked into the work item and may be moved


def _database_copy(source: Path, work: Path, live: EvidenceStore, key: DataKey | None) -> _Incoming:
    """The database inside ``source`` and where its evidence is; nothing of an archive
    leaves ``work`` here, and ``live`` is only asked which files it has."""
    if is_archive(source):
        try:
            unpacked = unpack_archive(source, work, live.exists, key)
        except BadArchiveError as exc:
            raise _refused(
                _Refusal.BAD_ARCHIVE,
                DamagedDatabaseError(
                    _("{path} is not a whole AppealDesk backup ({reason}).").format(
                        path=source, reason=exc
                    )
                ),
            ) from exc
        return _Incoming(unpacked.database, unpacked.evidence, unpacked=True)
    if not is_readable(source, key):
        raise _refused(
            _Refusal.NOT_A_DATABASE,
            DamagedDatabaseError(
                _("{path} is damaged or not a database; choose another backup.").format(path=source)
            ),
        )
    folder_evidence = EvidenceStore(source.parent / "evidence", cipher_for(key))
    return _Incoming(source, folder_evidence, unpacked=False)


def backup_is_encrypted(source: Path) -> bool:
    """True for the archive or database copy of an encrypted database."""
    try:
        if is_archive(source):
            return archive_key_file(source) is not None
    except BadArchiveError:
        return False  # the restore itself says what is wrong with it
    # A copy is judged as a database is: random bytes in whole pages; a text file named
    # ``.db`` is no encrypted backup, and the restore says what it is instead.
    return is_encrypted_database(source)


def _key_for(database: Path, source: Path, key: DataKey | None) -> DataKey | None:
    """The key the restore works with: that of an encrypted backup, which must be that of
    the database too when it is there; None for a plain backup into a plain database."""
    encrypted = backup_is_encrypted(source)
    if encrypted and key is None:
        raise KeyNeededError(
            _("The backup {path} is encrypted: give its passphrase or recovery key.").format(
                path=source
            )
        )
    mismatch = DatabaseError(
        _(
            "{source} cannot be restored into {path}: one is encrypted and the other "
            "is not. Encrypt or decrypt the database first; nothing was changed."
        ).format(source=source, path=database)
    )
    if database.exists() and is_encrypted_database(database):
        # Never taken for damaged (and set aside) only because it was not given its key.
        if key is None:
            raise KeyNeededError(
                _("The database {path} is encrypted: give its passphrase or recovery key.").format(
                    path=database
                )
            )
        require_matching_key(database, key)
        if not encrypted and is_readable(database, key):
            raise mismatch
    elif encrypted and database.exists() and is_readable(database):
        raise mismatch
    return key if encrypted else None


def _install_key_file(database: Path, source: Path, key: DataKey) -> None:
    """Gives a restored encrypted database the key file that came with its backup, unless
    the one beside it is for the same key already."""
    from appealdesk.store.encryption.keys import (
        EncryptionKeyError,
        KeyFile,
        key_file_for,
        read_key_file,
        write_key_file,
    )

    target = key_file_for(database)
    try:
        if target.exists() and read_key_file(target).check == key.check:
            return
    except EncryptionKeyError:
        pass
    text = archive_key_file(source) if is_archive(source) else None
    if text:
        write_key_file(target, KeyFile.from_json(text))


def _accept(staging: Path, source: Path, database: Path, key: DataKey | None) -> None:
    """Refuses ``staging`` (the copy of ``source``) unless it is exactly an AppealDesk
    database of a revision this AppealDesk knows, whole, with only values the app writes."""
    try:
        revision = schema_check.revision_of(staging, key)
        migrate.needs_upgrade(revision)  # raises for a database of a newer AppealDesk
        schema_check.check_database(staging, revision, database, key=key)
    except NewerDatabaseError:
        log.warning("restore refused: %s", _Refusal.NEWER)
        raise
    except schema_check.UnacceptableDatabaseError as exc:
        raise _refused(
            _Refusal.UNACCEPTABLE,
            DamagedDatabaseError(
                _("{path} cannot be restored: {reason}. Nothing was changed.").format(
                    path=source, reason=exc.reason
                )
            ),
        ) from exc


def _index_anew(staging: Path, key: DataKey | None) -> None:
    """The search indexes of the accepted copy, made from its checked rows: the backup's own
    were not checked and may hold anything."""
    connection = driver.connect(staging, key)
    try:
        with connection:
            search_index.rebuild(connection)
    finally:
        connection.close()


def restore(
    database: Path, source: Path, *, now: dt.datetime | None = None, key: DataKey | None = None
) -> RestoreResult:
    """Replaces ``database`` by the backup ``source`` (an archive or a database copy).

    ``key``: the data key of an encrypted backup, which is the key of the database too (an
    encrypted backup goes into an encrypted database with the same key, or where there is
    no usable database; a plain one into a plain database)."""
    database, source = database.absolute(), source.expanduser().absolute()
    if not source.is_file():
        raise _refused(
            _Refusal.NO_FILE,
            DatabaseError(_("There is no backup file at {path}.").format(path=source)),
        )
    if identity(source) in database_file_identities(database):
        raise _refused(
            _Refusal.IS_DATABASE, DatabaseError(_("That is the database itself; choose a backup."))
        )
    if not database.parent.is_dir():
        raise _refused(
            _Refusal.NO_FOLDER,
            DatabaseError(_("The folder {folder} does not exist.").format(folder=database.parent)),
        )
    key = _key_for(database, source, key)
    live = EvidenceStore(evidence_dir_for(database), cipher_for(key))
    with contextlib.suppress(OSError):
        clear_leftovers(database)  # what a killed backup or restore left
    try:
        with work_item(database, "restore") as work:
            incoming = _database_copy(source, work, live, key)
            staging = work / "restoring.sqlite3"
            # never changes the backup itself
            backup_database(incoming.database, staging, key)
            _accept(staging, source, database, key)
            _index_anew(staging, key)
            digests = referenced_digests(staging, key)
            kept = _replace(database, staging, live, incoming, digests, now, key)
            if key is not None:
                _install_key_file(database, source, key)
        BackupFolder(database, key).prune(now)  # the copy kept aside joins the rotation
    except OSError as exc:
        log.warning("restore failed: %s", _failure_kind(exc))
        raise file_error(database, exc) from exc
    except driver.errors(sqlite3.Error) as exc:
        log.warning("restore failed: %s", _failure_kind(exc))
        raise DatabaseError(
            _("The backup could not be restored: {reason}").format(
                reason=" ".join(str(exc).split())
            )
        ) from exc
    missing = tuple(sorted(d for d in digests if not live.exists(d)))
    log.info(
        "restore accepted (%s): %d evidence files referenced, %d missing, %s",
        "archive" if incoming.unpacked else "database copy",
        len(digests),
        len(missing),
        "previous database kept aside" if kept is not None else "no previous database",
    )
    return RestoreResult(source, kept, missing)


def _replace(
    database: Path,
    staging: Path,
    live: EvidenceStore,
    incoming: _Incoming,
    digests: set[str],
    now: dt.datetime | None,
    key: DataKey | None,
) -> Path | None:
    """Puts the content of ``staging`` in ``database``, the evidence it refers to first;
    returns where the old content went."""
    if database.exists() and is_readable(database, key):
        with exclusive_access(database, key) as connection:
            kept = set_aside(connection, database, live, now, key)
            bring_in_evidence(digests, incoming.evidence, live, move=incoming.unpacked)
            copy_into(staging, connection, key)
        return kept
    kept_damaged = keep_damaged(database, now) if database.exists() else None
    bring_in_evidence(digests, incoming.evidence, live, move=incoming.unpacked)
    install_new(staging, database, key)
    return kept_damaged


def newest_good_backup(database: Path, key: DataKey | None = None) -> BackupFile | None:
    """The newest automatic backup of ``database`` that passes ``quick_check`` (read with
    ``key``, that of an encrypted database)."""
    return next(
        (b for b in BackupFolder(database, key).backups() if is_readable(b.path, key)),
        None,
    )


def recover(
    database: Path, *, now: dt.datetime | None = None, key: DataKey | None = None
) -> RestoreResult:
    """Puts the newest good backup in place of a damaged database, which is kept aside."""
    backup = newest_good_backup(database, key)
    if backup is None:
        raise DatabaseError(_("There is no usable backup of {path}.").format(path=database))
    return restore(database, backup.path, now=now, key=key)
