"""Time stamps from the window: the settings that turn them on, the button that asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from appealdesk.i18n import format_datetime
from appealdesk.services import timestamps
from appealdesk.services.tsa_client import CA_FILE_VARIABLE
from appealdesk.ui.main_window.window import MainWindow
from appealdesk.ui.timestamps.dialog import TimestampSettingsDialog
from tests.images import write_image
from tests.tsa import local_authority, unreachable_url
from tests.ui.evidence.test_commands import one_item_tab

LEFT = Qt.MouseButton.LeftButton


def open_settings(window: MainWindow) -> TimestampSettingsDialog:
    window.menus.time_stamps.trigger()
    [dialog] = [d for d in window.findChildren(TimestampSettingsDialog) if d.isVisible()]
    return dialog


def test_the_settings_say_what_is_sent_and_keep_the_authorities(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.settings.timestamp_authorities == []  # off by default
    dialog = open_settings(window)
    assert "only that" in dialog.explanation.text()
    dialog.urls.setPlainText("ftp://nowhere.example")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, LEFT)
    assert dialog.isVisible() and "Not a web address" in dialog.error.shown_text()
    dialog.urls.setPlainText("https://tsa.example/tsr\nhttp://other.example/")
    qtbot.mouseClick(ok, LEFT)
    assert not dialog.isVisible()
    assert window.settings.timestamp_authorities == [
        "https://tsa.example/tsr",
        "http://other.example/",
    ]
    dialog = open_settings(window)
    assert dialog.urls.toPlainText() == "https://tsa.example/tsr\nhttp://other.example/"


def test_the_button_asks_off_the_ui_thread_and_a_later_press_retries(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    button_tab = one_item_tab(qtbot, window, write_image(tmp_path / "reply.png", "PNG"))
    item = button_tab.selected_item()
    assert item is not None and item.id is not None
    button = button_tab.action_buttons["time_stamp"]
    assert button.text().replace("&", "") == "Get time stamp"

    qtbot.mouseClick(button, LEFT)  # no authorities yet
    assert "No time-stamping authorities are set" in window.message_bar.text()

    down = unreachable_url()
    window.settings.timestamp_authorities = [down]
    qtbot.mouseClick(button, LEFT)
    task = button_tab.commands.stamping
    assert task is not None
    qtbot.waitUntil(lambda: button_tab.commands.stamping is None, timeout=15000)
    assert "still pending" in window.message_bar.text()
    assert "cannot be reached" in window.message_bar.text()
    [row] = timestamps.timestamps_of(window.db, [item.id])[item.id]
    assert row.response is None
    shown = button_tab.details.time_stamps
    qtbot.waitUntil(shown.isVisible)  # the details say it is still to come, and why
    assert shown.text().startswith("127.0.0.1: not yet (127.0.0.1 cannot be reached")

    port = int(down.rsplit(":", 1)[1].split("/")[0])
    with local_authority(tmp_path / "authority", port=port) as authority:
        monkeypatch.setenv(CA_FILE_VARIABLE, str(authority.ca_file))
        qtbot.mouseClick(button, LEFT)
        qtbot.waitUntil(lambda: button_tab.commands.stamping is None, timeout=15000)
    assert "Received 1 time stamp." in window.message_bar.text()
    [row] = timestamps.timestamps_of(window.db, [item.id])[item.id]
    assert row.response is not None and row.signature_verified
    qtbot.waitUntil(lambda: "UTC" in shown.text())
    assert shown.text() == f"127.0.0.1, {format_datetime(row.stamped_at_utc, 'medium')} UTC"
