"""Noticing that this process lost SQLite's locks on its database, and healing it.

SQLite's locks are POSIX advisory locks, and POSIX drops *every* lock a process holds on a
file as soon as the process closes *any* descriptor of that file ("How To Corrupt An SQLite
Database File", section 2.2). AppealDesk never opens its database outside SQLite, but a
library might. Once the locks are gone, the next program that closes the database believes
it is the last user, checkpoints and deletes the ``-wal`` and ``-shm`` files, and this
process would go on writing into the deleted ones, unseen by everybody else.

While a connection of ours is open, nobody may delete the ``-wal`` file, so a ``-wal`` that
is no longer the file our connections opened means exactly that. :class:`WalWitness`
remembers its identity; :func:`release_stale` closes stale connections without letting the
last of them checkpoint or delete the current ``-wal`` of other programs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from appealdesk.store.instance_lock import lock_path_for

# SQLite's unix VFS locks bytes from 1 GiB on: one pending, one reserved, then the shared range.
_SHARED_FIRST = 0x40000000 + 2

FileIdentity = tuple[int, int]  # st_dev, st_ino


def identity(path: Path) -> FileIdentity | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def side_files(database: Path) -> tuple[Path, Path]:
    """The ``-wal`` and ``-shm`` files SQLite keeps beside a database in WAL mode."""
    return database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")


def database_file_identities(database: Path) -> frozenset[FileIdentity]:
    """The files of a database that this process must never open itself: the database, its
    journals and its instance lock, as they are on disk now."""
    names = [database.name + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    paths = [database.with_name(name) for name in names]
    paths.append(lock_path_for(database))
    return frozenset(found for found in map(identity, paths) if found is not None)


_OPEN_DATABASES: set[Path] = set()


def opened(database: Path) -> None:
    """Notes that this process has ``database`` open (see :func:`is_open_database_file`)."""
    _OPEN_DATABASES.add(database)


def closed(database: Path) -> None:
    _OPEN_DATABASES.discard(database)


def is_open_database_file(path: Path) -> bool:
    """True when writing to ``path`` would replace a file of a database this process has
    open: the database itself, its journals or its lock, under any name that leads there."""
    found = identity(path)
    return found is not None and any(
        found in database_file_identities(database) for database in _OPEN_DATABASES
    )


class WalWitness:
    """The identity of the ``-wal`` file when our connections opened it."""

    def __init__(self, database: Path) -> None:
        self.wal = side_files(database)[0]
        self._seen: FileIdentity | None = None

    def remember(self) -> None:
        """Called right after a connection has read the database (which opens the -wal)."""
        self._seen = identity(self.wal)

    def forget(self) -> None:
        self._seen = None

    @property
    def stale(self) -> bool:
        """True when the -wal our connections write into is no longer the one on disk."""
        return self._seen is not None and identity(self.wal) != self._seen


@contextlib.contextmanager
def _shared_range_held(database: Path) -> Iterator[None]:
    """Holds a read lock on SQLite's shared-lock range that conflicts with our own
    connections too (an open-file-description lock), so none of them can take the exclusive
    lock it needs to checkpoint and delete the -wal when it closes. Linux only; elsewhere
    nothing is held."""
    if sys.platform != "linux":
        yield
        return
    import fcntl
    import struct

    fd = os.open(database, os.O_RDONLY)
    try:
        # struct flock: l_type, l_whence, l_start, l_len, l_pid (must be 0 for OFD locks)
        request = struct.pack("hhqqi", fcntl.F_RDLCK, os.SEEK_SET, _SHARED_FIRST, 1, 0)
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, request)
        yield
    finally:
        # Closing drops this process's POSIX locks on the file: only done once every
        # connection of ours is closed, right before new ones are opened.
        os.close(fd)


def release_stale(database: Path, close_all: Callable[[], None]) -> None:
    """Runs ``close_all`` (which closes every connection of this process to ``database``)
    so that none of them checkpoints a deleted -wal or deletes the current one."""
    with _shared_range_held(database):
        close_all()
