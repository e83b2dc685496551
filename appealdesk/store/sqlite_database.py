"""A database in one SQLite file: checks, migrations, engine and evidence store.

Every session handed out is one transaction: :meth:`Database.transaction` for changes
(``BEGIN IMMEDIATE``, committed at the end, rolled back on any error) and
:meth:`Database.reading` for consistent reads. Objects stay usable after the session
closed (``expire_on_commit=False``).

SQLAlchemy takes a third of a second to import, so the engine is made on first use; the
case list, which the window shows first, reads through :meth:`Database.rows` with plain
``sqlite3`` (SQLCipher for an encrypted database) and is on screen before the ORM is loaded.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import DatabaseError
from appealdesk.i18n import N_, _
from appealdesk.store import driver, lock_guard, migrate
from appealdesk.store.database import Database
from appealdesk.store.database_file import database_file_status
from appealdesk.store.database_inspect import (
    inspect_database,
    integrity_problem,
    require_matching_key,
)
from appealdesk.store.encryption import cipher_for
from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
from appealdesk.store.files import create_private_file, make_private_dir, restrict_to_owner
from appealdesk.store.lock_guard import WalWitness, release_stale
from appealdesk.store.pragmas import configure_connection, connect_read_only

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from appealdesk.store.encryption.keys import DataKey

HEAL_WAIT_S = 10.0  # for the transactions of other threads to end before reconnecting

log = logging.getLogger(__name__)


class _Users:
    """Counts the threads using the database's connections, so they can all be closed and
    opened again when nobody is in the middle of a transaction."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._count = 0
        self._local = threading.local()

    @contextmanager
    def using(self, before_first_use: Callable[[], None]) -> Iterator[None]:
        """One use; ``before_first_use`` runs, alone, before a thread's outermost one."""
        depth: int = getattr(self._local, "depth", 0)
        if depth == 0:
            with self._condition:
                before_first_use()
                self._count += 1
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth
            if depth == 0:
                with self._condition:
                    self._count -= 1
                    self._condition.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        """Called from ``before_first_use``: waits until no other thread uses a connection."""
        return self._condition.wait_for(lambda: self._count == 0, timeout)


