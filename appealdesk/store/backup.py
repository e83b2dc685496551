"""Consistent copies of a live database through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from appealdesk.store.files import create_private_file, fsync_dir


def backup_database(source: Path, target: Path) -> None:
    """Copies ``source`` into the new file ``target`` (owner-only), then checks the copy."""
    create_private_file(target)
    try:
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
            result = dst.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(f"backup {target} failed its check: {result}")
        src.close()
        dst.close()
        fsync_dir(target.parent)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
