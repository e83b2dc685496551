"""One window per database, and clear errors when the disk is full or cannot be written."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from appealdesk.domain.errors import DatabaseError, DatabaseInUseError
from appealdesk.services import cases
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database
from appealdesk.store.instance_lock import InstanceLock


def test_a_second_window_on_the_same_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    with InstanceLock(path):
        second = InstanceLock(path)
        with pytest.raises(DatabaseInUseError, match="already open in another AppealDesk"):
            second.acquire()
        assert not second.held
        InstanceLock(tmp_path / "other.db").acquire()  # other databases are not affected
    with InstanceLock(path) as again:
        assert again.held


@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_the_lock_of_a_crashed_window_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from appealdesk.store.instance_lock import InstanceLock
        InstanceLock(Path({str(path)!r})).acquire()
        print("locked", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseInUseError):
            InstanceLock(path).acquire()
        child.kill()
        child.wait()
        with InstanceLock(path) as lock:
            assert lock.held
    finally:
        child.kill()
        child.wait()


@pytest.fixture
def full_disk_db(db: Database) -> Iterator[Database]:
    """A database that cannot grow: SQLite answers exactly as on a full disk."""
    pages = db.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

    def limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {int(pages or 0) + 2}")

    event.listen(db.engine, "connect", limit)
    db.engine.dispose()
    yield db


def _create(db: Database, notice: str) -> int:
    case = cases.create_case(
        db,
        blocked_at=cases.now(),
        new_account={"platform": "tiktok", "handle": "@creator"},
        notice_text=notice,
    )
    assert case.id is not None
    return case.id


def test_a_full_disk_gives_a_clear_error_and_keeps_what_was_saved(full_disk_db: Database) -> None:
    case_id = _create(full_disk_db, "saved before the disk filled up")
    with pytest.raises(DatabaseError, match="disk is full"):
        cases.update_case(full_disk_db, case_id, user_statement="x" * 200_000)
    detail = cases.get_case(full_disk_db, case_id)
    assert detail.case.notice_text == "saved before the disk filled up"
    assert detail.case.user_statement == ""


def test_a_read_only_database_gives_a_clear_error(db: Database) -> None:
    case_id = _create(db, "kept")

    def read_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    event.listen(db.engine, "connect", read_only)
    db.engine.dispose()
    with pytest.raises(DatabaseError, match="cannot be written"):
        cases.update_case(db, case_id, notice_text="changed")
    assert cases.get_case(db, case_id).case.notice_text == "kept"


@pytest.mark.skipif(
    sys.platform == "win32"
    or not hasattr(__import__("os"), "geteuid")
    or __import__("os").geteuid() == 0,
    reason="root (and Windows) ignore folder permissions",
)
def test_a_database_in_a_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    open_workspace(folder / "cases.db").close()
    folder.chmod(0o500)
    try:
        db = open_workspace(folder / "cases.db")
        with pytest.raises(DatabaseError):
            _create(db, "nowhere to go")
        db.close()
    finally:
        folder.chmod(0o700)


def test_an_evidence_folder_that_cannot_be_written_stops_the_import_cleanly(
    db: Database, tmp_path: Path, qapp: object
) -> None:
    from appealdesk.services import evidence
    from appealdesk.services.evidence_import import import_files
    from tests.images import write_image

    case_id = _create(db, "with a screenshot to come")
    shutil.rmtree(db.evidence.root, ignore_errors=True)
    db.evidence.root.write_bytes(b"")  # a file where the folder should be: nothing can go in
    screenshot = write_image(tmp_path / "notice.png")
    with pytest.raises(DatabaseError, match=r"could not be written|cannot be written"):
        import_files(db, case_id, [screenshot])
    assert evidence.list_evidence(db, case_id) == []
    assert cases.get_case(db, case_id).case.notice_text == "with a screenshot to come"
