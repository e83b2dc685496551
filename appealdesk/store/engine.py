"""SQLAlchemy engines on one SQLite file, with the settings AppealDesk relies on.

The connection settings are those of :mod:`appealdesk.store.pragmas`. Transactions are
begun explicitly: ``BEGIN IMMEDIATE`` for writes, so two writers queue for the lock instead
of failing half-way, plain ``BEGIN`` for reads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from appealdesk.store.pragmas import BUSY_TIMEOUT_MS, configure_connection, connect_read_only

WRITE_OPTION = "appealdesk_write"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def create_sqlite_engine(
    path: Path, *, foreign_keys: bool = True, pooled: bool = True, read_only: bool = False
) -> Engine:
    """An engine on ``path``; a ``read_only`` one opens connections that never write."""
    options: dict[str, Any] = {} if pooled else {"poolclass": NullPool}
    if read_only:
        options["creator"] = lambda: connect_read_only(path, check_same_thread=False)
    engine = create_engine(
        sqlite_url(path),
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # Errors name the statement but never its values: those are case texts and file
        # names, and errors end up in the log.
        hide_parameters=True,
        **options,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        if read_only:
            dbapi_connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        else:
            configure_connection(dbapi_connection, foreign_keys=foreign_keys)

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
