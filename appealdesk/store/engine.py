"""SQLAlchemy engines on one SQLite file, with the settings AppealDesk relies on.

WAL (readers never block the writer), foreign keys on, ``synchronous=FULL`` (a committed
change survives a power cut), a busy timeout and ``secure_delete`` (deleted content is
overwritten). Transactions are begun explicitly: ``BEGIN IMMEDIATE`` for writes, so two
writers queue for the lock instead of failing half-way, plain ``BEGIN`` for reads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "appealdesk_write"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def create_sqlite_engine(path: Path, *, foreign_keys: bool = True, pooled: bool = True) -> Engine:
    engine = create_engine(
        sqlite_url(path),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        **({} if pooled else {"poolclass": NullPool}),
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        for pragma in (
            f"foreign_keys = {'ON' if foreign_keys else 'OFF'}",
            f"busy_timeout = {BUSY_TIMEOUT_MS}",
            "journal_mode = WAL",
            "synchronous = FULL",
            "secure_delete = ON",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
