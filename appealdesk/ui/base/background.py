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


class _Signals(QObject):
    progressed = Signal(int, int, str)  # done, total, what is being done
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user
    ended = Signal()  # after succeeded or failed, always


class BackgroundTask(_Signals):
    """One piece of work on the thread pool. Keep a reference until it has finished.

    The task may be a child of the widget that waits for it, and go when that widget goes
    while the work still runs. The work thread therefore never touches the task: it emits
    on a relay of its own whose signals are forwarded to the task's, and a task that is
    gone asks its work to stop.
    """

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self._done = threading.Event()
        self.destroyed.connect(self._stop.set)

    def start(self, pool: QThreadPool | None = None) -> None:
        relay = _Signals()
        for name in ("progressed", "succeeded", "failed", "ended"):
            getattr(relay, name).connect(getattr(self, name))
        (pool or work_pool()).start(_Runner(self._work, self._stop, self._done, relay))

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until the work is done (for shutdown and tests)."""
        return self._done.wait(timeout)


class _Runner(QRunnable):
    def __init__(
        self, work: Work, stop: threading.Event, done: threading.Event, relay: _Signals
    ) -> None:
        super().__init__()
        self._work, self._stop, self._done, self._relay = work, stop, done, relay

    def run(self) -> None:
        relay = self._relay
        try:
            result = self._work(relay.progressed.emit, self._stop.is_set)
        except AppealDeskError as exc:
            relay.failed.emit(exc.message)
        except Exception as exc:  # a bug: tell the user, keep the details in the log
            log.exception("background work failed")
            relay.failed.emit(_("Something went wrong: {error}").format(error=exc))
        else:
            relay.succeeded.emit(result)
        finally:
            self._done.set()
            relay.ended.emit()
