"""Temporary copies of the data stay in the database's own private work folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from appealdesk.services.health_check import check_database
from appealdesk.services.workspace import open_workspace
from appealdesk.store.work_folder import clear_leftovers, work_folder_path, work_item
from tests.mounts import small_disk


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_work_item_is_private_and_gone_afterwards(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    with work_item(database, "backup") as item:
        (item / "copy.sqlite3").write_bytes(b"personal data")
        assert item.parent == tmp_path / "cases.backups" / ".work"
        if sys.platform != "win32":
            assert _mode(item) == _mode(item.parent) == _mode(item.parent.parent) == 0o700
    assert list(work_folder_path(database).iterdir()) == []
    with pytest.raises(RuntimeError), work_item(database, "check") as item:
        (item / "copy").write_bytes(b"x")
        raise RuntimeError("interrupted")
    assert list(work_folder_path(database).iterdir()) == []


def test_items_in_use_in_this_process_are_left_alone(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    with work_item(database, "backup") as item:
        (item / "copy").write_bytes(b"x")
        assert clear_leftovers(database) == 0
        assert (item / "copy").exists()


_HOLDER = """
import sys, time
from pathlib import Path
from appealdesk.store.work_folder import work_item
with work_item(Path(sys.argv[1]), "backup") as item:
    (item / "database.sqlite3").write_bytes(b"a copy of the data" * 1000)
    print(item, flush=True)
    time.sleep(120)
"""


@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_a_killed_runs_leftover_goes_at_the_next_open_but_work_in_progress_stays(
    tmp_path: Path,
) -> None:
    database = tmp_path / "cases.db"
    open_workspace(database).close()
    holders = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(_HOLDER), str(database)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        killed = holders[0]
        items = []
        for holder in holders:
            assert holder.stdout is not None
            items.append(Path(holder.stdout.readline().strip()))
        assert all((item / "database.sqlite3").is_file() for item in items)
        killed.kill()
        killed.wait()
        assert (items[0] / "database.sqlite3").is_file()  # nothing cleans up after a kill

        open_workspace(database).close()  # the window or any command opening the database

        assert not items[0].exists()
        assert not items[0].with_name(items[0].name + ".lock").exists()
        assert (items[1] / "database.sqlite3").is_file()  # its process is still working
        check_database(database)  # `appealdesk check` clears as well
        assert (items[1] / "database.sqlite3").is_file()
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()
    open_workspace(database).close()
    assert list(work_folder_path(database).iterdir()) == []


def test_an_item_without_its_lock_file_is_a_leftover(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    stray = work_folder_path(database) / "backup-0badc0de"
    stray.mkdir(parents=True)
    (stray / "database.sqlite3").write_bytes(b"x")
    assert clear_leftovers(database) == 1
    assert not stray.exists()


def _appealdesk(*args: str | Path, tmpdir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "TMPDIR": str(tmpdir)}
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.slow
@pytest.mark.subprocess
def test_backup_and_check_leave_nothing_in_the_system_temp_folder(demo_path: Path) -> None:
    system_temp = demo_path.parent / "system-temp"
    system_temp.mkdir()
    out = demo_path.parent / "kept.zip"
    backup = _appealdesk("backup", "--db", demo_path, "--out", out, tmpdir=system_temp)
    assert backup.returncode == 0, backup.stderr
    check = _appealdesk("check", "--db", demo_path, tmpdir=system_temp)
    assert check.returncode == 0, check.stdout + check.stderr
    assert list(system_temp.iterdir()) == []
    assert list(work_folder_path(demo_path).iterdir()) == []
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_tiny_system_temp_folder_does_not_fail_backup_or_check(demo_path: Path) -> None:
    with small_disk(demo_path.parent / "tiny-temp", "16k") as tiny:
        out = demo_path.parent / "kept.zip"
        backup = _appealdesk("backup", "--db", demo_path, "--out", out, tmpdir=tiny)
        assert backup.returncode == 0, backup.stderr
        assert "Backup written to" in backup.stdout
        check = _appealdesk("check", "--db", demo_path, tmpdir=tiny)
        assert check.returncode == 0, check.stdout + check.stderr
        assert list(tiny.iterdir()) == []
