"""A restore while other programs keep writing: no acknowledged write is lost.

A writer process adds timeline events through the services for a few seconds, each as a
short-lived program (open, write, close) and prints each reference once the call returned.
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

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX process handling")

REPO = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from appealdesk.services import events
from appealdesk.services.workspace import open_workspace
from appealdesk.domain.errors import AppealDeskError

path, seconds, case_id, keep_open = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
deadline = time.monotonic() + seconds
db = open_workspace(path) if keep_open == "open" else None
n = 0
while time.monotonic() < deadline:
    n += 1
    reference = f"W-{n}"
    target = db or open_workspace(path)
    try:
        events.add_event(target, case_id, kind="note", reference=reference, summary="writer")
    except AppealDeskError as exc:
        print("refused", reference, flush=True)  # told so: not acknowledged
    else:
        print("ok", reference, flush=True)
    finally:
        if db is None:
            target.close()
    time.sleep(0.01)
if db is not None:
    db.close()
"""


def appealdesk(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "appealdesk", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def references(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {r for (r,) in connection.execute("SELECT reference FROM events") if r}


def start_writer(path: Path, seconds: float, keep_open: str) -> subprocess.Popen[str]:
    with closing(sqlite3.connect(path)) as connection:
        (case_id,) = connection.execute("SELECT min(id) FROM cases").fetchone()
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(seconds), str(case_id), keep_open],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def acknowledged(writer: subprocess.Popen[str]) -> list[str]:
    out, _err = writer.communicate(timeout=120)
    assert writer.returncode == 0
    return [line.split()[1] for line in out.splitlines() if line.startswith("ok ")]


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
