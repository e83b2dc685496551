"""The settings every connection to an AppealDesk database runs with.

WAL (readers never block the writer), foreign keys on, ``synchronous=FULL`` (a committed
change survives a power cut), a busy timeout and ``secure_delete`` (deleted content is
overwritten). Connections are made by :mod:`appealdesk.store.driver`, keyed for an
encrypted database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from appealdesk.store import driver
from appealdesk.store.lock_guard import side_files

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

BUSY_TIMEOUT_MS = 5000


def configure_connection(connection: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
    for pragma in (
        f"foreign_keys = {'ON' if foreign_keys else 'OFF'}",
        f"busy_timeout = {BUSY_TIMEOUT_MS}",
        "journal_mode = WAL",
        "synchronous = FULL",
        "secure_delete = ON",
    ):
        connection.execute(f"PRAGMA {pragma}")


def connect_read_only(
    path: Path, key: DataKey | None = None, *, check_same_thread: bool = True
) -> sqlite3.Connection:
    """A connection that never writes. Where SQLite cannot make its shared-memory file (a
    read-only folder or file system) and no -wal holds changes, the file is read as
    unchangeable, which is what such a file system guarantees. ``key``: the data key of an
    encrypted database."""
    uri = f"file:{quote(str(path))}?mode=ro"
    connection = driver.connect(uri, key, uri=True, check_same_thread=check_same_thread)
    try:
        connection.execute("PRAGMA schema_version").fetchone()
        return connection
    except driver.errors(sqlite3.OperationalError):
        connection.close()
        wal = side_files(path)[0]
        if wal.exists() and wal.stat().st_size > 0:
            raise
    except BaseException:
        connection.close()
        raise
    return driver.connect(f"{uri}&immutable=1", key, uri=True, check_same_thread=check_same_thread)


def quick_check_problem(connection: sqlite3.Connection) -> str | None:
    """What SQLite's quick check finds wrong through ``connection``, or None for a sound file."""
    row = connection.execute("PRAGMA quick_check").fetchone()
    if row is not None and row[0] == "ok":
        return None
    return row[0] if row else "?"
