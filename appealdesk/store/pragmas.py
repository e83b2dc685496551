"""The settings every connection to an AppealDesk database runs with.

WAL (readers never block the writer), foreign keys on, ``synchronous=FULL`` (a committed
change survives a power cut), a busy timeout and ``secure_delete`` (deleted content is
overwritten).
"""

from __future__ import annotations

import sqlite3

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
