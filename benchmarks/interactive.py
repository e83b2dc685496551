"""What a user waits for in the window: a search keystroke, opening a case, and how long
the window stops answering while evidence is imported or a dossier exported."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

from appealdesk.ui.main_window.window import MainWindow

# Typed key by key into the search field: words in almost every case, then a rare one.
SEARCHES = ["b", "ba", "bak", "bakk", "bakke", "studio", "REF-00012"]


def wait_until(condition: Callable[[], bool], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


class Heartbeat:
    """The longest gap between beats of a 1 ms timer on the UI thread: a stall the user feels."""

    def __init__(self) -> None:
        self.timer = QTimer(interval=1)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._beat)
        self.last = self.longest = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()

    def stop(self) -> float:
        self._beat()
        self.timer.stop()
        return self.longest * 1000


def keystroke_ms(window: MainWindow, typed: str) -> float:
    """From a key in the search field to the list painted with its matches. The counts on the
    status buttons follow off the window's thread, after the list is on screen; they are not
    part of this figure (but are done before the next key is measured)."""
    panel = window.case_list
    start = time.perf_counter()
    panel.search.setText(typed)
    panel.search_now()
    panel.table.viewport().repaint()  # what the event loop paints first, done here to time it
    elapsed = (time.perf_counter() - start) * 1000
    wait_until(lambda: not panel.model.counts_due)
    return elapsed


def typing_stall_ms(window: MainWindow, typed: list[str]) -> float:
    """Typing a search key by key: the longest the window's thread was held at once, by the
    list's query and painting and by the status counts (which are made on another thread)."""
    panel = window.case_list
    heartbeat = Heartbeat()
    heartbeat.start()
    for text in typed:
        panel.search.setText(text)
        panel.search_now()
        wait_until(lambda: not panel.model.counts_due)
        QCoreApplication.processEvents()  # the status buttons painted with their counts
    return heartbeat.stop()


def open_case_ms(window: MainWindow, row: int) -> float:
    """From choosing a line of the list to the case painted: its header and the tab in view.
    The tabs out of view are filled in the event loop's next turns, after this figure (and
    before the next case is chosen)."""
    start = time.perf_counter()
    window.case_list.table.selectRow(row)
    window.editor.repaint()  # what the event loop paints first, done here to time it
    elapsed = (time.perf_counter() - start) * 1000
    wait_until(lambda: not window.editor.filling_tabs)
    if window.open_case_id is None:
        raise RuntimeError("no case opened")
    return elapsed


def searching_and_opening(window: MainWindow) -> tuple[list[float], list[float]]:
    """The window shown and its list filled: seven search keystrokes, then seven cases opened."""
    window.show()
    wait_until(lambda: window.case_list.model.rowCount() > 0)
    window.editor  # noqa: B018 - built now, as it is shortly after start-up
    keystrokes = [keystroke_ms(window, text) for text in SEARCHES]
    keystroke_ms(window, "")
    openings = [open_case_ms(window, row) for row in (0, 5, 10, 20, 30, 40, 60)]
    return keystrokes, openings


def last_case_ms(window: MainWindow) -> float:
    """From asking for the last case of the list (where a new case lands in the default
    order) to it selected, opened and painted, in a list just searched anew: none of the
    lines before it read, nor the list's order."""
    from appealdesk.services import case_list

    panel = window.case_list
    keystroke_ms(window, "b")
    keystroke_ms(window, "")  # every case listed again, the counts made
    last = case_list.ordered_ids(window.db, panel.model.query)[-1]
    start = time.perf_counter()
    if not panel.select_case(last):
        raise RuntimeError("the last case is not listed")
    panel.table.viewport().repaint()
    window.editor.repaint()
    elapsed = (time.perf_counter() - start) * 1000
    wait_until(lambda: not window.editor.filling_tabs)
    return elapsed


def import_stall_ms(window: MainWindow, files: list[Path]) -> float:
    """Importing screenshots through the evidence tab, until their thumbnails are shown."""
    evidence = window.editor.evidence
    window.editor.tabs.setCurrentWidget(evidence)
    before = evidence.model.rowCount()
    heartbeat = Heartbeat()
    heartbeat.start()
    evidence.import_paths(files)
    wait_until(lambda: evidence.task is None and evidence.model.rowCount() == before + len(files))
    wait_until(lambda: evidence.thumbnails.pending == 0)
    return heartbeat.stop()


def export_stall_ms(window: MainWindow, target: Path) -> float:
    """Opening the export dialog (with its preview) and exporting, until the file is there."""
    heartbeat = Heartbeat()
    heartbeat.start()
    dialog = window.export_dossier()
    if dialog is None:
        raise RuntimeError("no case to export")
    dialog.path.setText(str(target))
    finished: list[object] = []
    dialog.export_finished.connect(finished.append)
    wait_until(lambda: dialog.preview_task is None or dialog.preview_task.wait(0))
    dialog.start_export()
    wait_until(lambda: bool(finished))
    QCoreApplication.processEvents()
    return heartbeat.stop()
