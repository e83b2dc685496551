"""Backups of an encrypted database are encrypted with its key, and restore with it."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from appealdesk.domain.errors import DatabaseError, KeyNeededError
from appealdesk.services import backups, case_list, restore
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.workspace import open_workspace
from appealdesk.store.backup.archive import KEY_MEMBER, BadArchiveError, verify_archive
from appealdesk.store.database import Database
from appealdesk.store.encryption.keys import (
    TEST_COST,
    DataKey,
    KeyFile,
    key_file_for,
    read_key_file,
    write_key_file,
)
from tests.store.encryption.test_encrypted_database import HANDLE, with_a_case

# A backup, a restore and the instance lock are a database file's.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def key() -> DataKey:
    return DataKey.generate()


@pytest.fixture
def encrypted_db(tmp_path: Path, key: DataKey) -> Iterator[Database]:
    path = tmp_path / "live" / "case.db"
    path.parent.mkdir()
    write_key_file(key_file_for(path), KeyFile.create(key, "wachtwoord", cost=TEST_COST))
    db = open_workspace(path, key=key)
    with_a_case(db)
    yield db
    db.close()


def case_numbers(path: Path, key: DataKey | None) -> list[str]:
    db = open_workspace(path, create=False, key=key)
    try:
        return [row.case_number for row in case_list.list_cases(db, CaseQuery())]
    finally:
        db.close()


def test_the_automatic_backup_is_encrypted_with_the_same_key(
    encrypted_db: Database, key: DataKey
) -> None:
    made = backups.back_up(encrypted_db)
    content = made.backup.path.read_bytes()
    assert HANDLE.encode() not in content
    assert not content.startswith(b"SQLite format 3")
    [summary] = backups.list_backups(encrypted_db.path, key)
    assert summary.cases == 1


def test_a_backup_file_is_encrypted_carries_the_key_file_and_restores_elsewhere(
    encrypted_db: Database, key: DataKey, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    backups.write_backup_file(encrypted_db, archive)
    with zipfile.ZipFile(archive) as opened:
        database = opened.read("database.sqlite3")
        assert HANDLE.encode() not in database
        assert not database.startswith(b"SQLite format 3")
        assert opened.read(KEY_MEMBER) == key_file_for(encrypted_db.path).read_bytes()
    with pytest.raises(BadArchiveError, match="encrypted"):
        verify_archive(archive)
    verify_archive(archive, key=key)

    elsewhere = tmp_path / "other-machine" / "case.db"
    elsewhere.parent.mkdir()
    with pytest.raises(KeyNeededError):
        restore.restore(elsewhere, archive)
    assert not elsewhere.exists()
    # On another machine the key comes from the archive's key file and the passphrase.
    restored_key = read_key_file(key_file_for(encrypted_db.path)).unwrap("wachtwoord")
    restore.restore(elsewhere, archive, key=restored_key)
    assert case_numbers(elsewhere, restored_key) == ["TT-2026-0001"]
    assert read_key_file(key_file_for(elsewhere)).unwrap("wachtwoord") == key
    assert HANDLE.encode() not in elsewhere.read_bytes()


def test_a_backup_restores_into_the_encrypted_database_it_came_from(
    encrypted_db: Database, key: DataKey, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    backups.write_backup_file(encrypted_db, archive)
    with_a_case(encrypted_db, "na.de.backup")
    path = encrypted_db.path
    encrypted_db.close()
    result = restore.restore(path, archive, key=key)
    assert result.kept_aside is not None
    assert case_numbers(path, key) == ["TT-2026-0001"]
    assert HANDLE.encode() not in result.kept_aside.read_bytes()


def test_a_plain_backup_is_not_restored_into_an_encrypted_database(
    encrypted_db: Database, key: DataKey, tmp_path: Path
) -> None:
    plain = open_workspace(tmp_path / "plain.db")
    archive = tmp_path / "plain.zip"
    backups.write_backup_file(plain, archive)
    plain.close()
    path = encrypted_db.path
    encrypted_db.close()
    with pytest.raises(KeyNeededError):
        restore.restore(path, archive)
    with pytest.raises(DatabaseError, match="one is encrypted and the other is not"):
        restore.restore(path, archive, key=key)
    assert case_numbers(path, key) == ["TT-2026-0001"]
