"""What opening a database checks first: the key it needs, its integrity and its revision."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.errors import DamagedDatabaseError, DatabaseError, KeyNeededError
from appealdesk.i18n import _
from appealdesk.store import driver, migrate
from appealdesk.store.encryption.detect import has_plain_header, is_encrypted_database
from appealdesk.store.encryption.detect import key_file_for as _key_file_for
from appealdesk.store.pragmas import connect_read_only, quick_check_problem

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


def require_matching_key(path: Path, key: DataKey | None) -> None:
    """Raises when ``key`` cannot be the key of the database at ``path``: none for an
    encrypted one, one for a plain one, or not the key its key file was made for."""
    if key is None:
        if is_encrypted_database(path):
            raise KeyNeededError(
                _(
                    "The database {path} is encrypted: give its passphrase or recovery key "
                    "to open it."
                ).format(path=path)
            )
        return
    if has_plain_header(path):
        raise DatabaseError(
            _("The database {path} is not encrypted; it opens without a key.").format(path=path)
        )
    if _stored_key_check(path) not in (None, key.check):
        raise _wrong_key(path)


def _stored_key_check(path: Path) -> str | None:
    """The check value of the key file beside ``path``; None without a readable one."""
    from appealdesk.store.encryption.keys import EncryptionKeyError, read_key_file

    key_file = _key_file_for(path)
    if not key_file.exists():
        return None
    try:
        return read_key_file(key_file).check
    except EncryptionKeyError:
        return None


def _wrong_key(path: Path) -> Exception:
    from appealdesk.store.encryption.keys import WrongKeyError

    return WrongKeyError(
        _("That key does not open the database {path}. Nothing was changed.").format(path=path)
    )


def inspect_database(
    path: Path, key: DataKey | None, *, read_only: bool = False, check: bool = True
) -> str | None:
    """Quick integrity check (unless ``check`` is False: see :func:`integrity_problem`) and
    the stored schema revision, without the ORM."""
    try:
        connection = connect_read_only(path, key) if read_only else driver.connect(path, key)
        try:
            if check:
                problem = quick_check_problem(connection)
                if problem is not None:
                    raise damaged(path, problem)
            revision = migrate.stored_revision(connection)
            if revision is None:
                tables = connection.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
                if tables:
                    raise DamagedDatabaseError(
                        _("{path} is an SQLite file, but not an AppealDesk database.").format(
                            path=path
                        )
                    )
            return revision
        finally:
            connection.close()
    except driver.errors(sqlite3.DatabaseError) as exc:
        raise _unreadable(path, key, exc) from exc


def integrity_problem(
    path: Path, key: DataKey | None, should_stop: Callable[[], bool] | None = None
) -> DamagedDatabaseError | None:
    """What SQLite's quick check finds wrong with the database at ``path``, or None.

    It reads every page, about 2 ms per MB from memory and ten times that from a cold disk,
    so a window opening a large database runs it beside the work instead of before it. It
    reads on a connection of its own that never writes; ``should_stop`` is asked every
    20 ms and ends it early (None is returned then, as nothing was found)."""
    try:
        connection = connect_read_only(path, key, check_same_thread=False)
        done = threading.Event()
        if should_stop is not None:
            threading.Thread(
                target=_interrupt_when, args=(should_stop, done, connection), daemon=True
            ).start()
        try:
            problem = quick_check_problem(connection)
            return None if problem is None else damaged(path, problem)
        finally:
            done.set()
            connection.close()
    except driver.errors(sqlite3.DatabaseError) as exc:
        if should_stop is not None and should_stop() and "interrupt" in str(exc):
            return None
        error = _unreadable(path, key, exc)
        return error if isinstance(error, DamagedDatabaseError) else damaged(path, str(exc))


def _interrupt_when(
    should_stop: Callable[[], bool], done: threading.Event, connection: sqlite3.Connection
) -> None:
    # The check is one step of SQLite's machine, so a progress handler is never called
    # during it; an interrupt is seen between two pages. One sent before the check began is
    # lost, so it is sent again until the check has ended.
    while not done.is_set():
        if should_stop():
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                connection.interrupt()
        done.wait(_POLL_SECONDS)


_POLL_SECONDS = 0.02


def damaged(path: Path, detail: str) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        _("The database {path} is damaged ({detail}).").format(path=path, detail=detail)
    )


def _unreadable(path: Path, key: DataKey | None, exc: Exception) -> Exception:
    if "file is not a database" in str(exc):
        # SQLCipher says the same of a wrong key and of a damaged first page; a key that
        # matches the key file's check is the right one.
        if key is not None and _stored_key_check(path) != key.check:
            return _wrong_key(path)
        return DamagedDatabaseError(_("{path} is not an AppealDesk database.").format(path=path))
    if "malformed" in str(exc):  # "database disk image is malformed": a page SQLite read
        return damaged(path, str(exc))
    return DamagedDatabaseError(
        _("The database {path} cannot be read: {reason}").format(path=path, reason=exc)
    )
