"""Converting a database file to and from SQLCipher encryption, checked before it counts.

The new file is written beside the old one with ``sqlcipher_export``, then compared with
it: ``integrity_check``, and every table's rows, the same and as many. Only then does it
take the old file's name, in one rename; the old file is then overwritten with random
bytes before it is removed (a solid-state disk may still keep old blocks elsewhere).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.store import driver
from appealdesk.store.files import fsync_dir
from appealdesk.store.lock_guard import side_files

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey

WIPE_CHUNK = 1 << 20


class ConversionCheckError(Exception):
    """The converted copy does not hold exactly what the original holds."""


def _tables(connection: driver.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def _content(connection: driver.Connection, table: str) -> list[tuple[object, ...]]:
    quoted = '"' + table.replace('"', '""') + '"'
    return sorted(connection.execute(f"SELECT * FROM {quoted}").fetchall(), key=repr)


def export(source: Path, source_key: DataKey | None, target: Path, key: DataKey | None) -> None:
    """Writes the content of ``source`` into the new file ``target``, encrypted with ``key``
    (in the clear without one), then checks the copy against the original."""
    module = driver.cipher_module()
    connection = driver.connect(source, source_key) if source_key else module.connect(str(source))
    try:
        value = key.sqlcipher_key() if key is not None else "''"
        connection.execute(f"ATTACH DATABASE ? AS converted KEY {value}", (str(target),))
        connection.execute("SELECT sqlcipher_export('converted')")
        version = int(connection.execute("PRAGMA main.user_version").fetchone()[0])
        connection.execute(f"PRAGMA converted.user_version = {version}")
        connection.execute("DETACH DATABASE converted")
    finally:
        connection.close()
    _fsync(target)
    check(source, source_key, target, key)


def check(source: Path, source_key: DataKey | None, target: Path, key: DataKey | None) -> None:
    original = driver.connect(source, source_key)
    copy = driver.connect(target, key)
    try:
        result = copy.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise ConversionCheckError(f"the copy failed its check: {result[:3]}")
        tables = _tables(original)
        if _tables(copy) != tables:
            raise ConversionCheckError("the copy has other tables")
        for table in tables:
            if _content(copy, table) != _content(original, table):
                raise ConversionCheckError(f"the rows of {table} differ")
    finally:
        original.close()
        copy.close()


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def checkpoint(database: Path, key: DataKey | None) -> None:
    """Moves everything of the -wal into the database file, so the file alone is whole."""
    connection = driver.connect(database, key)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def wipe(path: Path) -> None:
    """Overwrites ``path`` with random bytes, fsyncs and removes it."""
    if not path.is_file():
        return
    path.chmod(0o600)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        written = 0
        while written < size:
            chunk = secrets.token_bytes(min(WIPE_CHUNK, size - written))
            handle.write(chunk)
            written += len(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def wipe_tree(root: Path) -> int:
    """Wipes every file under ``root`` and removes the folders; returns how many files."""
    if not root.is_dir():
        return 0
    count = 0
    for folder, _subfolders, files in os.walk(root, topdown=False):
        for name in files:
            wipe(Path(folder) / name)
            count += 1
        Path(folder).chmod(0o700)
        Path(folder).rmdir()
    fsync_dir(root.parent)
    return count


def replace_database(new: Path, database: Path) -> None:
    """Puts ``new`` in the place of ``database`` in one rename, then wipes the old file and
    its journal files. Until the rename the old database is whole at its name."""
    old = database.with_name(database.name + ".replaced")
    wipe(old)
    os.link(database, old)  # the old content stays reachable until it is wiped
    for side in side_files(database):
        if side.exists():
            wipe(side)
    new.replace(database)
    fsync_dir(database.parent)
    wipe(old)
    fsync_dir(database.parent)