class SqliteDatabase(Database):
    engine_name = "sqlite"
    shared = False

    def __init__(
        self, path: Path, *, read_only: str | None = None, key: DataKey | None = None
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.key = key
        self.evidence = EvidenceStore(evidence_dir_for(path), cipher_for(key))
        self._engine: Engine | None = None
        self._reader: sqlite3.Connection | None = None
        self._reader_lock = threading.Lock()
        self._reader_openings = 0  # a new reader counts its data_version from the start
        self._users = _Users()
        self._wal = WalWitness(path)
        lock_guard.opened(path)

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def title(self) -> str:
        return self.path.name

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from appealdesk.store.engine import create_sqlite_engine

            with self._reader_lock:
                self._open_reader()  # holds the database open, see _open_reader
            self._engine = create_sqlite_engine(
                self.path, read_only=self.read_only is not None, key=self.key
            )
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: all of it is committed, or none of it."""
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        from appealdesk.store.engine import WRITE_OPTION

        self.require_writable()
        with (
            self._users.using(self._heal),
            Session(self.engine, expire_on_commit=False) as session,
        ):
            if self._wal.stale:  # only when nested in a use that could not heal first
                raise DatabaseError(
                    _(
                        "Another program took the database away from AppealDesk for a "
                        "moment; nothing was changed. Try again."
                    )
                )
            try:
                session.connection(execution_options={WRITE_OPTION: True})
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise _write_error(self.path, exc) from exc
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        from sqlmodel import Session

        # Closing (not rolling back) ends the transaction and keeps the objects loaded.
        with (
            self._users.using(self._heal_if_idle),
            Session(self.engine, expire_on_commit=False) as session,
        ):
            yield session

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._users.using(self._heal_if_idle), self._reader_lock:
            return self._open_reader().execute(sql, parameters).fetchall()

    def data_version(self) -> int:
        """A number that changes whenever another connection (another process, or another
        connection of this one) committed a change since the last call, or the connections
        were opened again (see :meth:`_heal`); cheap to poll."""
        return self._versioned(int(self.rows("PRAGMA data_version")[0][0]))

    def data_version_if_free(self) -> int | None:
        # The status counts of a broad search hold the reader for 45-63 ms at 100,000 cases;
        # the window's poll waiting for them was its longest stall while typing.
        with self._users.using(self._heal_if_idle):
            if not self._reader_lock.acquire(blocking=False):
                return None
            try:
                version = int(self._open_reader().execute("PRAGMA data_version").fetchone()[0])
            finally:
                self._reader_lock.release()
        return self._versioned(version)

    def _versioned(self, version: int) -> int:
        """The reader's ``data_version`` with the count of its openings above it."""
        return (self._reader_openings << 32) | (version & 0xFFFFFFFF)

    def _open_reader(self) -> sqlite3.Connection:
        """The read-only connection, opened first and closed last: while it is open, the
        -wal file cannot go away, so the witness can tell when locks were lost."""
        if self._reader is None:
            if self.read_only is None:
                reader = driver.connect(
                    self.path, self.key, check_same_thread=False, isolation_level=None
                )
                configure_connection(reader)
            else:
                reader = connect_read_only(self.path, self.key, check_same_thread=False)
                reader.isolation_level = None
            reader.execute("PRAGMA query_only = ON")
            reader.execute("PRAGMA schema_version").fetchone()  # opens the -wal
            self._reader = reader
            self._reader_openings += 1
            self._wal.remember()
        return self._reader

    def _heal(self) -> None:
        """Before a thread's first write: reopens every connection if this process lost its
        locks on the database (see :mod:`appealdesk.store.lock_guard`), waiting for the
        transactions of other threads to end."""
        self._heal_within(HEAL_WAIT_S)

    def _heal_if_idle(self) -> None:
        """Before a read: heals only when no other thread is using a connection, so the
        window's thread never waits for a background import to finish."""
        self._heal_within(0)

    def _heal_within(self, timeout: float) -> None:
        if not self._wal.stale:
            return
        if not self._users.wait_until_idle(timeout):
            return  # a write in this state is refused by transaction()
        if not self._wal.stale:
            return  # healed by another thread while this one waited
        log.warning("the database's locks were lost; reopening its connections")
        release_stale(self.path, self._close_connections)

    def _close_connections(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        self._wal.forget()

    def close(self) -> None:
        self._close_connections()
        lock_guard.closed(self.path)


def _write_error(path: Path, exc: Any) -> DatabaseError:
    reason = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in reason or "busy" in reason:
        return DatabaseError(
            _("The database {path} is busy in another program. Try again in a moment.").format(
                path=path
            )
        )
    if "readonly" in reason or "read-only" in reason:
        return DatabaseError(
            _("The database {path} cannot be written (read-only). Nothing was changed.").format(
                path=path
            )
        )
    if "disk is full" in reason:
        return DatabaseError(_("The disk is full: nothing was changed. Free some space."))
    return DatabaseError(
        _("The database {path} could not be written: {reason}").format(path=path, reason=reason)
    )


def read_only_reason(path: Path) -> str | None:
    """Why the database at ``path`` must be opened for reading only (a message to pass
    through ``_()`` when shown), or None.

    A file without write permission stays so (it is never made writable again), even for
    an administrator who could write it anyway; one of another user is left alone.
    """
    if not path.exists():
        return None
    status = path.stat()
    if not os.access(path.parent, os.W_OK):
        return N_("the folder is read-only")
    if not os.access(path, os.W_OK) or not status.st_mode & stat.S_IWUSR:
        return N_("the file is read-only")
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return N_("the file belongs to another user")
    return None


def open_sqlite_database(
    path: Path,
    *,
    create: bool = True,
    create_folder: bool = False,
    key: DataKey | None = None,
    check: bool = True,
) -> SqliteDatabase:
    """Opens (or creates) the database at ``path`` and brings its schema up to date.

    ``key``: the data key of an encrypted database; a new database made with one is
    encrypted. An encrypted database without it raises :class:`KeyNeededError`, with a key
    that does not open it :class:`~appealdesk.store.encryption.keys.WrongKeyError`; neither
    changes anything.

    Only a file that AppealDesk created, or found to be a database it can use, is made
    readable by its owner only; anything else keeps its permissions.

    With ``check`` False, the caller runs the file's integrity check itself (see
    :func:`~appealdesk.store.database_inspect.integrity_problem`); a file that must be brought
    up to date is checked first all the same.
    """
    path = Path(path).expanduser().absolute()
    if database_file_status(path) is None:
        if not create:
            raise DatabaseError(_("There is no database at {path}.").format(path=path))
        if create_folder:
            make_private_dir(path.parent)
        if not path.parent.is_dir():
            raise DatabaseError(_("The folder {folder} does not exist.").format(folder=path.parent))
        try:
            create_private_file(path)
        except OSError as exc:
            raise DatabaseError(
                _("Cannot create the database {path}: {reason}").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from exc
    if not os.access(path, os.R_OK):
        raise DatabaseError(_("No permission to read {path}.").format(path=path))
    require_matching_key(path, key)
    read_only = read_only_reason(path)
    # Raises unless the file holds AppealDesk's schema or no tables at all (new or empty).
    revision = inspect_database(path, key, read_only=read_only is not None, check=check)
    if read_only is None:
        restrict_to_owner(path)
    if migrate.needs_upgrade(revision):
        if not check and (problem := integrity_problem(path, key)) is not None:
            raise problem
        if read_only is not None:
            raise DatabaseError(
                _(
                    "{path} was made by an older AppealDesk and cannot be brought up to date "
                    "because {reason}."
                ).format(path=path, reason=_(read_only))
            )
        from sqlalchemy.exc import OperationalError

        try:
            migrate.upgrade(path, revision, key)
        except OperationalError as exc:
            raise _write_error(path, exc) from exc
    return SqliteDatabase(path, read_only=read_only, key=key)
