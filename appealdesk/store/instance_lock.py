"""One window per database: an operating-system lock on ``<name>.lock`` beside it.

The lock belongs to the process, so it goes away by itself when AppealDesk exits or
crashes; there is never a stale lock to clean up. Scripts (the CLI) do not take it:
SQLite's own locking keeps them safe beside an open window. Only replacing the whole
database (a restore) needs the window to be closed.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from appealdesk.domain.errors import DatabaseInUseError
from appealdesk.i18n import _
from appealdesk.store.files import OWNER_FILE, try_lock


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.stem + ".lock")


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path_for(database)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Takes the lock, or raises :class:`DatabaseInUseError` at once."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, OWNER_FILE)
        except OSError:
            return  # a read-only folder: nothing can change the database there anyway
        if not try_lock(fd):
            os.close(fd)
            raise DatabaseInUseError(
                _(
                    "{path} is already open in another AppealDesk window. Switch to that "
                    "window, or close it and try again."
                ).format(path=self.database)
            )
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


class SharedDatabase:
    """Stands in for the instance lock: a team database is open in many windows at once."""

    held = False

    def acquire(self) -> None:
        pass

    def release(self) -> None:
        pass
