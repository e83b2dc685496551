"""``encrypt`` and ``decrypt`` keep every row and every evidence file, and leave nothing of
the other form behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from appealdesk.services import encryption
from appealdesk.services.backups import back_up
from appealdesk.services.health_check import check_database
from appealdesk.services.workspace import open_workspace
from appealdesk.store import driver
from appealdesk.store.backup.folder import backups_dir_for
from appealdesk.store.encryption.detect import is_encrypted_database
from appealdesk.store.encryption.keys import TEST_COST, DataKey, key_file_for, read_key_file
from appealdesk.store.evidence_store import evidence_dir_for

DEMO_HANDLE = b"goudenkrakeling"


def contents(path: Path, key: DataKey | None) -> dict[str, list[tuple[object, ...]]]:
    connection = driver.connect(path, key)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        return {
            t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in tables
        }
    finally:
        connection.close()


def plain_digests(path: Path) -> set[str]:
    root = evidence_dir_for(path)
    return {p.name for p in root.glob("??/*") if p.is_file()}


@pytest.mark.slow
def test_encrypt_then_decrypt_keeps_every_row_and_file(demo_path: Path) -> None:
    db = open_workspace(demo_path, create=False)
    back_up(db)
    db.close()
    rows_before = contents(demo_path, None)
    files_before = plain_digests(demo_path)
    assert files_before

    result = encryption.encrypt_database(demo_path, "lang genoeg wachtwoord", cost=TEST_COST)
    assert result.evidence_files == len(files_before)
    assert result.plain_backups_removed == 1
    assert is_encrypted_database(demo_path)
    assert DEMO_HANDLE not in demo_path.read_bytes()
    assert not list(demo_path.parent.glob("*.converting")) + list(
        demo_path.parent.glob("*.replaced")
    )
    key = read_key_file(key_file_for(demo_path)).unwrap("lang genoeg wachtwoord")
    assert key == result.key
    assert contents(demo_path, key) == rows_before
    for stored in evidence_dir_for(demo_path).glob("??/*"):
        assert stored.name not in files_before  # blinded names
        assert not stored.read_bytes().startswith((b"\x89PNG", b"\xff\xd8"))
    for backup in backups_dir_for(demo_path).glob("*.sqlite3"):
        assert not backup.read_bytes().startswith(b"SQLite format 3")
    report = check_database(demo_path, key=key)
    assert not report.database_problems

    decrypted = encryption.decrypt_database(demo_path, key)
    assert decrypted.evidence_files == len(files_before)
    assert not is_encrypted_database(demo_path)
    assert not key_file_for(demo_path).exists()
    assert contents(demo_path, None) == rows_before
    assert plain_digests(demo_path) == files_before
    assert check_database(demo_path).ok


def test_an_encrypted_database_is_not_encrypted_again(tmp_path: Path) -> None:
    from appealdesk.domain.errors import ValidationError

    path = tmp_path / "case.db"
    encryption.create_key(path, "wachtwoord", cost=TEST_COST)
    open_workspace(path, key=read_key_file(key_file_for(path)).unwrap("wachtwoord")).close()
    with pytest.raises(ValidationError, match="encrypted already"):
        encryption.encrypt_database(path, "nog een keer", cost=TEST_COST)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


def test_a_conversion_killed_while_it_swapped_the_folders_is_finished_cleanly(
    demo_path: Path,
) -> None:
    """Killed after the sealed evidence took the folder's name but before the database
    did: the plain database must get its plain evidence back, and a new run encrypt all."""
    from appealdesk.store.encryption.cipher import FileCipher
    from appealdesk.store.evidence_convert import encrypt_evidence_store

    before = contents(demo_path, None)
    evidence = evidence_dir_for(demo_path)
    sealed = evidence.with_name(evidence.name + ".sealed-by-the-killed-run")
    encrypt_evidence_store(evidence, FileCipher(DataKey.generate()), sealed)
    evidence.rename(evidence.with_name(evidence.name + ".replaced"))
    sealed.rename(evidence)

    result = encryption.encrypt_database(demo_path, "a new passphrase", cost=TEST_COST)
    assert contents(demo_path, result.key) == before
    report = check_database(demo_path, key=result.key)
    assert report.ok and report.evidence_checked > 0, report
    assert not evidence.with_name(evidence.name + ".replaced").exists()
