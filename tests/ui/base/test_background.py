"""Work off the UI thread outlives the widget that started it without harm."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from appealdesk.ui.base.background import BackgroundTask, Progress, StopRequested


def test_work_reports_progress_and_its_result_in_order(qtbot: QtBot) -> None:
    def work(progress: Progress, _stop: StopRequested) -> str:
        for done in range(3):
            progress(done + 1, 3, "step")
        return "finished"

    task = BackgroundTask(work)
    seen: list[object] = []
    task.progressed.connect(lambda done, _total, _what: seen.append(done))
    task.succeeded.connect(seen.append)
    with qtbot.waitSignal(task.ended, timeout=5000):
        task.start()
    assert seen == [1, 2, 3, "finished"]


def test_closing_the_window_while_work_runs_stops_the_work_quietly(qtbot: QtBot) -> None:
    owner = QWidget()
    started, may_finish = threading.Event(), threading.Event()
    stop_seen: list[bool] = []

    def work(_progress: Progress, stop: StopRequested) -> str:
        started.set()
        may_finish.wait(5)
        stop_seen.append(stop())
        return "nobody is listening"

    task = BackgroundTask(work, owner)
    results: list[object] = []
    task.succeeded.connect(lambda result: results.append((owner.objectName(), result)))
    task.start()
    assert started.wait(5)
    owner.deleteLater()
    qtbot.waitUntil(lambda: _deleted(owner))
    may_finish.set()
    assert task.wait(5)
    qtbot.wait(50)  # let anything queued arrive; a slot on the dead widget would raise
    assert stop_seen == [True]
    assert results == []


def _deleted(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return True
    return False
