"""The integrity check that a window opening a large file runs beside its work."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from appealdesk.domain.errors import DamagedDatabaseError
from appealdesk.store import migrate
from appealdesk.store.database import open_database
from appealdesk.store.database_inspect import integrity_problem
from tests.damage import damage_table

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def _made(tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    open_database(path).close()
    return path


def test_a_sound_file_passes(tmp_path: Path) -> None:
    assert integrity_problem(_made(tmp_path), None) is None


def test_a_damaged_table_the_opening_does_not_read_is_found_by_the_check(tmp_path: Path) -> None:
    path = _made(tmp_path)
    damage_table(path, "custody_entries")
    damaged = path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match=r"is damaged|cannot be read"):
        open_database(path).close()
    # Opened without its check (the window runs it beside its work), the file opens ...
    open_database(path, check=False).close()
    # ... and the check says what is wrong, naming the file, and changes nothing.
    problem = integrity_problem(path, None)
    assert problem is not None
    assert str(path) in problem.message
    assert "is damaged" in problem.message or "cannot be read" in problem.message
    assert path.read_bytes() == damaged


def test_a_stopped_check_ends_early_and_reports_nothing(tmp_path: Path) -> None:
    path = _made(tmp_path)
    with sqlite3.connect(path) as raw:  # 40 MB: the check takes a while, the last page is bad
        raw.execute("CREATE TABLE filler (n INTEGER PRIMARY KEY, data BLOB)")
        raw.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) "
            "INSERT INTO filler (data) SELECT randomblob(1000) FROM n"
        )
        last = raw.execute("SELECT max(pageno) FROM dbstat WHERE name = 'filler'").fetchone()[0]
        size = raw.execute("PRAGMA page_size").fetchone()[0]
    raw.close()
    with path.open("r+b") as handle:
        handle.seek((last - 1) * size)
        handle.write(b"\xff" * size)
    assert integrity_problem(path, None) is not None
    asked = threading.Event()

    def stop() -> bool:
        asked.set()
        return True

    assert integrity_problem(path, None, stop) is None
    assert asked.is_set()


def test_a_file_to_be_brought_up_to_date_is_checked_first_all_the_same(tmp_path: Path) -> None:
    old = sorted(SCHEMAS.glob("appealdesk-*.sqlite3"))[0]
    path = tmp_path / "old.db"
    shutil.copyfile(old, path)
    damage_table(path, "cases")
    damaged = path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match=r"is damaged|cannot be read"):
        open_database(path, check=False)
    assert path.read_bytes() == damaged  # not migrated
    backups = migrate.backups_dir_for(path)
    assert not backups.exists() or not list(backups.iterdir())  # no copy made for an upgrade


def test_an_encrypted_file_is_checked_with_its_key(tmp_path: Path) -> None:
    from appealdesk.store.encryption.keys import DataKey

    path = tmp_path / "sealed.db"
    key = DataKey.generate()
    open_database(path, key=key).close()
    assert integrity_problem(path, key) is None
    size = path.stat().st_size
    with path.open("r+b") as handle:  # the last page, which its authentication code no
        handle.seek(size - 4096 + 100)  # longer matches
        handle.write(b"\xff" * 200)
    problem = integrity_problem(path, key)
    assert problem is not None and str(path) in problem.message
