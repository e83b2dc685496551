"""The full check of a database file, read-only and without the ORM.

It works on a damaged file too: what cannot be read is reported, not raised.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appealdesk.domain.custody import StoredEntry, item_problems, recorded_facts
from appealdesk.i18n import _
from appealdesk.store import driver
from appealdesk.store.pragmas import connect_read_only

if TYPE_CHECKING:
    from appealdesk.store.encryption.keys import DataKey


@dataclass(frozen=True)
class EvidenceRow:
    sha256: str
    case_number: str
    original_name: str


def _connect(path: Path, key: DataKey | None) -> sqlite3.Connection:
    return connect_read_only(path, key)


def database_problems(path: Path, key: DataKey | None = None) -> list[str]:
    """What ``integrity_check`` and ``foreign_key_check`` find; empty when all is well."""
    try:
        connection = _connect(path, key)
        try:
            problems = [
                row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"
            ]
            for table, rowid, parent, _index in connection.execute("PRAGMA foreign_key_check"):
                problems.append(f"{table} row {rowid} refers to a missing row in {parent}")
            return problems
        finally:
            connection.close()
    except driver.errors(sqlite3.DatabaseError) as exc:
        return [str(exc)]


def evidence_rows(path: Path, key: DataKey | None = None) -> list[EvidenceRow]:
    connection = _connect(path, key)
    try:
        rows = connection.execute(
            "SELECT e.sha256, c.case_number, e.original_name FROM evidence_items AS e "
            "JOIN cases AS c ON c.id = e.case_id ORDER BY c.case_number, e.position"
        ).fetchall()
    finally:
        connection.close()
    return [EvidenceRow(*row) for row in rows]


def row_counts(path: Path, key: DataKey | None = None) -> tuple[int, int]:
    """How many cases and evidence items a database (or a backup of one) holds."""
    connection = _connect(path, key)
    try:
        cases = connection.execute("SELECT count(*) FROM cases").fetchone()[0]
        evidence = connection.execute("SELECT count(*) FROM evidence_items").fetchone()[0]
    finally:
        connection.close()
    return int(cases), int(evidence)


@dataclass(frozen=True)
class CustodyFinding:
    """A piece of evidence whose custody record does not hold (or no longer matches it)."""

    case_number: str
    title: str
    problems: tuple[str, ...]


_ITEM_COLUMNS = (
    "id, case_id, title, original_name, sha256, size_bytes, captured_at, captured_offset, "
    "capture_source, kind, redactions, custody_head, sensitive, no_blackout_confirmed_at"
)
_ENTRY_COLUMNS = (
    "id, evidence_id, case_id, recorded_at, action, details, facts, previous_hash, entry_hash"
)


def custody_findings(path: Path, key: DataKey | None = None) -> list[CustodyFinding]:
    """Every item whose custody chain is broken or whose recorded facts differ from its row
    (a database from before custody records has none to check)."""
    connection = _connect(path, key)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if "custody_entries" not in tables:
            return []
        case_numbers = {
            r[0]: str(r[1]) for r in connection.execute("SELECT id, case_number FROM cases")
        }
        items = {r[0]: r for r in connection.execute(f"SELECT {_ITEM_COLUMNS} FROM evidence_items")}
        chains: dict[int, list[StoredEntry]] = {}
        for r in connection.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM custody_entries ORDER BY evidence_id, id"
        ):
            chains.setdefault(r[1], []).append(StoredEntry(*r))
    finally:
        connection.close()
    findings = []
    for evidence_id in sorted(set(items) | set(chains)):
        row, entries = items.get(evidence_id), chains.get(evidence_id, [])
        facts = (
            None
            if row is None
            else recorded_facts(
                sha256=row[4],
                size=row[5],
                captured_at=row[6],
                captured_offset=row[7],
                capture_source=row[8],
                kind=row[9],
                redactions=row[10],
                sensitive=row[12],
                no_blackout_confirmed_at=row[13],
            )
        )
        problems = item_problems(entries, facts, None if row is None else row[11])
        if problems:
            case_id = row[1] if row is not None else entries[-1].case_id
            case_number = case_numbers.get(case_id, f"#{case_id}")
            title = (row[2] or row[3]) if row is not None else ""
            findings.append(
                CustodyFinding(
                    case_number,
                    title or _("evidence #{number}").format(number=evidence_id),
                    tuple(problems),
                )
            )
    return sorted(findings, key=lambda f: (f.case_number, f.title))
