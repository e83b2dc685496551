"""A database that cannot be written is opened for reading, with a clear notice, and stays as
it was: never called damaged, never made writable again."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from appealdesk.domain.errors import DatabaseError
from appealdesk.services import case_list, evidence_import
from appealdesk.services.case_rows import CaseQuery
from appealdesk.services.workspace import open_workspace
from appealdesk.store.evidence_store import evidence_dir_for
from tests.cli.test_cli import appealdesk
from tests.images import write_image

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def stored_files(database: Path) -> set[Path]:
    root = evidence_dir_for(database)
    return {p for p in root.rglob("*") if p.is_file() and "thumbnails" not in p.parts}


def assert_reads_but_refuses_writes(database: Path, tmp_path: Path, reason: str) -> None:
    before = stored_files(database)
    db = open_workspace(database)
    try:
        assert db.read_only == reason
        rows = case_list.list_cases(db, CaseQuery(), limit=5)
        assert rows
        case_id = rows[0].id
        picture = write_image(tmp_path / "melding.png")
        with pytest.raises(DatabaseError, match="Read-only: changes cannot be saved"):
            evidence_import.import_files(db, case_id, [picture])
    finally:
        db.close()
    assert stored_files(database) == before, "nothing was stored for the refused import"
    refused = appealdesk("evidence", "add", "--db", database, "TT-2026-0001", picture)
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"appealdesk: Read-only: changes cannot be saved ({reason})."
    listed = appealdesk("cases", "--db", database, "--format", "json")
    assert listed.returncode == 0 and "TT-2026-0001" in listed.stdout


@pytest.mark.slow
@pytest.mark.subprocess
@posix_only
def test_a_read_only_file_is_read_and_stays_read_only(demo_path: Path, tmp_path: Path) -> None:
    demo_path.chmod(0o400)
    assert_reads_but_refuses_writes(demo_path, tmp_path, "the file is read-only")
    assert stat.S_IMODE(demo_path.stat().st_mode) == 0o400


@pytest.mark.slow
@pytest.mark.subprocess
@posix_only
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_database_of_another_user_is_read_and_left_alone(demo_path: Path, tmp_path: Path) -> None:
    demo_path.chmod(0o644)
    os.chown(demo_path, 54321, -1)
    assert_reads_but_refuses_writes(demo_path, tmp_path, "the file belongs to another user")
    status = demo_path.stat()
    assert (status.st_uid, stat.S_IMODE(status.st_mode)) == (54321, 0o644)


@contextlib.contextmanager
def read_only_file_system(folder: Path) -> Iterator[None]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {mounted.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.slow
@pytest.mark.subprocess
@posix_only
def test_a_database_on_a_read_only_file_system_is_read(demo_path: Path, tmp_path: Path) -> None:
    mount = tmp_path / "stick"
    with read_only_file_system(mount):
        database = mount / "cases.db"
        shutil.copy2(demo_path, database)
        shutil.copytree(evidence_dir_for(demo_path), evidence_dir_for(database))
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        assert_reads_but_refuses_writes(database, tmp_path, "the folder is read-only")
        checked = appealdesk("check", "--db", database)
        assert "damaged" not in checked.stdout + checked.stderr
