"""A refused restore in the window: the window stays open on the untouched database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from appealdesk.domain.errors import DatabaseInUseError
from appealdesk.services import backups
from appealdesk.store.instance_lock import InstanceLock
from appealdesk.ui import host as window_host
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.host import WindowHost
from tests.hostile.backups import with_database

TRIGGER = "CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM events; END"


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error dialogs are recorded instead of waiting for a click."""
    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *args: object) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(record))
    monkeypatch.setattr(window_host, "tell", record, raising=False)
    return shown


@pytest.fixture
def host(demo_path: Path, tmp_path: Path) -> Iterator[WindowHost]:
    started = WindowHost(
        demo_path, AppSettings(tmp_path / "settings.ini"), daily_backup_delay_ms=3_600_000
    )
    assert started.start()
    yield started
    if started.window is not None:
        started.window.close()
    started.shutdown()


def _hostile_backup(host: WindowHost, tmp_path: Path) -> Path:
    assert host.db is not None
    good = tmp_path / "good.zip"
    backups.write_backup_file(host.db, good)
    return with_database(good, tmp_path / "hostile.zip", lambda raw: raw.execute(TRIGGER))


def _triggers(path: Path) -> list[str]:
    with sqlite3.connect(path) as raw:
        return [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]


def test_a_hostile_backup_is_refused_and_the_window_stays_on_the_database(
    qtbot: QtBot, host: WindowHost, tmp_path: Path, told: list[str]
) -> None:
    hostile = _hostile_backup(host, tmp_path)
    window = host.window
    assert window is not None
    triggers = _triggers(host.path)

    with qtbot.waitSignal(host.restore_failed, timeout=30_000) as failed:
        window.restore_requested.emit(hostile)

    reason = failed.args[0]
    assert "trigger “wipe”" in reason and "\n" not in reason
    new_window = host.window
    assert new_window is not None and new_window.isVisible() and host.db is not None
    assert "The backup was not restored" in new_window.message_bar.text()
    assert "wipe" not in _triggers(host.path) and _triggers(host.path) == triggers
    assert told == []
    with pytest.raises(DatabaseInUseError):  # the window still holds its database
        InstanceLock(host.path).acquire()


def test_when_the_database_cannot_be_opened_again_the_process_lets_go(
    qtbot: QtBot,
    host: WindowHost,
    tmp_path: Path,
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hostile = _hostile_backup(host, tmp_path)
    window = host.window
    assert window is not None
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))

    def broken(_path: Path, **_options: object) -> object:
        raise sqlite3.OperationalError("no such column: email")

    from appealdesk.services import workspace

    monkeypatch.setattr(workspace, "open_workspace", broken)
    window.restore_requested.emit(hostile)
    qtbot.waitUntil(lambda: bool(quits), timeout=30_000)

    assert host.window is None and host.db is None
    assert len(told) == 1 and "no such column" in told[0] and "\n" not in told[0]
    lock = InstanceLock(host.path)
    lock.acquire()  # the lock went with the window
    lock.release()
