"""The settings every connection to an AppealDesk database runs with.

WAL (readers never block the writer), foreign keys on, ``synchronous=FULL`` (a committed
change survives a power cut), a busy timeout and ``secure_delete`` (deleted content is
overwritten).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from appealdesk.store.lock_guard import side_files

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


def connect_read_only(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection that never writes. Where SQLite cannot make its shared-memory file (a
    read-only folder or file system) and no -wal holds changes, the file is read as
    unchangeable, which is what such a file system guarantees."""
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread)
        connection.execute("PRAGMA schema_version").fetchone()
        return connection
    except sqlite3.OperationalError:
        wal = side_files(path)[0]
        if wal.exists() and wal.stat().st_size > 0:
            raise
    return sqlite3.connect(f"{uri}&immutable=1", uri=True, check_same_thread=check_same_thread)
