"""The one place connections to a database file are made: plain ``sqlite3`` for a plain
database, ``sqlcipher3`` (the same DB-API, SQLite with SQLCipher's page encryption) for an
encrypted one, keyed before anything else is read.

``sqlcipher3`` takes several milliseconds to import, so a plain database never loads it,
and its errors, which are not ``sqlite3``'s, are only added to :func:`errors` once it was
loaded: nothing can have raised them before.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard, cast

if TYPE_CHECKING:
    from types import ModuleType

    from appealdesk.store.encryption.keys import DataKey

# Connections of either driver are used as sqlite3's: sqlcipher3 has the same API.
Connection = sqlite3.Connection
_CIPHER_MODULE = "sqlcipher3.dbapi2"


def cipher_module() -> ModuleType:
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def connect(path: Path | str, key: DataKey | None = None, **options: Any) -> sqlite3.Connection:
    """A connection to ``path`` (a file name, or a ``file:`` URI with ``uri=True``); with
    ``key``, an SQLCipher connection whose first statement sets the key."""
    if key is None:
        return sqlite3.connect(path, **options)
    connection = cipher_module().connect(str(path), **options)
    try:
        # The key is the value of the statement itself: a parameter cannot stand there.
        connection.execute(f"PRAGMA key = {key.sqlcipher_key()}")
        # SQLCipher would print a line to stderr for every page a wrong key cannot read;
        # the caller says what went wrong, once.
        connection.execute("PRAGMA cipher_log_level = NONE")
    except BaseException:
        connection.close()
        raise
    return cast(sqlite3.Connection, connection)


def errors(
    kind: type[sqlite3.Error] = sqlite3.Error, *also: type[Exception]
) -> tuple[type[Exception], ...]:
    """``kind`` (a ``sqlite3`` error class) and, once SQLCipher is loaded, its own class of
    that name, then ``also``: for ``except errors(sqlite3.DatabaseError)``."""
    module = sys.modules.get(_CIPHER_MODULE)
    if module is None:
        return (kind, *also)
    return (kind, cast(type[Exception], getattr(module, kind.__name__)), *also)


def is_connection(value: object) -> TypeGuard[sqlite3.Connection]:
    """True for a DB-API connection of either driver."""
    if isinstance(value, sqlite3.Connection):
        return True
    module = sys.modules.get(_CIPHER_MODULE)
    return module is not None and isinstance(value, module.Connection)
