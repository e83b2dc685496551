"""The window on a team database: the same cases and tabs, and the other members' changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from appealdesk.services.demo import create_demo_database
from appealdesk.ui.base.settings import AppSettings
from appealdesk.ui.host import WindowHost
from appealdesk.ui.main_window.window import MainWindow
from tests.engines import ADD_NOTES
from tests.ui.main_window.test_window import listed, open_case

WAIT_MS = 15_000  # the window looks every 1.5 s; the other process needs a moment to start


@pytest.fixture
def team_host(team_url: str, tmp_path: Path, qapp: object, hosts: list[WindowHost]) -> WindowHost:
    create_demo_database(team_url, language="nl")
    host = WindowHost(team_url, AppSettings(tmp_path / "settings.ini"))
    hosts.append(host)
    assert host.start()
    return host


@pytest.mark.postgres
@pytest.mark.subprocess
def test_the_window_works_on_a_team_database_and_shows_the_others_changes(
    qtbot: QtBot, team_host: WindowHost, team_url: str
) -> None:
    window = team_host.window
    assert window is not None
    name = team_url.rsplit("/", 1)[1]
    assert window.windowTitle() == f"{name} (127.0.0.1)"
    qtbot.waitUntil(lambda: len(listed(window)) == 16)
    assert not window.menus.encrypt.isVisible()
    assert not window.menus.restore.isVisible()
    window.case_list.search.setText("mila")
    qtbot.waitUntil(lambda: listed(window) == ["TT-2026-0006"])
    window.case_list.search.clear()
    qtbot.waitUntil(lambda: len(listed(window)) == 16)

    open_case(window, "TT-2026-0001")
    timeline = window.editor.timeline
    before = timeline.model.rowCount()
    done = subprocess.run(
        [sys.executable, "-c", ADD_NOTES, team_url, "TT-2026-0001", "1", "Gebeld met helpdesk"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: timeline.model.rowCount() == before + 1, timeout=WAIT_MS)

    history = window.editor.history
    assert history is not None
    window.editor.tabs.setCurrentWidget(history)
    qtbot.waitUntil(lambda: history.model.rowCount() > 0)
    rows = [
        [history.model.index(row, column).data() for column in range(4)]
        for row in range(history.model.rowCount())
    ]
    added = next(row for row in rows if row[2] == "timeline entry added")
    assert rows.index(added) < 3  # among the newest, at the top
    assert added[1] == "appealdesk_admin"
    assert "summary: Gebeld met helpdesk 0" in added[3]


def test_a_file_has_no_history_tab(window: MainWindow) -> None:
    assert window.editor.history is None
    assert window.editor.tabs.count() == 6
