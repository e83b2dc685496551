"""Backup files and restores: round trips, refusals that change nothing, damaged databases."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import zipfile
from pathlib import Path

import pytest

from appealdesk.domain.errors import DamagedDatabaseError, DatabaseError, NewerDatabaseError
from appealdesk.services import backups, case_list, cases, evidence, health_check, restore
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.case_snapshots import delete_case
from appealdesk.services.workspace import open_workspace
from appealdesk.store.backup.archive import verify_archive
from appealdesk.store.backup.online_copy import backup_database
from appealdesk.store.database import Database
from appealdesk.store.evidence_store import evidence_dir_for
from appealdesk.store.integrity import row_counts

# A backup, a restore and the instance lock are a database file's.
pytestmark = pytest.mark.sqlite_only

NOW = dt.datetime(2026, 11, 21, 9, 30)


def _case_with_evidence(path: Path) -> tuple[int, str, str]:
    with sqlite3.connect(path) as raw:
        row = raw.execute(
            "SELECT c.id, c.case_number, e.sha256 FROM evidence_items AS e "
            "JOIN cases AS c ON c.id = e.case_id ORDER BY e.id LIMIT 1"
        ).fetchone()
    return int(row[0]), str(row[1]), str(row[2])


def _lose_a_case(db: Database) -> tuple[str, str]:
    """Deletes a case with evidence and its files, as closing the window would."""
    case_id, number, sha256 = _case_with_evidence(db.path)
    delete_case(db, case_id)
    path = db.evidence.path_for(sha256)
    evidence.collect_unreferenced(db)
    if path.exists():  # the collector leaves young files alone; a later session removes them
        db.evidence.remove(sha256)
    return number, sha256


def _corrupt(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\xde\xad\xbe\xef" * 2048)


def test_a_backup_file_holds_everything_and_restores_it(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "kept" / "appealdesk-backup.zip"
    target.parent.mkdir()
    summary = backups.write_backup_file(demo_db, target)
    assert summary.evidence_files > 0 and summary.evidence_missing == ()
    assert verify_archive(target).evidence_files == summary.evidence_files
    counts = row_counts(demo_db.path)
    number, sha256 = _lose_a_case(demo_db)
    demo_db.close()

    result = restore.restore(demo_db.path, target)

    assert result.kept_aside is not None and row_counts(result.kept_aside)[0] == counts[0] - 1
    assert result.evidence_missing == ()
    db = open_workspace(demo_db.path)
    try:
        assert row_counts(db.path) == counts
        assert cases.find_case(db, number).case.case_number == number
        assert db.evidence.verify(sha256)
        assert health_check.check_database(db.path).ok
    finally:
        db.close()


def test_an_automatic_backup_restores_with_evidence_from_the_backup_folder(
    demo_db: Database,
) -> None:
    made = backups.back_up(demo_db, now=NOW)
    number, sha256 = _lose_a_case(demo_db)
    demo_db.close()
    result = restore.restore(demo_db.path, made.backup.path)
    assert result.evidence_missing == ()
    db = open_workspace(demo_db.path)
    try:
        assert cases.find_case(db, number)
        assert db.evidence.verify(sha256)
    finally:
        db.close()


def test_a_tampered_backup_file_is_refused_and_nothing_changes(
    demo_db: Database, tmp_path: Path
) -> None:
    good = tmp_path / "good.zip"
    backups.write_backup_file(demo_db, good)
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tampered, "w") as copy:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.startswith("evidence/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            copy.writestr(member, data)
    _lose_a_case(demo_db)
    counts = row_counts(demo_db.path)
    demo_db.close()
    before = demo_db.path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="not a whole AppealDesk backup"):
        restore.restore(demo_db.path, tampered)
    assert demo_db.path.read_bytes() == before
    assert row_counts(demo_db.path) == counts


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 and then nothing", b"just text\n" * 50])
def test_a_file_that_is_no_backup_is_refused(db: Database, tmp_path: Path, content: bytes) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(content)
    db.close()
    with pytest.raises(DatabaseError):
        restore.restore(db.path, bogus)
    assert open_workspace(db.path) is not None


def test_a_backup_of_a_newer_appealdesk_is_refused(demo_db: Database) -> None:
    made = backups.back_up(demo_db, now=NOW)
    with sqlite3.connect(made.backup.path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    demo_db.close()
    with pytest.raises(NewerDatabaseError):
        restore.restore(demo_db.path, made.backup.path)


def test_the_database_cannot_restore_itself(db: Database) -> None:
    db.close()
    with pytest.raises(DatabaseError, match="database itself"):
        restore.restore(db.path, db.path)


def test_a_damaged_database_is_replaced_by_the_newest_good_backup_and_kept(
    demo_db: Database,
) -> None:
    backups.back_up(demo_db, now=NOW - dt.timedelta(days=2))
    newest = backups.back_up(demo_db, now=NOW - dt.timedelta(days=1))
    backups.back_up(demo_db, now=NOW).backup.path.write_bytes(b"damaged backup" * 300)
    counts = row_counts(demo_db.path)
    path = demo_db.path
    demo_db.close()
    _corrupt(path)
    with pytest.raises(DamagedDatabaseError):
        open_workspace(path)

    backup = restore.newest_good_backup(path)
    assert backup is not None and backup.path == newest.backup.path
    result = restore.recover(path, now=NOW)

    assert result.kept_aside is not None and "damaged" in result.kept_aside.name
    assert result.kept_aside.parent == path.parent and result.kept_aside.stat().st_size > 0
    db = open_workspace(path)
    try:
        assert row_counts(db.path) == counts
    finally:
        db.close()


def test_without_a_backup_a_damaged_database_stays_where_it_is(db: Database) -> None:
    db.close()
    _corrupt_small(db.path)
    with pytest.raises(DatabaseError, match="no usable backup"):
        restore.recover(db.path)
    assert db.path.exists()


def _corrupt_small(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))


def test_the_check_finds_damaged_and_missing_evidence(demo_db: Database) -> None:
    assert health_check.check_database(demo_db.path).ok
    with sqlite3.connect(demo_db.path) as raw:
        digests = [row[0] for row in raw.execute("SELECT DISTINCT sha256 FROM evidence_items")]
    damaged, missing = digests[0], digests[1]
    damaged_path = demo_db.evidence.path_for(damaged)
    damaged_path.chmod(0o600)
    damaged_path.write_bytes(b"changed")
    demo_db.evidence.remove(missing)
    report = health_check.check_database(demo_db.path)
    assert not report.ok
    assert [row.sha256 for row in report.evidence_damaged] == [damaged]
    assert [row.sha256 for row in report.evidence_missing] == [missing]
    assert report.evidence_missing[0].case_number.startswith("TT-")
    assert report.database_problems == ()


def test_the_check_reports_a_damaged_database(demo_db: Database) -> None:
    path = demo_db.path
    demo_db.close()
    _corrupt(path)
    report = health_check.check_database(path)
    assert not report.ok and report.database_problems
    assert evidence_dir_for(path).is_dir()  # the check changes nothing


def test_a_restored_backup_is_searched_by_its_cases_not_by_its_own_index(
    demo_db: Database, tmp_path: Path
) -> None:
    """A backup's search indexes may hold words its cases do not; a restore makes them anew."""
    case_id, number, _sha256 = _case_with_evidence(demo_db.path)
    real_word = max(cases.get_case(demo_db, case_id).case.notice_text.split(), key=len)
    copy = tmp_path / "planted.db"
    backup_database(demo_db.path, copy)
    with contextlib.closing(sqlite3.connect(copy)) as raw, raw:
        raw.execute("UPDATE case_search SET notice = 'ingeplantwoord' WHERE rowid = ?", (case_id,))
        raw.execute(
            "INSERT INTO case_words(rowid, case_number, handle, names, notice, notes, contacts) "
            "VALUES (?, '', '', '', 'ondergeschoven', '', '')",
            (case_id,),
        )
    demo_db.close()

    restore.restore(demo_db.path, copy)

    db = open_workspace(demo_db.path)
    try:

        def found(typed: str) -> list[str]:
            return [r.case_number for r in case_list.list_cases(db, CaseQuery(search=typed))]

        assert found("ingeplantwoord") == []
        assert db.rows("SELECT rowid FROM case_words WHERE case_words MATCH 'ondergeschoven'") == []
        assert number in found(real_word)
        # The next edit of that case keeps both indexes whole.
        cases.update_case(db, case_id, notice_text="Verwijderd om auteursrecht")
        assert number in found("auteursrecht") and number not in found(real_word)
        with contextlib.closing(sqlite3.connect(db.path)) as raw:
            raw.execute("INSERT INTO case_search(case_search, rank) VALUES ('integrity-check', 1)")
            raw.execute("INSERT INTO case_words(case_words) VALUES ('integrity-check')")
    finally:
        db.close()
