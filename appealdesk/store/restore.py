"""Putting a backup in the place of a database, keeping the current one aside first.

The database must be closed by everyone (the instance lock sees to the window). The
current file is never overwritten blindly: a readable one is first backed up like any
other backup (reason ``before-restore``), a damaged one is renamed to
``<name>-damaged-<time>.db`` beside it. The backup is copied to a temporary file,
checked, and only then renamed over the database.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from appealdesk.domain.enums import BackupReason
from appealdesk.store.backup import backup_database, is_readable
from appealdesk.store.backup_folder import STAMP_FORMAT, BackupFolder
from appealdesk.store.evidence_store import EvidenceStore
from appealdesk.store.files import fsync_dir

SIDE_FILES = ("-wal", "-shm", "-journal")


def keep_damaged(database: Path, now: dt.datetime | None = None) -> Path:
    """Renames a damaged database (and its journal files) out of the way; returns its new name."""
    stamp = (now or dt.datetime.now()).strftime(STAMP_FORMAT)
    kept = database.with_name(f"{database.stem}-damaged-{stamp}{database.suffix}")
    counter = 1
    while kept.exists():
        counter += 1
        kept = database.with_name(f"{database.stem}-damaged-{stamp}-{counter}{database.suffix}")
    for side in SIDE_FILES:
        journal = database.with_name(database.name + side)
        if journal.exists():
            journal.replace(kept.with_name(kept.name + side))
    database.replace(kept)
    fsync_dir(database.parent)
    return kept


def set_aside(database: Path, live_evidence: EvidenceStore, now: dt.datetime | None = None) -> Path:
    """Keeps the current database safe before it is replaced; returns where it went."""
    if is_readable(database):
        connection = sqlite3.connect(database)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
        folder = BackupFolder(database)
        return folder.create(BackupReason.RESTORE, live_evidence, now=now).backup.path
    return keep_damaged(database, now)


def install(source: Path, database: Path) -> None:
    """Makes a checked copy of ``source`` the database at ``database``."""
    staging = database.with_name(f".{database.name}.restoring")
    staging.unlink(missing_ok=True)
    backup_database(source, staging)
    try:
        with staging.open("rb+") as handle:
            os.fsync(handle.fileno())
        # Journal files of the old database would be replayed into the new one.
        for side in SIDE_FILES:
            database.with_name(database.name + side).unlink(missing_ok=True)
        staging.replace(database)
        fsync_dir(database.parent)
    finally:
        staging.unlink(missing_ok=True)
