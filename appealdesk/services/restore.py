"""Restoring a backup, and getting back to work after the database was damaged.

The window closes its own connections first and the instance lock keeps other windows out;
programs beside it are kept out by the database's exclusive lock, held from before the
current content is kept aside until the restored content is committed (see
:mod:`appealdesk.store.restore`). Everything is checked before anything is replaced: the
backup must be whole and not newer than this AppealDesk. The evidence files go in before the
database that refers to them, and the current content is kept aside, never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from appealdesk.domain.errors import DamagedDatabaseError, DatabaseError
from appealdesk.i18n import _
from appealdesk.services.file_errors import file_error
from appealdesk.store import migrate
from appealdesk.store.backup import backup_database, is_readable
from appealdesk.store.backup_archive import BadArchiveError, is_archive, unpack_archive
from appealdesk.store.backup_folder import (
    BackupFile,
    BackupFolder,
    copy_evidence,
    referenced_digests,
)
from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
from appealdesk.store.lock_guard import database_file_identities, identity
from appealdesk.store.pragmas import connect_read_only
from appealdesk.store.restore import (
    copy_into,
    exclusive_access,
    install_new,
    keep_damaged,
    set_aside,
)
from appealdesk.store.work_folder import clear_leftovers, work_item


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    kept_aside: Path | None  # where the replaced database went (None when there was none)
    evidence_missing: tuple[str, ...]  # files the restored database refers to but lacks


def _check_revision(copy: Path) -> None:
    connection = connect_read_only(copy)
    try:
        revision = migrate.stored_revision(connection)
    finally:
        connection.close()
    if revision is None:
        raise DatabaseError(_("{path} is not an AppealDesk backup.").format(path=copy))
    migrate.needs_upgrade(revision)  # raises for a database of a newer AppealDesk


def _database_copy(source: Path, work: Path, live: EvidenceStore) -> Path:
    """The database inside ``source``, checked; an archive's evidence goes into ``live``."""
    if is_archive(source):
        try:
            return unpack_archive(source, work, live)
        except BadArchiveError as exc:
            raise DamagedDatabaseError(
                _("{path} is not a whole AppealDesk backup ({reason}).").format(
                    path=source, reason=exc
                )
            ) from exc
    if not is_readable(source):
        raise DamagedDatabaseError(
            _("{path} is damaged or not a database; choose another backup.").format(path=source)
        )
    pool = EvidenceStore(source.parent / "evidence")
    copy_evidence(referenced_digests(source), pool, live)
    return source


def restore(database: Path, source: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Replaces ``database`` by the backup ``source`` (an archive or a database copy)."""
    database, source = database.absolute(), source.expanduser().absolute()
    if not source.is_file():
        raise DatabaseError(_("There is no backup file at {path}.").format(path=source))
    if identity(source) in database_file_identities(database):
        raise DatabaseError(_("That is the database itself; choose a backup."))
    if not database.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=database.parent))
    live = EvidenceStore(evidence_dir_for(database))
    with contextlib.suppress(OSError):
        clear_leftovers(database)  # what a killed backup or restore left
    try:
        with work_item(database, "restore") as work:
            copy = _database_copy(source, work, live)
            _check_revision(copy)
            digests = referenced_digests(copy)
            staging = work / "restoring.sqlite3"
            backup_database(copy, staging)  # never changes the backup itself
            kept = _replace(database, staging, live, now)
        BackupFolder(database).prune(now)  # the copy kept aside joins the rotation
    except OSError as exc:
        raise file_error(database, exc) from exc
    except sqlite3.Error as exc:
        raise DatabaseError(
            _("The backup could not be restored: {reason}").format(reason=exc)
        ) from exc
    missing = tuple(sorted(d for d in digests if not live.exists(d)))
    return RestoreResult(source, kept, missing)


def _replace(
    database: Path, staging: Path, live: EvidenceStore, now: dt.datetime | None
) -> Path | None:
    """Puts the content of ``staging`` in ``database``; returns where the old content went."""
    if database.exists() and is_readable(database):
        with exclusive_access(database) as connection:
            kept = set_aside(connection, database, live, now)
            copy_into(staging, connection)
        return kept
    kept_damaged = keep_damaged(database, now) if database.exists() else None
    install_new(staging, database)
    return kept_damaged


def newest_good_backup(database: Path) -> BackupFile | None:
    """The newest automatic backup of ``database`` that passes ``quick_check``."""
    return next(
        (b for b in BackupFolder(database).backups() if is_readable(b.path)),
        None,
    )


def recover(database: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Puts the newest good backup in place of a damaged database, which is kept aside."""
    backup = newest_good_backup(database)
    if backup is None:
        raise DatabaseError(_("There is no usable backup of {path}.").format(path=database))
    return restore(database, backup.path, now=now)
