"""Backups beside the database: checked copies, shared evidence, rotation, daily at most."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
import time
from pathlib import Path

import pytest

from appealdesk.domain.enums import BackupReason
from appealdesk.services import backups, evidence
from appealdesk.services.case_snapshots import delete_case
from appealdesk.services.evidence_import import import_bytes
from appealdesk.store.backup.folder import BackupFolder, backups_dir_for
from appealdesk.store.database import Database
from appealdesk.store.integrity import row_counts
from tests.images import encoded, picture

# A backup, a restore and the instance lock are a database file's.
pytestmark = pytest.mark.sqlite_only

NOW = dt.datetime(2026, 11, 21, 9, 30)


def _first_case_with_evidence(db: Database) -> int:
    with sqlite3.connect(db.path) as raw:
        return int(raw.execute("SELECT case_id FROM evidence_items LIMIT 1").fetchone()[0])


def _referenced(db: Database) -> set[str]:
    with sqlite3.connect(db.path) as raw:
        return {row[0] for row in raw.execute("SELECT sha256 FROM evidence_items")}


def test_a_backup_is_a_checked_private_copy_with_the_evidence(demo_db: Database) -> None:
    result = backups.back_up(demo_db, now=NOW)
    backup = result.backup
    assert backup.path.parent == backups_dir_for(demo_db.path)
    assert backup.reason is BackupReason.MANUAL
    assert backup.taken_at == NOW
    with sqlite3.connect(backup.path) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert row_counts(backup.path) == row_counts(demo_db.path)
    assert not Path(f"{backup.path}-wal").exists()  # one self-contained file
    folder = BackupFolder(demo_db.path)
    stored = set(folder.evidence.stored_digests())
    referenced = _referenced(demo_db)
    assert stored == referenced and result.evidence_copied == len(referenced)
    assert all(folder.evidence.verify(sha) for sha in stored)
    if sys.platform != "win32":
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.root.stat().st_mode) == 0o700


def test_a_second_backup_copies_only_new_evidence(demo_db: Database) -> None:
    first = backups.back_up(demo_db, now=NOW)
    assert first.evidence_copied > 0
    assert backups.back_up(demo_db, now=NOW + dt.timedelta(minutes=5)).evidence_copied == 0
    case_id = _first_case_with_evidence(demo_db)
    import_bytes(demo_db, case_id, encoded(picture(text="new")), "new.png")
    third = backups.back_up(demo_db, now=NOW + dt.timedelta(minutes=10))
    assert third.evidence_copied == 1


def test_a_damaged_evidence_file_is_reported_not_copied(demo_db: Database) -> None:
    with sqlite3.connect(demo_db.path) as raw:
        sha256 = raw.execute("SELECT sha256 FROM evidence_items LIMIT 1").fetchone()[0]
    original = demo_db.evidence.path_for(sha256)
    original.chmod(0o600)
    original.write_bytes(b"bit rot")
    result = backups.back_up(demo_db, now=NOW)
    assert result.evidence_missing == (sha256,)
    assert not BackupFolder(demo_db.path).evidence.exists(sha256)


def test_the_daily_backup_is_made_once_a_day(demo_db: Database) -> None:
    assert backups.daily_backup(demo_db, now=NOW) is not None
    assert backups.daily_backup(demo_db, now=NOW + dt.timedelta(hours=5)) is None
    tomorrow = backups.daily_backup(demo_db, now=NOW + dt.timedelta(days=1))
    assert tomorrow is not None and tomorrow.backup.reason is BackupReason.DAILY
    assert len(backups.list_backups(demo_db.path)) == 2


def test_a_backup_made_by_hand_today_counts_as_the_daily_one(demo_db: Database) -> None:
    backups.back_up(demo_db, now=NOW)
    assert backups.daily_backup(demo_db, now=NOW + dt.timedelta(hours=1)) is None


@pytest.mark.slow
def test_old_backups_are_thinned_and_their_evidence_goes_with_them(demo_db: Database) -> None:
    start = NOW - dt.timedelta(days=60)
    case_id = _first_case_with_evidence(demo_db)
    item = import_bytes(demo_db, case_id, encoded(picture(text="short-lived")), "brief.png")
    gone_sha = item.added[0].sha256
    backups.back_up(demo_db, BackupReason.DAILY, now=start)
    evidence.delete_evidence(demo_db, item.added[0].id or 0)
    for day in range(1, 61):
        backups.back_up(demo_db, BackupReason.DAILY, now=start + dt.timedelta(days=day))
    listed = backups.list_backups(demo_db.path)
    assert 10 <= len(listed) <= 7 + 5 + 12
    assert listed[0].backup.taken_at == NOW
    assert not any(b.backup.taken_at == start for b in listed)
    # Only the thinned-out first backup had the deleted file. Like the live store, the
    # pool leaves files younger than a grace period alone; once older, the copy goes.
    folder = BackupFolder(demo_db.path)
    an_hour_ago = time.time() - 3600
    for sha256 in folder.evidence.stored_digests():
        os.utime(folder.evidence.path_for(sha256), (an_hour_ago, an_hour_ago))
    folder.prune(NOW)
    assert not folder.evidence.exists(gone_sha)
    assert set(folder.evidence.stored_digests()) == _referenced(demo_db)


def test_the_list_shows_what_each_backup_holds(demo_db: Database) -> None:
    backups.back_up(demo_db, now=NOW)
    delete_case(demo_db, _first_case_with_evidence(demo_db))
    backups.back_up(demo_db, now=NOW + dt.timedelta(hours=1))
    newest, older = backups.list_backups(demo_db.path)
    assert newest.cases == (older.cases or 0) - 1
    assert newest.backup.size > 0 and newest.evidence is not None


def test_an_unreadable_backup_is_listed_as_such(demo_db: Database) -> None:
    result = backups.back_up(demo_db, now=NOW)
    result.backup.path.write_bytes(b"not a database at all" * 100)
    (summary,) = backups.list_backups(demo_db.path)
    assert summary.cases is None


def test_a_backup_file_cannot_go_into_a_missing_folder_or_onto_a_folder(
    db: Database, tmp_path: Path
) -> None:
    with pytest.raises(backups.DatabaseError, match="does not exist"):
        backups.write_backup_file(db, tmp_path / "missing" / "backup.zip")
    with pytest.raises(backups.DatabaseError, match="is a folder"):
        backups.write_backup_file(db, tmp_path)
    assert list(tmp_path.glob("*.part")) == []


def test_copies_from_before_a_restore_are_thinned_but_the_newest_stays(
    demo_db: Database,
) -> None:
    folder = BackupFolder(demo_db.path)
    start = NOW - dt.timedelta(days=90)
    for day in range(0, 80, 4):  # a restore every four days...
        taken = start + dt.timedelta(days=day, hours=8)
        folder.create(BackupReason.RESTORE, demo_db.evidence, now=taken)
    last_restore = start + dt.timedelta(days=76, hours=8)
    for day in range(76, 91):  # ...then daily backups, the first later on the same day
        backups.back_up(demo_db, BackupReason.DAILY, now=start + dt.timedelta(days=day, hours=17))
    kept = [b for b in folder.backups() if b.reason is BackupReason.RESTORE]
    assert 1 <= len(kept) <= 5 + 12  # weeks and months; the days are the daily backups'
    assert kept[0].taken_at == last_restore  # two weeks old, and not the newest of its day
    assert len({(b.taken_at.year, b.taken_at.month) for b in kept}) >= 2
