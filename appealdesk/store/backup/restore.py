"""Putting a backup in the place of a database, keeping the current one aside first.

A readable database is restored *into*: under its exclusive lock, held from before its
current content is kept aside (a backup with reason ``before-restore``) until the restored
content is committed, it gets the backup's pages in one transaction through SQLite's backup
API. Another program's write therefore lands either before (and is in the copy kept aside)
or after (in the restored database), never in a file that was replaced. A damaged database
is renamed to ``<name>-damaged-<time>.db`` beside it and the backup copied into its place.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.enums import BackupReason
from appealdesk.domain.errors import DatabaseInUseError
from appealdesk.i18n import _
from appealdesk.store import driver
from appealdesk.store.backup.folder import STAMP_FORMAT, BackupFolder, copy_evidence
from appealdesk.store.backup.online_copy import backup_database
from appealdesk.store.evidence_store import EvidenceStore
from appealdesk.store.files import fsync_dir

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

SIDE_FILES = ("-wal", "-shm", "-journal")
EXCLUSIVE_WAIT_S = 10.0  # for programs that have the database open to finish


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


@contextmanager
def exclusive_access(database: Path, key: DataKey | None = None) -> Iterator[sqlite3.Connection]:
    """A connection holding the database's exclusive lock until the block ends: no other
    connection, in this process or any other, reads or writes the database meanwhile.

    Programs that have it open are waited for (``EXCLUSIVE_WAIT_S``); ones that start
    meanwhile wait for the lock themselves, or give up with their own "busy" message.
    """
    connection = driver.connect(database, key, isolation_level=None, timeout=EXCLUSIVE_WAIT_S)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            connection.execute("BEGIN EXCLUSIVE")
        except driver.errors(sqlite3.OperationalError) as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseInUseError(
                    _(
                        "{path} is in use by another program. Close the programs that use "
                        "it and try again; nothing was changed."
                    ).format(path=database)
                ) from exc
            raise
        connection.execute("COMMIT")  # the exclusive lock stays until the connection closes
        for pragma in ("synchronous = FULL", "secure_delete = ON", "foreign_keys = OFF"):
            connection.execute(f"PRAGMA {pragma}")
        yield connection
    finally:
        connection.close()


def set_aside(
    live: sqlite3.Connection,
    database: Path,
    evidence: EvidenceStore,
    now: dt.datetime | None,
    key: DataKey | None = None,
) -> Path:
    """Keeps the current content of the database (read through ``live``) as a backup."""
    folder = BackupFolder(database, key)
    return folder.create(BackupReason.RESTORE, evidence, now=now, source=live).backup.path


def copy_into(source: Path, live: sqlite3.Connection, key: DataKey | None = None) -> None:
    """Replaces the content of the database behind ``live`` by that of ``source`` in one
    transaction: the database file stays the same file, so every program that opens it
    afterwards, or had it open before, sees the restored content and nothing else."""
    page_size = live.execute("PRAGMA page_size").fetchone()[0]
    copy = driver.connect(source, key, isolation_level=None)
    try:
        if copy.execute("PRAGMA page_size").fetchone()[0] != page_size:
            # A database in WAL mode only takes pages of its own size.
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute(f"PRAGMA page_size = {int(page_size)}")
            copy.execute("VACUUM")
        copy.backup(live)  # all pages in one step: one transaction
    finally:
        copy.close()
    live.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def install_new(source: Path, database: Path, key: DataKey | None = None) -> None:
    """Makes a checked copy of ``source`` the database at ``database``, where there is none."""
    backup_database(source, database, key)


def bring_in_evidence(
    digests: Iterable[str], incoming: EvidenceStore, live: EvidenceStore, *, move: bool
) -> None:
    """Puts the files of ``digests`` that ``live`` lacks into it from ``incoming``: moved out
    of an unpacked archive (``move``), or copied from a backup folder. Files ``incoming``
    lacks are left out; the restore reports them as missing."""
    wanted = sorted(digests)
    if not move:
        copy_evidence(wanted, incoming, live)
        return
    for sha256 in wanted:
        source = incoming.path_for(sha256)
        if source.is_file() or live.exists(sha256):  # a file it has is made fresh again
            live.move_in(source, sha256)
