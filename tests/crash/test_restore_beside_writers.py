"""A restore while other programs keep writing: no acknowledged write is lost.

A writer process (``tests/crash/event_writer.py``) adds timeline events through the services
for a few seconds, each as a short-lived program (open, write, close), and prints each
reference once the call returned.
Meanwhile ``appealdesk restore`` runs. Every acknowledged event must be in the restored
database (written after the restore) or in the copy kept aside (written before it): none
may have gone into a file that was replaced. A writer that keeps the database open instead
makes the restore refuse with a clear message, and nothing changes.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli.test_cli import appealdesk

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX process handling"),
    pytest.mark.serial,
]

REPO = Path(__file__).resolve().parents[2]


def references(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {r for (r,) in connection.execute("SELECT reference FROM events") if r}


def start_writer(path: Path, seconds: float, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash.event_writer", str(path), str(seconds), "W", mode],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def acknowledged(writer: subprocess.Popen[str]) -> list[str]:
    out, _err = writer.communicate(timeout=120)
    assert writer.returncode == 0
    return [line.split()[1] for line in out.splitlines() if line.startswith("ok ")]


@pytest.mark.slow
@pytest.mark.subprocess
def test_every_acknowledged_write_is_restored_or_kept_aside(
    demo_path: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.zip"
    assert appealdesk("backup", "--db", demo_path, "--out", backup).returncode == 0
    writer = start_writer(demo_path, 5.0, "per-write")
    time.sleep(1.5)
    restored = appealdesk("restore", "--db", demo_path, backup)
    written = acknowledged(writer)

    assert restored.returncode == 0, restored.stderr
    kept = Path(restored.stdout.split("kept as ", 1)[1].strip().rstrip("."))
    in_restored, in_kept = references(demo_path), references(kept)
    lost = [r for r in written if r not in in_restored and r not in in_kept]
    assert not lost, f"{len(lost)} of {len(written)} acknowledged writes lost"
    assert any(r in in_kept for r in written), "the writer wrote before the restore"
    assert any(r in in_restored for r in written), "and after it, into the restored database"
    with closing(sqlite3.connect(demo_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
@pytest.mark.subprocess
def test_a_program_that_keeps_the_database_open_makes_the_restore_wait_then_refuse(
    demo_path: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.zip"
    assert appealdesk("backup", "--db", demo_path, "--out", backup).returncode == 0
    writer = start_writer(demo_path, 14.0, "open")
    time.sleep(1.5)
    restored = appealdesk("restore", "--db", demo_path, backup)
    written = acknowledged(writer)

    assert restored.returncode == 1
    assert "in use by another program" in restored.stderr
    assert len(restored.stderr.strip().splitlines()) == 1
    assert set(written) <= references(demo_path)
