"""An encrypted database works like a plain one, and nothing of it can be read without its key."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from appealdesk.domain.errors import DatabaseError, KeyNeededError
from appealdesk.services import case_list, cases
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database, open_database
from appealdesk.store.encryption.detect import is_encrypted_database
from appealdesk.store.encryption.keys import (
    TEST_COST,
    DataKey,
    KeyFile,
    WrongKeyError,
    key_file_for,
    write_key_file,
)

HANDLE = "zoe.vandijk.geheim"


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_a_case(db: Database, handle: str = HANDLE) -> None:
    cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 2, 8),
        new_account={"platform": "tiktok", "handle": handle, "display_name": "Zoë van Dijk"},
        new_client_name="Café Één",
        notice_text="Je account is geblokkeerd wegens intimidatie.",
        created_at=dt.datetime(2026, 11, 2, 9),
    )


@pytest.fixture
def key() -> DataKey:
    return DataKey.generate()


@pytest.fixture
def encrypted(tmp_path: Path, key: DataKey) -> Path:
    path = tmp_path / "case.db"
    db = open_workspace(path, key=key)
    try:
        with_a_case(db)
    finally:
        db.close()
    return path


def test_nothing_of_the_cases_is_in_the_clear_in_the_files(encrypted: Path) -> None:
    files = [encrypted, *encrypted.parent.glob("case.db-*")]
    for path in files:
        content = path.read_bytes()
        assert HANDLE.encode() not in content
        assert b"SQLite format 3" not in content
        assert b"geblokkeerd" not in content
    assert is_encrypted_database(encrypted)


def test_with_its_key_it_works_as_a_plain_one_search_included(
    encrypted: Path, key: DataKey
) -> None:
    db = open_workspace(encrypted, create=False, key=key)
    try:
        assert db.key == key
        found = case_list.list_cases(db, CaseQuery(search="intimidatie"))
        assert [row.case_number for row in found] == ["TT-2026-0001"]
        with_a_case(db, "tweede.account")  # writes go through the same keyed connections
        assert len(case_list.list_cases(db, CaseQuery())) == 2
    finally:
        db.close()


def test_without_a_key_it_asks_for_one_and_changes_nothing(encrypted: Path) -> None:
    before = fingerprint(encrypted)
    with pytest.raises(KeyNeededError, match="encrypted: give its passphrase or recovery key"):
        open_database(encrypted)
    assert fingerprint(encrypted) == before


def test_a_wrong_key_is_refused_and_changes_nothing(encrypted: Path) -> None:
    before = fingerprint(encrypted)
    with pytest.raises(WrongKeyError, match="does not open the database"):
        open_database(encrypted, key=DataKey.generate())
    assert fingerprint(encrypted) == before


def test_a_key_that_is_not_the_key_files_is_refused_before_the_file_is_read(
    encrypted: Path, key: DataKey
) -> None:
    write_key_file(key_file_for(encrypted), KeyFile.create(key, "goed wachtwoord", cost=TEST_COST))
    with pytest.raises(WrongKeyError):
        open_database(encrypted, key=DataKey.generate())
    db = open_database(encrypted, key=key)
    db.close()


def test_an_empty_file_with_a_key_file_beside_it_needs_the_key(tmp_path: Path) -> None:
    path = tmp_path / "case.db"
    path.touch()
    key = DataKey.generate()
    write_key_file(key_file_for(path), KeyFile.create(key, "wachtwoord", cost=TEST_COST))
    with pytest.raises(KeyNeededError):
        open_database(path)


def test_a_plain_database_is_not_opened_with_a_key(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    open_database(path).close()
    with pytest.raises(DatabaseError, match="not encrypted"):
        open_database(path, key=DataKey.generate())
    open_database(path).close()


def test_a_text_file_named_db_is_still_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes")
    assert not is_encrypted_database(path)
