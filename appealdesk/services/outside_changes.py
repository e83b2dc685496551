"""Whether another program (a script, the command line) changed the database meanwhile.

``PRAGMA data_version`` on the database's reader connection changes after every commit of
any other connection, and this process writes through connections of its own too. So each
write transaction of this process is watched while it holds the write lock (nobody else can
commit then): a change seen just before its commit came from elsewhere, and so did one that
its own connection notices right after the commit. What remains is this process's own
commit, which the reader is then told to forget. When in doubt it counts as a change from
elsewhere: showing the data again is harmless, missing a change is not.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from typing import TYPE_CHECKING

from appealdesk.domain.errors import DatabaseError
from appealdesk.store import driver

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from appealdesk.store.database import Database

_INFO_KEY = "appealdesk_outside_changes"
_watches: weakref.WeakSet[OutsideChanges] = weakref.WeakSet()
_hooked = False
_hook_lock = threading.Lock()


class OutsideChanges:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._elsewhere = False
        self._seen = self._reader_version()

    def track_own_commits(self) -> None:
        """Tells this process's commits apart from the others' from now on (loads the ORM,
        which the writes need anyway); before this call every commit counts as elsewhere."""
        _hook_sessions()
        with _hook_lock:
            _watches.add(self)

    def changed_elsewhere(self) -> bool:
        """True once for every change committed by another program since the last call."""
        # Read before taking the lock: a thread's first use of the database may wait for the
        # transactions of the others, whose commits take the lock. While another thread's
        # query holds the reader, nothing is read: the next call sees the change.
        version = self._reader_version(wait=False)
        with self._lock:
            self._compare(version)
            changed, self._elsewhere = self._elsewhere, False
            return changed

    def close(self) -> None:
        with _hook_lock:
            _watches.discard(self)

    # Around this process's commits --------------------------------------------------------

    def _watches_session(self, session: Session) -> bool:
        # This Database's own engine: another one on the same file counts as elsewhere.
        return session.get_bind() is self.db.engine

    def _before_commit(self, connection: sqlite3.Connection) -> int | None:
        with self._lock:
            self._compare(self._reader_version())
            return _connection_version(connection)

    def _after_commit(self, connection: sqlite3.Connection, before: int | None) -> None:
        with self._lock:
            # The reader first: a commit from elsewhere after this read shows at the next call,
            # one before it shows on the writing connection, read second.
            self._seen = self._reader_version()
            after = _connection_version(connection)
            if before is None or after is None or after != before:
                self._elsewhere = True

    # Reading the versions --------------------------------------------------------------------

    def _compare(self, version: int | None) -> None:
        if version is not None and version != self._seen:
            self._seen = version
            self._elsewhere = True

    def _reader_version(self, *, wait: bool = True) -> int | None:
        try:
            return self.db.data_version() if wait else self.db.data_version_if_free()
        except driver.errors(sqlite3.Error, OSError, DatabaseError):
            return None  # unreadable for a moment: look again later


def _connection_version(connection: sqlite3.Connection) -> int | None:
    try:
        return int(connection.execute("PRAGMA data_version").fetchone()[0])
    except driver.errors(sqlite3.Error):
        return None


def _hook_sessions() -> None:
    global _hooked
    with _hook_lock:
        if _hooked:
            return
        from sqlalchemy import event
        from sqlalchemy.orm import Session

        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_commit", _after_commit)
        _hooked = True


def _before_commit(session: Session) -> None:
    session.info.pop(_INFO_KEY, None)
    with _hook_lock:
        watches = list(_watches)
    watch = None
    try:
        watch = next((w for w in watches if w._watches_session(session)), None)
        if watch is not None:
            _remember_version(session, watch)
    except Exception:  # a look that failed must never stop the commit itself
        if watch is not None:
            watch._elsewhere = True  # whatever happened, showing the data again is safe


def _remember_version(session: Session, watch: OutsideChanges) -> None:
    from appealdesk.store.engine import WRITE_OPTION

    if not session.in_transaction():
        return
    connection = session.connection()
    # Only a write transaction holds the lock that keeps other writers out until it commits.
    if not connection.get_execution_options().get(WRITE_OPTION, False):
        return
    raw = connection.connection.dbapi_connection
    if driver.is_connection(raw):
        session.info[_INFO_KEY] = (watch, raw, watch._before_commit(raw))


def _after_commit(session: Session) -> None:
    watched = session.info.pop(_INFO_KEY, None)
    if watched is not None:
        watch, raw, before = watched
        watch._after_commit(raw, before)
