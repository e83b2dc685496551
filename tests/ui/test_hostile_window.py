"""The window on hostile input: a database path that is no file, and an SQL error in a
background task whose statement carried an ID document's title and file name."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from appealdesk.cli.logs import file_handler
from appealdesk.domain.enums import EvidenceKind
from appealdesk.services import cases, evidence_import
from appealdesk.services.workspace import open_workspace
from appealdesk.ui.base.background import BackgroundTask
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.host import WindowHost
from tests.cli.test_log_privacy import FILE_NAME, TITLE, assert_private, refusing_evidence
from tests.images import write_image


@pytest.fixture
def message_boxes(qapp: QApplication) -> Iterator[list[str]]:
    """The text of every message box shown, each closed as soon as it is up."""
    shown: list[str] = []

    def close_boxes() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                shown.append(widget.text())
                widget.done(0)

    timer = QTimer()
    timer.timeout.connect(close_boxes)
    timer.start(20)
    yield shown
    timer.stop()


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_the_window_refuses_a_fifo_with_the_line_the_command_prints(
    tmp_path: Path, message_boxes: list[str]
) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo, 0o644)
    host = WindowHost(fifo, AppSettings(tmp_path / "settings.ini"))
    try:
        assert host.start() is False
    finally:
        host.shutdown()
    command = subprocess.run(
        [sys.executable, "-m", "appealdesk", "cases", "--db", str(fifo), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert command.stderr.strip() == f"appealdesk: {message_boxes[0]}"
    assert message_boxes == [
        f"{fifo} is not an ordinary file (but a device, a pipe or a socket, say), so it "
        "cannot be a database."
    ]
    assert stat.S_IMODE(fifo.stat().st_mode) == 0o644
    assert not (tmp_path / "pipe.lock").exists()  # refused before the lock was taken


def test_the_window_leaves_another_programs_database_as_it_was(
    tmp_path: Path, message_boxes: list[str]
) -> None:
    other = tmp_path / "music.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    connection.close()
    other.chmod(0o644)
    host = WindowHost(other, AppSettings(tmp_path / "settings.ini"))
    try:
        assert host.start() is False
    finally:
        host.shutdown()
    assert message_boxes == [f"{other} is an SQLite file, but not an AppealDesk database."]
    assert stat.S_IMODE(other.stat().st_mode) == 0o644


@pytest.mark.subprocess
def test_a_failed_background_task_logs_no_user_data(
    qtbot: QtBot, qapp: QApplication, demo_path: Path, tmp_path: Path
) -> None:
    refusing_evidence(demo_path)
    db = open_workspace(demo_path)
    picture = write_image(tmp_path / FILE_NAME)
    detail = cases.find_case(db, "TT-2026-0003")
    assert detail.case.id is not None
    case_id = detail.case.id
    log = tmp_path / "appealdesk.log"
    handler = file_handler(log)
    logger = logging.getLogger("appealdesk")
    logger.addHandler(handler)
    failures: list[str] = []
    try:
        task = BackgroundTask(
            lambda progress, stop: evidence_import.import_files(
                db,
                case_id,
                [picture],
                kind=EvidenceKind.ID_DOCUMENT,
                title=TITLE,
                progress=progress,
                should_stop=stop,
            )
        )
        task.failed.connect(failures.append)
        with qtbot.waitSignal(task.ended, timeout=20_000):
            task.start()
    finally:
        logger.removeHandler(handler)
        handler.close()
        db.close()
    assert len(failures) == 1
    written = log.read_text(encoding="utf-8")
    assert_private(written)
    assert "ERROR appealdesk.ui.base.background: background work failed" in written
    assert "sqlalchemy.exc.IntegrityError SQLITE_CONSTRAINT_TRIGGER" in written
    assert "evidence_import.py" in written and ", in import_files" in written
