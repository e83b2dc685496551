"""appealdesk backup, restore and check, run as real processes on real files."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from appealdesk.store.evidence_store import evidence_dir_for
from appealdesk.store.instance_lock import InstanceLock
from tests.cli.test_cli import appealdesk, assert_one_clear_line


@pytest.fixture
def demo_copy(demo_path: Path) -> Path:
    return demo_path


def _case_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as raw:
        return int(raw.execute("SELECT count(*) FROM cases").fetchone()[0])


@pytest.mark.slow
@pytest.mark.subprocess
def test_backup_then_restore_brings_a_deleted_case_back(demo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "safe" / "cases-backup.zip"
    target.parent.mkdir()
    made = appealdesk("backup", "--db", demo_copy, "--out", target)
    assert made.returncode == 0, made.stderr
    assert str(target) in made.stdout and "evidence files" in made.stdout
    before = _case_count(demo_copy)
    with closing(sqlite3.connect(demo_copy)) as raw, raw:  # a program that is done with it
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("DELETE FROM cases WHERE case_number = 'TT-2026-0001'")
    assert _case_count(demo_copy) == before - 1

    restored = appealdesk("restore", "--db", demo_copy, target)

    assert restored.returncode == 0, restored.stderr
    assert "kept as" in restored.stdout
    assert _case_count(demo_copy) == before
    kept = restored.stdout.split("kept as ", 1)[1].strip().rstrip(".")
    assert _case_count(Path(kept)) == before - 1
    checked = appealdesk("check", "--db", demo_copy)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "All is well." in checked.stdout


@pytest.mark.slow
@pytest.mark.subprocess
def test_check_names_a_damaged_evidence_file_and_fails(demo_copy: Path) -> None:
    with sqlite3.connect(demo_copy) as raw:
        sha256, name = raw.execute(
            "SELECT sha256, original_name FROM evidence_items LIMIT 1"
        ).fetchone()
    stored = evidence_dir_for(demo_copy) / sha256[:2] / sha256
    stored.chmod(0o600)
    stored.write_bytes(b"overwritten")
    result = appealdesk("check", "--db", demo_copy)
    assert result.returncode == 1
    assert f"damaged (no longer matches its SHA-256): {name}" in result.stdout
    assert "Problems found." in result.stdout


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_damaged_database_points_to_the_newest_good_backup(demo_copy: Path) -> None:
    # An automatic backup, as the window makes it every day.
    folder = demo_copy.with_name(demo_copy.stem + ".backups")
    folder.mkdir()
    daily = folder / f"{demo_copy.stem}-20261120-090000-daily.sqlite3"
    shutil.copyfile(demo_copy, daily)
    with demo_copy.open("r+b") as handle:
        handle.seek(8192)
        handle.write(b"\x00\xff" * 4096)

    result = appealdesk("cases", "--db", demo_copy)

    assert_one_clear_line(result, "appealdesk restore --db", "20261120-090000-daily.sqlite3")
    restored = appealdesk("restore", "--db", demo_copy, daily)
    assert restored.returncode == 0, restored.stderr
    assert "damaged" in restored.stdout
    assert appealdesk("cases", "--db", demo_copy).returncode == 0


@pytest.mark.slow
@pytest.mark.subprocess
def test_restore_waits_for_the_window_to_close(demo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.zip"
    assert appealdesk("backup", "--db", demo_copy, "--out", target).returncode == 0
    with InstanceLock(demo_copy):
        result = appealdesk("restore", "--db", demo_copy, target)
    assert_one_clear_line(result, "already open in another AppealDesk window")


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.parametrize(
    "arguments, message",
    [
        (("backup", "--out", "{tmp}/missing/b.zip"), "does not exist"),
        (("backup", "--out", "{tmp}"), "is a folder"),
        (("restore", "{tmp}/no-such-backup.zip"), "no backup file at"),
        (("restore", "{tmp}/not-a-backup.zip"), "not a whole AppealDesk backup"),
        (("check",), ""),
    ],
)
def test_bad_arguments_give_one_clear_line_and_change_nothing(
    demo_copy: Path, tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    (tmp_path / "not-a-backup.zip").write_bytes(b"PK\x03\x04 garbage")
    before = demo_copy.read_bytes()
    command = [a.format(tmp=tmp_path) for a in arguments]
    if command == ["check"]:
        result = appealdesk("check", "--db", tmp_path / "absent.db")
        assert_one_clear_line(result, "no database at")
        assert not (tmp_path / "absent.db").exists()
        return
    result = appealdesk(command[0], "--db", demo_copy, *command[1:])
    assert_one_clear_line(result, message)
    assert demo_copy.read_bytes() == before
    assert list(tmp_path.glob("**/*.part")) == []
