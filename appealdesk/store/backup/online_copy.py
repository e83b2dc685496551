"""Consistent copies of a live database through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.store import driver
from appealdesk.store.files import create_private_file, fsync_dir
from appealdesk.store.pragmas import connect_read_only, quick_check_problem

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


def backup_database(
    source: Path | sqlite3.Connection, target: Path, key: DataKey | None = None
) -> None:
    """Copies ``source`` (a file, or an open connection to one) into the new file ``target``
    (owner-only), then checks the copy. ``key``: the data key of an encrypted source; the
    copy is encrypted with it too (SQLCipher copies pages only between equal keys)."""
    create_private_file(target)
    try:
        src = driver.connect(source, key) if isinstance(source, Path) else source
        try:
            with driver.connect(target, key) as dst:
                src.backup(dst)
                # One self-contained file: no -wal beside it, whatever mode the source uses.
                dst.execute("PRAGMA journal_mode = DELETE")
                result = dst.execute("PRAGMA quick_check").fetchone()
                if result is None or result[0] != "ok":
                    raise sqlite3.DatabaseError(f"backup {target} failed its check: {result}")
            dst.close()
        finally:
            if src is not source:
                src.close()
        fsync_dir(target.parent)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def quick_check(path: Path, key: DataKey | None = None) -> str:
    """``"ok"``, or what SQLite found wrong with the file (read-only; raises when unreadable)."""
    connection = connect_read_only(path, key)
    try:
        return quick_check_problem(connection) or "ok"
    finally:
        connection.close()


def is_readable(path: Path, key: DataKey | None = None) -> bool:
    try:
        return path.is_file() and quick_check(path, key) == "ok"
    except driver.errors(sqlite3.DatabaseError):
        return False
