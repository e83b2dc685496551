"""Reaching a test database past the app, as another program would, on either engine."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from typing import Any

from appealdesk.store.database import Database


def data_version_after(db: Database, before: int, seconds: float = 10.0) -> int:
    """The data version once it is no longer ``before``, or still ``before`` after
    ``seconds``: another connection's notice reaches the database's listener a moment after
    that connection's commit, later on a busy machine."""
    deadline = time.monotonic() + seconds
    while (version := db.data_version()) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    return version


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


# Run as ``python -c ADD_NOTES LOCATION CASE_NUMBER COUNT TEXT``: another program (a script, a
# colleague's window) adds COUNT notes "TEXT 0", "TEXT 1", … to a case, one use case each.
ADD_NOTES = (
    "import sys\n"
    "from appealdesk.domain.enums import EventKind\n"
    "from appealdesk.services import cases, events\n"
    "from appealdesk.services.workspace import open_workspace\n"
    "db = open_workspace(sys.argv[1], create=False)\n"
    "case_id = cases.find_case(db, sys.argv[2]).case.id\n"
    "for n in range(int(sys.argv[3])):\n"
    "    events.add_event(db, case_id, kind=EventKind.NOTE, summary=f'{sys.argv[4]} {n}')\n"
    "db.close()\n"
)
