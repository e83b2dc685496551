"""SQLAlchemy engines on one SQLite file, with the settings AppealDesk relies on.

The connection settings are those of :mod:`appealdesk.store.pragmas`. Transactions are
begun explicitly: ``BEGIN IMMEDIATE`` for writes, so two writers queue for the lock instead
of failing half-way, plain ``BEGIN`` for reads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from appealdesk.store import driver
from appealdesk.store.pragmas import BUSY_TIMEOUT_MS, configure_connection, connect_read_only

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

WRITE_OPTION = "appealdesk_write"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def create_sqlite_engine(
    path: Path,
    *,
    foreign_keys: bool = True,
    pooled: bool = True,
    read_only: bool = False,
    key: DataKey | None = None,
) -> Engine:
    """An engine on ``path``; a ``read_only`` one opens connections that never write.

    With ``key`` (an encrypted database) the connections are SQLCipher's, keyed as they are
    made, and SQLAlchemy is given SQLCipher's module so that it wraps its errors as it does
    sqlite3's. The key never goes into the URL, which would show in reprs and errors.
    """
    options: dict[str, Any] = {} if pooled else {"poolclass": NullPool}
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only:
        options["creator"] = lambda: connect_read_only(path, key, check_same_thread=False)
    elif key is not None:
        options["creator"] = lambda: driver.connect(
            path, key, timeout=timeout, check_same_thread=False
        )
    if key is not None:
        options["module"] = driver.cipher_module()
    engine = create_engine(
        sqlite_url(path),
        connect_args={"timeout": timeout, "check_same_thread": False},
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
