"""Backups and restores from the window, and starting on a damaged or busy database."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from appealdesk.i18n import format_datetime
from appealdesk.services import backups
from appealdesk.services.workspace import open_workspace
from appealdesk.store.backup.folder import BackupFile, BackupFolder
from appealdesk.store.database import Database
from appealdesk.ui.base.retranslate import switch_language
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.host import WindowHost
from appealdesk.ui.main_window.window import MainWindow
from tests.damage import damage_table
from tests.ui.boxes import answer_boxes


@pytest.fixture
def critical(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error dialogs are recorded instead of waiting for a click."""
    return answer_boxes(monkeypatch, QMessageBox.StandardButton.Ok)


def _host(path: Path, tmp_path: Path, hosts: list[WindowHost], **kwargs: object) -> WindowHost:
    kwargs.setdefault("daily_backup_delay_ms", 3_600_000)
    host = WindowHost(path, AppSettings(tmp_path / "settings.ini"), **kwargs)  # type: ignore[arg-type]
    hosts.append(host)
    return host


def _case_numbers(window: MainWindow) -> set[str]:
    model = window.case_list.model
    return {model.case_at(row).case_number for row in range(model.rowCount())}  # type: ignore[union-attr]


@pytest.mark.slow
def test_back_up_now_makes_a_backup_and_says_so(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    window.menus.back_up.trigger()
    qtbot.waitUntil(lambda: "Backup made at" in window.message_bar.text(), timeout=10_000)
    assert "new evidence files copied" in window.message_bar.text()
    (backup,) = BackupFolder(demo_db.path).backups()
    assert backup.reason.value == "manual"


def test_the_restore_list_shows_date_reason_and_contents_in_both_languages(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    older = backups.back_up(demo_db, now=dt.datetime(2026, 11, 1, 8, 15)).backup
    backups.back_up(demo_db, now=dt.datetime(2026, 11, 20, 17, 45))
    dialog = window.restore_from_backup()
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2
    row = [model.index(1, column).data() for column in range(model.columnCount())]
    assert row[0] == format_datetime(older.taken_at, "medium")
    assert row[1] == "Made by hand"
    assert row[2] == "16"
    assert row[4].endswith(("KB", "kB", "MB"))
    assert dialog.restore_button.isEnabled()  # the newest is selected
    switch_language("nl")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Gemaakt op"
    assert dialog.windowTitle() == "Back-up terugzetten"
    assert model.index(1, 1).data() == "Handmatig"
    assert model.index(1, 0).data() == format_datetime(older.taken_at, "medium", "nl")


def test_restoring_from_the_window_brings_back_a_deleted_case(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    host = _host(demo_path, tmp_path, hosts)
    assert host.start()
    window = host.window
    assert window is not None and host.db is not None
    backup = backups.back_up(host.db, now=dt.datetime(2026, 11, 20, 9, 0)).backup
    before = _case_numbers(window)
    case_id = window.case_list.model.case_at(0).id  # type: ignore[union-attr]
    window.case_actions.delete_case(case_id)
    qtbot.waitUntil(lambda: len(_case_numbers(window)) == len(before) - 1)

    with qtbot.waitSignal(host.restore_finished, timeout=20_000):
        window.restore_requested.emit(backup.path)

    new_window = host.window
    assert new_window is not None and new_window is not window
    assert new_window.isVisible()
    assert _case_numbers(new_window) == before
    assert "The backup is restored" in new_window.message_bar.text()


def test_a_damaged_database_at_start_up_is_replaced_by_the_newest_backup(
    demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    db = open_workspace(demo_path)
    backups.back_up(db, now=dt.datetime(2026, 11, 20, 9, 0))
    db.close()
    with demo_path.open("r+b") as handle:
        handle.seek(8192)
        handle.write(b"\xff" * 8192)
    offered: list[BackupFile] = []

    def ask(message: str, backup: BackupFile) -> bool:
        offered.append(backup)
        assert "damaged" in message or "cannot be read" in message
        return True

    host = _host(demo_path, tmp_path, hosts, ask=ask)
    assert host.start()
    assert offered and offered[0].taken_at == dt.datetime(2026, 11, 20, 9, 0)
    assert host.window is not None and len(_case_numbers(host.window)) == 16
    assert list(demo_path.parent.glob("demo-damaged-*.db"))


def test_declining_the_backup_leaves_the_damaged_file_alone(
    demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    db = open_workspace(demo_path)
    backups.back_up(db)
    db.close()
    with demo_path.open("r+b") as handle:
        handle.seek(8192)
        handle.write(b"\xff" * 8192)
    damaged = demo_path.read_bytes()
    host = _host(demo_path, tmp_path, hosts, ask=lambda _message, _backup: False)
    assert not host.start()
    assert demo_path.read_bytes() == damaged
    assert not host.lock.held


def test_a_second_window_on_the_same_database_is_refused(
    demo_path: Path, tmp_path: Path, hosts: list[WindowHost], critical: list[str]
) -> None:
    first = _host(demo_path, tmp_path, hosts)
    assert first.start()
    second = _host(demo_path, tmp_path, hosts)
    assert not second.start()
    assert critical and "already open in another AppealDesk window" in critical[0]


def test_the_daily_backup_follows_the_start(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    host = _host(demo_path, tmp_path, hosts, daily_backup_delay_ms=0)
    assert host.start()
    folder = BackupFolder(demo_path)
    qtbot.waitUntil(lambda: len(folder.backups()) == 1, timeout=10_000)
    assert folder.backups()[0].reason.value == "daily"
    with sqlite3.connect(folder.backups()[0].path) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_database_opens_with_a_notice_and_stays_read_only(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost], critical: list[str]
) -> None:
    demo_path.chmod(0o400)
    host = _host(demo_path, tmp_path, hosts)
    assert host.start()
    window = host.window
    assert window is not None
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() > 0)
    assert window.windowTitle().endswith("(read-only)")
    assert "Read-only: changes cannot be saved (the file is read-only)." in (
        window.message_bar.text()
    )
    switch_language("nl")
    assert window.windowTitle().endswith("(alleen-lezen)")
    assert (
        "Alleen-lezen: wijzigingen kunnen niet worden opgeslagen (het bestand is alleen-lezen)"
        in (window.message_bar.text())
    )
    switch_language("en")
    assert not critical
    assert stat.S_IMODE(demo_path.stat().st_mode) == 0o400


def _damaged_demo(demo_path: Path, *, backup: bool) -> bytes:
    """The demo with a backup (or none) and then a bad table the case list does not read."""
    db = open_workspace(demo_path)
    if backup:
        backups.back_up(db, now=dt.datetime(2026, 11, 20, 9, 0))
    db.close()
    damage_table(demo_path, "custody_entries")
    return demo_path.read_bytes()


def test_a_large_file_shows_its_cases_and_its_damage_found_beside_brings_back_the_backup(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    _damaged_demo(demo_path, backup=True)
    offered: list[tuple[str, BackupFile]] = []

    def ask(message: str, backup: BackupFile) -> bool:
        offered.append((message, backup))
        return True

    host = _host(demo_path, tmp_path, hosts, ask=ask, check_beside_from_bytes=0)
    assert host.start()
    window = host.window
    assert window is not None and len(_case_numbers(window)) == 16  # shown before the check
    assert not offered
    with qtbot.waitSignal(host.restore_finished, timeout=20_000):
        pass
    message, backup = offered[0]
    assert str(demo_path) in message
    assert "damaged" in message or "cannot be read" in message
    assert backup.taken_at == dt.datetime(2026, 11, 20, 9, 0)
    assert host.window is not None and host.window is not window
    assert len(_case_numbers(host.window)) == 16
    assert list(demo_path.parent.glob("demo-damaged-*.db"))
    with sqlite3.connect(demo_path) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_declining_the_backup_offered_beside_closes_the_window_and_leaves_the_file(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    damaged = _damaged_demo(demo_path, backup=True)
    host = _host(demo_path, tmp_path, hosts, ask=lambda _m, _b: False, check_beside_from_bytes=0)
    assert host.start()
    window = host.window
    assert window is not None and window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    host.shutdown()
    assert not host.lock.held
    assert demo_path.read_bytes() == damaged
    assert not list(demo_path.parent.glob("demo-damaged-*.db"))


def test_damage_found_beside_without_a_backup_is_said_and_the_window_closes(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost], critical: list[str]
) -> None:
    _damaged_demo(demo_path, backup=False)
    host = _host(demo_path, tmp_path, hosts, check_beside_from_bytes=0)
    assert host.start()
    window = host.window
    assert window is not None
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert len(critical) == 1
    assert str(demo_path) in critical[0] and "There is no good backup of it" in critical[0]


def test_a_sound_file_checked_beside_its_work_asks_nothing(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost], critical: list[str]
) -> None:
    host = _host(
        demo_path,
        tmp_path,
        hosts,
        ask=lambda _m, _b: pytest.fail("asked"),
        check_beside_from_bytes=0,
    )
    assert host.start()
    check = host.check
    assert check is not None
    with qtbot.waitSignal(check.ended, timeout=20_000):
        pass
    assert host.window is not None and host.window.isVisible()
    assert not critical


def test_damage_found_beside_waits_for_the_dialog_the_user_is_in(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, hosts: list[WindowHost]
) -> None:
    _damaged_demo(demo_path, backup=True)
    offered: list[str] = []

    def decline(message: str, _backup: BackupFile) -> bool:
        offered.append(message)
        return False

    host = _host(demo_path, tmp_path, hosts, ask=decline, check_beside_from_bytes=0)
    assert host.start()
    window = host.window
    assert window is not None
    dialog = QDialog(window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    check = host.check
    assert check is not None
    with qtbot.waitSignal(check.ended, timeout=20_000):
        pass
    qtbot.wait(700)  # the damage was found; the dialog stays on top, undisturbed
    assert not offered and dialog.isVisible() and window.isVisible()
    dialog.accept()
    qtbot.waitUntil(lambda: bool(offered), timeout=5_000)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)  # declined: it closes
