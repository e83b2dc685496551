"""Damage where a test wants it: the pages of one table, as a failing disk would leave them."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_table(path: Path, table: str) -> None:
    """Overwrites every page of ``table`` in the database file at ``path`` with 0xFF; the
    file's header, schema and other tables stay readable. The file must have no -wal."""
    assert not path.with_name(path.name + "-wal").exists()
    raw = sqlite3.connect(path)
    try:
        pages = [
            row[0] for row in raw.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))
        ]
        size = raw.execute("PRAGMA page_size").fetchone()[0]
    finally:
        raw.close()
    assert pages, table
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(b"\xff" * size)
