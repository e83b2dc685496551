"""An error that escapes a slot is logged without its message, and the user is told once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from appealdesk.i18n import set_language
from appealdesk.ui.base.error_hook import ErrorHook, install_error_hook

pytestmark = pytest.mark.qt_no_exception_capture

SECRET = "Jan de Vries, passport NX4F07K92"


class _BugError(RuntimeError):
    pass


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    """The app's log handler writing to a file of this test."""
    # The test module may not import the command line; its handler is the app's own.
    from appealdesk.cli.logs import file_handler

    path = tmp_path / "appealdesk.log"
    handler = file_handler(path)
    logger = logging.getLogger("appealdesk")
    earlier = logger.handlers[:]  # an earlier test may have set up the log of its own home
    logger.handlers = [handler]
    yield path
    logger.handlers = earlier
    handler.close()


@pytest.fixture
def hook(qapp: QApplication) -> Iterator[ErrorHook]:
    installed = install_error_hook(qapp)
    yield installed
    installed.uninstall()
    if installed.box is not None:
        installed.box.close()
    installed.deleteLater()


def _error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.icon() == QMessageBox.Icon.Critical
    ]


def _fail() -> None:
    raise _BugError(SECRET)


def test_an_error_in_a_slot_is_logged_without_its_message_and_shown_once(
    qtbot: QtBot, hook: ErrorHook, log_path: Path
) -> None:
    button = QPushButton("go")
    qtbot.addWidget(button)
    button.clicked.connect(_fail)
    button.show()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_error_boxes()) == 1)
    box = _error_boxes()[0]
    assert box.text() == "Something went wrong in AppealDesk."
    assert "saved up to the last field you left" in box.informativeText()
    assert str(log_path) in box.informativeText()
    assert "start it again" in box.informativeText()
    assert box.textFormat() == Qt.TextFormat.PlainText

    # A second error while the message is open: logged, no second message.
    QTimer.singleShot(0, _fail)
    qtbot.waitUntil(lambda: log_path.read_text().count("_BugError") == 2)
    qtbot.wait(50)
    assert len(_error_boxes()) == 1

    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not _error_boxes())
    assert hook.box is None

    # Once answered, the next error is shown again.
    QTimer.singleShot(0, _fail)
    qtbot.waitUntil(lambda: len(_error_boxes()) == 1)

    text = log_path.read_text()
    assert "test_error_hook._BugError" in text
    assert "_fail" in text  # where it happened
    for secret in ("Jan", "Vries", "NX4F07K92", "passport"):
        assert secret not in text


def test_an_error_in_a_python_thread_is_logged_and_shown(
    qtbot: QtBot, hook: ErrorHook, log_path: Path
) -> None:
    worker = threading.Thread(target=_fail)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(_error_boxes()) == 1)
    text = log_path.read_text()
    assert "_BugError" in text
    assert "NX4F07K92" not in text


def test_the_message_is_in_dutch(qtbot: QtBot, hook: ErrorHook, log_path: Path) -> None:
    set_language("nl")
    QTimer.singleShot(0, _fail)
    qtbot.waitUntil(lambda: len(_error_boxes()) == 1)
    box = _error_boxes()[0]
    assert box.text() == "Er ging iets mis in AppealDesk."
    assert "opgeslagen" in box.informativeText()


def test_uninstall_puts_back_the_hooks_it_replaced(qapp: QApplication) -> None:
    import sys

    before, before_thread = sys.excepthook, threading.excepthook
    hook = install_error_hook(qapp)
    assert sys.excepthook == hook.handle
    hook.uninstall()
    assert sys.excepthook is before
    assert threading.excepthook is before_thread
    hook.deleteLater()


def test_a_log_that_cannot_be_written_still_tells_the_user(
    qtbot: QtBot, hook: ErrorHook, tmp_path: Path
) -> None:
    from appealdesk.cli.logs import file_handler

    handler = file_handler(tmp_path / "removed folder" / "appealdesk.log")
    logger = logging.getLogger("appealdesk")
    logger.addHandler(handler)
    try:
        QTimer.singleShot(0, _fail)
        qtbot.waitUntil(lambda: len(_error_boxes()) == 1)
    finally:
        logger.removeHandler(handler)
