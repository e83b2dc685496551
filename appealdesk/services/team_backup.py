"""Moving cases between a team database and a database file, in the archive of ``backup``.

A backup of a team database is the same archive as a file's (``appealdesk backup``): a
SQLite database with every row, read from one snapshot of the team database, and every
evidence file. So a team can give a case file to one person, and that person's archive can
go into a new team database: ``restore`` loads an archive (checked as any backup is, by
restoring it into a file first) into a team database that holds no cases yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import DatabaseError
from appealdesk.domain.models import SQLModel
from appealdesk.i18n import _
from appealdesk.store.work_folder import work_item

if TYPE_CHECKING:
    from appealdesk.store.backup.archive import ArchiveSummary
    from appealdesk.store.database import Database
    from appealdesk.store.encryption.keys import DataKey

BATCH = 1000


def copy_rows(source: Any, target: Any) -> dict[str, int]:
    """Every row of every table of the models, parents first; the number copied per table.
    ``source`` and ``target`` are SQLAlchemy connections in their transactions."""
    from sqlalchemy import insert, select

    counts: dict[str, int] = {}
    for table in SQLModel.metadata.sorted_tables:
        result = source.execute(select(table).order_by(*table.primary_key.columns))
        counts[table.name] = 0
        while batch := result.fetchmany(BATCH):
            target.execute(insert(table), [dict(row._mapping) for row in batch])
            counts[table.name] += len(batch)
    return counts


def replace_rows(source: Any, target: Any) -> dict[str, int]:
    """Every row of ``source`` into the team database of ``target`` (both SQLAlchemy
    connections), in place of the reference data a new one was given; its sequences then go
    on after the highest ids copied."""
    from sqlalchemy import text

    target.execute(text("DELETE FROM platform_channels"))
    target.execute(text("DELETE FROM workspace"))
    counts = copy_rows(source, target)
    for table in SQLModel.metadata.sorted_tables:
        if "id" in table.columns:
            target.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                )
            )
    return counts


def write_team_backup(db: Database, target: Path) -> ArchiveSummary:
    """The archive of a team database: its rows as a database file, and its evidence."""
    from appealdesk.store.backup.archive import write_archive
    from appealdesk.store.sqlite_database import open_sqlite_database

    with work_item(db.path, "backup") as work:
        snapshot = work / "team.db"
        copy = open_sqlite_database(snapshot)
        try:
            with db.reading() as session, copy.engine.begin() as connection:
                copy_rows(session.connection(), connection)
        finally:
            copy.close()
        return write_archive(snapshot, db.evidence, target)


def restore_into_team(
    db: Database, source: Path, key: DataKey | None = None
) -> tuple[dict[str, int], list[str]]:
    """Loads the archive ``source`` into the team database ``db``, which must hold no cases:
    the rows copied per table, and the digests of the evidence files the archive lacked.
    The archive is restored into a file first, with every check a restore makes."""
    from appealdesk.services import restore
    from appealdesk.store.encryption import cipher_for
    from appealdesk.store.evidence_store import EvidenceStore, evidence_dir_for
    from appealdesk.store.sqlite_database import open_sqlite_database

    db.require_writable()
    if db.rows("SELECT 1 FROM cases LIMIT 1"):
        raise DatabaseError(
            _(
                "{url} holds cases already: a backup goes into a team database without any. "
                "Create a new, empty one for it."
            ).format(url=db.location)
        )
    with work_item(db.path, "restore") as work:
        staged = work / "incoming.db"
        restore.restore(staged, source, key=key)
        incoming = open_sqlite_database(staged, create=False, key=key)
        try:
            files = EvidenceStore(evidence_dir_for(staged), cipher_for(key))
            digests = [
                str(row[0]) for row in incoming.rows("SELECT DISTINCT sha256 FROM evidence_items")
            ]
            missing = [sha256 for sha256 in digests if not files.exists(sha256)]
            for sha256 in digests:
                if sha256 not in missing:
                    with files.open(sha256) as handle:
                        db.evidence.put_chunks(iter(lambda: handle.read(1 << 20), b""))
            with incoming.reading() as session, db.transaction() as team:
                counts = replace_rows(session.connection(), team.connection())
        finally:
            incoming.close()
    return counts, missing
