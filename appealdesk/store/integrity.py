"""The full check of a database file, read-only and with plain ``sqlite3``.

It works on a damaged file too: what cannot be read is reported, not raised.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from appealdesk.store.pragmas import connect_read_only


@dataclass(frozen=True)
class EvidenceRow:
    sha256: str
    case_number: str
    original_name: str


def _connect(path: Path) -> sqlite3.Connection:
    return connect_read_only(path)


def database_problems(path: Path) -> list[str]:
    """What ``integrity_check`` and ``foreign_key_check`` find; empty when all is well."""
    try:
        connection = _connect(path)
        try:
            problems = [
                row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"
            ]
            for table, rowid, parent, _index in connection.execute("PRAGMA foreign_key_check"):
                problems.append(f"{table} row {rowid} refers to a missing row in {parent}")
            return problems
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def evidence_rows(path: Path) -> list[EvidenceRow]:
    connection = _connect(path)
    try:
        rows = connection.execute(
            "SELECT e.sha256, c.case_number, e.original_name FROM evidence_items AS e "
            "JOIN cases AS c ON c.id = e.case_id ORDER BY c.case_number, e.position"
        ).fetchall()
    finally:
        connection.close()
    return [EvidenceRow(*row) for row in rows]


def row_counts(path: Path) -> tuple[int, int]:
    """How many cases and evidence items a database (or a backup of one) holds."""
    connection = _connect(path)
    try:
        cases = connection.execute("SELECT count(*) FROM cases").fetchone()[0]
        evidence = connection.execute("SELECT count(*) FROM evidence_items").fetchone()[0]
    finally:
        connection.close()
    return int(cases), int(evidence)
