"""The counts on the status buttons, counted off the window's thread.

After a broad search in a large agency's database (100,000 cases), counting the matches per
status takes the database tens of milliseconds; on the window's thread that would hold up
the key typed next. So the list shows its first page at once, and the counts are made on
the work pool and come back as a signal. Only the newest count is taken: one asked for an
older search is dropped when it arrives.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from appealdesk.domain.enums import CaseStatus
from appealdesk.services.case_rows import CaseQuery
from appealdesk.ui.base.background import BackgroundTask, Progress, StopRequested

if TYPE_CHECKING:
    from appealdesk.store.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Counts:
    per_status: dict[CaseStatus, int]  # the cases of each status under the other filters
    all_cases: int  # every case in the database


def count_now(db: Database, query: CaseQuery, today: dt.date) -> Counts:
    from appealdesk.services import case_list

    return Counts(
        case_list.status_counts(db, query, today=today),
        case_list.count_cases(db, CaseQuery(), today=today),
    )


class StatusCounter(QObject):
    counted = Signal(Counts)  # the counts of the newest request

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked = 0  # requests so far; a result is taken only for the last
        self._running: set[BackgroundTask] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def count(self, db: Database, query: CaseQuery, today: dt.date) -> None:
        self._asked += 1
        asked = self._asked

        def work(_progress: Progress, _stop: StopRequested) -> Counts:
            return count_now(db, query, today)

        task = BackgroundTask(work, self)
        task.succeeded.connect(lambda counts: self._arrived(asked, counts))
        task.failed.connect(self._failed)
        task.ended.connect(lambda: self._ended(task))
        self._running.add(task)
        task.start()

    def forget(self) -> None:
        """The counts asked for so far are not wanted any more (newer ones were made)."""
        self._asked += 1

    def stop(self, timeout_s: float = 5.0) -> None:
        """No count comes any more; waits for those still running (the database closes next)."""
        self.forget()
        for task in self._running:
            task.cancel()
            task.wait(timeout_s)
        self._running.clear()

    def _arrived(self, asked: int, counts: Counts) -> None:
        if asked == self._asked:
            self.counted.emit(counts)

    def _failed(self, _message: str) -> None:
        # The buttons keep their last counts; the message may name the database's path.
        log.warning("counting the case list failed")

    def _ended(self, task: BackgroundTask) -> None:
        self._running.discard(task)
        task.deleteLater()
