"""Backing up and restoring a database, as the window and the command line do it.

Automatic backups go to ``<name>.backups/`` beside the database (at most one a day at
start-up, one before every upgrade, and whenever the user asks), and are thinned out as
they age. ``write_backup_file`` makes a single, self-contained file to keep elsewhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.enums import BackupReason
from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import _
from appealdesk.services.file_errors import file_error, read_error_reason
from appealdesk.store import driver
from appealdesk.store.backup.archive import ArchiveSummary, BadArchiveError, write_archive
from appealdesk.store.backup.folder import BackupFile, BackupFolder, BackupResult
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import UnreadableFileError
from appealdesk.store.integrity import evidence_rows, row_counts
from appealdesk.store.lock_guard import is_open_database_file

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

log = logging.getLogger(__name__)

# done, total, what is being done
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BackupSummary:
    """One backup as the restore list shows it."""

    backup: BackupFile
    cases: int | None  # None when the copy cannot be read
    evidence: int | None


def back_up(
    db: Database,
    reason: BackupReason = BackupReason.MANUAL,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> BackupResult:
    """A checked backup beside the database, then rotation of the older ones; that of an
    encrypted database is encrypted with its key."""
    folder = BackupFolder(db.path, db.key)

    def copying(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total, _("Copying evidence files"))

    try:
        result = folder.create(reason, db.evidence, now=now, progress=copying)
        folder.prune(now)
    except OSError as exc:
        raise file_error(folder.root, exc) from exc
    except driver.errors(sqlite3.Error) as exc:
        raise DatabaseError(_("The backup could not be made: {reason}").format(reason=exc)) from exc
    log.info(
        "backup made (%s): %d evidence files copied, %d missing",
        result.backup.reason.value,
        result.evidence_copied,
        len(result.evidence_missing),
    )
    return result


def daily_backup(db: Database, *, now: dt.datetime | None = None) -> BackupResult | None:
    """A backup unless there is one of today already (made daily or by hand)."""
    now = now or dt.datetime.now()
    for backup in BackupFolder(db.path, db.key).backups():
        if backup.reason in (BackupReason.DAILY, BackupReason.MANUAL):
            if backup.taken_at.date() == now.date():
                return None
            break
    return back_up(db, BackupReason.DAILY, now=now)


def list_backups(database: Path, key: DataKey | None = None) -> list[BackupSummary]:
    """The backups of ``database``, newest first, with what each holds (read with ``key``,
    that of an encrypted database)."""
    summaries = []
    for backup in BackupFolder(database, key).backups():
        try:
            cases, evidence = row_counts(backup.path, key)
        except driver.errors(sqlite3.Error):
            summaries.append(BackupSummary(backup, None, None))
        else:
            summaries.append(BackupSummary(backup, cases, evidence))
    return summaries


def write_backup_file(db: Database, target: Path) -> ArchiveSummary:
    """One file with the database and all its evidence, checked before it gets its name."""
    target = target.expanduser().absolute()
    if target.is_dir():
        raise DatabaseError(_("{path} is a folder; choose a file name.").format(path=target))
    if not target.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=target.parent))
    if target == db.path or is_open_database_file(target):
        raise DatabaseError(_("A backup cannot replace the database itself."))
    try:
        if db.shared:
            from appealdesk.services.team_backup import write_team_backup

            summary = write_team_backup(db, target)
        else:
            summary = write_archive(db.path, db.evidence, target, key=db.key)
    except UnreadableFileError as exc:
        raise _unreadable_evidence(db, exc) from exc
    except BadArchiveError as exc:
        raise DatabaseError(
            _("The backup failed its check ({reason}) and was not kept.").format(reason=exc)
        ) from exc
    except OSError as exc:
        raise file_error(target, exc) from exc
    except driver.errors(sqlite3.Error) as exc:
        raise DatabaseError(_("The backup could not be made: {reason}").format(reason=exc)) from exc
    log.info(
        "backup file written: %d evidence files, %d missing",
        summary.evidence_files,
        len(summary.evidence_missing),
    )
    return summary


def _unreadable_evidence(db: Database, exc: UnreadableFileError) -> DatabaseError:
    path = Path(str(exc.filename))
    try:
        row = next(
            r for r in evidence_rows(db.path, db.key) if db.evidence.path_for(r.sha256) == path
        )
    except driver.errors(sqlite3.Error, StopIteration):
        name, case = path.name, "?"
    else:
        name, case = row.original_name, row.case_number
    return DatabaseError(
        _(
            "The evidence file {name} of {case} cannot be read ({reason}): {path}. "
            "The backup was not written."
        ).format(name=name, case=case, reason=read_error_reason(exc), path=path)
    )
