"""Reaching a test database past the app, as another program would, on either engine."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from appealdesk.store.database import Database


def run_outside(db: Database, statement: str) -> list[tuple[Any, ...]]:
    """Runs one statement on a connection of its own and commits it."""
    if db.engine_name == "sqlite":
        with closing(sqlite3.connect(db.path)) as raw:
            rows = raw.execute(statement).fetchall()
            raw.commit()
            return rows
    import psycopg

    with psycopg.connect(db.location) as raw:
        cursor = raw.execute(statement)
        return cursor.fetchall() if cursor.description else []
