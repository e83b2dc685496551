"""Long work (imports, exports, previews) off the UI thread, with progress and cancel.

The work is a plain function of the services that takes a progress callback and a
should-stop callback; its result, or its refusal, comes back as a signal in the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
StopRequested = Callable[[], bool]
Work = Callable[[Progress, StopRequested], Any]


_pool: QThreadPool | None = None


def work_pool() -> QThreadPool:
    """The threads of AppealDesk's own long work.

    Not Qt's global pool: Qt scales and converts large images on that one, and a task of
    ours waiting for such an image while holding a thread of the same pool could wait for
    ever when the pool is full.
    """
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
    return _pool


class BackgroundTask(QObject):
    """One piece of work on the thread pool. Keep a reference until it has finished."""

    progressed = Signal(int, int, str)  # done, total, what is being done
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user
    ended = Signal()  # after succeeded or failed, always

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self._done = threading.Event()

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or work_pool()).start(_Runner(self))

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until the work is done (for shutdown and tests)."""
        return self._done.wait(timeout)

    def _run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._stop.is_set)
        except AppealDeskError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # a bug: tell the user, keep the details in the log
            log.exception("background work failed")
            self.failed.emit(_("Something went wrong: {error}").format(error=exc))
        else:
            self.succeeded.emit(result)
        finally:
            self._done.set()
            self.ended.emit()


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()
