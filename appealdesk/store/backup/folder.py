"""The automatic backups of a database, in ``<name>.backups/`` beside it.

Each backup is a copy of the database made with SQLite's online backup API and checked
with ``quick_check`` before it counts (``cases-20261121-093000-daily.sqlite3``); the copy
of an encrypted database is encrypted with the same key, and its evidence stays as it is
stored, encrypted too. The
evidence files the copies refer to are kept once, content-addressed, in ``evidence/``:
a new backup only copies the files that are not there yet, and each copy is hashed on
the way in, so a damaged original is noticed instead of copied.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.enums import BackupReason
from appealdesk.store import driver
from appealdesk.store.backup.online_copy import backup_database
from appealdesk.store.backup.rotation import backups_to_keep
from appealdesk.store.encryption import cipher_for
from appealdesk.store.evidence_store import EvidenceStore, StoreWriteError
from appealdesk.store.files import make_private_dir
from appealdesk.store.pragmas import connect_read_only

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)\.sqlite3$")
_REASONS = {reason.value: reason for reason in BackupReason}

# done, total: how far copying the evidence files has come
EvidenceProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: BackupReason
    size: int  # of the database copy, in bytes


@dataclass(frozen=True)
class BackupResult:
    backup: BackupFile
    evidence_copied: int
    # Files the database refers to that were missing or no longer matched their SHA-256.
    evidence_missing: tuple[str, ...]


def backups_dir_for(database: Path) -> Path:
    return database.with_name(database.stem + ".backups")


def referenced_digests(database: Path, key: DataKey | None = None) -> set[str]:
    """The SHA-256 of every evidence file a database (or a copy of one) refers to."""
    connection = connect_read_only(database, key)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'evidence_items'"
        ).fetchone()
        if not has_table:
            return set()
        return {row[0] for row in connection.execute("SELECT DISTINCT sha256 FROM evidence_items")}
    finally:
        connection.close()


def copy_evidence(
    digests: Iterable[str],
    source: EvidenceStore,
    target: EvidenceStore,
    progress: EvidenceProgress | None = None,
) -> tuple[int, tuple[str, ...]]:
    """Copies the files ``target`` lacks; returns how many it copied and which were missing."""
    wanted = sorted(digests)
    copied, missing = 0, []
    for done, sha256 in enumerate(wanted, start=1):
        if not target.exists(sha256):
            original = source.path_for(sha256)
            try:
                stored = target.put_file(original) if original.is_file() else None
            except StoreWriteError:
                raise
            except OSError:
                stored = None  # unreadable: kept out like a lost file, and `check` names it
            if stored is None or stored.sha256 != sha256:
                if stored is not None:
                    target.remove(stored.sha256)
                missing.append(sha256)
            else:
                copied += 1
        if progress is not None:
            progress(done, len(wanted))
    return copied, tuple(missing)


class BackupFolder:
    def __init__(self, database: Path, key: DataKey | None = None) -> None:
        self.database = database
        self.key = key  # of an encrypted database: its backups are encrypted with it
        self.root = backups_dir_for(database)
        self.evidence = EvidenceStore(self.root / "evidence", cipher_for(key))

    def backups(self) -> list[BackupFile]:
        """Every backup of this database, newest first."""
        found = []
        if self.root.is_dir():
            for path in self.root.iterdir():
                match = _NAME.match(path.name)
                if match is None or match["stem"] != self.database.stem:
                    continue
                reason = _REASONS.get(match["reason"])
                if reason is None or not path.is_file():
                    continue
                taken_at = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
                found.append(BackupFile(path, taken_at, reason, path.stat().st_size))
        return sorted(found, key=lambda b: b.taken_at, reverse=True)

    def _new_path(self, reason: BackupReason, now: dt.datetime) -> tuple[Path, dt.datetime]:
        stamp = now.replace(microsecond=0)
        while True:
            name = f"{self.database.stem}-{stamp.strftime(STAMP_FORMAT)}-{reason.value}.sqlite3"
            path = self.root / name
            if not path.exists():
                return path, stamp
            stamp += dt.timedelta(seconds=1)

    def create(
        self,
        reason: BackupReason,
        live_evidence: EvidenceStore,
        *,
        now: dt.datetime | None = None,
        progress: EvidenceProgress | None = None,
        source: sqlite3.Connection | None = None,
    ) -> BackupResult:
        """A checked copy of the database (read through ``source`` when given, such as a
        connection holding the database's lock) and of the evidence files it refers to."""
        make_private_dir(self.root)
        path, taken_at = self._new_path(reason, now or dt.datetime.now())
        backup_database(self.database if source is None else source, path, self.key)
        try:
            copied, missing = copy_evidence(
                referenced_digests(path, self.key), live_evidence, self.evidence, progress
            )
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        backup = BackupFile(path, taken_at, reason, path.stat().st_size)
        return BackupResult(backup, copied, missing)

    def prune(self, now: dt.datetime | None = None) -> list[Path]:
        """Removes the backups rotation no longer keeps, and evidence only they referred to."""
        backups = self.backups()
        keep = backups_to_keep(
            (b.taken_at for b in backups),
            now or dt.datetime.now(),
            before_restore=(b.taken_at for b in backups if b.reason is BackupReason.RESTORE),
        )
        removed = [b.path for b in backups if b.taken_at not in keep]
        for path in removed:
            path.unlink(missing_ok=True)
        referenced: set[str] = set()
        for backup in self.backups():
            try:
                referenced |= referenced_digests(backup.path, self.key)
            except driver.errors(sqlite3.DatabaseError):
                return removed  # never drop evidence while a backup cannot be read
        self.evidence.collect(referenced)
        return removed
