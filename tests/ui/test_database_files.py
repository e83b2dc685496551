"""The window's process never opens its own database outside SQLite, whatever the user does.

POSIX drops every lock a process holds on a file when it closes any descriptor of that file;
then the next program to close the database deletes the -wal the window still writes into.
Here the window shows the Add files dialog on the database's folder and is offered the
database files as evidence while another process reads and writes; afterwards the window
still holds its locks, its next write is seen at once by a third process, and nothing any
process committed is missing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from appealdesk.ui.main_window.window import MainWindow
from tests.images import write_image
from tests.store.test_lost_locks import locks_held_on, other_process
from tests.ui.evidence.test_tab import open_evidence, wait_for_import

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="reads the kernel's lock table in /proc/locks"
)

WRITER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
connection.execute("CREATE TABLE IF NOT EXISTS outside_writes (n INTEGER)")
n = 0
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    n += 1
    connection.execute("INSERT INTO outside_writes VALUES (?)", (n,))
    print(n, flush=True)  # acknowledged: committed
    connection.execute("SELECT count(*) FROM cases").fetchone()
    if n % 20 == 0:  # and now and then as a short-lived program that closes the database
        connection.close()
        connection = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
    time.sleep(0.005)
connection.close()
"""


def own_locks(window: MainWindow) -> list[str]:
    path = window.db.path
    shm = path.with_name(path.name + "-shm")
    return locks_held_on(path, os.getpid()) + locks_held_on(shm, os.getpid())


@pytest.mark.slow
@pytest.mark.subprocess
def test_file_dialog_and_database_offered_as_evidence_keep_the_windows_locks(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = window.db.path
    case_id, tab = open_evidence(window)
    window.db.rows("SELECT count(*) FROM cases")
    locks_before = own_locks(window)
    assert len(locks_before) >= 2, "the database and its -shm are locked while open"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "4"], stdout=subprocess.PIPE, text=True
    )
    try:
        # The Add files dialog, shown on the folder that holds the database.
        monkeypatch.setenv("HOME", str(path.parent))
        seen: list[QFileDialog] = []

        def look_then_cancel() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QFileDialog):
                qtbot.wait(20)
                return look_then_cancel()
            seen.append(dialog)
            qtbot.wait(1500)  # long enough for the dialog to list the folder with icons
            dialog.reject()
            return None

        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, look_then_cancel)
        tab.commands.choose_files()
        assert seen and Path(seen[0].directory().absolutePath()) == path.parent
        assert own_locks(window) == locks_before

        # The database, its journals and its lock offered as evidence.
        offered = [path.with_name(path.name + s) for s in ("", "-wal", "-shm")]
        offered.append(path.with_name(path.stem + ".lock"))
        tab.import_paths([p for p in offered if p.exists()])
        wait_for_import(qtbot, tab)
        assert "AppealDesk's own database" in window.message_bar.text()
        assert own_locks(window) == locks_before
    finally:
        acknowledged = [int(line) for line in writer.communicate(timeout=60)[0].split()]
    assert writer.returncode == 0 and acknowledged

    # The window writes; a third process sees it at once.
    tab.import_paths([write_image(tmp_path / "melding.png", text="na de dialoog")])
    wait_for_import(qtbot, tab)
    rows = other_process(path, f"SELECT original_name FROM evidence_items WHERE case_id={case_id}")
    assert ["melding.png"] in rows
    assert path.with_name(path.name + "-wal").exists()

    window.close()
    window.db.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {n for (n,) in check.execute("SELECT n FROM outside_writes")}
    check.close()
    assert set(acknowledged) <= stored
