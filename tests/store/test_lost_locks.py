"""A process that loses its locks on the database (POSIX drops them all when any descriptor of
the file is closed) must never go on writing into a -wal file another program deleted.

Each test opens the database here, breaks this process's locks the way a file dialog or a
careless library does (open and close the file), lets another *process* open and close the
database (which then checkpoints and deletes the -wal it believes nobody uses), and checks
that a write made here afterwards is seen at once by a third process and that the database
stays whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from appealdesk.domain.enums import BlockKind, Platform
from appealdesk.services import cases
from appealdesk.services.workspace import open_workspace
from appealdesk.store.database import Database

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="reads the kernel's lock table in /proc/locks"
)


def other_process(database: Path, sql: str) -> list[list[object]]:
    """Runs ``sql`` in a process of its own, as any other program would, and closes."""
    script = (
        "import json, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], timeout=10)\n"
        "print(json.dumps(c.execute(sys.argv[2]).fetchall()))\n"
        "c.commit(); c.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(database), sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def locks_held_on(path: Path, pid: int) -> list[str]:
    """The kernel's POSIX locks of process ``pid`` on the file at ``path`` (kind and range)."""
    inode = f":{path.stat().st_ino}"
    held = []
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()  # number: POSIX ADVISORY READ|WRITE pid dev:inode start end
        if fields[1] == "POSIX" and fields[4] == str(pid) and fields[5].endswith(inode):
            held.append(" ".join([fields[3], *fields[6:]]))
    return held


def break_locks(path: Path) -> None:
    """What Qt's file dialog does when it guesses a file's type: open, read, close."""
    with path.open("rb") as handle:
        handle.read(16)


def new_case(db: Database, handle: str) -> str:
    created = cases.create_case(
        db,
        blocked_at=dt.datetime(2026, 11, 1, 9, 30),
        new_account={"platform": Platform.TIKTOK, "handle": handle},
        block_kind=BlockKind.PERMANENT_BAN,
    )
    return created.case_number


@pytest.fixture
def opened(tmp_path: Path) -> Database:
    database = open_workspace(tmp_path / "cases.db")
    new_case(database, "@before")
    return database


@pytest.mark.subprocess
def test_lost_locks_are_noticed_and_the_next_write_is_seen_by_others(opened: Database) -> None:
    path = opened.path
    assert locks_held_on(path, os.getpid()), "an open database holds a lock"
    break_locks(path)
    assert not locks_held_on(path, os.getpid())
    other_process(path, "SELECT count(*) FROM cases")
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists(), "the other process deleted the -wal this one still uses"

    number = new_case(opened, "@after")

    seen = other_process(path, "SELECT case_number FROM cases ORDER BY id")
    assert [row[0] for row in seen][-1] == number
    assert locks_held_on(path, os.getpid()), "the locks were taken again"
    opened.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("SELECT count(*) FROM cases").fetchone() == (2,)
    check.close()


@pytest.mark.subprocess
def test_reading_alone_heals_so_a_window_that_only_polls_stays_visible(opened: Database) -> None:
    path = opened.path
    break_locks(path)
    other_process(path, "SELECT count(*) FROM sqlite_master")
    opened.data_version()  # what the window polls
    assert locks_held_on(path, os.getpid())
    # With the locks back, another program's close no longer deletes the -wal under us.
    other_process(path, "SELECT count(*) FROM sqlite_master")
    assert path.with_name(path.name + "-wal").exists()
    other_process(path, "UPDATE accounts SET handle = 'renamed' WHERE handle = 'before'")
    handles = [row[0] for row in opened.rows("SELECT handle FROM accounts")]
    assert "renamed" in handles
    opened.close()


@pytest.mark.subprocess
def test_a_crashed_writers_wal_survives_the_healing(opened: Database) -> None:
    """The stale connections close while another program's -wal holds committed changes
    nobody has checkpointed yet (its writer was killed): those changes are not deleted."""
    path = opened.path
    break_locks(path)
    other_process(path, "SELECT count(*) FROM sqlite_master")  # deletes the -wal
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute(\"UPDATE accounts SET handle = 'committed' WHERE handle = 'before'\")\n"
        "os._exit(0)  # dies without closing: the change is only in the -wal\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=60)
    assert path.with_name(path.name + "-wal").stat().st_size > 0

    handles = [row[0] for row in opened.rows("SELECT handle FROM accounts")]

    assert "committed" in handles
    assert locks_held_on(path, os.getpid())
    opened.close()
    assert ["committed"] in other_process(path, "SELECT handle FROM accounts")


@pytest.mark.subprocess
def test_a_read_never_waits_for_another_threads_transaction_to_heal(
    opened: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appealdesk.store import sqlite_database as database

    monkeypatch.setattr(database, "HEAL_WAIT_S", 60.0)
    path = opened.path
    holding, release = threading.Event(), threading.Event()

    def hold_a_session() -> None:
        with opened.reading():
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=hold_a_session)
    holder.start()
    try:
        assert holding.wait(30)
        break_locks(path)
        other_process(path, "SELECT count(*) FROM sqlite_master")
        reader = threading.Thread(target=lambda: opened.rows("SELECT count(*) FROM cases"))
        reader.start()
        reader.join(timeout=20)
        assert not reader.is_alive(), "the read waited for the other thread"
    finally:
        release.set()
        holder.join()
    number = new_case(opened, "@healed")  # a write heals once the other thread is done
    assert [number] in other_process(path, "SELECT case_number FROM cases")
    assert locks_held_on(path, os.getpid())
    opened.close()
